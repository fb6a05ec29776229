"""English agreement for spoken replies: plurals, counts in words, articles, and how a product
feature is said ("is waterproof", "has a packable hood")."""

from __future__ import annotations

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                 "twelve")
_ALREADY_PLURAL = ("headphones", "earbuds", "trousers", "socks", "shorts", "beans", "capsules", "jeans", "leggings",
                   "clothes", "shoes", "boots", "sandals", "sneakers", "slippers", "glasses", "pants", "gloves",
                   "products", "things", "ideas")
_UNCOUNTED = ("bedding", "stuff", "gear")
"""Mass nouns. Product kinds like "green tea" or "sunscreen" count as products: "four green teas"."""
_IRREGULAR = {"knife": "knives", "person": "people", "child": "children", "man": "men", "woman": "women"}
# Last words after which a feature reads as a quality ("is waterproof"), not a thing ("has a hood").
_QUALITY_WORDS = frozenset("""
waterproof lightweight light breathable cushioned organic insulated packable wireless rechargeable soft warm
compact durable strong vegan firm gentle rich foldable unscented hypoallergenic resistant repellent drying
washable safe free proof fragrance dustproof freestanding recyclable watertight ventilated grippy pre-shrunk
non-slip non-greasy quiet adjustable portable stackable supportive absorbent ionic dimmable slim thin
wrapped roasted ground grade compatible reflective responsive connected regulating wicking itch-free
""".split())
_COUNTABLE_THINGS = frozenset("""
hood lid spout sole outsole insole footbed collar case timer screen shutter strap belt pocket zip valve
igniter plate liner carafe jar box blade tang handle wand grinder motor tank sack back sleeve mode monitor
microphone cupsole toe brim cap base cover light display battery warmer igniter
""".split())


def plural(noun: str) -> str:
    """'rain jacket' -> 'rain jackets', "chef's knife" -> "chef's knives", 'headphones' unchanged."""
    low = noun.lower()
    if low.endswith(_ALREADY_PLURAL) or low in _UNCOUNTED or is_plural(noun):
        return noun
    head, _, last = noun.rpartition(" ")
    lead = head + " " if head else ""
    if last.lower() in _IRREGULAR:
        return lead + _IRREGULAR[last.lower()]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return lead + last[:-1] + "ies"
    return noun + "s"


def is_plural(name: str) -> bool:
    """'WF-1000XM5 Earbuds', 'rain jackets' are plural; 'Glass', 'Campo Compact 2P Tent' are not."""
    last = name.split()[-1].lower() if name.split() else ""
    return last.endswith(_ALREADY_PLURAL) or (len(last) > 3 and last.endswith("s") and not last.endswith(
        ("ss", "us", "is", "os")))


def number(n: int) -> str:
    """Small counts in words, larger ones in digits: 'two', 'twelve', '14'."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def count(n: int, noun: str) -> str:
    """'one t-shirt', 'two t-shirts', '14 t-shirts'."""
    return f"{number(n)} {noun if n == 1 else plural(noun)}"


def the(title: str) -> str:
    """'the Antora Rain Jacket', but 'The Mat 5mm Yoga Mat' keeps its own article."""
    return title if title.lower().startswith("the ") else f"the {title}"


def feature_phrase(feature: str, plural_subject: bool = False) -> str:
    """How a product has a feature: 'is waterproof', 'has a packable hood', 'has adjustable cuffs'
    ('are' / 'have' after a plural name like 'the WF-1000XM5 Earbuds')."""
    last = feature.split()[-1].lower() if feature.split() else ""
    be, have = ("are", "have") if plural_subject else ("is", "has")
    if last in _QUALITY_WORDS or last.endswith(("proof", "able", "ible", "ed")) and not last.endswith("seed") or (
        feature[:1].isdigit() and last not in _COUNTABLE_THINGS and not last.endswith("s")
    ):  # "3 person" is a quality of a tent, "24 hour battery" a thing it has
        return f"{be} {feature}"
    if last in _COUNTABLE_THINGS:
        return f"{have} {'an' if feature[:1].lower() in 'aeiou' else 'a'} {feature}"
    return f"{have} {feature}"


def with_feature(feature: str) -> str:
    """A feature after a product name: 'with a packable hood', 'waterproof' stays a quality."""
    phrase = feature_phrase(feature)
    return phrase[3:] if phrase.startswith("is ") else "with " + phrase[4:]


def negative(feature: str, plural_subject: bool = False) -> str:
    """'isn't waterproof', "doesn't have a wireless charging case" ('aren't', "don't have")."""
    phrase = feature_phrase(feature, plural_subject)
    verb, _, rest = phrase.partition(" ")
    if verb in ("is", "are"):
        return f"{verb}n't {rest}"
    return f"{'don' if plural_subject else 'doesn'}'t have {rest}"
