from dataclasses import replace

import pytest

from fulfillment.lang import DEFAULT
from nlu.entities import normalize_entities, normalize_value, words_to_number


@pytest.mark.parametrize(
    ("text", "number"),
    [("two", 2), ("3", 3), ("a", 1), ("twenty five", 25), ("forty-five", 45), ("one hundred and twenty", 120),
     ("fifty dollars", 50), ("49.90", 49), ("a couple", 2), ("dozen", 12), ("banana", None), ("", None)],
)
def test_words_to_number(text, number):
    assert words_to_number(text) == number


@pytest.mark.parametrize(
    ("entity", "raw", "value"),
    [("quantity", "two", 2), ("price_max", "fifty", 50), ("ordinal", "second", 2), ("ordinal", "last", "last"),
     ("ordinal", "cheaper", "cheapest"), ("ordinal", "number three", 3), ("ordinal", "next", "next"),
     ("size", "medium", "M"), ("size", "extra large", "XL"), ("size", "43", "43"), ("size", "m", "M"),
     ("order_id", "k 7 m 3 p x", "K7M3PX"), ("color", "Blue", "blue"), ("brand", "Adidas", "adidas")],
)
def test_normalize_value(entity, raw, value):
    assert normalize_value(entity, raw) == value


def test_unreadable_entities_are_dropped():
    entities = normalize_entities([{"entity": "quantity", "value": "lots"}, {"entity": "color", "value": "red"}])
    assert [(e.entity, e.value) for e in entities] == [("color", "red")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Do you have rain jackets?", "do you have rain jackets"), ("What's in my cart?", "what's in my cart"),
     ("Under €49.90, please.", "under €49.90 please"), ("Order K7M3PX!", "order k7m3px"),
     ("t-shirts - 'blue' ones", "t-shirts blue ones"), ("Hi... um, Emma", "hi um emma"), ("", "")],
)
def test_text_for_nlu(text, expected):
    from nlu.text import for_nlu

    assert for_nlu(text) == expected


def test_entities_are_read_with_the_lexicon_given():
    words = replace(DEFAULT.lexicon, number_units={"zwei": 2}, number_tens={}, ordinals={"zweite": 2},
                    sizes={"mittel": "M"}, ordinal_prefix="nummer ")
    raw = [{"entity": "quantity", "value": "zwei"}, {"entity": "ordinal", "value": "zweite"},
           {"entity": "size", "value": "mittel"}, {"entity": "quantity", "value": "two"}]
    assert [e.value for e in normalize_entities(raw, words)] == [2, 2, "M"]  # "two" isn't a word of it
    assert normalize_value("ordinal", "nummer zwei", words) == 2
    assert [e.value for e in normalize_entities(raw)] == ["zweite", "mittel", 2]  # English reads only "two"


@pytest.mark.parametrize(
    ("entity", "raw", "value"),
    [("quantity", "zwei", 2), ("quantity", "3", 3), ("price_max", "zweiundzwanzig", 22),
     ("price_max", "neunundvierzig neunzig", 49), ("price_min", "hundertfünfzig", 150),
     ("price_max", "49.90", 49), ("price_around", "um die achtzig", 80),
     ("size", "dreiundvierzig", "43"), ("size", "43", "43"), ("size", "m", "M"),
     ("ordinal", "2", 2), ("ordinal", "nummer vier", 4), ("ordinal", "cheapest", "cheapest"),
     ("color", "Rot", "rot")],
)
def test_german_numbers_are_read_by_text2num(entity, raw, value):
    assert normalize_value(entity, raw, DEFAULT.lexicon, "de") == value


def test_english_numbers_keep_the_lexicon_tables():
    assert words_to_number("a couple") == 2 and words_to_number("zweiundzwanzig") is None
    assert words_to_number("zweiundzwanzig", language="de") == 22


@pytest.mark.parametrize(
    ("entity", "raw", "value"),
    [("quantity", "eine", 1), ("ordinal", "zweite", 2), ("size", "x l", "XL"),
     ("price_max", "neunundvierzig neunzig", 49)],
)
def test_german_values_with_the_german_lexicon(entity, raw, value):
    from fulfillment.lang import pack_for

    assert normalize_value(entity, raw, pack_for("de").lexicon, "de") == value
