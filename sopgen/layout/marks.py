"""Change bars: in the left margin, beside the rows of a sheet that changed since an earlier version.

`mark_changes(document, steps, fields)` sets `page.marks` on every page: a bar beside the body row of
each changed step, beside the identity and legal basis rows that show a changed field, beside the
flowchart's title when `judul` or `jenis` changed, and beside its header rows when the lanes changed.
Bars of adjacent rows join into one.
"""

from __future__ import annotations

from collections.abc import Collection

from . import style
from .document import Box, LaidOutDocument, Row, Table, TextBlock

LANES = "pelaksana"
TITLE_FIELDS = ("judul", "jenis", "judul_bagan")
"""The fields the flowchart's title may print (`SOP Makro <judul>`, or its own `judul_bagan`)."""


def _rows(table: Table, steps: Collection[int], fields: Collection[str]) -> list[Row]:
    if table.kind in ("identitas", "dasar"):
        # the rows of the cells that print a changed field (`jenis` is printed beside `judul`)
        names = set(fields) | ({"judul"} if "jenis" in fields else set())
        wanted = {
            row
            for cell in table.cells
            if cell.field and cell.field[0] in names
            for row in range(cell.row, cell.row + cell.rowspan)
        }
        return [row for index, row in enumerate(table.rows) if index in wanted]
    if table.kind != "prosedur":
        return []
    return [
        row
        for row in table.rows
        if (row.kind == "body" and row.step in steps) or (row.kind == "header" and LANES in fields)
    ]


def _joined(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    joined: list[tuple[float, float]] = []
    for top, bottom in sorted(spans):
        if joined and top <= joined[-1][1] + 0.01:
            joined[-1] = (joined[-1][0], max(joined[-1][1], bottom))
        else:
            joined.append((top, bottom))
    return joined


def mark_changes(document: LaidOutDocument, steps: Collection[int], fields: Collection[str]) -> None:
    """Set the change bars of every page: beside the rows of the changed steps (indexes of the laid-out
    version) and of the changed fields (top-level keys of the definition)."""
    x = document.margins.left - style.MARK_GAP - style.MARK_WIDTH
    for page in document.pages:
        spans = [
            (row.y, row.y + row.h)
            for block in page.blocks
            if isinstance(block, Table)
            for row in _rows(block, steps, fields)
        ]
        if any(name in fields for name in TITLE_FIELDS):
            spans.extend((b.box.y, b.box.bottom) for b in page.blocks if isinstance(b, TextBlock))
        page.marks = [Box(x, top, style.MARK_WIDTH, bottom - top) for top, bottom in _joined(spans)]
