"""Watch mode against an RSS feed served on 127.0.0.1 whose content changes between rounds."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from blocwatch.cli import main
from blocwatch.coder import Coder
from blocwatch.scale import parse_every, watch, watch_round
from blocwatch.store import open_store

ITEMS = [
    ("item-1", "Mon, 05 Sep 2022 09:00:00 GMT",
     "Colombian President Gustavo Petro met Venezuelan President Nicolás Maduro in Caracas on "
     "Saturday."),
    ("item-2", "Tue, 06 Sep 2022 09:00:00 GMT",
     "Peru accused Chile of interfering in its internal affairs on Monday."),
    ("item-3", "Wed, 07 Sep 2022 09:00:00 GMT",
     "Mexico sent humanitarian aid to Cuba after the hurricane on Tuesday."),
]


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{guid}</title><guid>{guid}</guid><pubDate>{date}</pubDate>"
        f"<description>{text}</description></item>" for guid, date, text in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Test wire</title><language>en</language>{entries}</channel></rss>"
            ).encode()


class Feed:
    """A feed server: `body` is what /feed.xml serves now; other paths are 404."""

    def __init__(self) -> None:
        self.body = rss(ITEMS[:2])
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path != "/feed.xml":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(feed.body)))
                self.end_headers()
                self.wfile.write(feed.body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        self.missing = f"http://127.0.0.1:{self.server.server_address[1]}/gone.xml"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def feed() -> Iterator[Feed]:
    server = Feed()
    yield server
    server.close()


def _doc_ids(db: Path) -> list[str]:
    with open_store(db, read_only=True) as store:
        return sorted(store.query("SELECT doc_id FROM documents").column("doc_id").to_pylist())


def test_only_new_items_are_added(feed: Feed, coder_all: Coder, tmp_path: Path) -> None:
    db = tmp_path / "watch.duckdb"
    first = watch_round([feed.url, feed.missing], db=db, coder=coder_all, number=1)
    assert (first.read, first.new) == (2, 2)
    assert first.events > 0
    assert [f for f, _ in first.feed_errors] == [feed.missing]  # logged, the round went on
    assert _doc_ids(db) == ["item-1", "item-2"]

    feed.body = rss(ITEMS)  # the feed moves on: one new item
    second = watch_round([feed.url, feed.missing], db=db, coder=coder_all, number=2)
    assert (second.read, second.new) == (3, 1)
    assert _doc_ids(db) == ["item-1", "item-2", "item-3"]

    quiet = watch_round([feed.url], db=db, coder=coder_all, number=3)
    assert (quiet.new, quiet.run_id) == (0, None)  # nothing new: no run recorded
    with open_store(db, read_only=True) as store:
        assert store.counts()["runs"] == 2
        assert store.counts()["bad_documents"] == 0


def test_watch_loops_and_sleeps(feed: Feed, coder_all: Coder, tmp_path: Path) -> None:
    slept: list[float] = []
    rounds = list(watch([feed.url], db=tmp_path / "w.duckdb", every=900, coder=coder_all,
                        rounds=3, sleep=slept.append))
    assert [r.new for r in rounds] == [2, 0, 0]
    assert len(slept) == 2 and all(0 < s <= 900 for s in slept)


def test_cli_once_and_restart(feed: Feed, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    args = ["watch", feed.url, "--db", str(db), "--every", "15m", "--once", "--json"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert '"new": 2' in result.stdout
    feed.body = rss(ITEMS)
    restarted = runner.invoke(main, args)  # a new process: the store is the only state
    assert restarted.exit_code == 0, restarted.output
    assert '"new": 1' in restarted.stdout
    assert _doc_ids(db) == ["item-1", "item-2", "item-3"]


def test_feed_file_and_bad_feed(tmp_path: Path, coder_all: Coder) -> None:
    good = tmp_path / "wire.xml"
    good.write_bytes(rss(ITEMS[2:]))
    bad = tmp_path / "broken.xml"
    bad.write_text("this is not a feed", encoding="utf-8")
    report = watch_round([str(bad), str(good)], db=tmp_path / "f.duckdb", coder=coder_all)
    assert report.new == 1
    assert [f for f, _ in report.feed_errors] == [str(bad)]


@pytest.mark.parametrize(("text", "seconds"), [
    ("15m", 900), ("90s", 90), ("90", 90), ("1h30m", 5400), ("2h", 7200), ("1d", 86400),
    ("0.5m", 30),
])
def test_parse_every(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "m", "15x", "15m!", "-5m"])
def test_parse_every_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_every(text)
