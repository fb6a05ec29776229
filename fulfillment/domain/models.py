"""Value types of the shop. Money is integer cents; `euros()` converts for the wire."""

from __future__ import annotations

from dataclasses import dataclass, field


def euros(cents: int) -> float:
    return round(cents / 100, 2)


def cents(amount: float | str) -> int:
    return round(float(amount) * 100)


@dataclass(frozen=True)
class Variant:
    sku: str
    color: str | None
    size: str | None
    price_cents: int
    stock: int
    """Online stock; orders decrement it."""
    compare_at_cents: int | None = None
    store_stock: dict[str, int] = field(default_factory=dict)
    """Stock on the shelf per store id (berlin, munich, hamburg)."""


@dataclass(frozen=True)
class Review:
    rating: int
    text: str


@dataclass(frozen=True)
class Product:
    id: int
    handle: str
    title: str
    brand: str
    category: str
    type: str
    description: str
    materials: tuple[str, ...]
    features: tuple[str, ...]
    tags: tuple[str, ...]
    rating: float | None
    review_count: int
    variants: tuple[Variant, ...]
    reviews: tuple[Review, ...] = ()

    @property
    def min_price_cents(self) -> int:
        return min((v.price_cents for v in self.variants), default=0)

    @property
    def in_stock(self) -> bool:
        return any(v.stock > 0 for v in self.variants)

    @property
    def colors(self) -> list[str]:
        return _unique(v.color for v in self.variants)

    @property
    def sizes(self) -> list[str]:
        return _unique(v.size for v in self.variants)

    def to_json(self) -> dict[str, object]:
        return {
            "sku": self.variants[0].sku if self.variants else self.handle,
            "handle": self.handle,
            "title": self.title,
            "brand": self.brand,
            "price": euros(self.min_price_cents),
        }


@dataclass(frozen=True)
class ProductFilter:
    """Structured filters applied on top of the text match (from NLU entities or query params)."""

    color: str | None = None
    size: str | None = None
    brand: str | None = None
    category: str | None = None
    material: str | None = None
    price_min_cents: int | None = None
    price_max_cents: int | None = None
    in_stock: bool = False
    types: tuple[str, ...] = ()
    """Catalog product types, any of them (a search for tents returns tents, not tent pegs)."""
    brands: tuple[str, ...] = ()
    """Any of these brands (the shopper's favourites); `brand` is one brand said aloud."""
    features: tuple[str, ...] = ()
    """Catalog features every product must have, exactly ("noise cancelling")."""


@dataclass(frozen=True)
class Customer:
    id: str
    name: str
    address: str | None
    email: str | None = None
    sizes: dict[str, str] = field(default_factory=dict)
    favourite_brands: tuple[str, ...] = ()
    has_pin: bool = False
    pin_failures: int = 0

    @property
    def is_guest(self) -> bool:
        """Guests (e.g. unlinked Alexa users) may browse but cannot order without an address."""
        return not self.address

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""


@dataclass(frozen=True)
class CartLine:
    sku: str
    title: str
    quantity: int
    price_cents: int
    color: str | None = None
    size: str | None = None

    @property
    def line_cents(self) -> int:
        return self.quantity * self.price_cents


@dataclass(frozen=True)
class Cart:
    lines: tuple[CartLine, ...]

    @property
    def total_cents(self) -> int:
        return sum(line.line_cents for line in self.lines)

    @property
    def count(self) -> int:
        return sum(line.quantity for line in self.lines)

    def to_json(self) -> dict[str, object]:
        return {
            "items": [
                {"sku": x.sku, "title": x.title, "quantity": x.quantity, "price": euros(x.price_cents)}
                for x in self.lines
            ],
            "total": euros(self.total_cents),
        }


ORDER_STATUSES = ("placed", "packed", "shipped", "delivered", "cancelled")


@dataclass(frozen=True)
class OrderLine:
    sku: str
    title: str
    quantity: int
    price_cents: int


@dataclass(frozen=True)
class Order:
    id: str
    customer_id: str
    status: str
    lines: tuple[OrderLine, ...]
    shipping_cents: int
    total_cents: int
    placed_at: str
    address: str | None = None
    status_dates: dict[str, str] = field(default_factory=dict)

    @property
    def cancellable(self) -> bool:
        return self.status in ("placed", "packed")

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "status": self.status, "total": euros(self.total_cents)}


def _unique(values: object) -> list[str]:
    seen: list[str] = []
    for value in values:  # type: ignore[attr-defined]
        if value and value not in seen:
            seen.append(value)
    return seen
