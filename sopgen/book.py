"""All SOPs -> the SOP book (cover, contents, every sheet, bookmarks) and the register workbook."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .dates import tanggal_singkat
from .definition.model import MINUTES_PER, SopDocument
from .errors import Diagnostic, UserError
from .layout import LaidOutDocument
from .layout.book import layout_book
from .pipeline import prepare
from .writers.register_xlsx import Column, RegisterRow

WORKDAY_HOURS = MINUTES_PER["hari"] // 60


@dataclass
class Chapter:
    source: Path
    document: SopDocument
    layout: LaidOutDocument
    stem: str


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


def duration(minutes: float) -> str:
    """Minutes as working days, hours and minutes: `2 hari 3 jam 15 menit`."""
    minutes = int(round(minutes))
    days, rest = divmod(minutes, MINUTES_PER["hari"])
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari" if days else "", f"{hours} jam" if hours else "", f"{mins} menit" if mins else ""]
    return " ".join(p for p in parts if p) or "0 menit"


def book_year(chapters: list[Chapter]) -> int:
    dates = []
    for chapter in chapters:
        sop = chapter.document.sop
        dates += [sop.tanggal_pembuatan, sop.tanggal_efektif] + [r.tanggal for r in sop.revisi]
    return max((d for d in dates if d), default=dt.date.today()).year


def write_book(chapters: list[Chapter], target: Path | BinaryIO) -> int:
    """Lay out and draw the book; return its page count."""
    from .writers import book_pdf

    book = layout_book([c.document for c in chapters], [c.layout for c in chapters], book_year(chapters))
    book_pdf.write(book, target)
    return book.total


REGISTER_COLUMNS = [
    Column(caption, width)
    for caption, width in [
        ("No.", 5),
        ("Nomor SOP", 26),
        ("Judul SOP", 48),
        ("Jenis", 8),
        ("Unit", 34),
        ("Tanggal Pembuatan", 16),
        ("Tanggal Efektif", 16),
        ("Tanggal Revisi Terakhir", 18),
        ("Revisi ke", 9),
        ("Jumlah Langkah", 10),
        (f"Total Waktu (1 hari = {WORKDAY_HOURS} jam kerja)", 26),
        ("Total (menit)", 11),
    ]
]
LINK_COLUMNS = [Column(suffix.upper(), 30) for suffix in ("pdf", "xlsx", "docx")]


def register_row(chapter: Chapter, number: int) -> RegisterRow:
    sop = chapter.document.sop
    last = sop.revisi_terakhir
    minutes = sum(step.waktu.minutes for step in sop.langkah if step.waktu)
    values: tuple[str | int, ...] = (
        number,
        sop.nomor,
        sop.judul,
        sop.jenis.capitalize(),
        ", ".join(sop.unit),
        tanggal_singkat(sop.tanggal_pembuatan),
        tanggal_singkat(sop.tanggal_efektif) if sop.tanggal_efektif else "-",
        tanggal_singkat(last.tanggal) if last else "-",
        last.ke if last else 0,
        len(sop.langkah),
        duration(minutes),
        int(round(minutes)),
    )
    return RegisterRow(values, tuple(f"{chapter.stem}.{suffix}" for suffix in ("pdf", "xlsx", "docx")))


def write_register(chapters: list[Chapter], target: Path | BinaryIO) -> None:
    """The register of all SOPs, with filters, a frozen header and links to each file."""
    from .writers import register_xlsx

    rows = [register_row(chapter, number) for number, chapter in enumerate(chapters, start=1)]
    register_xlsx.write(REGISTER_COLUMNS, LINK_COLUMNS, rows, target)
