"""RSS/Atom feeds from files and over HTTP (a local server in a thread)."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from read_helpers import ES_TEXT, assert_actionable, split

from blocwatch.errors import ReadError
from blocwatch.read import iter_feed, iter_feed_url

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Mundo</title><language>es-ES</language>
<item><title>Castillo y AMLO</title><link>https://example.org/a</link>
<guid>urn:mundo:a</guid><pubDate>Sat, 18 Sep 2021 23:30:00 -0500</pubDate>
<description>&lt;p&gt;{ES_TEXT}&lt;/p&gt;&lt;p&gt;Firmaron un &lt;b&gt;acuerdo&lt;/b&gt;.&lt;/p&gt;
</description></item>
<item><title>Sin guid</title><link>https://example.org/b</link>
<description>{ES_TEXT}</description></item>
<item><title>Solo título</title><link>https://example.org/c</link></item>
<item><title>Ni enlace</title><description>{ES_TEXT}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>World</title>
<entry><id>urn:1</id><title type="html">Cumbre &lt;i&gt;CELAC&lt;/i&gt;</title>
<link href="https://example.org/atom/1"/>
<updated>2021-09-19T04:00:00Z</updated><published>2021-09-18T22:00:00-05:00</published>
<summary>corto</summary><content type="html">&lt;p&gt;{ES_TEXT}&lt;/p&gt;</content></entry>
</feed>"""


def _feed(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_rss_entries(tmp_path: Path) -> None:
    docs, errors = split(iter_feed(_feed(tmp_path, "mundo.rss", RSS)))
    assert [doc.id for doc in docs] == ["urn:mundo:a", "https://example.org/b", "mundo.rss#4"]
    first = docs[0]
    assert first.text == f"{ES_TEXT}\nFirmaron un acuerdo."
    assert first.title == "Castillo y AMLO" and first.url == "https://example.org/a"
    assert first.date == dt.date(2021, 9, 18)  # as published, not shifted to UTC
    assert first.meta["declared_lang"] == "es-ES" and first.meta["feed_title"] == "Mundo"
    assert docs[2].url is None
    (error,) = errors
    assert_actionable(error, "https://example.org/c", "no text", "entry 3")


def test_atom_entry(tmp_path: Path) -> None:
    (doc,) = list(iter_feed(_feed(tmp_path, "world.atom", ATOM)))
    assert not isinstance(doc, ReadError)
    assert doc.id == "urn:1" and doc.text == ES_TEXT  # content wins over summary
    assert doc.title == "Cumbre CELAC" and doc.url == "https://example.org/atom/1"
    assert doc.date == dt.date(2021, 9, 18)


def test_slightly_malformed_feed_still_gives_its_entries(tmp_path: Path) -> None:
    broken = RSS.replace("</channel></rss>", "<item><title>cut")
    docs, _ = split(iter_feed(_feed(tmp_path, "cut.xml", broken)))
    assert docs[0].id == "urn:mundo:a"


BAD_FEEDS = [
    ("garbage.xml", b"this is not xml at all <<<", "malformed feed"),
    ("truncated.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</ti",
     "malformed feed"),
    ("page.xml", b"<html><body><p>not a feed</p></body></html>", "not an RSS or Atom"),
    ("empty.rss", b"", "empty"),
    ("blank.atom", b"  \n ", "empty"),
]


@pytest.mark.parametrize(("name", "content", "fragment"), BAD_FEEDS,
                         ids=[case[0] for case in BAD_FEEDS])
def test_bad_feed_is_one_error(tmp_path: Path, name: str, content: bytes, fragment: str) -> None:
    (error,) = list(iter_feed(_feed(tmp_path, name, content)))
    assert isinstance(error, ReadError)
    assert_actionable(error, name, fragment)


def test_missing_feed_file(tmp_path: Path) -> None:
    (error,) = list(iter_feed(tmp_path / "gone.rss"))
    assert isinstance(error, ReadError)
    assert_actionable(error, "gone.rss", "not found")


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/feed.rss":
            body = RSS.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output quiet."""


@pytest.fixture
def feed_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_feed_over_http(feed_server: str) -> None:
    docs, errors = split(iter_feed_url(f"{feed_server}/feed.rss", timeout=10))
    assert [doc.id for doc in docs] == ["urn:mundo:a", "https://example.org/b",
                                        f"{feed_server}/feed.rss#4"]
    assert docs[0].source_path == f"{feed_server}/feed.rss"
    assert len(docs) == 3 and len(errors) == 1


def test_http_error_is_a_read_error(feed_server: str) -> None:
    url = f"{feed_server}/missing.rss"
    (error,) = list(iter_feed_url(url, timeout=10))
    assert isinstance(error, ReadError)
    assert_actionable(error, url, "404")


def test_connection_refused_is_a_read_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.rss"
    (error,) = list(iter_feed_url(url, timeout=10))
    assert isinstance(error, ReadError)
    assert_actionable(error, url, "cannot fetch")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/feed", "feed.rss"])
def test_only_http_urls(url: str) -> None:
    (error,) = list(iter_feed_url(url))
    assert isinstance(error, ReadError)
    assert_actionable(error, url, "not an http")
