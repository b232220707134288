"""HTML to plain text with lxml: fragments (feed summaries) and the main part of a page."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from blocwatch.read.dates import parse_any_date

BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "table", "td", "th", "tr", "ul",
))
NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed")
BOILERPLATE_TAGS = ("nav", "header", "footer", "aside", "form", "menu", "button")
DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)",
                        re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")


def fragment_to_text(markup: str) -> str:
    """The text of an HTML fragment, one line per block, whitespace tidied."""
    if "<" not in markup and "&" not in markup:
        return tidy_lines(markup)
    try:
        root = lxml.html.fragment_fromstring(_strip_declaration(markup), create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return tidy_lines(markup)
    return element_text(root)


def parse_document(markup: str) -> lxml.html.HtmlElement | None:
    """Parse a whole page leniently; None when lxml finds nothing in it."""
    try:
        return lxml.html.document_fromstring(_strip_declaration(markup))
    except (lxml.etree.ParserError, ValueError):
        return None


def main_text(root: lxml.html.HtmlElement) -> str:
    """Text of <article>, else <main>, else <body>, without scripts, menus and footers."""
    for xpath in ("//article", "//main", "//body"):
        found = root.xpath(xpath)
        if found:
            container = found[0]
            break
    else:
        container = root
    _drop(container, NOISE_TAGS + BOILERPLATE_TAGS)
    return element_text(container)


def page_title(root: lxml.html.HtmlElement) -> str | None:
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        values = [str(value).strip() for value in root.xpath(xpath)]
        title = " ".join(value for value in values if value)
        if title:
            return _SPACES.sub(" ", title)
    return None


def page_date(root: lxml.html.HtmlElement) -> str | None:
    """The publication date from meta tags or <time datetime>, as an ISO date string."""
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in DATE_META:
            found = parse_any_date(meta.get("content") or "")
            if found:
                return found.isoformat()
    for node in root.xpath("//time[@datetime]"):
        found = parse_any_date(node.get("datetime") or "")
        if found:
            return found.isoformat()
    return None


def declared_language(markup: str) -> str | None:
    """The lang attribute of the <html> tag, if any."""
    match = _HTML_LANG.search(markup[:4_096])
    return match.group(1) if match else None


def element_text(element: lxml.html.HtmlElement) -> str:
    """Text content with a line break around each block element."""
    _drop(element, NOISE_TAGS)
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag.lower() in BLOCK_TAGS:
            node.tail = "\n" + (node.tail or "")
            node.text = "\n" + (node.text or "")
    return tidy_lines(element.text_content())


def tidy_lines(text: str) -> str:
    """Collapse runs of spaces, trim each line and drop empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _drop(element: lxml.html.HtmlElement, tags: tuple[str, ...]) -> None:
    for node in list(element.iter(*tags)):
        if node is not element and node.getparent() is not None:
            node.drop_tree()


def _strip_declaration(markup: str) -> str:
    return _XML_DECLARATION.sub("", markup, count=1)
