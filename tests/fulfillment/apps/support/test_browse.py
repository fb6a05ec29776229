"""The conversations list and its filters, one conversation, raw text, recordings and the audit log."""

from __future__ import annotations

import re

import pytest

from fulfillment.adapters.sqlite.review import fts_query
from fulfillment.adapters.sqlite.support_demo import DemoSeedStore
from fulfillment.apps.support.browse import ConversationFilter, asr_confidence, list_conversations, search_words
from fulfillment.domain.errors import BadInput
from fulfillment.tools.support_demo import tone_wav
from tests.fulfillment.apps.support.conftest import ORDER, login, talk

ASR = {"language": "en", "avg_logprob": -0.1054, "no_speech_prob": 0.01, "duration_s": 1.2, "heard_speech": True}


@pytest.fixture
async def seeded(shop):
    """Five conversations, one of each kind; `old` is backdated to 2024-03-01."""
    await talk(shop, "ordered", ORDER)
    await talk(shop, "handed", ["do you have rain jackets", "talk to a person", "yes"], customer="sam", channel="alexa")
    await talk(shop, "confused", ["blorp fizzle", "one two three four"], customer="lena")
    await talk(shop, "nothing", ["do you have snowboards"], channel="audio", asr=ASR)
    await talk(shop, "old", ["hi", "bye"], customer="lena")
    store = DemoSeedStore(shop.db)
    for i, turn_id in enumerate(store.turn_ids("old")):
        store.backdate(turn_id, f"2024-03-01T10:00:0{i}.000+00:00", None)
    return shop


def sessions_of(html: str) -> set[str]:
    return set(re.findall(r'href="/support/conversations/([^"?#]+)"', html))


@pytest.mark.parametrize(("query", "expected"), [
    ({}, {"ordered", "handed", "confused", "nothing", "old"}),
    ({"order_placed": "1"}, {"ordered"}),
    ({"handoff": "1"}, {"handed"}),
    ({"fallback": "1"}, {"confused"}),
    ({"no_results": "1"}, {"nothing"}),
    ({"channel": "alexa"}, {"handed"}),
    ({"customer": "lena"}, {"confused", "old"}),
    ({"intent": "human_handoff"}, {"handed"}),
    ({"max_confidence": "0.6"}, {"confused"}),
    ({"q": "snowboard"}, {"nothing"}),
    ({"q": "rain jackets"}, {"ordered", "handed"}),
    ({"q": "jack"}, {"ordered", "handed"}),
    ({"until": "2024-03-01"}, {"old"}),
    ({"since": "2024-03-02"}, {"ordered", "handed", "confused", "nothing"}),
    ({"since": "2024-03-01", "until": "2024-03-01", "customer": "lena"}, {"old"}),
    ({"q": "rain", "channel": "text"}, {"ordered"}),
    ({"handoff": "1", "fallback": "1"}, set()),
    ({"q": "\"; DROP TABLE turns; --"}, set()),
])
async def test_filters(client, seeded, query, expected):
    await login(client, "alex")
    resp = await client.get("/support/conversations", params=query)
    assert resp.status == 200
    assert sessions_of(await resp.text()) == expected


@pytest.mark.parametrize("query", [{"since": "yesterday"}, {"max_confidence": "2"}, {"page": "x"}])
async def test_bad_filters_are_a_400_page(client, query):
    await login(client, "alex")
    resp = await client.get("/support/conversations", params=query)
    assert resp.status == 400 and "bad_" in await resp.text()


async def test_newest_first_and_paginated(seeded, services):
    first = list_conversations(services.review, ConversationFilter(), page_size=2)
    assert first.total == 5 and first.pages == 3
    assert [r["session_id"] for r in first.rows] == ["nothing", "confused"]
    last = list_conversations(services.review, ConversationFilter(page=3), page_size=2)
    assert [r["session_id"] for r in last.rows] == ["old"]


def test_filter_round_trips_through_the_query_string():
    query = {"since": "2025-01-01", "q": "rain", "fallback": "1", "max_confidence": "0.5", "page": "2"}
    filt = ConversationFilter.from_query(query)
    assert ConversationFilter.from_query(filt.to_query()) == filt
    assert filt.to_query(page=1).get("page") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("rain jacket", '"rain"* "jacket"*'), ('a "quoted" OR b', '"a"* "quoted"* "or"* "b"*'), ("  ", ""),
])
def test_fts_query_quotes_every_word(text, expected):
    assert fts_query(search_words(text)) == expected


async def test_transcript_search_matches_word_starts_with_accents_folded(shop, services):
    """Both backends: SQLite's FTS5 (unicode61, remove_diacritics) and PostgreSQL's tsvector (emma_words)."""
    await talk(shop, "cafe", ["ein Café und Crème brûlée bitte"], customer="lena")
    await talk(shop, "plain", ["blorp fizzle"], customer="lena")

    def found(text: str) -> list[str]:
        rows, _ = services.review.sessions(ConversationFilter(text=text).turn_query(), 10, 0)
        return [r["session_id"] for r in rows]

    assert found("cafe") == ["cafe"] and found("CRÈME brul") == ["cafe"]
    assert found("café fizzle") == [] and found("fizz") == ["plain"] and found("izzle") == []


