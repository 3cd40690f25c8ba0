"""Batch build and preview timings on generated SOPs (all formats).

Run: python bench/bench_batch.py [--runs 5] [--seribu]
Prints, for 100 generated SOPs: full build with 1 and 2 jobs (wall time, speed-up) and with the
default job count (and how many workers it started), a no-change rebuild, the peak memory of the
whole process tree (parent + workers, summed RSS sampled every 20 ms; Linux) and of its largest
process, whether any process was left running after sopgen exited; and the save-to-new-PDF time of
`sopgen preview --watch` on a 20-step SOP (as the watcher sees it, and the render time it reports).
With --seribu, also 1,000 generated SOPs with 2 jobs: time per SOP against the 100-SOP build, and memory.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchtools import ENV, ROOT, SOPGEN, Load, Watched, watch

sys.path.insert(0, str(ROOT))

from ruamel.yaml import YAML  # noqa: E402

from sopgen.samples import ORGANISATION, definition, write_corpus  # noqa: E402


def timed_build(args: list[str]) -> Watched:
    return watch([*SOPGEN, "build", *args])


def preview_latency(folder: Path, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Seconds from saving the definition to the new PDF on disk, and the render times the watcher reports."""
    yaml = YAML()
    with (folder / "organisasi.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(ORGANISATION, stream)
    source = folder / "dua-puluh.yaml"
    data = definition(7, steps=20, lanes=5)
    with source.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    out = folder / "pratinjau"
    process = subprocess.Popen(
        [*SOPGEN, "preview", str(source), "--watch", "--tanpa-buka", "--out", str(out)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stdout.readline, "")), daemon=True).start()
    target = out / f"{data['nomor']}.pdf"  # previews are named like the sheets
    while not any("Mengamati" in entry for entry in lines):
        if process.poll() is not None:
            raise SystemExit("preview --watch berhenti sebelum mengamati")
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
    reported = [float(line.split("(")[1].split(" ms")[0]) / 1000 for line in lines if "diperbarui (" in line]
    return timings, reported


def left(watched: Watched) -> str:
    return "; ".join(watched.left_running) or "tidak ada"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="berapa kali definisi disimpan untuk pratinjau --watch")
    parser.add_argument("--seribu", action="store_true", help="juga 1.000 SOP buatan (beberapa menit)")
    options = parser.parse_args()
    thousand = options.seribu
    load = Load()
    with tempfile.TemporaryDirectory() as work:
        work_path = Path(work)
        corpus = work_path / "korpus"
        write_corpus(corpus, 100)
        timed_build([str(corpus), "-j", "1", "--out", str(work_path / "o0")])  # warm the bytecode and file cache
        one = timed_build([str(corpus), "-j", "1", "--out", str(work_path / "o1")])
        two = timed_build([str(corpus), "-j", "2", "--out", str(work_path / "o2")])
        again = timed_build([str(corpus), "-j", "2", "--out", str(work_path / "o2")])
        auto = timed_build([str(corpus), "--out", str(work_path / "o3")])
        print("100 SOP buatan, 3 format (300 berkas):")
        print(
            f"  build penuh, 1 proses : {one.elapsed:6.2f} s   memori puncak {one.peak_tree_mb:5.0f} MB   "
            f"CPU {one.cpu:5.1f} s ({one.cpu * 10:.0f} ms per SOP)"
        )
        print(
            f"  build penuh, 2 proses : {two.elapsed:6.2f} s   memori puncak {two.peak_tree_mb:5.0f} MB "
            f"(proses terbesar {two.peak_process_mb:.0f} MB)   CPU {two.cpu:5.1f} s   "
            f"percepatan {one.elapsed / two.elapsed:.2f}x   (target <= 4 s, >= 1.8x)"
        )
        print(
            f"  build penuh, -j bawaan: {auto.elapsed:6.2f} s   {auto.workers} proses anak   "
            f"masih berjalan setelah selesai: {left(auto)}"
        )
        print(f"  build tanpa perubahan : {again.elapsed:6.2f} s   memori puncak {again.peak_tree_mb:5.0f} MB")
        print(f"  masih berjalan setelah build 2 proses selesai: {left(two)}")
        latency, reported = preview_latency(work_path, max(1, options.runs))
        print(
            "pratinjau --watch, SOP 20 langkah, simpan -> PDF baru: "
            f"median {statistics.median(latency) * 1000:.0f} ms, "
            f"maks {max(latency) * 1000:.0f} ms (target <= 150 ms); "
            f"waktu membuat yang dilaporkan: median {statistics.median(reported) * 1000:.0f} ms"
        )
        if thousand:
            many = work_path / "seribu"
            write_corpus(many, 1000)
            big = timed_build([str(many), "-j", "2", "--out", str(work_path / "o1000")])
            per_hundred, per_thousand = two.elapsed / 100 * 1000, big.elapsed / 1000 * 1000
            print("1.000 SOP buatan, 3 format, 2 proses:")
            print(
                f"  build penuh: {big.elapsed:6.1f} s = {per_thousand:.1f} ms per SOP "
                f"(100 SOP: {per_hundred:.1f} ms per SOP; rasio {per_thousand / per_hundred:.2f}, target <= 1); "
                f"CPU {big.cpu * 1000 / 1000:.0f} ms per SOP (100 SOP: {two.cpu * 1000 / 100:.0f} ms)"
            )
            print(
                f"  memori puncak: seluruh proses {big.peak_tree_mb:.0f} MB (100 SOP: {two.peak_tree_mb:.0f} MB), "
                f"proses terbesar {big.peak_process_mb:.0f} MB (100 SOP: {two.peak_process_mb:.0f} MB)"
            )
            print(f"  masih berjalan setelah selesai: {left(big)}")
    print(load.report())


if __name__ == "__main__":
    main()
