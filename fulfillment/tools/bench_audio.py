"""`emma bench audio`: spoken shopper turns through the real Whisper, Rasa, fulfillment and Piper.

Prints figures; it is a benchmark, never a test on timing. Each utterance of the language's table
(`bench_shoppers`) is spoken by voices other than Emma's (espeak-ng, else for English Piper slowed
down), padded with room tone to 3–5 s and played twice: clean, and with white or pink noise
(`bench_clips`). The turns run in that language: its Whisper settings, its Rasa model, its shop
texts and its voice; the same texts typed give the intent accuracy the audio is read against.

English then compares, on the clean clips: recognisers side by side with the CTranslate2 floor
measured in the same run (`bench_asr`, `bench_floor`), TTS against wyoming-piper (with `peers`),
and time to first audio over HTTP (`bench_http_audio`); the goals of issue 12 are printed last.
Other languages compare the multilingual Whisper models instead (`bench_asr_models`).
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, replace
from importlib import util
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from fulfillment.settings import Settings
from fulfillment.tools.bench import child_pids, percentile, rss_mb, scratch_home
from fulfillment.tools.bench_asr import (
    FLOOR,
    HOTWORDS,
    MOONSHINE,
    NO_PROMPT,
    PEER,
    SERVED,
    AsrComparison,
    Side,
    read_intents,
    side_by_side,
)
from fulfillment.tools.bench_asr_models import compare_models, comparison_rows
from fulfillment.tools.bench_clips import SNR_DB, BenchClip, bench_clips, pick_utterances
from fulfillment.tools.bench_floor import CTranslate2Floor
from fulfillment.tools.bench_http_audio import HttpAudioFigures, measure, serving
from fulfillment.tools.bench_peers import PEERS, Peers, PeerUnavailable, TtsFigures, compare_tts, running_peers
from fulfillment.tools.bench_shoppers import shoppers_for
from speech.faster_whisper_transcriber import FasterWhisperTranscriber
from speech.wav import parse_header, read_wav
from speech.wer import wer, word_errors

if TYPE_CHECKING:
    from speech.synthesizer import Synthesizer
    from speech.transcriber import Transcriber
    from speech.voice_pipeline import VoicePipeline

MISHEARD_SHOWN = 3
"""Clean clips with the most word errors, printed under the WER so the figure can be read."""


@dataclass(frozen=True)
class TurnFigures:
    """One audio turn as measured; times in ms from the end of the shopper's audio."""

    clip: BenchClip
    transcript: str
    intent: str
    stages: dict[str, float]
    """asr, nlu, fulfillment, tts_first, tts_full, turn_first, turn_full."""
    reply: str
    reply_s: float
    """Length of the spoken reply in seconds."""


# --- summaries (pure) --------------------------------------------------------------------------

STAGES = (
    ("asr", "asr"), ("nlu", "nlu"), ("fulfillment", "fulfillment"), ("tts_first", "tts first audio"),
    ("tts_full", "tts whole reply"), ("turn_first", "turn to first audio"), ("turn_full", "turn to full reply"),
)


def stage_row(name: str, clean: list[float], noisy: list[float]) -> str:
    """One stage: p50 and p95 for clean and noisy audio, in ms."""
    cells = [f"{percentile(values, q):8.1f}" for values in (clean, noisy) for q in (50, 95)]
    return f"{name:<22}{cells[0]} {cells[1]}  |{cells[2]} {cells[3]}"


def goal_row(goal: str, value: float, limit: float, unit: str = "", strict: bool = False) -> str:
    """`goal` beside the measured value; met when value <= limit (value < limit when `strict`)."""
    verdict = "met" if (value < limit if strict else value <= limit) else "missed"
    return f"  {goal:<52} {value:7.2f}{unit:<3} {verdict}"


def accuracy(expected: list[str], got: list[str]) -> float:
    """Share of equal pairs, in percent."""
    return 100.0 * sum(e == g for e, g in zip(expected, got, strict=True)) / len(expected) if expected else 0.0


# --- measuring ---------------------------------------------------------------------------------


