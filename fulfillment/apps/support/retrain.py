"""Import corrected turns, retrain the NLU model and compare it with the one before, on the held-out split.

Training takes minutes, so the web app runs it as a background job (an asyncio task around a thread) and
records each run's stage and figures in `nlu_training_runs`; the CLI runs the same pipeline in the foreground."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from fulfillment.apps.support.annotations import Annotation, EntitySpan
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.errors import Conflict
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.ports import AnnotationRepository, TrainingRunRepository
from fulfillment.apps.support.training_data import merge_annotations
from fulfillment.domain.errors import EmmaError
from fulfillment.settings import Settings

log = logging.getLogger("emma.support.retrain")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class NluTrainer(Protocol):
    """Trains (when the data changed) and evaluates the NLU model; faked in tests."""

    def train(self) -> Path: ...

    def evaluate(self, model: Path) -> dict[str, float]: ...


class RasaTrainer:
    """The real thing: `nlu.training.ensure_model` and `evaluate` in the Rasa virtualenv."""

    def __init__(self, config: Settings) -> None:
        self.config = config

    def train(self) -> Path:
        from nlu.runtime import vocabulary_file
        from nlu.training import ensure_model

        return ensure_model(self.config.models_dir / "nlu", self.config.nlu.rasa_python, vocabulary_file(self.config))

    def evaluate(self, model: Path) -> dict[str, float]:
        from nlu.training import evaluate

        with tempfile.TemporaryDirectory(prefix="emma-nlu-eval-") as tmp:
            return evaluate(model, self.config.nlu.rasa_python, Path(tmp) / "results")


def pending(store: AnnotationRepository) -> list[Annotation]:
    return [
        Annotation(row["turn_id"], row["text"], row["intent"],
                   tuple(EntitySpan(e["entity"], e["value"], int(e["start"])) for e in row["entities"]))
        for row in store.recent(limit=10_000, pending_only=True)
    ]


def run_import(annotations: AnnotationRepository, runs: TrainingRunRepository, run_id: int, trainer: NluTrainer,
               config: SupportConfig, say: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """The whole pipeline, blocking. Returns (and stores) the run's report; a failure is stored and raised."""
    report: dict[str, Any] = {}

    def stage(name: str, text: str) -> None:
        runs.stage(run_id, name, report)
        say(text)

    try:
        stage("evaluating_before", "Evaluating the current model on the held-out split...")
        report["before"] = trainer.evaluate(trainer.train())
        stage("merging", "Merging corrected turns into the training data...")
        todo = pending(annotations)
        merged = merge_annotations(todo, config.nlu_data_dir, config.held_out_file)
        report.update(merged.to_json())
        if merged.added:
            stage("training", f"Added {len(merged.added)} examples; retraining (this takes minutes)...")
            model = trainer.train()
            report["model"] = str(model)
            stage("evaluating_after", "Evaluating the new model on the held-out split...")
            report["after"] = trainer.evaluate(model)
        else:
            report["after"] = report["before"]
        annotations.mark_imported([a.turn_id for a in todo], _now())
    except Exception as err:
        message = err.message if isinstance(err, EmmaError) else f"{type(err).__name__}: {err}"
        runs.finish(run_id, "failed", report, _now(), message)
        raise
    runs.finish(run_id, "done", report, _now())
    return report


class TrainingJobs:
    """At most one retraining at a time, in the background of the running server."""

    def __init__(self, annotations: AnnotationRepository, runs: TrainingRunRepository, trainer: NluTrainer,
                 config: SupportConfig, on_new_model: Callable[[Path], Awaitable[None]] | None = None) -> None:
        """`on_new_model` puts a retrained model into service (the running Rasa loads it)."""
        self.on_new_model = on_new_model
        self.annotations = annotations
        self.runs = runs
        self.trainer = trainer
        self.config = config
        self._task: asyncio.Task[None] | None = None
        self._run_id: int | None = None
        self._starting = asyncio.Lock()

    async def start(self, user: str) -> int:
        """The new run's id; Conflict while one is still going."""
        async with self._starting:
            running = await asyncio.to_thread(self.runs.running)
            if running is not None or (self._task and not self._task.done()):
                raise Conflict(Message("Retraining run %(run)s is still going.", run=running), code="training_running")
            run_id = self._run_id = await asyncio.to_thread(self.runs.start, user, _now())
            self._task = asyncio.create_task(self._run(run_id), name=f"nlu-retrain-{run_id}")
        return run_id

    async def _run(self, run_id: int) -> None:
        try:
            report = await asyncio.to_thread(run_import, self.annotations, self.runs, run_id, self.trainer,
                                             self.config)
        except Exception:  # already recorded on the run; the status page shows it
            log.exception("retraining run %s failed", run_id)
            return
        if "model" in report and self.on_new_model is not None:
            try:
                await self.on_new_model(Path(report["model"]))
            except EmmaError as err:
                log.error("the retrained model could not be loaded: %s (restart emma serve)", err.message)

    async def wait(self) -> None:
        if self._task:
            await asyncio.shield(self._task)

    async def close(self) -> None:
        """On shutdown: a run still going is marked interrupted (its thread cannot be stopped)."""
        if self._task and not self._task.done():
            self._task.cancel()
            await asyncio.to_thread(self.runs.interrupt_running, _now(), self._run_id)
