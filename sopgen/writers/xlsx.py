"""LaidOutDocument -> XLSX: one worksheet on the layout's grid, with native flowchart shapes.

Rows are the layout's rows (a repeated header is printed by the print titles instead of being
written again), column widths and row heights are the layout's, page breaks are where the layout
breaks pages. Shapes are DrawingML anchors on the worksheet's drawing (see xlsx_package). The parts
are written as text (spreadsheetml): this writer does not import openpyxl.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from functools import partial
from pathlib import Path
from typing import BinaryIO

from ..fontmetrics import OFFICE_FONT
from ..layout import style
from ..layout.document import Box, Cell, LaidOutDocument, Page, Para, Spacer, Table, TextBlock
from ..layout.text import CHECKBOX_SPACE
from ..templating import xml_text
from . import drawingml, shapes_xml, spreadsheetml, xlsx_package
from .common import FIXED_DATE, OFFICE_VALIGN, footer_parts, metadata
from .drawingml import Anchor, Item, emu
from .package import emit, repack
from .spreadsheetml import Alignment, CellStyle, Font, PageSetup, SheetEntry, Styles, Worksheet, column_width
from .xlsx_package import Picture, SheetPart

name = "xlsx"
suffix = ".xlsx"


def para_text(para: Para) -> str:
    text = para.text
    if para.number:
        text = f"{para.number} {text}"
    if para.checkbox is not None:
        text = CHECKBOX_SPACE + text
    blank = math.ceil(para.space_before / style.LEADING)
    return "\n" * blank + xml_text(text)


def cell_content(paras: tuple[Para, ...]) -> str:
    """The paragraphs as one cell's text: plain, or runs in their fonts when some are bold and some not."""
    texts = [para_text(p) for p in paras]
    if len({p.bold for p in paras}) <= 1:
        return spreadsheetml.text_content("\n".join(texts))
    last = len(paras) - 1
    return spreadsheetml.rich_content(
        [
            (text + ("\n" if index < last else ""), Font(OFFICE_FONT, para.size, para.bold))
            for index, (para, text) in enumerate(zip(paras, texts))
        ]
    )


class _Sheet:
    """One worksheet: the pages of one part of the document (the sheet, the revision history)."""

    def __init__(self, document: LaidOutDocument, title: str, styles: Styles):
        self.document = document
        self.worksheet = Worksheet(title)
        self.pages: list[int] = []
        """The numbers of the layout's pages this worksheet prints."""
        self.header_rows: tuple[int, int] | None = None
        self.items: list[Item] = []
        self.pictures: list[Picture] = []
        self.styles = styles
        self.row = 1
        self.row_tops = [0.0]
        """Sheet y (points) of the top of each written row, index = row number - 1."""
        self.col_edges = [0.0]
        for width in document.columns:
            self.col_edges.append(self.col_edges[-1] + width)

    def add_row(self, height: float) -> int:
        row = self.row
        self.worksheet.heights[row] = height
        self.row_tops.append(self.row_tops[-1] + height)
        self.row += 1
        return row

    def write_cell(self, cell: Cell, sheet_row: int) -> None:
        top, left = sheet_row, cell.col + 1
        bottom, right = sheet_row + cell.rowspan - 1, cell.col + cell.colspan
        size, bold = (cell.paras[0].size, cell.paras[0].bold) if cell.paras else (style.FONT, False)
        styles = self.styles
        font = styles.font(Font(OFFICE_FONT, size, bold))
        border = styles.thin_border()
        fill = styles.fill(cell.fill) if cell.fill else 0
        alignment = Alignment(cell.align, OFFICE_VALIGN[cell.valign], True)
        content = cell_content(cell.paras) if cell.paras else spreadsheetml.EMPTY
        self.worksheet.put(top, left, CellStyle(font, fill, border, alignment), content)
        if bottom > top or right > left:
            self.worksheet.merge(top, left, bottom, right)
            covered = CellStyle(0, fill, border)
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    if (r, c) != (top, left):
                        self.worksheet.put(r, c, covered)

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
        font = self.styles.font(Font(OFFICE_FONT, para.size, para.bold))
        alignment = Alignment(para.align, "center", len(block.lines) > 1)
        self.worksheet.put(
            row, 1, CellStyle(font, alignment=alignment), spreadsheetml.text_content(xml_text(para.text))
        )
        self.worksheet.merge(row, 1, row, len(self.document.columns))

    def emblem(self, image: Path, box: Box) -> None:
        media = xlsx_package.read_media(image)
        ratio = min(box.w / max(media.width, 1), box.h / max(media.height, 1))
        size = (emu(media.width * ratio), emu(media.height * ratio))
        self.pictures.append(Picture(self.point(box.x, box.y), size, media))

    def point(self, x: float, y: float) -> tuple[int, int, int, int]:
        """Sheet position in points -> (col, col offset, row, row offset), 0-based, offsets in EMU."""
        col = max(0, min(bisect_right(self.col_edges, x) - 1, len(self.col_edges) - 2))
        row = max(0, min(bisect_right(self.row_tops, y) - 1, len(self.row_tops) - 2))
        return col, emu(x - self.col_edges[col]), row, emu(y - self.row_tops[row])

    def anchor(self, item: Item) -> Anchor:
        box = item.box
        return Anchor(*self.point(box.x, box.y), *self.point(box.right, box.bottom))


