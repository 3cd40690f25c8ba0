"""All SOPs -> the SOP book (cover, contents, every sheet, bookmarks) and the register workbook.

The cover's title and year may be set in `buku.yaml` in the definitions' folder (see `book_settings`);
without it the cover keeps the standard title and the year of the latest date that has come.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from .definition.model import MINUTES_PER, SopDocument
from .errors import Diagnostic, UserError
from .folders import BOOK_SETTINGS_NAME as BOOK_FILE
from .layout import LaidOutDocument
from .layout.book import TITLE_LINES, layout_book
from .pipeline import prepare
from .writers.register_xlsx import Column, PrintSetup, RegisterRow

WORKDAY_HOURS = MINUTES_PER["hari"] // 60

MAX_TITLE_LINES = 5
MAX_TITLE_LINE = 80
"""Most characters in one line of the cover's title; a line within it that is still too wide for the
page is printed smaller."""
YEARS = (1945, 2100)


@dataclass
class Chapter:
    source: Path
    document: SopDocument
    layout: LaidOutDocument
    stem: str


@dataclass(frozen=True)
class BookSettings:
    """What `buku.yaml` sets; None keeps the default."""

    judul: tuple[str, ...] | None = None
    """The cover's title, line by line, top-down."""
    tahun: int | None = None
    """The year printed on the cover."""
    path: Path | None = None
    """The file read, if any."""
    warnings: list[Diagnostic] = field(default_factory=list, compare=False)


