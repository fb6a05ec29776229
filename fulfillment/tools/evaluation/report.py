"""Scores per group, overall and speakable, the goals they are held to, and the printed report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from fulfillment.tools.evaluation.runner import SuiteOutcome


@dataclass(frozen=True)
class Thresholds:
    """Minimum percentages; the defaults are the issue's goals."""

    overall: float = 95.0
    group: float = 90.0
    """Every group, unless `groups` names its own."""
    speakable: float = 100.0
    groups: dict[str, float] = field(default_factory=dict)

    def for_group(self, key: str) -> float:
        return self.groups.get(key, self.group)


@dataclass(frozen=True)
class Score:
    right: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 100.0


@dataclass(frozen=True)
class Scores:
    groups: dict[str, Score]
    overall: Score
    speakable: Score
    """Replies fit to be spoken, of all replies."""


def score(outcome: SuiteOutcome) -> Scores:
    groups: dict[str, Score] = {}
    for key in outcome.suite.groups:
        cases = [c for c in outcome.cases if c.case.group == key]
        groups[key] = Score(sum(c.right for c in cases), len(cases))
    turns = [t for c in outcome.cases for t in c.turns]
    return Scores(
        groups,
        Score(sum(c.right for c in outcome.cases), len(outcome.cases)),
        Score(sum(not t.unspeakable for t in turns), len(turns)),
    )


def shortfalls(scores: Scores, goals: Thresholds) -> list[str]:
    """What falls below its threshold (empty when every goal is met)."""
    low = [f"{key} {s.percent:.1f}% < {goals.for_group(key):g}%" for key, s in scores.groups.items()
           if s.percent < goals.for_group(key)]
    if scores.overall.percent < goals.overall:
        low.append(f"overall {scores.overall.percent:.1f}% < {goals.overall:g}%")
    if scores.speakable.percent < goals.speakable:
        low.append(f"speakable {scores.speakable.percent:.1f}% < {goals.speakable:g}%")
    return low


def failure_patterns(outcome: SuiteOutcome, top: int = 12) -> list[tuple[str, int, str]]:
    """The most frequent reasons for failing: (pattern, count, an example), expectations and speech alike."""
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}
    for case in outcome.cases:
        for turn in case.turns:
            for judged in turn.judged:
                if not judged.verdict.ok:
                    key = f"{judged.name}"
                    counts[key] += 1
                    example.setdefault(key, f"{case.case.id}: '{turn.said}' -> {judged.verdict.why}")
            for problem in turn.unspeakable:
                key = "unspeakable: " + problem.split(":")[0]
                counts[key] += 1
                example.setdefault(key, f"{case.case.id}: {problem} in '{_short(turn.reply)}'")
    return [(key, n, example[key]) for key, n in counts.most_common(top)]


def render(outcome: SuiteOutcome, scores: Scores, goals: Thresholds, details: bool = False) -> str:
    lines = [f"emma eval dialogue: {len(outcome.cases)} cases, {scores.speakable.total} turns ({outcome.suite.name})",
             f"{'group':<36} {'right':>9} {'score':>7}   goal"]
    for key, s in scores.groups.items():
        label = outcome.suite.groups.get(key, key)
        lines.append(f"{label:<36} {s.right:>4}/{s.total:<4} {s.percent:6.1f}%   >= {goals.for_group(key):g}%")
    lines.append(f"{'overall':<36} {scores.overall.right:>4}/{scores.overall.total:<4} "
                 f"{scores.overall.percent:6.1f}%   >= {goals.overall:g}%")
    lines.append(f"{'speakable replies':<36} {scores.speakable.right:>4}/{scores.speakable.total:<4} "
                 f"{scores.speakable.percent:6.1f}%   >= {goals.speakable:g}%")
    patterns = failure_patterns(outcome)
    if patterns:
        lines.append("Most frequent failures:")
        lines += [f"  {n:>4} x {key}  (e.g. {ex})" for key, n, ex in patterns]
    if details:
        lines += _details(outcome)
    return "\n".join(lines)


def _details(outcome: SuiteOutcome) -> list[str]:
    lines: list[str] = []
    for case in outcome.cases:
        if case.right and not any(t.unspeakable for t in case.turns):
            continue
        lines.append(f"{'x' if not case.right else '~'} [{case.case.group}] {case.case.id} ({case.case.customer})")
        for turn in case.turns:
            lines.append(f"    > {turn.said}")
            lines.append(f"    < {turn.reply}  [{turn.intent}]")
            lines += [f"      FAIL {j.name}: {j.verdict.why}" for j in turn.judged if not j.verdict.ok]
            lines += [f"      UNSPEAKABLE {p}" for p in turn.unspeakable]
    return lines


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
