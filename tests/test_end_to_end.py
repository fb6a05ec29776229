"""`emma serve` as a real process, talked to like a user would: the CLI, HTTP and audio."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from nlu.rasa_service import free_port

pytestmark = pytest.mark.integration

EMMA = [sys.executable, "-m", "fulfillment.apps.cli.main"]
AUDIO = Path(__file__).parent / "data" / "audio" / "rain_jackets.wav"


@pytest.fixture(scope="module")
def server(rasa_server, tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e-home")
    port = free_port()
    url, token = rasa_server
    env = {**os.environ, "EMMA_HOME": str(home), "EMMA_NLU_URL": url, "EMMA_NLU_TOKEN": token,
           "EMMA_URL": f"http://127.0.0.1:{port}", "EMMA_ALEXA_VERIFY": "0", "EMMA_ENV": "development"}
    log = (home / "serve.log").open("w")
    proc = subprocess.Popen([*EMMA, "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                raise AssertionError((home / "serve.log").read_text()) from None
            time.sleep(0.5)
    yield env, port, home
    proc.terminate()
    assert proc.wait(timeout=30) == 0
    log.close()


def ask(env, session: str, text: str) -> dict:
    done = subprocess.run([*EMMA, "ask", "--json", "--session", session, text], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_done_means_conversation_through_the_cli(server):
    env, _, home = server
    flow = [("do you have rain jackets", "search"), ("the second one", "select"), ("is it waterproof", "answer"),
            ("add two in medium", "add_to_cart"), ("what's in my cart", "view_cart"),
            ("check out", "confirm_order"), ("yes", "place_order"), ("where is my order", "order_status"),
            ("order the same again", "confirm_order")]
    results = [ask(env, "e2e-cli", text) for text, _ in flow]
    assert [r["action"] for r in results] == [action for _, action in flow], [r["reply"] for r in results]
    order_id = results[6]["data"]["order"]["id"]
    assert order_id in results[7]["reply"]
    with sqlite3.connect(home / "emma.db") as db:
        assert db.execute("SELECT count(*) FROM orders WHERE id = ?", (order_id,)).fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM turns WHERE session_id = 'e2e-cli'").fetchone()[0] == len(flow)


def test_audio_turn_over_http_with_real_whisper_and_piper(server):
    _, port, _ = server
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/turn?session_id=e2e-audio", data=AUDIO.read_bytes(),
        headers={"Content-Type": "audio/wav"})
    body = json.loads(urllib.request.urlopen(request, timeout=60).read())
    assert "rain jacket" in body["transcript"].lower() and body["action"] == "search"
    assert body["timings_ms"]["asr"] > 0  # the reply audio may be synthesized as it streams, after the JSON
    reply = urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/turns/{body['turn_id']}/reply.wav", timeout=60)
    audio = reply.read()
    assert audio[:4] == b"RIFF" and len(audio) > 16_000


def test_alexa_simulation_reaches_the_same_shop(server):
    env, _, _ = server
    done = subprocess.run([*EMMA, "skill", "simulate", "--session", "e2e", "do you have rain jackets"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "rain jackets" in done.stdout.lower()
