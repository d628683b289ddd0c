"""Timing and peak memory of a command, the way the benchmark reports them."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
            found.extend(int(c) for c in text.split())
    except OSError:
        pass
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, in KiB."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kib(pid)
        stack.extend(_children(pid))
    return total


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mib: float
    returncode: int


def run_once(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.01,
) -> Run:
    """Run ``command``, sampling the whole process tree's memory while it runs."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_kib(process.pid))
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        print(f"  ! {' '.join(command[:3])}… exited {process.returncode}: {' | '.join(tail)}")
    return Run(seconds, peak / 1024, process.returncode)


@dataclass(frozen=True)
class Series:
    """Repeated runs of one case."""

    name: str
    runs: tuple[Run, ...]

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def low(self) -> float:
        return min(self.times)

    @property
    def high(self) -> float:
        return max(self.times)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    @property
    def ok(self) -> bool:
        return all(r.returncode == 0 for r in self.runs)


def repeat(
    name: str,
    command: Sequence[str],
    *,
    repetitions: int,
    warmup: int = 1,
    before_each: Callable[[], None] | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Series:
    """A warm-up, then ``repetitions`` measured runs of ``command``."""
    for _ in range(warmup):
        if before_each:
            before_each()
        run_once(command, cwd=cwd, env=env)
    runs = []
    for _ in range(repetitions):
        if before_each:
            before_each()
        runs.append(run_once(command, cwd=cwd, env=env))
    series = Series(name, tuple(runs))
    print(
        f"  {name}: median {series.median:.3f} s "
        f"({series.low:.3f}–{series.high:.3f}), peak {series.peak_mib:.0f} MiB"
    )
    return series
