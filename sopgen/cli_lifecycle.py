"""`sopgen diff` and `sopgen status`: what changed between versions, and where each SOP stands.

Commands import their work inside the function, so `sopgen --help` stays fast. `diff` exits 0
whether or not the versions differ (1 is sopgen's code for a problem the user must fix, 2 for a
wrong command line); scripts read `status --format json`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_text import Command, date_option

STATUS_FORMATS = ("tabel", "json")


def register(app: typer.Typer) -> None:
    """Add the lifecycle commands to the main app."""

    @app.command("diff", cls=Command)
    def diff_command(
        paths: Annotated[
            list[Path],
            typer.Argument(
                help="Dua berkas definisi, LAMA lalu BARU; dengan --git: satu BERKAS, lalu REVISI git bila bukan HEAD.",
                show_default=False,
                metavar="BERKAS",
            ),
        ],
        git: Annotated[
            bool,
            typer.Option("--git", help="Bandingkan BERKAS dengan versinya di revisi git REVISI (bawaan: HEAD)."),
        ] = False,
        pdf: Annotated[
            bool,
            typer.Option("--pdf", help="Tulis juga lembar PDF versi baru, baris yang berubah ditandai di margin kiri."),
        ] = False,
        out: Annotated[
            Path | None,
            typer.Option(
                "--out",
                "-o",
                help="Berkas PDF yang ditulis (bawaan: output/NAMA-perubahan.pdf); berarti juga --pdf.",
                show_default=False,
                metavar="BERKAS",
            ),
        ] = None,
    ) -> None:
        """Menampilkan perubahan antara dua versi definisi SOP: dua berkas, atau berkas dan versinya di git."""
        from . import diff
        from .cli import _print, _shown
        from .errors import UserError
        from .files import safe_stem, write_atomic
        from .folders import DEFAULT_OUTPUT

        if git and len(paths) > 2 or not git and len(paths) != 2:
            typer.echo(
                "Sebutkan dua berkas (`sopgen diff LAMA BARU`), atau satu berkas dengan --git "
                "(`sopgen diff BERKAS --git [REVISI]`).",
                err=True,
            )
            raise typer.Exit(2)
        new_path = paths[0] if git else paths[1]
        revision = str(paths[1]) if git and len(paths) == 2 else "HEAD"
        try:
            if git:
                old, new, _ = diff.load_git(new_path, revision)
                heading = f"{_shown(new_path)} dibanding revisi git {revision}"
            else:
                old, new, _ = diff.load_files(paths[0], new_path)
                heading = f"{_shown(new_path)} dibanding {_shown(paths[0])}"
        except UserError as exc:
            for diagnostic in exc.diagnostics:
                _print(diagnostic)
            if isinstance(exc, diff.NoRepository):
                typer.echo("Tanpa git, bandingkan dua berkas: `sopgen diff LAMA BARU`.", err=True)
            raise typer.Exit(1) from None
        changes = diff.compare(old, new)
        if changes:
            typer.echo(f"Perubahan {heading} ({len(changes)}):")
            for change in changes:
                typer.echo(f"  - {change.text}")
        else:
            typer.echo(f"Tidak ada perubahan ({heading}).")
        if not (pdf or out):
            return
        target = out or DEFAULT_OUTPUT / f"{safe_stem(new_path.stem)}-perubahan.pdf"
        if target.exists() and any(target.resolve() == p.resolve() for p in paths if p.exists()):
            typer.echo(f"{_shown(target)}: berkas PDF tidak boleh menimpa berkas definisi; pilih nama lain.", err=True)
            raise typer.Exit(2)
        from .layout import layout
        from .layout.marks import mark_changes
        from .library import resolve
        from .writers import get

        try:
            linked, _ = resolve(new, None)  # links printed as the built sheet prints them
            laid_out = layout(linked)
        except UserError as exc:
            for diagnostic in exc.diagnostics:
                _print(diagnostic)
            raise typer.Exit(1) from None
        steps, fields = diff.marked(changes)
        mark_changes(laid_out, steps, fields)
        writer = get("pdf")
        write_atomic(target, lambda stream: writer.write(laid_out, stream))
        typer.echo(f"Lembar dengan tanda perubahan: {_shown(target)}")

    @app.command("status", cls=Command)
    def status_command(
        paths: Annotated[
            list[Path] | None,
            typer.Argument(
                help="Berkas atau folder definisi SOP (bawaan: definitions/).",
                show_default=False,
                metavar="BERKAS/FOLDER",
            ),
        ] = None,
        format: Annotated[
            str, typer.Option("--format", "-f", help="tabel (untuk dibaca) atau json (untuk skrip).", metavar="FORMAT")
        ] = "tabel",
        tanggal: Annotated[
            str | None,
            typer.Option(
                "--tanggal", help="Tanggal acuan (bawaan: hari ini).", show_default=False, metavar="TTTT-BB-HH"
            ),
        ] = None,
    ) -> None:
        """Menampilkan revisi, status, tanggal tinjau ulang dan monitoring terakhir setiap SOP."""
        import datetime as dt

        from .cli import _print, _require_definitions, _shown
        from .discovery import discover
        from .status import as_json, collect, table, terminal_width

        chosen = format.strip().lower()
        if chosen not in STATUS_FORMATS:
            typer.echo(f"Format tidak dikenal: {format}; pilih tabel atau json.", err=True)
            raise typer.Exit(2)
        today = date_option(tanggal) if tanggal else dt.date.today()
        _require_definitions(paths)
        sources, missing = discover(paths or [])
        rows, problems = collect(sources, today)
        for diagnostic in missing + problems:
            _print(diagnostic)
        if chosen == "json":
            typer.echo(as_json(rows, today, _shown), nl=False)
        elif rows:
            typer.echo(table(rows, today, terminal_width()), nl=False)
        else:
            typer.echo("Tidak ada SOP yang dapat ditampilkan.", err=True)
        if missing or problems:
            raise typer.Exit(1)
