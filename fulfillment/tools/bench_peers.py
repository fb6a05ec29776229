"""The reference Wyoming servers (wyoming-faster-whisper, wyoming-piper) on Emma's model files,
timed against Emma's own transcriber and synthesizer on the same inputs (`emma bench audio`)."""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fulfillment.tools.bench import percentile, rss_mb
from nlu.rasa_service import free_port
from speech.wav import parse_header, read_wav
from speech.wer import wer

if TYPE_CHECKING:
    from speech.runtime import SpeechBackends
    from speech.synthesizer import Synthesizer


# --- the wyoming peers -------------------------------------------------------------------------

_CHUNK_BYTES = 2048
"""PCM bytes per Wyoming audio-chunk sent to the peer (64 ms at 16 kHz)."""


def ratio(emma: list[float], peer: list[float]) -> float:
    """Emma's p50 over the peer's p50 (below 1: Emma is faster); nan without figures."""
    p50 = percentile(peer, 50)
    return percentile(emma, 50) / p50 if emma and p50 > 0 else float("nan")


def ratio_row(name: str, emma: list[float], peer: list[float], peer_name: str) -> str:
    return (f"{name:<16} Emma p50 {percentile(emma, 50):7.1f} ms   {peer_name} p50 {percentile(peer, 50):7.1f} ms"
            f"   ratio {ratio(emma, peer):.2f}")


PEERS = ("wyoming_faster_whisper", "wyoming_piper")


class PeerUnavailable(RuntimeError):
    """A peer server did not start or answer; the comparison is skipped."""


@asynccontextmanager
async def _peer(module: str, args: list[str], log: Path) -> AsyncIterator[tuple[int, int]]:
    """Runs `python -m module` on a free loopback port until it answers `describe`; yields (port, pid)."""
    from wyoming.client import AsyncTcpClient
    from wyoming.info import Describe, Info

    port = free_port()
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", module, "--uri", f"tcp://127.0.0.1:{port}", *args, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.returncode is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace").strip().splitlines()[-3:]
                raise PeerUnavailable(f"{module} did not start: {' / '.join(tail) or 'no output'}")
            try:
                async with AsyncTcpClient("127.0.0.1", port) as client:
                    await client.write_event(Describe().event())
                    event = await asyncio.wait_for(client.read_event(), 5)
                if event is not None and Info.is_type(event.type):
                    break
            except (OSError, TimeoutError):
                pass
            await asyncio.sleep(0.5)
        yield port, proc.pid
    finally:
        if proc.returncode is None:
            proc.terminate()
            try:
                await asyncio.wait_for(proc.wait(), 10)
            except TimeoutError:
                proc.kill()
                await proc.wait()


async def _peer_transcribe(port: int, wav: bytes) -> tuple[str, float]:
    """Transcript and ms from audio-stop to transcript."""
    from wyoming.asr import Transcribe, Transcript
    from wyoming.audio import AudioChunk, AudioStart, AudioStop
    from wyoming.client import AsyncTcpClient

    header = parse_header(wav)
    pcm = wav[header.data_offset : header.data_offset + header.data_size]
    fmt = {"rate": header.rate, "width": 2, "channels": header.channels}
    async with AsyncTcpClient("127.0.0.1", port) as client:
        await client.write_event(Transcribe(language="en").event())
        await client.write_event(AudioStart(**fmt).event())
        for start in range(0, len(pcm), _CHUNK_BYTES):
            await client.write_event(AudioChunk(audio=pcm[start : start + _CHUNK_BYTES], **fmt).event())
        t0 = time.perf_counter()
        await client.write_event(AudioStop().event())
        while (event := await client.read_event()) is not None:
            if Transcript.is_type(event.type):
                return Transcript.from_event(event).text, (time.perf_counter() - t0) * 1000
    raise PeerUnavailable("wyoming-faster-whisper closed the connection without a transcript")


async def _peer_synthesize(port: int, text: str) -> tuple[float, float]:
    """ms to the first audio chunk and to audio-stop."""
    from wyoming.audio import AudioChunk, AudioStop
    from wyoming.client import AsyncTcpClient
    from wyoming.tts import Synthesize

    async with AsyncTcpClient("127.0.0.1", port) as client:
        t0 = time.perf_counter()
        await client.write_event(Synthesize(text=text).event())
        first = 0.0
        while (event := await client.read_event()) is not None:
            if AudioChunk.is_type(event.type):
                first = first or time.perf_counter()
            elif AudioStop.is_type(event.type):
                done = time.perf_counter()
                return ((first or done) - t0) * 1000, (done - t0) * 1000
    raise PeerUnavailable("wyoming-piper closed the connection before audio-stop")


