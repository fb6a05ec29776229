"""Greetings, help, repeat, store information and not understanding."""

from __future__ import annotations

from datetime import date

from fulfillment.domain.dialogue.context import Reply, Turn


def greet(turn: Turn) -> Reply:
    """Hello, and for a returning customer what matters: a delivery that just arrived or is on its way."""
    from fulfillment.domain.dialogue.profile import news

    turn.state.greeted = True
    if turn.customer.is_guest:
        return Reply("greet", turn.say.greet(None), expects_answer=True)
    recent = news(turn.uow.orders.for_customer(turn.customer.id), date.today())
    text = turn.say.greet_with_news(turn.customer.first_name, recent) if recent else turn.say.greet(
        turn.customer.first_name)
    return Reply("greet", text, expects_answer=True)


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


def not_understood(turn: Turn) -> Reply:
    """First miss: a clarifying question. A second miss in a row: offer help or a person."""
    text = turn.say.CLARIFY if turn.state.failures == 0 else turn.say.OFFER_HELP
    return Reply("clarify" if turn.state.failures == 0 else "fallback", text,
                 expects_answer=True, counts_as_failure=True)


def out_of_scope(turn: Turn) -> Reply:
    if turn.state.failures:
        return not_understood(turn)
    return Reply("out_of_scope", turn.say.OUT_OF_SCOPE, expects_answer=True, counts_as_failure=True)
