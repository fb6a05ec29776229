"""While the NLU service restarts, yes/no/repeat/more still work; anything else gets a clear 503."""

from __future__ import annotations

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.dialogue.without_nlu import understand_without_nlu
from fulfillment.domain.errors import NluUnavailable
from fulfillment.domain.turns import TurnRequest
from fulfillment.lang import cues_for
from tests.fakes import DEMO_FLOW, TableNlu


class FlakyNlu(TableNlu):
    """The table NLU until `down` is set, then unavailable like a restarting Rasa."""

    down = False

    async def parse(self, text: str):
        if self.down:
            raise NluUnavailable("The NLU service is restarting.")
        return await super().parse(text)


@pytest.mark.parametrize(("said", "intent"), [
    ("yes", "affirm"), ("Yes please.", "affirm"), ("no", "deny"), ("say that again", "repeat"),
    ("more", "select_option"), ("do you have tents", None), ("yes i want the red one", None),
])
def test_cues(said, intent):
    understood = understand_without_nlu(said, cues_for("en"))
    assert (understood.intent if understood else None) == intent


async def test_a_yes_to_the_readback_orders_while_the_nlu_is_down(shop):
    nlu = FlakyNlu(DEMO_FLOW)
    conversation = Conversation(shop, nlu)
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out"):
        await conversation.handle(TurnRequest("d", text, "demo", "test"))
    nlu.down = True
    placed = await conversation.handle(TurnRequest("d", "yes", "demo", "test", "down-yes"))
    assert placed.action == "place_order" and placed.data["order"]["id"] in placed.reply
    again = await conversation.handle(TurnRequest("d", "say that again", "demo", "test"))
    assert again.reply == placed.reply

    with pytest.raises(NluUnavailable) as raised:
        await conversation.handle(TurnRequest("d", "do you have tents", "demo", "test"))
    assert raised.value.retry_after and raised.value.status == 503
