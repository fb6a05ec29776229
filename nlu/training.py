"""Training data assembly, the data hash that names a model, vocabulary refresh, and training.

A model is named by a hash of everything that shapes it (config, domain, data, vocabulary),
so unchanged data never retrains and every EMMA_HOME reuses the same file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from fulfillment.domain.errors import EmmaError

PROJECT = Path(__file__).resolve().parent
"""The English Rasa project: config.yml, domain.yml, data/, tests/."""
PROJECTS = {"en": PROJECT, "de": PROJECT / "de"}
"""Each language's Rasa project. All share the English project's domain.yml: one NLU contract."""
LOOKUP_KINDS = ("product", "brand", "category", "color", "material", "store")
_EPOCHS = re.compile(r"Epochs:\s+(\d+)%")


class TrainingFailed(EmmaError):
    code = "nlu_training_failed"
    status = 500


class UnknownNluLanguage(EmmaError):
    code = "nlu_language_unknown"
    status = 400


def project_dir(language: str = "en") -> Path:
    """The Rasa project of `language` (`en`, `de`)."""
    if language not in PROJECTS:
        raise UnknownNluLanguage(
            f"There is no NLU project for language {language!r}; known: {', '.join(sorted(PROJECTS))}."
        )
    return PROJECTS[language]


def project_files(vocabulary: Path | None = None, language: str = "en") -> dict[str, bytes]:
    """Relative path -> content of the training project; an imported catalog's lookups replace
    the English demo ones and are added to another language's own (its product words stay)."""
    project = project_dir(language)
    files = {
        "config.yml": (project / "config.yml").read_bytes(),
        "domain.yml": (PROJECT / "domain.yml").read_bytes(),
    }
    for path in sorted((project / "data").rglob("*.yml")):
        files[str(path.relative_to(project))] = path.read_bytes()
    if language != "en":
        if vocabulary is not None and vocabulary.exists():
            files["data/lookups.yml"] = _merged_lookups(files.get("data/lookups.yml", b""), vocabulary.read_bytes())
        return files
    if vocabulary is not None and vocabulary.exists():
        # The imported catalog's names replace the demo's; curated tables (occasion, recipient) stay.
        files["data/lookups.yml"] = vocabulary.read_bytes() + _curated_lookups(files.get("data/lookups.yml", b""))
    return files


def _curated_lookups(committed: bytes) -> bytes:
    """The lookup tables of the project's own lookups.yml that the catalog does not generate."""
    kept = []
    for item in (yaml.safe_load(committed) or {}).get("nlu", []):
        if isinstance(item, dict) and item.get("lookup") not in LOOKUP_KINDS:
            values = [line.strip()[2:] for line in str(item.get("examples", "")).splitlines() if line.strip()]
            kept += [f"- lookup: {item['lookup']}", "  examples: |", *(f"    - {v}" for v in values)]
    return ("\n".join(kept) + "\n").encode() if kept else b""


def _merged_lookups(own: bytes, catalog: bytes) -> bytes:
    """One lookup table per name holding the values of both files, the project's first."""
    tables: dict[str, list[str]] = {}
    for source in (own, catalog):
        for item in (yaml.safe_load(source) or {}).get("nlu", []):
            if isinstance(item, dict) and item.get("lookup"):
                values = [line.strip()[2:] for line in str(item.get("examples", "")).splitlines() if line.strip()]
                known = tables.setdefault(str(item["lookup"]), [])
                known += [v for v in values if v not in known]
    parts = ['version: "3.1"', "nlu:"]
    for name, values in tables.items():
        parts += [f"- lookup: {name}", "  examples: |", *(f"    - {v}" for v in values)]
    return ("\n".join(parts) + "\n").encode()


def data_hash(files: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name] + b"\0")
    return digest.hexdigest()[:16]


def model_path(models_dir: Path, files: dict[str, bytes], language: str = "en") -> Path:
    """English models keep their historic name `nlu-<hash>`; others are `nlu-<lang>-<hash>`."""
    prefix = "nlu-" if language == "en" else f"nlu-{language}-"
    return models_dir / f"{prefix}{data_hash(files)}.tar.gz"


