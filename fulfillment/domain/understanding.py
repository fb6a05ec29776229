"""Turns what the shopper said (the NLU's entities plus the words themselves) into a structured
request: product types, attributes, limits, and who or what it is for.

The NLU finds the entities; the words are read again here against the catalog's own names and the
language's budget phrases, so a missed or wrong entity ("under" tagged as a brand) cannot turn a
request into something else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fulfillment.domain.catalog_terms import CatalogTerms, Found, Phrases, spoken
from fulfillment.domain.models import Customer
from fulfillment.domain.request import ShopperRequest
from fulfillment.lang.lexicon import Lexicon
from nlu.entities import words_to_number
from nlu.parser import NluResult
from nlu.text import for_nlu

AROUND = 0.15
"""'Around 80' means 68 to 92."""


@dataclass(frozen=True)
class Themes:
    """Occasions and needs, recipients and interests as the shopper says them (from occasions.yml)."""

    occasions: Phrases
    recipients: Phrases
    interests: Phrases
    occasion_words: tuple[tuple[str, frozenset[str]], ...] = ()
    """(occasion, words) pairs: the occasion or need is meant when all the words are said, in any order
    ("my flat is always so cold": flat + cold)."""


@dataclass(frozen=True)
class Understood:
    """One utterance, read as a change to the active request."""

    request: ShopperRequest
    """Only what this utterance says."""
    cheaper: bool = False
    pricier: bool = False
    other: bool = False
    """"Something else": other products than those offered."""
    my_size: bool = False
    favourite_brands: bool = False
    occasions: tuple[str, ...] = ()
    """Every occasion or need said ("camping in the rain": camping and rainy days)."""
    asks_ideas: bool = False
    """Asked for a suggestion ("what do you recommend"), whatever else was said."""


_PRIORITY = ("type", "brand", "feature", "material", "category", "recipient", "occasion", "interest", "color")
"""Which reading wins when two names cover the same words equally long ("coffee": the product type,
unless the shopper is asking for gift ideas)."""


def understand(nlu: NluResult, terms: CatalogTerms, lexicon: Lexicon, themes: Themes | None,
               customer: Customer | None = None) -> Understood:
    words = lexicon.shopping
    plain = for_nlu(nlu.text)
    said = spoken(plain)
    low, high, cheap, pricey = _budget(plain, lexicon)
    if low is None and high is None and any(_has(said, w) for w in words.price_words):
        # The NLU's price, only where a price is spoken of: "my nephew is eight" is no €8 budget.
        low, high = _cents(nlu.first("price_min")), _cents(nlu.first("price_max"))
        if low is not None and high is not None and low > high:
            low, high = high, low
    tables: list[tuple[str, Phrases]] = [
        ("type", terms.types), ("brand", terms.brands), ("feature", terms.features), ("material", terms.materials),
        ("category", terms.categories), ("color", terms.colors),
    ]
    if themes is not None:
        tables += [("recipient", themes.recipients), ("interest", themes.interests), ("occasion", themes.occasions)]
    candidates = [(kind, f) for kind, phrases in tables for f in phrases.find(said)]
    candidates.sort(key=lambda c: (c[1].start - c[1].end, _PRIORITY.index(c[0]), c[1].start))
    chosen: dict[str, list[Found]] = {}
    taken: list[tuple[int, int]] = []
    for kind, f in candidates:
        if not any(f.start < e and s < f.end for s, e in taken):
            chosen.setdefault(kind, []).append(f)
            taken.append((f.start, f.end))
    asking_ideas = nlu.intent == "recommend" or "recipient" in chosen or any(
        _has(said, c) for c in words.recommend_cues)
    if not asking_ideas:  # "do you have coffee" asks for coffee, not for gift ideas for a coffee lover
        for kind in ("interest",):
            for f in list(chosen.get(kind, [])):
                if " " not in said[f.start:f.end]:
                    chosen[kind].remove(f)
                    taken.remove((f.start, f.end))

    def values(kind: str) -> list[str]:
        found = sorted(chosen.get(kind, []), key=lambda f: f.start)
        return list(dict.fromkeys(v for f in found for v in f.values))

    types = tuple(values("type"))
    brands = values("brand")
    entity_brand = next((b for b in (terms.brand_named(str(v)) for v in nlu.all("brand")) if b), None)
    colors = values("color") + [str(c) for c in nlu.all("color") if str(c) in terms.colors.table]
    categories = values("category") if not types else []
    materials = values("material")
    recipients, interests, occasions = values("recipient"), values("interest"), tuple(values("occasion"))
    if themes is not None and themes.occasion_words:
        said_words = set(re.findall(r"[\w']+", said))
        occasions += tuple(dict.fromkeys(key for key, needed in themes.occasion_words
                                         if needed <= said_words and key not in occasions))
    size = _size(said, nlu, lexicon, sized_by_words_only=bool(recipients or interests or occasions) and not types)
    my_size = any(_has(said, c) for c in words.my_size_cues)
    favourites = any(_has(said, c) for c in words.favourite_brand_cues)
    themed = bool(recipients or interests or occasions)
    leftover = tuple(
        w for w in _uncovered(said, taken)
        if w not in lexicon.stop_words and w not in words.common_words and not w.isdigit()
        and w not in words.recommend_cues  # "was empfiehlst du mir" names no product called "empfiehlst"
        and not re.fullmatch(words.number, w) and w not in lexicon.sizes
    )
    request = ShopperRequest(
        words=leftover if not themed else (),
        types=types,
        noun=(types[0] if len(types) == 1 else _span(said, chosen.get("type", []))) if types else "",
        category=categories[0] if categories else None,
        brand=(brands[0] if brands else entity_brand) if not favourites else None,
        brands=tuple(customer.favourite_brands) if favourites and customer else (),
        color=colors[0] if colors else None,
        size=size,
        my_size=my_size and size is None,
        material=materials[0] if materials and not types else None,
        features=tuple(values("feature")),
        price_min_cents=low,
        price_max_cents=high,
        cheap=cheap,
        pricey=pricey,
        recipient=recipients[0] if recipients else None,
        interest=interests[0] if interests else None,
        occasion=occasions[0] if occasions else None,
    )
    return Understood(
        request=request,
        cheaper=any(_has(said, c) for c in words.cheaper_cues),
        pricier=any(_has(said, c) for c in words.pricier_cues),
        other=any(_has(said, c) for c in words.other_cues),
        my_size=my_size,
        favourite_brands=favourites,
        occasions=occasions,
        asks_ideas=asking_ideas,
    )


def _span(said: str, found: list[Found]) -> str:
    return said[found[0].start:found[0].end] if found else ""


def _has(said: str, cue: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", said) is not None


def _uncovered(said: str, taken: list[tuple[int, int]]) -> list[str]:
    words = []
    for match in re.finditer(r"[\w']+", said):
        if not any(s <= match.start() < e for s, e in taken):
            words.append(match.group(0))
    return words


def _budget(text: str, lexicon: Lexicon) -> tuple[int | None, int | None, bool, bool]:
    """(min cents, max cents, cheap, premium) from the budget phrases of the language."""
    words = lexicon.shopping
    low = high = None
    rest = text
    for pattern in words.price_between:
        if match := pattern.search(rest):
            a, b = _amount(match.group("low"), lexicon), _amount(match.group("high"), lexicon)
            if a is not None and b is not None:
                low, high = min(a, b), max(a, b)
                rest = rest[: match.start()] + " " + rest[match.end():]
                break
    if high is None:
        for pattern in words.price_max:
            if (match := pattern.search(rest)) and (n := _amount(match.group("n"), lexicon)) is not None:
                high = n
                rest = rest[: match.start()] + " " + rest[match.end():]
                break
    if low is None:
        for pattern in words.price_min:
            if (match := pattern.search(rest)) and (n := _amount(match.group("n"), lexicon)) is not None:
                low = n
                break
    if low is None and high is None:
        for pattern in words.price_around:
            if (match := pattern.search(rest)) and (n := _amount(match.group("n"), lexicon)) is not None:
                low, high = round(n * (1 - AROUND)), round(n * (1 + AROUND))
                break
    said = spoken(text)
    cheap = any(_has(said, w) for w in words.cheap_words)
    pricey = any(_has(said, w) for w in words.pricey_words)
    return low, high, cheap, pricey


def _amount(raw: str | None, lexicon: Lexicon) -> int | None:
    """'49.90' -> 4990 cents, 'fifty' -> 5000; a lone 'a' is no amount."""
    if not raw:
        return None
    raw = raw.replace("€", "").strip()
    if raw in ("a", "an"):
        return None
    digits = re.fullmatch(r"(\d+)(?:[.,](\d{1,2}))?", raw)
    if digits:
        return int(digits.group(1)) * 100 + int((digits.group(2) or "0").ljust(2, "0"))
    n = words_to_number(raw, lexicon, lexicon.language)
    return n * 100 if n else None


def _cents(value: object) -> int | None:
    return round(float(value) * 100) if isinstance(value, (int, float)) and value > 0 else None


def _size(said: str, nlu: NluResult, lexicon: Lexicon, sized_by_words_only: bool = False) -> str | None:
    """The size said; in a request for ideas only when said as a size ("a small gift" is no size S)."""
    match = lexicon.shopping.size_cue.search(said)
    if match:
        raw = match.group("size")
        return lexicon.sizes.get(raw, raw.upper())
    if sized_by_words_only:
        return None
    value = nlu.first("size")
    return str(value) if value else None
