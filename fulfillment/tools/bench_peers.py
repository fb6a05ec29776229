"""The reference Wyoming servers (wyoming-faster-whisper, wyoming-piper) on Emma's model files,
timed against Emma's own transcriber and synthesizer on the same inputs (`emma bench audio`).

They come from the `peers` extra, which only the benchmark uses: `pip install -e '.[peers]'`."""

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
from speech.wav import parse_header

if TYPE_CHECKING:
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
class Peers:
    """The two reference servers, running."""

    asr_port: int
    tts_port: int
    pids: tuple[int, int]

    async def transcribe(self, wav: bytes) -> tuple[str, float]:
        """An ASR side for `bench_asr.side_by_side`."""
        return await _peer_transcribe(self.asr_port, wav)

    def rss(self) -> tuple[float, float]:
        """MB of the faster-whisper and the piper server."""
        return rss_mb(self.pids[0]), rss_mb(self.pids[1])


@asynccontextmanager
async def running_peers(model_dir: Path, voice_path: Path, warm_wav: bytes, warm_text: str) -> AsyncIterator[Peers]:
    """wyoming-faster-whisper and wyoming-piper on Emma's model files, warmed up.

    The peer runs as one would deploy it here: the same model folder, English, CPU int8 on the
    machine's 2 threads, and its own default decoding (so Emma's tuning is what is compared; set
    EMMA_PEER_TUNED=1 to give it Emma's choices too).
    """
    whisper_args = ["--model", str(model_dir), "--language", "en", "--device", "cpu", "--compute-type", "int8",
                    "--cpu-threads", "2", "--local-files-only"]
    if os.environ.get("EMMA_PEER_TUNED") == "1":
        whisper_args += ["--beam-size", "1", "--vad-filter"]
    piper_args = ["--voice", str(voice_path), "--data-dir", str(voice_path.parent), "--local-files-only"]
    with tempfile.TemporaryDirectory(prefix="emma-bench-peers-") as tmp:
        work = Path(tmp)
        async with (
            _peer(PEERS[0], [*whisper_args, "--data-dir", str(work)], work / "whisper.log") as (asr, asr_pid),
            _peer(PEERS[1], piper_args, work / "piper.log") as (tts, tts_pid),
        ):
            await _peer_transcribe(asr, warm_wav)  # the first call pays setup
            await _peer_synthesize(tts, warm_text)
            yield Peers(asr, tts, (asr_pid, tts_pid))


@dataclass(frozen=True)
class TtsFigures:
    """Emma's synthesizer and wyoming-piper on the same replies; ms."""

    times: dict[str, list[float]]
    """emma_first, peer_first, emma_tts, peer_tts."""

    @property
    def first_ratio(self) -> float:
        return ratio(self.times["emma_first"], self.times["peer_first"])

    def rows(self) -> list[str]:
        times = self.times
        return [
            ratio_row("TTS whole reply", times["emma_tts"], times["peer_tts"], "wyoming-piper"),
            ratio_row("TTS first audio", times["emma_first"], times["peer_first"], "wyoming-piper"),
        ]


async def compare_tts(synthesizer: Synthesizer, peers: Peers, replies: list[str]) -> TtsFigures:
    """Each reply through both, alternating which goes first."""
    times: dict[str, list[float]] = {key: [] for key in ("emma_first", "peer_first", "emma_tts", "peer_tts")}
    for index, reply in enumerate(replies):
        for side in ("emma", "peer") if index % 2 == 0 else ("peer", "emma"):
            if side == "peer":
                first, full = await _peer_synthesize(peers.tts_port, reply)
            else:
                first, full = await _emma_synthesize(synthesizer, reply)
            times[f"{side}_first"].append(first)
            times[f"{side}_tts"].append(full)
    return TtsFigures(times)
