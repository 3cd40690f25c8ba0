"""What `sopgen build` shows while it works and after: a progress bar, then a summary table."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .build import Result, build
from .errors import Diagnostic

if TYPE_CHECKING:
    from rich.progress import Progress

LISTED = 10
"""A build of up to this many SOPs lists each one it made; a larger one only counts them."""


def progress_bar(caption: str, console: Console) -> Progress:
    """The progress bar of a batch (started when there is work): caption, bar, count, time, file."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn(caption),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    )


def stdout_console() -> Console:
    """Where summaries go: the terminal's width, or 200 columns when written to a file or a pipe."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else 200)


def failures_table(diagnostics: Sequence[Diagnostic], shown: Callable[[Path], str], title: str) -> Table:
    """Every failure, where (as the user knows the path) and what, escaped: rich would read `[bold]`
    in a file name or a quoted value as markup."""
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("Lokasi")
    table.add_column("Pesan")
    for diagnostic in diagnostics:
        location = Diagnostic(
            Path(shown(diagnostic.path)) if diagnostic.path else None, diagnostic.line, diagnostic.column, ""
        ).location()
        table.add_row(escape(location), escape(diagnostic.message))
    return table


def run_build(
    paths: Sequence[Path],
    formats: Sequence[str],
    out: Path,
    jobs: int | None,
    force: bool,
    show: Callable[[Diagnostic], None],
    shown: Callable[[Path], str],
) -> int:
    """Build with a progress bar; print warnings, a summary and every failure. Returns the exit code."""
    console = Console(stderr=True, highlight=False)
    # Rich draws no bar where the output is not a terminal: then none is made (nor rich.progress loaded).
    progress = progress_bar("Membuat SOP", console) if console.is_terminal else None
    task_id = None

    def planned(todo: int, current: int) -> None:
        nonlocal task_id
        if todo and progress is not None:
            progress.start()
            task_id = progress.add_task("", total=todo)

    def finished(result: Result) -> None:
        if progress is not None and task_id is not None:
            progress.update(task_id, advance=1, description=escape(result.source.name))

    try:
        report = build(paths, formats, out, jobs, force, planned, finished)
    finally:
        if progress is not None:
            progress.stop()
    every = report.missing + report.notes + [d for result in report.results for d in result.warnings + result.errors]
    for diagnostic in dict.fromkeys(every):  # a warning of organisasi.yaml comes with each SOP: show it once
        show(diagnostic)
    # User text (file names, values quoted in messages) is escaped: rich would read `[bold]` as markup.
    table = Table(title=f"Hasil pembuatan SOP di {escape(shown(out))}", show_header=True, header_style="bold")
    table.add_column("Dibuat", justify="right")
    table.add_column("Mutakhir (dilewati)", justify="right")
    table.add_column("Gagal", justify="right")
    table.add_row(str(report.count("dibuat")), str(report.count("mutakhir")), str(report.failed))
    stdout = stdout_console()
    stdout.print(table)
    made = [r for r in report.results if r.status == "dibuat"]
    if 0 < len(made) <= LISTED:
        listing = Table(title="SOP yang dibuat", show_header=True, header_style="bold")
        listing.add_column("Nomor")
        listing.add_column("Judul")
        listing.add_column("Berkas")
        for result in made:
            files = f"{result.stem} ({', '.join(p.suffix for p in result.outputs)})"
            listing.add_row(escape(result.nomor), escape(result.title), escape(files))
        stdout.print(listing)
    if report.results:
        stdout.print(f"Berkas keluaran ada di folder: {escape(shown(out))}")
    failures = [d for r in report.results for d in r.errors] + report.missing
    if failures:
        stdout.print(failures_table(failures, shown, "SOP yang gagal"))
    if report.interrupted:
        console.print("Dibatalkan: SOP yang sedang dibuat diselesaikan, sisanya tidak dimulai.")
        return 130
    if not report.results and not report.missing:
        console.print("Tidak ada definisi SOP yang ditemukan.")
        return 1
    if report.failed:
        console.print(f"{report.failed} SOP gagal; lihat pesan di atas.")
        return 1
    return 0
