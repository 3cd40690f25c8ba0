"""LaidOutDocument -> DOCX: fixed-layout tables on the layout's grid, one drawing group per page.

Each page's flowchart is its own table (header rows marked to repeat, rows that never split, exact
heights), and the next page starts with a page break, so Word's pages are the layout's pages. The
drawing of a page is one `wpg` group anchored in the first lane cell of its first body row.

The package is written as text, without python-docx or lxml: the same bytes python-docx wrote from its
slimmed default template, whose fixed parts are in `templates/docx/` (`docx_package.py`), with the body
in the form lxml serialised it (`xmlform.py`, `docx_drawing.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ..fontmetrics import OFFICE_FONT
from ..layout import style
from ..layout.document import Box, Cell, LaidOutDocument, Page, Para, Spacer, Table, TextBlock
from ..layout.text import CHECKBOX_INDENT, leading
from . import drawingml, xmlform
from .common import OFFICE_VALIGN, footer_parts, metadata
from .docx_drawing import group_run, picture_run
from .docx_package import Pictures, core_properties, package_parts, picture_size, styles, template
from .package import emit, repack
from .section import section_values
from .wordml import (
    cell_margins,
    element,
    field_runs,
    footer_paragraph_properties,
    footer_run_properties,
    run_properties,
    twips,
)

name = "docx"
suffix = ".docx"

BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
SEPARATOR_H = 0.75
"""Height of the tiny paragraph that carries a page break before a continuation table."""
PRESERVE = ' xml:space="preserve"'
EMBLEM_MARK = "\x00emblem\x00"
"""Where an emblem picture goes, until the drawing ids are all given (text never holds a NUL)."""
LEFT_MARK = "<w:r><w:t>{EMBLEM}</w:t></w:r>"
"""A mark no emblem took, as python-docx left it (only a table with two emblem cells has one)."""


def _text(text: str) -> str:
    """`w:t` elements of the text: a line break written in it is a break in Word too (a raw newline
    in `w:t` reads as a space)."""
    return "<w:br/>".join(xmlform.element("w:t", xmlform.text(line), PRESERVE) for line in text.split("\n"))


def _run(text: str, size: float, bold: bool) -> str:
    return f"<w:r>{run_properties(size, bold)}{_text(text)}</w:r>"


@lru_cache(maxsize=1024)
def _empty_paragraph_properties(extra_ppr: tuple[str, ...], line: int, rule: str) -> str:
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="{rule}"/>'
    return element("pPr", [*extra_ppr, spacing, '<w:rPr><w:sz w:val="2"/></w:rPr>'])


@lru_cache(maxsize=4096)
def _paragraph_properties(
    extra_ppr: tuple[str, ...],
    number_indent: int | None,
    checkbox: bool,
    before: int,
    after: int,
    line: int,
    align: str,
) -> str:
    """Paragraph properties in twips; `number_indent` is where the text of a numbered paragraph hangs."""
    properties = list(extra_ppr)
    if number_indent is not None:
        properties += [
            f'<w:tabs><w:tab w:val="left" w:pos="{number_indent}"/></w:tabs>',
            f'<w:ind w:left="{number_indent}" w:hanging="{number_indent}"/>',
        ]
    if checkbox:  # the box itself is drawn in the table's drawing group
        properties.append(f'<w:ind w:left="{twips(CHECKBOX_INDENT)}"/>')
    properties.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>')
    properties.append(f'<w:jc w:val="{align}"/>')
    return element("pPr", properties)


def paragraph_xml(
    para: Para | None,
    line: float,
    extra_ppr: Sequence[str] = (),
    runs: str = "",
    rule: str = "exact",
    after: float = 0.0,
) -> str:
    """One paragraph with exact line spacing (the layout's leading), so heights agree.

    `extra_ppr` are further paragraph properties (a page break, an alignment), in any order."""
    if para is None:
        return f"<w:p>{_empty_paragraph_properties(tuple(extra_ppr), twips(line), rule)}{runs}</w:p>"
    content = ""
    if para.number:
        content = _run(para.number, para.size, para.bold) + "<w:r><w:tab/></w:r>"
    content += _run(para.text, para.size, para.bold)
    properties = _paragraph_properties(
        tuple(extra_ppr),
        twips(para.indent) if para.number else None,
        para.checkbox is not None,
        twips(para.space_before),
        twips(after),
        twips(line),
        para.align,
    )
    return f"<w:p>{properties}{runs}{content}</w:p>"


def _text_block(block: TextBlock, page_break: Sequence[str]) -> str:
    """The title above the flowchart: one line as tall as its block, or its wrapped lines centred."""
    para = block.paras[0]
    if len(block.lines) <= 1:
        return paragraph_xml(para, block.box.h, page_break)
    line = leading(para.size)
    before = (block.box.h - len(block.lines) * line) / 2
    return paragraph_xml(
        replace(para, space_before=before), line, page_break, after=block.box.h - before - len(block.lines) * line
    )


@lru_cache(maxsize=4096)
def _cell_properties(width: int, span: int, merge: str, fill: str | None, zero_margins: bool, valign: str) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        props.append("<w:vMerge/>")
    if fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    if zero_margins:
        sides = [f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right")]
        props.append(element("tcMar", sides))
    props.append(f'<w:vAlign w:val="{valign}"/>')
    return element("tcPr", props)


def _cell_xml(
    cell: Cell | None, width: float, span: int, merge: str, anchor_run: str = "", zero_margins: bool = False
) -> str:
    valign = "top" if zero_margins or cell is None else OFFICE_VALIGN[cell.valign]
    fill = cell.fill if cell is not None else None
    properties = _cell_properties(twips(width), span, merge, fill, zero_margins, valign)
    paras = ""
    if cell is not None and merge != "continue":
        own = list(cell.paras)
        if cell.image_box is not None and own:
            # The emblem (picture, or the frame's drawing) sits in a paragraph as tall as the gap
            # the layout left above the institution's name.
            inner = anchor_run + (EMBLEM_MARK if cell.image is not None else "")
            # An inline picture stands on the baseline: an exact line would push it up over the border.
            paras = paragraph_xml(
                None, own[0].space_before + style.PAD_Y, ['<w:jc w:val="center"/>'], inner, rule="atLeast"
            )
            own[0] = replace(own[0], space_before=0)
            anchor_run = ""
        paras += "".join(paragraph_xml(p, leading(p.size)) for p in own)
    if anchor_run or not paras:
        paras = paragraph_xml(None, style.LEADING, runs=anchor_run) + paras
    return f"<w:tc>{properties}{paras}</w:tc>"


@lru_cache(maxsize=64)
def _table_properties(width: int) -> str:
    borders = element(
        "tblBorders", [BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")]
    )
    return element(
        "tblPr",
        [
            f'<w:tblW w:w="{width}" w:type="dxa"/>',
            '<w:tblInd w:w="0" w:type="dxa"/>',
            borders,
            '<w:tblLayout w:type="fixed"/>',
            cell_margins(style.PAD_X),
            '<w:tblLook w:val="0000"/>',
        ],
    )


def table_xml(
    table: Table, columns: tuple[float, ...], anchor: tuple[int, int] | None = None, anchor_run: str = ""
) -> str:
    """A fixed-layout table on the sheet's grid: merges as gridSpan/vMerge, exact row heights."""
    starts = {(c.row, c.col): c for c in table.cells}
    covering: dict[tuple[int, int], Cell] = {}
    for spanning in table.cells:
        for r in range(spanning.row + 1, spanning.row + spanning.rowspan):
            covering[(r, spanning.col)] = spanning
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in columns)
    rows = []
    for index, row in enumerate(table.rows):
        header = "<w:tblHeader/>" if row.kind == "header" else ""
        cells = []
        col = 0
        while col < len(columns):
            cell = starts.get((index, col))
            merge = ""
            if cell is None and (index, col) in covering:
                cell, merge = covering[(index, col)], "continue"
            elif cell is not None and cell.rowspan > 1:
                merge = "restart"
            span = cell.colspan if cell is not None else 1
            width = sum(columns[col : col + span])
            is_anchor = anchor == (index, col)
            cells.append(_cell_xml(cell, width, span, merge, anchor_run if is_anchor else "", is_anchor))
            col += span
        rows.append(
            f'<w:tr><w:trPr><w:cantSplit/>{header}<w:trHeight w:val="{twips(row.h)}" w:hRule="exact"/>'
            f"</w:trPr>{''.join(cells)}</w:tr>"
        )
    properties = _table_properties(twips(sum(columns)))
    return f"<w:tbl>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


