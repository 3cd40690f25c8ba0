"""LaidOutDocument -> PDF with reportlab: draws the layout as it is, flipping y, embedding the font."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor, black, white
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from .. import fontmetrics
from ..layout import style
from ..layout.document import (
    Cell,
    Connector,
    Label,
    LaidOutDocument,
    Line,
    Link,
    Page,
    Point,
    Shape,
    Table,
    TextBlock,
)
from .common import AUTHOR, metadata

name = "pdf"
suffix = ".pdf"


def picture(path: Path) -> ImageReader:
    """An image read from its bytes: reportlab names an image by its file path otherwise, so the same
    sheet built in another folder would differ."""
    return ImageReader(io.BytesIO(path.read_bytes()))


class Painter:
    def __init__(self, canvas: Canvas, height: float):
        self.c = canvas
        self.h = height

    def y(self, value: float) -> float:
        return self.h - value

    def lines(self, lines: tuple[Line, ...] | list[Line]) -> None:
        for line in lines:
            self.c.setFont(fontmetrics.font_name(line.bold), line.size)
            self.c.drawString(line.x, self.y(line.baseline), line.text)

    def cell(self, cell: Cell) -> None:
        box = cell.box
        c = self.c
        if cell.fill:
            c.setFillColor(HexColor(f"#{cell.fill}"))
            c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=0, fill=1)
            c.setFillColor(black)
        c.setLineWidth(style.GRID_STROKE)
        c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=1, fill=0)
        if cell.image_box is not None:
            self.emblem(cell)
        for check in cell.checkboxes:
            square = check.box
            c.rect(square.x, self.y(square.bottom), square.w, square.h, stroke=1, fill=0)
            if check.tick:
                path = c.beginPath()
                path.moveTo(check.tick[0][0], self.y(check.tick[0][1]))
                for x, y in check.tick[1:]:
                    path.lineTo(x, self.y(y))
                c.drawPath(path, stroke=1, fill=0)
        self.lines(cell.lines)

    def emblem(self, cell: Cell) -> None:
        box = cell.image_box
        assert box is not None
        if cell.image is not None:
            self.c.drawImage(
                picture(cell.image),
                box.x,
                self.y(box.bottom),
                box.w,
                box.h,
                preserveAspectRatio=True,
                anchor="c",
                mask="auto",
            )
            return
        self.c.saveState()
        self.c.setStrokeColor(HexColor(f"#{style.FRAME_COLOUR}"))
        self.c.setLineWidth(style.FRAME_STROKE)
        self.c.setDash(2, 2)
        self.c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=1, fill=0)
        self.c.restoreState()

    def polygon(self, points: tuple[Point, ...], stroke: int, fill: int) -> None:
        path = self.c.beginPath()
        path.moveTo(points[0][0], self.y(points[0][1]))
        for x, y in points[1:]:
            path.lineTo(x, self.y(y))
        path.close()
        self.c.drawPath(path, stroke=stroke, fill=fill)

    def shape(self, shape: Shape) -> None:
        c = self.c
        b = shape.box
        c.setLineWidth(style.SYMBOL_STROKE)
        c.setFillColor(white)
        if shape.outline.polygon:
            self.polygon(shape.outline.polygon, stroke=1, fill=1)
        elif shape.outline.radius:
            c.roundRect(b.x, self.y(b.bottom), b.w, b.h, shape.outline.radius, stroke=1, fill=1)
        else:
            c.rect(b.x, self.y(b.bottom), b.w, b.h, stroke=1, fill=1)
        c.setFillColor(black)
        if shape.text and shape.text_at is not None:
            c.setFont(fontmetrics.font_name(True), style.LETTER)
            c.drawCentredString(shape.text_at[0], self.y(shape.text_at[1]), shape.text)

    def connector(self, connector: Connector) -> None:
        c = self.c
        c.setLineWidth(style.ARROW_STROKE)
        path = c.beginPath()
        points = connector.shaft
        path.moveTo(points[0][0], self.y(points[0][1]))
        for x, y in points[1:]:
            path.lineTo(x, self.y(y))
        c.drawPath(path, stroke=1, fill=0)
        if connector.head:
            self.polygon(connector.head, stroke=0, fill=1)

    def label(self, label: Label) -> None:
        if label.ground:
            b = label.box
            self.c.setFillColor(white)
            self.c.rect(b.x, self.y(b.bottom), b.w, b.h, stroke=0, fill=1)
            self.c.setFillColor(black)
        self.c.setFont(fontmetrics.font_name(False), label.size)
        self.c.drawString(label.baseline[0], self.y(label.baseline[1]), label.text)

    def link(self, link: Link, bookmark: str | None = None) -> None:
        """A link to the named bookmark of this PDF, else to the first page of the linked SOP's own PDF."""
        b = link.box
        rect = (b.x, self.y(b.bottom), b.right, self.y(b.y))
        if bookmark is not None:
            self.c.linkRect("", bookmark, rect, relative=0, thickness=0)
        else:
            self.c.linkURL(link.file, rect, relative=0, thickness=0, kind="GoToR")

    def marks(self, page: Page) -> None:
        """The change bars in the margin (`sopgen diff --pdf`): filled, no outline."""
        if not page.marks:
            return
        self.c.saveState()
        self.c.setFillColor(HexColor(f"#{style.MARK_COLOUR}"))
        for box in page.marks:
            self.c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=0, fill=1)
        self.c.restoreState()

    def page(
        self,
        document: LaidOutDocument,
        page: Page,
        footer: str | None = None,
        bookmarks: Mapping[str, str] | None = None,
    ) -> None:
        """Draw one page; `bookmarks` (SOP number -> bookmark) make links jump inside this PDF (the book)."""
        for link in page.links:
            self.link(link, (bookmarks or {}).get(link.target))
        for block in page.blocks:
            if isinstance(block, Table):
                for cell in block.cells:
                    self.cell(cell)
            elif isinstance(block, TextBlock):
                self.lines(block.lines)
        for connector in page.connectors:
            self.connector(connector)
        for shape in page.shapes:
            self.shape(shape)
        for label in page.labels:
            self.label(label)
        self.marks(page)
        self.c.setFont(fontmetrics.font_name(False), document.footer_size)
        footer_y = self.y(document.height - document.margins.footer)
        self.c.drawString(document.margins.left, footer_y, document.number)
        self.c.drawRightString(
            document.width - document.margins.right,
            footer_y,
            footer if footer is not None else document.footer_text(page.number),
        )


def new_canvas(target: Path | BinaryIO, size: tuple[float, float], title: str, subject: str = "") -> Canvas:
    """A reportlab canvas that writes the same bytes for the same drawing (no clock, no random ids)."""
    fontmetrics.register_fonts()
    canvas = Canvas(
        target if not isinstance(target, Path) else str(target), pagesize=size, invariant=1, pageCompression=1
    )
    canvas.setTitle(title)
    if subject:
        canvas.setSubject(subject)
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    return canvas


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    info = metadata(document)
    canvas = new_canvas(target, (document.width, document.height), info.title, info.subject)
    painter = Painter(canvas, document.height)
    for page in document.pages:
        painter.page(document, page)
        canvas.showPage()
    canvas.save()
