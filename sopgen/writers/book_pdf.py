"""BookLayout -> the SOP book as one PDF: the front pages as laid out, then every sheet through the
sheet painter, with page numbers running through the book and one bookmark per SOP."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .. import fontmetrics
from ..layout import style
from ..layout.book import BookLayout, FrontPage, Text
from ..templating import xml_text
from .pdf import Painter, new_canvas, picture


def _text(canvas: Canvas, height: float, text: Text) -> None:
    canvas.setFont(fontmetrics.font_name(text.bold), text.size)
    if text.grey:
        canvas.setFillGray(text.grey)
    y = height - text.baseline
    value = xml_text(text.text)
    if text.align == "center":
        canvas.drawCentredString(text.x, y, value)
    elif text.align == "right":
        canvas.drawRightString(text.x, y, value)
    else:
        canvas.drawString(text.x, y, value)
    if text.grey:
        canvas.setFillGray(0)


def _front(canvas: Canvas, book: BookLayout, page: FrontPage) -> None:
    height = book.height
    if page.emblem is not None:
        box = page.emblem
        if page.image is not None:
            canvas.drawImage(
                picture(page.image), box.x, height - box.bottom, box.w, box.h, preserveAspectRatio=True, mask="auto"
            )
        else:
            canvas.saveState()
            canvas.setDash(2, 2)
            canvas.setStrokeColor(HexColor(f"#{style.FRAME_COLOUR}"))
            canvas.setLineWidth(style.FRAME_STROKE)
            canvas.rect(box.x, height - box.bottom, box.w, box.h)
            canvas.restoreState()
    for text in page.texts:
        _text(canvas, height, text)
    for link in page.links:
        box = link.box
        canvas.linkRect(
            "", link.target, (box.x, height - box.bottom, box.right, height - box.y), relative=0, thickness=0
        )
    canvas.showPage()


def write(book: BookLayout, target: Path | BinaryIO) -> None:
    canvas = new_canvas(target, (book.width, book.height), book.title)
    for page in book.front:
        _front(canvas, book, page)
    for chapter in book.chapters:
        sheet = chapter.sheet
        painter = Painter(canvas, sheet.height)
        for offset, sheet_page in enumerate(sheet.pages):
            canvas.setPageSize((sheet.width, sheet.height))
            if offset == 0:
                canvas.bookmarkPage(chapter.key)
                canvas.addOutlineEntry(chapter.outline, chapter.key, level=0)
            painter.page(sheet, sheet_page, book.footer_text(chapter.first_page + offset))
            canvas.showPage()
    canvas.showOutline()
    canvas.save()
