"""Turns what the shopper said (the NLU's entities plus the words themselves) into a structured
request: product types, attributes, limits, and who or what it is for.

The NLU finds the entities; the words are read again here against the catalog's own names and the
language's budget phrases, so a missed or wrong entity ("under" tagged as a brand) cannot turn a
request into something else."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    spans: list[Found] = field(default_factory=list)


def understand(nlu: NluResult, terms: CatalogTerms, lexicon: Lexicon, themes: Themes | None,
               customer: Customer | None = None) -> Understood:
    words = lexicon.shopping
    plain = for_nlu(nlu.text)
    said = spoken(plain)
    taken: list[tuple[int, int]] = []

    def free(found: list[Found]) -> list[Found]:
        kept = [f for f in found if not any(f.start < e and s < f.end for s, e in taken)]
        taken.extend((f.start, f.end) for f in kept)
        return kept

    low, high, cheap, pricey = _budget(plain, lexicon)
    if low is None and high is None:
        low, high = _cents(nlu.first("price_min")), _cents(nlu.first("price_max"))
        if low is not None and high is not None and low > high:
            low, high = high, low
    occasions: tuple[str, ...] = ()
    recipient = interest = None
    if themes is not None:
        recipient = next((f.values[0] for f in free(themes.recipients.find(said))), None)
        interest = next((f.values[0] for f in free(themes.interests.find(said))), None)
        occasions = tuple(dict.fromkeys(v for f in free(themes.occasions.find(said)) for v in f.values))
    types = _types(free(terms.types.find(said)))
    brands = [f.values[0] for f in free(terms.brands.find(said))]
    entity_brand = next((b for b in (terms.brand_named(str(v)) for v in nlu.all("brand")) if b), None)
    features = tuple(dict.fromkeys(f.values[0] for f in free(terms.features.find(said))))
    materials = [f.values[0] for f in free(terms.materials.find(said))]
    size = _size(said, nlu, lexicon)
    colors = [f.values[0] for f in free(terms.colors.find(said))]
    colors += [str(c) for c in nlu.all("color") if str(c) in terms.colors.table]
    categories = [f.values[0] for f in free(terms.categories.find(said))] if not types else []
    my_size = any(c in said for c in words.my_size_cues)
    favourites = any(c in said for c in words.favourite_brand_cues)
    if my_size and customer is not None and size is None:
        size = _my_size(customer, types, terms)
    leftover = tuple(
        w for w in _uncovered(said, taken)
        if w not in lexicon.stop_words and w not in words.common_words and not w.isdigit()
        and not re.fullmatch(words.number, w) and w not in lexicon.sizes
    )
    request = ShopperRequest(
        words=leftover if not (recipient or interest or occasions) else (),
        types=types,
        category=categories[0] if categories else None,
        brand=(brands[0] if brands else entity_brand) if not favourites else None,
        brands=tuple(customer.favourite_brands) if favourites and customer else (),
        color=colors[0] if colors else None,
        size=size,
        material=materials[0] if materials and not types else None,
        features=features,
        price_min_cents=low,
        price_max_cents=high,
        cheap=cheap,
        pricey=pricey,
        recipient=recipient,
        interest=interest,
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
    )


def _has(said: str, cue: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(cue) + r"(?!\w)", said) is not None


def _types(found: list[Found]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for f in found for t in f.values))


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
    n = words_to_number(raw, lexicon)
    return n * 100 if n else None


def _cents(value: object) -> int | None:
    return round(float(value) * 100) if isinstance(value, (int, float)) and value > 0 else None


def _size(said: str, nlu: NluResult, lexicon: Lexicon) -> str | None:
    match = lexicon.shopping.size_cue.search(said)
    if match:
        raw = match.group("size")
        return lexicon.sizes.get(raw, raw.upper())
    value = nlu.first("size")
    return str(value) if value else None


def _my_size(customer: Customer, types: tuple[str, ...], terms: CatalogTerms) -> str | None:
    """The customer's size for the kind of product asked for (clothes or shoes)."""
    sizes = customer.sizes
    if not sizes:
        return None
    for category, size in sizes.items():
        if any(t in terms.type_category.get(category, ()) for t in types):
            return size
    return next(iter(sizes.values())) if len(sizes) == 1 else None
