"""German speaks with a Piper voice named by path (EMMA_VOICE_DE), else with espeak-ng's German."""

from __future__ import annotations

import json
import shutil

import pytest

from fulfillment.lang import PACKS
from fulfillment.settings import Settings
from speech.config import SpeechConfig
from speech.espeak_synthesizer import EspeakSynthesizer
from speech.language_voices import synthesizer_for
from speech.piper_synthesizer import PiperSynthesizer
from speech.voices import default_voice


@pytest.fixture
def thorsten(tmp_path):
    """A voice laid out like de_DE-thorsten-medium (the packaged model's weights under a German config):
    what a shop drops in a folder and names by path."""
    joe = default_voice()
    model = tmp_path / "de_DE-thorsten-medium.onnx"
    shutil.copyfile(joe.model_path, model)
    config = json.loads(joe.config_path.read_text(encoding="utf-8"))
    config["language"] = {"code": "de_DE", "family": "de", "region": "DE"}
    config.setdefault("espeak", {})["voice"] = "de"
    (tmp_path / "de_DE-thorsten-medium.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    return model


def test_without_a_german_piper_voice_german_speaks_with_espeak():
    assert isinstance(synthesizer_for("de", None), EspeakSynthesizer)
    assert isinstance(synthesizer_for("en", None), PiperSynthesizer)


def test_a_german_piper_voice_by_path_reads_with_german_rules(thorsten):
    synthesizer = synthesizer_for("de", str(thorsten))
    assert isinstance(synthesizer, PiperSynthesizer)
    assert synthesizer.voice.name == "de_DE-thorsten-medium" and synthesizer.rules is PACKS["de"].tts


def test_emma_voice_de_reaches_the_speech_config(thorsten, tmp_path):
    settings = Settings.from_env({"EMMA_VOICE_DE": str(thorsten)}, home=tmp_path)
    assert SpeechConfig.from_settings(settings.speech, tmp_path).voice_de == str(thorsten)


@pytest.mark.slow
async def test_the_german_piper_voice_speaks(thorsten):
    chunks = [c async for c in synthesizer_for("de", str(thorsten)).stream("Das macht 49,90 €. Danke!")]
    assert [c.text for c in chunks] == ["Das macht neunundvierzig Euro neunzig.", "Danke!"]
    assert all(c.duration_s > 0.3 for c in chunks)
