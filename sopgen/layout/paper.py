"""Paper sizes (always landscape) and the sheet's margins, in points."""

from __future__ import annotations

from .document import Margins

MM = 72 / 25.4

PAPER = {
    "F4": (330 * MM, 215 * MM),
    "A4": (297 * MM, 210 * MM),
    "Legal": (14 * 72, 8.5 * 72),
}

MARGINS = Margins(left=28.5, top=28.5, right=28.5, bottom=36.0, footer=14.25)


def page_size(paper: str) -> tuple[float, float]:
    return PAPER[paper]
