"""`emma ask --audio` in-process: the same voice wiring as the server (retention, audio stats), with fake
Whisper, Piper and NLU."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import numpy as np
import pytest

from fulfillment.apps.cli.main import main
from fulfillment.services.privacy.retention import Retention, set_retention
from fulfillment.wiring import open_shop
from speech.runtime import SpeechBackends
from speech.transcriber import Transcript
from speech.wav import to_wav_bytes
from tests.fakes import DEMO_FLOW, TableNlu


class HearsRainJackets:
    async def transcribe(self, audio, hotwords=None):
        return Transcript("do you have rain jackets", "en", -0.2, 0.01, audio.duration_s, True)


class Silent:
    sample_rate = 16000

    async def synthesize(self, text: str) -> bytes:
        return to_wav_bytes(np.zeros(160, np.float32), 16000)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def local_voice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No server to talk to, fake speech backends and NLU; returns a WAV to ask with."""

    @asynccontextmanager
    async def table_nlu(settings, progress=None, language=None) -> AsyncIterator[TableNlu]:
        yield TableNlu(DEMO_FLOW)

    async def fake_speech(config, language=None, loader=None) -> SpeechBackends:
        return SpeechBackends(HearsRainJackets(), Silent())  # type: ignore[arg-type]

    monkeypatch.setattr("nlu.runtime.nlu_parser", table_nlu)
    monkeypatch.setattr("speech.runtime.open_speech", fake_speech)
    monkeypatch.setenv("EMMA_URL", f"http://127.0.0.1:{closed_port()}")
    wav = tmp_path / "ask.wav"
    wav.write_bytes(to_wav_bytes((0.3 * np.sin(np.arange(16000) / 5)).astype(np.float32), 16000))
    return wav


@pytest.mark.parametrize(
    ("env_days", "admin_days", "kept"),
    [("0", 3, True), ("5", None, True), ("0", None, False), ("5", 0, False)],
)
def test_ask_audio_keeps_recordings_as_retention_says_and_counts_them(
    config, local_voice, monkeypatch, capsys, env_days, admin_days, kept,
):
    monkeypatch.setenv("EMMA_KEEP_AUDIO_DAYS", env_days)
    if admin_days is not None:
        shop = open_shop(config)
        set_retention(shop.db, audio_days=admin_days, defaults=Retention())
        shop.db.close()

    assert main(["--home", str(config.home), "ask", "--audio", str(local_voice), "--json"]) == 0

    turn = json.loads(capsys.readouterr().out)
    assert turn["transcript"] == "do you have rain jackets" and turn["asr"]["heard_speech"]
    assert [p.name for p in config.home.glob("audio/*/*.wav")] == ([f"{turn['turn_id']}.wav"] if kept else [])
    shop = open_shop(config)
    try:
        counted = shop.db.connection().execute("SELECT sum(audio_turns) FROM audio_stats").fetchone()[0]
    finally:
        shop.db.close()
    assert counted == 1


async def test_talk_to_a_server_streams_the_reply_pcm(config, shop):
    from fulfillment.apps.cli.voice import ServerVoice
    from fulfillment.apps.http.app import create_app
    from fulfillment.tools.bench_http_audio import serving
    from speech.config import SpeechConfig
    from tests.fulfillment.apps.http.test_audio_api import FakeSynthesizer, FakeTranscriber, speech_wav

    app = create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW), speech=SpeechConfig(home=config.home),
                     speech_backends=SpeechBackends(FakeTranscriber(), FakeSynthesizer()))
    async with serving(app) as base_url:
        server = ServerVoice(base_url)
        try:
            turn = await server.speak_turn(speech_wav(), "talk-1", "demo")
            assert turn.body["transcript"] == "do you have rain jackets" and turn.rate == 16000
            assert turn.audio is not None
            pcm = b"".join([part async for part in turn.audio])
        finally:
            await server.session.close()
    samples = np.frombuffer(pcm, "<i2")
    assert len(samples) == 1600 * len(set(samples.tolist())) and samples[0] == 1  # every sentence, in order
