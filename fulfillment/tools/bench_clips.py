"""The shopper's audio for `emma bench audio`: each utterance spoken by an espeak-ng voice of its
language (`bench_shoppers`), padded with room tone to 3–5 s and kept twice, clean and with white or
pink noise at `SNR_DB`; made once and cached under `<EMMA_HOME>/bench/audio/<key>/`.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fulfillment.tools.bench_shoppers import Shoppers
from speech.audio import SAMPLE_RATE
from speech.wav import read_wav, to_wav_bytes

SNR_DB = 10.0
"""Speech-to-noise ratio of the noisy copies, over the span where the voice is."""
MIN_S, MAX_S = 3.0, 5.0
"""Every clip lasts this long (speech longer than MAX_S would be kept whole, never cut)."""
LEAD_S = 0.5
"""Room tone before the voice starts."""
SPEECH_PEAK = 0.5
"""Voice peak after normalization (-6 dBFS)."""
ROOM_TONE_DBFS = -60.0
"""RMS of the pink room tone under every clip."""
PIPER_LENGTH_SCALE = 1.3
"""Without espeak-ng: Emma's Piper voice, slower, so it is not the reply voice verbatim."""
_CACHE_VERSION = 1
"""Bump when the way clips are made changes, so cached WAVs are rebuilt."""


@dataclass(frozen=True)
class BenchClip:
    text: str
    """What was spoken (the WER reference)."""
    intent: str
    """The intent the text means."""
    noisy: bool
    """True for the copy with noise at `SNR_DB`."""
    wav: bytes
    """16 kHz mono PCM16 WAV, `MIN_S`–`MAX_S` long."""
    voice: str = ""
    """Who said it (`ShopperVoice.voice`, or `piper`)."""


def pick_utterances(table: tuple[tuple[str, str], ...], count: int) -> list[tuple[str, str]]:
    """The first `count` rows of `table`, cycling when more are asked for."""
    return [table[i % len(table)] for i in range(count)]


def colored_noise(frames: int, color: str, rng: np.random.Generator) -> np.ndarray:
    """Unit-RMS float32 noise: `white`, or `pink` (power falling as 1/f)."""
    white = rng.standard_normal(frames)
    if color == "pink":
        spectrum = np.fft.rfft(white)
        freqs = np.fft.rfftfreq(frames)
        spectrum[1:] /= np.sqrt(freqs[1:])
        spectrum[0] = 0.0
        white = np.fft.irfft(spectrum, frames)
    elif color != "white":
        raise ValueError(f"noise color must be white or pink, not {color!r}")
    rms = float(np.sqrt(np.mean(white**2))) or 1.0
    return (white / rms).astype(np.float32)


