"""Who may call the API: every route without a key, with a wrong, revoked, narrow or other customer's key."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass

import pytest

from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.apps.http.app import create_app
from fulfillment.apps.http.auth import PUBLIC, ROUTE_SCOPES
from fulfillment.apps.server import create_server
from fulfillment.services.api_keys import ApiKeys
from fulfillment.settings import AlexaSettings, HttpSettings
from speech.config import SpeechConfig
from speech.runtime import SpeechBackends
from tests.fakes import DEMO_FLOW, TableNlu
from tests.fulfillment.apps.http.test_audio_api import FakeSynthesizer, FakeTranscriber, speech_wav

DEMO_ORDER, SAM_ORDER = "K7MXPA", "H3JKVY"
PRIVATE = ("Torstraße", "10119", "Sendlinger", "80331", DEMO_ORDER, SAM_ORDER, "price", "title", "transcript")
"""What no refusal may contain: addresses, order ids, order or turn contents."""


@dataclass
class Keys:
    front: str
    """Any customer, every scope: a trusted front end."""
    demo: str
    sam: str
    catalog: str
    orders: str
    revoked: str


@pytest.fixture
def keys(shop) -> Keys:
    api_keys = ApiKeys(ApiKeyRepository(shop.db))

    def add(name: str, customer: str | None = None, scopes: list[str] | None = None) -> str:
        return api_keys.add(name, customer, scopes)[1]

    made = Keys(add("front"), add("demo-app", "demo"), add("sam-app", "sam"), add("catalog", scopes=["catalog"]),
                add("orders", scopes=["orders"]), add("old"))
    api_keys.revoke("old")
    return made


def app_for(config, shop, keys_required: bool | None = True):
    speech = SpeechConfig(home=config.home)
    return create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW), speech=speech,
                      speech_backends=SpeechBackends(FakeTranscriber(), FakeSynthesizer()),
                      api_keys_required=keys_required)


@pytest.fixture
async def client(config, shop, keys, aiohttp_client):
    """Keys required, as when the server listens beyond loopback (the test client itself is on loopback)."""
    return await aiohttp_client(app_for(config, shop))


@pytest.fixture
async def demo_turn(client, keys) -> str:
    resp = await client.post("/api/v1/turn", headers=bearer(keys.front),
                             json={"session_id": "s-demo", "customer_id": "demo", "text": "hi"})
    assert resp.status == 200
    return str((await resp.json())["turn_id"])


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


async def call(client, route: str, headers: dict[str, str], turn_id: str):
    if route == "turn":
        return await client.post("/api/v1/turn", headers=headers,
                                 json={"session_id": "s-demo", "customer_id": "demo", "text": "hi"})
    path = {"reply": f"/api/v1/turns/{turn_id}/reply.wav", "products": "/api/v1/products?q=rain+jacket",
            "order": f"/api/v1/orders/{DEMO_ORDER}?customer_id=demo"}[route]
    return await client.get(path, headers=headers)


async def assert_refused_without_data(resp, status: int, code: str, asked: str = "") -> None:
    """`asked`: what the caller sent, which the message may repeat."""
    body = await resp.json()
    assert (resp.status, body["error"]["code"]) == (status, code), body
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    text = json.dumps(body, ensure_ascii=False)
    assert not [word for word in PRIVATE if word in text and word != asked]


NARROW = {"turn": "catalog", "reply": "catalog", "products": "orders", "order": "catalog"}
"""For each route, a key whose scope does not cover it."""


@pytest.mark.parametrize("route", ["turn", "reply", "products", "order"])
@pytest.mark.parametrize(("case", "status", "code"), [
    ("no key", 401, "missing_api_key"),
    ("random key", 401, "invalid_api_key"),
    ("one character off", 401, "invalid_api_key"),
    ("not a bearer", 401, "bad_authorization"),
    ("empty bearer", 401, "bad_authorization"),
    ("revoked key", 401, "invalid_api_key"),
    ("key without the scope", 403, "missing_scope"),
])
async def test_every_api_route_refuses_callers_without_a_good_key(client, keys, demo_turn, route, case, status, code):
    near = keys.front[:-1] + ("A" if keys.front[-1] != "A" else "B")
    headers = {
        "no key": {}, "random key": bearer("emma_" + secrets.token_urlsafe(32)), "one character off": bearer(near),
        "not a bearer": {"Authorization": f"Basic {keys.front}"}, "empty bearer": {"Authorization": "Bearer "},
        "revoked key": bearer(keys.revoked), "key without the scope": bearer(getattr(keys, NARROW[route])),
    }[case]
    resp = await call(client, route, headers, demo_turn)
    await assert_refused_without_data(resp, status, code)
    if status == 401:
        assert resp.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("route", ["turn", "reply", "products", "order"])
async def test_the_right_key_passes_on_every_route(client, keys, demo_turn, route):
    for key in (keys.front, keys.demo):
        resp = await call(client, route, bearer(key), demo_turn)
        assert resp.status == 200, await resp.text()


async def test_another_customers_key_may_not_act_for_demo(client, keys, demo_turn):
    other = bearer(keys.sam)
    for route in ("turn", "order"):  # naming demo is refused before anything is looked up
        await assert_refused_without_data(await call(client, route, other, demo_turn), 403, "forbidden")
    # Without a name the key acts for sam: demo's order and turn look like nothing at all.
    await assert_refused_without_data(await client.get(f"/api/v1/orders/{DEMO_ORDER}", headers=other),
                                      404, "order_not_found", asked=DEMO_ORDER)
    await assert_refused_without_data(await client.get(f"/api/v1/turns/{demo_turn}/reply.wav", headers=other),
                                      404, "reply_not_found")
    wav = await client.post("/api/v1/turn?session_id=s-wav&customer_id=demo", data=speech_wav(),
                            headers={**other, "Content-Type": "audio/wav"})
    await assert_refused_without_data(wav, 403, "forbidden")
    header = await client.post("/api/v1/turn?session_id=s-wav", data=speech_wav(),
                               headers={**other, "Content-Type": "audio/wav", "X-Emma-Customer": "demo"})
    await assert_refused_without_data(header, 403, "forbidden")


async def test_a_bound_key_acts_for_its_customer_when_none_is_named(client, keys, shop):
    resp = await client.post("/api/v1/turn", headers=bearer(keys.demo), json={"session_id": "s-bound", "text": "hi"})
    assert resp.status == 200
    turn_id = (await resp.json())["turn_id"]
    assert shop.transcripts.get(turn_id)["customer_id"] == "demo"
    order = await client.get(f"/api/v1/orders/{DEMO_ORDER}", headers=bearer(keys.demo))
    assert order.status == 200 and (await order.json())["id"] == DEMO_ORDER
    await assert_refused_without_data(await client.get(f"/api/v1/orders/{SAM_ORDER}", headers=bearer(keys.demo)),
                                      404, "order_not_found", asked=SAM_ORDER)
    reply = await client.get(f"/api/v1/turns/{turn_id}/reply.wav", headers=bearer(keys.demo))
    assert reply.status == 200 and (await reply.read())[:4] == b"RIFF"
    wav = await client.post("/api/v1/turn?session_id=s-bound-wav", data=speech_wav(),
                            headers={**bearer(keys.demo), "Content-Type": "audio/wav"})
    assert wav.status == 200
    assert shop.transcripts.get((await wav.json())["turn_id"])["customer_id"] == "demo"


async def test_a_front_end_key_acts_for_the_customer_it_names(client, keys):
    resp = await client.post("/api/v1/turn", headers=bearer(keys.front),
                             json={"session_id": "s-sam", "customer_id": "sam", "text": "hi"})
    assert resp.status == 200
    assert (await client.get(f"/api/v1/orders/{SAM_ORDER}?customer_id=sam", headers=bearer(keys.front))).status == 200
    # Orders stay private to a front end too: it must name the order's customer.
    await assert_refused_without_data(await client.get(f"/api/v1/orders/{SAM_ORDER}", headers=bearer(keys.front)),
                                      404, "order_not_found", asked=SAM_ORDER)


async def test_another_customers_idempotency_key_replays_nothing(client, keys):
    body = {"session_id": "s-demo-k", "text": "hi", "idempotency_key": "retry-1"}
    first = await (await client.post("/api/v1/turn", headers=bearer(keys.demo), json=body)).json()
    other = await client.post("/api/v1/turn", headers=bearer(keys.sam), json={**body, "session_id": "s-sam-k"})
    assert other.status == 200
    assert (await other.json())["turn_id"] != first["turn_id"]


async def test_on_loopback_this_machine_needs_no_key_but_a_bad_key_still_fails(config, shop, keys, aiohttp_client,
                                                                                demo_turn):
    client = await aiohttp_client(app_for(config, shop, keys_required=False))
    for route in ("turn", "reply", "products", "order"):
        assert (await call(client, route, {}, demo_turn)).status == 200, route
        await assert_refused_without_data(await call(client, route, bearer("emma_wrong"), demo_turn),
                                          401, "invalid_api_key")
        await assert_refused_without_data(await call(client, route, bearer(keys.revoked), demo_turn),
                                          401, "invalid_api_key")
    # A proxy on this machine relays other machines: their requests need a key.
    relayed = await call(client, "products", {"X-Forwarded-For": "203.0.113.9"}, demo_turn)
    await assert_refused_without_data(relayed, 401, "missing_api_key")


@pytest.mark.parametrize(("host", "status"), [("127.0.0.1", 200), ("localhost", 200), ("0.0.0.0", 401),
                                              ("192.168.1.20", 401), ("::", 401)])
async def test_keys_are_required_unless_the_server_binds_loopback(config, shop, aiohttp_client, host, status):
    bound = config.with_(http=HttpSettings(host=host))
    client = await aiohttp_client(create_app(bound, shop=shop, nlu=TableNlu(DEMO_FLOW)))
    assert (await client.get("/api/v1/products")).status == status


async def test_health_and_openapi_stay_public_and_health_tells_outsiders_nothing(client, config):
    assert (await client.get("/api/v1/openapi.json")).status == 200
    local = await client.get("/health")
    assert local.status == 200 and (await local.json())["home"] == str(config.home)
    outside = await client.get("/health", headers={"X-Forwarded-For": "203.0.113.9"})
    assert outside.status == 200 and await outside.json() == {"status": "ok"}


async def test_support_and_alexa_keep_their_own_checks(config, shop, aiohttp_client):
    lan = config.with_(http=HttpSettings(host="0.0.0.0"), alexa=AlexaSettings(skill_id="amzn1.ask.skill.test"))
    client = await aiohttp_client(create_server(lan, shop=shop, nlu=TableNlu(DEMO_FLOW), purge=False))
    support = await client.get("/support/login", allow_redirects=False)
    assert support.status in (200, 302, 303)
    alexa = await client.post("/alexa", data=b"{}", headers={"Content-Type": "application/json"})
    assert alexa.status != 200
    assert "api_key" not in await alexa.text()


def test_every_api_route_needs_a_scope_or_is_public(config, shop):
    app = app_for(config, shop)
    api = {(r.method, r.resource.canonical) for r in app.router.routes()
           if r.resource is not None and r.resource.canonical.startswith("/api/") and r.method != "HEAD"}
    unlisted = {route for route in api if route not in ROUTE_SCOPES and route[1] not in PUBLIC}
    assert api and not unlisted
