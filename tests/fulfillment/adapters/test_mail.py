"""Order e-mails follow the OrderPlaced event: every channel, once per order, never blocking the order."""

from __future__ import annotations

from email import message_from_bytes

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.events import OrderPlaced
from fulfillment.domain.turns import TurnRequest
from tests.fakes import DEMO_FLOW, TableNlu


async def _order(shop, channel: str, key: str):
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out"):
        await conversation.handle(TurnRequest("m", text, "demo", channel))
    return conversation, await conversation.handle(TurnRequest("m", "yes", "demo", channel, key))


async def test_an_order_over_http_is_mailed_once(shop, config):
    conversation, placed = await _order(shop, "http", "mail-1")
    await conversation.handle(TurnRequest("m", "yes", "demo", "http", "mail-1"))  # a replay
    shop.mail.wait_idle()
    order_id = placed.data["order"]["id"]
    (mail_path,) = (config.home / "outbox").glob("*.eml")
    assert mail_path.name == f"order-{order_id}.eml"
    mail = message_from_bytes(mail_path.read_bytes())
    assert mail["To"] == shop.customers.get("demo").email and order_id in mail["Subject"]
    body = mail.get_payload(decode=True).decode()
    (line,) = shop.order_store.get(order_id).lines
    assert f"{line.quantity} x {line.title}" in body and "Total: €" in body
    assert not list((config.home / "outbox").glob("*.partial"))


async def test_a_failing_subscriber_never_undoes_the_order(shop):
    def broken(event: OrderPlaced) -> None:
        raise RuntimeError("mail server on fire")

    shop.events.subscribe(OrderPlaced, broken)
    _, placed = await _order(shop, "text", "mail-2")
    assert placed.action == "place_order"
    assert shop.order_store.get(placed.data["order"]["id"]) is not None
