"""`sopgen monev ...`: the monitoring and evaluation forms and their recap (commands import their work lazily)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .cli_text import Command, Group, date_option
from .folders import DEFAULT_DEFINITIONS, DEFAULT_OUTPUT

monev_app = typer.Typer(
    cls=Group,
    help="Monitoring dan evaluasi SOP AP: membuat formulir dan merekap hasilnya.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

MONEV_FORMATS = ("xlsx", "docx", "pdf")
DEFAULT_MONEV_OUTPUT = DEFAULT_OUTPUT / "monev"


def _formats(value: str) -> list[str]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in MONEV_FORMATS]
    if unknown or not names:
        typer.echo(
            f"Format tidak dikenal: {', '.join(unknown) or '(kosong)'}; pilih dari {', '.join(MONEV_FORMATS)}.",
            err=True,
        )
        raise typer.Exit(2)
    return list(dict.fromkeys(names))


def _text(value: str, name: str) -> str:
    """An option's text on one line; an empty one is a usage error."""
    cleaned = " ".join(value.split())
    if not cleaned:
        typer.echo(f"{name} tidak boleh kosong.", err=True)
        raise typer.Exit(2)
    return cleaned


@monev_app.command("buat", cls=Command)
def buat_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Berkas atau folder definisi SOP (bawaan: definitions/).", show_default=False, metavar="BERKAS/FOLDER"
        ),
    ] = None,
    periode: Annotated[
        str, typer.Option("--periode", help='Periode monitoring, mis. "Semester I 2026".', metavar="TEKS")
    ] = "",
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            help="Unit yang memonitor; boleh diulang untuk beberapa unit (bawaan: unit pemilik setiap SOP).",
            show_default=False,
            metavar="NAMA",
        ),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Format keluaran, dipisah koma.", metavar="FORMAT")
    ] = ",".join(MONEV_FORMATS),
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Folder keluaran; formulir ditulis ke FOLDER/<periode>/.", metavar="FOLDER"),
    ] = DEFAULT_MONEV_OUTPUT,
    satu_berkas: Annotated[
        bool,
        typer.Option(
            "--satu-berkas",
            help="Satu berkas per formulir dan unit berisi semua SOP (satu lembar per SOP), bukan satu berkas per SOP.",
        ),
    ] = False,
) -> None:
    """Membuat Formulir Monitoring dan Formulir Evaluasi penerapan SOP AP untuk setiap SOP dan unit."""
    from .cli import _print, _require_definitions, _shown
    from .monev.console import run_make

    if not periode.strip():
        typer.echo('Sebutkan periode monitoring, mis. --periode "Semester I 2026".', err=True)
        raise typer.Exit(2)
    _require_definitions(paths)
    units = list(dict.fromkeys(_text(u, "Nama unit") for u in unit or []))
    code = run_make(paths or [], _text(periode, "Periode"), units, _formats(format), out, satu_berkas, _print, _shown)
    if code:
        raise typer.Exit(code)


@monev_app.command("rekap", cls=Command)
def rekap_command(
    folder: Annotated[
        Path,
        typer.Argument(help="Folder formulir yang sudah diisi, mis. output/monev/Semester-I-2026.", metavar="FOLDER"),
    ],
    definisi: Annotated[
        Path,
        typer.Option("--definisi", help="Folder definisi SOP, tempat riwayat monitoring dicatat.", metavar="FOLDER"),
    ] = DEFAULT_DEFINITIONS,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder rekap dan laporan (bawaan: FOLDER formulir).", metavar="FOLDER"),
    ] = None,
    tanggal: Annotated[
        str | None,
        typer.Option("--tanggal", help="Tanggal monitoring yang dicatat (bawaan: hari ini).", metavar="TTTT-BB-HH"),
    ] = None,
    tanpa_riwayat: Annotated[
        bool, typer.Option("--tanpa-riwayat", help="Jangan catat riwayat monitoring di folder definisi.")
    ] = False,
) -> None:
    """Membaca formulir yang sudah diisi, lalu menulis rekap (XLSX) dan draf Laporan Monev SOP AP (DOCX)."""
    import datetime as dt

    from .cli import _print, _shown
    from .monev.console import run_rekap

    day = date_option(tanggal, spaces_allowed=True) if tanggal else dt.date.today()
    code = run_rekap(folder, out or folder, definisi, day, not tanpa_riwayat, _print, _shown)
    if code:
        raise typer.Exit(code)
