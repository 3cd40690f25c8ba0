"""Recap -> `rekap-monev.xlsx`: a summary sheet with counts and a chart, the findings, the units, and
the SOPs to revise with their `sopgen revise` commands.

In the style of the SOP register (`writers/register_xlsx.py`): Arial 9, grey headings, thin borders,
filters and frozen headings, printed landscape one page wide with page numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break

from ..templating import xml_text
from ..writers.common import AUTHOR, FIXED_DATE
from ..writers.openpyxl_sheet import print_landscape
from ..writers.package import emit, repack, workbook_parts
from ..writers.register_xlsx import DIGIT_PX, FONT, HEADER_FILL, HEADER_HEIGHT, MARGINS, SIZE, Column, row_height
from ..writers.spreadsheetml import DEFAULT_FONT, column_width
from . import meta
from .recap import Recap, revise_command

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE_SIZE = 12.0
FOOTER = "Halaman &P dari &N"
YES, NO = "Ya", "Tidak"
PX = 0.75
"""Points per pixel."""

SUMMARY = (
    Column("No.", 5, "center"),
    Column("Nomor SOP", 22),
    Column("Judul SOP", 32),
    Column("Unit", 24),
    Column("Formulir diterima", 10, "center"),
    Column("Formulir kosong", 10, "center"),
    Column("Langkah dinilai", 10, "center"),
    Column("Berjalan dengan baik", 11, "center"),
    Column("Tidak berjalan dengan baik", 11, "center"),
    Column("Belum dinilai", 9, "center"),
    Column("Kriteria dijawab Tidak", 10, "center"),
    Column("Direkomendasikan revisi", 12, "center"),
)
FINDINGS = (
    Column("Nomor SOP", 20),
    Column("Judul SOP", 22),
    Column("Unit", 18),
    Column("Formulir", 10),
    Column("No.", 5, "center"),
    Column("Langkah / kriteria", 36),
    Column("Pelaksana", 14),
    Column("Penilaian", 13),
    Column("Catatan hasil penilaian", 30),
    Column("Tindakan yang harus diambil", 30),
)
UNITS = (
    Column("Unit", 34),
    Column("SOP", 8, "center"),
    Column("Formulir diterima", 10, "center"),
    Column("Formulir kosong", 10, "center"),
    Column("Berjalan dengan baik", 11, "center"),
    Column("Tidak berjalan dengan baik", 11, "center"),
    Column("Belum dinilai", 9, "center"),
    Column("Kriteria dijawab Tidak", 10, "center"),
    Column("Pelaksana monitoring/evaluasi", 40),
)
REVISIONS = (
    Column("No.", 5, "center"),
    Column("Nomor SOP", 24),
    Column("Judul SOP", 36),
    Column("Alasan", 40),
    Column("Perintah untuk mencatat revisinya", 90),
)
FORM_NAMES = {"monitoring": "Monitoring", "evaluasi": "Evaluasi"}
CHART_SERIES = ((8, "70AD47"), (9, "C00000"), (11, "ED7D31"))
"""Summary columns drawn, with their colours: steps running well (green), steps not running well
(red), criteria answered Tidak (orange)."""
CHART_W = 22.0
CHART_MAX_H = 17.0
"""Chart size in cm: as wide as the printed table, at most as tall as a landscape page."""


def _text(value: object) -> object:
    return xml_text(value) if isinstance(value, str) else value


class _Sheet:
    def __init__(self, ws: Any, title: str, paper: str):
        self.ws = ws
        self.title = title
        self.paper = paper
        self.row = 1
        self.widths: dict[int, float] = {}

    def heading(self, value: str, size: float = TITLE_SIZE) -> None:
        cell = self.ws.cell(self.row, 1, _text(value))
        cell.font = Font(name=FONT, size=size, bold=True)
        self.ws.row_dimensions[self.row].height = size * 1.6
        self.row += 1

    def pairs(self, pairs: Sequence[tuple[str, int | str]], label_span: int = 3) -> None:
        """Label and value lines above a table: the label over the first `label_span` columns."""
        for label, value in pairs:
            self.ws.cell(self.row, 1, _text(label)).font = Font(name=FONT, size=SIZE)
            if label_span > 1:
                self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=label_span)
            cell = self.ws.cell(self.row, label_span + 1, _text(value))
            cell.font = Font(name=FONT, size=SIZE, bold=True)
            cell.alignment = Alignment(horizontal="left")
            self.row += 1

    def blank(self) -> None:
        self.row += 1

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[object]], bold_last: bool = False) -> int:
        """Write a table at the current row; return the row of its headings."""
        ws, top = self.ws, self.row
        for index, column in enumerate(columns, start=1):
            cell = ws.cell(top, index, column.caption)
            cell.font = Font(name=FONT, size=SIZE, bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = BORDER
            self.widths[index] = max(self.widths.get(index, 0.0), column.width)
            # Widths are counted in digits of Calibri 11 (7 px), as the register's; the workbook's
            # default font is Courier New 10 (8 px a digit in Excel and LibreOffice alike), so the
            # width is given in those units and every program shows the same pixels.
            ws.column_dimensions[get_column_letter(index)].width = column_width(self.widths[index] * DIGIT_PX * PX)
        ws.row_dimensions[top].height = max(HEADER_HEIGHT, row_height([c.caption for c in columns], columns, True))
        for number, values in enumerate(rows, start=top + 1):
            bold = bold_last and number == top + len(rows)
            for index, (value, column) in enumerate(zip(values, columns), start=1):
                cell = ws.cell(number, index, _text(value))
                if isinstance(value, str):
                    cell.data_type = "s"  # a note that starts with "=" stays text
                cell.font = Font(name=FONT, size=SIZE, bold=bold)
                cell.alignment = Alignment(horizontal=column.align, vertical="top", wrap_text=True)
                cell.border = BORDER
            texts = [v if isinstance(v, str) else str(v) for v in values]
            ws.row_dimensions[number].height = row_height(texts, columns, bold)
        self.row = top + len(rows) + 1
        return top

    def finish(self, header_row: int | None, columns: int, filtered_rows: int = 0) -> None:
        ws = self.ws
        if header_row is not None:
            ws.print_title_rows = f"{header_row}:{header_row}"
            if filtered_rows:
                ws.freeze_panes = f"A{header_row + 1}"
                ws.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{header_row + filtered_rows}"
        print_landscape(ws, self.paper, MARGINS)
        ws.oddFooter.left.text = xml_text(self.title).replace("&", "&&")
        ws.oddFooter.right.text = FOOTER
        for part in (ws.oddFooter.left, ws.oddFooter.right):
            part.size = 8
            part.font = FONT


def _summary(book: Workbook, recap: Recap, paper: str) -> None:
    ws = book.active
    ws.title = "Ringkasan"
    sheet = _Sheet(ws, f"Rekap Monev SOP AP {recap.periode}", paper)
    sheet.heading(f"Rekap Monitoring dan Evaluasi SOP AP: {recap.periode}")
    forms = recap.total("monitoring_forms") + recap.total("evaluation_forms")
    sheet.pairs(
        [
            ("SOP dimonitor", len(recap.monitored)),
            ("Unit", len(recap.units)),
            ("Formulir diterima (kosong)", f"{forms} ({recap.total('empty_forms')})"),
            ("Langkah dinilai", recap.total("steps_assessed")),
            ("Langkah tidak berjalan dengan baik", recap.total("steps_not_well")),
            ("Kriteria evaluasi dijawab Tidak", recap.total("criteria_tidak")),
            ("SOP direkomendasikan untuk direvisi", len(recap.to_revise)),
        ]
    )
    sheet.blank()
    rows: list[list[object]] = []
    for number, sop in enumerate(recap.sops, start=1):
        rows.append(
            [
                number,
                sop.nomor,
                sop.judul,
                ", ".join(sop.units),
                sop.monitoring_forms + sop.evaluation_forms,
                sop.empty_forms,
                sop.steps_assessed,
                sop.steps_well,
                sop.steps_not_well,
                sop.steps_unassessed,
                sop.criteria_tidak,
                YES if sop.revise else NO,
            ]
        )
    totals: list[object] = ["", "Jumlah", "", ""]
    for name in (
        "monitoring_forms",
        "empty_forms",
        "steps_assessed",
        "steps_well",
        "steps_not_well",
        "steps_unassessed",
        "criteria_tidak",
    ):
        totals.append(recap.total(name) + (recap.total("evaluation_forms") if name == "monitoring_forms" else 0))
    totals.append(len(recap.to_revise))
    top = sheet.table(SUMMARY, [*rows, totals], bold_last=True)
    sheet.finish(None, len(SUMMARY))
    if recap.sops:
        ws.row_breaks.append(Break(id=sheet.row))  # the chart prints on a page of its own
        _chart(ws, top, len(recap.sops), sheet.row + 1)


def _chart(ws: Any, top: int, count: int, at_row: int) -> None:
    """Bars per SOP: steps that do not run well and criteria answered Tidak, beside the steps that do."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.title = "Hasil monitoring dan evaluasi per SOP"
    chart.y_axis.title = "Jumlah"
    chart.x_axis.title = "Nomor SOP"
    chart.height = min(CHART_MAX_H, max(7.5, 3.0 + 1.0 * count))
    chart.width = CHART_W
    for column, colour in CHART_SERIES:
        data = Reference(ws, min_col=column, min_row=top, max_row=top + count)
        chart.add_data(data, titles_from_data=True)
        chart.series[-1].graphicalProperties.solidFill = colour
        chart.series[-1].graphicalProperties.line.solidFill = colour
    chart.set_categories(Reference(ws, min_col=2, min_row=top + 1, max_row=top + count))
    chart.x_axis.scaling.orientation = "maxMin"  # the first SOP at the top, as in the table
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.majorGridlines = None
    chart.legend.position = "b"
    ws.add_chart(chart, f"B{at_row}")


