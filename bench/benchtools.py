"""Shared by the bench scripts: cold runs of the CLI, the memory and processes of a run, the machine's load.

Every run is a fresh `python -m sopgen` process. Bytecode caching is allowed (PYTHONDONTWRITEBYTECODE
removed), as on a user's machine after the first run; each median is taken after one unmeasured run.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFINITIONS = ROOT / "definitions"
SOPGEN = [sys.executable, "-m", "sopgen"]
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def run(command: list[str], cwd: Path = ROOT, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    """Run a command to its end; stop the benchmark, showing its error output, when it fails."""
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True, encoding="utf-8")
    if done.returncode not in ok:
        raise SystemExit(f"gagal (kode {done.returncode}): {' '.join(command)}\n{done.stderr[-3000:]}")
    return done


def timed(command: list[str], cwd: Path = ROOT, before: Callable[[], None] | None = None, ok=(0,)) -> float:
    if before:
        before()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    if done.returncode not in ok:
        run(command, cwd, ok)  # again, to show why
    return elapsed


def median(command: list[str], runs: int, before: Callable[[], None] | None = None, cwd: Path = ROOT, ok=(0,)) -> float:
    timed(command, cwd, before, ok)  # warm the file cache and the bytecode
    return statistics.median(timed(command, cwd, before, ok) for _ in range(runs))


def interleaved(
    commands: dict[str, tuple[list[str], Callable[[], None] | None]], runs: int, cwd: Path = ROOT
) -> dict[str, list[float]]:
    """The times of each command, run in turn (one of each, `runs` times over, after an unmeasured
    round), so every command meets the same machine: its speed drifts by 10-20 % over a minute."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for round_ in range(runs + 1):
        for label, (command, before) in commands.items():
            elapsed = timed(command, cwd, before)
            if round_:
                times[label].append(elapsed)
    return times


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0) / 1024


def descendants(pid: int) -> list[int]:
    found, pending = [], _children(pid)
    while pending:
        current = pending.pop()
        found.append(current)
        pending.extend(_children(current))
    return found


def in_session(session: int) -> list[str]:
    """Command lines of the processes still in a session (Linux /proc)."""
    left = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[3]) == session:  # state ppid pgrp session
                left.append((entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip())
        except (OSError, ValueError):
            continue
    return left


@dataclass
class Watched:
    """One run followed from outside: wall time, memory and the processes it started."""

    elapsed: float
    peak_tree_mb: float
    """Peak of the summed resident memory of the process and its descendants."""
    peak_process_mb: float
    """Peak resident memory of the largest single process (the parent or one worker)."""
    workers: int
    """Most descendants seen at once (sampled every `interval` s: a very short-lived one may be missed)."""
    cpu: float = 0.0
    """CPU seconds (user + system) of the process and of the workers it waited for."""
    left_running: list[str] = field(default_factory=list)
    """Processes of its session still running once it exited (should be none)."""


def watch(command: list[str], cwd: Path = ROOT, interval: float = 0.02) -> Watched:
    """Run a command in its own session, sampling its process tree (Linux)."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    peak_tree = peak_one = 0.0
    workers = 0
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    reader.start()
    while process.poll() is None:
        tree = descendants(process.pid)
        sizes = [_rss_mb(pid) for pid in [process.pid, *tree]]
        peak_tree = max(peak_tree, sum(sizes))
        peak_one = max(peak_one, *sizes)
        workers = max(workers, len(tree))
        time.sleep(interval)
    elapsed = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    reader.join()
    if process.returncode:
        tail = b"".join(errors).decode(errors="replace")[-3000:]
        raise SystemExit(f"gagal (kode {process.returncode}): {' '.join(command)}\n{tail}")
    time.sleep(0.2)  # let a process the command left behind show itself
    return Watched(elapsed, peak_tree, peak_one, workers, cpu, in_session(process.pid))


def _machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    ticks = os.sysconf("SC_CLK_TCK")
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / ticks, sum(values[:8]) / ticks


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Load:
    """How busy the machine was with other work while the benchmark ran (Linux /proc/stat)."""

    def __init__(self) -> None:
        self.busy, self.total = _machine_busy()
        self.own = _own_cpu()
        self.wall = time.perf_counter()

    def report(self) -> str:
        busy, total = _machine_busy()
        wall = time.perf_counter() - self.wall
        others = max(0.0, (busy - self.busy) - (_own_cpu() - self.own)) / wall
        one, five, _ = os.getloadavg()
        return (
            f"mesin: {os.cpu_count()} inti; selama pengukuran ({wall:.0f} s) proses lain memakai rata-rata "
            f"{others:.2f} inti (load average 1/5 menit: {one:.2f}/{five:.2f})"
        )
