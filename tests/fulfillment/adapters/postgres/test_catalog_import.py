"""Importing a catalog into PostgreSQL: products, variants and the search index, one transaction each."""

from __future__ import annotations

import json

from fulfillment.domain.search import SearchRequest
from fulfillment.services.catalog_import import read_jsonl, save_all
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

KAYAK = {"title": "Sea Kayak Expedition", "brand": "Paddlers", "category": "outdoor", "type": "kayak",
         "description": "A long touring kayak.", "materials": ["polyethylene"], "features": ["rudder"],
         "variants": [{"sku": "PAD-KAYAK-RED", "color": "red", "price": "899.00", "stock": 3}]}


def test_imported_products_are_found_and_a_bad_one_is_skipped(pg_url, tmp_path):
    shop = open_shop(Settings(home=tmp_path, database_url=pg_url))
    try:
        clash = {**KAYAK, "title": "Other Kayak", "handle": "other-kayak"}  # the same SKU as the first
        report = save_all(read_jsonl([json.dumps(KAYAK), json.dumps(clash)]), shop.db, shop.catalog)
        assert report.imported == 1 and len(report.skipped) == 1
        shop.search.invalidate()
        result = shop.search.search(SearchRequest("red kayak with a rudder"))
        found = shop.catalog.get(result.ids[0])
        assert found.title == "Sea Kayak Expedition" and found.variants[0].stock == 3

        report = save_all(read_jsonl([json.dumps({**KAYAK, "description": "Now with a skeg."})]),
                          shop.db, shop.catalog)
        assert report.imported == 1
        assert shop.catalog.get(found.id).description == "Now with a skeg."
    finally:
        shop.close()
