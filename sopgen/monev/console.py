"""What `sopgen monev buat` and `rekap` show: a progress bar, then summary tables, as `sopgen build` does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import Diagnostic
from ..report import failures_table, progress_bar, stdout_console
from .make import Made, make_forms
from .recap import revise_command
from .recap_run import run_recap

Show = Callable[[Diagnostic], None]
Shown = Callable[[Path], str]
LISTED = 10


def run_make(
    paths: Sequence[Path],
    periode: str,
    units: Sequence[str],
    formats: Sequence[str],
    out: Path,
    combined: bool,
    show: Show,
    shown: Shown,
) -> int:
    """Make the forms with a progress bar; print warnings, a summary and every failure. Returns the exit code."""
    console = Console(stderr=True, highlight=False)
    progress = progress_bar("Membuat formulir", console)
    task_id = None

    def planned(total: int) -> None:
        nonlocal task_id
        if total:
            progress.start()
            task_id = progress.add_task("", total=total)

    def finished(made: Made) -> None:
        if task_id is not None:
            progress.update(task_id, advance=1, description=escape(made.source.name))

    try:
        report = make_forms(paths, periode, units, formats, out, combined, planned, finished)
    finally:
        progress.stop()
    every = report.missing + [d for made in report.results for d in made.warnings + made.errors]
    for diagnostic in dict.fromkeys(every):
        show(diagnostic)
    stdout = stdout_console()
    table = Table(title=f"Formulir Monev {escape(periode)} di {escape(shown(report.folder))}", header_style="bold")
    table.add_column("SOP dibuat formulirnya", justify="right")
    table.add_column("Dilewati (tidak berlaku)", justify="right")
    table.add_column("Gagal", justify="right")
    table.add_column("Berkas", justify="right")
    table.add_row(
        str(report.count("dibuat")), str(report.count("dilewati")), str(report.failed), str(len(report.outputs))
    )
    stdout.print(table)
    made = [m for m in report.results if m.status == "dibuat"]
    if 0 < len(made) <= LISTED:
        listing = Table(title="SOP yang dibuat formulirnya", header_style="bold")
        listing.add_column("Nomor")
        listing.add_column("Judul")
        listing.add_column("Unit")
        for result in made:
            listing.add_row(escape(result.nomor), escape(result.judul), escape(", ".join(result.units)))
        stdout.print(listing)
    if report.outputs:
        stdout.print(f"Formulir ada di folder: {escape(shown(report.folder))}")
        stdout.print(
            "Kirim formulir XLSX ke setiap unit; setelah diisi, kumpulkan kembali ke folder itu lalu jalankan "
            f"`sopgen monev rekap {escape(shown(report.folder))}`."
        )
    failures = [d for m in report.results for d in m.errors] + report.missing + report.errors
    if failures:
        stdout.print(failures_table(failures, shown, "Yang gagal"))
    if not report.results and not report.missing:
        console.print("Tidak ada definisi SOP yang ditemukan.")
        return 1
    return 1 if report.failed else 0


def run_rekap(
    folder: Path, out: Path, definitions: Path, tanggal: dt.date, keep_history: bool, show: Show, shown: Shown
) -> int:
    """Recap the filled forms; print problems, the counts, the SOPs to revise. Returns the exit code."""
    console = Console(stderr=True, highlight=False)
    with console.status("Membaca formulir..."):
        result = run_recap(folder, out, definitions, tanggal, keep_history)
    for diagnostic in result.reading.warnings + result.warnings:
        show(diagnostic)
    errors = result.reading.errors + result.errors
    for diagnostic in errors:
        if diagnostic.path is None:  # a file that could not be written: the message names it
            console.print(escape(diagnostic.message))
        else:
            show(diagnostic)
    stdout = stdout_console()
    recap = result.recap
    if recap is None:
        console.print(
            f"Rekap tidak dibuat: {len(errors)} masalah pada formulir; perbaiki lalu jalankan ulang. "
            "Tidak ada berkas yang ditulis."
        )
        return 1
    table = Table(title=f"Rekap Monev SOP AP {escape(recap.periode)}", header_style="bold")
    for caption in ("SOP dimonitor", "Unit", "Formulir (kosong)", "Langkah tidak berjalan baik", "Kriteria Tidak"):
        table.add_column(caption, justify="right")
    forms = recap.total("monitoring_forms") + recap.total("evaluation_forms")
    table.add_row(
        str(len(recap.monitored)),
        str(len(recap.units)),
        f"{forms} ({recap.total('empty_forms')})",
        str(recap.total("steps_not_well")),
        str(recap.total("criteria_tidak")),
    )
    stdout.print(table)
    if result.outputs:
        stdout.print("Ditulis: " + ", ".join(escape(shown(p)) for p in result.outputs))
    if result.history is not None:
        stdout.print(f"Riwayat monitoring dicatat di {escape(shown(result.history))}.")
    if recap.to_revise:
        stdout.print(f"{len(recap.to_revise)} SOP direkomendasikan untuk direvisi; catat revisinya dengan:")
        for sop in recap.to_revise:
            stdout.print("  " + escape(revise_command(sop, recap.periode)), soft_wrap=True)
    else:
        stdout.print("Tidak ada SOP yang perlu direvisi.")
    return 1 if errors else 0
