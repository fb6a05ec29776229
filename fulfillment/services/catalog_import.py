"""Imports products from Shopify's product CSV export or from JSON lines.

A bad row never aborts the import or leaves half a product: each product is validated whole
and written in its own transaction; everything skipped is reported with a reason.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fulfillment.adapters.ports import CatalogStore, ShopDatabase
from fulfillment.domain.models import Product, Review, Variant, cents

CATEGORIES = ("apparel", "shoes", "outdoor", "electronics", "kitchen", "coffee and tea", "beauty", "sport", "home")
_COLOR_NAMES = ("color", "colour", "farbe")
_SIZE_NAMES = ("size", "shoe size", "weight", "amount", "volume", "capacity",
               "größe", "grösse", "groesse", "schuhgröße", "gewicht", "menge", "inhalt", "volumen")
"""Shopify option names, as English and German shops name them ("Farbe", "Größe")."""


class RowError(ValueError):
    """A row or product that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    imported: int = 0
    not_sellable: list[str] = field(default_factory=list)
    """Handles imported but hidden (draft, archived or unpublished)."""
    skipped: list[tuple[str, str]] = field(default_factory=list)
    """(where, why) for every row or product left out."""


@dataclass
class _Candidate:
    product: Product
    sellable: bool
    where: str


def import_file(path: Path, db: ShopDatabase, catalog: CatalogStore) -> ImportReport:
    text = read_text(path.read_bytes())
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        candidates = read_jsonl(text.splitlines())
    else:
        candidates = read_shopify_csv(text)
    return save_all(candidates, db, catalog)


