"""This round's commands, the cost of a step, and the book of 100 SOPs.

Run: python bench/bench_commands.py [--runs 5] [--bagian perintah,langkah,buku100]
Prints:
- perintah: the median of N cold runs (a fresh `python -m sopgen` each) of `book` on a copy of the shipped
  definitions (with keputusan.yaml and penjelasan.yaml, so the book has every part), from an empty output
  folder and with the sheets up to date; `monev buat --periode` (three formats); `monev rekap` of every
  form filled in (as a unit would, with openpyxl); `diff` of two versions of a shipped SOP, without and
  with `--pdf`; and `status`;
- langkah: in this process, after a warm-up, the cost per SOP of loading, laying out and writing each
  format for generated SOPs of 5, 20, 30, 60 and 120 steps (5 lanes; the median of N runs, averaged over
  three SOPs per size), and the 120-step / 30-step ratio per format (load + layout + that writer);
- buku100: `book` on 100 generated SOPs (with the same keputusan.yaml and penjelasan.yaml): from an empty
  output folder, and with the sheets up to date; and, from cProfile of the latter, how much of the book's
  time goes to `sopgen.pipeline.prepare` (loading and laying out every SOP again) and the other parts.
Bytecode caching is allowed (PYTHONDONTWRITEBYTECODE removed), as on a user's machine after the first run.
"""

from __future__ import annotations

import argparse
import io
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchtools import DEFINITIONS, ROOT, SOPGEN, Load, median, run, watch

sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402
from ruamel.yaml import YAML  # noqa: E402

from sopgen.samples import ORGANISATION, definition, write_corpus  # noqa: E402

PERIODE = "Semester I 2026"
TANGGAL = "2026-07-15"
BOOK_PARTS = ("keputusan.yaml", "penjelasan.yaml")
DIFFED = "penyusunan-sop-ap.yaml"
STEPS = (5, 20, 30, 60, 120)
SEEDS = (11, 12, 13)


def line(label: str, seconds: float, note: str = "") -> None:
    print(f"  {label:58s} {seconds:6.2f} s{'   ' + note if note else ''}")


def fill_forms(folder: Path) -> int:
    """Fill every form sheet of every workbook under `folder` as a unit would: the observer, the date and
    the first choice for each item (the hidden description sheet says which cells)."""
    from sopgen.monev import meta

    count = 0
    for path in sorted(folder.rglob("*.xlsx")):
        book = load_workbook(path)
        if meta.SHEET not in book.sheetnames:
            continue
        for name, raw in book[meta.SHEET].iter_rows(min_row=2, max_col=2, values_only=True):
            description = meta.from_json(str(name), raw)
            sheet = book[description.sheet]
            for field, value in (("pemantau", "Budi Santoso"), ("tanggal", TANGGAL)):
                if field in description.cells:
                    sheet[description.cells[field]] = value
            for row in description.rows:
                sheet[f"{description.columns['nilai']}{row}"] = description.choices[0]
            count += 1
        book.save(path)
    return count


