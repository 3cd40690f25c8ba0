"""Register rows -> `daftar-sop.xlsx`: one row per SOP, with filters, a frozen header and links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from ..templating import xml_text
from .common import AUTHOR, FIXED_DATE
from .package import emit, repack, workbook_parts

FONT = "Arial"
HEADER_FILL = "D9D9D9"
LINK_COLOUR = "0563C1"


@dataclass(frozen=True)
class Column:
    caption: str
    width: float
    """Excel column width, in characters."""


@dataclass(frozen=True)
class RegisterRow:
    values: tuple[str | int, ...]
    """One value per data column, in the order of the columns."""
    links: tuple[str, ...]
    """File names of the SOP's outputs, one per link column (relative to the register)."""


def write(
    columns: Sequence[Column], links: Sequence[Column], rows: Sequence[RegisterRow], target: Path | BinaryIO
) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Daftar SOP"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for index, column in enumerate([*columns, *links], start=1):
        cell = ws.cell(1, index, column.caption)
        cell.font = Font(name=FONT, size=9, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.row_dimensions[1].height = 30
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row.values, start=1):
            cell = ws.cell(number, index, xml_text(value) if isinstance(value, str) else value)
            if isinstance(value, str):
                cell.data_type = "s"
            cell.font = Font(name=FONT, size=9)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
        for index, name in enumerate(row.links, start=len(row.values) + 1):
            cell = ws.cell(number, index, name)
            cell.hyperlink = name
            cell.font = Font(name=FONT, size=9, color=LINK_COLOUR, underline="single")
            cell.border = border
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns) + len(links))}{len(rows) + 1}"
    ws.freeze_panes = "A2"
    book.properties.title = "Daftar SOP"
    book.properties.creator = AUTHOR
    book.properties.created = book.properties.modified = FIXED_DATE
    emit(target, repack(workbook_parts(book)))
