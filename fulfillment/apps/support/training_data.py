"""Merging corrected turns into the Rasa training data (`nlu/annotations.yml`), never duplicating an example
that is already anywhere in the data, and never copying one of the held-out split."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from fulfillment.apps.support.annotations import Annotation, EntitySpan
from nlu.rasa_yaml import load_nlu_data
from nlu.text import for_nlu

HEADER = (
    'version: "3.1"\n'
    "# Turns corrected in the support app, merged by `emma nlu import-annotations`. Kept sorted;\n"
    "# an example already anywhere in nlu/data or in the held-out split (nlu/tests) is never added.\n"
)
# [words](entity), [words]{"entity": ...}: the annotation is dropped, the words stay.
_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def plain_text(example: str) -> str:
    """An example as the shopper said it, without entity markup, normalized for comparison."""
    return for_nlu(_MARKUP.sub(r"\1", example))


def to_example(text: str, spans: Iterable[EntitySpan]) -> str:
    """Rasa 3 markup: `add [two](quantity) in [medium](size)`."""
    out, at = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out.append(text[at:span.start])
        out.append(f"[{text[span.start:span.start + len(span.value)]}]({span.entity})")
        at = span.start + len(span.value)
    out.append(text[at:])
    return "".join(out)


def read_examples(path: Path) -> dict[str, list[str]]:
    """intent -> examples (with markup) of one Rasa NLU file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[str]] = {}
    for item in raw.get("nlu") or []:
        if isinstance(item, dict) and "intent" in item and isinstance(item.get("examples"), str):
            lines = [line.strip()[2:].strip() for line in item["examples"].splitlines()
                     if line.strip().startswith("- ")]
            out.setdefault(item["intent"], []).extend(lines)
    return out


def known_texts(data_dir: Path) -> dict[str, str]:
    """Plain text -> intent of every example anywhere in the training data."""
    known: dict[str, str] = {}
    for example in load_nlu_data(data_dir).examples:
        known.setdefault(for_nlu(example.text), example.intent)
    return known


def render(examples: dict[str, list[str]]) -> str:
    blocks = []
    for intent in sorted(examples):
        lines = "".join(f"    - {e}\n" for e in sorted(set(examples[intent])))
        blocks.append(f"- intent: {intent}\n  examples: |\n{lines}")
    return HEADER + "nlu:\n" + "\n".join(blocks) if blocks else HEADER + "nlu: []\n"


@dataclass
class MergeReport:
    added: list[dict[str, str]] = field(default_factory=list)
    """{turn_id, intent, example}"""
    skipped: list[dict[str, str]] = field(default_factory=list)
    """{turn_id, intent, text, reason}: reason is `duplicate`, `conflict` (known under another intent),
    or `held_out`."""

    def to_json(self) -> dict[str, list[dict[str, str]]]:
        return {"added": self.added, "skipped": self.skipped}


def merge_annotations(annotations: Iterable[Annotation], data_dir: Path, held_out: Path | None) -> MergeReport:
    """Adds the corrected turns to `<data_dir>/nlu/annotations.yml`, writing it only when something is new."""
    target = data_dir / "nlu" / "annotations.yml"
    ours = read_examples(target) if target.exists() else {}
    known = known_texts(data_dir)
    held = ({plain_text(e) for examples in read_examples(held_out).values() for e in examples}
            if held_out and held_out.exists() else set())
    report = MergeReport()
    for a in annotations:
        if a.intent is None:
            continue
        plain = plain_text(a.text)
        seen = known.get(plain)
        if plain in held:
            reason = "held_out"
        elif seen is not None:
            reason = "duplicate" if seen == a.intent else "conflict"
        else:
            example = to_example(a.text, a.entities)
            ours.setdefault(a.intent, []).append(example)
            known[plain] = a.intent
            report.added.append({"turn_id": a.turn_id, "intent": a.intent, "example": example})
            continue
        report.skipped.append({"turn_id": a.turn_id, "intent": a.intent, "text": plain, "reason": reason})
    if report.added:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_text(render(ours), encoding="utf-8")
        partial.replace(target)
    return report
