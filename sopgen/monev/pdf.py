"""FormLayout(s) -> PDF: draws the pages the layout placed, with the sheet's embedded font and footer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from .. import fontmetrics
from ..writers.common import property_text
from ..writers.pdf import Painter, new_canvas
from .layout import FormLayout


def write(forms: Sequence[FormLayout], target: Path | BinaryIO, title: str | None = None) -> None:
    """One PDF with every form, each starting on a new page and numbering its own pages."""
    first = forms[0]
    canvas = new_canvas(
        target, (first.width, first.height), property_text(title or first.title), property_text(first.subject)
    )
    for form in forms:
        painter = Painter(canvas, form.height)
        for page in form.pages:
            canvas.setPageSize((form.width, form.height))
            for cell in page.cells:
                painter.cell(cell)
            painter.lines(page.lines)
            canvas.setFont(fontmetrics.font_name(False), form.footer_size)
            footer_y = painter.y(form.height - form.margins.footer)
            canvas.drawString(form.margins.left, footer_y, form.footer_left)
            canvas.drawRightString(form.width - form.margins.right, footer_y, form.footer_text(page.number))
            canvas.showPage()
    canvas.save()