def _findings(book: Workbook, recap: Recap, paper: str) -> None:
    ws = book.create_sheet("Temuan")
    sheet = _Sheet(ws, f"Temuan Monev SOP AP {recap.periode}", paper)
    sheet.heading(f"Temuan per SOP: {recap.periode}")
    sheet.pairs([("Langkah tidak berjalan dengan baik dan kriteria evaluasi yang dijawab Tidak", "")])
    sheet.blank()
    rows = [
        [
            f.nomor,
            f.judul,
            f.unit,
            FORM_NAMES[f.kind],
            f.number,
            f.text,
            f.pelaksana,
            f.nilai,
            f.catatan,
            f.tindakan or "(belum diisi)",
        ]
        for f in recap.findings
    ]
    if not rows:
        rows = [["", "Tidak ada temuan: semua langkah berjalan dengan baik dan semua kriteria dijawab Ya.", *[""] * 8]]
    top = sheet.table(FINDINGS, rows)
    sheet.finish(top, len(FINDINGS), len(rows))


def _units(book: Workbook, recap: Recap, paper: str) -> None:
    ws = book.create_sheet("Per Unit")
    sheet = _Sheet(ws, f"Monev SOP AP per unit {recap.periode}", paper)
    sheet.heading(f"Rekap per unit: {recap.periode}")
    sheet.blank()
    rows = [
        [
            unit.unit,
            len(unit.sops),
            unit.forms,
            unit.empty_forms,
            unit.steps_well,
            unit.steps_not_well,
            unit.steps_unassessed,
            unit.criteria_tidak,
            ", ".join(sorted(unit.pemantau, key=str.casefold)),
        ]
        for unit in recap.units
    ]
    top = sheet.table(UNITS, rows)
    sheet.finish(top, len(UNITS), len(rows))


