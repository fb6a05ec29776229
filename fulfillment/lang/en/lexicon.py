"""English words the logic listens for: numbers, ordinals, sizes, stop words and cue phrases."""

from __future__ import annotations

import re

from fulfillment.lang.en.cues import WITHOUT_NLU
from fulfillment.lang.en.shopping import SHOPPING
from fulfillment.lang.lexicon import Lexicon

LEXICON = Lexicon(
    stop_words=frozenset(
        (
            "a an the some any do does you have has got i im i'm am looking look for find show me please want "
            "need would like to buy get um uh er erm hmm so well maybe just really can could there is are in of "
            "with from and or what which that this those these one ones your my something stuff things thing kind sort"
        ).split()
    ),
    filler_words=frozenset({"it", "the", "a", "an", "really", "very", "one", "ones"}),  # "is that one waterproof"
    question_cues=(
        ("reviews", ("review", "people say", "rating", "rated", "stars", "any good", "recommend it")),
        ("store", ("in store", "shelf", "pick it up", "in the store")),
        ("price", ("how much", "price", "cost", "expensive", "cheap")),
        ("sizes", ("what sizes", "which sizes", "sizes", "what size")),
        ("colors", ("colors", "colours", "what color", "which color", "come in")),
        ("stock", ("in stock", "available", "have it", "have any left", "sold out", "left")),
        ("material", ("made of", "made from", "material", "fabric")),
        ("describe", ("tell me about", "more about", "describe", "what is it", "details")),
    ),
    feature_question=re.compile(
        r"\b(?:is it|is that|is this|are they|is the \w+(?: one)?|does it have|does it|has it got|can it|can you)"
        r"\s+(?:a |an |got )?(.+)$"
    ),
    theme_request=re.compile(r"\bfor (?:my |a |an |the )?(.+)$"),
    complement_cues=("go with", "goes with", "goes well with", "go well with", "to go with", "match", "matches",
                     "accessories", "pair with", "pairs with", "bought with", "buy with", "along with",
                     "goes together", "go together", "combine with", "complete the look"),
    clear_cart_words=("everything", "all of it", "empty", "clear", "all items"),
    spoken_digits={
        "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "to": "2", "too": "2", "three": "3",
        "four": "4", "for": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    },
    number_units={
        "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    },
    number_tens={
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90,
    },
    number_multipliers={"couple": 2, "pair": 2, "dozen": 12, "hundred": 100},
    number_scales={"thousand": 1000},
    ordinals={
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
        "fifth": 5, "5th": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
        "last": "last", "next": "next", "more": "next", "cheapest": "cheapest", "cheaper": "cheapest",
        "cheap": "cheapest", "expensive": "priciest", "priciest": "priciest",
    },
    ordinal_prefix="number ",
    sizes={
        "extra small": "XS", "xs": "XS", "x s": "XS", "small": "S", "s": "S", "medium": "M",
        "m": "M", "large": "L", "l": "L", "extra large": "XL", "xl": "XL", "x l": "XL",
        "double extra large": "XXL", "xxl": "XXL",
    },
    without_nlu=WITHOUT_NLU,
    shopping=SHOPPING,
)
