"""One audio turn: WAV in, checked and transcribed, through the same conversation as text,
reply spoken back. Silence or noise never reaches NLU or the database."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fulfillment.domain.errors import NluUnavailable
from fulfillment.domain.turns import TurnHandler, TurnRequest, TurnResult
from fulfillment.lang import pack_for
from nlu.parser import NluParser, NluRouter
from speech.capacity import CapacityGate
from speech.config import SpeechConfig
from speech.language_routes import ANY, LanguageRoutes, Route, language_code
from speech.nbest import Understood, understand_best
from speech.repetition import fit_transcript
from speech.synthesizer import Synthesizer
from speech.transcriber import Transcriber, Transcript
from speech.wav import read_wav


@dataclass(frozen=True)
class VoiceTurn:
    result: TurnResult
    """The turn, with `timings_ms` extended by asr, tts and the audio total."""
    transcript: Transcript
    reply_wav: bytes | None = None

    def to_json(self) -> dict[str, Any]:
        """The text turn's JSON plus `asr`."""
        return {**self.result.to_json(), "asr": self.transcript.to_asr()}


class VoicePipeline:
    def __init__(
        self, turns: TurnHandler, transcriber: Transcriber, synthesizer: Synthesizer,
        config: SpeechConfig, hotwords: str | Mapping[str, str] | None = None,
        on_heard: Callable[[str, bool], None] | None = None,
        keep_audio: Callable[[], bool] | None = None,
        nlu: NluParser | None = None,
        routes: LanguageRoutes | None = None,
    ) -> None:
        """`transcriber` and `synthesizer` serve the default language; `routes` adds the shop's other
        languages (a turn's locale picks its recogniser and voice). `hotwords` are one prompt for every
        language or one per language code.
        `on_heard(channel, heard_speech)` is told about every recording (for counters);
        `keep_audio()` says whether recordings are kept now (the retention setting); without it none are.
        With `nlu` (the conversation's parser), the NLU chooses among the recogniser's n-best (`speech.nbest`)."""
        self.routes = routes or LanguageRoutes({ANY: Route(transcriber, synthesizer)}, ANY)
        self.default_locale = self.routes.default or "en"
        self.nlu = nlu
        self.on_heard = on_heard
        self.keep_audio = keep_audio or (lambda: False)
        self.turns = turns
        self.transcriber = transcriber
        self.synthesizer = synthesizer
        self.config = config
        self.hotwords = hotwords
        self.gate = CapacityGate(config.max_active, config.max_waiting)

    async def run(
        self, wav: bytes, session_id: str, customer_id: str = "demo",
        idempotency_key: str | None = None, speak: bool = True, channel: str = "audio",
        locale: str | None = None,
    ) -> VoiceTurn:
        """`locale` (the shop's default language when None) picks the recogniser, the voice and the
        language of the reply (see `TurnRequest.locale`)."""
        started = time.perf_counter()
        route = self.routes.for_language(locale)  # a language the shop lacks is refused before any work
        locale = locale or self.default_locale
        audio = read_wav(wav, self.config.limits)  # raises AudioFormatError before any decoding
        async with self.gate.slot():
            t0 = time.perf_counter()
            transcript = fit_transcript(await route.transcriber.transcribe(audio, self._hotwords(locale)),
                                        self.config.max_text_chars)
            asr_ms = (time.perf_counter() - t0) * 1000
        if self.on_heard is not None:
            self.on_heard(channel, transcript.heard_speech)
        if not transcript.heard_speech:
            result = TurnResult(
                session_id=session_id, turn_id=uuid.uuid4().hex, transcript="",
                intent={"name": "no_speech", "confidence": 1.0}, entities=[], action="no_speech",
                reply=pack_for(locale).prompts.DIDNT_HEAR, expects_answer=True,
            )
        else:
            t0 = time.perf_counter()
            understood = await self._understand(transcript, locale)
            choice_ms = (time.perf_counter() - t0) * 1000
            request = TurnRequest(session_id, understood.text if understood else transcript.text, customer_id,
                                  channel, idempotency_key, asr=transcript.to_asr(), locale=locale,
                                  nlu=understood.nlu if understood else None)
            result = await self.turns.handle(request)
            if understood is not None:  # the NLU ran here, not in the turn
                result = replace(result, timings_ms={**result.timings_ms, "nlu": round(choice_ms, 2)})
            if self.keep_audio():
                self._keep(result.turn_id, wav)
        tts_ms, reply_wav = 0.0, None
        if speak:
            t0 = time.perf_counter()
            reply_wav = await route.synthesizer.synthesize(result.reply)
            tts_ms = (time.perf_counter() - t0) * 1000
        timings = {
            "asr": round(asr_ms, 2), **{k: v for k, v in result.timings_ms.items() if k != "total"},
            "tts": round(tts_ms, 2), "total": round((time.perf_counter() - started) * 1000, 2),
        }
        timings.setdefault("nlu", 0.0)
        timings.setdefault("fulfillment", 0.0)
        return VoiceTurn(replace(result, timings_ms=timings), transcript, reply_wav)

    def synthesizer_for(self, locale: str | None) -> Synthesizer:
        """The voice of `locale`'s language (the default language's when None)."""
        return self.routes.for_language(locale).synthesizer

    def _hotwords(self, locale: str) -> str | None:
        if self.hotwords is None or isinstance(self.hotwords, str):
            return self.hotwords
        return self.hotwords.get(language_code(locale))

    async def _understand(self, transcript: Transcript, locale: str) -> Understood | None:
        """The NLU's choice among the n-best; None without alternatives or a parser, or when the NLU
        fails (the turn then parses the best guess itself, with its own fallback)."""
        if self.nlu is None or not transcript.alternatives:
            return None
        parser = self.nlu.for_locale(locale) if isinstance(self.nlu, NluRouter) else self.nlu
        try:
            return await understand_best(transcript, parser)
        except NluUnavailable:
            return None

    def _keep(self, turn_id: str, wav: bytes) -> None:
        folder = self.config.audio_dir / datetime.now(UTC).strftime("%Y-%m-%d")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{turn_id}.wav").write_bytes(wav)


def purge_audio(audio_dir: Path, keep_days: int, now: datetime | None = None) -> int:
    """Deletes kept recordings older than `keep_days` (all of them when 0). Returns how many."""
    now = now or datetime.now(UTC)
    removed = 0
    if not audio_dir.exists():
        return 0
    for day in audio_dir.iterdir():
        try:
            age = (now.date() - datetime.strptime(day.name, "%Y-%m-%d").date()).days
        except ValueError:
            continue
        if age >= keep_days:
            for file in day.glob("*.wav"):
                file.unlink()
                removed += 1
            day.rmdir()
    return removed
