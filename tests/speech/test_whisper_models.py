"""Finding and assembling Whisper models on disk, never downloading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from speech import models
from speech.errors import ModelNotFound
from speech.faster_whisper_transcriber import FasterWhisperTranscriber
from speech.models import ModelLoader, ModelSettings, check_model_dir, resolve_model_dir
from speech.wav import read_wav

AUDIO = Path(__file__).parents[1] / "data" / "audio"


def test_tiny_en_is_the_packaged_ctranslate2_folder(tmp_path: Path) -> None:
    path = resolve_model_dir("tiny.en", tmp_path)
    assert (path / "model.bin").is_file()
    assert (path / "tokenizer.json").is_file()
    assert list(tmp_path.iterdir()) == []  # nothing copied for tiny.en


@pytest.mark.parametrize("name", ["large-v3", "openai/whisper-small", "/no/such/folder"])
def test_unknown_names_are_not_downloaded(name: str, tmp_path: Path) -> None:
    with pytest.raises(ModelNotFound) as caught:
        resolve_model_dir(name, tmp_path)
    assert caught.value.code == "model_not_found"


def test_incomplete_local_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"x")
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFound, match="tokenizer.json"):
        check_model_dir(tmp_path)


def test_join_checks_the_promised_size(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    (parts / "a").write_bytes(b"12345")
    (parts / "b").write_bytes(b"678")
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        (parts / name).write_text("{}")
    monkeypatch.setattr(models, "_base_parts", lambda: ([parts / "a", parts / "b"], 9))
    target = tmp_path / "home" / "whisper-base"
    with pytest.raises(ModelNotFound, match="promise 9"):
        models.join_base_model(target)
    assert not (target / "model.bin").exists()
    assert [p.name for p in target.iterdir() if p.name.startswith(".")] == []  # no temp left

    monkeypatch.setattr(models, "_base_parts", lambda: ([parts / "a", parts / "b"], 8))
    assert models.join_base_model(target) == target
    assert (target / "model.bin").read_bytes() == b"12345678"


@pytest.mark.integration
async def test_base_is_joined_once_and_reused(tmp_path: Path) -> None:
    loader = ModelLoader(ModelSettings(home=tmp_path))
    folder = resolve_model_dir("base", tmp_path)
    model_bin = folder / "model.bin"
    first = os.stat(model_bin)
    assert resolve_model_dir("base", tmp_path) == folder == tmp_path / "models" / "whisper-base"
    assert os.stat(model_bin).st_ino == first.st_ino  # not rewritten
    assert os.stat(model_bin).st_mtime_ns == first.st_mtime_ns
    assert first.st_size == sum(size for size in _part_sizes())
    assert {p.name for p in folder.iterdir()} == {
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.json",
    }

    model = await loader.load("base")
    assert await loader.load("base") is model
    audio = read_wav((AUDIO / "rain_jackets.wav").read_bytes())
    transcript = await FasterWhisperTranscriber(model).transcribe(audio)
    assert "rain jacket" in transcript.text.lower()


def _part_sizes() -> list[int]:
    paths, _ = models._base_parts()
    return [p.stat().st_size for p in paths]
