"""Puts any channel's text in the shape the NLU was trained on: speech recognition output
(lowercase, no punctuation). Typed text and Whisper's punctuated transcripts both pass here."""

from __future__ import annotations

import re

# Keep letters, digits, apostrophes inside words, and points or commas inside numbers ("49.90").
_DROP = re.compile(r"[.,](?!\d)|(?<!\d)[.,]|[^\w\s'.,€$-]|(?<!\w)'|'(?!\w)|(?<!\w)-|-(?!\w)")


def for_nlu(text: str) -> str:
    return " ".join(_DROP.sub(" ", text.lower()).split())