def _revisions(book: Workbook, recap: Recap, paper: str) -> None:
    ws = book.create_sheet("Revisi")
    sheet = _Sheet(ws, f"SOP yang direkomendasikan untuk direvisi {recap.periode}", paper)
    sheet.heading(f"SOP yang direkomendasikan untuk direvisi: {recap.periode}")
    sheet.pairs([("Jalankan perintah di kolom terakhir untuk mencatat revisi di definisinya", "")])
    sheet.blank()
    rows = [
        [number, sop.nomor, sop.judul, sop.reasons, revise_command(sop, recap.periode)]
        for number, sop in enumerate(recap.to_revise, start=1)
    ]
    if not rows:
        rows = [["", "Tidak ada SOP yang perlu direvisi.", "", "", ""]]
    top = sheet.table(REVISIONS, rows)
    sheet.finish(top, len(REVISIONS))


def build(recap: Recap, paper: str = "F4") -> Workbook:
    book = Workbook()
    default = Font(name=DEFAULT_FONT, sz=10, family=3)
    book._fonts = IndexedList([default])
    book._named_styles["Normal"].font = default
    _summary(book, recap, paper)
    _findings(book, recap, paper)
    _units(book, recap, paper)
    _revisions(book, recap, paper)
    marker = book.create_sheet(meta.SHEET)
    marker.append(list(meta.HEADING))
    marker.append([meta.RECAP, recap.periode])
    marker.sheet_state = "veryHidden"
    book.active = 0
    properties = book.properties
    properties.title = xml_text(f"Rekap Monev SOP AP {recap.periode}")[:255]
    properties.creator = properties.lastModifiedBy = AUTHOR
    properties.created = properties.modified = FIXED_DATE
    return book


def write(recap: Recap, target: Path | BinaryIO, paper: str = "F4") -> None:
    emit(target, repack(workbook_parts(build(recap, paper))))
