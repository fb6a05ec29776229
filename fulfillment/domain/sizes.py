"""Whether a product comes in a shopper's size: letter sizes for clothes, numbers for shoes (and socks),
ranges ("43-46") and combined sizes ("S/M") included."""

from __future__ import annotations

import re

from fulfillment.domain.models import Customer, Product

_RANGE = re.compile(r"(\d+(?:[.,]5)?)\s*-\s*(\d+(?:[.,]5)?)")
_NUMERIC = re.compile(r"^\d")


def fits(size: str | None, wanted: str) -> bool:
    """A variant size serves a shopper of size `wanted`: equal, a range holding it, or one of "S/M"."""
    if not size:
        return False
    size, wanted = size.strip().upper(), wanted.strip().upper()
    if size == wanted or wanted in size.split("/"):
        return True
    bounds = _RANGE.fullmatch(size)
    if bounds and _NUMERIC.match(wanted):
        low, high = (float(b.replace(",", ".")) for b in bounds.groups())
        try:
            return low <= float(wanted.replace(",", ".")) <= high
        except ValueError:
            return False
    return False


def in_size(product: Product, wanted: str, in_stock: bool = False) -> bool:
    return any(fits(v.size, wanted) and (v.stock > 0 or not in_stock) for v in product.variants)


def customer_size(customer: Customer, product: Product) -> str | None:
    """The customer's own size in the way this product is sized (shoe numbers or clothing letters)."""
    sized = [v.size for v in product.variants if v.size]
    if not sized:
        return None
    by_form = customer.sizes.get("shoes" if _NUMERIC.match(sized[0]) else "apparel")
    for own in (customer.sizes.get(product.category), by_form):  # socks are apparel sized like shoes
        if own and any(fits(size, own) for size in sized):
            return own
    return by_form or customer.sizes.get(product.category)


def fits_customer(product: Product, customer: Customer, in_stock: bool = True) -> bool:
    """True when the customer's size is available (products without sizes always fit)."""
    if not any(v.size for v in product.variants):
        return True
    own = customer_size(customer, product)
    return own is not None and in_size(product, own, in_stock)
