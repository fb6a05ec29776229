"""The shoppers' clips (`bench_clips`): spoken by the language's voices, clean and noisy, cached once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from fulfillment.tools import bench_clips
from fulfillment.tools.bench_shoppers import Shoppers, ShopperVoice
from speech.wav import parse_header

TWO = Shoppers("de", (("hallo emma", "greet"), ("ja gerne", "affirm")),
               (ShopperVoice("de+m3", 150), ShopperVoice("de+f2", 160, pitch=60)))


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
async def test_german_clips_are_spoken_by_each_voice_and_cached(tmp_path: Path) -> None:
    clips, folder = await bench_clips.bench_clips(tmp_path, TWO)
    assert [(c.text, c.noisy, c.voice) for c in clips] == [
        ("hallo emma", False, "de+m3"), ("hallo emma", True, "de+m3"),
        ("ja gerne", False, "de+f2"), ("ja gerne", True, "de+f2")]
    assert all(bench_clips.MIN_S <= parse_header(c.wav).duration_s <= bench_clips.MAX_S for c in clips)
    assert clips[0].wav != clips[1].wav  # the noisy copy has noise
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] == "espeak-ng -v de+m3 -s 150 | -v de+f2 -s 160 -p 60"
    made = (folder / "00-clean.wav").stat().st_mtime_ns
    again, same = await bench_clips.bench_clips(tmp_path, TWO)
    assert same == folder and (folder / "00-clean.wav").stat().st_mtime_ns == made  # not made again
    assert [c.wav for c in again] == [c.wav for c in clips]


async def test_a_language_without_a_packaged_voice_needs_espeak(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    monkeypatch.setattr(bench_clips.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match="apt-get install espeak-ng"):
        await bench_clips.bench_clips(tmp_path, TWO)
    assert not (tmp_path / "bench").exists()
