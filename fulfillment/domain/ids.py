"""Short, speakable ids: no look-alike characters (no B/8, O/0, I/1/L, S/5, G, Q, Z/2)."""

from __future__ import annotations

import secrets
from collections.abc import Callable

SPEAKABLE = "ACDEFHJKMNPRTUVWXY34679"


def speakable_id(length: int = 6, exists: Callable[[str], bool] | None = None) -> str:
    """A random id; `exists` lets the caller retry on the (rare) collision."""
    while True:
        candidate = "".join(secrets.choice(SPEAKABLE) for _ in range(length))
        if exists is None or not exists(candidate):
            return candidate


def normalize_spoken_id(text: str) -> str:
    """'k 7 m 3 p x' or 'K7-M3PX' -> 'K7M3PX' (ASR often spells ids out)."""
    return "".join(ch for ch in text.upper() if ch.isalnum())