def build(document: LaidOutDocument, styles: Styles | None = None) -> list[_Sheet]:
    """The worksheets of the document, one for each part of it, each with its cells, drawing items,
    pictures and header rows."""
    styles = Styles() if styles is None else styles
    sheets: dict[str, _Sheet] = {}
    for page in document.pages:
        if page.sheet not in sheets:
            sheets[page.sheet] = _Sheet(document, page.sheet, styles)
        sheets[page.sheet].pages.append(page.number)
    for sheet in sheets.values():
        _fill(sheet, [document.pages[number - 1] for number in sheet.pages])
    return list(sheets.values())


def _fill(sheet: _Sheet, pages: list[Page]) -> None:
    document, items = sheet.document, sheet.items
    sheet.worksheet.widths = [column_width(width) for width in document.columns]
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
            sheet.worksheet.breaks.append(sheet.row - 1)
    for item in items:
        item.anchor = sheet.anchor(item)


def _page_setup(document: LaidOutDocument, sheet: _Sheet, several: bool) -> PageSetup:
    margins = document.margins
    inches = (margins.left / 72, margins.right / 72, margins.top / 72, margins.bottom / 72, 0.2, margins.footer / 72)
    # Page numbers run through the worksheets when there are several.
    return PageSetup(document.paper, inches, sheet.pages[0] if several else None)


def _footer(document: LaidOutDocument, several: bool) -> str:
    left = xml_text(document.number).replace("&", "&&")  # `&D` would print the date
    before, between, after = (part.replace("&", "&&") for part in footer_parts(document))
    pages = str(len(document.pages)) if several else "&N"  # the count is the document's, not the sheet's
    return spreadsheetml.footer(left, f"{before}&P{between}{pages}{after}", OFFICE_FONT, document.footer_size)


def _entry(document: LaidOutDocument, sheet: _Sheet) -> SheetEntry:
    # The header rows are printed on every page. Nothing is frozen: the header sits below the
    # identity block, and freezing under it would either hide the identity (the view scrolled
    # to the header) or freeze the whole identity block (taller than a screen). The sheet opens
    # at A1, on the identity block.
    return SheetEntry(sheet.worksheet.title, sheet.header_rows, sheet.row - 1, len(document.columns))


def _sheet_part(document: LaidOutDocument, sheet: _Sheet, several: bool) -> SheetPart:
    anchors = partial(_anchors, sheet.items) if sheet.items else None
    drawn = bool(sheet.pictures) or anchors is not None
    footer = _footer(document, several)
    xml = sheet.worksheet.xml(sheet.styles, _page_setup(document, sheet, several), footer, drawn)
    return SheetPart(xml, sheet.pictures, anchors)


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    styles = Styles()
    sheets = build(document, styles)
    several = len(sheets) > 1
    parts = [_sheet_part(document, sheet, several) for sheet in sheets]
    info = metadata(document)
    stamp = FIXED_DATE.isoformat(timespec="seconds") + "Z"
    core = spreadsheetml.core_properties(info.title, info.subject, info.author, stamp)
    workbook = spreadsheetml.workbook([_entry(document, sheet) for sheet in sheets])
    emit(target, repack(xlsx_package.parts(parts, workbook, styles.xml(), core)))


def _anchors(items: list[Item], first_id: int) -> str:
    return shapes_xml.xlsx_anchors(drawingml.renumber(items, first_id))
