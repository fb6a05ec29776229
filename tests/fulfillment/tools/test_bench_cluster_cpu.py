"""Where the CPU went during `emma bench cluster`'s throughput runs: time on a core and time waiting for one."""

from __future__ import annotations

from pathlib import Path

from fulfillment.tools.bench_cluster import waited_seconds


def test_waiting_for_a_core_sums_every_thread_of_every_process(tmp_path: Path) -> None:
    for pid, task, line in ((10, 10, "900 2000000000 7"), (10, 11, "5 500000000 1"), (20, 20, "1 250000000 1"),
                            (30, 30, "1 999000000000 1")):
        (tmp_path / str(pid) / "task" / str(task)).mkdir(parents=True)
        (tmp_path / str(pid) / "task" / str(task) / "schedstat").write_text(line + "\n")

    assert waited_seconds([10, 20, 99], proc=tmp_path) == 2.75
