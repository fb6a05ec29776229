"""Query parameters: a value that is there but wrong is a 400, never read as something else."""

from __future__ import annotations

import pytest
from multidict import MultiDict

from fulfillment.apps.http import query
from fulfillment.domain.errors import BadInput


def q(**values: str | None) -> MultiDict[str]:
    return MultiDict((k, v) for k, v in values.items() if v is not None)


@pytest.mark.parametrize(("raw", "expected"), [(None, None), ("0", 0.0), ("12.5", 12.5), ("9999999.99", 9999999.99),
                                               ("1e-05", 0.00001), ("-0", 0.0),
                                               ("2.6254002660686336e-99", 2.6254002660686336e-99)])
def test_numbers_in_range(raw, expected):
    assert query.number(q(p=raw), "p", 0, 1e7) == expected


@pytest.mark.parametrize("raw", ["", "cheap", "-0.01", "1e7", "10000000", "nan", "inf", "-inf", " 5", "1_000", "٣",
                                 "1" * 5000, "1e999"])
def test_numbers_out_of_range_or_not_numbers(raw):
    with pytest.raises(BadInput) as err:
        query.number(q(p=raw), "p", 0, 1e7)
    assert err.value.code == "bad_p"


@pytest.mark.parametrize(("raw", "expected"), [(None, 10), ("1", 1), ("50", 50), ("07", 7)])
def test_integers_in_range(raw, expected):
    assert query.integer(q(n=raw), "n", 1, 50, 10) == expected


@pytest.mark.parametrize("raw", ["", "0.5", "1.0", "1e1", "0", "51", "-3", " 5", "five", "9" * 5000, "٣"])
def test_integers_that_are_not_whole_or_out_of_range(raw):
    with pytest.raises(BadInput) as err:
        query.integer(q(n=raw), "n", 1, 50, 10)
    assert err.value.code == "bad_n"


@pytest.mark.parametrize(("raw", "expected"), [(None, False), ("true", True), ("TRUE", True), ("1", True),
                                               ("false", False), ("0", False)])
def test_flags(raw, expected):
    assert query.flag(q(f=raw), "f") is expected


@pytest.mark.parametrize("raw", ["", "yes please", "2", "maybe"])
def test_flags_that_are_neither_true_nor_false(raw):
    with pytest.raises(BadInput):
        query.flag(q(f=raw), "f")


def test_a_parameter_given_twice_is_refused():
    with pytest.raises(BadInput) as err:
        query.number(MultiDict([("p", "1"), ("p", "2")]), "p", 0, 10)
    assert err.value.code == "bad_p"
    assert query.single(MultiDict([("c", "red")]), "c") == "red" and query.single(MultiDict(), "c") is None
