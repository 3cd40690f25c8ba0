"""The SOP sheet's XLSX is written as text, without openpyxl, as openpyxl wrote it: each part is
compared here with what openpyxl writes for the same cells, styles, merges, footer and properties."""

from __future__ import annotations

import io
import random
import re
import subprocess
import sys
import zipfile
from datetime import datetime

import openpyxl
import pytest
from conftest import ROOT
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.pagebreak import Break

from sopgen.layout.document import Margins
from sopgen.writers import spreadsheetml as sml
from sopgen.writers.openpyxl_sheet import BORDER, page_margins, print_landscape

HOSTILE = [
    "biasa",
    "A & B <c> \"q\" 'a' ]]> &amp;",
    "=SUM(A1:A2)",
    "  spasi di kedua ujung  ",
    "   ",
    "\tdiawali tab",
    "baris\r\nbaru\r",
    "é ñ — “kutip” \u2003em\u00a0nbsp \u2028 \u0085 😀 𝔘 中文",
    "\u2003",
    "",
    "x" * 40000,
]


def test_the_sheet_writer_imports_no_openpyxl():
    code = "import sys, sopgen.writers.xlsx; print(sorted(m for m in sys.modules if m.split('.')[0] == 'openpyxl'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"


def openpyxl_parts(workbook: openpyxl.Workbook) -> dict[str, str]:
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist()}


def new_workbook() -> openpyxl.Workbook:
    """A workbook as the SOP sheet's writer made it with openpyxl: Courier New 10 the default font."""
    workbook = openpyxl.Workbook()
    default = Font(name=sml.DEFAULT_FONT, sz=10, family=3)
    workbook._fonts = IndexedList([default])
    workbook._named_styles["Normal"].font = default
    return workbook


def first_cell(sheet_xml: str) -> str:
    return re.search(r"<c r=\"A1\".*?</c>", sheet_xml, re.S).group(0)


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_plain_text_is_written_as_openpyxl_wrote_it(value):
    workbook = new_workbook()
    cell = workbook.active.cell(1, 1, value)
    cell.data_type = "s"
    cell.font = Font(name="Arial", size=8)
    expected = first_cell(openpyxl_parts(workbook)["xl/worksheets/sheet1.xml"])
    ours = sml.Worksheet("SOP")
    ours.put(1, 1, sml.CellStyle(font=1), sml.text_content(value))
    assert first_cell(_sheet(ours).decode("ascii")) == expected


@pytest.mark.parametrize("value", HOSTILE[:-1], ids=range(len(HOSTILE) - 1))
def test_rich_text_is_written_as_openpyxl_wrote_it(value):
    runs = [
        (value + "\n", sml.Font("Arial", 8.0, True)),
        (value, sml.Font("Arial", 7.5)),
        ("", sml.Font("Arial", 6.75)),
    ]
    workbook = new_workbook()
    cell = workbook.active.cell(1, 1)
    cell.value = CellRichText([TextBlock(InlineFont(rFont=f.name, sz=f.size, b=f.bold), text) for text, f in runs])
    cell.font = Font(name="Arial", size=8)
    expected = first_cell(openpyxl_parts(workbook)["xl/worksheets/sheet1.xml"])
    ours = sml.Worksheet("SOP")
    ours.put(1, 1, sml.CellStyle(font=1), sml.rich_content(runs))
    assert first_cell(_sheet(ours).decode("ascii")) == expected


def _sheet(worksheet: sml.Worksheet, styles: sml.Styles | None = None, several: bool = False) -> bytes:
    margins = page_margins(MARGINS)
    inches = (margins.left, margins.right, margins.top, margins.bottom, margins.header, margins.footer)
    setup = sml.PageSetup("F4", inches, 2 if several else None)
    return worksheet.xml(styles or sml.Styles(), setup, sml.footer("X", "&P", "Arial", 7.5), drawing=False)


MARGINS = Margins(left=28.5, top=28.5, right=28.5, bottom=36.0, footer=14.25)