async def _turn(
    pipeline: VoicePipeline, synthesizer: Synthesizer, clip: BenchClip, session: str, locale: str = "en",
) -> tuple[TurnFigures, bool]:
    started = time.perf_counter()
    voice = await pipeline.run(clip.wav, session, "demo", speak=False, channel="bench", locale=locale)
    t0 = time.perf_counter()
    first, reply_s = 0.0, 0.0
    async for chunk in synthesizer.stream(voice.result.reply):
        first = first or time.perf_counter()
        reply_s += chunk.duration_s
    done = time.perf_counter()
    first = first or done
    timings = voice.result.timings_ms
    stages = {
        "asr": timings["asr"], "nlu": timings["nlu"], "fulfillment": timings["fulfillment"],
        "tts_first": (first - t0) * 1000, "tts_full": (done - t0) * 1000,
        "turn_first": (first - started) * 1000, "turn_full": (done - started) * 1000,
    }
    figures = TurnFigures(clip, voice.transcript.text, voice.result.intent["name"], stages, voice.result.reply, reply_s)
    return figures, voice.result.end_session


async def _measure_turns(
    pipeline: VoicePipeline, synthesizer: Synthesizer, clips: list[BenchClip], locale: str = "en",
) -> list[TurnFigures]:
    """Clean and noisy clips interleaved (load drift hits both alike), one session per condition."""
    sessions = {False: 0, True: 0}
    measured = []
    for clip in clips:
        session = f"bench-audio-{'noisy' if clip.noisy else 'clean'}-{sessions[clip.noisy]}"
        figures, ended = await _turn(pipeline, synthesizer, clip, session, locale)
        measured.append(figures)
        sessions[clip.noisy] += ended
    return measured


def _real_time_factors(turns: list[TurnFigures]) -> list[float]:
    """Synthesis time over the length of the reply it spoke, per turn."""
    return [t.stages["tts_full"] / 1000 / t.reply_s for t in turns if t.reply_s]


def _print_figures(turns: list[TurnFigures], typed: list[str], rss: tuple[float, float]) -> None:
    clean = [t for t in turns if not t.clip.noisy]
    noisy = [t for t in turns if t.clip.noisy]
    print(f"{'stage (ms)':<22}{'clean p50':>8} {'p95':>8}  |{'noisy p50':>8} {'p95':>8}")
    for key, name in STAGES:
        print(stage_row(name, [t.stages[key] for t in clean], [t.stages[key] for t in noisy]))
    wers = [100 * wer([(t.clip.text, t.transcript) for t in group]) for group in (clean, noisy)]
    print(f"WER: clean {wers[0]:.1f} %, noisy {wers[1]:.1f} %")
    misheard = sorted(clean, key=lambda t: -word_errors(t.clip.text, t.transcript)[0])[:MISHEARD_SHOWN]
    print("  worst clean: " + "; ".join(f"{t.clip.text!r} -> {t.transcript!r}" for t in misheard))
    expected = [t.clip.intent for t in clean]
    print(f"Intent accuracy: typed {accuracy(expected, typed):.1f} %, "
          f"clean audio {accuracy(expected, [t.intent for t in clean]):.1f} %, "
          f"noisy audio {accuracy([t.clip.intent for t in noisy], [t.intent for t in noisy]):.1f} %")
    rtf = _real_time_factors(turns)
    spoken = sum(t.reply_s for t in turns)
    print(f"TTS real-time factor: p50 {percentile(rtf, 50):.3f}, p95 {percentile(rtf, 95):.3f} "
          f"({len(rtf)} replies, {spoken:.0f} s of speech)")
    print(f"RSS: Emma {rss[0]:.0f} MB (Whisper + Piper + shop), Rasa {rss[1]:.0f} MB")


def _asr_sides(served: FasterWhisperTranscriber, hotwords: str, floor: CTranslate2Floor,
               extra: dict[str, list[float]], peers: Peers | None, moonshine: Transcriber | None) -> dict[str, Side]:
    """The recognisers compared on the clean clips; Emma's through the same guards as a served turn."""
    from speech.repetition import fit_transcript

    async def floor_side(wav: bytes) -> tuple[str, float]:
        run = await asyncio.to_thread(floor.run, read_wav(wav))
        extra.setdefault("floor encoder alone (30 s window)", []).append(run.encoder_ms)
        extra.setdefault("floor on Emma's short window", []).append(run.window_floor_ms)
        extra.setdefault("log-mel features (outside the floor)", []).append(run.features_ms)
        return run.text, run.floor_ms

    def emma(transcriber: Transcriber) -> Side:
        async def side(wav: bytes) -> tuple[str, float]:
            t0 = time.perf_counter()
            transcript = fit_transcript(await transcriber.transcribe(read_wav(wav), hotwords))
            return transcript.text, (time.perf_counter() - t0) * 1000
        return side

    def variant(style: Literal["context", "hotwords", "off"]) -> Transcriber:
        return FasterWhisperTranscriber(served.decoder, replace(served.options, prompt_style=style))

    sides: dict[str, Side] = {FLOOR: floor_side, SERVED: emma(served), HOTWORDS: emma(variant("hotwords")),
                              NO_PROMPT: emma(variant("off"))}
    if moonshine is not None:
        sides[MOONSHINE] = emma(moonshine)
    if peers is not None:
        sides[PEER] = peers.transcribe
    return sides


