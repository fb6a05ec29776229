"""Importing Shopify CSV exports and JSON lines: what gets in, what is skipped and why."""

from __future__ import annotations

from pathlib import Path

from fulfillment.domain.models import ProductFilter
from fulfillment.services.catalog_import import html_to_text, import_file
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

DATA = Path(__file__).parents[2] / "data"


def fresh_shop(tmp_path: Path):
    return open_shop(Settings(home=tmp_path))


def test_shopify_csv_groups_variants_and_reports_skips(tmp_path):
    shop = fresh_shop(tmp_path)
    report = import_file(DATA / "shopify_products.csv", shop.db, shop.catalog)
    reasons = " | ".join(why for _, why in report.skipped)
    assert report.imported >= 3
    assert "not a number" in reasons  # the non-numeric price
    assert "no row with a Title" in reasons  # orphan variant row
    assert "no Variant SKU" in reasons
    assert len(report.skipped) == 3  # image-only rows are part of the format, not errors
    assert len(report.not_sellable) == 2  # a draft and an unpublished product
    sellable = shop.catalog.get_many(shop.catalog.search(None, ProductFilter(), limit=100))
    assert len(sellable) == report.imported - len(report.not_sellable)
    assert not {p.handle for p in sellable} & set(report.not_sellable)
    for product in sellable:
        assert product.variants and all(v.price_cents > 0 for v in product.variants)
        assert "<" not in product.description


def test_jsonl_skips_invalid_lines_without_half_products(tmp_path):
    shop = fresh_shop(tmp_path)
    report = import_file(DATA / "products.jsonl", shop.db, shop.catalog)
    assert report.imported == 3
    reasons = [why for _, why in report.skipped]
    assert any("invalid JSON" in r for r in reasons) and any("no title" in r for r in reasons)
    assert shop.catalog.count() == 3


def test_reimport_replaces_instead_of_duplicating(tmp_path):
    shop = fresh_shop(tmp_path)
    import_file(DATA / "products.jsonl", shop.db, shop.catalog)
    import_file(DATA / "products.jsonl", shop.db, shop.catalog)
    assert shop.catalog.count() == 3
    variants = shop.db.connection().execute("SELECT count(*) FROM variants").fetchone()[0]
    fts = shop.db.connection().execute("SELECT count(*) FROM product_fts").fetchone()[0]
    assert variants > 0 and fts == 3


def test_html_is_stripped_to_text():
    assert html_to_text("<p>Warm &amp; <b>dry</b></p><ul><li>packable</li></ul>") == "Warm & dry packable"