async def _emma_synthesize(synthesizer: Synthesizer, text: str) -> tuple[float, float]:
    t0 = time.perf_counter()
    first = 0.0
    async for _ in synthesizer.stream(text):
        first = first or time.perf_counter()
    done = time.perf_counter()
    return ((first or done) - t0) * 1000, (done - t0) * 1000


@dataclass(frozen=True)
class PeerFigures:
    """Emma and the wyoming peers on the same inputs; times in ms."""

    times: dict[str, list[float]]
    """emma_asr, emma_plain_asr (without hotwords), peer_asr, emma_first, peer_first, emma_tts, peer_tts."""
    peer_wer: float
    """WER of wyoming-faster-whisper on the clean clips, in percent."""
    peer_rss: tuple[float, float]
    """MB of the faster-whisper and the piper server."""

    @property
    def asr_ratio(self) -> float:
        return ratio(self.times["emma_asr"], self.times["peer_asr"])

    def rows(self) -> list[str]:
        times = self.times
        return [
            ratio_row("ASR", times["emma_asr"], times["peer_asr"], "wyoming-faster-whisper"),
            ratio_row("ASR no hotwords", times["emma_plain_asr"], times["peer_asr"], "wyoming-faster-whisper"),
            ratio_row("TTS whole reply", times["emma_tts"], times["peer_tts"], "wyoming-piper"),
            ratio_row("TTS first audio", times["emma_first"], times["peer_first"], "wyoming-piper"),
            f"Peer WER clean {self.peer_wer:.1f} %; peer RSS: faster-whisper {self.peer_rss[0]:.0f} MB, "
            f"piper {self.peer_rss[1]:.0f} MB",
        ]


async def compare_peers(
    backends: SpeechBackends, hotwords: str, wavs: list[tuple[str, bytes]], replies: list[str],
    model_dir: Path, voice_path: Path,
) -> PeerFigures:
    """Emma's transcriber and synthesizer against the wyoming peers on the same inputs, back to back.

    The peer runs as one would deploy it here: the same model folder, English, CPU int8 on the
    machine's 2 threads, and its own default decoding (so Emma's tuning is what is compared; set
    EMMA_PEER_TUNED=1 to give it Emma's choices too). Inputs alternate which side goes first.
    """
    whisper_args = ["--model", str(model_dir), "--language", "en", "--device", "cpu", "--compute-type", "int8",
                    "--cpu-threads", "2", "--local-files-only"]
    if os.environ.get("EMMA_PEER_TUNED") == "1":
        whisper_args += ["--beam-size", "1", "--vad-filter"]
    piper_args = ["--voice", str(voice_path), "--data-dir", str(voice_path.parent), "--local-files-only"]
    times: dict[str, list[float]] = {f"{side}_{what}": [] for side in ("emma", "peer")
                                     for what in ("asr", "first", "tts")}
    times["emma_plain_asr"] = []
    heard: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="emma-bench-peers-") as tmp:
        work = Path(tmp)
        async with (
            _peer(PEERS[0], [*whisper_args, "--data-dir", str(work)], work / "whisper.log") as (asr, asr_pid),
            _peer(PEERS[1], piper_args, work / "piper.log") as (tts, tts_pid),
        ):
            await _peer_transcribe(asr, wavs[0][1])  # warm-up: the first call pays setup
            await _peer_synthesize(tts, replies[0])
            for index, (text, wav) in enumerate(wavs):
                for side in ("emma", "peer", "emma_plain") if index % 2 == 0 else ("emma_plain", "peer", "emma"):
                    if side == "peer":
                        transcript, ms = await _peer_transcribe(asr, wav)
                        heard.append((text, transcript))
                    else:
                        t0 = time.perf_counter()
                        await backends.transcriber.transcribe(read_wav(wav), hotwords if side == "emma" else None)
                        ms = (time.perf_counter() - t0) * 1000
                    times[f"{side}_asr"].append(ms)
            for index, reply in enumerate(replies):
                for side in ("emma", "peer") if index % 2 == 0 else ("peer", "emma"):
                    if side == "peer":
                        first, full = await _peer_synthesize(tts, reply)
                    else:
                        first, full = await _emma_synthesize(backends.synthesizer, reply)
                    times[f"{side}_first"].append(first)
                    times[f"{side}_tts"].append(full)
            peer_rss = rss_mb(asr_pid), rss_mb(tts_pid)
    return PeerFigures(times, 100 * wer(heard), peer_rss)


# --- the command -------------------------------------------------------------------------------
