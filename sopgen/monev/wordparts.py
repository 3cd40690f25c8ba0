"""WordprocessingML pieces the Monev documents share: runs, paragraphs, tables, sections, footers.

Both the forms (`docx.py`) and the draft report (`report.py`) are written with these, so both look
like the SOP sheets: Arial, thin black borders, grey heading cells, fixed column widths. Property
children go through `writers.wordml.element`, which puts them in schema order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from docx.oxml import parse_xml

from ..layout import style
from ..layout.document import Para, VAlign
from ..layout.text import leading
from ..writers.common import OFFICE_VALIGN, word_defaults
from ..writers.wordml import (
    W_NS,
    cell_margins,
    element,
    field_runs,
    footer_paragraph_properties,
    footer_run_properties,
    run_properties,
    twips,
)
from ..writers.xmlform import escaped

NS = f'xmlns:w="{W_NS}"'
SIDES = ("top", "left", "bottom", "right")
SEPARATOR_H = 0.75
"""Height of the tiny paragraph that keeps two tables apart (Word joins adjacent tables into one)."""
HeightRule = Literal["exact", "atLeast"]


def run(value: str, size: float, bold: bool = False, italic: bool = False) -> str:
    rpr = run_properties(size, bold, italic)
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escaped(line)}</w:t>' for line in value.split("\n"))
    return f"<w:r>{rpr}{lines}</w:r>"


def paragraph(
    para: Para | None,
    line: float | None = None,
    before: float = 0.0,
    after: float = 0.0,
    extra: Sequence[str] = (),
    runs: str | None = None,
    align: str | None = None,
) -> str:
    """A paragraph: exact line spacing of `line` points (None: single spacing, as Word flows text).

    `extra` are further paragraph properties (a page break, keep with next); `align` overrides the
    paragraph's alignment (`both`: justified)."""
    if line is None:
        spacing = f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}"/>'
    else:
        spacing = (
            f'<w:spacing w:before="{twips(before)}" w:after="{twips(after)}" w:line="{twips(line)}" '
            'w:lineRule="exact"/>'
        )
    properties = [*extra, spacing]
    content = runs or ""
    if para is not None:
        properties.append(f'<w:jc w:val="{align or para.align}"/>')
        if para.number:
            properties += [
                f'<w:tabs><w:tab w:val="left" w:pos="{twips(para.indent)}"/></w:tabs>',
                f'<w:ind w:left="{twips(para.indent)}" w:hanging="{twips(para.indent)}"/>',
            ]
            content += run(para.number, para.size, para.bold) + "<w:r><w:tab/></w:r>"
        if para.text:
            content += run(para.text, para.size, para.bold)
    else:
        properties.append('<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')
    return f"<w:p {NS}>{element('pPr', properties)}{content}</w:p>"


def spacer(height: float, page_break: bool = False) -> str:
    """An empty paragraph exactly `height` points tall."""
    return paragraph(None, max(height, SEPARATOR_H), extra=["<w:pageBreakBefore/>"] if page_break else [])


@dataclass(frozen=True)
class WordCell:
    paras: tuple[Para, ...]
    span: int = 1
    fill: str | None = None
    border: bool = True
    valign: VAlign = "middle"


@dataclass(frozen=True)
class WordRow:
    cells: tuple[WordCell, ...]
    height: float = 0.0
    rule: HeightRule = "atLeast"
    header: bool = False
    """A heading row, repeated at the top of every page the table runs onto."""


def _cell(cell: WordCell, width: float, exact_lines: bool) -> str:
    props = [f'<w:tcW w:w="{twips(width)}" w:type="dxa"/>']
    if cell.span > 1:
        props.append(f'<w:gridSpan w:val="{cell.span}"/>')
    value = "single" if cell.border else "nil"
    extra = ' w:sz="4" w:space="0" w:color="000000"' if cell.border else ""
    props.append("<w:tcBorders>" + "".join(f'<w:{side} w:val="{value}"{extra}/>' for side in SIDES) + "</w:tcBorders>")
    if cell.fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>')
    props.append(f'<w:vAlign w:val="{OFFICE_VALIGN[cell.valign]}"/>')
    paras = "".join(paragraph(p, leading(p.size) if exact_lines else None) for p in cell.paras)
    return f"<w:tc>{element('tcPr', props)}{paras or paragraph(None, style.LEADING)}</w:tc>"


def table(rows: Sequence[WordRow], columns: Sequence[float], exact_lines: bool = True) -> str:
    """A fixed-layout table on a grid of columns (points): spans as gridSpan, rows that never split."""
    margins = cell_margins(style.PAD_X)
    properties = element(
        "tblPr",
        [
            f'<w:tblW w:w="{twips(sum(columns))}" w:type="dxa"/>',
            '<w:tblInd w:w="0" w:type="dxa"/>',
            '<w:tblLayout w:type="fixed"/>',
            margins,
            '<w:tblLook w:val="0000"/>',
        ],
    )
    grid = "".join(f'<w:gridCol w:w="{twips(w)}"/>' for w in columns)
    written = []
    for row in rows:
        cells, col = [], 0
        for cell in row.cells:
            cells.append(_cell(cell, sum(columns[col : col + cell.span]), exact_lines))
            col += cell.span
        header = "<w:tblHeader/>" if row.header else ""
        height = f'<w:trHeight w:val="{twips(row.height)}" w:hRule="{row.rule}"/>' if row.height else ""
        written.append(f"<w:tr><w:trPr><w:cantSplit/>{header}{height}</w:trPr>{''.join(cells)}</w:tr>")
    return f"<w:tbl {NS}>{properties}<w:tblGrid>{grid}</w:tblGrid>{''.join(written)}</w:tbl>"


def add(doc: Any, xml: str) -> None:
    """Append a block (paragraph or table) at the end of the body, before its section properties."""
    doc.element.body.sectPr.addprevious(parse_xml(xml))


def setup(doc: Any, title: str, subject: str) -> None:
    """Normal style in Arial, Word 2013+ compatibility, fixed properties (the same bytes each time)."""
    word_defaults(doc, style.FONT, title, subject)


def restart_numbering(section: Any) -> None:
    """Page numbers of this section start again at 1 (each form numbers its own pages)."""
    sect = section._sectPr
    existing = sect.find(f"{{{W_NS}}}pgNumType")
    if existing is not None:
        existing.set(f"{{{W_NS}}}start", "1")
        return
    number = parse_xml(f'<w:pgNumType {NS} w:start="1"/>')
    following = [child for child in sect if child.tag.split("}")[1] in ("cols", "formProt", "vAlign", "noEndnote")]
    if following:
        following[0].addprevious(number)
    else:
        sect.append(number)


def footer(section: Any, left: str, pattern: str, size: float, usable: float, own_pages: bool) -> None:
    """`left` at the left margin, `pattern` (`Halaman {page} dari {pages}`) at the right, as fields.

    `own_pages`: the count is the section's pages (SECTIONPAGES), else the document's (NUMPAGES)."""
    section.footer.is_linked_to_previous = False
    body = section.footer._element
    for child in list(body):
        body.remove(child)
    rpr = footer_run_properties(size)

    def text(value: str) -> str:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{escaped(value)}</w:t></w:r>' if value else ""

    before, rest = pattern.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    count = field_runs("SECTIONPAGES" if own_pages else "NUMPAGES", rpr)
    body.append(
        parse_xml(
            f"<w:p {NS}>{footer_paragraph_properties(usable)}{text(left)}<w:r>{rpr}<w:tab/></w:r>"
            f"{text(before)}{field_runs('PAGE', rpr)}{text(between)}{count}{text(after)}</w:p>"
        )
    )
