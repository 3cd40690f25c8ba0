"""What the workbooks written with openpyxl share: the print setup, the thin border, rich cell text.

The register, the Monev forms and the recap build openpyxl workbooks; the SOP sheet does not (see
`writers.xlsx`), so this module, which imports openpyxl, is theirs alone.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Border, Side
from openpyxl.worksheet.page import PageMargins

from ..fontmetrics import OFFICE_FONT
from ..layout.document import Margins, Para
from .spreadsheetml import PAPER_CODES
from .xlsx import para_text

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def print_landscape(ws: Any, paper: str, margins: PageMargins) -> None:
    """Print a worksheet landscape on `paper` (F4 when unknown), one page wide, with these margins."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_CODES.get(paper, PAPER_CODES["F4"])
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = margins


def page_margins(margins: Margins) -> PageMargins:
    """A layout's margins (points) as Excel's (inches)."""
    return PageMargins(
        left=margins.left / 72,
        right=margins.right / 72,
        top=margins.top / 72,
        bottom=margins.bottom / 72,
        header=0.2,
        footer=margins.footer / 72,
    )


def cell_value(paras: tuple[Para, ...]) -> str | CellRichText:
    """The paragraphs as one cell's value: plain text, or rich text when some are bold and some not."""
    texts = [para_text(p) for p in paras]
    if len({p.bold for p in paras}) <= 1:
        return "\n".join(texts)
    blocks = []
    for index, (para, text) in enumerate(zip(paras, texts)):
        font = InlineFont(rFont=OFFICE_FONT, sz=para.size, b=para.bold)
        blocks.append(TextBlock(font, text + ("\n" if index < len(paras) - 1 else "")))
    return CellRichText(blocks)
