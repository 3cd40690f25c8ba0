"""LaidOutDocument -> PDF with reportlab: draws the layout as it is, flipping y, embedding the font."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.colors import HexColor, black, white
from reportlab.pdfgen.canvas import Canvas

from .. import fontmetrics
from ..layout.document import Cell, Connector, Label, LaidOutDocument, Line, Page, Shape, Table, TextBlock

name = "pdf"
suffix = ".pdf"

STROKE = 0.6
ARROW_LEN = 5.0
ARROW_HALF = 2.4


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
        c.setLineWidth(STROKE)
        c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=1, fill=0)
        if cell.image_box is not None:
            self.emblem(cell)
        for check, ticked in cell.checkboxes:
            c.rect(check.x, self.y(check.bottom), check.w, check.h, stroke=1, fill=0)
            if ticked:
                path = c.beginPath()
                path.moveTo(check.x + 1.5, self.y(check.cy))
                path.lineTo(check.x + check.w * 0.42, self.y(check.bottom - 1.5))
                path.lineTo(check.right - 1.2, self.y(check.y + 1.2))
                c.drawPath(path, stroke=1, fill=0)
        self.lines(cell.lines)

    def emblem(self, cell: Cell) -> None:
        box = cell.image_box
        assert box is not None
        if cell.image is not None:
            self.c.drawImage(
                str(cell.image),
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
        self.c.setStrokeColor(HexColor("#A0A0A0"))
        self.c.setDash(2, 2)
        self.c.rect(box.x, self.y(box.bottom), box.w, box.h, stroke=1, fill=0)
        self.c.restoreState()

    def shape(self, shape: Shape) -> None:
        c = self.c
        b = shape.box
        c.setLineWidth(0.8)
        c.setFillColor(white)
        if shape.kind == "terminator":
            c.roundRect(b.x, self.y(b.bottom), b.w, b.h, b.h / 2, stroke=1, fill=1)
        elif shape.kind == "process":
            c.rect(b.x, self.y(b.bottom), b.w, b.h, stroke=1, fill=1)
        else:
            path = c.beginPath()
            if shape.kind == "decision":
                points = [(b.cx, b.y), (b.right, b.cy), (b.cx, b.bottom), (b.x, b.cy)]
            else:
                shoulder = b.y + b.h * 0.8
                points = [(b.x, b.y), (b.right, b.y), (b.right, shoulder), (b.cx, b.bottom), (b.x, shoulder)]
            path.moveTo(points[0][0], self.y(points[0][1]))
            for x, y in points[1:]:
                path.lineTo(x, self.y(y))
            path.close()
            c.drawPath(path, stroke=1, fill=1)
        c.setFillColor(black)
        if shape.text:
            size = 6.5
            c.setFont(fontmetrics.font_name(True), size)
            c.drawCentredString(b.cx, self.y(b.y + b.h * 0.4 + size * 0.35), shape.text)

    def connector(self, connector: Connector) -> None:
        c = self.c
        points = connector.points
        (x1, y1), (x2, y2) = points[-2], points[-1]
        length = max(abs(x2 - x1) + abs(y2 - y1), 1e-6)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        base = (x2 - ux * ARROW_LEN, y2 - uy * ARROW_LEN)
        c.setLineWidth(0.7)
        path = c.beginPath()
        path.moveTo(points[0][0], self.y(points[0][1]))
        for x, y in points[1:-1]:
            path.lineTo(x, self.y(y))
        path.lineTo(base[0], self.y(base[1]))
        c.drawPath(path, stroke=1, fill=0)
        head = c.beginPath()
        head.moveTo(x2, self.y(y2))
        head.lineTo(base[0] - uy * ARROW_HALF, self.y(base[1] + ux * ARROW_HALF))
        head.lineTo(base[0] + uy * ARROW_HALF, self.y(base[1] - ux * ARROW_HALF))
        head.close()
        c.drawPath(head, stroke=0, fill=1)

    def label(self, label: Label) -> None:
        self.c.setFont(fontmetrics.font_name(False), label.size)
        self.c.drawString(label.box.x + 1, self.y(label.box.bottom - 2.2), label.text)

    def page(self, document: LaidOutDocument, page: Page, footer: str | None = None) -> None:
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
        self.c.setFont(fontmetrics.font_name(False), document.footer_size)
        footer_y = self.y(document.height - document.margins.footer)
        self.c.drawString(document.margins.left, footer_y, document.number)
        self.c.drawRightString(
            document.width - document.margins.right,
            footer_y,
            footer if footer is not None else document.footer_text(page),
        )


def write(document: LaidOutDocument, target: Path | BinaryIO) -> None:
    fontmetrics.register_fonts()
    canvas = Canvas(
        target if not isinstance(target, Path) else str(target),
        pagesize=(document.width, document.height),
        invariant=1,
        pageCompression=1,
    )
    canvas.setTitle(document.title)
    canvas.setSubject(document.subject)
    canvas.setAuthor("sopgen")
    canvas.setCreator("sopgen")
    painter = Painter(canvas, document.height)
    for page in document.pages:
        painter.page(document, page)
        canvas.showPage()
    canvas.save()
