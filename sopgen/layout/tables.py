"""The sheet's tables as cells on the shared grid: identity header, legal basis grid, flowchart rows.

Each builder returns cell specs and the row heights they need; `assemble` places them at a given
height on the page, wrapping every cell's text into positioned lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..dates import tanggal_panjang
from ..definition.model import SopDocument
from . import style, text
from .document import Align, Box, Cell, Checkbox, Para, Row, Table, TableKind, VAlign
from .grid import Grid

HEADER_FILL = "D9D9D9"
EMBLEM = 54.0


@dataclass
class CellSpec:
    row: int
    col: int
    colspan: int
    paras: Sequence[Para] = ()
    rowspan: int = 1
    align: Align = "left"
    valign: VAlign = "middle"
    fill: str | None = None
    image: Path | None = None
    emblem: bool = False
    field: tuple[str | int, ...] = ()
    """Where in the definition the text of this cell comes from, e.g. `("langkah", 1, "keterangan")`
    (to point at it when it cannot fit)."""


@dataclass
class TableSpec:
    kind: TableKind
    cells: list[CellSpec]
    rows: int
    min_heights: list[float] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    steps: list[int | None] = field(default_factory=list)

    def scaled(self, size: float) -> TableSpec:
        """The same table with no text larger than `size` points."""
        cells = [replace(c, paras=[replace(p, size=min(p.size, size)) for p in c.paras]) for c in self.cells]
        return replace(self, cells=cells)

    def heights(self, widths: Sequence[float]) -> list[float]:
        """Row heights the cells need (a spanning cell grows the last row it spans)."""
        heights = list(self.min_heights) or [0.0] * self.rows
        spans = sorted(self.cells, key=lambda c: c.rowspan)
        for spec in spans:
            width = sum(widths[spec.col : spec.col + spec.colspan])
            needed = text.height(spec.paras, width)
            covered = sum(heights[spec.row : spec.row + spec.rowspan])
            if needed > covered:
                heights[spec.row + spec.rowspan - 1] += needed - covered
        return [style.snap(h) for h in heights]


def _paras(lines: Sequence[str], size: float = style.FONT, bold: bool = False, align: Align = "left") -> list[Para]:
    return [Para(line, size, bold, align) for line in lines]


def identity(doc: SopDocument, grid: Grid) -> TableSpec:
    """Identity header: emblem and institution, Nomor SOP, dates, revision, signatory, title."""
    sop = doc.sop
    left = grid.split_near(0.40, lo=1, hi=grid.count - 3)
    label = grid.split_near(0.58, lo=left + 1, hi=grid.count - 2)
    n = grid.count
    last = sop.revisi_terakhir
    revision = Para(
        f"Revisi ke {last.ke} ({tanggal_panjang(last.tanggal)})" if last else "Revisi ke",
        style.FONT,
        checkbox=last is not None,
    )
    signatory = [
        Para(sop.disahkan_oleh.jabatan, style.FONT),
        Para(sop.disahkan_oleh.nama, style.FONT, bold=True, space_before=30.0),
    ]
    if sop.disahkan_oleh.nip:
        signatory.append(Para(f"NIP. {sop.disahkan_oleh.nip}", style.FONT))
    values: list[tuple[str, list[Para]]] = [
        ("Nomor SOP", [Para(sop.nomor, style.FONT, bold=True)]),
        ("Tanggal Pembuatan", [Para(tanggal_panjang(sop.tanggal_pembuatan), style.FONT)]),
        ("Tanggal Revisi", [revision]),
        ("Tanggal Efektif", [Para(tanggal_panjang(sop.tanggal_efektif) if sop.tanggal_efektif else "-", style.FONT)]),
        ("Disahkan oleh", signatory),
    ]
    keys = ("nomor", "tanggal_pembuatan", "revisi", "tanggal_efektif", "disahkan_oleh")
    institution = _paras(doc.instansi, 9.0, True, "center")
    institution[0] = replace(institution[0], space_before=EMBLEM + 6)
    cells = [
        CellSpec(
            0,
            0,
            left,
            institution,
            rowspan=len(values),
            align="center",
            valign="top",
            image=doc.logo_path,
            emblem=True,
            field=("instansi",),
        )
    ]
    for row, ((caption, paras), key) in enumerate(zip(values, keys)):
        cells.append(CellSpec(row, left, label - left, [Para(caption, style.FONT)]))
        cells.append(CellSpec(row, label, n - label, paras, field=(key,)))
    judul_row = len(values)
    cells.append(CellSpec(judul_row, 0, left, _paras(sop.unit, style.FONT, True), field=("unit",)))
    cells.append(
        CellSpec(judul_row, left, label - left, [Para(f"Judul SOP {sop.jenis.capitalize()}", style.FONT, bold=True)])
    )
    cells.append(CellSpec(judul_row, label, n - label, [Para(sop.judul, 9.0, bold=True)], field=("judul",)))
    rows = judul_row + 1
    return TableSpec("identitas", cells, rows, [16.5] * rows, ["block"] * rows, [None] * rows)


def legal_basis(doc: SopDocument, grid: Grid) -> TableSpec:
    """The two-column grid: Dasar Hukum, Kualifikasi, Keterkaitan, Peralatan, Peringatan, Pencatatan."""
    sop = doc.sop
    split = grid.split_near(0.5, lo=1, hi=grid.count - 1)
    n = grid.count

    def content(caption: str, items: Sequence[str], links: Sequence[str | None] = ()) -> list[Para]:
        head = Para(f"{caption} :", style.FONT, bold=True)
        body = text.numbered(items) if len(items) > 1 else _paras(items)
        body = [replace(para, link=link) for para, link in zip(body, links)] + body[len(links) :]
        return [head, *body]

    pairs = [
        (("dasar_hukum", "Dasar Hukum"), ("kualifikasi_pelaksana", "Kualifikasi Pelaksana")),
        (("keterkaitan", "Keterkaitan"), ("peralatan_perlengkapan", "Peralatan/Perlengkapan")),
        (("peringatan", "Peringatan"), ("pencatatan_pendataan", "Pencatatan dan Pendataan")),
    ]
    cells = []
    for row, pair in enumerate(pairs):
        for (key, caption), (col, span) in zip(pair, ((0, split), (split, n - split))):
            if key == "keterkaitan":
                paras = content(caption, doc.related_texts, [r.nomor if r else None for r in doc.related])
            else:
                paras = content(caption, getattr(sop, key))
            cells.append(CellSpec(row, col, span, paras, valign="top", field=(key,)))
    return TableSpec("dasar", cells, 3, [16.5] * 3, ["block"] * 3, [None] * 3)


def flow_header(doc: SopDocument, grid: Grid) -> TableSpec:
    """The two header rows of the flowchart table, repeated on every page."""
    lanes = grid.lane_columns

    def head(caption: str) -> list[Para]:
        return [Para(caption, style.SMALL, bold=True, align="center")]

    cells = [
        CellSpec(0, 0, 1, head("No."), rowspan=2),
        CellSpec(0, grid.kegiatan, 1, head("Kegiatan"), rowspan=2),
        CellSpec(0, lanes[0], len(lanes), head("Pelaksana")),
        CellSpec(0, grid.kelengkapan, 3, head("Mutu Baku")),
        CellSpec(0, grid.ket, 1, head("Ket."), rowspan=2),
    ]
    for column, (key, name) in zip(lanes, doc.sop.pelaksana.items()):
        cells.append(CellSpec(1, column, 1, head(name), field=("pelaksana", key)))
    for column, caption in ((grid.kelengkapan, "Kelengkapan"), (grid.waktu, "Waktu"), (grid.output, "Output")):
        cells.append(CellSpec(1, column, 1, head(caption)))
    for spec in cells:
        spec.align, spec.fill = "center", HEADER_FILL
    return TableSpec("prosedur", cells, 2, [15.0, 15.0], ["header", "header"], [None, None])


def step_row(doc: SopDocument, grid: Grid, index: int, row: int, size: float = style.FONT) -> list[CellSpec]:
    """The cells of one step's row: its number, texts and Mutu Baku; lane cells stay empty."""
    step = doc.sop.langkah[index]
    cells = [
        CellSpec(row, 0, 1, [Para(str(index + 1), size, align="center")], align="center"),
        CellSpec(row, grid.kegiatan, 1, [Para(step.kegiatan, size)], field=("langkah", index, "kegiatan")),
    ]
    cells += [CellSpec(row, column, 1) for column in grid.lane_columns]
    texts: list[tuple[int, str, str, Align]] = [
        (grid.kelengkapan, "kelengkapan", step.kelengkapan, "left"),
        (grid.waktu, "waktu", str(step.waktu) if step.waktu else "", "center"),
        (grid.output, "output", step.output, "left"),
        (grid.ket, "keterangan", step.keterangan, "left"),
    ]
    for column, key, value, align in texts:
        paras = [Para(value, size, align=align)] if value else []
        cells.append(CellSpec(row, column, 1, paras, align=align, field=("langkah", index, key)))
    return cells


