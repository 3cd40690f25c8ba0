"""A DOCX section's paper and margins: set on a python-docx section, or as the values of `w:pgSz` and
`w:pgMar` written as text, with the same numbers either way."""

from __future__ import annotations

from typing import Any

from ..layout.document import Margins


def section_twips(points: float) -> int:
    """A section length in twips as python-docx writes it: whole EMU first (`Pt`), then rounded."""
    return int(round(int(points * 12700) / 635))


def section_page(section: Any, width: float, height: float, margins: Margins) -> None:
    """Paper and margins of a python-docx section (points); wider than tall is landscape."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.left_margin, section.right_margin = Pt(margins.left), Pt(margins.right)
    section.top_margin, section.bottom_margin = Pt(margins.top), Pt(margins.bottom)
    section.header_distance = Pt(margins.top / 2)
    section.footer_distance = Pt(margins.footer)


def section_values(width: float, height: float, margins: Margins) -> dict[str, str]:
    """What `section_page` sets, as the attribute values of `w:pgSz` and `w:pgMar` (an `orientation`
    attribute only for landscape: portrait is the default, which python-docx leaves unwritten)."""
    lengths = {
        "page_width": width,
        "page_height": height,
        "top": margins.top,
        "right": margins.right,
        "bottom": margins.bottom,
        "left": margins.left,
        "header": margins.top / 2,
        "footer": margins.footer,
    }
    values = {name: str(section_twips(points)) for name, points in lengths.items()}
    values["orientation"] = ' w:orient="landscape"' if width > height else ""
    return values
