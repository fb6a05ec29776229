"""Reads Rasa NLU YAML (examples with their entity markup, lookups, synonyms): one reader for
the Alexa model, the support app and anyone else who needs the training data.

Handles the YAML format of Rasa 3: `nlu:` items with `intent`, `lookup`, `synonym` or `regex` and
`examples` as a `- ` block string (or a list of `{text: ...}`); entities annotated as
`[text](entity)`, `[text](entity:value)` or `[text]{"entity": "e", "value": "v", "role": "r"}`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_ANNOTATION = re.compile(r"\[(?P<text>[^\]]+)\](?:\((?P<short>[^)]+)\)|(?P<json>\{[^}]*\}))")


@dataclass(frozen=True)
class EntitySpan:
    """One annotated entity inside an example's plain text."""

    start: int
    end: int
    entity: str
    """Entity name, e.g. `product`."""
    text: str
    """The words as written in the example."""
    value: str
    """Normalised value (the synonym target if annotated), else `text`."""


@dataclass(frozen=True)
class NluExample:
    """One training sentence of an intent, annotations removed."""

    intent: str
    text: str
    entities: tuple[EntitySpan, ...] = ()


@dataclass(frozen=True)
class NluData:
    """Everything in a Rasa NLU data directory that an Alexa model can use."""

    examples: tuple[NluExample, ...] = ()
    lookups: dict[str, list[str]] = field(default_factory=dict)
    """Lookup table name (usually an entity name) to values."""
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    """Canonical value to the other ways of saying it."""

    @property
    def intents(self) -> list[str]:
        return list(dict.fromkeys(example.intent for example in self.examples))


def parse_example(intent: str, annotated: str) -> NluExample:
    """`show me [red](color) shirts` to text `show me red shirts` with one `color` span."""
    text, spans, cursor = [], [], 0
    length = 0
    for match in _ANNOTATION.finditer(annotated):
        before = annotated[cursor : match.start()]
        text.append(before)
        length += len(before)
        words = match["text"]
        entity, value = _entity_of(match)
        spans.append(EntitySpan(length, length + len(words), entity, words, value or words))
        text.append(words)
        length += len(words)
        cursor = match.end()
    text.append(annotated[cursor:])
    return NluExample(intent, "".join(text).strip(), tuple(spans))


def load_nlu_data(directory: Path) -> NluData:
    """Every `*.yml`/`*.yaml` file under `directory`, recursively and sorted.

    Pass Rasa's `data/` folder to get lookups and synonyms too, or `data/nlu` for examples only.
    """
    examples: list[NluExample] = []
    lookups: dict[str, list[str]] = {}
    synonyms: dict[str, list[str]] = {}
    files = sorted([*directory.rglob("*.yml"), *directory.rglob("*.yaml")])
    for path in files:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in document.get("nlu") or []:
            if not isinstance(item, dict):
                continue
            lines = _example_lines(item.get("examples"))
            if "intent" in item:
                examples.extend(parse_example(str(item["intent"]), line) for line in lines)
            elif "lookup" in item:
                lookups.setdefault(str(item["lookup"]), []).extend(lines)
            elif "synonym" in item:
                synonyms.setdefault(str(item["synonym"]), []).extend(lines)
    return NluData(tuple(examples), lookups, synonyms)


def _entity_of(match: re.Match[str]) -> tuple[str, str | None]:
    if match["short"]:
        entity, _, value = match["short"].partition(":")
        return entity.strip(), value.strip() or None
    try:
        spec: dict[str, Any] = json.loads(match["json"])
    except ValueError:
        return "unknown", None
    value = spec.get("value")
    return str(spec.get("entity", "unknown")), str(value) if value is not None else None


def _example_lines(raw: Any) -> list[str]:
    if isinstance(raw, str):
        lines = [line.strip() for line in raw.splitlines()]
        return [line[2:].strip() for line in lines if line.startswith("- ")]
    if isinstance(raw, list):
        texts = [entry.get("text") if isinstance(entry, dict) else entry for entry in raw]
        return [str(text).strip() for text in texts if text]
    return []
