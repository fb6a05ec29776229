"""Which voice speaks a language: a Piper voice named by path, else the built-in one.

English has a Piper voice in a package (en_US-joe-medium). No German Piper voice is on the package
registries, so German speaks with a Piper voice the shop names by path (EMMA_VOICE_DE, e.g.
`de_DE-thorsten-medium.onnx` with its `.onnx.json` beside it) or, without one, with espeak-ng's German.
"""

from __future__ import annotations

from speech.espeak_synthesizer import EspeakSynthesizer
from speech.piper_synthesizer import PiperSynthesizer
from speech.voices import resolve_voice

BUILT_IN = {"de": "de"}
"""Languages without a packaged Piper voice -> their espeak-ng voice."""


def synthesizer_for(language: str, voice_path: str | None) -> PiperSynthesizer | EspeakSynthesizer:
    """The voice for `language`: the Piper voice at `voice_path`, else the packaged or built-in one."""
    if voice_path:
        return PiperSynthesizer(resolve_voice(voice_path))
    if language in BUILT_IN:
        return EspeakSynthesizer(BUILT_IN[language])
    return PiperSynthesizer(resolve_voice(None))
