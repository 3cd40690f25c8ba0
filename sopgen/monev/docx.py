"""FormLayout(s) -> DOCX: each form in its own section (its paper, its footer, its page numbers).

The printed rows of a part (`top`, `table`, `bottom`) become a table on the layout's grid; a gap row
becomes an empty paragraph of its height, and two tables always have a paragraph between them (Word
would join them). The table's heading rows repeat on every page. Rows that are filled in are *at
least* as tall as the layout's rows, so text typed into the document makes its row taller instead of
being cut off; Word breaks the pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document
from docx.enum.section import WD_SECTION

from ..writers.package import document_parts, emit, repack
from ..writers.section import section_page
from . import wordparts
from .layout import FormLayout
from .wordparts import WordCell, WordRow

EXACT_KINDS = ("title", "note", "gap")
"""Rows with fixed text: their height is the layout's exactly."""


def _row(form: FormLayout, index: int) -> WordRow:
    row = form.rows[index]
    slots = sorted((s for s in form.slots if s.row == index), key=lambda s: s.col)
    cells: list[WordCell] = []
    col = 0
    for slot in slots:
        if slot.col > col:
            cells.append(WordCell((), slot.col - col, border=False))
        cells.append(WordCell(slot.paras, slot.colspan, slot.fill, slot.border, slot.valign))
        col = slot.col + slot.colspan
    if col < len(form.columns):
        cells.append(WordCell((), len(form.columns) - col, border=False))
    rule: wordparts.HeightRule = "exact" if row.kind in EXACT_KINDS else "atLeast"
    return WordRow(tuple(cells), row.height, rule, header=index in form.header_rows)


def _blocks(form: FormLayout) -> list[str]:
    """The form's printed rows as tables and spacer paragraphs, in order."""
    blocks: list[str] = []
    pending: list[WordRow] = []
    part = None

    def close() -> None:
        if pending:
            if blocks and blocks[-1].startswith("<w:tbl"):
                blocks.append(wordparts.spacer(wordparts.SEPARATOR_H))
            blocks.append(wordparts.table(pending, form.columns))
            pending.clear()

    for index in form.rows_for("print"):
        row = form.rows[index]
        if row.kind == "gap":
            close()
            blocks.append(wordparts.spacer(row.height))
            continue
        if row.part != part:
            close()
            part = row.part
        pending.append(_row(form, index))
    close()
    return blocks


def build(forms: Sequence[FormLayout], title: str | None = None) -> Any:
    """Each form's footer counts its own pages when there are several (Word's SECTIONPAGES; LibreOffice
    shows it wrongly), the document's pages when there is one (NUMPAGES, right everywhere)."""
    doc = Document()
    first = forms[0]
    wordparts.setup(doc, title or first.title, first.subject)
    body = doc.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    for number, form in enumerate(forms):
        if number:
            doc.add_section(WD_SECTION.NEW_PAGE)
        section = doc.sections[-1]
        section_page(section, form.width, form.height, form.margins)
        wordparts.restart_numbering(section)
        usable = form.width - form.margins.left - form.margins.right
        wordparts.footer(section, form.footer_left, form.footer, form.footer_size, usable, own_pages=len(forms) > 1)
        for block in _blocks(form):
            wordparts.add(doc, block)
        wordparts.add(doc, wordparts.spacer(wordparts.SEPARATOR_H))
    return doc


def write(forms: Sequence[FormLayout], target: Path | BinaryIO, title: str | None = None) -> None:
    """One document with every form, each in its own section."""
    emit(target, repack(document_parts(build(forms, title))))
