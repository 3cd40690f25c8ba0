"""LaidOutDocument -> DOCX: fixed-layout tables on the layout's grid, one drawing group per page.

Each page's flowchart is its own table (header rows marked to repeat, rows that never split, exact
heights), and the next page starts with a page break, so Word's pages are the layout's pages. The
drawing of a page is one `wpg` group anchored in the first lane cell of its first body row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.shared import Pt

from ..fontmetrics import OFFICE_FONT
from ..layout import style
from ..layout.document import Box, Cell, LaidOutDocument, Margins, Page, Para, Spacer, Table, TextBlock
from ..layout.text import CHECKBOX_INDENT, leading
from . import drawingml
from .common import OFFICE_VALIGN, footer_parts, metadata, word_defaults
from .package import document_parts, emit, repack
from .wordml import W_NS, cell_margins, element, escaped, twips

name = "docx"
suffix = ".docx"

NS = f'xmlns:w="{W_NS}"'
BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
SEPARATOR_H = 0.75
"""Height of the tiny paragraph that carries a page break before a continuation table."""


def _run(text: str, size: float, bold: bool) -> str:
    half = int(round(size * 2))
    fonts = f'<w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}" w:cs="{OFFICE_FONT}"/>'
    bold_xml = ["<w:b/>", "<w:bCs/>"] if bold else []
    rpr = element("rPr", [fonts, *bold_xml, f'<w:sz w:val="{half}"/>', f'<w:szCs w:val="{half}"/>'])
    # A line break written in the text is a break in Word too (a raw newline in w:t reads as a space).
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escaped(line)}</w:t>' for line in text.split("\n"))
    return f"<w:r>{rpr}{lines}</w:r>"


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
        spacing = f'<w:spacing w:before="0" w:after="0" w:line="{twips(line)}" w:lineRule="{rule}"/>'
        ppr = element("pPr", [*extra_ppr, spacing, '<w:rPr><w:sz w:val="2"/></w:rPr>'])
        return f"<w:p {NS}>{ppr}{runs}</w:p>"
    properties = list(extra_ppr)
    content = ""
    if para.number:
        properties += [
            f'<w:tabs><w:tab w:val="left" w:pos="{twips(para.indent)}"/></w:tabs>',
            f'<w:ind w:left="{twips(para.indent)}" w:hanging="{twips(para.indent)}"/>',
        ]
        content = _run(para.number, para.size, para.bold) + "<w:r><w:tab/></w:r>"
    if para.checkbox is not None:  # the box itself is drawn in the table's drawing group
        properties.append(f'<w:ind w:left="{twips(CHECKBOX_INDENT)}"/>')
    content += _run(para.text, para.size, para.bold)
    properties.append(
        f'<w:spacing w:before="{twips(para.space_before)}" w:after="{twips(after)}" w:line="{twips(line)}" '
        'w:lineRule="exact"/>'
    )
    properties.append(f'<w:jc w:val="{para.align}"/>')
    return f"<w:p {NS}>{element('pPr', properties)}{runs}{content}</w:p>"


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


def _cell_xml(
    cell: Cell | None, width: float, span: int, merge: str, anchor_run: str = "", zero_margins: bool = False
) -> str:
    props = [f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge == "restart":
        props.append('<w:vMerge w:val="restart"/>')
    elif merge == "continue":
        props.append("<w:vMerge/>")
    if cell is not None and cell.fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>')
    if zero_margins:
        sides = [f'<w:{side} w:w="0" w:type="dxa"/>' for side in ("top", "left", "bottom", "right")]
        props.append(element("tcMar", sides))
    valign = "top" if zero_margins or cell is None else OFFICE_VALIGN[cell.valign]
    props.append(f'<w:vAlign w:val="{valign}"/>')
    paras = ""
    if cell is not None and merge != "continue":
        own = list(cell.paras)
        if cell.image_box is not None and own:
            # The emblem (picture, or the frame's drawing) sits in a paragraph as tall as the gap
            # the layout left above the institution's name.
            inner = anchor_run + ("<w:r><w:t>{EMBLEM}</w:t></w:r>" if cell.image is not None else "")
            # An inline picture stands on the baseline: an exact line would push it up over the border.
            paras = paragraph_xml(
                None, own[0].space_before + style.PAD_Y, ['<w:jc w:val="center"/>'], inner, rule="atLeast"
            )
            own[0] = replace(own[0], space_before=0)
            anchor_run = ""
        paras += "".join(paragraph_xml(p, leading(p.size)) for p in own)
    if anchor_run or not paras:
        paras = paragraph_xml(None, style.LEADING, runs=anchor_run) + paras
    return f"<w:tc>{element('tcPr', props)}{paras}</w:tc>"


def table_xml(
    table: Table, columns: tuple[float, ...], anchor: tuple[int, int] | None = None, anchor_run: str = ""
) -> str:
    """A fixed-layout table on the sheet's grid: merges as gridSpan/vMerge, exact row heights."""
    starts = {(c.row, c.col): c for c in table.cells}
    covering: dict[tuple[int, int], Cell] = {}
    for spanning in table.cells:
        for r in range(spanning.row + 1, spanning.row + spanning.rowspan):
            covering[(r, spanning.col)] = spanning
    borders = element(
        "tblBorders", [BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")]
    )
    margins = cell_margins(style.PAD_X)
    table_properties = element(
        "tblPr",
        [
            f'<w:tblW w:w="{twips(sum(columns))}" w:type="dxa"/>',
            '<w:tblInd w:w="0" w:type="dxa"/>',
            borders,
            '<w:tblLayout w:type="fixed"/>',
            margins,
            '<w:tblLook w:val="0000"/>',
        ],
    )
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
    return f"<w:tbl {NS}>{table_properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


class IdAllotter:
    """Drawing ids for the whole document, each used once: groups (wp:docPr) and their shapes."""

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
    return drawingml.docx_group(items, group, doc_pr_id, page_number)


def _drawing_anchor(page: Page, document: LaidOutDocument, table: Table) -> tuple[int, int, Box] | None:
    """The first lane cell of the first body row: the drawing's anchor on this page."""
    if not page.shapes:
        return None
    row = next(i for i, r in enumerate(table.rows) if r.kind == "body")
    lane = document.lanes[0]
    cell = next(c for c in table.cells if c.row == row and c.col == lane)
    return row, lane, cell.box


def _footer(doc, document: LaidOutDocument) -> None:
    footer = doc.sections[0].footer
    body = footer._element
    for child in list(body):
        body.remove(child)
    usable = document.width - document.margins.left - document.margins.right
    size = int(round(document.footer_size * 2))
    rpr = element("rPr", [f'<w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}"/>', f'<w:sz w:val="{size}"/>'])

    def field(code: str) -> str:
        return (
            f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> '
            f'{code} </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        )

    text = lambda value: f'<w:r>{rpr}<w:t xml:space="preserve">{escaped(value)}</w:t></w:r>'  # noqa: E731
    before, between, after = footer_parts(document)
    footer_ppr = element(
        "pPr",
        [f'<w:tabs><w:tab w:val="right" w:pos="{twips(usable)}"/></w:tabs>', '<w:spacing w:before="0" w:after="0"/>'],
    )
    body.append(
        parse_xml(
            f"<w:p {NS}>{footer_ppr}{text(document.number)}<w:r>{rpr}<w:tab/></w:r>"
            f"{text(before)}{field('PAGE')}{text(between)}{field('NUMPAGES')}{text(after) if after else ''}</w:p>"
        )
    )


def section_page(section: Any, width: float, height: float, margins: Margins) -> None:
    """Paper and margins of a section (points); wider than tall is landscape."""
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin, section.right_margin = Pt(margins.left), Pt(margins.right)
    section.top_margin, section.bottom_margin = Pt(margins.top), Pt(margins.bottom)
    section.header_distance = Pt(margins.top / 2)
    section.footer_distance = Pt(margins.footer)


def _setup(doc, document: LaidOutDocument) -> None:
    section_page(doc.sections[0], document.width, document.height, document.margins)
    info = metadata(document)
    word_defaults(doc, style.FONT, info.title, info.subject)


DROPPED_PARTS = ("thumbnail", "stylesWithEffects", "customXml", "numbering")
"""Parts of python-docx's own template a sheet does not use (its sample thumbnail among them)."""
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
"""The styles a sheet uses: the defaults Word requires; everything else is written as direct formatting."""


def _slim(doc) -> None:
    """Drop what python-docx's template carries and a sheet never uses: 800 KB of styles and their
    copies, a thumbnail, custom XML, list numbering. Smaller files, and much less to write and zip."""
    package = doc.part.package
    for rels in (package.rels, doc.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROPPED_PARTS:
                rels.pop(rel_id)
    styles = doc.styles.element
    for child in list(styles):
        name = child.tag.rsplit("}", 1)[-1]
        if name == "latentStyles" or (name == "style" and child.get(f"{{{W_NS}}}styleId") not in KEPT_STYLES):
            styles.remove(child)


def build(document: LaidOutDocument):
    doc = Document()
    _slim(doc)
    _setup(doc, document)
    _footer(doc, document)
    body = doc.element.body
    sect = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    ids = IdAllotter()
    emblems: list[tuple[Path, Box]] = []

    def add(xml: str) -> None:
        sect.addprevious(parse_xml(xml))

    for index, page in enumerate(document.pages):
        break_pending = index > 0
        for block in page.blocks:
            page_break = ["<w:pageBreakBefore/>"] if break_pending else []
            if isinstance(block, Spacer):
                add(paragraph_xml(None, block.box.h, page_break))
            elif isinstance(block, TextBlock):
                add(_text_block(block, page_break))
            elif isinstance(block, Table):
                if break_pending:
                    add(paragraph_xml(None, SEPARATOR_H, page_break))
                anchor_run, anchor = "", None
                found = _drawing_anchor(page, document, block) if block.kind == "prosedur" else None
                frame = next(((c, c.image_box) for c in block.cells if c.image_box is not None), None)
                if found is not None:
                    row, col, origin = found
                    group_id = ids.take(1)
                    items = drawingml.page_items(page, ids.next)
                    ids.take(len(items))
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
                        group_id = ids.take(1)
                        items = drawingml.renumber(drawn, ids.take(len(drawn)))
                        anchor_run = _group_run(items, cell.box, group_id, page.number)
                        anchor = (cell.row, cell.col)
                    if cell.image is not None:
                        emblems.append((cell.image, image_box))
                add(table_xml(block, document.columns, anchor, anchor_run))
            break_pending = False
    add(paragraph_xml(None, SEPARATOR_H))
    for image, box in emblems:
        _place_emblem(doc, image, box)
    return doc


def _place_emblem(doc, image: Path, box: Box) -> None:
    """Put the emblem picture into the paragraph reserved for it (marked `{EMBLEM}`)."""
    for paragraph in doc.element.body.iter(f"{{{W_NS}}}p"):
        runs = [t for t in paragraph.iter(f"{{{W_NS}}}t") if t.text == "{EMBLEM}"]
        if runs:
            break
    else:
        return
    from docx.text.paragraph import Paragraph

    para = Paragraph(paragraph, doc._body)
    runs[0].getparent().getparent().remove(runs[0].getparent())
    para.add_run().add_picture(str(image), height=Pt(box.h))


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    doc = build(document)
    emit(target, repack(document_parts(doc)))
