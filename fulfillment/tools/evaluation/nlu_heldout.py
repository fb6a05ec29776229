"""`emma eval nlu`: Rasa's held-out evaluation on nlu/tests/test_nlu.yml plus this package's extension for
the judgement entities (recipient, interest, occasion, need, budget forms), with F1 per entity.

The extension is a separate file so the NLU data can grow without touching the committed split; it is
merged into one temporary test file for `rasa test nlu`.
"""

from __future__ import annotations

import json
import subprocess
from importlib import resources
from pathlib import Path

import yaml

from nlu.rasa_yaml import load_nlu_data, parse_example
from nlu.training import PROJECT, TrainingFailed, project_dir, rasa_env, rasa_executable

EXTENSION = "nlu_heldout_en.yml"
GOALS = {"intent_accuracy": 0.97, "entity_f1": 0.92}
"""The issue's bar for the held-out split, extension included."""


def extension_path() -> Path:
    return Path(str(resources.files("fulfillment.tools.evaluation").joinpath(EXTENSION)))


def leaked(extension: Path, training: Path = PROJECT / "data") -> list[str]:
    """Extension texts that also occur in the training data (they would measure nothing)."""
    trained = {_plain(e.text) for e in load_nlu_data(training).examples}
    return [text for text in _texts(extension) if text in trained]


def trained_on(texts: list[str], training: Path | None = None, min_words: int = 4, language: str = "en") -> list[str]:
    """The sentences (of at least `min_words` words: short commands like "the first one" are fair game)
    that occur verbatim in `language`'s NLU training data, so a score on them overstates how new phrasings fare."""
    trained = {_plain(e.text) for e in load_nlu_data(training or project_dir(language) / "data").examples}
    return sorted({t for t in texts if len(t.split()) >= min_words and _plain(t) in trained})


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _texts(path: Path) -> list[str]:
    """The plain texts of a Rasa NLU file's examples."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts: list[str] = []
    for item in document.get("nlu") or []:
        if isinstance(item, dict) and "intent" in item:
            lines = [line.strip()[2:] for line in str(item.get("examples", "")).splitlines() if line.strip()]
            texts += [_plain(parse_example(str(item["intent"]), line).text) for line in lines]
    return texts


def merged_split(out: Path, *parts: Path) -> Path:
    """One Rasa test file holding the `nlu:` items of every part."""
    items: list[object] = []
    for part in parts:
        items += (yaml.safe_load(part.read_text(encoding="utf-8")) or {}).get("nlu") or []
    out.write_text(yaml.safe_dump({"version": "3.1", "nlu": items}, sort_keys=False, allow_unicode=True),
                   encoding="utf-8")
    return out


def evaluate(model: Path, rasa_python: str | None, work: Path, extension: Path | None = None) -> dict[str, float]:
    """Intent accuracy, entity micro F1 and F1 per entity on the committed split plus `extension`."""
    work.mkdir(parents=True, exist_ok=True)
    split = merged_split(work / "test_nlu.yml", PROJECT / "tests" / "test_nlu.yml", extension or extension_path())
    out = (work / "results").resolve()
    cmd = [str(rasa_executable(rasa_python)), "test", "nlu", "--nlu", str(split), "--model", str(model.resolve()),
           "--out", str(out)]
    done = subprocess.run(cmd, cwd=work, env=rasa_env(), capture_output=True, text=True)
    intent_report = out / "intent_report.json"
    if done.returncode != 0 or not intent_report.exists():
        raise TrainingFailed(f"Rasa evaluation failed: {done.stdout[-1500:]}{done.stderr[-1500:]}")
    intents = json.loads(intent_report.read_text())
    entity_file = out / "DIETClassifier_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else {}
    micro = entities.get("micro avg") or {}
    figures = {
        "examples": float(intents.get("weighted avg", {}).get("support", 0)),
        "intent_accuracy": float(intents.get("accuracy", 0.0)),
        "entity_f1": float(micro.get("f1-score", 0.0)),
    }
    for name, row in entities.items():
        if isinstance(row, dict) and "avg" not in name and "f1-score" in row:
            figures[f"entity:{name}"] = float(row["f1-score"])
    return figures


def render(figures: dict[str, float]) -> str:
    lines = [f"Held-out split with the judgement extension: {int(figures['examples'])} examples",
             f"Intent accuracy: {figures['intent_accuracy']:.1%} (goal {GOALS['intent_accuracy']:.0%})",
             f"Entity F1 (micro): {figures['entity_f1']:.1%} (goal {GOALS['entity_f1']:.0%})"]
    lines += [f"  {name[7:]:<14} F1 {value:.1%}" for name, value in sorted(figures.items())
              if name.startswith("entity:")]
    return "\n".join(lines)
