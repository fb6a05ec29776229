"""Plain text to Alexa SSML and back.

Alexa's SSML is XML: `&`, `<`, `>`, `"` and `'` must be escaped, or Alexa rejects the response.
"""

from __future__ import annotations

import html
import re

MAX_SPEECH_CHARS = 8000
"""Alexa refuses an `outputSpeech` longer than 8000 characters (tags included)."""
_SPEECH_BUDGET = MAX_SPEECH_CHARS - 200
"""Room left for `<speak>` and the escapes that a last-minute cut may not account for."""

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"})
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")


def escape(text: str) -> str:
    """Escape text for use inside an SSML element."""
    return text.translate(_ESCAPES)


def to_ssml(text: str) -> str:
    """`<speak>` document speaking `text` (whitespace collapsed, cut at a sentence if too long)."""
    body = escape(_fit(_SPACES.sub(" ", text).strip()))
    return f"<speak>{body}</speak>"


def to_text(ssml: str) -> str:
    """What a person would hear: tags dropped, entities unescaped, whitespace collapsed."""
    return _SPACES.sub(" ", html.unescape(_TAG.sub(" ", ssml))).strip()


def _fit(text: str) -> str:
    if len(escape(text)) <= _SPEECH_BUDGET:
        return text
    cut = text[:_SPEECH_BUDGET]
    while len(escape(cut)) > _SPEECH_BUDGET:
        cut = cut[: len(cut) * 9 // 10]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > 0 else cut
