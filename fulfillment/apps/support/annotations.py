"""Annotating turns: corrected intent and entities, tags and a note, checked against the NLU domain.

Also `emma nlu import-annotations`: merge the corrections into the training data, retrain, and compare."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from fulfillment.apps.support.errors import BadAnnotation
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.ports import AnnotationRepository
from nlu.text import for_nlu

MAX_ENTITY_ROWS = 8
_TAG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")


@dataclass(frozen=True)
class NluDomain:
    """The intents and entities a correction may use (nlu/domain.yml)."""

    intents: tuple[str, ...]
    entities: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> NluDomain:
        return _load_domain(path, path.stat().st_mtime)


@cache
def _load_domain(path: Path, _mtime: float) -> NluDomain:
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return NluDomain(tuple(raw.get("intents") or ()), tuple(raw.get("entities") or ()))


@dataclass(frozen=True)
class EntitySpan:
    """`value` is the words as said; it sits at `start` in the annotation's text."""

    entity: str
    value: str
    start: int

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "value": self.value, "start": self.start}


@dataclass(frozen=True)
class Annotation:
    turn_id: str
    text: str
    """Lowercase, unpunctuated: the shape of speech recognition output the NLU is trained on."""
    intent: str | None
    """None: no intent correction (only tags or a note); such turns are not used for training."""
    entities: tuple[EntitySpan, ...] = ()
    tags: tuple[str, ...] = ()
    note: str = ""


def find_span(text: str, value: str, start: int | None) -> int:
    """Where `value` sits in `text`: at `start` when given, else its first whole-word occurrence."""
    if start is not None:
        if text[start:start + len(value)] != value:
            raise BadAnnotation(Message("'%(words)s' is not at position %(start)s of the text.", words=value,
                                        start=start))
        return start
    match = re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text)
    if not match:
        raise BadAnnotation(Message("'%(words)s' is not in the text \"%(text)s\".", words=value, text=text))
    return match.start()


def parse_annotation(turn_id: str, form: Mapping[str, str], domain: NluDomain) -> Annotation:
    """An annotation from the form's fields: text, intent, entity_N / value_N / start_N rows, tags, note."""
    raw_text = form.get("text", "")
    if "[" in raw_text or "]" in raw_text:  # redacted parts ("[email]") or markup: not something a shopper said
        raise BadAnnotation(Message("Write the text without brackets: replace redacted parts with made-up words."))
    text = for_nlu(raw_text)
    if not text or len(text) > 300:
        raise BadAnnotation(Message("The text must be 1 to 300 characters."))
    intent = form.get("intent", "").strip() or None
    if intent is not None and intent not in domain.intents:
        raise BadAnnotation(Message("'%(intent)s' is not an intent of nlu/domain.yml.", intent=intent))
    spans: list[EntitySpan] = []
    for n in range(MAX_ENTITY_ROWS):
        entity, value = form.get(f"entity_{n}", "").strip(), for_nlu(form.get(f"value_{n}", ""))
        if not entity and not value:
            continue
        if entity not in domain.entities:
            raise BadAnnotation(Message("'%(entity)s' is not an entity of nlu/domain.yml.", entity=entity))
        if not value:
            raise BadAnnotation(Message("Give the words for the %(entity)s entity.", entity=entity))
        raw_start = form.get(f"start_{n}", "").strip()
        if raw_start and not raw_start.isdigit():
            raise BadAnnotation(Message("An entity's start is a character position (0 is the first)."))
        spans.append(EntitySpan(entity, value, find_span(text, value, int(raw_start) if raw_start else None)))
    spans.sort(key=lambda s: s.start)
    for before, after in zip(spans, spans[1:], strict=False):
        if after.start < before.start + len(before.value):
            raise BadAnnotation(Message("The entities '%(first)s' and '%(second)s' overlap.", first=before.value,
                                        second=after.value))
    tags = tuple(dict.fromkeys(t.strip().lower() for t in form.get("tags", "").split(",") if t.strip()))
    if any(not _TAG.match(t) for t in tags) or len(tags) > 10:
        raise BadAnnotation(Message("Tags are up to 10 words of letters, digits, - or _, separated by commas."))
    note = form.get("note", "").strip()
    if len(note) > 2000:
        raise BadAnnotation(Message("The note is longer than 2000 characters."))
    return Annotation(turn_id, text, intent, tuple(spans), tags, note)


def save_annotation(store: AnnotationRepository, annotation: Annotation, user: str,
                    now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
    store.save(annotation.turn_id, annotation.text, annotation.intent, [s.to_json() for s in annotation.entities],
               list(annotation.tags), annotation.note, user, now().isoformat(timespec="seconds"))


def form_defaults(turn: Mapping[str, Any], entities: list[dict[str, Any]], saved: Mapping[str, Any] | None,
                  domain: NluDomain) -> dict[str, Any]:
    """What the annotation form starts with: the saved annotation, else what Emma understood."""
    if saved:
        return {"text": saved["text"], "intent": saved["intent"] or "", "entities": saved["entities"],
                "tags": ", ".join(saved["tags"]), "note": saved["note"]}
    text = turn["text"] if "[" in turn["text"] else for_nlu(turn["text"])
    rows = []
    for e in entities:
        value = for_nlu(str(e.get("value", "")))
        if value and re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text):
            rows.append({"entity": e.get("entity", ""), "value": value, "start": ""})
    intent = turn.get("intent") if turn.get("intent") in domain.intents else ""
    return {"text": text, "intent": intent, "entities": rows, "tags": "", "note": ""}
