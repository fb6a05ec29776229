"""A German shop's Shopify export: umlauts and ß survive, German option names and decimal commas are
read, and German search finds its products by stem, compound, umlaut spelling and misheard word."""

from __future__ import annotations

from pathlib import Path

import pytest

from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import SearchRequest
from fulfillment.services.catalog_import import import_file
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

DATA = Path(__file__).parents[2] / "data"
GERMAN_CSV = DATA / "shopify_products_de.csv"


@pytest.fixture
def german_shop(tmp_path):
    shop = open_shop(Settings(home=tmp_path))
    report = import_file(GERMAN_CSV, shop.db, shop.catalog)
    assert report.imported == 4 and not report.skipped, report
    yield shop
    shop.db.close()


def _titles(shop, ids):
    return [p.title for p in shop.catalog.get_many(ids)]


def test_umlauts_sharp_s_and_german_options_survive(german_shop):
    products = german_shop.catalog.get_many(german_shop.catalog.search(None, ProductFilter(), limit=10))
    by_title = {p.title: p for p in products}
    assert {"Escape Light Regenjacke", "Jacke, wasserdicht", "Müllers Handkaffeemühle",
            "Straßenschuh „Bolzplatz“"} == set(by_title)
    jacket = by_title["Escape Light Regenjacke"]
    assert {v.color for v in jacket.variants} == {"schwarz", "grün"} and {v.size for v in jacket.variants} == {"M", "L"}
    assert "wasserdichte Regenjacke für Stadt und Trail" in jacket.description
    assert by_title["Müllers Handkaffeemühle"].brand == "Müller & Söhne"
    assert by_title["Müllers Handkaffeemühle"].variants[0].price_cents == 4990  # "49,90"
    assert {v.size for v in by_title["Straßenschuh „Bolzplatz“"].variants} == {"42", "43"}


def test_a_spreadsheet_resaved_export_reads_the_same(tmp_path):
    """Excel in Germany saves CSV as Windows-1252 with semicolons."""
    resaved = tmp_path / "export.csv"
    text = GERMAN_CSV.read_text(encoding="utf-8").replace("„", '"').replace("“", '"')
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    resaved.write_bytes(out.getvalue().encode("cp1252"))
    shop = open_shop(Settings(home=tmp_path / "home"))
    report = import_file(resaved, shop.db, shop.catalog)
    assert report.imported == 4 and not report.skipped
    titles = _titles(shop, shop.catalog.search(None, ProductFilter(), limit=10))
    assert "Müllers Handkaffeemühle" in titles and 'Straßenschuh "Bolzplatz"' in titles
    shop.db.close()


@pytest.mark.parametrize(("said", "first", "also"), [
    ("regenjacke", "Escape Light Regenjacke", "Jacke, wasserdicht"),
    ("regenjacken", "Escape Light Regenjacke", "Jacke, wasserdicht"),
    ("jacke für regen", "Escape Light Regenjacke", None),
    ("wasserdichte jacke", None, "Jacke, wasserdicht"),
    ("mueller", "Müllers Handkaffeemühle", None),
    ("kaffeemuehle", "Müllers Handkaffeemühle", None),
    ("strassenschuh", "Straßenschuh „Bolzplatz“", None),
    ("regenjake", "Escape Light Regenjacke", None),  # misheard, repaired to a German catalog word
])
def test_german_search_finds_german_products(german_shop, said, first, also):
    result = german_shop.search.search(SearchRequest(said, language="de"))
    titles = _titles(german_shop, result.ids)
    assert titles, said
    if first:
        assert titles[0] == first, titles
    if also:
        assert also in titles, titles


def test_german_everyday_words_are_not_repaired(german_shop):
    words, corrected = german_shop.search.terms("habt ihr was günstiges für meinen vater", SearchRequest(language="de"))
    assert corrected == {} and "habt" not in words