async def _moonshine() -> Transcriber | None:
    """Moonshine tiny English when its extra is installed (with the model inside), else None."""
    from speech.errors import ModelNotFound
    from speech.moonshine_transcriber import MoonshineTranscriber

    try:
        return await MoonshineTranscriber.load()
    except ModelNotFound as err:
        print(f"Moonshine: skipped; {err.message}")
        return None


@asynccontextmanager
async def _maybe_peers(wanted: bool, model_dir: Path, voice_path: Path, wav: bytes,
                       reply: str) -> AsyncIterator[Peers | None]:
    """The wyoming peers when asked for and installed, else None (and a line saying why)."""
    async with AsyncExitStack() as stack:
        peers = None
        if not wanted:
            print("Peers: skipped (--no-peers)")
        elif any(util.find_spec(module) is None for module in PEERS):
            print("Peers: skipped; install them with `.venv/bin/pip install -e '.[peers]'`")
        else:
            try:
                peers = await stack.enter_async_context(running_peers(model_dir, voice_path, wav, reply))
            except PeerUnavailable as err:
                print(f"Peers: skipped: {err}")
        yield peers


async def run(config: Settings, utterances: int = 40, peers: bool = True, language: str = "en") -> int:
    """Plays `utterances` spoken turns (clean and noisy) in `language` through the real pipeline and prints
    figures."""
    from fulfillment.apps.http.app import create_app
    from fulfillment.domain.conversation import Conversation
    from fulfillment.wiring import open_home, speech_config
    from nlu.runtime import nlu_parser
    from speech.models import resolve_model_dir
    from speech.runtime import catalog_hotwords, open_speech, served_model
    from speech.voice_pipeline import VoicePipeline
    from speech.voices import resolve_voice

    shoppers = shoppers_for(language)
    # the bench's language first: the shop's texts, its Rasa model and its voice are that language's
    config = config.with_(languages=(language, *(lang for lang in config.languages if lang != language)))
    open_home(config).close()  # make sure the real home exists and holds the demo shop
    speech = speech_config(config)  # the pipeline below is given no keep_audio: the bench keeps no recordings
    table, folder = await bench_clips(config.home, shoppers, speech.voice)
    chosen = pick_utterances(shoppers.utterances, utterances)
    by_text = {(c.text, c.noisy): c for c in table}
    clips = [by_text[(text, noisy)] for text, _ in chosen for noisy in (False, True)]
    seconds = [parse_header(c.wav).duration_s for c in clips]
    print(f"emma bench audio ({language}): {len(chosen)} utterances x (clean, noisy at {SNR_DB:g} dB SNR) = "
          f"{len(clips)} turns; clips {min(seconds):.1f}–{max(seconds):.1f} s from {folder}; "
          f"voices {', '.join(sorted({c.voice for c in clips}))}")
    print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (timings stretch on a busy machine)")
    clean_clips = [c for c in clips if not c.noisy]
    with scratch_home(config) as bench_config:
        shop = open_home(bench_config)
        try:
            backends = await open_speech(replace(speech, home=bench_config.home),
                                         None if language == "en" else language)
            if not isinstance(backends.transcriber, FasterWhisperTranscriber):
                print("emma bench audio measures Whisper as served: unset EMMA_ASR_MODEL=moonshine "
                      "(Moonshine is compared side by side whenever it is installed).")
                return 2
            hotwords = catalog_hotwords(shop.catalog.vocabulary())
            async with nlu_parser(bench_config, language=language) as parser:
                typed = [(await parser.parse(text)).intent for text, _ in chosen]
                pipeline = VoicePipeline(Conversation(shop, parser), backends.transcriber, backends.synthesizer,
                                         speech, hotwords, nlu=parser)  # as served: the NLU picks among the n-best
                # the first calls pay setup
                await _turn(pipeline, backends.synthesizer, clips[0], "bench-audio-warmup", language)
                loads = {"turns": os.getloadavg()[0]}
                turns = await _measure_turns(pipeline, backends.synthesizer, clips, language)
                rss = rss_mb(), sum(rss_mb(pid) for pid in child_pids())
                _print_figures(turns, typed, rss)

                async def intent_of(text: str) -> str:
                    return (await parser.parse(text)).intent

                if language != "en":  # the multilingual Whisper models side by side, instead of English's peers
                    loads["models"] = os.getloadavg()[0]
                    name = served_model(speech.asr_model, language)
                    models = await compare_models(bench_config.home, language, speech.beam_size, clips, hotwords,
                                                  intent_of, (name, backends.transcriber.model))
                    print("\n".join(comparison_rows(models, name, len(chosen))))
                    print("Load average as each part began: "
                          + ", ".join(f"{part} {load:.1f}" for part, load in loads.items()))
                    return 0
                replies = [t.reply for t in turns if not t.clip.noisy and t.reply]
                served = backends.transcriber
                assert isinstance(served, FasterWhisperTranscriber)  # checked before the turns
                floor = CTranslate2Floor(served.model)  # the same loaded model files
                extra: dict[str, list[float]] = {}
                moonshine = await _moonshine()
                async with _maybe_peers(peers, resolve_model_dir(speech.asr_model, config.home),
                                        resolve_voice(speech.voice).model_path, clips[0].wav, replies[0]) as running:
                    sides = _asr_sides(served, hotwords, floor, extra, running, moonshine)
                    loads["recognisers"] = os.getloadavg()[0]
                    comparison = await side_by_side(sides, [(c.text, c.wav) for c in clean_clips])
                    loads["TTS"] = os.getloadavg()[0]
                    comparison.extra = extra
                    tts = await compare_tts(backends.synthesizer, running, replies) if running else None
                    peer_rss = running.rss() if running else None

                await read_intents(comparison, intent_of)
                app = create_app(bench_config, shop=shop, nlu=parser, speech=speech, speech_backends=backends)
                async with serving(app) as base_url:
                    loads["HTTP"] = os.getloadavg()[0]
                    http = await measure(base_url, [c.wav for c in clean_clips])
        finally:
            shop.close()
    expected = [c.intent for c in clean_clips]
    print("\n".join(comparison.rows(expected)))
    if tts is not None:
        print("\n".join(tts.rows()))
    if peer_rss is not None:
        print(f"Peer RSS: faster-whisper {peer_rss[0]:.0f} MB, piper {peer_rss[1]:.0f} MB")
    print("\n".join(http.rows()))
    print("Load average as each part began (a busy machine stretches its times): "
          + ", ".join(f"{part} {load:.1f}" for part, load in loads.items()))
    _print_goals(turns, typed, comparison, tts, http, rss)
    return 0