def write_vocabulary(vocabulary: dict[str, list[str]], stores: list[str], path: Path) -> bool:
    """Writes Rasa lookup tables built from the catalog. True when they changed."""
    tables = dict(vocabulary, store=stores)
    parts = ['version: "3.1"', "nlu:"]
    for kind in LOOKUP_KINDS:
        values = sorted({" ".join(str(v).split()) for v in tables.get(kind, []) if str(v).strip()})
        if values:
            # A literal block, as Rasa projects write them; one value per line.
            parts += [f"- lookup: {kind}", "  examples: |", *(f"    - {v}" for v in values)]
    text = "\n".join(parts) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def rasa_executable(rasa_python: str | None) -> Path:
    """The `rasa` script of the Rasa virtualenv (EMMA_RASA_PYTHON, else .venv-rasa in the project)."""
    python = Path(rasa_python) if rasa_python else PROJECT.parent / ".venv-rasa" / "bin" / "python"
    rasa = python.parent / "rasa"
    if not rasa.exists():
        raise EmmaError(
            f"Rasa is not installed at {rasa}. Run 'make run' (it creates the Rasa virtualenv), "
            "or set EMMA_RASA_PYTHON to the python of a Rasa 3.6 virtualenv, or EMMA_NLU_URL to a "
            "running Rasa server.",
            code="rasa_missing",
        )
    return rasa


def rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3", PYTHONWARNINGS="ignore",
               SQLALCHEMY_SILENCE_UBER_WARNING="1", TF_ENABLE_ONEDNN_OPTS="0")
    env.setdefault("MALLOC_ARENA_MAX", "2")  # glibc arenas for TensorFlow's threads (not 8 per core): ~20 MB less
    return env


def ensure_model(
    models_dir: Path, rasa_python: str | None, vocabulary: Path | None = None,
    progress: Callable[[int], None] | None = None, language: str = "en",
) -> Path:
    """The model of `language` for the current data, training it first when it does not exist yet."""
    files = project_files(vocabulary, language)
    target = model_path(models_dir, files, language)
    if target.exists():
        return target
    train(files, target, rasa_python, progress)
    return target


def train(
    files: dict[str, bytes], target: Path, rasa_python: str | None,
    progress: Callable[[int], None] | None = None,
) -> None:
    rasa = rasa_executable(rasa_python)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="emma-nlu-") as tmp:
        build = Path(tmp)
        for name, content in files.items():
            (build / name).parent.mkdir(parents=True, exist_ok=True)
            (build / name).write_bytes(content)
        cmd = [str(rasa), "train", "nlu", "--config", "config.yml", "--nlu", "data",
               "--out", str(build / "out"), "--fixed-model-name", "model"]
        log_lines: list[str] = []
        with subprocess.Popen(cmd, cwd=build, env=rasa_env(), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, bufsize=1) as proc:
            assert proc.stdout is not None
            buffer = ""
            while chunk := proc.stdout.read(256):
                buffer += chunk
                # tqdm redraws with carriage returns: split on both.
                *parts, buffer = re.split(r"[\r\n]", buffer)
                for part in parts:
                    log_lines.append(part)
                    match = _EPOCHS.search(part)
                    if match and progress:
                        progress(int(match.group(1)))
        built = build / "out" / "model.tar.gz"
        if proc.returncode != 0 or not built.exists():
            tail = "\n".join(line for line in log_lines[-15:] if line.strip())
            raise TrainingFailed(f"Rasa training failed (exit {proc.returncode}):\n{tail}")
        partial = target.with_suffix(".partial")
        shutil.copyfile(built, partial)
        partial.replace(target)  # atomic: a concurrent reader never sees half a model
        if progress:
            progress(100)


def evaluate(model: Path, rasa_python: str | None, out_dir: Path, language: str = "en") -> dict[str, float]:
    """Rasa's own evaluation on a language's held-out split: intent accuracy and entity micro F1."""
    import json

    rasa = rasa_executable(rasa_python)
    out_dir = out_dir.resolve()
    cmd = [str(rasa), "test", "nlu", "--nlu", str(project_dir(language) / "tests" / "test_nlu.yml"),
           "--model", str(model.resolve()), "--out", str(out_dir)]
    done = subprocess.run(cmd, cwd=out_dir.parent, env=rasa_env(), capture_output=True, text=True)
    intent_report = out_dir / "intent_report.json"
    if done.returncode != 0 or not intent_report.exists():
        raise TrainingFailed(f"Rasa evaluation failed: {done.stdout[-1500:]}{done.stderr[-1500:]}")
    intents = json.loads(intent_report.read_text())
    entity_file = out_dir / "DIETClassifier_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    micro = entities.get("micro avg") or entities.get("weighted avg") or {}
    return {
        "intent_accuracy": float(intents.get("accuracy", 0.0)),
        "intent_f1": float(intents.get("weighted avg", {}).get("f1-score", 0.0)),
        "entity_f1": float(micro.get("f1-score", 0.0)),
        "examples": float(intents.get("weighted avg", {}).get("support", 0)),
    }


if __name__ == "__main__":  # python -m nlu.training [lang]: print the current data hash
    print(data_hash(project_files(language=sys.argv[1] if len(sys.argv) > 1 else "en")), file=sys.stdout)
