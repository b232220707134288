"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright.

Needs `apt-get install chromium` and `pip install playwright` (never `playwright install`: the
browser is the system one). Screenshots go to tests/screenshots/ (gitignored).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is absent (apt-get install -y chromium)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(app: Any) -> Iterator[str]:
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.on("requestfailed", lambda r: errors.append(f"failed {r.url}"))
        tab.errors = errors
        yield tab
        browser.close()


def test_overview_map_is_coloured(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?actor=VEN", wait_until="networkidle")
    coloured = page.locator("svg.map g.country.data")
    assert coloured.count() >= 1
    fill = coloured.first.locator("path, circle").first.get_attribute("fill")
    assert fill and fill.startswith("#") and fill != "#e4e4e4"
    assert page.locator("svg.map g.country.focus").count() == 1
    assert page.locator("svg.line-chart.dyad polyline").count() >= 1
    page.screenshot(path=str(SHOTS / "overview.png"), full_page=True)
    assert not page.errors


def test_bloc_map_on_the_world_view(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?actor=CELAC&view=world", wait_until="networkidle")
    assert page.locator("svg.map-world g.country.focus").count() >= 20
    page.screenshot(path=str(SHOTS / "overview_celac_world.png"))


def test_event_table_click_opens_the_sentence(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/events", wait_until="networkidle")
    rows = page.locator("tr.event-row")
    assert rows.count() >= 10
    rows.first.locator("td.sentence a").click()
    detail = page.locator("#detail-sentence")
    detail.wait_for(state="visible", timeout=5000)
    assert page.locator("#detail-sentence mark.trigger").count() == 1
    marked = page.locator("#detail-sentence mark").all_text_contents()
    assert all(text.strip() for text in marked)
    assert page.url.endswith("/events"), "the click opens the panel, not a new page"
    page.screenshot(path=str(SHOTS / "events_detail.png"))
    assert not page.errors


def test_actor_and_person_pages(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/actors/VEN", wait_until="networkidle")
    assert page.locator("h1").first.text_content().startswith("Venezuela")
    page.screenshot(path=str(SHOTS / "actor_ven.png"), full_page=True)
    page.goto(f"{base_url}/people/andres-manuel-lopez-obrador", wait_until="networkidle")
    assert "head_of_state" in page.content()
    page.screenshot(path=str(SHOTS / "person_amlo.png"))


def test_swagger_docs_render_offline(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/docs", wait_until="networkidle")
    page.locator(".opblock").first.wait_for(timeout=10000)
    assert page.locator(".opblock").count() >= 10
    page.screenshot(path=str(SHOTS / "docs.png"))
    assert not [e for e in page.errors if "127.0.0.1" not in e]
