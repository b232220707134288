"""Language identification with py3langid, and the language policy of the read stage.

py3langid knows ~140 languages, many of them regional languages close to Spanish (Galician,
Asturian, Aragonese, Extremaduran) or rarely seen in news (Latin, Esperanto, Volapük). On short
news text those attract Spanish and English by mistake, so detection is restricted to
`CANDIDATE_LANGUAGES`: English, Spanish and the major languages a foreign-policy news file may
otherwise be in, so that those are recognised (and refused) rather than misread as Spanish.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from blocwatch.contract import Document
from blocwatch.errors import ReadError, UnsupportedLanguageError
from blocwatch.read._common import SUPPORTED_LANGUAGES

logger = logging.getLogger(__name__)

UNDETERMINED = "und"
"""ISO 639-2 code returned when a text is too short to identify."""
MIN_LETTERS = 20
"""Fewer letters than this and `detect_language` does not guess."""
LOW_CONFIDENCE = 0.5
SAMPLE_CHARS = 5_000

CANDIDATE_LANGUAGES = (
    "en", "es", "pt", "fr", "it", "de", "nl", "ca", "ro", "pl", "cs", "sv", "da", "no", "fi",
    "hu", "el", "tr", "ru", "uk", "bg", "sr", "hr", "ar", "fa", "he", "hi", "ur", "bn", "zh",
    "ja", "ko", "vi", "id", "ms", "tl", "sw", "ht",
)
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "pt": "Portuguese", "fr": "French", "it": "Italian",
    "de": "German", "nl": "Dutch", "ca": "Catalan", "ro": "Romanian", "pl": "Polish",
    "cs": "Czech", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "hu": "Hungarian", "el": "Greek", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian",
    "bg": "Bulgarian", "sr": "Serbian", "hr": "Croatian", "ar": "Arabic", "fa": "Persian",
    "he": "Hebrew", "hi": "Hindi", "ur": "Urdu", "bn": "Bengali", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "vi": "Vietnamese", "id": "Indonesian", "ms": "Malay",
    "tl": "Tagalog", "sw": "Swahili", "ht": "Haitian Creole",
}
LANG_OPTIONS = ("auto", *SUPPORTED_LANGUAGES)
_FORCE_HINT = "if this is wrong, force the language with --lang en or --lang es"

_lock = threading.Lock()
_state: dict[str, Any] = {}


def _identifier() -> Any:
    """The restricted identifier, loaded once (the model ships inside py3langid)."""
    identifier = _state.get("identifier")
    if identifier is None:
        with _lock:
            identifier = _state.get("identifier")
            if identifier is None:
                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(list(CANDIDATE_LANGUAGES))
                _state["identifier"] = identifier
    return identifier


def count_letters(text: str) -> int:
    return sum(1 for char in text if char.isalpha())


def detect_language(text: str) -> tuple[str, float]:
    """Return (ISO 639-1 code, confidence in [0, 1]) for `text`.

    Only the first few thousand characters are looked at. A text with fewer than
    `MIN_LETTERS` letters gives ("und", 0.0): too short to tell.
    """
    sample = text[:SAMPLE_CHARS]
    if count_letters(sample) < MIN_LETTERS:
        return UNDETERMINED, 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), round(float(confidence), 4)


def normalize_lang_code(value: str) -> str:
    """'EN', 'es-MX', 'es_ES ' -> 'en', 'es', 'es'."""
    return value.strip().replace("_", "-").split("-")[0].lower()


def check_lang_option(lang: str) -> str:
    """Validate the `lang` option ('auto', 'en' or 'es'); raise ValueError otherwise."""
    value = lang.strip().lower() if isinstance(lang, str) else lang
    if value not in LANG_OPTIONS:
        raise ValueError(f"lang must be one of {', '.join(LANG_OPTIONS)}, not {lang!r}")
    return value


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def assign_language(doc: Document, *, lang: str = "auto") -> Document:
    """Set `doc.lang` following the policy; raise ReadError when it cannot be set.

    A forced `lang` ('en'/'es') wins; else the document's own `lang` field; else detection,
    falling back on a language the source declared (HTML lang attribute, feed language) when
    the text is too short or detection unsure. Records how in `doc.meta['lang_source']`.
    """
    option = check_lang_option(lang)
    if option != "auto":
        return _set(doc, option, "forced", 1.0)
    if doc.lang:
        return _use_declared_field(doc)
    code, confidence = detect_language(doc.text)
    declared = _declared_hint(doc)
    if code in SUPPORTED_LANGUAGES and confidence >= LOW_CONFIDENCE:
        return _set(doc, code, "detected", confidence)
    if declared and (code == UNDETERMINED or confidence < LOW_CONFIDENCE):
        return _set(doc, declared, "declared", confidence)
    if code == UNDETERMINED:
        letters = count_letters(doc.text[:SAMPLE_CHARS])
        raise ReadError(
            doc.id,
            f"text is too short to detect its language ({letters} letters; "
            f"at least {MIN_LETTERS} are needed)",
            hint="force the language with --lang en or --lang es, "
            'or give the document a "lang" field',
        )
    if code in SUPPORTED_LANGUAGES:
        logger.debug("%s: language %s detected with low confidence %.2f", doc.id, code,
                     confidence)
        return _set(doc, code, "detected", confidence)
    raise UnsupportedLanguageError(
        doc.id,
        f"detected language is {language_name(code)} ({code}, confidence {confidence:.2f}); "
        "blocwatch codes only English (en) and Spanish (es)",
        hint=_FORCE_HINT,
    )


def _use_declared_field(doc: Document) -> Document:
    declared = doc.lang or ""
    code = normalize_lang_code(declared)
    if code in SUPPORTED_LANGUAGES:
        return _set(doc, code, "document", 1.0)
    raise UnsupportedLanguageError(
        doc.id,
        f"the document's lang field says {declared!r}; blocwatch codes only English (en) "
        "and Spanish (es)",
        hint=f"{_FORCE_HINT} (or correct its lang field)",
    )


def _declared_hint(doc: Document) -> str | None:
    value = doc.meta.get("declared_lang")
    if not isinstance(value, str):
        return None
    code = normalize_lang_code(value)
    return code if code in SUPPORTED_LANGUAGES else None


def _set(doc: Document, code: str, source: str, confidence: float) -> Document:
    doc.lang = code
    doc.meta["lang_source"] = source
    doc.meta["lang_confidence"] = confidence
    return doc
