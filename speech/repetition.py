"""Whisper's repetition loops, cut back to what was said.

A decoder that loses its place repeats a word or phrase until it runs out of tokens ("Hello,
hello, hello, ..." for a 4 s greeting). The repeats are the recogniser's invention, not the
shopper's, so they are collapsed to one copy, and what is left is capped by how much a person can
say in the clip's duration. No model and no language words: it works on any recogniser's text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from speech.transcriber import Transcript

MAX_UNIT_WORDS = 8
"""Longest phrase checked for back-to-back repeats; loops of longer phrases are rare and the
length cap still catches them."""
MIN_REPEATS = 3
"""A phrase said this many times in a row is a loop ("yes yes" is speech, a third copy is not)."""
CHARS_PER_SECOND = 25.0
"""Fast speech is about 15–20 characters a second (spaces included); more than this is invented."""
SLACK_CHARS = 30
"""Added to the cap so a 1 s "add the blue rain jacket" is never cut."""
TOKENS_PER_SECOND = 10.0
"""Whisper tokens a person can say per second (about 1.3 per word at 5 words a second, padded)."""
SLACK_TOKENS = 12
"""Added to the token cap for punctuation and a short clip's leading words."""
_CHAR_LOOP = re.compile(r"([^\W\d_]{1,6}?)\1{7,}")
"""A run of letters repeated eight or more times inside one word ("hahahahahahahaha")."""


@dataclass(frozen=True)
class Collapsed:
    """Text after loops were cut."""

    text: str
    """The text with each loop reduced to one copy, capped to what fits the duration."""
    looped: bool
    """True when a loop was found (or the text had to be cut to fit the duration)."""


def max_chars(duration_s: float) -> int:
    """The most text a person can say in `duration_s` seconds."""
    return int(CHARS_PER_SECOND * max(duration_s, 0.0)) + SLACK_CHARS


def max_new_tokens(duration_s: float, ceiling: int) -> int:
    """Decoding steps allowed for a clip of `duration_s`: a loop stops here instead of at 448."""
    return max(1, min(ceiling, math.ceil(TOKENS_PER_SECOND * max(duration_s, 0.0)) + SLACK_TOKENS))


def collapse_loops(text: str, duration_s: float | None = None) -> Collapsed:
    """`text` with repeated phrases cut to one copy, then capped by `duration_s` (if given)."""
    unlooped = _CHAR_LOOP.sub(r"\1", text)
    kept, cut = _collapse_words(unlooped.split())
    looped = cut or unlooped != text
    out = " ".join(kept)
    if duration_s is not None and len(out) > max_chars(duration_s):
        out = _cut_at_word(out, max_chars(duration_s))
        looped = True
    return Collapsed(out, looped)


def _collapse_words(words: list[str]) -> tuple[list[str], bool]:
    """One pass, left to right: at each position, the shortest phrase repeated `MIN_REPEATS`
    times or more is kept once and its repeats are skipped."""
    keys = [_key(w) for w in words]
    kept: list[str] = []
    cut = False
    i = 0
    while i < len(words):
        step = _loop_at(keys, i)
        if step is None:
            kept.append(words[i])
            i += 1
            continue
        unit, repeats = step
        kept.extend(words[i + (repeats - 1) * unit : i + repeats * unit])  # the last copy keeps its punctuation
        i += repeats * unit
        cut = True
    return kept, cut


def _loop_at(keys: list[str], i: int) -> tuple[int, int] | None:
    """(phrase length, repeats) of a loop starting at `i`, or None."""
    for unit in range(1, MAX_UNIT_WORDS + 1):
        phrase = keys[i : i + unit]
        if len(phrase) < unit or not any(phrase):
            return None
        repeats = 1
        while keys[i + repeats * unit : i + (repeats + 1) * unit] == phrase:
            repeats += 1
        if repeats >= MIN_REPEATS:
            return unit, repeats
    return None


def _key(word: str) -> str:
    """A word as compared for repeats: lowercased, punctuation dropped."""
    return re.sub(r"[^\w']", "", word.lower())


def _cut_at_word(text: str, limit: int) -> str:
    head = text[: limit + 1]
    return (head.rsplit(None, 1)[0] if " " in head else head[:limit]).rstrip(" ,;:-")


def fit_transcript(transcript: Transcript, max_text_chars: int | None = None) -> Transcript:
    """`transcript` with loops collapsed and its text cut to the duration and to `max_text_chars`.

    Any recogniser's output passes here before it becomes a turn, so a valid clip is never refused
    for being "too long": what the recogniser invented is dropped instead. Text without a word
    (a loop of dashes) was all invention: the transcript becomes a `hallucination`.
    """
    if not transcript.heard_speech:
        return transcript
    text = _fit(transcript.text, transcript.duration_s, max_text_chars)
    if not _key(text.replace(" ", "")):  # nothing but punctuation: no word was heard
        return Transcript.silence(transcript.duration_s, transcript.language, "hallucination",
                                  avg_logprob=transcript.avg_logprob, no_speech_prob=transcript.no_speech_prob)
    alternatives = tuple(fitted for other in transcript.alternatives
                         if _key((fitted := _fit(other, transcript.duration_s, max_text_chars)).replace(" ", "")))
    if text == transcript.text and alternatives == transcript.alternatives:
        return transcript
    return replace(transcript, text=text, alternatives=alternatives)


def _fit(text: str, duration_s: float, max_text_chars: int | None) -> str:
    fitted = collapse_loops(text, duration_s).text
    too_long = max_text_chars is not None and len(fitted) > max_text_chars
    return _cut_at_word(fitted, max_text_chars) if too_long and max_text_chars is not None else fitted