@pytest.mark.parametrize("value", HOSTILE[:-1], ids=range(len(HOSTILE) - 1))
def test_footer_and_properties_are_written_as_openpyxl_wrote_them(value):
    workbook = new_workbook()
    ws = workbook.active
    for part, text in ((ws.oddFooter.left, value.replace("&", "&&")), (ws.oddFooter.right, f"{value} &P dari &N")):
        part.text, part.size, part.font = text, 7.5, "Arial"
    properties = workbook.properties
    properties.title, properties.subject = value, value + " "
    properties.creator = properties.lastModifiedBy = "sopgen"
    properties.created = properties.modified = datetime(2000, 1, 1)
    parts = openpyxl_parts(workbook)
    footer = sml.footer(value.replace("&", "&&"), f"{value} &P dari &N", "Arial", 7.5)
    assert footer.encode("ascii", "xmlcharrefreplace").decode() in parts["xl/worksheets/sheet1.xml"]
    core = sml.core_properties(value, value + " ", "sopgen", "2000-01-01T00:00:00Z").decode("utf-8")
    assert core == re.sub(r"\d{4}-\d\d-\d\dT[\d:]+Z", "2000-01-01T00:00:00Z", parts["docProps/core.xml"])


@pytest.mark.parametrize("seed", range(12))
def test_a_sheet_of_cells_merges_and_breaks_is_written_as_openpyxl_wrote_it(seed):
    """Random cells written the way the sheet's writer wrote them with openpyxl: the worksheet,
    styles (numbered in order of first use) and workbook parts are the same text."""
    rng = random.Random(seed)
    workbook = new_workbook()
    ws = workbook.active
    ws.title = "SOP"
    ours, styles = sml.Worksheet("SOP"), sml.Styles()
    columns = rng.randint(3, 30)
    widths = [rng.choice([0, 22.5, 69.0, 110.25, rng.uniform(1, 300)]) for _ in range(columns)]
    ours.widths = [sml.column_width(w) for w in widths]
    for index, width in enumerate(ours.widths, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    row = 1
    while row < rng.randint(5, 60):
        height = rng.choice([0, 9.0, 15.75, rng.uniform(1, 100)])
        ws.row_dimensions[row].height = height
        ours.heights[row] = height
        col = 1
        while col <= columns:
            span = min(rng.choice([1, 1, 1, 2, 5]), columns - col + 1)
            _random_cell(rng, ws, ours, styles, row, col, span)
            col += span
        if rng.random() < 0.2:
            ws.row_breaks.append(Break(id=row))
            ours.breaks.append(row)
        row += 1
    print_landscape(ws, "F4", page_margins(MARGINS))
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.text, part.size, part.font = "X" if part is ws.oddFooter.left else "&P", 7.5, "Arial"
    ws.print_area = f"A1:{openpyxl.utils.get_column_letter(columns)}{row - 1}"
    ws.print_title_rows = "1:2"
    parts = openpyxl_parts(workbook)
    assert _sheet(ours, styles).decode("ascii") == parts["xl/worksheets/sheet1.xml"]
    assert styles.xml().decode() == parts["xl/styles.xml"]
    entry = sml.SheetEntry("SOP", (1, 2), row - 1, columns)
    assert sml.workbook([entry]).decode() == parts["xl/workbook.xml"]


def _random_cell(rng, ws, ours: sml.Worksheet, styles: sml.Styles, row: int, col: int, span: int) -> None:
    size, bold = rng.choice([6.75, 7.5, 8.0, 10.5]), rng.random() < 0.3
    fill = rng.choice([None, None, "D9D9D9", "FFFFFF"])
    horizontal, vertical = rng.choice(["left", "center", "right"]), rng.choice(["top", "center", "bottom"])
    value = rng.choice(["", None, "teks", "=1", " a "])
    cell = ws.cell(row, col)
    if value is not None:
        cell.value = value
        cell.data_type = "s"
    if span > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)
    cell.font = Font(name="Arial", size=size, bold=bold)
    cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
    cell.border = BORDER
    if fill:
        cell.fill = PatternFill("solid", fgColor=fill)
    font = styles.font(sml.Font("Arial", size, bold))
    border = styles.thin_border()
    fill_id = styles.fill(fill) if fill else 0
    alignment = sml.Alignment(horizontal, vertical, True)
    ours.put(
        row,
        col,
        sml.CellStyle(font, fill_id, border, alignment),
        sml.EMPTY if value is None else sml.text_content(value),
    )
    if span > 1:
        ours.merge(row, col, row, col + span - 1)
    for c in range(col + 1, col + span):
        covered = ws.cell(row, c)
        covered.border = BORDER
        if fill:
            covered.fill = PatternFill("solid", fgColor=fill)
        ours.put(row, c, sml.CellStyle(0, fill_id, border))