HISTORY_CAPTIONS = ("Ke", "Tanggal Revisi", "Catatan Revisi")


def revision_history(doc: SopDocument, grid: Grid) -> TableSpec:
    """The revision history (riwayat revisi): a heading row, then one row per revision, oldest first."""
    number = grid.split_near(0.10, lo=1, hi=grid.count - 2)
    day = grid.split_near(0.32, lo=number + 1, hi=grid.count - 1)
    spans = ((0, number), (number, day - number), (day, grid.count - day))
    cells = [
        CellSpec(
            0, col, span, [Para(caption, style.SMALL, bold=True, align="center")], align="center", fill=HEADER_FILL
        )
        for (col, span), caption in zip(spans, HISTORY_CAPTIONS)
    ]
    for row, revision in enumerate(doc.sop.revisi, start=1):
        values = (str(revision.ke), tanggal_panjang(revision.tanggal), revision.catatan.strip() or "-")
        aligns: tuple[Align, ...] = ("center", "center", "left")
        for (col, span), value, align, key in zip(spans, values, aligns, ("ke", "tanggal", "catatan")):
            paras = [Para(value, style.FONT, align=align)]
            cells.append(CellSpec(row, col, span, paras, align=align, valign="top", field=("revisi", row - 1, key)))
    rows = len(doc.sop.revisi) + 1
    return TableSpec("riwayat", cells, rows, [15.0] * rows, ["header"] + ["body"] * (rows - 1), [None] * rows)