def revised(source: Path, target: Path) -> None:
    """A second version of a definition: a new title, a reworded step, another time, one more legal basis."""
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    data["judul"] = f"{data['judul']} (Perubahan)"
    data["langkah"][1]["kegiatan"] = "Memeriksa kembali konsep naskah dan meneruskannya kepada atasan langsung"
    data["langkah"][2]["waktu"] = "2 hari kerja"
    data["dasar_hukum"].append("Peraturan Menteri Contoh Nomor 1 Tahun 2026 tentang Perubahan Prosedur")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def commands(temp: Path, runs: int) -> None:
    definitions = temp / "definitions"
    shutil.copytree(DEFINITIONS, definitions)
    out = temp / "output"
    monev = temp / "monev"

    def empty(folder: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(folder, ignore_errors=True)

    print(f"Perintah, definisi bawaan (5 SOP, {' dan '.join(BOOK_PARTS)}); median {runs} kali, proses baru tiap kali:")
    book = [*SOPGEN, "book", str(definitions), "--out", str(out)]
    line("book, folder keluaran kosong (build 3 format + buku)", median(book, runs, empty(out)))
    line("book, lembar sudah mutakhir", median(book, runs))
    make = [*SOPGEN, "monev", "buat", str(definitions), "--periode", PERIODE, "--out", str(monev)]
    line("monev buat --periode (xlsx, docx, pdf)", median(make, runs, empty(monev)))
    forms = monev / PERIODE.replace(" ", "-")
    filled = fill_forms(forms)
    history = definitions / "monev-riwayat.yaml"
    recap = [*SOPGEN, "monev", "rekap", str(forms), "--definisi", str(definitions), "--tanggal", TANGGAL]
    line(f"monev rekap ({filled} formulir terisi)", median(recap, runs, lambda: history.unlink(missing_ok=True)))
    newer = temp / "baru" / DIFFED
    revised(definitions / DIFFED, newer)
    shutil.copy2(definitions / "organisasi.yaml", newer.parent / "organisasi.yaml")
    diff = [*SOPGEN, "diff", str(definitions / DIFFED), str(newer)]
    line(f"diff {DIFFED} lama baru", median(diff, runs))
    line("diff --pdf", median([*diff, "--out", str(temp / "perubahan.pdf")], runs))
    line("status", median([*SOPGEN, "status", str(definitions), "--tanggal", TANGGAL], runs))


def _stage(times: dict[str, list[float]], name: str, work: Callable[[], object]) -> object:
    start = time.perf_counter()
    value = work()
    times.setdefault(name, []).append((time.perf_counter() - start) * 1000)
    return value


def steps_curve(temp: Path, runs: int) -> None:
    from sopgen.definition.loader import load_sop
    from sopgen.layout import layout
    from sopgen.writers import WRITERS
    from sopgen.writers import get as get_writer

    folder = temp / "langkah"
    folder.mkdir()
    yaml = YAML()
    with (folder / "organisasi.yaml").open("w", encoding="utf-8") as stream:
        yaml.dump(ORGANISATION, stream)
    paths: dict[int, list[Path]] = {}
    for steps in STEPS:
        for seed in SEEDS:
            path = folder / f"langkah-{steps}-{seed}.yaml"
            with path.open("w", encoding="utf-8") as stream:
                yaml.dump(definition(seed, steps=steps, lanes=5), stream)
            paths.setdefault(steps, []).append(path)
    stages = ["muat", "tata letak", *WRITERS]
    # Sizes are measured in turn within every round, so a change in the machine's load falls on all of them.
    times: dict[Path, dict[str, list[float]]] = {path: {} for files in paths.values() for path in files}
    counted: dict[Path, int] = {}
    for round_ in range(1 + runs):  # round 0 warms fonts, templates and caches, as a long build would be
        for files in paths.values():
            for path in files:
                own = times[path] if round_ else {}
                document = _stage(own, "muat", lambda path=path: load_sop(path).document)
                laid_out = _stage(own, "tata letak", lambda document=document: layout(document))
                for name in WRITERS:
                    _stage(own, name, lambda name=name, d=laid_out: get_writer(name).write(d, io.BytesIO()))
                counted[path] = len(laid_out.pages)
    cost = {
        steps: {stage: statistics.mean(statistics.median(times[path][stage]) for path in files) for stage in stages}
        for steps, files in paths.items()
    }
    pages = {steps: statistics.mean(counted[path] for path in files) for steps, files in paths.items()}
    print(f"Biaya per SOP menurut jumlah langkah (5 pelaksana, {len(SEEDS)} SOP per ukuran, median {runs} kali; ms):")
    header = "".join(f"{stage:>11s}" for stage in stages)
    formats = "".join(f"{'+' + name:>11s}" for name in WRITERS)
    print(f"  {'':15s}{'tahap':>{11 * len(stages)}s} | per format: muat + tata letak + penulis")
    print(f"  langkah halaman{header} |{formats}")
    base = {steps: cost[steps]["muat"] + cost[steps]["tata letak"] for steps in STEPS}
    for steps in STEPS:
        row = "".join(f"{cost[steps][stage]:11.1f}" for stage in stages)
        total = "".join(f"{base[steps] + cost[steps][name]:11.1f}" for name in WRITERS)
        print(f"  {steps:7d} {pages[steps]:7.1f}{row} |{total}")
    ratios = ", ".join(f"{name} {(base[120] + cost[120][name]) / (base[30] + cost[30][name]):.2f}x" for name in WRITERS)
    print(f"  120 / 30 langkah per format: {ratios}   (target <= 4.5x; linear = 4.0x)")
    stage_ratios = ", ".join(f"{stage} {cost[120][stage] / cost[30][stage]:.2f}x" for stage in stages)
    print(f"  120 / 30 langkah per tahap : {stage_ratios}")


PROFILED = (
    ("sopgen.pipeline.prepare (muat + tata letak ulang)", "pipeline.py", "prepare"),
    ("  di dalamnya: layout()", "layout/__init__.py", "layout"),
    ("run_build (rencana build; lembar mutakhir)", "report.py", "run_build"),
    ("plan_book (keputusan, penjelasan)", "book.py", "plan_book"),
    ("layout_book (tata letak buku)", "layout/book.py", "layout_book"),
    ("book_pdf.write (menulis buku)", "writers/book_pdf.py", "write"),
    ("write_draft (draf keputusan DOCX + PDF)", "book.py", "write_draft"),
    ("write_register (daftar SOP)", "book.py", "write_register"),
)


def book_hundred(temp: Path, runs: int) -> None:
    corpus = temp / "seratus"
    write_corpus(corpus, 100)
    for name in BOOK_PARTS:
        shutil.copy2(DEFINITIONS / name, corpus / name)
    out = temp / "seratus-keluaran"
    book = [*SOPGEN, "book", str(corpus), "--out", str(out)]
    print("book pada 100 SOP buatan (dengan keputusan dan penjelasan):")
    first = watch(book)
    line(
        "folder keluaran kosong (build 3 format + buku), 1 kali",
        first.elapsed,
        f"memori puncak {first.peak_tree_mb:.0f} MB",
    )
    line(f"lembar sudah mutakhir, median {runs} kali", median(book, runs))
    profile = temp / "buku.prof"
    started = time.perf_counter()
    run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "sopgen", "book", str(corpus), "--out", str(out)])
    wall = time.perf_counter() - started
    stats = pstats.Stats(str(profile), stream=io.StringIO())
    total = stats.total_tt
    print(f"  cProfile, lembar sudah mutakhir: {total:.2f} s terukur ({wall:.2f} s dengan start-up dan cProfile)")
    entries = stats.stats  # type: ignore[attr-defined]
    for label, suffix, function in PROFILED:
        found = [
            value[3]
            for (filename, _, name), value in entries.items()
            if name == function and Path(filename).as_posix().endswith(f"sopgen/{suffix}")
        ]
        if found:
            seconds = max(found)
            print(f"    {label:56s} {seconds:6.2f} s  {seconds / total:5.1%}")
    relaid = max(
        (value[3] for (f, _, n), value in entries.items() if n == "prepare" and f.endswith("pipeline.py")), default=0.0
    )
    verdict = "YA, tata letak diulang" if relaid > 0.1 * total else "tidak (memakai tata letak build)"
    print(f"  book menata letak ulang SOP yang sudah dibuat build: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bagian", default="perintah,langkah,buku100", help="perintah, langkah, buku100")
    options = parser.parse_args()
    parts = {part.strip() for part in options.bagian.split(",")}
    load = Load()
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder)
        if "perintah" in parts:
            commands(temp, options.runs)
        if "langkah" in parts:
            steps_curve(temp, options.runs)
        if "buku100" in parts:
            book_hundred(temp, max(1, min(options.runs, 3)))
    print(load.report())


if __name__ == "__main__":
    main()