def pad_with_room_tone(
    speech: np.ndarray, rng: np.random.Generator, rate: int = SAMPLE_RATE,
    min_s: float = MIN_S, max_s: float = MAX_S, lead_s: float = LEAD_S,
) -> tuple[np.ndarray, slice]:
    """`speech` in low pink room tone, `min_s`–`max_s` long; also returns where the voice sits."""
    frames, lead = len(speech), int(lead_s * rate)
    total = min(max(frames + 2 * lead, int(min_s * rate)), max(int(max_s * rate), frames))
    spare = total - frames
    lead = min(lead, spare // 2)
    clip = colored_noise(total, "pink", rng) * np.float32(10 ** (ROOM_TONE_DBFS / 20))
    clip[lead : lead + frames] += speech.astype(np.float32)
    return clip, slice(lead, lead + frames)


def mix_at_snr(
    clip: np.ndarray, speech: slice, snr_db: float, color: str, rng: np.random.Generator
) -> np.ndarray:
    """`clip` plus noise whose power is `snr_db` below the voice's; scaled down if it would clip."""
    voice_power = float(np.mean(clip[speech].astype(np.float64) ** 2))
    noise = colored_noise(len(clip), color, rng) * np.float32(np.sqrt(voice_power / 10 ** (snr_db / 10)))
    mixed = clip + noise
    peak = float(np.max(np.abs(mixed)))
    return mixed / np.float32(peak / 0.99) if peak > 0.99 else mixed


def clips_key(table: tuple[tuple[str, str], ...], engine: str) -> str:
    """Names the cache folder: changes with the table, the shoppers' voices or how clips are made."""
    recipe = [_CACHE_VERSION, engine, SNR_DB, MIN_S, MAX_S, LEAD_S, SPEECH_PEAK, ROOM_TONE_DBFS, table]
    return hashlib.sha256(json.dumps(recipe).encode()).hexdigest()[:16]


def engine_of(shoppers: Shoppers, espeak: bool) -> str:
    """The voices in words, for the manifest and the cache key (one English voice keeps its old key)."""
    if not espeak:
        return f"piper x{PIPER_LENGTH_SCALE}"
    return "espeak-ng " + " | ".join(" ".join(v.args()) for v in shoppers.voices)


def _espeak_ready(shoppers: Shoppers) -> bool:
    if shutil.which("espeak-ng"):
        return True
    if shoppers.piper_fallback:
        return False
    raise RuntimeError(f"The {shoppers.language} spoken bench needs espeak-ng: apt-get install espeak-ng")


async def _speak_shopper(shoppers: Shoppers, index: int, text: str, work: Path, espeak: bool,
                         voice: str | None) -> np.ndarray:
    """The shopper's voice as float32 at 16 kHz, peak-normalized to `SPEECH_PEAK`."""
    if espeak:
        out = work / "espeak.wav"
        args = shoppers.voice_for(index).args()
        proc = await asyncio.create_subprocess_exec("espeak-ng", *args, "-w", str(out), text)
        if await proc.wait() != 0:
            raise RuntimeError(f"espeak-ng {' '.join(args)} failed on {text!r}")
        wav = out.read_bytes()
    else:
        from speech.piper_synthesizer import PiperSynthesizer
        from speech.voices import resolve_voice

        wav = await PiperSynthesizer(resolve_voice(voice)).with_length_scale(PIPER_LENGTH_SCALE).synthesize(text)
    samples = read_wav(wav).samples
    return samples * np.float32(SPEECH_PEAK / max(float(np.max(np.abs(samples))), 1e-6))


async def bench_clips(home: Path, shoppers: Shoppers, voice: str | None = None) -> tuple[list[BenchClip], Path]:
    """Clean and noisy clips of the whole table, made once and cached under `<home>/bench/audio/`."""
    espeak = _espeak_ready(shoppers)
    engine = engine_of(shoppers, espeak)
    folder = home / "bench" / "audio" / clips_key(shoppers.utterances, engine)
    if not (folder / "manifest.json").exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
            work = Path(tmp) / "clips"
            work.mkdir()
            made: list[dict[str, object]] = []
            for index, (text, intent) in enumerate(shoppers.utterances):
                rng = np.random.default_rng(index)
                speech = await _speak_shopper(shoppers, index, text, Path(tmp), espeak, voice)
                clip, span = pad_with_room_tone(speech, rng)
                color = ("white", "pink")[index % 2]
                (work / f"{index:02d}-clean.wav").write_bytes(to_wav_bytes(clip, SAMPLE_RATE))
                noisy = mix_at_snr(clip, span, SNR_DB, color, rng)
                (work / f"{index:02d}-noisy.wav").write_bytes(to_wav_bytes(noisy, SAMPLE_RATE))
                made.append({"text": text, "intent": intent, "noise": color,
                             "voice": shoppers.voice_for(index).voice if espeak else "piper",
                             "seconds": round(len(clip) / SAMPLE_RATE, 2)})
            manifest = {"engine": engine, "snr_db": SNR_DB, "clips": made}
            (work / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
            if not folder.exists():
                work.rename(folder)  # whole folder at once: a cut-short run leaves no half cache
    voices = [str(c.get("voice", "")) for c in json.loads((folder / "manifest.json").read_text())["clips"]]
    clips = [
        BenchClip(text, intent, noisy, (folder / f"{i:02d}-{'noisy' if noisy else 'clean'}.wav").read_bytes(),
                  voices[i])
        for i, (text, intent) in enumerate(shoppers.utterances)
        for noisy in (False, True)
    ]
    return clips, folder
