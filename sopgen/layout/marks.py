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

IDENTITY_ROWS: dict[str, tuple[int, ...]] = {
    "nomor": (0,),
    "tanggal_pembuatan": (1,),
    "revisi": (2,),
    "tanggal_efektif": (3,),
    "disahkan_oleh": (4,),
    "instansi": (0, 1, 2, 3, 4),
    "unit": (5,),
    "jenis": (5,),
    "judul": (5,),
}
"""The rows of the identity table (`tables.identity`) that print each field."""
BASIS_ROWS: dict[str, tuple[int, ...]] = {
    "dasar_hukum": (0,),
    "kualifikasi_pelaksana": (0,),
    "keterkaitan": (1,),
    "peralatan_perlengkapan": (1,),
    "peringatan": (2,),
    "pencatatan_pendataan": (2,),
}
"""The rows of the legal basis grid (`tables.legal_basis`) that print each field."""
LANES = "pelaksana"
TITLE_FIELDS = ("judul", "jenis", "judul_bagan")
"""The fields the flowchart's title may print (`SOP Makro <judul>`, or its own `judul_bagan`)."""


def _rows(table: Table, steps: Collection[int], fields: Collection[str]) -> list[Row]:
    if table.kind in ("identitas", "dasar"):
        where = IDENTITY_ROWS if table.kind == "identitas" else BASIS_ROWS
        wanted = {row for name in fields for row in where.get(name, ())}
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