class IdAllotter:
    """Drawing ids for the whole document, each used once: groups (wp:docPr), their shapes, and the
    inline emblem pictures (python-docx gave a picture the highest id in use plus one)."""

    def __init__(self, first: int = 1) -> None:
        self.next = first

    def take(self, count: int) -> int:
        """Reserve `count` consecutive ids; return the first."""
        first = self.next
        self.next += count
        return first


def _group_run(items: list[drawingml.Item], origin: Box, doc_pr_id: int, page_number: int) -> str:
    left = min(i.box.x for i in items)
    top = min(i.box.y for i in items)
    right = max(i.box.right for i in items)
    bottom = max(i.box.bottom for i in items)
    group = {
        "x": drawingml.emu(left - origin.x),
        "y": drawingml.emu(top - origin.y),
        "w": drawingml.emu(right - left),
        "h": drawingml.emu(bottom - top),
        "child_x": drawingml.emu(left),
        "child_y": drawingml.emu(top),
    }
    return group_run(items, group, doc_pr_id, page_number)


def _drawing_anchor(page: Page, document: LaidOutDocument, table: Table) -> tuple[int, int, Box] | None:
    """The first lane cell of the first body row: the drawing's anchor on this page."""
    if not page.shapes:
        return None
    row = next(i for i, r in enumerate(table.rows) if r.kind == "body")
    lane = document.lanes[0]
    cell = next(c for c in table.cells if c.row == row and c.col == lane)
    return row, lane, cell.box


