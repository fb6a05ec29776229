"""Checks on policy and store answers: the facts of policies.yml and stores.yml, said or answered."""

from __future__ import annotations

import re
from typing import Any

from fulfillment.tools.evaluation.checks.answers import expect_answer
from fulfillment.tools.evaluation.checks.base import Check, Context, SuiteError, Verdict, check, mapping, strings
from fulfillment.tools.evaluation.languages import current
from fulfillment.tools.evaluation.spoken import (
    any_phrase,
    has_phrase,
    norm,
    says_amount,
    says_phone,
    says_time,
    sentences,
)

_HOURS = re.compile(r"(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})")
DAYS = {"de": {"monday": ("montag", "montags"), "tuesday": ("dienstag", "dienstags"),
               "wednesday": ("mittwoch", "mittwochs"), "thursday": ("donnerstag", "donnerstags"),
               "friday": ("freitag", "freitags"), "saturday": ("samstag", "samstags"),
               "sunday": ("sonntag", "sonntags")}}
"""The days of the stores' hours (English keys) as a reply in another language says them."""


def says_value(reply: str, key: str, value: Any) -> bool:
    """Whether a reply gives one fact value, in a form a person would say it."""
    if isinstance(value, bool):
        raise SuiteError(f"{key}: a yes/no fact is checked with answers_fact, not mentioned")
    if isinstance(value, (int, float)):
        return says_amount(reply, float(value))
    text = str(value).strip()
    if key == "phone" or re.fullmatch(r"\+?[\d ()/-]{6,}", text):
        return says_phone(reply, text)
    if hours := _HOURS.fullmatch(text):
        return says_time(reply, hours.group(1)) and says_time(reply, hours.group(2))
    if text.lower() == "closed":
        return any(has_phrase(reply, word) for word in current().closed)
    if key == "address":  # the street and number are what is said; the postcode may be left out
        return has_phrase(reply, text.split(",")[0])
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return says_amount(reply, float(text))
    return has_phrase(reply, text)


def about_store(ctx: Context, path: str) -> str:
    """For a store's fact, the sentences about that store (by its id or town), so another store's hours
    don't count; the whole reply when no sentence names it."""
    parts = path.split(".")
    if parts[0] != "stores" or len(parts) < 2:
        return ctx.turn.reply
    store = ctx.facts.knowledge.stores.get(parts[1], {})
    said = [parts[1], str(store.get("address", "")).rsplit(" ", 1)[-1], str(store.get("city", "")),
            *(str(x) for x in store.get("say") or ())]
    about = [s for s in sentences(ctx.turn.reply) if any_phrase(s, said)]
    return " ".join(about) or ctx.turn.reply


@check("mentions_fact")
def mentions_fact(raw: Any) -> Check:
    """The reply gives facts of the knowledge files: `[shipping.countries, stores.munich.phone]` (every
    element of a list), or `{facts: [...], any: true}` for one of a list's elements."""
    if isinstance(raw, dict):
        spec = mapping(raw, "mentions_fact", ("facts", "any"), ("facts",))
        paths, any_of = strings(spec["facts"], "mentions_fact.facts"), bool(spec.get("any"))
    else:
        paths, any_of = strings(raw, "mentions_fact"), False

    def run(ctx: Context) -> Verdict:
        missing: list[str] = []
        for path in paths:
            try:
                value = ctx.facts.fact(path)
            except KeyError as err:
                return Verdict(False, str(err))
            key = path.split(".")[-1]
            values = value if isinstance(value, list) else [value]
            reply = about_store(ctx, path)
            said = [v for v in values if says_value(reply, key, v)]
            if not (said if any_of else len(said) == len(values)):
                missing.append(f"{path}={value}")
        return Verdict(not missing, f"did not give {missing}" if missing else "")

    return run


@check("answers_fact")
def answers_fact(raw: Any) -> Check:
    """A yes/no the knowledge files decide: `{fact: shipping.countries, has: Austria}` (yes when listed),
    `lacks: X` (yes when not listed: "can I return opened coffee" against return.excluded) or
    `open: true` (yes when opening hours are not `closed`)."""
    spec = mapping(raw, "answers_fact", ("fact", "has", "lacks", "open"), ("fact",))
    if len(spec) != 2:
        raise SuiteError(f"answers_fact: give the fact and one of has, lacks, open, got {raw!r}")
    path = str(spec["fact"])

    def run(ctx: Context) -> Verdict:
        try:
            value = ctx.facts.fact(path)
        except KeyError as err:
            return Verdict(False, str(err))
        if "open" in spec:
            day = path.split(".")[-1]
            days = (day, day + "s", *DAYS.get(current().code, {}).get(day, ()))
            return expect_answer(norm(str(value)) != "closed", ctx, topic=days, negatives=current().closed)
        item = norm(str(spec.get("has", spec.get("lacks"))))
        listed = item in {norm(str(v)) for v in (value if isinstance(value, list) else [value])}
        content = [w for w in item.split() if len(w) > 3 and w not in ("opened", "with", "geoffneter", "geoffnete")]
        topic = (item, content[0]) if content else (item,)  # "american" for American Express, not "express"
        return expect_answer(listed if "has" in spec else not listed, ctx, topic=topic)

    return run
