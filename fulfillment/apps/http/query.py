"""Query parameters, checked: a value that is there but wrong is a 400, never quietly read as something else."""

from __future__ import annotations

import re

from multidict import MultiMapping

from fulfillment.domain.errors import BadInput

Query = MultiMapping[str]

# ASCII only: float() and int() would also take " 5", "1_000", "nan" and Arabic-Indic digits.
_NUMBER = re.compile(r"-?[0-9]{1,20}(?:\.[0-9]{1,20})?(?:[eE][+-]?[0-9]{1,3})?")
_INTEGER = re.compile(r"-?[0-9]{1,12}")
_TRUE, _FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


def single(query: Query, name: str) -> str | None:
    """The parameter's value, None when absent; given twice it is a 400 (which one would count?)."""
    values = query.getall(name, [])
    if len(values) > 1:
        raise BadInput(f"Give '{name}' once.", code=f"bad_{name}")
    return values[0] if values else None


def number(query: Query, name: str, low: float, below: float) -> float | None:
    """`low <= value < below`, or None when the parameter is absent."""
    raw = single(query, name)
    if raw is None:
        return None
    if not _NUMBER.fullmatch(raw):
        raise BadInput(f"'{name}' must be a number.", code=f"bad_{name}")
    value = float(raw)
    if not low <= value < below:
        raise BadInput(f"'{name}' must be at least {low:g} and below {below:g}.", code=f"bad_{name}")
    return value


def integer(query: Query, name: str, low: int, high: int, default: int) -> int:
    """`low <= value <= high`; `default` when the parameter is absent."""
    raw = single(query, name)
    if raw is None:
        return default
    if not _INTEGER.fullmatch(raw):  # "0.5" and "1e3" are not counts
        raise BadInput(f"'{name}' must be a whole number.", code=f"bad_{name}")
    value = int(raw)
    if not low <= value <= high:
        raise BadInput(f"'{name}' must be from {low} to {high}.", code=f"bad_{name}")
    return value


def flag(query: Query, name: str) -> bool:
    """`true`/`1` or `false`/`0` (any case); false when absent."""
    raw = single(query, name)
    if raw is None or raw.lower() in _FALSE:
        return False
    if raw.lower() in _TRUE:
        return True
    raise BadInput(f"'{name}' must be true or false.", code=f"bad_{name}")