def _print_goals(turns: list[TurnFigures], typed: list[str], comparison: AsrComparison, tts: TtsFigures | None,
                 http: HttpAudioFigures, rss: tuple[float, float]) -> None:
    clean = [t for t in turns if not t.clip.noisy]
    expected = [t.clip.intent for t in clean]
    gap = accuracy(expected, typed) - accuracy(expected, [t.intent for t in clean])
    print("Goals (clean audio, served settings):")
    print(goal_row("ASR p50 <= 1.15 x the CTranslate2 floor", comparison.ratio(SERVED, FLOOR), 1.15, " x"))
    if PEER in comparison.times:
        print(goal_row("ASR faster than wyoming-faster-whisper (ratio < 1)", comparison.ratio(SERVED, PEER), 1.0,
                       strict=True))
        print(goal_row("WER below the peer's (Emma minus peer, points < 0)",
                       comparison.wer(SERVED) - comparison.wer(PEER), 0.0, " pt", strict=True))
    if tts is not None:
        print(goal_row("TTS first audio faster than wyoming-piper (ratio < 1)", tts.first_ratio, 1.0, strict=True))
    print(goal_row("intent accuracy from audio within 3 points of typed", gap, 3.0, " pt"))
    print(goal_row("HTTP time to first audio p50 <= 0.6 s", percentile(http.streamed, 50), 0.6, " s"))
    print(goal_row("RSS of Emma and Rasa <= 2.0 GB", (rss[0] + rss[1]) / 1024, 2.0, " GB"))
