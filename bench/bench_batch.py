"""Batch build and preview timings on 100 generated SOPs (all formats).

Run: python bench/bench_batch.py
Prints: full build with 1 and 2 jobs (wall time, speed-up), a no-change rebuild, the peak memory of
the whole process tree (parent + workers, summed RSS sampled every 20 ms; Linux), and the
save-to-new-PDF time of `sopgen preview --watch` on a 20-step SOP.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from sopgen.samples import ORGANISATION, definition, write_corpus  # noqa: E402


def tree_rss_mb(pid: int) -> float:
    """Summed resident memory of a process and its descendants (Linux /proc)."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(entry.split()[1]) for entry in status.splitlines() if entry.startswith("VmRSS:")), 0)
        pids.extend(int(c) for c in children)
    return total / 1024


def timed_build(args: list[str]) -> tuple[float, float]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "build", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(f"build failed: {args}")
    return elapsed, peak


def preview_latency(folder: Path, rounds: int = 5) -> list[float]:
    yaml = YAML()
    with (folder / "organisasi.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(ORGANISATION, stream)
    source = folder / "dua-puluh.yaml"
    data = definition(7, steps=20, lanes=5)
    with source.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    out = folder / "pratinjau"
    process = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "preview", str(source), "--watch", "--tanpa-buka", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    target = out / f"{data['nomor']}.pdf"  # previews are named like the sheets
    while not any("Mengamati" in entry for entry in lines):
        time.sleep(0.02)
    time.sleep(0.5)
    timings = []
    for index in range(rounds):
        before = target.stat().st_mtime_ns
        data["judul"] = f"Judul revisi {index}"
        start = time.perf_counter()
        with source.open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        while target.stat().st_mtime_ns == before:
            time.sleep(0.005)
        timings.append(time.perf_counter() - start)
        time.sleep(0.3)
    process.terminate()
    process.wait()
    return timings


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        corpus = work_path / "korpus"
        write_corpus(corpus, 100)
        one, peak_one = timed_build([str(corpus), "-j", "1", "--out", str(work_path / "o1")])
        two, peak_two = timed_build([str(corpus), "-j", "2", "--out", str(work_path / "o2")])
        again, peak_again = timed_build([str(corpus), "-j", "2", "--out", str(work_path / "o2")])
        print("100 SOP buatan, 3 format (300 berkas):")
        print(f"  build penuh, 1 proses : {one:6.2f} s   memori puncak {peak_one:5.0f} MB")
        print(
            f"  build penuh, 2 proses : {two:6.2f} s   memori puncak {peak_two:5.0f} MB   percepatan {one / two:.2f}x"
        )
        print(f"  build tanpa perubahan : {again:6.2f} s   memori puncak {peak_again:5.0f} MB")
        latency = preview_latency(work_path)
        print(
            f"pratinjau --watch, SOP 20 langkah, simpan -> PDF baru: "
            f"median {sorted(latency)[len(latency) // 2] * 1000:.0f} ms, maks {max(latency) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
