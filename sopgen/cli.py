"""Command line (Typer): parses arguments, calls the stages, prints results in Indonesian."""

from __future__ import annotations

import json
import os
import sys
import traceback
from functools import partial
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from . import __version__
from .cli_lifecycle import register as register_lifecycle
from .cli_monev import monev_app
from .cli_text import Command, Group, date_option, is_usage_error, usage_error
from .errors import Diagnostic, OutputError, UserError
from .folders import BOOK_NAME, DEFAULT_DEFINITIONS, DEFAULT_OUTPUT, REGISTER_NAME
from .writers import WRITERS

app = typer.Typer(
    cls=Group,
    help="sopgen: membuat lembar SOP AP (PermenPANRB 35/2012) dari definisi YAML, dalam format XLSX, DOCX dan PDF.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

STATE = {"debug": False}
INTERRUPTED = 130


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stopped like Ctrl-C, so files being written are removed and workers end."""


def _stop_on_signal(number: int, frame: object) -> None:
    raise Stopped(number)


def _catch_stop_signals() -> None:
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, _stop_on_signal)


JOBS_HELP = (
    "Jumlah proses paralel (bawaan: otomatis; paralel hanya bila SOP cukup banyak untuk dibagi ke semua inti CPU)."
)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Berkas atau folder definisi SOP (bawaan: definitions/).", show_default=False, metavar="BERKAS/FOLDER"
    ),
]


def _shown(path: Path | None) -> str:
    if path is None:
        return "<masukan>"
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # another drive, or a link that loops
        return str(path)


def _print(diagnostic: Diagnostic) -> None:
    shown = Diagnostic(
        Path(_shown(diagnostic.path)) if diagnostic.path else None,
        diagnostic.line,
        diagnostic.column,
        diagnostic.message,
        diagnostic.severity,
    )
    typer.echo(str(shown), err=True)


def _formats(value: str) -> list[str]:
    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in WRITERS]
    if unknown or not names:
        typer.echo(
            f"Format tidak dikenal: {', '.join(unknown) or '(kosong)'}; pilih dari {', '.join(WRITERS)}.", err=True
        )
        raise typer.Exit(2)
    return list(dict.fromkeys(names))


def _write_bytes(data: bytes, stream: BinaryIO) -> None:
    stream.write(data)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"sopgen {__version__}")
        raise typer.Exit(0)


def _require_definitions(paths: list[Path] | None) -> None:
    """Without paths, sopgen reads `definitions/` of the folder it runs in: say plainly when there is none."""
    if not paths and not DEFAULT_DEFINITIONS.is_dir():
        typer.echo(
            f"Folder `{DEFAULT_DEFINITIONS}` tidak ada di {Path.cwd()}. Jalankan sopgen di folder yang berisi "
            f"`{DEFAULT_DEFINITIONS}/`, sebutkan foldernya (mis. `sopgen build D:\\SOP\\definitions`), atau buat "
            'SOP pertama dengan `sopgen new "Judul SOP"`.',
            err=True,
        )
        raise typer.Exit(1)


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Tampilkan traceback untuk kesalahan internal.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Tampilkan versi sopgen lalu keluar.", is_eager=True, callback=_show_version),
    ] = False,
) -> None:
    STATE["debug"] = debug


@app.command("build", cls=Command)
def build_command(
    paths: PathsArg = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="Format keluaran, dipisah koma.", metavar="FORMAT")
    ] = ",".join(WRITERS),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder keluaran.", metavar="FOLDER")] = DEFAULT_OUTPUT,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help=JOBS_HELP, min=1, show_default=False, metavar="N")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Buat ulang semua SOP, juga yang tidak berubah.")] = False,
) -> None:
    """Membuat lembar SOP dari definisi YAML (hanya yang berubah sejak pembuatan terakhir)."""
    from .report import run_build

    _require_definitions(paths)
    code = run_build(paths or [], _formats(format), out, jobs, force, _print, _shown)
    if code:
        raise typer.Exit(code)


@app.command("book", cls=Command)
def book_command(
    paths: PathsArg = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder keluaran.", metavar="FOLDER")] = DEFAULT_OUTPUT,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help=JOBS_HELP, min=1, show_default=False, metavar="N")
    ] = None,
    with_revoked: Annotated[
        bool,
        typer.Option(
            "--dengan-tidak-berlaku",
            help="Muat juga SOP yang dicabut atau digantikan, bertanda TIDAK BERLAKU (bawaan: tidak dimuat).",
        ),
    ] = False,
    tree: Annotated[
        bool,
        typer.Option(
            "--pohon",
            help="Hanya tampilkan pohon SOP makro dan SOP mikronya (dari keterkaitan `sop:`), tanpa membuat buku.",
        ),
    ] = False,
) -> None:
    """Membuat buku SOP (buku-sop.pdf) dan daftar SOP (daftar-sop.xlsx) dari semua SOP.

    Bagian buku yang opsional diambil dari berkas di samping definisi: keputusan.yaml (draf keputusan
    pimpinan, ditulis juga sebagai keputusan-draf.docx dan .pdf), keputusan.pdf (keputusan yang sudah
    ditandatangani, dimuat apa adanya), penjelasan.yaml atau penjelasan.md (penjelasan singkat
    penggunaan) dan buku.yaml (judul dan tahun sampul).
    """
    from .book import (
        book_parts,
        book_settings,
        collect,
        incomplete_notice,
        makro_tree,
        plan_book,
        write_book,
        write_draft,
        write_register,
    )
    from .build import output_stems
    from .discovery import discover
    from .files import write_atomic
    from .report import run_build

    _require_definitions(paths)
    if tree:
        found, missing = discover(paths or [])
        for diagnostic in missing:
            _print(diagnostic)
        loaded, trouble = collect(found, output_stems(found, out))
        for diagnostic in trouble:
            _print(diagnostic)
        typer.echo("\n".join(makro_tree(loaded)) or "Tidak ada SOP.")
        raise typer.Exit(1 if missing or trouble else 0)
    code = run_build(paths or [], list(WRITERS), out, jobs, False, _print, _shown)
    if code == INTERRUPTED:  # no book or register that links to sheets never built
        raise typer.Exit(code)
    sources, _ = discover(paths or [])
    settings = book_settings(sources)  # a mistake in buku.yaml stops here, before anything is written
    parts = book_parts(sources)  # and so does one in keputusan.yaml, keputusan.pdf or penjelasan
    for diagnostic in settings.warnings + parts.warnings:
        _print(diagnostic)
    chapters, problems = collect(sources, output_stems(sources, out), out)
    if not chapters:
        typer.echo("Tidak ada SOP yang dapat dibukukan.", err=True)
        raise typer.Exit(1)
    plan = plan_book(chapters, settings, parts, with_revoked)
    for diagnostic in plan.warnings:
        _print(diagnostic)
    if not plan.chapters:
        typer.echo(
            f"Tidak ada SOP yang berlaku untuk dibukukan: {len(plan.left_out)} SOP dicabut atau digantikan. "
            "Pakai --dengan-tidak-berlaku untuk memuatnya, bertanda TIDAK BERLAKU.",
            err=True,
        )
        raise typer.Exit(1)
    drafted = write_draft(plan.draft, out) if plan.draft is not None else None
    pages = [0]
    write_atomic(out / BOOK_NAME, lambda stream: pages.__setitem__(0, write_book(plan.chapters, stream, plan=plan)))
    write_atomic(out / REGISTER_NAME, lambda stream: write_register(chapters, stream))
    typer.echo(
        f"Buku SOP: {_shown(out / BOOK_NAME)} ({len(plan.chapters)} SOP, {pages[0]} halaman); "
        f"daftar SOP: {_shown(out / REGISTER_NAME)}."
    )
    if parts.signed is not None:
        typer.echo(
            f"Keputusan yang ditandatangani dimuat apa adanya dari {_shown(parts.signed.source)} "
            f"({len(parts.signed.sizes)} halaman)."
        )
    if drafted is not None:
        bound = "" if parts.signed is not None else " (dimuat di buku bertanda DRAF sampai keputusan.pdf ada)"
        typer.echo(f"Draf keputusan: {_shown(drafted[0])} dan {_shown(drafted[1])}{bound}.")
    if plan.left_out:
        typer.echo(
            f"{len(plan.left_out)} SOP tidak berlaku (dicabut atau digantikan) tidak dimuat di buku: "
            + ", ".join(c.document.sop.nomor for c in plan.left_out)
            + ". Pakai --dengan-tidak-berlaku untuk memuatnya, bertanda."
        )
    notice = incomplete_notice(sources, chapters, problems, _shown)
    if notice:
        typer.echo(notice, err=True)
    if code or problems:
        raise typer.Exit(1)


@app.command("preview", cls=Command)
def preview_command(
    path: Annotated[Path, typer.Argument(help="Berkas definisi SOP yang sedang disunting.", metavar="BERKAS")],
    png: Annotated[bool, typer.Option("--png", help="Buat juga gambar PNG setiap halaman.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Buat ulang setiap kali berkas disimpan.")] = False,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder pratinjau.", metavar="FOLDER")] = Path("output")
    / "pratinjau",
    open_: Annotated[bool, typer.Option("--buka/--tanpa-buka", help="Buka PDF di penampil sistem.")] = True,
) -> None:
    """Membuat pratinjau PDF satu SOP dan membukanya; dengan --watch, diperbarui setiap disimpan."""
    from .preview import open_viewer, render, watch_loop

    try:
        written, warnings = render(path, out, png)
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            _print(diagnostic)
        if not watch:
            raise typer.Exit(1) from None
        written, warnings = [], []
    for diagnostic in warnings:
        _print(diagnostic)
    if written:
        typer.echo(f"Pratinjau: {', '.join(_shown(p) for p in written)}")
        if open_ and not open_viewer(written[0]):
            typer.echo("Tidak ada penampil PDF di sistem ini; buka berkas di atas secara manual.")
    if watch:
        typer.echo(f"Mengamati {_shown(path)} dan organisasi.yaml; tekan Ctrl-C untuk berhenti.")
        try:
            watch_loop(path, out, png, typer.echo, _print)
        except KeyboardInterrupt:
            typer.echo("Pengamatan dihentikan.")


@app.command("revise", cls=Command)
def revise_command(
    path: Annotated[Path, typer.Argument(help="Berkas definisi SOP yang direvisi.", metavar="BERKAS")],
    catatan: Annotated[
        str | None,
        typer.Option(
            "--catatan",
            help="Catatan revisi (bawaan: daftar perubahan sejak commit terakhir, bila folder ini repositori git).",
            show_default=False,
            metavar="TEKS",
        ),
    ] = None,
    tanggal: Annotated[
        str | None, typer.Option("--tanggal", help="Tanggal revisi (bawaan: hari ini).", metavar="TTTT-BB-HH")
    ] = None,
) -> None:
    """Menambahkan revisi berikutnya ke definisi SOP, tanpa mengubah isi lainnya."""

    from .revise import add_revision, note_from_changes

    day = date_option(tanggal) if tanggal else None
    if catatan is None:
        catatan = note_from_changes(path)
        typer.echo(f"Catatan revisi (perubahan sejak commit terakhir): {catatan}")
    number = add_revision(path, catatan, day)
    typer.echo(f"{_shown(path)}: revisi ke-{number} ditambahkan.")
    typer.echo(f"Berikutnya: `sopgen build {_shown(path.parent)}` untuk membuat ulang lembarnya.")


@app.command("new", cls=Command)
def new_command(
    judul: Annotated[str, typer.Argument(help="Judul SOP baru.", metavar="JUDUL")],
    jenis: Annotated[str, typer.Option("--jenis", help="makro atau mikro.", metavar="JENIS")] = "makro",
    folder: Annotated[Path, typer.Option("--folder", help="Folder definisi.", metavar="FOLDER")] = DEFAULT_DEFINITIONS,
) -> None:
    """Membuat berkas definisi SOP baru dari templat, lengkap dengan komentar penjelasan."""
    from .revise import new_definition, new_organisation

    jenis = jenis.strip().lower()
    if jenis not in ("makro", "mikro"):
        typer.echo("Jenis harus `makro` atau `mikro`.", err=True)
        raise typer.Exit(2)
    target = new_definition(judul, folder, jenis)
    profile = new_organisation(folder)
    if profile is not None:
        typer.echo(f"Profil organisasi baru: {_shown(profile)}. Isi nama instansi Anda di sana.")
    typer.echo(
        f"Definisi baru: {_shown(target)}. Isi bagian bertanda ISI, lalu jalankan `sopgen check {_shown(target)}`."
    )


@app.command("check", cls=Command)
def check_command(paths: PathsArg = None) -> None:
    """Memeriksa definisi SOP dan melaporkan semua kesalahan sekaligus."""
    from .discovery import discover, same_numbers
    from .library import batch
    from .pipeline import prepare

    _require_definitions(paths)
    sources, missing = discover(paths or [])
    errors, warnings = len(missing), 0
    for diagnostic in missing:
        _print(diagnostic)
    notes = same_numbers(sources)
    library = batch(sources).library
    for source in sources:
        try:
            prepared = prepare(source, library=library)
        except UserError as exc:
            for diagnostic in exc.diagnostics:
                _print(diagnostic)
            errors += len(exc.diagnostics)
            continue
        own = prepared.warnings + prepared.advice + [n for n in notes if n.path == source]
        for diagnostic in own:
            _print(diagnostic)
        warnings += len(own)
    typer.echo(f"{len(sources)} definisi diperiksa: {errors} kesalahan, {warnings} peringatan.")
    if errors:
        raise typer.Exit(1)


@app.command("schema", cls=Command)
def schema_command(
    folder: Annotated[
        Path, typer.Option("--folder", help="Folder definisi tempat kedua skema ditulis.", metavar="FOLDER")
    ] = DEFAULT_DEFINITIONS,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Tulis skema SOP saja ke berkas ini (`-`: ke layar).", metavar="BERKAS"),
    ] = None,
) -> None:
    """Menulis JSON Schema definisi SOP dan organisasi.yaml di samping definisi, untuk editor (VS Code)."""
    from .definition.schema import SCHEMA_FILES, organisasi_schema, sop_schema
    from .files import write_atomic

    def text(schema: dict) -> str:
        return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"

    if out is not None and str(out) == "-":
        typer.echo(text(sop_schema()), nl=False)
        return
    targets = (
        {out: sop_schema()}
        if out is not None
        else {
            folder / SCHEMA_FILES["sop"]: sop_schema(),
            folder / SCHEMA_FILES["organisasi"]: organisasi_schema(),
        }
    )
    for target, schema in targets.items():
        write_atomic(target, partial(_write_bytes, text(schema).encode("utf-8")))
        typer.echo(f"Skema ditulis ke {_shown(target)}.")


@app.command("layout", cls=Command)
def layout_command(path: Annotated[Path, typer.Argument(help="Berkas definisi SOP.", metavar="BERKAS")]) -> None:
    """Menampilkan tata letak halaman (untuk pemeriksaan): langkah, simbol, dan panah per halaman."""
    from .layout.dump import dump
    from .pipeline import prepare

    try:
        prepared = prepare(path)
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            _print(diagnostic)
        raise typer.Exit(1) from None
    typer.echo(dump(prepared.laid_out), nl=False)


app.add_typer(monev_app, name="monev")
register_lifecycle(app)


@app.command("version", cls=Command)
def version_command() -> None:
    """Menampilkan versi sopgen."""
    typer.echo(f"sopgen {__version__}")


def main() -> None:
    """Entry point: user errors end cleanly; anything else is reported as a bug, no traceback."""
    if os.name == "nt":
        for stream in (sys.stdout, sys.stderr):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure:
                reconfigure(encoding="utf-8", errors="replace")
    _catch_stop_signals()
    try:
        code = app(standalone_mode=False, prog_name="sopgen")
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        typer.echo("Dibatalkan.", err=True)
        sys.exit(INTERRUPTED)
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            _print(diagnostic)
        sys.exit(1)
    except OutputError as exc:  # a read-only folder, a file open elsewhere, a full disk: the user's to fix
        typer.echo(str(exc), err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
        if is_usage_error(exc):
            sys.exit(usage_error(exc))
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):
            show()
            sys.exit(exc.exit_code)
        if STATE["debug"]:
            traceback.print_exc()
        typer.echo(
            f"Kesalahan internal sopgen (bug): {type(exc).__name__}: {exc}. "
            "Jalankan ulang dengan --debug dan laporkan keluarannya.",
            err=True,
        )
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
