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

_DAY = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:(?:0?[1-9]|1[0-2])\.)?")
"""A day with its period ("3.") or a day and month ("3.12."): German writes dates so."""


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
    if _DAY.fullmatch(word):
        # "am 3. Dezember", "am 3.12. möglich": a date when a month or a lower-case word follows
        following = line[m.end() :].split(None, 1)
        after = following[0].rstrip(".,;:!?") if following else ""
        return not (after[:1].islower() or after in normalizer.rules.ordinal_followers)
    if normalizer.is_number_abbreviation(word):
        # "no. 5" is "number 5"; "I said no. Then ..." ends a sentence.
        rest = line[m.end() :].lstrip()
        return not (rest[:1].isdigit() or rest[:1] == "#")
    return not normalizer.is_abbreviation(word)


_CLAUSE_END = re.compile(r"[,;:—](?=\s)")
"""A comma, semicolon, colon or dash followed by a space: where a voice pauses inside a sentence."""
FIRST_CLAUSE_WORDS = 4
"""Fewest words on either side of a split, so neither part sounds clipped."""


def split_first_clause(sentence: str, min_words: int = FIRST_CLAUSE_WORDS) -> list[str]:
    """A long sentence as its first clause and the rest, so the first audio of a reply is ready sooner.

    "I found three rain jackets: the Aigle one, ..." becomes ["I found three rain jackets:", "the
    Aigle one, ..."]; a sentence with no clause mark with `min_words` words either side stays whole.
    """
    for m in _CLAUSE_END.finditer(sentence):
        head, tail = sentence[: m.end()].strip(), sentence[m.end() :].strip()
        if len(head.split()) >= min_words and len(tail.split()) >= min_words:
            return [head, tail]
    return [sentence]


def split_clauses(sentence: str, min_words: int = FIRST_CLAUSE_WORDS) -> list[str]:
    """A sentence cut at every clause mark that leaves `min_words` words on both sides."""
    parts = split_first_clause(sentence, min_words)
    return parts if len(parts) == 1 else [parts[0], *split_clauses(parts[1], min_words)]


class SentenceBuffer:
    """Text that arrives in pieces (a Wyoming `synthesize-chunk` stream), cut into whole sentences.

    `add` returns the sentences a piece completed; the last one seen is held back until more text
    (or `finish`) shows it is whole, so "Dr." or "24." never ends one early.
    """

    def __init__(self, rules: TtsRules = DEFAULT.tts) -> None:
        self.rules = rules
        self._text = ""

    def add(self, piece: str) -> list[str]:
        self._text += piece
        sentences = split_sentences(self._text, self.rules)
        if len(sentences) < 2:
            return []
        self._text = self._text[self._text.rfind(sentences[-1]) :]
        return sentences[:-1]

    def finish(self) -> list[str]:
        """Whatever is left, as sentences; the buffer is empty after."""
        rest, self._text = self._text, ""
        return split_sentences(rest, self.rules)
