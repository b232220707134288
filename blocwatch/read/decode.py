"""Bytes to text: UTF-8, byte-order marks, UTF-16, then Western legacy encodings.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); UTF-16 without a mark is recognised
by its zero bytes; NUL bytes otherwise mean a binary file; then strict UTF-8; then an encoding
the document declares (HTML meta charset); then charset-normalizer, restricted to the legacy
encodings English and Spanish text comes in (cp1252, Latin-1, Latin-9, Mac Roman). A text
decoded from a legacy encoding is a success, logged as a warning.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from blocwatch.errors import ReadError

logger = logging.getLogger(__name__)

LEGACY_ENCODINGS = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 4096
_CHECK_CHARS = 65_536
_MAX_CONTROL_RATIO = 0.05
# C0/C1 control characters other than tab, newlines, form feed and escape; the replacement char.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")


def binary_error(doc_id: str, reason: str) -> ReadError:
    return ReadError(
        doc_id, f"looks like a binary file, not text ({reason})",
        hint="blocwatch reads text: .txt, .html, .jsonl or RSS/Atom; "
        "convert the file to text (UTF-8) first",
    )


def undecodable_error(doc_id: str) -> ReadError:
    return ReadError(
        doc_id,
        "cannot decode the text: it is not UTF-8, UTF-16 or a Western legacy encoding "
        "(Latin-1, cp1252)",
        hint="re-save the file as UTF-8 (for example: iconv -f ENCODING -t UTF-8)",
    )


def decode_bytes(
    data: bytes, *, doc_id: str, declared: str | None = None, warn: bool = True
) -> tuple[str, str]:
    """Decode `data` to text; return (text, encoding name). Raise ReadError when impossible.

    The byte-order mark, if any, is not part of the returned text. A legacy encoding is
    logged as a warning unless `warn` is false.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_strict(data, encoding, doc_id=doc_id), encoding
    bomless = _bomless_utf16(data)
    if bomless:
        return _decode_strict(data, bomless, doc_id=doc_id), bomless
    if b"\x00" in data:
        raise binary_error(doc_id, "it contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_mostly_text(text, doc_id=doc_id)
        return text, "utf-8"
    text, encoding = _decode_legacy(data, doc_id=doc_id, declared=declared)
    _check_mostly_text(text, doc_id=doc_id)
    if warn:
        logger.warning("%s: not UTF-8; decoded as %s", doc_id, encoding)
    return text, encoding


def _decode_strict(data: bytes, encoding: str, *, doc_id: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            doc_id, f"invalid {encoding} text at byte {exc.start}",
            hint="re-save the file as UTF-8",
        ) from exc
    _check_mostly_text(text, doc_id=doc_id)
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when zero bytes sit regularly at odd or even offsets."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4 or len(sample) % 2 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    zeros_even = sample[0::2].count(0) / half
    zeros_odd = sample[1::2].count(0) / half
    if zeros_odd > 0.3 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.3 and zeros_odd < 0.02:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, *, doc_id: str, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            codec = codecs.lookup(declared).name
            if codec not in ("utf-8", "utf-16", "utf-32"):
                return data.decode(codec), codec
        except (LookupError, UnicodeDecodeError):
            logger.debug("%s: declared encoding %r does not decode it", doc_id, declared)
    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise undecodable_error(doc_id)
    return str(best), best.encoding


def _check_mostly_text(text: str, *, doc_id: str) -> None:
    """Raise a binary-file ReadError when the text is largely control characters."""
    sample = text[:_CHECK_CHARS]
    if not sample:
        return
    bad = len(_NOT_TEXT.findall(sample))
    if bad / len(sample) > _MAX_CONTROL_RATIO:
        raise binary_error(doc_id, f"{bad} of its first {len(sample)} characters are not text")
