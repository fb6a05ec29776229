"""Whether a reply is fit to be spoken: the mechanical faults a listener hears at once.

Only what can be detected robustly is checked: doubled words, "..", unfilled slots, a count that disagrees
with its noun ("6 t-shirt"), a product named twice, the brand or nothing as a product's highlight, "a"/"an"
before the wrong sound, and length; the count and "a"/"an" rules are English grammar, for English replies.
Broken grammar in general ("Only the C40 is hand grinder") is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fulfillment.domain.models import Product
from fulfillment.tools.evaluation.languages import current
from fulfillment.tools.evaluation.spoken import NUMBER_WORDS, spoken_names

MAX_WORDS = 45
"""The issue asks for "at most about 40 words per voice turn"; 45 leaves the "about"."""

GENERIC_NOUNS = ("product", "item", "option", "result", "colour", "color", "size", "store", "order", "pair",
                 "review", "model")
_SLOT = re.compile(r"[{}\[\]<>]|\bNone\b|\bnull\b|\bnan\b|\bundefined\b|%[sd]|[a-z]_[a-z]")
_DOTS = re.compile(r"\.\s*\.")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s[.,;:!?](?!\d)")
_PUNCTUATION_RUN = re.compile(r"[,;:]\s*[,;:.!?]|[.!?]\s*[,;:]")
_EMPTY_HIGHLIGHT = re.compile(r":\s*([.,;!?]|$)")
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_ALLOWED_DOUBLES = frozenset({"bye"})
_PLURAL_NUMBER = r"(?<![\w.,€$£#])([2-9]|[1-9]\d+|" + "|".join(NUMBER_WORDS[2:]) + r")"
_SINGULAR_NUMBER = r"(?<![\w.,€$£#])(1|one)"
# Words between a count and its noun that make a compound ("2 person tent", "12 hour battery") or no count.
_GLUE = ("(?:person|hour|day|week|month|year|minute|cup|cups|litre|liter|ml|l|cm|mm|kg|g|million|speed|speeds"
         "|of|and|or|to|in|from|for|the|with|by|at|per|x|more|other|others|different|times)")
# "a" before a vowel sound, "an" before a consonant sound (lowercase words only: brands and acronyms vary).
_A_BEFORE_VOWEL = re.compile(r"\ba\s+(?!one\b|once\b|eu)([aeio]\w*)", re.IGNORECASE)
_AN_BEFORE_CONSONANT = re.compile(r"\ban\s+(?!h)([bcdfgjklmnpqrstvwxyz][a-z]*)\b")


@dataclass(frozen=True)
class SpokenVocabulary:
    """The catalog's names, which the checks must recognise in a reply (patterns compiled once)."""

    names: tuple[tuple[str, str], ...]
    """(a product's name as written, its title), longest name first: a longer name is masked before a
    shorter one inside it."""
    brands: tuple[str, ...]
    nouns: tuple[str, ...]
    """Countable nouns in the singular (product types, "product", "item", ...)."""
    _by_first_word: dict[str, list[tuple[re.Pattern[str], str, str]]] = field(
        init=False, repr=False, compare=False, default_factory=dict)
    _patterns: dict[str, re.Pattern[str]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for name, title in self.names:
            words = name.split()
            # Titles in any case; a title's short form only capitalised as written (a name, not a phrase).
            flags = re.IGNORECASE if name == title else 0
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", flags)
            self._by_first_word.setdefault(words[0].lower(), []).append((pattern, title, words[0]))
        brands = "|".join(re.escape(b) for b in self.brands) or "(?!)"
        self._patterns["brand"] = re.compile(rf":\s*(?:the\s+)?({brands})\s*(?:[.;,!?]|$)", re.IGNORECASE)
        singular = "|".join(re.escape(n) for n in self.nouns)
        plurals = "|".join(re.escape(plural(n)) for n in self.nouns)
        between = rf"\s+(?:(?!{_GLUE}\b)[a-z][a-z'-]*\s+){{0,2}}"
        self._patterns["plural"] = re.compile(rf"{_PLURAL_NUMBER}{between}(?:{singular})(?![\w-])")
        self._patterns["singular"] = re.compile(rf"{_SINGULAR_NUMBER}{between}(?:{plurals})(?![\w-])")

    @classmethod
    def of(cls, products: Iterable[Product]) -> SpokenVocabulary:
        products = list(products)
        types = {p.type.lower() for p in products}
        # A name's own words that are also a feature or tag ("Wide Mouth") don't name it when said alone.
        common = {w.lower() for p in products for w in (*p.features, *p.tags, *p.materials, *p.colors)}
        return cls(
            names=tuple(sorted({(n, p.title) for p in products for n in spoken_names(p)
                                if n == p.title or n.lower() not in common},
                               key=lambda pair: len(pair[0]), reverse=True)),
            brands=tuple(sorted({p.brand for p in products if p.brand}, key=len, reverse=True)),
            nouns=tuple(sorted({t for t in types if not t.endswith("s")} | set(GENERIC_NOUNS), key=len, reverse=True)),
        )

    def names_in(self, text: str) -> list[tuple[re.Pattern[str], str, str]]:
        """The name patterns worth trying on `text` (their first word occurs in it), longest name first."""
        words = {w.lower() for w in re.findall(r"[\w'+.-]+", text)} | {w.lower() for w in text.split()}
        found = [entry for w in words for entry in self._by_first_word.get(w, ())]
        return sorted(found, key=lambda entry: len(entry[0].pattern), reverse=True)

    def pattern(self, kind: str) -> re.Pattern[str]:
        return self._patterns[kind]


def plural(noun: str) -> str:
    if noun.endswith("knife"):
        return noun[:-2] + "ves"
    if re.search(r"(s|sh|ch|x)$", noun):
        return noun + "es"
    return noun + "s"


def problems(reply: str, vocabulary: SpokenVocabulary, max_words: int = MAX_WORDS) -> list[str]:
    """What makes `reply` unfit to be spoken (empty when it is fine)."""
    text = reply.replace("’", "'").strip()
    if not text:
        return ["empty reply"]
    found: list[str] = []
    if slot := _SLOT.search(text):
        found.append(f"unfilled slot: {slot.group(0)!r}")
    if _DOTS.search(text):
        found.append("double dot: '..'")
    if bad := _SPACE_BEFORE_PUNCTUATION.search(text) or _PUNCTUATION_RUN.search(text):
        found.append(f"stray punctuation: {bad.group(0).strip()!r}")
    if _EMPTY_HIGHLIGHT.search(text):
        found.append("empty highlight: nothing after ':'")
    masked, named_twice, glued = _mask_names(text, vocabulary)
    found += [f"product named twice: {title}" for title in named_twice]
    found += [f"doubled word: {word!r}" for word in glued]
    found += [f"doubled word: {m.group(0)!r}" for m in _DOUBLED.finditer(masked)
              if m.group(1).lower() not in _ALLOWED_DOUBLES]
    found += [f"brand as highlight: {m.group(1)}" for m in vocabulary.pattern("brand").finditer(text)]
    if current().code == "en":  # English grammar: counts and their plurals, "a" and "an"
        found += _agreement(masked.lower(), vocabulary)
        found += [f"a or an: 'a {m.group(1)}'" for m in _A_BEFORE_VOWEL.finditer(masked)]
        found += [f"a or an: 'an {m.group(1)}'" for m in _AN_BEFORE_CONSONANT.finditer(masked)]
    words = len([w for w in text.split() if re.search(r"\w", w)])
    if words > max_words:
        found.append(f"too long: {words} words, at most {max_words} per voice turn")
    return found


def _mask_names(text: str, vocabulary: SpokenVocabulary) -> tuple[str, list[str], list[str]]:
    """`text` with every product name blanked out (names may legitimately double a word, like "Hubba Hubba
    2"), the products named more than once, and words doubled across a name's start ("the The Mat")."""
    said: dict[str, int] = {}
    glued: list[str] = []
    for pattern, title, first_word in vocabulary.names_in(text):
        spots = list(pattern.finditer(text))
        if not spots:
            continue
        said[title] = said.get(title, 0) + len(spots)
        for spot in spots:
            before = text[: spot.start()].split()
            if before and before[-1].lower() == first_word.lower():
                glued.append(f"{before[-1]} {first_word}")
        text = pattern.sub(" \u2023 ", text)  # a mark no check reads as a word
    return text, [title for title, n in said.items() if n > 1], glued


def _agreement(text: str, vocabulary: SpokenVocabulary) -> list[str]:
    """Counts that disagree with their noun: "6 t-shirt", "1 products"."""
    found: list[str] = []
    for kind in ("plural", "singular"):
        for m in vocabulary.pattern(kind).finditer(text):
            before = text[: m.start()].split()
            if before and before[-1] in ("size", "sizes", "number"):
                continue  # "size 2 product" is not a count
            found.append(f"count and noun disagree: {m.group(0)!r} needs the {kind}")
    return found
