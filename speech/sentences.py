"""Split a reply into sentences so synthesis can start on the first one."""

from __future__ import annotations

import re

from fulfillment.lang import DEFAULT
from fulfillment.lang.speech import TtsRules
from speech.normalize import SpeechNormalizer, normalizer_for

_CANDIDATE_END = re.compile(r"[.!?…]+[\"')\]]*(?=\s+|$)")
"""Punctuation that may end a sentence, followed by whitespace or the end of the text."""

_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
"""A single capital with a period ("J.") is an initial, not a sentence end."""


def split_sentences(text: str, rules: TtsRules = DEFAULT.tts) -> list[str]:
    """Return the sentences of `text`, stripped, in order; line breaks also end a sentence.

    Abbreviations (`approx.`, `e.g.`, `St.`, `no. 5`) and decimals (`24.90`) stay inside
    their sentence; which words are abbreviations comes from the language's `rules`.
    """
    normalizer = normalizer_for(rules)
    sentences: list[str] = []
    for line in text.splitlines():
        start = 0
        for m in _CANDIDATE_END.finditer(line):
            if not _ends_sentence(line, m, normalizer):
                continue
            sentences.append(line[start : m.end()].strip())
            start = m.end()
        sentences.append(line[start:].strip())
    return [s for s in sentences if s]


def _ends_sentence(line: str, m: re.Match[str], normalizer: SpeechNormalizer) -> bool:
    if m.group(0) != ".":
        return True
    before = line[: m.end()]
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    if _INITIAL.search(before):
        return False
    if normalizer.is_number_abbreviation(word):
        # "no. 5" is "number 5"; "I said no. Then ..." ends a sentence.
        rest = line[m.end() :].lstrip()
        return not (rest[:1].isdigit() or rest[:1] == "#")
    return not normalizer.is_abbreviation(word)
