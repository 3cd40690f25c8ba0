"""LaidOutDocument -> XLSX: one worksheet on the layout's grid, with native flowchart shapes.

Rows are the layout's rows (a repeated header is printed by the print titles instead of being
written again), column widths and row heights are the layout's, page breaks are where the layout
breaks pages. Shapes are added to the saved package as DrawingML (see xlsx_package).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from copy import copy
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText
from openpyxl.cell.rich_text import TextBlock as RichBlock
from openpyxl.cell.text import InlineFont
from openpyxl.drawing.image import Image
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break

from ..fontmetrics import OFFICE_FONT
from ..layout import style
from ..layout.document import Cell, LaidOutDocument, Margins, Page, Para, Spacer, Table, TextBlock
from ..layout.text import CHECKBOX_SPACE
from ..templating import xml_text
from . import drawingml
from .common import FIXED_DATE, OFFICE_VALIGN, footer_parts, metadata
from .drawingml import Anchor, Item, emu
from .package import emit, repack, workbook_parts
from .xlsx_package import add_drawing

name = "xlsx"
suffix = ".xlsx"

DEFAULT_FONT = "Courier New"
DIGIT_PX = 8
PAPER_CODES = {"F4": 14, "A4": 9, "Legal": 5}
"""Excel paper codes: 14 is Folio (8.5 x 13 in), the F4 of Indonesian offices."""
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def print_landscape(ws: Any, paper: str, margins: PageMargins) -> None:
    """Print a worksheet landscape on `paper` (F4 when unknown), one page wide, with these margins."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_CODES.get(paper, PAPER_CODES["F4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = margins


def page_margins(margins: Margins) -> PageMargins:
    """A layout's margins (points) as Excel's (inches)."""
    return PageMargins(
        left=margins.left / 72,
        right=margins.right / 72,
        top=margins.top / 72,
        bottom=margins.bottom / 72,
        header=0.2,
        footer=margins.footer / 72,
    )


def column_width(points: float, digit: int = DIGIT_PX) -> float:
    """Excel's column width (characters of the default font) that is exactly `points` wide.

    Excel draws a width W as trunc(((256 W + trunc(128 / d)) / 256) d) pixels, d being the
    default font's digit width in pixels. W = pixels / d gives exactly those pixels there, and
    exactly W digits (W * 6 pt) in LibreOffice, which measures the digit without rounding.
    """
    return round(points / style.PX) / digit


