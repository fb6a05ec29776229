"""Whether a reply is fit to be spoken: the mechanical faults a listener hears at once.

Only what can be detected robustly is checked: doubled words, "..", unfilled slots, a count that disagrees
with its noun ("6 t-shirt"), a product named twice, the brand or nothing as a product's highlight, "a"/"an"
before the wrong sound, and length. Broken grammar in general ("Only the C40 is hand grinder") is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from fulfillment.domain.models import Product
from fulfillment.tools.evaluation.spoken import NUMBER_WORDS

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
# "a" before a vowel sound, "an" before a consonant sound (lowercase words only: brands and acronyms vary).
_A_BEFORE_VOWEL = re.compile(r"\ba\s+(?!one\b|once\b|eu)([aeio]\w*)", re.IGNORECASE)
_AN_BEFORE_CONSONANT = re.compile(r"\ban\s+(?!h)([bcdfgjklmnpqrstvwxyz][a-z]*)\b")


@dataclass(frozen=True)
class SpokenVocabulary:
    """The catalog's names, which the checks must recognise in a reply."""

    titles: tuple[str, ...]
    """Product titles, longest first (a longer title is masked before a shorter one inside it)."""
    brands: tuple[str, ...]
    nouns: tuple[str, ...]
    """Countable nouns in the singular (product types, "product", "item", ...)."""
    colors: tuple[str, ...]

    @classmethod
    def of(cls, products: Iterable[Product]) -> SpokenVocabulary:
        products = list(products)
        types = {p.type.lower() for p in products}
        return cls(
            titles=tuple(sorted({p.title for p in products}, key=len, reverse=True)),
            brands=tuple(sorted({p.brand for p in products}, key=len, reverse=True)),
            nouns=tuple(sorted({t for t in types if not t.endswith("s")} | set(GENERIC_NOUNS), key=len, reverse=True)),
            colors=tuple(sorted({c.lower() for p in products for c in p.colors})),
        )


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
        found.append(f"unfilled slot or markup {slot.group(0)!r}")
    if _DOTS.search(text):
        found.append("'..'")
    if bad := _SPACE_BEFORE_PUNCTUATION.search(text) or _PUNCTUATION_RUN.search(text):
        found.append(f"stray punctuation {bad.group(0).strip()!r}")
    if _EMPTY_HIGHLIGHT.search(text):
        found.append("empty highlight after ':'")
    masked, named_twice, glued = _mask_titles(text, vocabulary.titles)
    found += [f"product named twice: {title}" for title in named_twice]
    found += [f"doubled word before a name: {word!r}" for word in glued]
    found += [f"doubled words {m.group(0)!r}" for m in _DOUBLED.finditer(masked)
              if m.group(1).lower() not in _ALLOWED_DOUBLES]
    found += [f"the brand as highlight: {brand}" for brand in vocabulary.brands
              if re.search(rf":\s*(the\s+)?{re.escape(brand)}\s*([.;,!?]|$)", text, re.IGNORECASE)]
    found += _agreement(masked.lower(), vocabulary)
    found += [f"'a {m.group(1)}'" for m in _A_BEFORE_VOWEL.finditer(masked)]
    found += [f"'an {m.group(1)}'" for m in _AN_BEFORE_CONSONANT.finditer(masked)]
    words = len([w for w in text.split() if re.search(r"\w", w)])
    if words > max_words:
        found.append(f"{words} words (at most {max_words} per voice turn)")
    return found


def _mask_titles(text: str, titles: tuple[str, ...]) -> tuple[str, list[str], list[str]]:
    """`text` with every product title blanked out (titles may legitimately double a word, like "Organic
    Green Green Tea"), the titles said more than once, and words doubled across a title's start ("the The
    Mat")."""
    twice: list[str] = []
    glued: list[str] = []
    for title in titles:
        pattern = re.compile(rf"(?<!\w){re.escape(title)}(?!\w)", re.IGNORECASE)
        spots = list(pattern.finditer(text))
        if not spots:
            continue
        if len(spots) > 1:
            twice.append(title)
        first_word = title.split()[0].lower()
        for spot in spots:
            before = text[: spot.start()].split()
            if before and before[-1].lower() == first_word:
                glued.append(before[-1] + " " + title.split()[0])
        text = pattern.sub(" \u2023 ", text)  # a mark no check reads as a word
    return text, twice, glued


def _agreement(text: str, vocabulary: SpokenVocabulary) -> list[str]:
    """Counts that disagree with their noun: "6 t-shirt", "1 products"."""
    colors = "|".join(re.escape(c) for c in vocabulary.colors) or "(?!)"
    found: list[str] = []
    for noun in vocabulary.nouns:
        singular = re.escape(noun)
        for number, form, wanted in ((_PLURAL_NUMBER, singular, "plural"),
                                     (_SINGULAR_NUMBER, re.escape(plural(noun)), "singular")):
            for m in re.finditer(rf"{number}\s+(?:(?:{colors})\s+)?{form}(?![\w-])", text):
                before = text[: m.start()].split()
                if before and before[-1] in ("size", "sizes", "number"):
                    continue  # "size 2 product" is not a count
                found.append(f"{m.group(0)!r} needs the {wanted}")
    return found
