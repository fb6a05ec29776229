"""The shape of a language's lexicon: the words logic listens for, never words it says."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    """Words and cue phrases of one language, as data the dialogue, search and NLU read."""

    stop_words: frozenset[str]
    """Words with no product meaning in a spoken request ("do you have any ... please")."""
    filler_words: frozenset[str]
    """Words dropped from a feature question before matching ("is it *really* waterproof")."""
    question_cues: tuple[tuple[str, tuple[str, ...]], ...]
    """Product question topic (price, sizes, ...) and the phrases that ask it, checked in order."""
    feature_question: re.Pattern[str]
    """A yes/no question about a feature; group 1 is the feature ("is it *waterproof*")."""
    theme_request: re.Pattern[str]
    """A recommendation's theme; group 1 is the theme ("something for *my dad*")."""
    complement_cues: tuple[str, ...]
    """Words asking for things that go with a product ("what goes *with* it")."""
    clear_cart_words: tuple[str, ...]
    """Phrases that make a removal empty the whole cart ("empty my cart")."""
    spoken_digits: Mapping[str, str]
    """Digit words a voice PIN is read from, including common mishearings ("for" -> "4")."""
    number_units: Mapping[str, int]
    """Number words below twenty ("a" counts as one)."""
    number_tens: Mapping[str, int]
    number_multipliers: Mapping[str, int]
    """Words that multiply what came before ("two dozen", "a couple")."""
    number_scales: Mapping[str, int]
    """Words that close a group ("two thousand and five")."""
    ordinals: Mapping[str, int | str]
    """Ordinal words to a position, or to a relative pick: last, next, cheapest, priciest."""
    ordinal_prefix: str
    """Said before a plain number to make it an ordinal ("number 4")."""
    sizes: Mapping[str, str]
    """Spoken clothing sizes to their label ("extra large" -> "XL")."""
    without_nlu: Mapping[str, tuple[str, ...]]
    """Short answers understood while the NLU service restarts: intent to its exact phrases."""
