"""Voice over HTTP with fake Whisper and Piper (the real ones run in tests/speech)."""

from __future__ import annotations

import asyncio
import struct

import aiohttp
import numpy as np
import pytest

from fulfillment.apps.http.app import create_app
from speech.config import SpeechConfig
from speech.piper_synthesizer import SynthesisError
from speech.runtime import SpeechBackends
from speech.synthesizer import AudioChunk
from speech.transcriber import Transcript
from speech.wav import parse_header, to_wav_bytes
from tests.fakes import DEMO_FLOW, TableNlu


class FakeTranscriber:
    """Hears 'do you have rain jackets' in anything louder than silence."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s

    async def transcribe(self, audio, hotwords=None):
        await asyncio.sleep(self.delay_s)
        if float(np.max(np.abs(audio.samples), initial=0.0)) < 0.01:
            return Transcript.silence(audio.duration_s, "en", "energy")
        return Transcript("do you have rain jackets", "en", -0.2, 0.01, audio.duration_s, True)


class LoopingTranscriber:
    """Whisper on a bad day: a 4 s greeting comes back as a loop far past the text limit."""

    async def transcribe(self, audio, hotwords=None):
        return Transcript("Hello there Emma, " + "hello, " * 120 + "hello.", "en", -0.4, 0.02, audio.duration_s, True)


class NbestTranscriber:
    """Whisper's best guess is a misreading; the right words are its runner-up."""

    async def transcribe(self, audio, hotwords=None):
        return Transcript("do you have brain jackets", "en", -0.4, 0.02, audio.duration_s, True,
                          alternatives=("do you have rain jackets", "do you halve rain jackets"))


class FakeSynthesizer:
    """0.1 s of audio per sentence; with a `gate`, every sentence after the first waits for it."""

    sample_rate = 16000

    def __init__(self, gate: asyncio.Event | None = None, fail_after: int | None = None) -> None:
        self.gate = gate
        self.fail_after = fail_after

    async def synthesize(self, text: str) -> bytes:
        return to_wav_bytes(np.zeros(1600, np.float32), 16000)

    async def stream(self, text: str):
        sentences = [s for s in text.replace("?", ".").replace("!", ".").split(".") if s.strip()] or [text]
        for index, sentence in enumerate(sentences):
            if index and self.gate is not None:
                await self.gate.wait()
            if self.fail_after is not None and index >= self.fail_after:
                raise SynthesisError("piper fell over")
            pcm = np.full(1600, index + 1, "<i2").tobytes()  # each sentence's samples say which it is
            yield AudioChunk(pcm, 16000, index == 0, 0.0, index == len(sentences) - 1, sentence)


def speech_wav(seconds: float = 1.0, loud: bool = True) -> bytes:
    t = np.arange(int(16000 * seconds)) / 16000
    return to_wav_bytes((0.3 * np.sin(2 * np.pi * 220 * t) if loud else np.zeros_like(t)).astype(np.float32), 16000)


@pytest.fixture
def nlu():
    return TableNlu(DEMO_FLOW)


async def make_client(config, shop, nlu, aiohttp_client, delay_s=0.0, max_active=2, max_waiting=4, synthesizer=None):
    speech = SpeechConfig(home=config.home, max_active=max_active, max_waiting=max_waiting)
    app = create_app(config, shop=shop, nlu=nlu, speech=speech,
                     speech_backends=SpeechBackends(FakeTranscriber(delay_s), synthesizer or FakeSynthesizer()))
    return await aiohttp_client(app)


async def post_wav(client, body: bytes, **headers):
    return await client.post("/api/v1/turn?session_id=a1&customer_id=demo", data=body,
                             headers={"Content-Type": "audio/wav", **headers})