def column_pixels(width: float, digit: int = DIGIT_PX) -> int:
    return int(((256 * width + 128 // digit) / 256) * digit)


def para_text(para: Para) -> str:
    text = para.text
    if para.number:
        text = f"{para.number} {text}"
    if para.checkbox is not None:
        text = CHECKBOX_SPACE + text
    blank = math.ceil(para.space_before / style.LEADING)
    return "\n" * blank + xml_text(text)


def cell_value(paras: tuple[Para, ...]) -> str | CellRichText:
    texts = [para_text(p) for p in paras]
    if len({p.bold for p in paras}) <= 1:
        return "\n".join(texts)
    blocks = []
    for index, (para, text) in enumerate(zip(paras, texts)):
        font = InlineFont(rFont=OFFICE_FONT, sz=para.size, b=para.bold)
        blocks.append(RichBlock(font, text + ("\n" if index < len(paras) - 1 else "")))
    return CellRichText(blocks)


def new_workbook() -> Workbook:
    workbook = Workbook()
    # The default font sets the unit of column widths. Excel rounds its digit to whole pixels,
    # LibreOffice does not; Courier New 10 (twin: Liberation Mono) has a digit of exactly
    # 6 pt = 8 px, so both programs give every column the same width. Cells use Arial.
    default = Font(name=DEFAULT_FONT, sz=10, family=3)
    workbook._fonts = IndexedList([default])
    workbook._named_styles["Normal"].font = default
    return workbook


class _Sheet:
    """One worksheet: the pages of one part of the document (the sheet, the revision history)."""

    def __init__(self, document: LaidOutDocument, ws: Any, styles: dict[tuple[Any, ...], Any]):
        self.document = document
        self.ws = ws
        self.pages: list[int] = []
        """The numbers of the layout's pages this worksheet prints."""
        self.header_rows: tuple[int, int] | None = None
        self.items: list[Item] = []
        self.styles = styles
        self.row = 1
        self.row_tops = [0.0]
        """Sheet y (points) of the top of each written row, index = row number - 1."""
        self.col_edges = [0.0]
        for width in document.columns:
            self.col_edges.append(self.col_edges[-1] + width)

    def add_row(self, height: float) -> int:
        row = self.row
        self.ws.row_dimensions[row].height = height
        self.row_tops.append(self.row_tops[-1] + height)
        self.row += 1
        return row

    def styled(self, target: Any, key: tuple[Any, ...], apply: Callable[[Any], None]) -> None:
        """Give `target` the style `apply` gives, re-using the style of the first cell styled with
        this key: openpyxl hashes every style object on every assignment, which made styling most
        of the writer's time. The first cell registers fonts, borders and fills in the same order."""
        cached = self.styles.get(key)
        if cached is None:
            apply(target)
            self.styles[key] = copy(target._style)
        else:
            target._style = copy(cached)

    def write_cell(self, cell: Cell, sheet_row: int) -> None:
        top, left = sheet_row, cell.col + 1
        bottom, right = sheet_row + cell.rowspan - 1, cell.col + cell.colspan
        target = self.ws.cell(top, left)
        size, bold = (cell.paras[0].size, cell.paras[0].bold) if cell.paras else (style.FONT, False)
        if cell.paras:
            target.value = cell_value(cell.paras)
            if isinstance(target.value, str):
                target.data_type = "s"  # text that starts with "=" stays text, never a formula
        fill = PatternFill("solid", fgColor=cell.fill) if cell.fill else None

        def framed(part: Any) -> None:
            part.border = BORDER
            if fill:
                part.fill = fill

        def main(part: Any) -> None:
            part.font = Font(name=OFFICE_FONT, size=size, bold=bold)
            part.alignment = Alignment(horizontal=cell.align, vertical=OFFICE_VALIGN[cell.valign], wrap_text=True)
            framed(part)

        if bottom > top or right > left:
            self.ws.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        self.styled(target, ("cell", size, bold, cell.align, cell.valign, cell.fill), main)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if (r, c) != (top, left):
                    self.styled(self.ws.cell(r, c), ("covered", cell.fill), framed)

    def table(self, table: Table) -> dict[int, int]:
        """Write the table's rows (not the repeated header); return layout row -> sheet row."""
        mapping: dict[int, int] = {}
        for index, row in enumerate(table.rows):
            if not row.repeated:
                mapping[index] = self.add_row(row.h)
        for cell in table.cells:
            if cell.row in mapping:
                self.write_cell(cell, mapping[cell.row])
        return mapping

    def title(self, block: TextBlock) -> None:
        row = self.add_row(block.box.h)
        para = block.paras[0]
        target = self.ws.cell(row, 1, xml_text(para.text))
        target.data_type = "s"
        target.font = Font(name=OFFICE_FONT, size=para.size, bold=para.bold)
        target.alignment = Alignment(horizontal=para.align, vertical="center", wrap_text=len(block.lines) > 1)
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(self.document.columns))

    def emblem(self, image: Path, box) -> None:
        picture = Image(str(image))
        col, col_off, row, row_off = self.point(box.x, box.y)
        ratio = min(box.w / max(picture.width, 1), box.h / max(picture.height, 1))
        size = XDRPositiveSize2D(emu(picture.width * ratio), emu(picture.height * ratio))
        picture.anchor = OneCellAnchor(_from=AnchorMarker(col, col_off, row, row_off), ext=size)
        self.ws.add_image(picture)

    def point(self, x: float, y: float) -> tuple[int, int, int, int]:
        """Sheet position in points -> (col, col offset, row, row offset), 0-based, offsets in EMU."""
        col = max(0, min(bisect_right(self.col_edges, x) - 1, len(self.col_edges) - 2))
        row = max(0, min(bisect_right(self.row_tops, y) - 1, len(self.row_tops) - 2))
        return col, emu(x - self.col_edges[col]), row, emu(y - self.row_tops[row])

    def anchor(self, item: Item) -> Anchor:
        box = item.box
        return Anchor(*self.point(box.x, box.y), *self.point(box.right, box.bottom))


def build(document: LaidOutDocument) -> tuple[Workbook, list[_Sheet]]:
    """Write the grid with openpyxl, a worksheet for each part of the document; return the workbook
    and the worksheets, each with its drawing items and header rows."""
    workbook = new_workbook()
    styles: dict[tuple[Any, ...], Any] = {}
    sheets: dict[str, _Sheet] = {}
    for page in document.pages:
        if page.sheet not in sheets:
            ws = workbook.active if not sheets else workbook.create_sheet()
            ws.title = page.sheet
            sheets[page.sheet] = _Sheet(document, ws, styles)
        sheets[page.sheet].pages.append(page.number)
    for sheet in sheets.values():
        _fill(sheet, [document.pages[number - 1] for number in sheet.pages])
    return workbook, list(sheets.values())


def _fill(sheet: _Sheet, pages: list[Page]) -> None:
    document, ws, items = sheet.document, sheet.ws, sheet.items
    for index, width in enumerate(document.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column_width(width)
    dx = -document.margins.left
    for page_index, page in enumerate(pages):
        dy: float | None = None
        for block in page.blocks:
            if isinstance(block, Spacer):
                sheet.add_row(block.box.h)
            elif isinstance(block, TextBlock):
                sheet.title(block)
            elif isinstance(block, Table):
                mapping = sheet.table(block)
                first = min(mapping)
                dy = sheet.row_tops[mapping[first] - 1] - block.rows[first].y
                if block.header_rows and sheet.header_rows is None:
                    sheet.header_rows = (mapping[0], mapping[block.header_rows - 1])
                for cell in block.cells:
                    for check in cell.checkboxes:
                        items.extend(drawingml.checkbox_items(check, len(items) + 1, dx, dy))
                    if cell.image_box is not None and cell.row in mapping:
                        box = cell.image_box.shifted(dx, dy)
                        if cell.image is not None:
                            sheet.emblem(cell.image, box)
                        else:
                            items.append(drawingml.emblem_frame(len(items) + 1, box))
        if dy is not None and page.shapes:
            items.extend(drawingml.page_items(page, len(items) + 1, dx, dy))
        if page_index < len(pages) - 1:
            ws.row_breaks.append(Break(id=sheet.row - 1))
    for item in items:
        item.anchor = sheet.anchor(item)


def _page_setup(document: LaidOutDocument, sheet: _Sheet, several: bool) -> None:
    ws = sheet.ws
    print_landscape(ws, document.paper, page_margins(document.margins))
    ws.oddFooter.left.text = xml_text(document.number).replace("&", "&&")  # `&D` would print the date
    before, between, after = footer_parts(document)
    before, between, after = (part.replace("&", "&&") for part in (before, between, after))
    if several:  # page numbers run through the worksheets, and the count is the document's
        ws.page_setup.firstPageNumber = sheet.pages[0]
        ws.page_setup.useFirstPageNumber = True
        ws.oddFooter.right.text = f"{before}&P{between}{len(document.pages)}{after}"
    else:
        ws.oddFooter.right.text = f"{before}&P{between}&N{after}"
    for part in (ws.oddFooter.left, ws.oddFooter.right):
        part.size = document.footer_size
        part.font = OFFICE_FONT
    ws.print_area = f"A1:{get_column_letter(len(document.columns))}{sheet.row - 1}"
    if sheet.header_rows:
        first, last = sheet.header_rows
        # The header rows are printed on every page. Nothing is frozen: the header sits below the
        # identity block, and freezing under it would either hide the identity (the view scrolled
        # to the header) or freeze the whole identity block (taller than a screen). The sheet opens
        # at A1, on the identity block.
        ws.print_title_rows = f"{first}:{last}"


def _properties(document: LaidOutDocument, workbook: Workbook) -> None:
    properties = workbook.properties
    info = metadata(document)
    properties.title = info.title
    properties.subject = info.subject
    properties.creator = properties.lastModifiedBy = info.author
    properties.created = properties.modified = FIXED_DATE


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    workbook, sheets = build(document)
    for sheet in sheets:
        _page_setup(document, sheet, len(sheets) > 1)
    _properties(document, workbook)
    parts = workbook_parts(workbook)
    for number, sheet in enumerate(sheets, start=1):
        items = sheet.items
        if items:
            add_drawing(
                parts,
                partial(_anchors, items),
                f"xl/worksheets/sheet{number}.xml",
            )
    emit(target, repack(parts))


def _anchors(items: list[Item], first_id: int) -> str:
    return drawingml.xlsx_anchors(drawingml.renumber(items, first_id))
