"""Loads the demo shop (catalog, customers, past orders) into a fresh EMMA_HOME."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from fulfillment.adapters.ports import CatalogStore, ShopDatabase
from fulfillment.adapters.sqlite.catalog import CatalogRepository
from fulfillment.adapters.sqlite.customers import CustomerRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.orders import OrderRepository
from fulfillment.domain.models import Customer, Order, OrderLine, cents
from fulfillment.domain.search import ProductSearch
from fulfillment.domain.translations import ProductText
from fulfillment.services.catalog_import import ImportReport, read_jsonl, save_all


def demo_catalog_path() -> Path:
    return Path(str(resources.files("fulfillment.data").joinpath("catalog.jsonl")))


def demo_texts_path(language: str) -> Path:
    """The demo catalog's texts in another language (fulfillment/data/<language>/catalog_texts.jsonl)."""
    return Path(str(resources.files("fulfillment.data").joinpath(language).joinpath("catalog_texts.jsonl")))


def load_demo_texts(db: ShopDatabase, catalog: CatalogStore, language: str) -> int:
    """Loads the demo catalog's texts in `language` if the shop has none yet (either backend); how many."""
    path = demo_texts_path(language)
    if not path.is_file() or catalog.texts_count(language):
        return 0
    texts = [ProductText.from_json(json.loads(line)) for line in path.read_text("utf-8").splitlines() if line]
    with db.transaction() as conn:
        return catalog.save_texts(conn, texts)


def load_demo(db: Database, search: ProductSearch | None = None) -> ImportReport | None:
    """Idempotent: loads only what is missing (the catalog if empty, customers not yet known)."""
    report = None
    catalog, customers, orders = CatalogRepository(db), CustomerRepository(db), OrderRepository(db)
    if catalog.count() == 0:
        lines = demo_catalog_path().read_text(encoding="utf-8").splitlines()
        report = save_all(read_jsonl(lines), db, catalog)
        if search is not None:
            search.invalidate()
    load_demo_texts(db, catalog, "de")  # the translation layer: German titles, descriptions and reviews
    raw = json.loads(resources.files("fulfillment.data").joinpath("customers.json").read_text("utf-8"))
    known = set(customers.ids())
    for entry in raw:
        if entry["id"] in known:
            continue
        customer = Customer(
            id=entry["id"], name=entry["name"], address=entry.get("address"), email=entry.get("email"),
            sizes=entry.get("sizes") or {}, favourite_brands=tuple(entry.get("favourite_brands") or ()),
        )
        with db.transaction() as conn:
            customers.save(conn, customer, pin=entry.get("pin"))
            for past in entry.get("orders", []):
                orders.insert(_order(customer.id, past, catalog), idempotency_key=None)
    return report


def _order(customer_id: str, raw: dict, catalog: CatalogRepository) -> Order:
    lines = []
    for item in raw["items"]:
        product_id = catalog.product_id_for_sku(item["sku"])
        product = catalog.get(product_id) if product_id else None
        lines.append(OrderLine(item["sku"], product.title if product else item["sku"],
                               int(item["quantity"]), cents(item["price"])))
    shipping = cents(raw.get("shipping", 0))
    return Order(
        id=raw["id"], customer_id=customer_id, status=raw["status"], lines=tuple(lines),
        shipping_cents=shipping, total_cents=sum(x.quantity * x.price_cents for x in lines) + shipping,
        placed_at=raw["placed_at"], status_dates=raw.get("status_dates") or {"placed": raw["placed_at"]},
    )
