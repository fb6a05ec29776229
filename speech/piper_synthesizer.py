"""`Synthesizer` backed by Piper (piper-tts >= 1.3: `PiperVoice.load` / `synthesize` chunks)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from fulfillment.lang import pack_for
from speech.errors import SpeechError
from speech.memory import release_soon
from speech.normalize import normalize_for_speech
from speech.sentences import split_clauses, split_sentences
from speech.synthesizer import AudioChunk, Synthesizer
from speech.voices import Voice
from speech.wav import to_wav_bytes

if TYPE_CHECKING:
    from piper import PiperVoice


class SynthesisError(SpeechError):
    """Piper failed on a sentence (wraps the backend's own error)."""

    def __init__(self, message: str, code: str = "synthesis_failed") -> None:
        super().__init__(code, message)


class PiperVoiceLoader:
    """Loads each Piper voice once (keyed by model path) and hands the same instance out after."""

    def __init__(self, use_cuda: bool = False) -> None:
        self._use_cuda = use_cuda
        self._voices: dict[str, PiperVoice] = {}
        self._lock = asyncio.Lock()

    async def load(self, voice: Voice) -> PiperVoice:
        """The loaded `PiperVoice` for `voice`; loads it in a worker thread the first time."""
        key = str(voice.model_path.resolve())
        async with self._lock:
            loaded = self._voices.get(key)
            if loaded is None:
                loaded = await asyncio.to_thread(self._load, voice)
                self._voices[key] = loaded
            return loaded

    def _load(self, voice: Voice) -> PiperVoice:
        from piper import PiperVoice  # deferred: pulls in onnxruntime and espeak-ng

        return PiperVoice.load(voice.model_path, voice.config_path, use_cuda=self._use_cuda)


class PiperSynthesizer(Synthesizer):
    """Speaks replies with one Piper voice; the model is loaded on first use, then reused."""

    def __init__(
        self,
        voice: Voice,
        loader: PiperVoiceLoader | None = None,
        length_scale: float | None = None,
    ) -> None:
        """`length_scale` > 1 speaks slower, < 1 faster; None keeps the voice's own speed."""
        self.voice = voice
        self.rules = pack_for(voice.language).tts
        """How prices, units and abbreviations are read, in the voice's language."""
        self.length_scale = length_scale
        self._loader = loader or PiperVoiceLoader()

    @property
    def sample_rate(self) -> int:
        return self.voice.sample_rate

    def with_length_scale(self, length_scale: float | None) -> PiperSynthesizer:
        """The same voice (and loaded model) at another speed, e.g. for benchmark utterances."""
        return PiperSynthesizer(self.voice, self._loader, length_scale)

    async def load(self) -> None:
        """Load the model now (e.g. at server start) instead of on the first reply."""
        await self._loader.load(self.voice)

    async def synthesize(self, text: str) -> bytes:
        pcm = b"".join([chunk.pcm async for chunk in self.stream(text)])
        return to_wav_bytes(np.frombuffer(pcm, dtype="<i2"), self.sample_rate)

    async def stream(self, text: str) -> AsyncIterator[AudioChunk]:
        started = time.perf_counter()
        written = split_sentences(text, self.rules)
        sentences = [s for s in (normalize_for_speech(x, self.rules) for x in written) if s]
        if not sentences:
            return
        # Clause by clause: the first audio is ready after one clause, and onnxruntime's memory arena,
        # which keeps the peak of the longest piece ever spoken, stays ~85 MB smaller.
        sentences = [clause for sentence in sentences for clause in split_clauses(sentence)]
        piper_voice = await self._loader.load(self.voice)
        config = self._synthesis_config()
        for index, sentence in enumerate(sentences):
            pcm = await asyncio.to_thread(_speak, piper_voice, sentence, config)
            yield AudioChunk(
                pcm=pcm,
                rate=self.sample_rate,
                is_first=index == 0,
                elapsed_ms=(time.perf_counter() - started) * 1000.0,
                is_last=index == len(sentences) - 1,
                text=sentence,
            )
        release_soon()  # what onnxruntime freed goes back to the system (speech.memory)

    def _synthesis_config(self) -> Any:
        from piper import SynthesisConfig

        config = SynthesisConfig()
        if self.length_scale is not None:
            config = replace(config, length_scale=self.length_scale)
        return config


def _speak(piper_voice: PiperVoice, sentence: str, config: Any) -> bytes:
    """Run Piper on one sentence (in a worker thread) and return 16-bit PCM.

    Piper's `synthesize` is a lazy generator; it is consumed here, inside the thread.
    """
    try:
        return b"".join(
            chunk.audio_int16_bytes for chunk in piper_voice.synthesize(sentence, config)
        )
    except Exception as err:  # the backend's errors are not part of Emma's API
        raise SynthesisError(f"Piper failed on {sentence!r}: {type(err).__name__}: {err}") from err
