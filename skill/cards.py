"""Card text for the Alexa app: the basket, the order to confirm, the order placed.

Reads `TurnResult.data` defensively. The core sends `cart: {items: [{title, quantity, price}],
total}`, `quote: {subtotal, shipping, total}` and `order: {id, status, total}` (euros as numbers);
other shapes work too: a cart as a bare list, items named by `name`/`product`, preformatted prices.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType
from typing import Any


def cart_card(data: Mapping[str, Any], prompts: ModuleType, shop: str, symbol: str):
    """(title, content) of the basket card."""
    cart = data.get("cart")
    items = _items(cart)
    lines = [_item_line(item, prompts, symbol) for item in items] or [prompts.CART_EMPTY]
    total = _first(cart, "total", "subtotal")
    if total is not None and items:
        lines.append(prompts.CARD_TOTAL.format(total=prompts.money(total, symbol)))
    return prompts.CART_CARD_TITLE.format(shop=shop), "\n".join(lines)


def order_card(
    data: Mapping[str, Any], prompts: ModuleType, shop: str, symbol: str, *, placed: bool
):
    """(title, content) of the order read-back (`confirm_order`) or receipt (`place_order`)."""
    order = _order(data)
    sources = (order, data.get("quote"), data.get("cart"), data)
    seller = _first_of(sources, "seller", "seller_name") or shop
    lines = [prompts.CARD_SELLER.format(seller=_label(seller))]
    lines += [_item_line(item, prompts, symbol) for item in order_items(data)]
    address = _first_of(sources, "address", "delivery_address", "shipping_address")
    if address:
        lines.append(prompts.CARD_ADDRESS.format(address=_label(address)))
    shipping = _first_of(sources, "shipping", "shipping_cost", "delivery_cost")
    if shipping is not None:
        lines.append(prompts.CARD_SHIPPING.format(shipping=prompts.money(shipping, symbol)))
    total = _first_of(sources, "total", "grand_total")
    if total is not None:
        lines.append(prompts.CARD_TOTAL.format(total=prompts.money(total, symbol)))
    if not placed:
        return prompts.ORDER_CARD_TITLE, "\n".join(lines)
    if order.get("status"):
        lines.append(prompts.CARD_STATUS.format(status=prompts.status_word(str(order["status"]))))
    return prompts.ORDER_PLACED_CARD_TITLE.format(order_id=order.get("id", "")), "\n".join(lines)


def item_lines(data: Mapping[str, Any], prompts: ModuleType, symbol: str) -> list[str]:
    """One line per item of the order (or cart), for e-mails."""
    return [_item_line(item, prompts, symbol) for item in order_items(data)]


def order_items(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The order's items, else the cart's."""
    return _items(_order(data)) or _items(data.get("cart"))


def _order(data: Mapping[str, Any]) -> Mapping[str, Any]:
    order = data.get("order")
    return order if isinstance(order, Mapping) else {}


def _items(container: Any) -> list[Mapping[str, Any]]:
    if isinstance(container, Mapping):
        container = container.get("items") or container.get("lines") or []
    if not isinstance(container, list):
        return []
    return [item for item in container if isinstance(item, Mapping)]


def _item_line(item: Mapping[str, Any], prompts: ModuleType, symbol: str) -> str:
    name = _label(_first(item, "name", "title", "product") or "?")
    size = _first(item, "size")
    quantity = _first(item, "quantity", "qty") or 1
    price = _first(item, "line_total", "total")
    if price is None:
        price = _first(item, "price", "unit_price")
        if isinstance(price, int | float) and isinstance(quantity, int):
            price = round(price * quantity, 2)
    return prompts.CARD_ITEM.format(
        quantity=quantity,
        name=name,
        size=prompts.CARD_ITEM_SIZE.format(size=size) if size else "",
        price=prompts.money(price, symbol),
    )


def _label(value: Any) -> str:
    if isinstance(value, Mapping):
        named = _first(value, "name", "title")
        if named:
            return str(named)
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def _first(container: Any, *keys: str) -> Any:
    if not isinstance(container, Mapping):
        return None
    for key in keys:
        if container.get(key) not in (None, ""):
            return container[key]
    return None


def _first_of(sources: tuple[Any, ...], *keys: str) -> Any:
    for source in sources:
        value = _first(source, *keys)
        if value is not None:
            return value
    return None
