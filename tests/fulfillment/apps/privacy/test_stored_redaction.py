"""What reaches the database: redacted text for agents, raw text without card data for supervisors."""

from __future__ import annotations

import json

from fulfillment.domain.turns import TurnRecord
from fulfillment.services.privacy.retention import redact_stored
from tests.fulfillment.apps.privacy.conftest import CARD, EMAIL, database_bytes, sqlite_only, talk


def turn(shop, turn_id: str) -> dict:
    return shop.transcripts.get(turn_id)


async def test_turn_is_stored_redacted_and_raw_keeps_no_card(shop):
    say = talk(shop)
    result = await say(f"pay with {CARD} security code 737")
    assert result.transcript == f"pay with {CARD} security code 737"  # the live answer is the shopper's own
    row = turn(shop, result.turn_id)
    assert row["text"] == "pay with card ending 1111 security code [security code]"
    assert row["text_raw"] == row["text"]
    assert json.loads(row["result"])["transcript"] == row["text"]

    result = await say("write to annabelle dot quirrell at example dot org")
    row = turn(shop, result.turn_id)
    assert row["text"] == "write to [email]"
    assert row["text_raw"] == "write to annabelle dot quirrell at example dot org"
    assert "annabelle" not in row["result"]


async def test_replay_returns_the_stored_result_with_the_same_shape(shop):
    say = talk(shop)
    first = await say(f"pay with {CARD} security code 737", key="pay-1")
    again = await say(f"pay with {CARD} security code 737", key="pay-1")
    assert again.turn_id == first.turn_id and again.action == first.action and again.reply == first.reply
    assert again.transcript == "pay with card ending 1111 security code [security code]"
    assert again.to_json().keys() == first.to_json().keys()
    stored = shop.db.connection().execute("SELECT count(*) FROM turns WHERE idempotency_key = 'demo/pay-1'")
    assert stored.fetchone()[0] == 1


async def test_entities_reply_and_error_turns_are_redacted(shop):
    with shop.db.transaction():
        shop.transcripts.record(TurnRecord(
            id="t-entities", session_id="s9", customer_id="demo", channel="test", text=f"card {CARD}",
            entities=({"entity": "number", "value": 4111111111111111},), reply=f"Mail sent to {EMAIL}.",
            result={"transcript": f"card {CARD}", "reply": f"Mail sent to {EMAIL}.",
                    "entities": [{"entity": "number", "value": 4111111111111111}]},
            error="nlu_unavailable: down",
        ))
    row = turn(shop, "t-entities")
    assert json.loads(row["entities"]) == [{"entity": "number", "value": "card ending 1111"}]
    assert row["reply"] == "Mail sent to [email]."
    assert "4111" not in row["result"] and EMAIL not in row["result"]


async def test_handoff_ticket_holds_only_redacted_text(shop):
    say = talk(shop)
    await say(f"pay with {CARD} security code 737")
    await say("write to annabelle dot quirrell at example dot org")
    asked = await say("talk to a person, call me on 0176 5550123")
    assert asked.action == "confirm_handoff"
    handoff = await say("yes")
    ticket = shop.db.connection().execute(
        "SELECT reason, conversation FROM tickets WHERE id = ?", (handoff.data["ticket"]["id"],)).fetchone()
    assert ticket["reason"] == "talk to a person, call me on [phone]"
    stored = ticket["conversation"]
    assert "card ending 1111" in stored and "[email]" in stored
    assert "4111" not in stored and "annabelle" not in stored and "737" not in stored


async def test_card_numbers_are_nowhere_in_the_database_file(shop, config):
    sqlite_only(config)
    say = talk(shop)
    await say(f"pay with {CARD} security code 737")
    await say("pay with four one one one one one one one one one one one one one one one")
    shop.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = database_bytes(config.home)
    for needle in (CARD, CARD.replace(" ", ""), "one one one one one one", "code 737"):
        assert needle.encode() not in stored


async def test_turns_from_before_redaction_are_redacted_once(shop):
    shop.db.connection().execute(
        "INSERT INTO turns (id, session_id, customer_id, channel, created_at, text, reply, entities, result)"
        " VALUES ('old', 's0', 'demo', 'text', '2024-01-01T00:00:00.000+00:00', ?, ?, '[]', ?)",
        (f"mail {EMAIL} card {CARD}", "ok", json.dumps({"transcript": f"mail {EMAIL}", "reply": "ok"})),
    )
    assert redact_stored(shop.db) == 1
    row = turn(shop, "old")
    assert row["text"] == "mail [email] card card ending 1111"
    assert row["text_raw"] == f"mail {EMAIL} card card ending 1111"
    assert json.loads(row["result"])["transcript"] == "mail [email]"
    assert redact_stored(shop.db) == 0
