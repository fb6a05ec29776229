"""The shape of a language's text-to-speech rules: what a voice must hear spelled out in words.

`speech.normalize` turns these into regular expressions; a language supplies only the words.
`eq=False` keeps identity hashing, so the compiled expressions can be cached per rule set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class TtsRules:
    """Spoken forms of currencies, units, abbreviations and symbols in one language."""

    currencies: Mapping[str, tuple[str, str, str, str]]
    """Sign or code to (singular, plural, singular minor, plural minor): "€" -> euro, euros, cent, cents."""
    signs_before: tuple[str, ...]
    """Currency signs written before the amount ("€24.90")."""
    written_after: tuple[str, ...]
    """Currency signs, codes and words written after the amount ("24,90 €", "5 euros")."""
    units: Mapping[str, tuple[str, str]]
    """Unit symbol (case-sensitive) to (singular, plural)."""
    abbreviations: Mapping[str, str]
    """Written abbreviation (case-sensitive, with its period) to its spoken form; the sentence
    splitter never ends a sentence on one."""
    number_abbreviation: str
    """Written "number" before an id or figure ("no. 5"); matched with either case of its first letter."""
    street_abbreviation: str
    """Street after a name ("Baker St."), saint before one ("St. Ives")."""
    number_word: str
    and_word: str
    """How "&" is read."""
    percent_word: str
    per_word: str
    """How "/" between a price and a unit is read ("€5/kg")."""
    times_words: tuple[str, str]
    """Singular and plural of "2x"."""
    street_words: tuple[str, str]
    """What `street_abbreviation` reads as: after a name, and at a sentence start."""
    ordinal_followers: tuple[str, ...] = ()
    """Words a day written as a figure with a period comes before when it is a date, not a sentence end
    (German months: "am 3. Dezember")."""
    before: Callable[[str], str] | None = None
    """A language's own rewrite before the shared rules (German: "1.299,50 €", "am 3. Dezember", order ids
    in the spelling alphabet)."""
    after: Callable[[str], str] | None = None
    """A language's own rewrite after them (German: amounts in words, "neunundvierzig Euro neunzig")."""
