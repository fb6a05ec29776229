"""What one reliability scenario measured, which invariants it broke, and the table they make."""

from __future__ import annotations

from dataclasses import dataclass, field

from fulfillment.tools.bench import percentile
from fulfillment.tools.turn_client import TurnClient


@dataclass
class Figures:
    scenario: str
    requests: int = 0
    """HTTP turn requests sent, retries included."""
    retried: int = 0
    """Requests sent again (same idempotency key) after a lost connection or a 503."""
    orders: int = 0
    """Orders in the database at the end."""
    duplicates: int = 0
    """Orders beyond one per acknowledged `yes` (or per customer)."""
    latencies_ms: list[float] = field(default_factory=list)
    """Of every answered request."""
    restarts: int = 0
    recovery_s: list[float] = field(default_factory=list)
    """From each SIGKILL to the restarted server answering /health."""
    notes: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    """Invariants that did not hold, one sentence each."""

    def check(self, holds: bool, problem: str) -> bool:
        if not holds:
            self.broken.append(problem)
        return holds

    def count(self, client: TurnClient) -> None:
        self.requests += client.requests
        self.retried += client.retried
        self.latencies_ms += client.latencies_ms
        server_errors = sum(n for status, n in client.statuses.items() if status >= 500 and status != 503)
        self.check(server_errors == 0, f"{server_errors} answers were 5xx server errors")


SHOWN = 25
"""Broken invariants listed; a systematic failure would otherwise print one line per conversation."""
HEADER = (f"{'scenario':<30}{'requests':>9}{'retried':>8}{'orders':>7}{'dupes':>6}{'p50 ms':>8}{'p95 ms':>8}"
          f"{'restarts':>9}{'recovery s (max)':>17}")


def row(f: Figures) -> str:
    recovery = (f"{sum(f.recovery_s) / len(f.recovery_s):.1f} ({max(f.recovery_s):.1f})"
                if f.recovery_s else "-")
    return (f"{f.scenario:<30}{f.requests:>9}{f.retried:>8}{f.orders:>7}{f.duplicates:>6}"
            f"{percentile(f.latencies_ms, 50):>8.0f}{percentile(f.latencies_ms, 95):>8.0f}"
            f"{f.restarts:>9}{recovery:>17}")


def render(title: str, results: list[Figures]) -> str:
    lines = [title, HEADER, *(row(f) for f in results), ""]
    for f in results:
        lines += [f"{f.scenario}: {note}" for note in f.notes]
    broken = [(f.scenario, problem) for f in results for problem in f.broken]
    if broken:
        lines += ["", f"INVARIANTS BROKEN ({len(broken)}):"]
        lines += [f"  [{scenario}] {problem}" for scenario, problem in broken[:SHOWN]]
        lines += [f"  ... and {len(broken) - SHOWN} more"] if len(broken) > SHOWN else []
    else:
        lines += ["", "Invariants: all held."]
    return "\n".join(lines)
