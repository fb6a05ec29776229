"""`emma skill simulate --locale de-DE` against a real `emma serve` process of a German shop, as a developer
would run it (the English round trip is in tests/test_end_to_end.py). Alexa sends intents, not text, so the
server needs no Rasa for these turns: EMMA_NLU_URL points at a port nobody serves."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from nlu.rasa_service import free_port
from tests.skill.test_simulate_german import GERMAN_CONVERSATION

pytestmark = pytest.mark.integration

EMMA = [sys.executable, "-m", "fulfillment.apps.cli.main"]


@pytest.fixture(scope="module")
def german_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("german-alexa-home")
    port = free_port()
    env = {**os.environ, "EMMA_HOME": str(home), "EMMA_LANGUAGES": "de",
           "EMMA_NLU_URL": f"http://127.0.0.1:{free_port()}", "EMMA_URL": f"http://127.0.0.1:{port}",
           "EMMA_ALEXA_VERIFY": "0", "EMMA_ENV": "development"}
    log = (home / "serve.log").open("w")
    proc = subprocess.Popen([*EMMA, "serve", "--no-speech", "--port", str(port)], env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except OSError:
                if proc.poll() is not None:
                    raise AssertionError((home / "serve.log").read_text()) from None
                time.sleep(0.5)
        subprocess.run([*EMMA, "customer", "link-alexa", "sam", "--token", "sams-token"], env=env, check=True,
                       capture_output=True, timeout=60)
        yield env
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def simulate(env: dict[str, str], text: str) -> str:
    done = subprocess.run([*EMMA, "skill", "simulate", "--locale", "de-DE", "--session", "de-e2e", "--token",
                           "sams-token", text], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_german_conversation_through_the_simulator_cli(german_server):
    said = {text: simulate(german_server, text) for text, _ in GERMAN_CONVERSATION}

    assert "Laufschuh" in said["habt ihr laufschuhe von adidas"]
    assert "Schwarz, Größe 42" in said["leg sie in größe zweiundvierzig in den warenkorb"]
    assert "[card] Bitte bestätigen Sie Ihre Bestellung" in said["zur kasse"]
    assert "Sprach-PIN" in said["ja"]
    assert "[card] Bestellung " in said["4321"] and "Status: aufgegeben" in said["4321"]
    order_id = said["4321"].split("[card] Bestellung ")[1].split()[0]
    assert f"Ihre Bestellung {order_id} wurde" in said["wo ist meine bestellung"]
