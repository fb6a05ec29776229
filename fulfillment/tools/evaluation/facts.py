"""The ground truth of the evaluation: the shop's data, read through its repositories."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import Cart, Customer, Order, Product, ProductFilter
from fulfillment.domain.translations import in_language
from fulfillment.lang import DEFAULT

if TYPE_CHECKING:
    from fulfillment.wiring import ShopHome

_NUMERIC_SIZE = re.compile(r"^\d")


@dataclass(frozen=True)
class ShopFacts:
    """What every expectation is checked against."""

    products: tuple[Product, ...]
    """The sellable catalog."""
    customers: Mapping[str, Customer]
    orders: Mapping[str, tuple[Order, ...]]
    """Each customer's orders, newest first."""
    knowledge: Knowledge
    """Policies and stores (the knowledge files)."""
    cart_of: Callable[[str], Cart] = field(default=lambda _customer: Cart(()))
    """A customer's cart as it is now (read after a turn)."""
    _by_key: dict[str, Product] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        for p in self.products:
            self._by_key[p.handle] = p
            self._by_key.update((v.sku, p) for v in p.variants)

    def product(self, key: str) -> Product | None:
        """The sellable product of a handle or a variant SKU."""
        return self._by_key.get(key)

    def listed(self, items: Iterable[Any]) -> tuple[list[Product], list[str]]:
        """The products of a reply's `data.products` (dicts with a handle or sku), and what did not resolve."""
        found: list[Product] = []
        unknown: list[str] = []
        for item in items:
            keys = [item.get("handle"), item.get("sku")] if isinstance(item, dict) else [item]
            product = next((p for k in keys if isinstance(k, str) and (p := self.product(k))), None)
            if product is None:
                unknown.append(str(keys[0] or keys[-1]))
            elif product not in found:
                found.append(product)
        return found, unknown

    def of_types(self, types: Iterable[str]) -> list[Product]:
        wanted = {t.lower() for t in types}
        return [p for p in self.products if p.type.lower() in wanted]

    def customer(self, customer_id: str) -> Customer:
        customer = self.customers.get(customer_id)
        if customer is None:
            raise KeyError(f"unknown customer {customer_id!r}")
        return customer

    def ordered(self, customer_id: str) -> list[Product]:
        """The products a customer has ordered, most recent first."""
        seen: list[Product] = []
        for order in self.orders.get(customer_id, ()):
            for line in order.lines:
                product = self.product(line.sku)
                if product is not None and product not in seen:
                    seen.append(product)
        return seen

    def fact(self, path: str) -> Any:
        """A value of the knowledge files: `shipping.countries` (a policy fact) or `stores.munich.phone`."""
        head, *rest = path.split(".")
        value: Any = self.knowledge.stores if head == "stores" else self.knowledge.policies.get(head, {}).get("facts")
        for part in rest:
            if not isinstance(value, Mapping) or part not in value:
                raise KeyError(f"no fact {path!r} in the knowledge files")
            value = value[part]
        if value is None or not rest:
            raise KeyError(f"no fact {path!r} in the knowledge files")
        return value


def size_fits(size: str | None, wanted: str) -> bool:
    """Whether a variant size serves a shopper of size `wanted`: equal, a range holding it ("43-46"), or a
    combined letter size ("S/M")."""
    if not size:
        return False
    size, wanted = size.strip().upper(), wanted.strip().upper()
    if size == wanted or wanted in size.split("/"):
        return True
    bounds = re.fullmatch(r"(\d+)\s*-\s*(\d+)", size)
    if bounds and wanted.isdigit():
        return int(bounds.group(1)) <= int(wanted) <= int(bounds.group(2))
    return False


def customer_size_for(customer: Customer, size: str | None) -> str | None:
    """The customer's own size of the kind a variant size is written in: numbers are shoe sizes (socks
    too), letters clothing sizes."""
    if not size:
        return None
    return customer.sizes.get("shoes" if _NUMERIC_SIZE.match(size) else "apparel")


def in_customer_size(product: Product, customer: Customer) -> bool:
    return any(
        (own := customer_size_for(customer, v.size)) is not None and size_fits(v.size, own)
        for v in product.variants
    )


def facts_from_shop(shop: ShopHome, language: str = DEFAULT.code) -> ShopFacts:
    """The facts of an open shop, read through its repositories; the products as a shopper of `language`
    reads them (German titles and reviews), the policies of the shop's own knowledge files."""
    catalog = in_language(shop.catalog, language, DEFAULT.code)
    ids = catalog.browse(ProductFilter(), limit=1_000_000)
    products = tuple(catalog.get_many(ids))
    customers = {cid: c for cid in shop.customers.ids() if (c := shop.customers.get(cid)) is not None}
    orders = {cid: tuple(shop.order_store.for_customer(cid)) for cid in customers}
    return ShopFacts(products, customers, orders, shop.knowledge, shop.carts.get)
