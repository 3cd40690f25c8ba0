"""All SOPs -> the SOP book (cover, contents, every sheet, bookmarks) and the register workbook."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.pdfgen.canvas import Canvas

from . import fontmetrics
from .dates import tanggal_singkat
from .definition.model import MINUTES_PER, SopDocument
from .errors import Diagnostic, UserError
from .layout import LaidOutDocument
from .layout.paper import MARGINS, page_size
from .pipeline import prepare
from .templating import xml_text
from .writers import pdf
from .writers.package import emit, read_parts, repack

BOOK_NAME = "buku-sop.pdf"
REGISTER_NAME = "daftar-sop.xlsx"
TOC_ROWS = 24
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


def toc_pages(count: int) -> int:
    return max(1, -(-count // TOC_ROWS))


def write_book(chapters: list[Chapter], target: Path | BinaryIO) -> int:
    """Draw the book; return its page count."""
    fontmetrics.register_fonts()
    width, height = page_size(chapters[0].document.kertas)
    canvas = Canvas(
        target if not isinstance(target, Path) else str(target),
        pagesize=(width, height),
        invariant=1,
        pageCompression=1,
    )
    canvas.setTitle("Buku Standar Operasional Prosedur Administrasi Pemerintahan")
    canvas.setAuthor("sopgen")
    canvas.setCreator("sopgen")
    contents = toc_pages(len(chapters))
    first_pages = []
    page = 1 + contents + 1
    for chapter in chapters:
        first_pages.append(page)
        page += len(chapter.layout.pages)
    total = page - 1
    _cover(canvas, chapters, width, height)
    _contents(canvas, chapters, first_pages, width, height, total)
    number = 1 + contents
    for index, chapter in enumerate(chapters):
        document = chapter.layout
        painter = pdf.Painter(canvas, document.height)
        for sheet_page in document.pages:
            number += 1
            canvas.setPageSize((document.width, document.height))
            if sheet_page.number == 1:
                key = f"sop-{index + 1}"
                canvas.bookmarkPage(key)
                canvas.addOutlineEntry(f"{chapter.document.sop.nomor} {chapter.document.sop.judul}", key, level=0)
            painter.page(document, sheet_page, f"Halaman {number} dari {total}")
            canvas.showPage()
    canvas.showOutline()
    canvas.save()
    return total


def _centered(canvas: Canvas, text: str, y: float, width: float, size: float, bold: bool = False) -> None:
    canvas.setFont(fontmetrics.font_name(bold), size)
    canvas.drawCentredString(width / 2, y, xml_text(text))


def _cover(canvas: Canvas, chapters: list[Chapter], width: float, height: float) -> None:
    first = chapters[0].document
    y = height - 90
    emblem = first.logo_path
    if emblem is not None:
        canvas.drawImage(str(emblem), width / 2 - 40, y - 80, 80, 80, preserveAspectRatio=True, mask="auto")
    else:
        canvas.saveState()
        canvas.setDash(2, 2)
        canvas.setStrokeGray(0.6)
        canvas.rect(width / 2 - 40, y - 80, 80, 80)
        canvas.restoreState()
    y -= 120
    _centered(canvas, "BUKU", y, width, 20, True)
    _centered(canvas, "STANDAR OPERASIONAL PROSEDUR", y - 28, width, 20, True)
    _centered(canvas, "ADMINISTRASI PEMERINTAHAN", y - 56, width, 20, True)
    y -= 120
    units = Counter(tuple(c.document.sop.unit) for c in chapters).most_common(1)[0][0]
    for line in list(units[1:] or units) + list(first.instansi):
        _centered(canvas, line, y, width, 13, True)
        y -= 18
    _centered(canvas, f"TAHUN {book_year(chapters)}", y - 30, width, 14, True)
    _centered(canvas, f"{len(chapters)} SOP", 60, width, 9)
    canvas.showPage()


def _contents(
    canvas: Canvas, chapters: list[Chapter], first_pages: list[int], width: float, height: float, total: int
) -> None:
    left, right = MARGINS.left + 40, width - MARGINS.right - 40
    for page_index in range(toc_pages(len(chapters))):
        _centered(canvas, "DAFTAR ISI", height - 70, width, 14, True)
        y = height - 110
        canvas.setFont(fontmetrics.font_name(True), 9)
        canvas.drawString(left, y, "No.")
        canvas.drawString(left + 30, y, "Nomor SOP")
        canvas.drawString(left + 200, y, "Judul SOP")
        canvas.drawRightString(right, y, "Halaman")
        y -= 20
        rows = list(enumerate(chapters))[page_index * TOC_ROWS : (page_index + 1) * TOC_ROWS]
        for index, chapter in rows:
            sop = chapter.document.sop
            canvas.setFont(fontmetrics.font_name(False), 9)
            canvas.drawString(left, y, f"{index + 1}.")
            canvas.drawString(left + 30, y, xml_text(sop.nomor)[:40])
            title = xml_text(sop.flow_title)
            limit = right - 40 - (left + 200)
            while fontmetrics.width(title, 9) > limit and len(title) > 4:
                title = title[:-4] + "..."
            canvas.drawString(left + 200, y, title)
            number = str(first_pages[index])
            dots_from = left + 200 + fontmetrics.width(title, 9) + 4
            dots_to = right - fontmetrics.width(number, 9) - 4
            canvas.setFillGray(0.5)
            canvas.drawString(dots_from, y, "." * max(0, int((dots_to - dots_from) / fontmetrics.width(".", 9))))
            canvas.setFillGray(0)
            canvas.drawRightString(right, y, number)
            canvas.linkRect("", f"sop-{index + 1}", (left, y - 3, right, y + 10), relative=0, thickness=0)
            y -= 17
        canvas.setFont(fontmetrics.font_name(False), 7.5)
        canvas.drawRightString(width - MARGINS.right, MARGINS.footer, f"Halaman {2 + page_index} dari {total}")
        canvas.showPage()


REGISTER_COLUMNS = [
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
    ("PDF", 30),
    ("XLSX", 30),
    ("DOCX", 30),
]


def write_register(chapters: list[Chapter], target: Path | BinaryIO) -> None:
    """The register of all SOPs, with filters, a frozen header and links to each file."""
    book = Workbook()
    ws = book.active
    ws.title = "Daftar SOP"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for column, (caption, width) in enumerate(REGISTER_COLUMNS, start=1):
        cell = ws.cell(1, column, caption)
        cell.font = Font(name="Arial", size=9, bold=True)
        cell.fill = PatternFill("solid", fgColor="D9D9D9")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.row_dimensions[1].height = 30
    for row, chapter in enumerate(chapters, start=2):
        sop = chapter.document.sop
        last = sop.revisi_terakhir
        minutes = sum(step.waktu.minutes for step in sop.langkah if step.waktu)
        values = [
            row - 1,
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
        ]
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row, column, xml_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.font = Font(name="Arial", size=9)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
        for column, suffix in enumerate((".pdf", ".xlsx", ".docx"), start=len(values) + 1):
            name = f"{chapter.stem}{suffix}"
            cell = ws.cell(row, column, name)
            cell.hyperlink = name
            cell.font = Font(name="Arial", size=9, color="0563C1", underline="single")
            cell.border = border
    ws.auto_filter.ref = f"A1:{get_column_letter(len(REGISTER_COLUMNS))}{len(chapters) + 1}"
    ws.freeze_panes = "A2"
    book.properties.title = "Daftar SOP"
    book.properties.creator = "sopgen"
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    emit(target, repack(read_parts(buffer.getvalue())))
