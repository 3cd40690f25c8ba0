"""BookLayout -> the SOP book as one PDF: the pages the book draws as laid out, every sheet through the
sheet painter, the outline (bookmarks) as laid out; and the draft decree's pages as a PDF of their own.

reportlab cannot import another PDF's pages, so the signed decree is bound in a second pass: reportlab
draws the book with a placeholder for each of its pages (the right size, carrying only the book's page
number), then pypdf puts each signed page beneath its placeholder's content. The placeholder page object
stays, so the outline and the links that point to it stay valid.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from .. import fontmetrics
from ..layout import style
from ..layout.book import BookLayout, BoundPage, DecreeLayout, DrawnPage, SheetPage, Text
from ..templating import xml_text
from .common import AUTHOR
from .package import emit
from .pdf import Painter, new_canvas, picture


def _text(canvas: Canvas, height: float, text: Text) -> None:
    canvas.setFont(fontmetrics.font_name(text.bold), text.size)
    if text.grey:
        canvas.setFillGray(text.grey)
    y = height - text.baseline
    value = xml_text(text.text)
    if text.angle:
        canvas.saveState()
        canvas.translate(text.x, y)
        canvas.rotate(text.angle)
        canvas.drawCentredString(0, 0, value)
        canvas.restoreState()
    elif text.align == "center":
        canvas.drawCentredString(text.x, y, value)
    elif text.align == "right":
        canvas.drawRightString(text.x, y, value)
    else:
        canvas.drawString(text.x, y, value)
    if text.grey:
        canvas.setFillGray(0)


def _anchors(canvas: Canvas, anchors: Sequence[str]) -> None:
    for key in anchors:
        canvas.bookmarkPage(key)


def _drawn(canvas: Canvas, page: DrawnPage) -> None:
    height = page.height
    canvas.setPageSize((page.width, height))
    _anchors(canvas, page.anchors)
    for text in page.under:
        _text(canvas, height, text)
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
    for box, colour in page.fills:
        canvas.setFillColor(HexColor(f"#{colour}"))
        canvas.rect(box.x, height - box.bottom, box.w, box.h, stroke=0, fill=1)
        canvas.setFillGray(0)
    for rule in page.rules:
        canvas.setLineWidth(rule.width)
        canvas.line(rule.start[0], height - rule.start[1], rule.end[0], height - rule.end[1])
    if page.shapes or page.connectors:
        painter = Painter(canvas, height)
        for connector in page.connectors:
            painter.connector(connector)
        for shape in page.shapes:
            painter.shape(shape)
    for text in page.texts:
        _text(canvas, height, text)
    for link in page.links:
        box = link.box
        canvas.linkRect(
            "", link.target, (box.x, height - box.bottom, box.right, height - box.y), relative=0, thickness=0
        )
    canvas.showPage()


def _sheet(canvas: Canvas, book: BookLayout, page: SheetPage, number: int) -> None:
    sheet = page.chapter.sheet
    canvas.setPageSize((sheet.width, sheet.height))
    _anchors(canvas, page.anchors)
    for mark in page.marks:
        _text(canvas, sheet.height, mark)
    Painter(canvas, sheet.height).page(sheet, sheet.pages[page.offset], book.footer_text(number), book.sop_bookmarks)
    canvas.showPage()


def _placeholder(canvas: Canvas, page: BoundPage) -> None:
    canvas.setPageSize((page.width, page.height))
    _anchors(canvas, page.anchors)
    _text(canvas, page.height, page.footer)
    canvas.showPage()


def _draw(book: BookLayout, target: Path | BinaryIO) -> None:
    canvas = new_canvas(target, (book.width, book.height), book.title)
    for number, page in enumerate(book.pages, start=1):
        if isinstance(page, DrawnPage):
            _drawn(canvas, page)
        elif isinstance(page, SheetPage):
            _sheet(canvas, book, page, number)
        else:
            _placeholder(canvas, page)
    for entry in book.outline:
        canvas.addOutlineEntry(xml_text(entry.title), entry.key, level=entry.level)
    canvas.showOutline()
    canvas.save()


def _bind(drawn: bytes, book: BookLayout, target: Path | BinaryIO) -> None:
    """Put each signed page beneath its placeholder: its visible box moved to the page's origin, and
    turned as the page shows (its `/Rotate`)."""
    import logging

    from pypdf import PdfReader, PdfWriter, Transformation

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    writer = PdfWriter(clone_from=io.BytesIO(drawn))
    readers: dict[Path, PdfReader] = {}
    for number, page in enumerate(book.pages):
        if not isinstance(page, BoundPage):
            continue
        reader = readers.get(page.source)
        if reader is None:
            reader = readers[page.source] = PdfReader(page.source, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")
        signed = reader.pages[page.index]
        box = signed.cropbox
        width, height = float(box.width), float(box.height)
        turn = Transformation().translate(-float(box.left), -float(box.bottom))
        rotation = signed.rotation % 360  # clockwise, as the page shows
        if rotation == 90:
            turn = turn.rotate(-90).translate(0, width)
        elif rotation == 180:
            turn = turn.rotate(180).translate(width, height)
        elif rotation == 270:
            turn = turn.rotate(90).translate(height, 0)
        placeholder = writer.pages[number]
        placeholder.merge_transformed_page(signed, turn, over=False)
        placeholder.compress_content_streams()
    writer.add_metadata({"/Producer": AUTHOR})
    buffer = io.BytesIO()
    writer.write(buffer)
    emit(target, buffer.getvalue())


def write(book: BookLayout, target: Path | BinaryIO) -> None:
    if not any(isinstance(page, BoundPage) for page in book.pages):
        _draw(book, target)
        return
    buffer = io.BytesIO()
    _draw(book, buffer)
    _bind(buffer.getvalue(), book, target)


def write_decree(decree: DecreeLayout, target: Path | BinaryIO) -> None:
    """The draft decree as a PDF of its own."""
    canvas = new_canvas(target, (decree.width, decree.height), decree.title)
    for page in decree.pages:
        _drawn(canvas, page)
    canvas.save()
