"""The shopper's request as a structured query: what kind of product, which attributes and limits,
and for whom or what. The dialogue keeps the active one and refines it turn by turn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from fulfillment.domain.models import ProductFilter


@dataclass(frozen=True)
class ShopperRequest:
    words: tuple[str, ...] = ()
    """Free words that name no catalog attribute ("torrentshell", "women"): they rank, never filter."""
    types: tuple[str, ...] = ()
    """Catalog product types asked for; enforced (tents are tents, not pegs)."""
    noun: str = ""
    """What to call them when speaking: the one type, or the words the shopper used ("coffee machines")."""
    category: str | None = None
    brand: str | None = None
    brands: tuple[str, ...] = ()
    """Any of these brands: the shopper's favourites."""
    color: str | None = None
    size: str | None = None
    my_size: bool = False
    """In the customer's own size (shoe numbers or clothing letters, whichever the product uses)."""
    material: str | None = None
    features: tuple[str, ...] = ()
    """Catalog features every product must have."""
    price_min_cents: int | None = None
    price_max_cents: int | None = None
    cheap: bool = False
    """"Cheap" without a number: the lower-priced half, cheapest first."""
    pricey: bool = False
    """"Premium": the higher-priced half, priciest first."""
    by_price: bool = False
    """Cheapest first (after "cheaper ones")."""
    recipient: str | None = None
    """Who it is for: a key of the recipients in occasions.yml."""
    interest: str | None = None
    """What they love: a key of the interests in occasions.yml."""
    occasion: str | None = None
    """What it is for: a key of the occasions or needs in occasions.yml."""
    exclude: tuple[int, ...] = ()
    """Products already offered that the shopper wants something other than."""

    def where(self, in_stock: bool = False) -> ProductFilter:
        return ProductFilter(
            color=self.color, size=self.size, brand=self.brand, category=self.category, material=self.material,
            price_min_cents=self.price_min_cents, price_max_cents=self.price_max_cents, in_stock=in_stock,
            types=self.types, brands=self.brands, features=self.features,
        )

    @property
    def names_products(self) -> bool:
        """True when it says what kind of product, not only limits."""
        return bool(self.types or self.words or self.category)

    @property
    def is_inspiration(self) -> bool:
        """True when it asks for ideas (for someone, something or some occasion), not a product type."""
        return bool(self.recipient or self.interest or self.occasion) and not self.types

    @property
    def has_limits(self) -> bool:
        return any((self.color, self.size, self.my_size, self.brand, self.brands, self.material, self.features,
                    self.price_min_cents is not None, self.price_max_cents is not None, self.cheap, self.pricey,
                    self.by_price, self.exclude))

    def refined_by(self, change: ShopperRequest) -> ShopperRequest:
        """This request with what `change` says on top: a new type starts over on the type and its
        words, a new limit replaces the old one of its kind, and everything else stays."""
        updates: dict[str, Any] = {}
        for f in fields(self):
            new = getattr(change, f.name)
            if new in (None, (), False):
                continue
            updates[f.name] = new
        if change.types:
            updates.setdefault("words", ())
            updates.setdefault("noun", change.noun)
            updates["exclude"] = change.exclude
            if change.types != self.types:  # sizes and features of another type rarely carry over
                updates.setdefault("size", None)
                updates.setdefault("features", ())
        if change.price_max_cents is not None and change.price_min_cents is None and (
            self.price_min_cents is not None and self.price_min_cents > change.price_max_cents
        ):
            updates["price_min_cents"] = None
        if change.price_min_cents is not None and change.price_max_cents is None and (
            self.price_max_cents is not None and self.price_max_cents < change.price_min_cents
        ):
            updates["price_max_cents"] = None
        if change.size:
            updates["my_size"] = False
        if change.my_size:
            updates["size"] = None
        if change.brand:
            updates["brands"] = ()
        if change.brands:
            updates["brand"] = None
        if change.cheap:
            updates["pricey"] = False
        if change.pricey:
            updates["cheap"] = updates["by_price"] = False
        return replace(self, **updates)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, (), [], False)}

    @classmethod
    def from_json(cls, raw: dict[str, Any] | None) -> ShopperRequest:
        if not raw:
            return cls()
        known = {f.name: f for f in fields(cls)}
        data: dict[str, Any] = {}
        for key, value in raw.items():
            if key in known:
                data[key] = tuple(value) if isinstance(value, list) else value
        return cls(**data)
