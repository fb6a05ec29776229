"""Questions about the shop, answered from the knowledge files: where the stores are, when they open
(on a given day too), their phone numbers, delivery countries, returns (worn items) and payment. A
question with two parts gets both answered, in the order asked."""

from __future__ import annotations

import re
from typing import Any

from fulfillment.domain.catalog_terms import Phrases, spoken
from fulfillment.domain.dialogue.context import Reply, Turn

VOICE_TURN_WORDS = 45
"""A policy answer longer than this is cut to the sentences about what was asked (one voice turn)."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def store_info(turn: Turn) -> Reply:
    knowledge = turn.knowledge
    words = turn.words.shopping
    said = spoken(turn.nlu.text)
    stores = _stores_named(knowledge.stores, said, turn.nlu.all("store"))
    day = next((key for spoken_day, key in words.weekdays.items() if _has(said, spoken_day)), None)
    facets = _facets(said, words.shop_facets)
    if not facets and any(_has(said, c) for c in (*words.country_cues, *words.countries)):
        facets = ["shipping"]  # a country named in a question about the shop asks where it delivers
    if "shipping" in facets and any(_has(said, phrase) for phrase in words.payment_methods) and "payment" not in facets:
        facets = ["payment" if f == "shipping" else f for f in facets]  # "american express" is no delivery
    topic = turn.nlu.first("topic")
    if not facets and topic:
        facets = [str(topic) if str(topic) != "store" else "address"]
    if day and "hours" not in facets:
        facets.append("hours")
    if not facets and stores:
        facets = ["address"]
    yes_no = said.startswith(words.yes_no_openers) or any(j in said for j in words.yes_no_joiners)
    parts: list[str] = []
    for facet in facets:
        part = _answer(turn, facet, stores, day, said, yes_no and not parts)
        if part and part not in parts:
            parts.append(part)
    if not parts:
        policy = next((p for t, p in knowledge.policies.items() if t in said), None)
        if policy is None:
            return Reply("store_info", turn.say.STORE_UNKNOWN)
        parts.append(str(policy["answer"]).strip())
    return Reply("store_info", " ".join(parts))


def asks_about_shop(turn: Turn) -> bool:
    """True when the words ask about the shop (delivery, returns, stores...) whatever the NLU said."""
    said = spoken(turn.nlu.text)
    return bool(_facets(said, turn.words.shopping.shop_facets)) or any(
        _has(said, c) for c in turn.words.shopping.country_cues)


def asks_return_policy(turn: Turn) -> bool:
    """"Can I return opened coffee" asks about the policy; "I want to return my order" returns one."""
    said = spoken(turn.nlu.text)
    words = turn.words.shopping
    return not turn.nlu.first("order_id") and any(
        _has(said, c) for c in (*words.return_question_cues, *words.worn_words, *words.opened_words))


def _has(said: str, cue: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(spoken(cue))}(?!\w)", said) is not None


def _facets(said: str, table: tuple[tuple[str, tuple[str, ...]], ...]) -> list[str]:
    """The facets asked, in the order they were asked."""
    found = []
    for name, cues in table:
        spots = [m.start() for cue in cues for m in re.finditer(rf"(?<!\w){re.escape(spoken(cue))}(?!\w)", said)]
        if spots:
            found.append((min(spots), name))
    return [name for _, name in sorted(found)]


def _stores_named(stores: dict[str, dict[str, Any]], said: str, entities: list[Any]) -> list[str]:
    table = {phrase: [key] for key, store in stores.items() for phrase in [key, *(store.get("say") or [])]}
    found = [f.values[0] for f in Phrases(table).find(said)]
    found += [key for value in entities for key in stores if key in spoken(str(value)) or spoken(str(value)) in key]
    return list(dict.fromkeys(found))


def _answer(turn: Turn, facet: str, stores: list[str], day: str | None, said: str, yes_no: bool) -> str | None:
    knowledge = turn.knowledge
    say = turn.say
    every = knowledge.stores
    chosen = [every[s] for s in stores if s in every]
    if facet == "phone":
        if chosen:
            return " ".join(say.store_phone(s) for s in chosen)
        return say.shop_phone(str(knowledge.fact("store", "phone", "")))
    if facet == "address":
        if chosen:
            return " ".join(say.store_address(s) for s in chosen)
        return say.all_stores([s for s in every.values()])
    if facet == "hours":
        if day:
            targets = chosen or list(every.values())
            hours = [(s, str((s.get("hours") or {}).get(day, "closed"))) for s in targets]
            return say.hours_on(day, hours, yes_no, every_store=not chosen)
        if chosen:
            return " ".join(say.store_hours(s) for s in chosen)
        return str(knowledge.policies.get("hours", {}).get("answer", "")).strip() or None
    if facet == "pickup" and chosen:
        at = [str(x) for x in knowledge.fact("pickup", "stores", [])]
        cities = [str(every[k].get("city") or k) for k in at if k in every]
        return say.pickup_at([(s.get("city") or s.get("name"), key in at) for key, s in
                              ((k, every[k]) for k in stores if k in every)], yes_no, cities,
                             int(knowledge.fact("pickup", "hold_days", 0) or 0))
    if facet == "payment":
        methods = [str(m) for m in knowledge.fact("payment", "methods", [])]
        asked = next((name for phrase, name in turn.words.shopping.payment_methods.items() if _has(said, phrase)),
                     None)
        if asked:
            return say.pays_with(asked, spoken(asked) in {spoken(m) for m in methods}, methods)
        return str(knowledge.policies["payment"]["answer"]).strip()
    if facet == "shipping":
        countries = [str(c) for c in knowledge.fact("shipping", "countries", [])]
        asked = next((name for phrase, name in turn.words.shopping.countries.items() if _has(said, phrase)), None)
        if asked:
            ships = spoken(asked) in {spoken(c) for c in countries}
            charged = turn.shop.knowledge  # the figures orders charge: one set per shop, whatever the language
            return say.ships_to(asked, ships, countries, charged.shipping_cost_cents,
                                charged.free_shipping_from_cents, str(knowledge.fact("shipping", "days", "")))
        if any(_has(said, c) for c in turn.words.shopping.country_cues):
            return say.delivery_countries(countries)
        return _within_a_turn(str(knowledge.policies["shipping"]["answer"]), said, turn)
    if facet == "return":
        days = int(knowledge.fact("return", "days", 30))
        if any(_has(said, w) for w in turn.words.shopping.opened_words):
            return say.opened_return([str(x) for x in knowledge.fact("return", "excluded", [])], days)
        if any(_has(said, w) for w in turn.words.shopping.worn_words):
            return say.worn_return(days)
        return _within_a_turn(str(knowledge.policies["return"]["answer"]), said, turn)
    policy = knowledge.policies.get(facet)
    return _within_a_turn(str(policy["answer"]), said, turn) if policy else None


def _within_a_turn(answer: str, said: str, turn: Turn) -> str:
    """`answer` when it fits one voice turn; else its sentences that share a word stem with the question
    ("was kostet expressversand": the sentence on express costs), the best first and in their order, or its
    opening sentences when none does."""
    answer = answer.strip()
    if len(answer.split()) <= VOICE_TURN_WORDS:
        return answer
    sentences = _SENTENCE_END.split(answer)
    stems = {w[:6] for w in said.split() if len(w) >= 4 and w not in turn.words.stop_words}
    hits = [sum(stem in spoken(sentence) for stem in stems) for sentence in sentences]
    ranked = sorted(range(len(sentences)), key=lambda i: (-hits[i], i)) if any(hits) else range(len(sentences))
    kept: list[int] = []
    for i in ranked:
        if (any(hits) and not hits[i]) or sum(len(sentences[k].split()) for k in (*kept, i)) > VOICE_TURN_WORDS:
            break
        kept.append(i)
    return " ".join(sentences[i] for i in sorted(kept)) or sentences[0]
