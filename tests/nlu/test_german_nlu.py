"""The real German Rasa model (integration: trained once per data hash and cached, like the English one):
the goals on the German held-out split, and German speech through a German Rasa server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest

from nlu.parser import NluParser
from nlu.rasa_client import RasaHttpParser
from nlu.training import evaluate

pytestmark = pytest.mark.integration

def test_the_german_held_out_split_reaches_the_goals(german_nlu_model, tmp_path):
    figures = evaluate(german_nlu_model, os.environ.get("EMMA_RASA_PYTHON"), tmp_path / "results", "de")
    assert figures["examples"] >= 230
    assert figures["intent_accuracy"] >= 0.95, figures
    assert figures["entity_f1"] >= 0.90, figures


@pytest.fixture
async def german(german_rasa_server) -> AsyncIterator[NluParser]:
    """The run's German Rasa server (tests/conftest.py), read with German number words and sizes."""
    url, token = german_rasa_server
    parser = RasaHttpParser(url, token, language="de")
    try:
        yield parser
    finally:
        await parser.close()


async def test_german_speech_is_understood_with_german_numbers(german):
    cases = [
        ("habt ihr regenjacken", "search_product", {"product": "regenjacken"}),
        ("äh leg sie in größe dreiundvierzig in den warenkorb", "add_to_cart", {"size": "43"}),
        ("ich nehme zwei davon", "add_to_cart", {"quantity": 2}),
        ("zeig mir laufschuhe unter neunundvierzig neunzig", "search_product", {"price_max": 49}),
        ("ruf mich bitte zurück", "human_handoff", {}),
    ]
    results = await asyncio.gather(*(german.parse(text) for text, _, _ in cases))
    for (text, intent, entities), result in zip(cases, results, strict=True):
        assert result.intent == intent, text
        for name, value in entities.items():
            assert result.first(name) == value, (text, result.entities)