async def test_audio_turn_answers_turn_json_with_asr(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    resp = await post_wav(client, speech_wav())
    body = await resp.json()
    assert resp.status == 200, body
    assert body["transcript"] == "do you have rain jackets" and body["action"] == "search"
    assert set(body["asr"]) >= {"language", "avg_logprob", "no_speech_prob", "duration_s"}
    assert set(body["timings_ms"]) == {"asr", "nlu", "fulfillment", "tts", "total"}
    row = shop.db.connection().execute("SELECT channel, asr FROM turns WHERE id = ?", (body["turn_id"],)).fetchone()
    assert row["channel"] == "audio" and "avg_logprob" in row["asr"]
    assert body["reply_audio"] == f"/api/v1/turns/{body['turn_id']}/reply.wav"
    reply = await client.get(body["reply_audio"])
    assert reply.status == 200 and (await reply.read())[:4] == b"RIFF"


async def test_a_looping_recogniser_never_gets_a_valid_clip_refused(config, shop, nlu, aiohttp_client):
    app = create_app(config, shop=shop, nlu=nlu, speech=SpeechConfig(home=config.home),
                     speech_backends=SpeechBackends(LoopingTranscriber(), FakeSynthesizer()))
    client = await aiohttp_client(app)
    resp = await post_wav(client, speech_wav(seconds=4.0))
    body = await resp.json()
    assert resp.status == 200, body
    assert body["transcript"] == "Hello there Emma, hello."
    assert nlu.calls == ["Hello there Emma, hello."]


async def test_the_nlu_chooses_among_what_the_recogniser_may_have_heard(config, shop, nlu, aiohttp_client):
    app = create_app(config, shop=shop, nlu=nlu, speech=SpeechConfig(home=config.home),
                     speech_backends=SpeechBackends(NbestTranscriber(), FakeSynthesizer()))
    client = await aiohttp_client(app)
    body = await (await post_wav(client, speech_wav())).json()
    assert body["transcript"] == "do you have rain jackets" and body["action"] == "search"
    assert sorted(nlu.calls) == ["do you halve rain jackets", "do you have brain jackets", "do you have rain jackets"]
    assert body["timings_ms"]["nlu"] >= 0


async def test_a_wav_sent_in_pieces_with_pauses_is_heard_whole(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    wav = speech_wav(seconds=4.0)

    async def pieces():
        for start in range(0, len(wav), 8192):
            yield wav[start:start + 8192]
            await asyncio.sleep(0.005)

    resp = await post_wav(client, pieces())

    body = await resp.json()
    assert resp.status == 200, body
    assert body["asr"]["duration_s"] == pytest.approx(4.0)


async def test_accept_wav_returns_the_reply_audio(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    resp = await post_wav(client, speech_wav(), Accept="audio/wav")
    assert resp.status == 200 and resp.content_type == "audio/wav" and resp.headers["X-Emma-Turn-Id"]


async def test_silence_never_reaches_nlu_or_the_database(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    before = shop.db.connection().execute("SELECT count(*) FROM turns").fetchone()[0]
    body = await (await post_wav(client, speech_wav(loud=False))).json()
    assert body["action"] == "no_speech" and "didn't hear" in body["reply"]
    assert nlu.calls == []
    assert shop.db.connection().execute("SELECT count(*) FROM turns").fetchone()[0] == before


def _header(channels=1, rate=16000, bits=16, data_size=32000) -> bytes:
    align = channels * bits // 8
    fmt = struct.pack("<HHIIHH", 1, channels, rate, rate * align, align, bits)
    return b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVEfmt " + struct.pack("<I", 16) + fmt + b"data" + \
        struct.pack("<I", data_size)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"", 400, "audio_empty"),
        (b"RIFF\x00", 400, "audio_truncated"),
        (_header(data_size=32000) + b"\x00" * 100, 400, "audio_truncated"),
        (_header(channels=0), 400, None),
        (_header(rate=0), 400, None),
        (b"ID3\x03\x00\x00\x00" + b"\x00" * 200, 400, None),
        (b"OggS" + b"\x00" * 200, 400, None),
        (b"#EXTM3U\nhttp://example.com/a.mp3\n", 400, None),
        (_header(data_size=16000 * 2 * 600) + b"\x00" * 1000, 413, "audio_too_long"),
        (b"RIFF" + b"\x00" * (5 * 1024 * 1024), 413, "audio_too_large"),
    ],
)
async def test_bad_audio_gets_a_clear_4xx(config, shop, nlu, aiohttp_client, body, status, code):
    client = await make_client(config, shop, nlu, aiohttp_client)
    resp = await post_wav(client, body)
    error = (await resp.json())["error"]
    assert resp.status == status and error["message"]
    assert error["code"].startswith("audio_") and (code is None or error["code"] == code)
    assert nlu.calls == []


async def test_over_capacity_answers_503_with_retry_after(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client, delay_s=0.5, max_active=1, max_waiting=0)
    first = asyncio.create_task(post_wav(client, speech_wav()))
    await asyncio.sleep(0.1)
    second = await post_wav(client, speech_wav())
    assert second.status == 503 and second.headers["Retry-After"]
    assert (await first).status == 200


async def test_missing_session_and_unknown_reply(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    resp = await client.post("/api/v1/turn", data=speech_wav(), headers={"Content-Type": "audio/wav"})
    assert resp.status == 400 and (await resp.json())["error"]["code"] == "bad_session_id"
    missing = await client.get("/api/v1/turns/nope/reply.wav")
    assert missing.status == 404


async def test_silent_recordings_are_counted_in_aggregate_only(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client)
    await post_wav(client, speech_wav(loud=False))
    await post_wav(client, speech_wav())
    await client.close()  # shutdown flushes the counters
    row = shop.db.connection().execute("SELECT sum(audio_turns), sum(no_speech) FROM audio_stats").fetchone()
    assert tuple(row) == (2, 1)


async def _read_exactly(resp, size: int) -> bytes:
    return await resp.content.readexactly(size)


async def test_reply_audio_streams_the_first_sentence_before_the_rest_is_spoken(config, shop, nlu, aiohttp_client):
    gate = asyncio.Event()
    client = await make_client(config, shop, nlu, aiohttp_client, synthesizer=FakeSynthesizer(gate))
    body = await (await post_wav(client, speech_wav())).json()
    assert body["reply"].count(".") + body["reply"].count("?") >= 2, "the demo reply has several sentences"
    reply = await client.get(body["reply_audio"])
    assert reply.status == 200 and reply.content_type == "audio/wav"
    assert reply.headers["Transfer-Encoding"] == "chunked"
    header = await _read_exactly(reply, 44)
    assert parse_header(header + b"\x00\x00").data_size == 2  # open length: read to the end
    first = np.frombuffer(await _read_exactly(reply, 3200), "<i2")
    assert set(first.tolist()) == {1}  # sentence one arrived while sentence two waits on the gate
    gate.set()
    rest = np.frombuffer(await reply.read(), "<i2")
    assert len(rest) >= 1600 and rest[0] == 2


async def test_accept_wav_streams_the_reply_with_the_turn_id(config, shop, nlu, aiohttp_client):
    gate = asyncio.Event()
    client = await make_client(config, shop, nlu, aiohttp_client, synthesizer=FakeSynthesizer(gate))
    resp = await post_wav(client, speech_wav(), Accept="audio/wav")
    assert resp.status == 200 and resp.content_type == "audio/wav" and resp.headers["X-Emma-Turn-Id"]
    head = await _read_exactly(resp, 44 + 3200)
    assert head[:4] == b"RIFF" and set(np.frombuffer(head[44:], "<i2").tolist()) == {1}
    gate.set()
    tail = await resp.read()
    again = await client.get(f"/api/v1/turns/{resp.headers['X-Emma-Turn-Id']}/reply.wav")
    assert await again.read() == head + tail  # the finished reply is kept for a later GET


async def test_a_synthesis_failure_mid_reply_cuts_the_stream_off(config, shop, nlu, aiohttp_client):
    client = await make_client(config, shop, nlu, aiohttp_client, synthesizer=FakeSynthesizer(fail_after=1))
    body = await (await post_wav(client, speech_wav())).json()
    reply = await client.get(body["reply_audio"])
    assert reply.status == 200
    with pytest.raises(aiohttp.ClientPayloadError):
        await reply.read()


async def test_the_recording_s_language_picks_the_reply_language(config, shop, nlu, aiohttp_client):
    from dataclasses import replace

    from fulfillment.lang import pack_for

    client = await make_client(replace(config, languages=("en", "de")), shop, nlu, aiohttp_client)
    german = await post_wav(client, speech_wav(loud=False), **{"Content-Language": "de-DE"})
    assert german.status == 200 and (await german.json())["reply"] == pack_for("de").prompts.DIDNT_HEAR
    listed = await post_wav(client, speech_wav(loud=False), **{"Content-Language": "de-DE, en"})
    assert (await listed.json())["reply"] == pack_for("de").prompts.DIDNT_HEAR
    default = await post_wav(client, speech_wav(loud=False))
    assert (await default.json())["reply"] == pack_for("en").prompts.DIDNT_HEAR
    french = await client.post("/api/v1/turn?session_id=a1&locale=fr-FR", data=speech_wav(),
                               headers={"Content-Type": "audio/wav"})
    assert french.status == 400 and (await french.json())["error"]["code"] == "unsupported_locale"
