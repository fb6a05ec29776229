"""German query words: stems, umlaut spellings, compound parts and glosses, and German search on the
(English) demo catalog through the German pack's curated words."""

from __future__ import annotations

import pytest

from fulfillment.domain.german_words import GermanWords
from fulfillment.domain.search import SearchRequest

WORDS = GermanWords(["jacke", "wasserdicht", "regenjacke", "daunenjacke", "müller", "mühle", "kaffeemühle"],
                    {"regen": "rain", "jacke": "jacket"})


@pytest.mark.parametrize(("word", "spellings"), [
    ("mueller", {"mueller", "müller"}),
    ("müller", {"müller", "mueller"}),
    ("strasse", {"strasse", "straße"}),
    ("jacke", {"jacke"}),
])
def test_umlaut_and_sharp_s_spellings(word, spellings):
    assert set(WORDS.spellings(word)) == spellings


@pytest.mark.parametrize(("word", "parts"), [
    ("regenjacke", ["regen", "jacke"]),
    ("regenjacken", ["regen", "jacken"]),
    ("kinderjacke", ["jacke"]),  # an unknown modifier: the head still narrows
    ("jacke", []),
    ("wasserdicht", []),
])
def test_compounds_split_into_known_parts(word, parts):
    assert WORDS.split(word) == parts


def test_terms_hold_stem_prefix_head_compounds_and_gloss():
    assert {'"regenjacke"', '"regenjack"*', '"jacke"', '"jack"', '"rain jacket"'} <= set(WORDS.terms("regenjacke"))
    assert '"jacket"' not in WORDS.terms("regenjacke")  # a part's gloss alone would match every jacket
    assert {'"daunenjacke"', '"regenjacke"'} <= set(WORDS.terms("jacke"))  # compounds holding the word
    assert '"müller"' in WORDS.terms("mueller")
    assert all(t.count('"') == 2 for t in WORDS.terms('ja"cke'))  # quotes in speech never reach FTS syntax


@pytest.mark.parametrize(("said", "expected_type"), [
    ("regenjacke", "rain jacket"),
    ("regenjacken", "rain jacket"),
    ("jacke für regen", "rain jacket"),
    ("kaffeemühle", "coffee grinder"),
    ("kaffeemuehle", "coffee grinder"),
    ("laufschuhe", ("running shoe", "trail running shoe")),
    ("yogamatte", "yoga mat"),
    ("daunenjacke", "down jacket"),
])
def test_german_words_find_the_english_demo_catalog(shop, said, expected_type):
    result = shop.search.search(SearchRequest(said, language="de"))
    assert result.ids, said
    expected = (expected_type,) if isinstance(expected_type, str) else expected_type
    assert shop.catalog.get(result.ids[0]).type in expected


def test_english_search_is_untouched_by_german(shop):
    english = shop.search.search(SearchRequest("rain jacket"))
    assert shop.search.search(SearchRequest("rain jacket", language="en")) == english
    assert shop.search.search(SearchRequest("regenjacke")).ids == []  # no German forms for English turns
