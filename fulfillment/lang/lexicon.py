"""The shape of a language's lexicon: the words logic listens for, never words it says."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field


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
    shopping: ShoppingWords
    """Budgets, refinements, comparisons and shop facts."""
    search_glossary: Mapping[str, str] = field(default_factory=dict)
    """Words of this language -> the words of a catalog written in another one ("regen" -> "rain"); search
    looks for both, so a German shopper finds products of an English catalog. Empty: same language."""
    language: str = "en"
    """ISO 639-1 code: numbers the tables above cannot read ("hundertzwanzig") are read in this language."""


@dataclass(frozen=True)
class ShoppingWords:
    """How shoppers of one language ask for things: budgets, refinements, comparisons, facts about
    the shop. The dialogue reads these to turn an utterance into a structured request."""

    common_words: frozenset[str]
    """Everyday words that are never "repaired" into a catalog word ("from" is not "foam")."""
    type_synonyms: Mapping[str, tuple[str, ...]]
    """Spoken names of product types to catalog types ("trainers" -> running shoe)."""
    generic_heads: frozenset[str]
    """Last words of type names too vague to stand for the type on their own ("set")."""
    feature_synonyms: Mapping[str, str]
    """Spoken forms of catalog features ("noise canceling" -> noise cancelling)."""
    number: str
    """A regular expression for one spoken or written amount ("49.90", "fifty", "a hundred")."""
    price_between: tuple[re.Pattern[str], ...]
    """A range; groups `low` and `high`."""
    price_max: tuple[re.Pattern[str], ...]
    """An upper bound; group `n`."""
    price_min: tuple[re.Pattern[str], ...]
    """A lower bound; group `n`."""
    price_around: tuple[re.Pattern[str], ...]
    """An approximate budget; group `n`."""
    cheap_words: tuple[str, ...]
    """A low budget without a number ("cheap", "affordable")."""
    pricey_words: tuple[str, ...]
    """A high-end wish without a number ("premium")."""
    cheaper_cues: tuple[str, ...]
    """Refinements asking for lower prices than those shown ("cheaper ones")."""
    pricier_cues: tuple[str, ...]
    """Refinements asking for higher-end ones than those shown."""
    other_cues: tuple[str, ...]
    """Refinements asking for different products than those shown ("something else")."""
    size_cue: re.Pattern[str]
    """A size said as a refinement ("in size s", "size 43"); group `size`."""
    my_size_cues: tuple[str, ...]
    """The shopper's own size ("in my size")."""
    favourite_brand_cues: tuple[str, ...]
    """The shopper's favourite brands ("from my favourite brand")."""
    compare_dimensions: tuple[tuple[str, tuple[str, ...]], ...]
    """A comparison's question (light, warm, cheap, pricey, rating, waterproof) and its phrases."""
    activity_tags: Mapping[str, str]
    """Activities a comparison may be about ("better for running") -> catalog tag."""
    pick_for_me_cues: tuple[str, ...]
    """Asking Emma to choose ("which would you pick for me")."""
    same_as_last_cues: tuple[str, ...]
    """Asking whether a product is the one bought before."""
    profile_questions: tuple[tuple[str, tuple[str, ...]], ...]
    """Questions about the shopper's own record (last_order, shoe_size, size, brands) and their phrases."""
    shop_facets: tuple[tuple[str, tuple[str, ...]], ...]
    """What a question about the shop asks (address, hours, phone, shipping, return, payment, pickup)."""
    weekdays: Mapping[str, str]
    """Spoken day names -> the day keys of stores.yml (monday ... sunday)."""
    countries: Mapping[str, str]
    """Spoken country names -> the names the knowledge files use."""
    worn_words: tuple[str, ...]
    """Returning something that was used ("worn", "used")."""
    recommend_cues: tuple[str, ...]
    """Asking for ideas rather than for a product ("what do i need", "gift")."""
    compare_openers: tuple[str, ...] = ()
    """How a comparison of named products starts ("compare", "which is better")."""
    compare_joiners: tuple[str, ...] = ("or", "and", "versus", "vs", "with", "to")
    """The words between the products a comparison names ("the pegasus or the chuck")."""
    yes_no_openers: tuple[str, ...] = ("is ", "are ", "do ", "does ", "can ", "could ", "will ", "would ", "did ",
                                       "have ", "has ")
    """How a yes/no question starts ("do you deliver to ..."): its answer starts with yes or no."""
    yes_no_joiners: tuple[str, ...] = (" and is ", " and are ", " and do ")
    """A yes/no question after another one ("where is it and is it open on sunday")."""
    usual_cues: tuple[str, ...] = ()
    """The product the shopper always buys ("the coffee i always get")."""
    return_question_cues: tuple[str, ...] = ()
    """Asking about the return policy rather than returning an order ("can i return")."""
    country_cues: tuple[str, ...] = ()
    """Asking which countries the shop delivers to."""
    payment_methods: Mapping[str, str] = field(default_factory=dict)
    """Spoken payment methods -> the names policies.yml uses (or others the shop does not take)."""
    feature_qualifiers: frozenset[str] = frozenset()
    """Words a feature may add to what was asked and still mean it ("induction" -> "induction compatible")."""
    feature_generic_words: frozenset[str] = frozenset()
    """Words around a feature that name no feature ("a keep warm *function*")."""
    price_words: tuple[str, ...] = ()
    """Words that make a number a price ("euros", "budget"): without one, "eight" is an age, not €8."""
    add_openers: tuple[str, ...] = ()
    """How putting something in the cart starts ("add", "put", "i'll take")."""
    opened_words: tuple[str, ...] = ()
    """Returning something opened (coffee, tea, beauty products)."""
    several_words: tuple[str, ...] = ()
    """Words meaning several of the products listed ("white ones"): a color or size said with them narrows
    the list instead of picking one product."""