def test_every_flag_has_sql_on_both_backends():
    from fulfillment.adapters.postgres.review import FLAG_SQL as PG_FLAGS
    from fulfillment.adapters.sqlite.review import FLAG_SQL
    from fulfillment.adapters.turn_query import FLAGS

    assert set(FLAG_SQL) == set(PG_FLAGS) == set(FLAGS)


@pytest.mark.parametrize(("asr", "expected"), [
    (None, None), ({"confidence": 0.8}, 0.8), ({"avg_logprob": -0.1054}, 0.9), ({"avg_logprob": 0.3}, 1.0), ({}, None),
])
def test_asr_confidence(asr, expected):
    assert asr_confidence(asr) == expected


def test_unknown_flags_are_refused():
    with pytest.raises(BadInput):
        ConversationFilter.from_query({}, flags=["bogus"])


async def test_a_conversation_turn_by_turn(client, seeded):
    await login(client, "alex")
    html = await (await client.get("/support/conversations/nothing")).text()
    assert "do you have snowboards" in html and "ASR 0.90" in html
    assert "search_product" in html and "0.93" in html and "product=snowboards" in html
    assert "(0 products)" in html and "nlu <b>" in html and "total <b>" in html
    assert (await client.get("/support/conversations/ghost")).status == 404


async def test_reads_are_audited_and_admins_see_the_log(client, seeded, shop):
    await login(client, "alex")
    await client.get("/support/conversations/ordered")
    rows = shop.db.connection().execute("SELECT user, action, subject FROM audit_log").fetchall()
    assert [tuple(r) for r in rows] == [("alex", "list_conversations", "all"), ("alex", "view_transcript", "ordered")]
    await client.get("/support/conversations?q=snow&fallback=1")
    last = shop.db.connection().execute("SELECT action, subject FROM audit_log ORDER BY id DESC").fetchone()
    assert tuple(last) == ("list_conversations", "q=snow&fallback=1")
    assert (await client.get("/support/audit")).status == 403
    await login(client, "ada")
    html = await (await client.get("/support/audit")).text()
    assert "view_transcript" in html and "ordered" in html


def _keep_recording(shop, config, session: str) -> str:
    turn = shop.db.connection().execute("SELECT id, created_at FROM turns WHERE session_id = ?", (session,)).fetchone()
    folder = config.home / "audio" / turn["created_at"][:10]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{turn['id']}.wav").write_bytes(tone_wav(0.1))
    return turn["id"]


async def test_only_supervisors_play_recordings(client, seeded, shop, config):
    turn_id = _keep_recording(shop, config, "nothing")
    await login(client, "alex")
    assert "<audio" not in await (await client.get("/support/conversations/nothing")).text()
    assert (await client.get(f"/support/audio/{turn_id}.wav")).status == 403
    await login(client, "sofia")
    assert f'src="/support/audio/{turn_id}.wav"' in await (await client.get("/support/conversations/nothing")).text()
    resp = await client.get(f"/support/audio/{turn_id}.wav")
    assert resp.status == 200 and resp.content_type == "audio/wav" and (await resp.read())[:4] == b"RIFF"
    assert (await client.get("/support/audio/../../emma.db.wav")).status == 404
    other = shop.db.connection().execute("SELECT id FROM turns WHERE session_id = 'old'").fetchone()[0]
    assert (await client.get(f"/support/audio/{other}.wav")).status == 404
    actions = [r[0] for r in shop.db.connection().execute("SELECT action FROM audit_log WHERE user = 'sofia'")]
    assert "play_audio" in actions


async def test_supervisors_see_raw_text_when_it_is_kept(client, seeded, shop):
    conn = shop.db.connection()
    conn.execute("UPDATE turns SET text = 'my email is [email]', text_raw = 'my email is lena@example.com'"
                 " WHERE session_id = 'confused' AND text = 'blorp fizzle'")
    await login(client, "alex")
    html = await (await client.get("/support/conversations/confused")).text()
    assert "[email]" in html and "lena@example.com" not in html and "Show raw text" not in html
    assert (await client.get("/support/conversations/confused?raw=1")).status == 403
    await login(client, "sofia")
    assert "Show raw text" in await (await client.get("/support/conversations/confused")).text()
    assert "lena@example.com" in await (await client.get("/support/conversations/confused?raw=1")).text()
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE user = 'sofia' AND action LIKE 'view%'")]
    assert actions == ["view_transcript", "view_raw"]


async def test_html_in_transcripts_is_escaped(client, shop):
    await talk(shop, "xss", ["<script>alert(1)</script>"])
    await login(client, "alex")
    html = await (await client.get("/support/conversations/xss")).text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
