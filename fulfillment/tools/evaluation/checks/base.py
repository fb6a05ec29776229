"""What a check sees (the turn, the turns before it, the shop's facts) and the registry of check types.

A check type is registered with a builder: it validates the YAML argument when the suite is loaded and
returns the function that judges a turn, so a typo in the suite fails before anything runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from fulfillment.domain.models import Customer, Product
from fulfillment.tools.evaluation.facts import ShopFacts


class SuiteError(ValueError):
    """The suite file is malformed (an unknown check, a bad argument)."""


@dataclass(frozen=True)
class Shown:
    """One turn as the checks see it."""

    said: str
    reply: str
    products: tuple[Product, ...] = ()
    """The products the reply listed (its `data.products`), resolved in the catalog."""
    unresolved: tuple[str, ...] = ()
    """Listed handles or SKUs that are not sellable products."""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    why: str = ""


@dataclass(frozen=True)
class Context:
    facts: ShopFacts
    customer_id: str
    turn: Shown
    earlier: tuple[Shown, ...] = ()
    """The case's turns before this one."""

    @property
    def customer(self) -> Customer:
        return self.facts.customer(self.customer_id)

    def previous_listing(self, at_least: int = 1) -> tuple[Product, ...]:
        """The products of the latest earlier turn that listed at least `at_least`."""
        return next((s.products for s in reversed(self.earlier) if len(s.products) >= at_least), ())

    def earlier_products(self) -> set[str]:
        return {p.handle for s in self.earlier for p in s.products}

    def focus(self) -> Product | None:
        """The product 'it' means: the latest one singled out (a turn that showed exactly one)."""
        return next((s.products[0] for s in reversed(self.earlier) if len(s.products) == 1), None)

    def referent(self, about: Any) -> Product | None:
        """`focus`, an ordinal of the latest listing (1, 2, ... or `last`), or a product handle."""
        if about == "focus":
            return self.focus()
        listing = self.previous_listing(2) or self.previous_listing(1)
        if about == "last":
            return listing[-1] if listing else None
        if isinstance(about, int):
            return listing[about - 1] if 1 <= about <= len(listing) else None
        return self.facts.product(str(about))


Check = Callable[[Context], Verdict]
Builder = Callable[[Any], Check]
CHECKS: dict[str, Builder] = {}


def check(name: str) -> Callable[[Builder], Builder]:
    def register(builder: Builder) -> Builder:
        CHECKS[name] = builder
        return builder

    return register


def build(name: str, raw: Any) -> Check:
    builder = CHECKS.get(name)
    if builder is None:
        raise SuiteError(f"unknown check {name!r} (known: {', '.join(sorted(CHECKS))})")
    return builder(raw)


# -- argument parsing shared by the builders ------------------------------------------------------
def strings(raw: Any, what: str) -> list[str]:
    values = [raw] if isinstance(raw, str) else raw
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise SuiteError(f"{what}: expected a string or a list of strings, got {raw!r}")
    return values


def mapping(raw: Any, what: str, allowed: Iterable[str], required: Iterable[str] = ()) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise SuiteError(f"{what}: expected a mapping, got {raw!r}")
    unknown = set(raw) - set(allowed)
    missing = set(required) - set(raw)
    if unknown or missing:
        raise SuiteError(f"{what}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return raw


def about(raw: Any, what: str) -> Any:
    value = raw if raw is not None else "focus"
    if value in ("focus", "last") or (isinstance(value, int) and value >= 1) or isinstance(value, str):
        return value
    raise SuiteError(f"{what}: `about` is focus, last, an ordinal from 1 or a product handle, got {raw!r}")


def flag(raw: Any, what: str) -> None:
    if raw is not True:
        raise SuiteError(f"{what}: expected `true`, got {raw!r}")


def describe(products: Iterable[Product]) -> str:
    return "; ".join(f"{p.title} ({p.type}, €{p.min_price_cents / 100:.2f})" for p in products)
