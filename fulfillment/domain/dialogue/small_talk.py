"""Greetings, help, repeat, store information and not understanding."""

from __future__ import annotations

from fulfillment.domain.dialogue.context import Reply, Turn


def greet(turn: Turn) -> Reply:
    turn.state.greeted = True
    name = None if turn.customer.is_guest else turn.customer.first_name
    return Reply("greet", turn.say.greet(name), expects_answer=True)


def goodbye(turn: Turn) -> Reply:
    turn.state.pending = None
    name = None if turn.customer.is_guest else turn.customer.first_name
    return Reply("goodbye", turn.say.goodbye(name), end_session=True)


def thank(turn: Turn) -> Reply:
    return Reply("thank", turn.say.THANKS, expects_answer=True)


def help_(turn: Turn) -> Reply:
    return Reply("help", turn.say.HELP, expects_answer=True)


def repeat(turn: Turn) -> Reply:
    return Reply("repeat", turn.state.last_reply or turn.say.NOTHING_TO_REPEAT, expects_answer=True)


def store_info(turn: Turn) -> Reply:
    knowledge = turn.shop.knowledge
    store_word = turn.nlu.first("store")
    topic = turn.nlu.first("topic") or ("store" if store_word else None)
    if store_word and topic in ("store", "hours", "pickup"):
        store = next((s for k, s in knowledge.stores.items() if k in store_word or store_word in k), None)
        if store is not None and topic == "store":
            return Reply("store_info", turn.say.store_address(store))
    policy = knowledge.policies.get(str(topic)) if topic else None
    if policy is None:
        text = turn.nlu.text.lower()
        policy = next((p for t, p in knowledge.policies.items() if t in text), None)
    if policy is None:
        return Reply("store_info", turn.say.STORE_UNKNOWN)
    return Reply("store_info", str(policy["answer"]).strip())


def not_understood(turn: Turn) -> Reply:
    """First miss: a clarifying question. A second miss in a row: offer help or a person."""
    text = turn.say.CLARIFY if turn.state.failures == 0 else turn.say.OFFER_HELP
    return Reply("clarify" if turn.state.failures == 0 else "fallback", text,
                 expects_answer=True, counts_as_failure=True)


def out_of_scope(turn: Turn) -> Reply:
    if turn.state.failures:
        return not_understood(turn)
    return Reply("out_of_scope", turn.say.OUT_OF_SCOPE, expects_answer=True, counts_as_failure=True)
