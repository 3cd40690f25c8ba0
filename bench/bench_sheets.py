"""Times `layout` and each writer per SOP, over the shipped SOPs and 100 generated ones.

Run: python bench/bench_sheets.py [pdf] [xlsx] [docx]   (default: all writers)
Prints milliseconds per SOP for each stage, the peak memory, and the wall time of
`sopgen build` on the shipped definitions, start-up included.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sopgen.definition.loader import load_sop  # noqa: E402
from sopgen.discovery import discover  # noqa: E402
from sopgen.layout import layout  # noqa: E402
from sopgen.samples import write_corpus  # noqa: E402
from sopgen.writers import WRITERS  # noqa: E402
from sopgen.writers import get as get_writer  # noqa: E402


def peak_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(paths: list[Path], writers: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"layout": [], **{w: [] for w in writers}}
    for path in paths:
        document = load_sop(path).document
        start = time.perf_counter()
        laid_out = layout(document)
        times["layout"].append((time.perf_counter() - start) * 1000)
        for name in writers:
            start = time.perf_counter()
            get_writer(name).write(laid_out, io.BytesIO())
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def report(title: str, times: dict[str, list[float]]) -> None:
    print(f"{title}:")
    for stage, values in times.items():
        print(
            f"  {stage:7s} mean {statistics.mean(values):6.1f} ms  median {statistics.median(values):6.1f} ms"
            f"  max {max(values):6.1f} ms  (n={len(values)})"
        )


def main() -> None:
    writers = [w for w in sys.argv[1:] if w in WRITERS] or list(WRITERS)
    shipped, _ = discover([ROOT / "definitions"])  # the SOPs only: not keputusan.yaml, penjelasan.yaml
    measure(shipped[:1], writers)  # warm up fonts and caches, as a long build would be
    report("5 SOP bawaan", measure(shipped, writers))
    with tempfile.TemporaryDirectory() as folder:
        generated = write_corpus(Path(folder), 100)
        report("100 SOP buatan (5-30 langkah, 3-7 pelaksana)", measure(generated, writers))
    print(f"memori puncak: {peak_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sopgen", "build", "--out", out], cwd=ROOT, check=True, capture_output=True
        )
        print(f"sopgen build (5 SOP bawaan, semua format, termasuk start-up): {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
