"""How replies say things in each language the evaluation reads: yes and no, number words, comparison and
pick cues, and the catalog's words (colors, features, materials, types) as a reply in that language says them.

The checks judge against the shop's data, which is stored once (in English); a German reply says "blau" for the
catalog's "blue". `reading(code)` switches the language the checks read replies in while a suite runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from fulfillment.lang.de import terms as de_terms


@dataclass(frozen=True)
class RepliesIn:
    """One language's spoken forms, as the checks look for them."""

    code: str
    number_words: tuple[str, ...]
    """zero to twenty."""
    yes: re.Pattern[str]
    no: re.Pattern[str]
    negation: re.Pattern[str]
    non_answer: re.Pattern[str]
    """Replies that answer nothing: neither yes nor no."""
    direct: re.Pattern[str]
    """How a direct answer starts ("It does", "Yes"): without the topic in it, only such a sentence counts."""
    clause_break: re.Pattern[str]
    currency: str
    """The currency word after a whole number ("149 euros 95", "149 Euro 95")."""
    clock: str
    """A time's spoken suffix ("uhr"), "" when 12-hour forms are used instead."""
    closed: tuple[str, ...]
    sold_out: tuple[str, ...]
    pick_cues: tuple[str, ...]
    cues: Mapping[tuple[str, str], tuple[str, ...]]
    """Words that mark the product a comparison gives as its answer, per field and pick."""
    spoken_sizes: Mapping[str, str]
    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A catalog word (color, feature, material, type, lowercased) -> how a reply says it."""
    count_nouns: tuple[str, ...] = ()
    """Generic nouns a count is said with ("3 products")."""
    statuses: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """An order status (as stored) -> the words a reply says it with."""

    def said_as(self, word: str) -> tuple[str, ...]:
        """The ways a reply in this language says a catalog word (the word itself first)."""
        return (word, *self.words.get(word.lower(), ()))


ENGLISH = RepliesIn(
    code="en",
    number_words=tuple("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                       "fifteen sixteen seventeen eighteen nineteen twenty".split()),
    yes=re.compile(r"^(yes|yeah|yep|sure|of course|absolutely|indeed|certainly|good news)\b"),
    no=re.compile(r"^(no|nope|sorry|unfortunately)\b"),
    negation=re.compile(r"\b(no|not|never|none|neither|nor|without|cannot)\b|n't\b"),
    non_answer=re.compile(
        r"\b(don't know|not sure|don't have that information|didn't (quite )?catch|which (product|one) do you mean"
        r"|what do you mean|can only help|haven't shown you|ask me for something)\b"),
    direct=re.compile(r"^(yes|yeah|yep|no|nope|sure|sorry|unfortunately|it|it's|its|they|they're|this one|that one"
                      r"|both|neither|we|you can|you can't|you cannot)\b"),
    clause_break=re.compile(r"[.;!?]+(?:\s|$)|,\s*(?=(?:so|but|while|whereas|although|and)\b)|\b(?:whereas|while)\b"),
    currency="euros?",
    clock="",
    closed=("closed", "not open", "shut"),
    sold_out=("sold out", "out of stock"),
    pick_cues=("pick", "choose", "go for", "recommend", "suggest", "for you", "suit you", "suits you",
               "your favourite", "you like", "my choice", "take the"),
    cues={
        ("price", "min"): ("cheaper", "cheapest", "less expensive", "least expensive", "lower price", "lowest price",
                           "more affordable", "most affordable", "costs less", "best value"),
        ("price", "max"): ("more expensive", "most expensive", "pricier", "priciest", "dearer", "dearest",
                           "costs more", "higher price", "highest price"),
        ("rating", "max"): ("rated higher", "higher rated", "better rated", "best rated", "highest rated",
                            "top rated", "rated best", "better rating", "best rating", "highest rating",
                            "better reviews", "best reviews", "best reviewed"),
        ("reviews", "max"): ("more reviews", "most reviews", "most reviewed"),
        ("battery", "max"): ("longer battery", "longest battery", "battery lasts", "lasts longer", "lasts longest",
                             "longest", "longer", "bigger battery", "biggest battery", "most battery"),
        ("weight", "min"): ("lighter", "lightest", "lightweight", "weighs less", "weighs the least", "less weight"),
        ("warmth", "max"): ("warmer", "warmest", "insulated", "warm", "insulation"),
    },
    spoken_sizes={"XS": "extra small", "S": "small", "M": "medium", "L": "large", "XL": "extra large"},
    count_nouns=("products", "options", "models", "kinds", "ones"),
    statuses={"placed": ("placed", "received"), "packed": ("packed", "being packed"),
              "shipped": ("shipped", "on its way", "dispatched"), "delivered": ("delivered", "arrived")},
)


def _german_words() -> dict[str, tuple[str, ...]]:
    words: dict[str, set[str]] = {}
    for table in (de_terms.COLORS, de_terms.FEATURES, de_terms.MATERIALS):
        for english, german in table.items():
            words.setdefault(english.lower(), set()).add(german)
    for english, noun in de_terms.TYPES.items():
        words.setdefault(english.lower(), set()).update((noun.singular, noun.plural))
    # Inflected colors ("in Blau", "die blaue"): the stem is what a reply says, whatever the ending.
    for english, german in de_terms.COLORS.items():
        if " " not in german and german[-1] not in "aeiou":
            words[english].update({german + ending for ending in ("e", "en", "er", "es")})
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in words.items()}


GERMAN = RepliesIn(
    code="de",
    number_words=tuple("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
                       "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig".split()),
    yes=re.compile(r"^(ja|jawohl|klar|natürlich|sicher|gute nachricht|genau)\b"),
    no=re.compile(r"^(nein|leider|tut mir leid|nö)\b"),
    negation=re.compile(r"\b(nein|nicht|nie|niemals|kein|keine|keinen|keinem|keiner|keines|weder|noch nicht|"
                        r"ohne|leider)\b"),
    non_answer=re.compile(
        r"\b(weiß ich (leider )?nicht|nicht sicher|habe ich keine information|nicht (ganz )?verstanden|welches produkt"
        r"|welche(n|s)? meinen sie|welche(n|s)? meinst du|was meinen sie|was meinst du|kann nur helfen"
        r"|noch nichts gezeigt)\b"),
    direct=re.compile(r"^(ja|nein|klar|natürlich|leider|tut mir leid|es|er|sie|das|der|die|dieser|diese|dieses"
                      r"|beide|keiner|keine|wir|sie können|du kannst)\b"),
    clause_break=re.compile(r"[.;!?]+(?:\s|$)|:\s|,\s*(?=(?:also|aber|während|wohingegen|obwohl|und|das andere"
                            r"|die andere|der andere)\b)|\b(?:während|wohingegen)\b"),
    currency="euro",
    clock="uhr",
    closed=("geschlossen", "nicht geöffnet", "zu"),
    sold_out=("ausverkauft", "nicht auf lager", "nicht vorrätig"),
    pick_cues=("würde ich", "empfehle", "empfehlen", "vorschlagen", "für sie", "für dich", "aussuchen", "nehmen",
               "meine wahl", "passt zu"),
    cues={
        ("price", "min"): ("günstiger", "am günstigsten", "günstigste", "günstigsten", "billiger", "am billigsten",
                           "preiswerter", "am preiswertesten", "kostet weniger"),
        ("price", "max"): ("teurer", "am teuersten", "teuerste", "teuersten", "kostet mehr"),
        ("rating", "max"): ("besser bewertet", "am besten bewertet", "bestbewertete", "bestbewerteten",
                            "beste bewertung", "besten bewertungen", "bessere bewertung"),
        ("reviews", "max"): ("mehr bewertungen", "meisten bewertungen"),
        ("battery", "max"): ("länger", "am längsten", "längste", "längsten", "akku hält", "hält länger",
                             "größeren akku", "größten akku", "akkulaufzeit"),
        ("weight", "min"): ("leichter", "leichtere", "am leichtesten", "leichteste", "leichtesten", "wiegt weniger",
                            "leicht"),
        ("warmth", "max"): ("wärmer", "am wärmsten", "wärmste", "wärmsten", "isoliert", "warm", "wärmt"),
    },
    spoken_sizes={"XS": "extra small", "S": "small", "M": "medium", "L": "large", "XL": "extra large"},
    words=_german_words(),
    count_nouns=("produkte", "artikel", "modelle", "sorten", "stück"),
    statuses={"placed": ("aufgegeben", "eingegangen", "angenommen"), "packed": ("verpackt", "gepackt"),
              "shipped": ("verschickt", "versandt", "unterwegs"), "delivered": ("zugestellt", "geliefert",
                                                                             "angekommen")},
)

LANGUAGES: dict[str, RepliesIn] = {"en": ENGLISH, "de": GERMAN}
_READING: ContextVar[RepliesIn] = ContextVar("replies_in", default=ENGLISH)


def replies_in(code: str) -> RepliesIn:
    if code not in LANGUAGES:
        raise ValueError(f"The evaluation reads replies in {', '.join(LANGUAGES)}, not {code!r}.")
    return LANGUAGES[code]


def current() -> RepliesIn:
    """The language the checks read replies in now (English unless a suite set another)."""
    return _READING.get()


@contextmanager
def reading(code: str) -> Iterator[RepliesIn]:
    """Checks read replies in `code` inside the block."""
    token = _READING.set(replies_in(code))
    try:
        yield _READING.get()
    finally:
        _READING.reset(token)