def read_text(data: bytes) -> str:
    """UTF-8 as Shopify exports it; a file re-saved by a spreadsheet may be Windows-1252 instead, and its
    umlauts and ß must survive either way."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def save_all(
    candidates: Iterable[_Candidate | tuple[str, str]], db: ShopDatabase, catalog: CatalogStore
) -> ImportReport:
    report = ImportReport()
    for item in candidates:
        if isinstance(item, tuple):
            report.skipped.append(item)
            continue
        try:
            with db.transaction() as conn:
                catalog.save(conn, item.product, sellable=item.sellable)
        except Exception as err:  # e.g. a SKU that another product already uses
            report.skipped.append((item.where, f"could not be saved: {err}"))
            continue
        report.imported += 1
        if not item.sellable:
            report.not_sellable.append(item.product.handle)
    return report


# -- JSON lines ----------------------------------------------------------------------------------
def read_jsonl(lines: Iterable[str]) -> Iterator[_Candidate | tuple[str, str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise RowError("is not a JSON object")
            product = product_from_json(raw)
        except json.JSONDecodeError as err:
            yield (where, f"invalid JSON ({err.msg})")
            continue
        except (RowError, KeyError, TypeError, ValueError) as err:
            yield (where, _reason(err))
            continue
        yield _Candidate(product, raw.get("status", "active") == "active", where)


def product_from_json(raw: dict[str, Any]) -> Product:
    title = str(raw.get("title") or "").strip()
    if not title:
        raise RowError("has no title")
    variants = tuple(
        Variant(
            sku=_required(v, "sku").upper(),
            color=_opt(v.get("color")),
            size=_opt(v.get("size")),
            price_cents=_price(v.get("price"), "price"),
            stock=max(0, int(v.get("stock") or 0)),
            compare_at_cents=_price(v["compare_at_price"], "compare_at_price") if v.get("compare_at_price") else None,
            store_stock={str(k): max(0, int(q)) for k, q in (v.get("store_stock") or {}).items()},
        )
        for v in raw.get("variants") or []
    )
    if not variants:
        raise RowError("has no variants")
    return Product(
        id=0, handle=str(raw.get("handle") or _slug(title)), title=title,
        brand=str(raw.get("brand") or ""), category=str(raw.get("category") or "").lower(),
        type=str(raw.get("type") or "").lower(), description=str(raw.get("description") or ""),
        materials=tuple(map(str, raw.get("materials") or ())), features=tuple(map(str, raw.get("features") or ())),
        tags=tuple(map(str, raw.get("tags") or ())),
        rating=float(raw["rating"]) if raw.get("rating") is not None else None,
        review_count=int(raw.get("review_count") or 0), variants=variants,
        reviews=tuple(Review(int(r["rating"]), str(r["text"])) for r in raw.get("reviews") or ()),
    )


# -- Shopify CSV ---------------------------------------------------------------------------------
def read_shopify_csv(text: str) -> Iterator[_Candidate | tuple[str, str]]:
    header = text.split("\n", 1)[0]
    # Shopify writes commas; a German spreadsheet re-saves the export with semicolons.
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if header.count(";") > header.count(",") else ",")
    if not reader.fieldnames or "Handle" not in reader.fieldnames:
        yield ("header", "not a Shopify product CSV (no Handle column)")
        return
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, row in enumerate(reader, start=2):
        handle = (row.get("Handle") or "").strip()
        if not handle:
            yield (f"row {number}", "has no Handle")
            continue
        groups.setdefault(handle, []).append((number, row))
    for handle, rows in groups.items():
        head = next((r for _, r in rows if (r.get("Title") or "").strip()), None)
        if head is None:
            first, last = rows[0][0], rows[-1][0]
            where = f"row {first}" if first == last else f"rows {first}-{last}"
            yield (f"{where} ({handle})", "no row with a Title introduces this Handle")
            continue
        variants: list[Variant] = []
        for number, row in rows:
            if _image_only(row):
                continue  # Shopify exports extra product images as rows without a variant
            try:
                variants.append(_shopify_variant(row, head))
            except RowError as err:
                yield (f"row {number} ({handle})", str(err))
        if not variants:
            yield (handle, "has no valid variant")
            continue
        status = (head.get("Status") or "active").strip().lower()
        published = (head.get("Published") or "true").strip().lower() not in ("false", "0", "no")
        yield _Candidate(_shopify_product(handle, head, variants), status == "active" and published, handle)


def _image_only(row: dict[str, str]) -> bool:
    variant_columns = ("Variant SKU", "Variant Price", "Option1 Value", "Option2 Value", "Option3 Value")
    return not any((row.get(c) or "").strip() for c in variant_columns) and bool((row.get("Image Src") or "").strip())


def _shopify_variant(row: dict[str, str], head: dict[str, str]) -> Variant:
    sku = (row.get("Variant SKU") or "").strip()
    if not sku:
        raise RowError("has no Variant SKU")
    options: dict[str, str] = {}
    for i in (1, 2, 3):
        name = (head.get(f"Option{i} Name") or "").strip().lower()
        value = (row.get(f"Option{i} Value") or "").strip()
        if name and value and value.lower() != "default title":
            options[name] = value
    color = next((v for k, v in options.items() if k in _COLOR_NAMES), None)
    size = next((v for k, v in options.items() if k in _SIZE_NAMES), None)
    compare = (row.get("Variant Compare At Price") or "").strip()
    try:
        stock = max(0, int(float(row.get("Variant Inventory Qty") or 0)))
    except ValueError as err:
        raise RowError("has a Variant Inventory Qty that is not a number") from err
    return Variant(
        sku=sku.upper(), color=color.lower() if color else None, size=size,
        price_cents=_price(row.get("Variant Price"), "Variant Price"),
        stock=stock, compare_at_cents=_price(compare, "Variant Compare At Price") if compare else None,
    )


def _shopify_product(handle: str, head: dict[str, str], variants: list[Variant]) -> Product:
    tags = tuple(t.strip().lower() for t in (head.get("Tags") or "").split(",") if t.strip())
    kind = (head.get("Type") or "").strip().lower()
    taxonomy = (head.get("Product Category") or "").lower()
    category = next(
        (c for c in CATEGORIES if c in (kind, *tags) or c in taxonomy), taxonomy.split(">")[0].strip() or kind
    )
    return Product(
        id=0, handle=handle, title=head["Title"].strip(), brand=(head.get("Vendor") or "").strip(),
        category=category, type=kind, description=html_to_text(head.get("Body (HTML)") or ""),
        materials=(), features=(), tags=tags, rating=None, review_count=0, variants=tuple(variants),
    )


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "p", "li", "div"):
            self.parts.append(" ")


def html_to_text(markup: str) -> str:
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    return " ".join(html.unescape("".join(parser.parts)).split())


# -- small parsers -------------------------------------------------------------------------------
def _price(value: object, name: str) -> int:
    try:
        amount = cents(_decimal(str(value).replace("€", "").strip()))
    except (TypeError, ValueError) as err:
        raise RowError(f"has a {name} that is not a number: {value!r}") from err
    if amount < 0:
        raise RowError(f"has a negative {name}")
    return amount


def _decimal(text: str) -> str:
    """'49,90' and '1.299,90' (German) or '1,299.90' (English) -> '49.90', '1299.90'."""
    if "," in text and text.rfind(",") > text.rfind("."):
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", "")


def _required(raw: dict[str, Any], name: str) -> str:
    value = str(raw.get(name) or "").strip()
    if not value:
        raise RowError(f"has a variant without {name}")
    return value


def _opt(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _reason(err: Exception) -> str:
    if isinstance(err, KeyError):
        return f"is missing {err.args[0]}"
    return str(err) if isinstance(err, RowError) else f"is invalid: {err}"
