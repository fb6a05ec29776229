"""The handoff queue: a ticket with its conversation and cart; claim, notes, resolve."""

from __future__ import annotations

import pytest

from fulfillment.apps.support.handoff import Note, parse_notes
from tests.fulfillment.apps.support.conftest import login, talk


@pytest.fixture
async def ticket_id(shop):
    await talk(shop, "h1", ["do you have rain jackets", "the second one", "add two in medium",
                            "talk to a person", "yes"])
    return shop.db.connection().execute("SELECT id FROM tickets WHERE session_id = 'h1'").fetchone()[0]


async def test_the_queue_lists_open_tickets_with_conversation_and_cart(client, ticket_id, shop):
    await login(client, "alex")
    html = await (await client.get("/support/tickets")).text()
    assert ticket_id in html and "talk to a person" in html
    html = await (await client.get(f"/support/tickets/{ticket_id}")).text()
    assert "do you have rain jackets" in html and "Claim this ticket" in html
    assert "Qty" in html and "<td>2</td>" in html  # two jackets in the cart
    assert (await client.get("/support/tickets/TNOPE")).status == 404
    assert (await client.get("/support/tickets?status=bogus")).status == 400
    actions = [tuple(r) for r in shop.db.connection().execute("SELECT user, action, subject FROM audit_log")]
    assert ("alex", "view_ticket", ticket_id) in actions


async def test_claim_note_resolve(client, ticket_id, shop):
    url = f"/support/tickets/{ticket_id}"
    csrf = await login(client, "alex")
    resp = await client.post(f"{url}/claim", data={"csrf": csrf}, allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == url
    await client.post(f"{url}/notes", data={"csrf": csrf, "note": "Called back,   wants navy."})
    html = await (await client.get(url)).text()
    assert "claimed by <strong>alex</strong>" in html and "Called back, wants navy." in html

    other = await login(client, "amy")
    assert (await client.post(f"{url}/claim", data={"csrf": other})).status == 409
    refused = await client.post(f"{url}/resolve", data={"csrf": other})
    assert refused.status == 409 and "claimed by alex" in await refused.text()
    assert (await client.post(f"{url}/notes", data={"csrf": other, "note": "  "})).status == 400

    csrf = await login(client, "alex")
    assert (await client.post(f"{url}/resolve", data={"csrf": csrf}, allow_redirects=False)).status == 303
    row = shop.db.connection().execute("SELECT status, claimed_by, notes FROM tickets WHERE id = ?",
                                       (ticket_id,)).fetchone()
    assert (row[0], row[1]) == ("resolved", "alex") and row[2].endswith("alex: Called back, wants navy.")
    assert ticket_id in await (await client.get("/support/tickets?status=resolved")).text()
    assert ticket_id not in await (await client.get("/support/tickets?status=open")).text()


async def test_resolving_needs_a_claim_first(client, ticket_id):
    csrf = await login(client, "alex")
    resp = await client.post(f"/support/tickets/{ticket_id}/resolve", data={"csrf": csrf})
    assert resp.status == 409 and "claim it first" in await resp.text()


def test_notes_are_parsed_back():
    assert parse_notes("2025-01-01T10:00:00+00:00 alex: hello: world\nfree text") == [
        Note("2025-01-01T10:00:00+00:00", "alex", "hello: world"), Note("", "", "free text")]