def assemble(
    kind: TableKind,
    specs: Sequence[CellSpec],
    heights: Sequence[float],
    kinds: Sequence[str],
    steps: Sequence[int | None],
    repeated: Sequence[bool],
    edges: Sequence[float],
    top: float,
    header_rows: int = 0,
) -> Table:
    """Place cell specs on the page: boxes from the grid edges and row heights, text wrapped."""
    tops = [top]
    for h in heights:
        tops.append(tops[-1] + h)
    rows = tuple(
        Row(tops[i], heights[i], kinds[i], steps[i], repeated[i])  # type: ignore[arg-type]
        for i in range(len(heights))
    )
    cells = []
    for spec in specs:
        box = Box(
            edges[spec.col],
            tops[spec.row],
            edges[spec.col + spec.colspan] - edges[spec.col],
            tops[spec.row + spec.rowspan] - tops[spec.row],
        )
        image_box = None
        text_box = box
        if spec.emblem:
            image_box = Box(box.cx - EMBLEM / 2, box.y + style.PAD_Y + 3, EMBLEM, EMBLEM)
        checkboxes: list[Checkbox] = []
        lines = text.place(spec.paras, text_box, spec.valign, checkboxes)
        cells.append(
            Cell(
                spec.row,
                spec.col,
                spec.rowspan,
                spec.colspan,
                box,
                tuple(spec.paras),
                lines,
                spec.align,
                spec.valign,
                spec.fill,
                spec.image,
                image_box,
                tuple(checkboxes),
            )
        )
    width = edges[-1] - edges[0]
    return Table(
        kind,
        Box(edges[0], top, width, tops[-1] - top),
        rows,
        tuple(cells),
        header_rows,
    )
