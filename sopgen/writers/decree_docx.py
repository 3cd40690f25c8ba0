"""DecreeLayout -> the draft decree as DOCX, for the user to finish and sign in Word.

The layout's paragraphs become Word paragraphs with the same indents, tab stops and exact line height
(`templates/keputusan/isi.xml.j2`), so Word wraps them as the PDF does; the page is the layout's
upright paper with its margins, and the page number stands at the top centre from the second page on.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from docx import Document
from docx.oxml import parse_xml
from docx.shared import Pt

from ..fontmetrics import OFFICE_FONT
from ..layout.book import DecreeLayout, WordPara, WordTable
from ..layout.document import Align
from ..templating import render
from .common import word_defaults
from .package import document_parts, emit, repack
from .section import section_page
from .wordml import W_NS, twips

TEMPLATE = "keputusan/isi.xml.j2"
ALIGN = {"left": "left", "center": "center", "right": "right"}


def _paragraph(para: WordPara, size: float) -> dict:
    return {
        "kind": "paragraph",
        "runs": [(text, bold) for text, bold in para.runs],
        "align": ALIGN[para.align],
        "left": twips(para.left),
        "right": twips(para.right),
        "hanging": twips(para.hanging),
        "tabs": [twips(tab) for tab in para.tabs],
        "line": twips(para.line),
        "size": int(round(size * 2)),
        "keep_next": para.keep_next,
        "keep_lines": para.keep_lines,
        "page_break": para.page_break,
    }


def _table(table: WordTable, size: float, leading: float) -> dict:
    widths = [twips(w) for w in table.widths]

    def row(values: tuple[str, ...], header: bool) -> dict:
        cells = []
        aligns: tuple[Align, ...] = tuple("center" for _ in widths) if header else table.aligns
        for value, width, align in zip(values, widths, aligns):
            para = WordPara(((value, header),), align, line=leading, keep_lines=True)
            cells.append({"width": width, "paragraph": _paragraph(para, size)})
        return {"header": header, "cells": cells}

    return {
        "kind": "table",
        "width": sum(widths),
        "widths": widths,
        "pad": twips(table.pad),
        "page_break": table.page_break,
        "breaker": _paragraph(WordPara((), line=1.0, page_break=True), size),
        "rows": [row(table.header, True)] + [row(values, False) for values in table.rows],
    }


def _page_number(header, size: float) -> None:
    """`- N -` centred, from a PAGE field."""
    half = int(round(size * 2))
    rpr = (
        f'<w:rPr><w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}" w:cs="{OFFICE_FONT}"/>'
        f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>'
    )
    runs = (
        f'<w:r>{rpr}<w:t xml:space="preserve">- </w:t></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r>{rpr}<w:t xml:space="preserve"> -</w:t></w:r>'
    )
    body = header._element
    for child in list(body):
        body.remove(child)
    body.append(
        parse_xml(
            f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr>'
            f"{runs}</w:p>"
        )
    )


def build(decree: DecreeLayout):
    doc = Document()
    section = doc.sections[0]
    section_page(section, decree.width, decree.height, decree.margins)
    section.header_distance = Pt(decree.label_baseline - decree.size)
    section.different_first_page_header_footer = True
    _page_number(section.header, decree.size)
    section.first_page_header.is_linked_to_previous = False
    word_defaults(doc, decree.size, decree.title)

    items = [
        _paragraph(item, decree.size) if isinstance(item, WordPara) else _table(item, decree.size, decree.leading)
        for item in decree.body
    ]
    body = doc.element.body
    sect = body[-1]
    for child in list(body)[:-1]:
        body.remove(child)
    rendered = parse_xml(render(TEMPLATE, items=items, font=OFFICE_FONT))
    for child in list(rendered):
        sect.addprevious(child)
    return doc


def write(decree: DecreeLayout, target: Path | BinaryIO) -> None:
    emit(target, repack(document_parts(build(decree))))