def natural_key(text: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def collect(sources: list[Path], stems: dict[Path, str]) -> tuple[list[Chapter], list[Diagnostic]]:
    """Load and lay out every SOP, in order of number; the ones with errors are reported, not bound."""
    chapters, problems = [], []
    for source in sources:
        try:
            prepared = prepare(source)
        except UserError as exc:
            problems.extend(exc.diagnostics)
            continue
        chapters.append(Chapter(source, prepared.document, prepared.laid_out, stems[source]))
    chapters.sort(key=lambda c: natural_key(c.document.sop.nomor))
    return chapters, problems


def _same(first: Path | None, second: Path) -> bool:
    if first is None:
        return False
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second


def incomplete_notice(
    sources: Sequence[Path],
    chapters: Sequence[Chapter],
    problems: Sequence[Diagnostic],
    shown: Callable[[Path], str] = str,
) -> str | None:
    """The plain Indonesian notice that the book and register leave SOPs out, naming each one by
    file and number (when its `nomor` line can be read); None when every SOP is in the book.

    `problems` are collect()'s: each left-out SOP is told with how many errors its file has, or
    that its folder's organisation profile has them. `shown` writes a path as the user knows it.
    """
    from .definition.loader import ORGANISATION_FILE
    from .discovery import quick_nomor

    bound = [chapter.source for chapter in chapters]
    missing = [s for s in dict.fromkeys(sources) if not any(_same(s, b) for b in bound)]
    if not missing:
        return None
    total = len(bound) + len(missing)
    lines = [
        f"Buku SOP dan daftar SOP TIDAK LENGKAP: {len(missing)} dari {total} SOP tidak dimuat "
        "karena definisinya bermasalah:"
    ]
    for source in missing:
        nomor = quick_nomor(source)
        named = f"Nomor SOP {nomor}" if nomor else "nomor SOP tidak terbaca"
        errors = sum(1 for d in problems if d.severity == "error" and _same(d.path, source))
        profile = source.parent / ORGANISATION_FILE
        if errors:
            cause = f"{errors} kesalahan"
        elif any(_same(d.path, profile) for d in problems):
            cause = f"profil organisasi {shown(profile)} bermasalah"
        else:
            cause = "tidak dapat dimuat"
        lines.append(f"  - {shown(source)} ({named}): {cause}")
    lines.append("Perbaiki kesalahan yang tercantum di atas, lalu jalankan `sopgen book` lagi.")
    return "\n".join(lines)


def duration(minutes: float) -> str:
    """Minutes as working days, hours and minutes: `2 hari 3 jam 15 menit`."""
    minutes = int(round(minutes))
    days, rest = divmod(minutes, MINUTES_PER["hari"])
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari" if days else "", f"{hours} jam" if hours else "", f"{mins} menit" if mins else ""]
    return " ".join(p for p in parts if p) or "0 menit"


def book_year(chapters: Sequence[Chapter], today: dt.date | None = None) -> int:
    """The latest date of making, coming into force or revision that has come (a date in the future
    is left out, so an SOP in force from next January does not date the book next year); this year
    when there is none."""
    today = today or dt.date.today()
    dates: list[dt.date | None] = []
    for chapter in chapters:
        sop = chapter.document.sop
        dates += [sop.tanggal_pembuatan, sop.tanggal_efektif] + [r.tanggal for r in sop.revisi]
    return max((d for d in dates if d and d <= today), default=today).year


def settings_folder(sources: Sequence[Path]) -> Path | None:
    """The folder `buku.yaml` is read from: the one all the definitions are in (or under)."""
    folders = sorted({str(source.parent.resolve()) for source in sources})
    if not folders:
        return None
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return Path(folders[0])


def _lines(value: Any) -> Any:
    """`judul` may be one text (lines split at line breaks) or a list of lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def read_settings(path: Path) -> BookSettings:
    """Read `buku.yaml`; every problem is raised at once as a UserError with its place."""
    from .definition.source import read

    source = read(path)
    data = source.data if source.data is not None else {}  # only comments: the defaults
    if not isinstance(data, dict):
        raise UserError([source.diagnostic((), "isi berkas harus berupa pemetaan (kunci: nilai) di tingkat teratas")])
    problems: list[Diagnostic] = []
    for key in data:
        if key not in ("judul", "tahun"):
            close = difflib.get_close_matches(str(key), ["judul", "tahun"], n=1, cutoff=0.6)
            hint = f"; maksudnya `{close[0]}`?" if close else "; yang dikenal: `judul` dan `tahun`"
            problems.append(source.diagnostic((key,), f"kunci `{key}` tidak dikenal{hint}", key=True))
    judul: tuple[str, ...] | None = None
    if data.get("judul") is not None:
        lines = _lines(data["judul"])
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            problems.append(
                source.diagnostic(("judul",), "judul: tulis sebagai daftar baris teks (setiap baris diawali `- `)")
            )
        elif not [line for line in lines if line.strip()]:
            problems.append(source.diagnostic(("judul",), "judul: tidak boleh kosong"))
        elif len(lines) > MAX_TITLE_LINES:
            problems.append(source.diagnostic(("judul",), f"judul: paling banyak {MAX_TITLE_LINES} baris"))
        else:
            for index, line in enumerate(lines):
                if len(line.strip()) > MAX_TITLE_LINE:
                    problems.append(
                        source.diagnostic(
                            ("judul", index), f"judul baris {index + 1}: paling panjang {MAX_TITLE_LINE} karakter"
                        )
                    )
            judul = tuple(" ".join(line.split()) for line in lines if line.strip())
    tahun: int | None = None
    if data.get("tahun") is not None:
        value = data["tahun"]
        if isinstance(value, str) and re.fullmatch(r"[0-9]{1,4}", value.strip()):
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or not YEARS[0] <= value <= YEARS[1]:
            problems.append(
                source.diagnostic(
                    ("tahun",), f"tahun: `{data['tahun']}` bukan tahun yang sah; tulis empat angka, misalnya 2024"
                )
            )
        else:
            tahun = value
    if problems:
        raise UserError(problems)
    return BookSettings(judul, tahun, path, source.warnings)


def book_settings(sources: Sequence[Path]) -> BookSettings:
    """The settings in `buku.yaml` of the definitions' folder, or the defaults when it has none, e.g.

    judul:
      - BUKU
      - STANDAR OPERASIONAL PROSEDUR
      - BIRO UMUM
    tahun: 2024
    """
    folder = settings_folder(sources)
    if folder is None:
        return BookSettings()
    path = folder / BOOK_FILE
    if not path.is_file():
        return BookSettings()
    return read_settings(path)


def write_book(
    chapters: list[Chapter],
    target: Path | BinaryIO,
    settings: BookSettings | None = None,
    today: dt.date | None = None,
) -> int:
    """Lay out and draw the book; return its page count. Without `settings`, `buku.yaml` beside the
    chapters' definitions is read (a problem in it is a UserError)."""
    from .writers import book_pdf

    if settings is None:
        settings = book_settings([c.source for c in chapters])
    year = settings.tahun if settings.tahun is not None else book_year(chapters, today)
    book = layout_book(
        [c.document for c in chapters], [c.layout for c in chapters], year, settings.judul or TITLE_LINES
    )
    book_pdf.write(book, target)
    return book.total


REGISTER_COLUMNS = [
    Column("No.", 5, "center"),
    Column("Nomor SOP", 26),
    Column("Judul SOP", 48),
    Column("Jenis", 8),
    Column("Unit", 34),
    Column("Tanggal Pembuatan", 16, "center"),
    Column("Tanggal Efektif", 16, "center"),
    Column("Tanggal Revisi Terakhir", 18, "center"),
    Column("Revisi ke", 9, "center"),
    Column("Catatan Revisi Terakhir", 40),
    Column("Jumlah Langkah", 10, "center"),
    Column(f"Total Waktu (1 hari = {WORKDAY_HOURS} jam kerja)", 26),
    Column("Total (menit)", 11),
]
LINK_COLUMNS = [Column(suffix.upper(), 30) for suffix in ("pdf", "xlsx", "docx")]
NONE = "-"
"""What a date or note the SOP does not have shows."""


def register_row(chapter: Chapter, number: int) -> RegisterRow:
    sop = chapter.document.sop
    last = sop.revisi_terakhir
    minutes = sum(step.waktu.minutes for step in sop.langkah if step.waktu)
    values: tuple[str | int | dt.date, ...] = (
        number,
        sop.nomor,
        sop.judul,
        sop.jenis.capitalize(),
        ", ".join(sop.unit),
        sop.tanggal_pembuatan,
        sop.tanggal_efektif or NONE,
        last.tanggal if last else NONE,
        last.ke if last else 0,
        (last.catatan.strip() or NONE) if last else NONE,
        len(sop.langkah),
        duration(minutes),
        int(round(minutes)),
    )
    return RegisterRow(values, tuple(f"{chapter.stem}.{suffix}" for suffix in ("pdf", "xlsx", "docx")))


def register_paper(chapters: Sequence[Chapter]) -> str:
    """The paper most SOPs are printed on (F4 when there are none)."""
    return Counter(c.document.kertas for c in chapters).most_common(1)[0][0] if chapters else "F4"


def write_register(chapters: list[Chapter], target: Path | BinaryIO) -> None:
    """The register of all SOPs, with filters, a frozen header, links to each file and a print setup."""
    from .writers import register_xlsx

    rows = [register_row(chapter, number) for number, chapter in enumerate(chapters, start=1)]
    setup = PrintSetup(paper=register_paper(chapters))
    register_xlsx.write(REGISTER_COLUMNS, LINK_COLUMNS, rows, target, setup)
