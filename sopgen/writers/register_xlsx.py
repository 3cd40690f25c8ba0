"""Register rows -> `daftar-sop.xlsx`: one row per SOP, with filters, a frozen header and links.

Dates are real Excel dates (they sort and filter as dates). Printing is set up as an office prints a
list: landscape, one page wide and as many pages tall as needed, the header row on every page, page
numbers in the footer. openpyxl does not size rows to their text, so every row gets the height its
wrapped text needs, measured with the Arial-compatible metrics of `fontmetrics`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from .. import fontmetrics
from ..templating import xml_text
from .common import AUTHOR, FIXED_DATE
from .openpyxl_sheet import print_landscape
from .package import emit, repack, workbook_parts

FONT = "Arial"
SIZE = 9.0
HEADER_FILL = "D9D9D9"
LINK_COLOUR = "0563C1"
DATE_FORMAT = "[$-421]dd mmm yyyy"
"""`14 Des 2017`: day, Indonesian month abbreviation (locale 0421, Bahasa Indonesia) and year."""

DIGIT_PX = 7
"""Digit width in pixels of the workbook's default font (Calibri 11), the unit of column widths."""
CELL_PADDING_PX = 3
"""Pixels Excel keeps free at each side of a cell's text."""
WRAP_MARGIN = 0.9
"""Share of the measured room that text is wrapped to: Excel draws Arial 9 with hinted widths a
little wider than the exact metrics, so a row is rather one line too tall than one line short."""
LINE = 12.0
"""Points per line of Arial 9 in Excel (its default row height for that font)."""
ROW_PADDING = 3.0
HEADER_HEIGHT = 30.0
MAX_ROW_HEIGHT = 409.0
"""The tallest row Excel allows."""
MARGINS = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.3)
"""Page margins in inches."""

Align = Literal["general", "left", "center", "right"]
Value = str | int | dt.date


@dataclass(frozen=True)
class Column:
    caption: str
    width: float
    """Excel column width, in characters."""
    align: Align = "general"
    """Horizontal alignment of the column's values."""


@dataclass(frozen=True)
class RegisterRow:
    values: tuple[Value, ...]
    """One value per data column, in the order of the columns; a date is written as an Excel date."""
    links: tuple[str, ...]
    """File names of the SOP's outputs, one per link column (relative to the register)."""


@dataclass(frozen=True)
class PrintSetup:
    paper: str = "F4"
    """The paper's name, as in the definitions (F4, A4, Legal)."""
    title: str = "Daftar SOP"
    """The sheet's name, the document title and the footer's left part."""
    footer: str = "Halaman {page} dari {pages}"
    """The footer's right part, with `{page}` and `{pages}`."""


def text_room(width: float) -> float:
    """Points of text that fit on one line of a column `width` characters wide."""
    pixels = int(((256 * width + 128 // DIGIT_PX) / 256) * DIGIT_PX)
    return max(1.0, (pixels - 2 * CELL_PADDING_PX) * 0.75 * WRAP_MARGIN)


def line_count(value: Value, width: float, bold: bool = False) -> int:
    if not isinstance(value, str):
        return 1
    return max(1, len(fontmetrics.wrap(value, text_room(width), SIZE, bold)))


def row_height(values: Sequence[Value], columns: Sequence[Column], bold: bool = False) -> float:
    """The height that shows every line of the row's wrapped texts."""
    lines = max((line_count(v, c.width, bold) for v, c in zip(values, columns)), default=1)
    return min(MAX_ROW_HEIGHT, lines * LINE + ROW_PADDING)


def _footer(text: str) -> str:
    """Footer wording as an Excel header/footer code: `&` doubled, page numbers as `&P` and `&N`."""
    escaped = xml_text(text).replace("&", "&&")
    return escaped.replace("{page}", "&P").replace("{pages}", "&N")


def write(
    columns: Sequence[Column],
    links: Sequence[Column],
    rows: Sequence[RegisterRow],
    target: Path | BinaryIO,
    setup: PrintSetup = PrintSetup(),
) -> None:
    book = Workbook()
    ws = book.active
    ws.title = setup.title
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    every = [*columns, *links]
    for index, column in enumerate(every, start=1):
        cell = ws.cell(1, index, column.caption)
        cell.font = Font(name=FONT, size=SIZE, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[1].height = max(HEADER_HEIGHT, row_height([c.caption for c in every], every, bold=True))
    for number, row in enumerate(rows, start=2):
        for index, (value, column) in enumerate(zip(row.values, columns), start=1):
            cell = ws.cell(number, index, xml_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.font = Font(name=FONT, size=SIZE)
            cell.alignment = Alignment(horizontal=column.align, vertical="top", wrap_text=True)
            cell.border = border
        for index, name in enumerate(row.links, start=len(row.values) + 1):
            cell = ws.cell(number, index, name)
            cell.hyperlink = name
            cell.font = Font(name=FONT, size=SIZE, color=LINK_COLOUR, underline="single")
            cell.alignment = Alignment(vertical="top")
            cell.border = border
        ws.row_dimensions[number].height = row_height(row.values, columns)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(every))}{len(rows) + 1}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    print_landscape(ws, setup.paper, MARGINS)
    ws.oddFooter.left.text = _footer(setup.title)
    ws.oddFooter.right.text = _footer(setup.footer)
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = 8
        part.font = FONT
    book.properties.title = setup.title
    book.properties.creator = AUTHOR
    book.properties.created = book.properties.modified = FIXED_DATE
    emit(target, repack(workbook_parts(book)))
