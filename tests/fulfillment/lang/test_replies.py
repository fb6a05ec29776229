"""Every English reply template, rendered with every kind of product in the demo catalog, reads cleanly:
no doubled words, no "..", no unfilled slot, counts that agree with their noun, "a"/"an" before the right
sound, each product named once, and listings short enough for one voice turn."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from fulfillment.domain.models import Order, OrderLine, Product
from fulfillment.domain.search import distinguishing_fact
from fulfillment.lang import DEFAULT
from fulfillment.services.catalog_import import product_from_json
from fulfillment.services.demo_data import demo_catalog_path
from tests.fulfillment.lang.test_packs import problems

say = DEFAULT.prompts
CATALOG = [
    replace(product_from_json(raw), id=n)
    for n, raw in enumerate(
        (json.loads(line) for line in demo_catalog_path().read_text(encoding="utf-8").splitlines() if line.strip()),
        start=1,
    )
]
BY_TYPE: dict[str, list[Product]] = {}
for _p in CATALOG:
    BY_TYPE.setdefault(_p.type, []).append(_p)
# Titles that start with "The" ("The Mat 5mm Yoga Mat") must not become "the The Mat".
ODD = [p for p in CATALOG if p.title.lower().startswith("the ")]
KINDS = sorted(BY_TYPE)
MAX_WORDS = 45
NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()


def _renders(kind: str) -> list[tuple[str, str]]:
    """(template, text) for every template that takes products, with products of one kind."""
    products = BY_TYPE[kind][:3]
    p = products[0]
    other = next(q for q in CATALOG if q.type != kind)
    pair = products[:2] if len(products) > 1 else [p, other]
    facts = [distinguishing_fact(q, products) for q in products]
    order = Order("K7MXPA", "demo", "delivered", tuple(OrderLine(q.variants[0].sku, q.title, n + 1, 100)
                                                        for n, q in enumerate(products[:2])), 0, 300,
                  "2026-11-10", status_dates={"delivered": "2026-11-14"})
    texts = [
        ("listing", say.listing(products, facts, 0, True)),
        ("listing kind", say.search_found(len(BY_TYPE[kind]), kind) + say.listing(products, facts, 0, True, kind)),
        ("ideas", say.ideas_lead("Sun, sand and a playlist", " up to €50")
         + say.ideas(products, ["to stay dry"] * len(products), True)),
        ("product_intro", say.product_intro(p)),
        ("price", say.price(p)),
        ("sizes", say.sizes(p)),
        ("colors", say.colors(p)),
        ("material", say.material(p)),
        ("describe", say.describe(p)),
        ("reviews", say.reviews(p, "Great.", "Runs small.")),
        ("compare", say.compare(pair[0], pair[1], pair[0], pair[1], pair[0].features[0] if pair[0].features else "",
                                "")),
        ("pick", say.pick(p, True, "M", True)),
        ("better_for", say.better_for(p, "running", True, pair[1:], False)),
        ("good_for", say.good_for(p, "running", False)),
        ("same_as_before", say.same_as_before(p, "March 14")),
        ("not_same_as_before", say.not_same_as_before(p, other)),
        ("in_stock", say.in_stock(p, "", 2)),
        ("in_store", say.in_store(p, "Munich", 0, ["Berlin"])),
        ("sold_out", say.sold_out(p, "")),
        ("only_left", say.only_left(p, 1)),
        ("variant_unavailable", say.variant_unavailable(p, "purple", p.colors or ["one colour"])),
        ("search_found one", say.search_found(1, kind, " in blue")),
        ("search_alternatives", say.search_alternatives(kind, "color", " in purple")
         + say.listing(products, facts, 0, False, kind)),
        ("search_none", say.search_none(kind, " up to €5")),
        ("nothing_cheaper", say.nothing_cheaper(kind)),
        ("nothing_else", say.nothing_else(kind)),
        ("complements", say.complements(p) + say.ideas([other], [""], False)),
        ("last_order", say.last_order(order)),
        ("greet_with_news", say.greet_with_news("Alex", order)),
    ]
    for dimension in ("light", "warm", "cheap", "pricey", "rating", "waterproof"):
        texts.append((f"compared {dimension}", say.compared(dimension, p, pair[1:], [])))
    for feature in p.features:
        texts.append(("feature_yes", say.feature_yes(p, feature)))
        texts.append(("feature_no", say.feature_no(p, feature)))
    for count in range(1, min(len(BY_TYPE[kind]), 12) + 1):
        texts.append((f"search_found {count}", say.search_found(count, kind)))
    return texts


TITLES = sorted({p.title for p in CATALOG} | {p.title[: -len(p.type)].strip() for p in CATALOG
                                              if p.title.lower().endswith(p.type.lower())} - {""},
                key=len, reverse=True)
"""Titles, and their cores said after the type was named ("Hubba Hubba 2")."""


_TITLE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in TITLES) + r")(?!\w)", re.IGNORECASE)


def masked(text: str) -> str:
    return _TITLE.sub("Name", text)


def agreement(text: str, kind: str) -> list[str]:
    """Counts that disagree with their noun: "6 t-shirt", "one t-shirts"."""
    found = []
    singular, many = re.escape(kind), re.escape(say.plural(kind))
    numbers = "|".join(NUMBER_WORDS) + r"|[2-9]|\d\d+"
    if singular != many:
        found += re.findall(rf"\b(?:{numbers})\s+{singular}\b(?!-)", text.lower())
        found += re.findall(rf"\b(?:one|1)\s+{many}\b", text.lower())
    return found


def articles(text: str) -> list[str]:
    return re.findall(r"\ba\s+(?:[aeio]\w*)", text) + re.findall(r"\ban\s+(?!h)[bcdfgjklmnpqrstvwxyz]\w*", text)


def named_twice(text: str, products: list[Product]) -> list[str]:
    """Names said more than once (a one-word core like "Pocket" is an ordinary word too)."""
    found = [m.group(0).lower() for m in _TITLE.finditer(text) if " " in m.group(0)]
    return sorted({t for t in found if found.count(t) > 1})


@pytest.mark.parametrize("kind", KINDS)
def test_every_template_reads_cleanly_with_this_kind_of_product(kind):
    for template, text in _renders(kind):
        where = f"{template}: {text}"
        plain = masked(text)  # a title may double a word or hold a number ("Organic Green Green Tea")
        assert problems(plain) == [], where
        assert agreement(plain, kind) == [], where
        assert articles(plain) == [], where
        assert named_twice(text, CATALOG) == [], where
        assert not re.search(r":\s*([.,;!?]|$)", text), f"empty highlight in {where}"
        for brand in {p.brand for p in BY_TYPE[kind]}:
            assert not re.search(rf":\s*{re.escape(brand)}\s*[.;,!?]", text), f"the brand as highlight in {where}"
        if template in ("listing kind", "ideas"):
            assert len(text.split()) <= MAX_WORDS, where


@pytest.mark.parametrize("product", ODD, ids=lambda p: p.title)
def test_titles_starting_with_the_keep_one_article(product):
    for text in (say.product_intro(product), say.feature_yes(product, "waterproof"), say.price(product),
                 say.listing([product], [""], 0, False)):
        assert not re.search(r"\bthe the\b", text, re.IGNORECASE), text


def test_the_checks_catch_what_they_are_for():
    assert agreement("I found 6 t-shirt.", "t-shirt") and agreement("I have one t-shirts.", "t-shirt")
    assert not agreement("I found six t-shirts.", "t-shirt")
    assert articles("It has a integrated light.") and articles("an bag") and not articles("an hour, a case")
    jacket = CATALOG[0]
    assert named_twice(f"The {jacket.title} by X: the {jacket.title}.", CATALOG) == [jacket.title.lower()]
