"""`Synthesizer` backed by the espeak-ng program: the built-in voice for languages without a Piper voice.

espeak-ng comes from the operating system (Debian's `espeak-ng`, installed by `make run`), so a German
shop speaks from the first start, with no model file. It is a formant voice: clear and fast (a few
milliseconds a sentence), but robotic next to a neural Piper voice; a shop that has one names it by path
(EMMA_VOICE_DE=/voices/de_DE-thorsten-medium.onnx) and this one is not used.
"""

from __future__ import annotations

import asyncio
import shutil
import struct
import time
from collections.abc import AsyncIterator

import numpy as np

from fulfillment.lang import pack_for
from speech.errors import SpeechError
from speech.normalize import normalize_for_speech
from speech.sentences import split_sentences
from speech.synthesizer import AudioChunk, Synthesizer
from speech.wav import to_wav_bytes

PROGRAM = "espeak-ng"
RATE = 22050
"""espeak-ng's output rate (Hz); read from each answer's header all the same."""


class EspeakUnavailable(SpeechError):
    """The espeak-ng program is not installed."""

    def __init__(self, message: str, code: str = "espeak_unavailable") -> None:
        super().__init__(code, message)


class EspeakFailed(SpeechError):
    """espeak-ng exited with an error on a sentence."""

    def __init__(self, message: str, code: str = "synthesis_failed") -> None:
        super().__init__(code, message)


class EspeakSynthesizer(Synthesizer):
    """Speaks replies with an espeak-ng voice (`de`, or a variant such as `de+f3`)."""

    def __init__(self, voice: str = "de", words_per_minute: int = 165, program: str = PROGRAM) -> None:
        """`voice`: an espeak-ng voice name, optionally with a variant (`de+m3`); its language picks the
        reading rules (`pack_for`)."""
        self.voice = voice
        self.words_per_minute = words_per_minute
        self.program = program
        self.rules = pack_for(voice.split("+")[0]).tts
        self._rate = RATE

    @property
    def sample_rate(self) -> int:
        return self._rate

    async def load(self) -> None:
        """Checks the program is there, so a missing package shows at start-up, not on the first reply."""
        if shutil.which(self.program) is None:
            raise EspeakUnavailable(
                f"{self.program} is not installed: `make run` installs Debian's espeak-ng, or name a Piper "
                "voice by path (EMMA_VOICE_DE)."
            )

    async def synthesize(self, text: str) -> bytes:
        pcm = b"".join([chunk.pcm async for chunk in self.stream(text)])
        return to_wav_bytes(np.frombuffer(pcm, dtype="<i2"), self.sample_rate)

    async def stream(self, text: str) -> AsyncIterator[AudioChunk]:
        started = time.perf_counter()
        written = split_sentences(text, self.rules)
        sentences = [s for s in (normalize_for_speech(x, self.rules) for x in written) if s]
        for index, sentence in enumerate(sentences):
            pcm, self._rate = await self._speak(sentence)
            yield AudioChunk(
                pcm=pcm, rate=self._rate, is_first=index == 0,
                elapsed_ms=(time.perf_counter() - started) * 1000.0,
                is_last=index == len(sentences) - 1, text=sentence,
            )

    async def _speak(self, sentence: str) -> tuple[bytes, int]:
        """One sentence through espeak-ng (text on stdin, never as an argument): its PCM and rate."""
        await self.load()
        process = await asyncio.create_subprocess_exec(
            self.program, "-v", self.voice, "-s", str(self.words_per_minute), "-b", "1", "--stdout",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate(sentence.encode("utf-8"))
        if process.returncode != 0:
            raise EspeakFailed(f"{self.program} failed on {sentence!r}: {err.decode(errors='replace').strip()}")
        return pcm_of_wav_stream(out)


def pcm_of_wav_stream(data: bytes) -> tuple[bytes, int]:
    """PCM and rate of the WAV espeak-ng writes to a pipe (its sizes say 0x7ffff000: it could not seek back)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise EspeakFailed("espeak-ng did not write a WAV")
    rate, pos = RATE, 12
    while pos + 8 <= len(data):
        tag, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if tag == b"fmt ":
            rate = struct.unpack("<I", data[pos + 12:pos + 16])[0]
        if tag == b"data":
            pcm = data[pos + 8:]
            return pcm[: len(pcm) - len(pcm) % 2], rate
        pos += 8 + size
    raise EspeakFailed("espeak-ng wrote a WAV without audio")
