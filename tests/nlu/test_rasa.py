"""The real Rasa model over HTTP (integration: trains once per data hash, starts Rasa once)."""

from __future__ import annotations

import pytest

from nlu.rasa_client import RasaHttpParser

pytestmark = pytest.mark.integration

# The done-means conversation of the core issue, as a shopper would say it.
EXPECTED = [
    ("do you have rain jackets", "search_product", {"product"}),
    ("the second one", "select_option", {"ordinal"}),
    ("is it waterproof", "product_question", set()),
    ("add two in medium", "add_to_cart", {"quantity", "size"}),
    ("what's in my cart", "view_cart", set()),
    ("check out", "checkout", set()),
    ("yes", "affirm", set()),
    ("where is my order", "order_status", set()),
    ("order the same again", "reorder", set()),
    ("Do you have RAIN JACKETS?", "search_product", {"product"}),
    ("show me red running shoes under 80 euros", "search_product", {"color", "price_max"}),
]


@pytest.fixture
async def parser(rasa_server):
    url, token = rasa_server
    parser = RasaHttpParser(url, token)
    yield parser
    await parser.close()


@pytest.mark.parametrize(("text", "intent", "entities"), EXPECTED)
async def test_demo_utterances_are_understood(parser, text, intent, entities):
    result = await parser.parse(text)
    assert result.intent == intent, result.raw.get("intent_ranking", [])[:3]
    assert entities <= {e.entity for e in result.entities}


async def test_numbers_come_back_as_integers(parser):
    result = await parser.parse("add two in medium")
    assert result.first("quantity") == 2 and result.first("size") == "M"
    result = await parser.parse("show me red running shoes under 80 euros")
    assert result.first("price_max") == 80


async def test_nonsense_is_not_confidently_an_intent(parser):
    result = await parser.parse("purple monkey dishwasher quantum banana")
    assert result.intent in ("nlu_fallback", "out_of_scope") or result.confidence < 0.6


def test_cli_parses_one_utterance_per_stdin_line(rasa_server, tmp_path):
    import json
    import os
    import subprocess
    import sys

    url, token = rasa_server
    env = {**os.environ, "EMMA_NLU_URL": url, "EMMA_NLU_TOKEN": token, "EMMA_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "fulfillment.apps.cli.main", "nlu", "parse", "--json", "-"], env=env,
                          input="check out\n\nadd two in medium\n", capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [x["intent"]["name"] for x in lines] == ["checkout", "add_to_cart"]
    assert {"entity": "quantity", "value": 2} in [{k: e[k] for k in ("entity", "value")} for e in lines[1]["entities"]]


async def test_a_new_model_is_loaded_without_a_restart(parser, nlu_model):
    seen = []
    parser.on_model_loaded = seen.append
    await parser.load_model(nlu_model)
    assert seen == [nlu_model]
    assert (await parser.parse("check out")).intent == "checkout"
