"""The suite file: groups, and cases of turns with the expectations each reply must meet.

    groups: {inspiration: inspiration by occasion or need, ...}
    cases:
      - id: beach-week
        group: inspiration
        customer: demo            # optional, the demo customer by default
        turns:
          - say: i'm going to the beach next week what do i need
            expect: {lists: 2, products_in: {tags: [beach, summer]}, varied: {types: 2}}

A top-level `sets:` key may hold YAML anchors (`&beach`) that cases reuse (`*beach`); `language: de` says the
language the cases are spoken in (English when absent), one suite file per language: dialogue_<language>.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from fulfillment.tools.evaluation.checks import Check, SuiteError, build

DEFAULT_SUITE = "dialogue_en.yml"


def suite_name(language: str = "en") -> str:
    return f"dialogue_{language}.yml"


@dataclass(frozen=True)
class Expectation:
    name: str
    arg: Any
    run: Check


@dataclass(frozen=True)
class Step:
    say: str
    expect: tuple[Expectation, ...] = ()


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    steps: tuple[Step, ...]
    customer: str = "demo"
    note: str = ""
    """Why the expectations are what they are (which data they come from)."""


@dataclass(frozen=True)
class Suite:
    groups: dict[str, str]
    """Group key -> the label printed (the issue's table), in order."""
    cases: tuple[Case, ...]
    name: str = DEFAULT_SUITE
    language: str = "en"
    """The language the shopper speaks (the turns' locale) and the replies are read in."""

    def only(self, groups: list[str] | None = None, ids: list[str] | None = None) -> Suite:
        cases = tuple(c for c in self.cases if (not groups or c.group in groups) and (not ids or c.id in ids))
        if not cases:
            raise SuiteError(f"no case in groups {groups} with ids {ids}")
        kept = {k: v for k, v in self.groups.items() if any(c.group == k for c in cases)}
        return Suite(kept, cases, self.name, self.language)


def default_suite_path(language: str = "en") -> Path:
    return packaged_suite_path(suite_name(language))


def packaged_suite_path(name: str) -> Path:
    return Path(str(resources.files("fulfillment.tools.evaluation").joinpath(name)))


def resolve_suite_path(path: Path) -> Path:
    """A suite file as given, or, when a bare name does not exist here, the packaged suite of that name
    (`--suite paraphrase_en.yml` runs the held-out paraphrase suite from any folder)."""
    if path.exists() or path.parent != Path():
        return path
    packaged = packaged_suite_path(path.name)
    return packaged if packaged.exists() else path


def load_suite(path: Path | None = None, language: str = "en") -> Suite:
    path = resolve_suite_path(path) if path else default_suite_path(language)
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return parse_suite(raw, path.name)


def parse_suite(raw: Any, name: str = "suite") -> Suite:
    if not isinstance(raw, dict) or not isinstance(raw.get("groups"), dict) or not isinstance(raw.get("cases"), list):
        raise SuiteError(f"{name}: expected `groups` (a mapping) and `cases` (a list)")
    groups = {str(k): str(v) for k, v in raw["groups"].items()}
    cases: list[Case] = []
    seen: set[str] = set()
    for n, item in enumerate(raw["cases"], 1):
        case = _case(item, groups, f"{name} case {n}")
        if case.id in seen:
            raise SuiteError(f"{name}: case id {case.id!r} is used twice")
        seen.add(case.id)
        cases.append(case)
    language = str(raw.get("language", "en"))
    return Suite(groups, tuple(cases), name, language)


def _case(item: Any, groups: dict[str, str], where: str) -> Case:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise SuiteError(f"{where}: a case needs an `id`")
    where = f"case {item['id']!r}"
    unknown = set(item) - {"id", "group", "customer", "turns", "note"}
    if unknown:
        raise SuiteError(f"{where}: unknown keys {sorted(unknown)}")
    if item.get("group") not in groups:
        raise SuiteError(f"{where}: group {item.get('group')!r} is not one of {list(groups)}")
    turns = item.get("turns")
    if not isinstance(turns, list) or not turns:
        raise SuiteError(f"{where}: `turns` must be a non-empty list")
    steps = tuple(_step(turn, f"{where} turn {n}") for n, turn in enumerate(turns, 1))
    if not any(step.expect for step in steps):
        raise SuiteError(f"{where}: no turn expects anything")
    return Case(item["id"], item["group"], steps, str(item.get("customer", "demo")), str(item.get("note", "")))


def _step(turn: Any, where: str) -> Step:
    if isinstance(turn, str):
        return Step(turn)
    if not isinstance(turn, dict) or not isinstance(turn.get("say"), str) or set(turn) - {"say", "expect"}:
        raise SuiteError(f"{where}: a turn is a string or {{say: ..., expect: {{...}}}}")
    expect = turn.get("expect") or {}
    if not isinstance(expect, dict):
        raise SuiteError(f"{where}: `expect` must be a mapping of check -> argument")
    try:
        return Step(turn["say"], tuple(Expectation(k, v, build(k, v)) for k, v in expect.items()))
    except SuiteError as err:
        raise SuiteError(f"{where}: {err}") from None