def _footer(document: LaidOutDocument) -> str:
    """The footer part: the number left, "Halaman N dari M" right (PAGE and NUMPAGES fields)."""
    usable = document.width - document.margins.left - document.margins.right
    rpr = footer_run_properties(document.footer_size)

    def text(value: str) -> str:
        return f"<w:r>{rpr}{xmlform.element('w:t', xmlform.text(value), PRESERVE)}</w:r>"

    before, between, after = footer_parts(document)
    paragraph = (
        f"<w:p>{footer_paragraph_properties(usable)}{text(document.number)}<w:r>{rpr}<w:tab/></w:r>"
        f"{text(before)}{field_runs('PAGE', rpr)}{text(between)}{field_runs('NUMPAGES', rpr)}"
        f"{text(after) if after else ''}</w:p>"
    )
    return template("footer1.xml").format(paragraph=paragraph)


class _Body:
    """The document's body as it is written: blocks in order, drawing ids, the emblems to place."""

    def __init__(self, document: LaidOutDocument) -> None:
        self.document = document
        self.blocks: list[str] = []
        self.ids = IdAllotter()
        self.emblems: list[tuple[Path, Box]] = []

    def page(self, page: Page, first: bool) -> None:
        break_pending = not first
        for block in page.blocks:
            page_break = ["<w:pageBreakBefore/>"] if break_pending else []
            if isinstance(block, Spacer):
                self.blocks.append(paragraph_xml(None, block.box.h, page_break))
            elif isinstance(block, TextBlock):
                self.blocks.append(_text_block(block, page_break))
            elif isinstance(block, Table):
                if break_pending:
                    self.blocks.append(paragraph_xml(None, SEPARATOR_H, page_break))
                self.table(page, block)
            break_pending = False

    def table(self, page: Page, block: Table) -> None:
        anchor_run, anchor = "", None
        found = _drawing_anchor(page, self.document, block) if block.kind == "prosedur" else None
        frame = next(((c, c.image_box) for c in block.cells if c.image_box is not None), None)
        if found is not None:
            row, col, origin = found
            group_id = self.ids.take(1)
            items = drawingml.page_items(page, self.ids.next)
            self.ids.take(len(items))
            anchor_run = _group_run(items, origin, group_id, page.number)
            anchor = (row, col)
        elif frame is not None:
            # The identity table's drawing (the empty emblem frame, the checkboxes) is one
            # group anchored in the emblem's cell; an emblem picture goes inline there.
            cell, image_box = frame
            drawn = [] if cell.image is not None else [drawingml.emblem_frame(0, image_box)]
            for check in (check for other in block.cells for check in other.checkboxes):
                drawn += drawingml.checkbox_items(check, len(drawn))
            if drawn:
                group_id = self.ids.take(1)
                items = drawingml.renumber(drawn, self.ids.take(len(drawn)))
                anchor_run = _group_run(items, cell.box, group_id, page.number)
                anchor = (cell.row, cell.col)
            if cell.image is not None:
                self.emblems.append((cell.image, image_box))
        self.blocks.append(table_xml(block, self.document.columns, anchor, anchor_run))

    def finish(self, pictures: Pictures) -> str:
        """The body's XML, the emblem pictures placed (each in the first mark left, as python-docx
        found its placeholder paragraph; an emblem with no mark left is not added)."""
        self.blocks.append(paragraph_xml(None, SEPARATOR_H))
        body = "".join(self.blocks)
        for image, box in self.emblems:
            if EMBLEM_MARK not in body:
                break
            picture = pictures.add(image)
            cx, cy = picture_size(picture.header, box.h)
            run = picture_run(self.ids.take(1), picture.relationship, picture.filename, cx, cy)
            body = body.replace(EMBLEM_MARK, run, 1)
        return body.replace(EMBLEM_MARK, LEFT_MARK)


def _document(document: LaidOutDocument, pictures: Pictures) -> str:
    body = _Body(document)
    for index, page in enumerate(document.pages):
        body.page(page, index == 0)
    return template("document.xml").format(
        body=body.finish(pictures), **section_values(document.width, document.height, document.margins)
    )


def parts(document: LaidOutDocument) -> dict[str, bytes]:
    """Every part of the sheet's package, by its name in the zip."""
    pictures = Pictures()
    body = _document(document, pictures)
    info = metadata(document)
    return package_parts(
        body, _footer(document), core_properties(info.title, info.subject), styles(OFFICE_FONT, style.FONT), pictures
    )


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    emit(target, repack(parts(document)))
