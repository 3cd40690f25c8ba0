"""The sheet's tables as cells on the shared grid: identity header, legal basis grid, flowchart rows.

Each builder returns cell specs and the row heights they need; `assemble` places them at a given
height on the page, wrapping every cell's text into positioned lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..dates import tanggal
from ..definition.model import SopDocument
from . import style, text
from .document import Align, Box, Cell, Checkbox, Para, Row, Table, TableKind, VAlign
from .grid import Grid

HEADER_FILL = "D9D9D9"
EMBLEM = 54.0
INSTITUTION = 9.0
"""Size of the institution's lines (bold) when the profile does not tell its name from its address."""
NUMBER_ROW = 12.0
"""Least height of the row of column numbers under the flowchart's header."""


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


def _date(doc: SopDocument, day) -> str:
    return tanggal(day, doc.lembar.nama_hari)


def _revision(doc: SopDocument) -> Para:
    """The Tanggal Revisi value: the checkbox and `Revisi ke N (date)` (the default), or without the
    checkbox the latest revision's number and date, `-` before the first revision."""
    last = doc.sop.revisi_terakhir
    label = doc.lembar.labels.revisi_ke
    boxed = doc.lembar.head.kotak_revisi
    if last is None:
        return Para(label, style.FONT, checkbox=False) if boxed else Para("-", style.FONT)
    day = _date(doc, last.tanggal)
    text = f"{label} {last.ke} ({day})" if last.ke is not None else day
    return Para(text, style.FONT, checkbox=True if boxed else None)


def _signatory(doc: SopDocument, space: float = 30.0) -> list[Para]:
    """Jabatan, room to sign, the name in bold, then the pangkat and `NIP. ...` when written."""
    who = doc.sop.disahkan_oleh
    paras = [Para(who.jabatan, style.FONT), Para(who.nama, style.FONT, bold=True, space_before=space)]
    if who.pangkat.strip():
        paras.append(Para(who.pangkat.strip(), style.FONT))
    if who.nip.strip():
        paras.append(Para(f"NIP. {who.nip}", style.FONT))
    return paras


def _institution(doc: SopDocument, align: Align = "center") -> list[Para]:
    """The institution's lines: all bold (the default), or the first `baris_nama_instansi` lines bold and
    large (the agency's name) and the rest small and regular (its address)."""
    names = doc.lembar.head.baris_nama_instansi
    if names is None:
        return _paras(doc.instansi, INSTITUTION, True, align)
    return [
        Para(line, style.INSTITUTION_NAME, True, align) if index < names else Para(line, style.SMALL, False, align)
        for index, line in enumerate(doc.instansi)
    ]


def identity(doc: SopDocument, grid: Grid) -> TableSpec:
    """Identity header: emblem and institution, Nomor SOP, dates, revision, signatory, title; in two
    columns (emblem above the institution, the default) or three (emblem | institution | fields)."""
    sop = doc.sop
    labels = doc.lembar.labels
    head = doc.lembar.head
    three = head.susunan == "tiga_kolom"
    n = grid.count
    made = _date(doc, sop.tanggal_pembuatan)
    effective = _date(doc, sop.tanggal_efektif) if sop.tanggal_efektif else "-"
    values: list[tuple[str, list[Para], str]] = [
        (labels.nomor_sop, [Para(sop.nomor, style.FONT, bold=True)], "nomor"),
        (labels.tanggal_pembuatan, [Para(made, style.FONT)], "tanggal_pembuatan"),
        (labels.tanggal_revisi, [_revision(doc)], "revisi"),
        (labels.tanggal_efektif, [Para(effective, style.FONT)], "tanggal_efektif"),
        (labels.disahkan_oleh, _signatory(doc), "disahkan_oleh"),
    ]
    title_label = labels.judul_sop + (f" {sop.jenis.capitalize()}" if sop.jenis else "")
    title = (title_label, [Para(sop.judul, 9.0, bold=True)], "judul")
    if not head.baris_unit:
        values.append(title)
    if three:
        emblem_end = 2  # No. and the first part of Kegiatan (all of it when it could not be split)
        left = grid.split_near(0.45, lo=emblem_end + 1, hi=n - 3)
        label = grid.split_near(0.60, lo=left + 1, hi=n - 2)
    else:
        emblem_end = 0
        left = grid.split_near(0.40, lo=1, hi=n - 3)
        label = grid.split_near(0.58, lo=left + 1, hi=n - 2)
    rows = len(values) + (1 if head.baris_unit else 0)
    cells: list[CellSpec] = []
    if three:
        # The emblem's own cell: an empty paragraph keeps the room under the emblem (and gives the DOCX
        # writer the paragraph it puts the picture in).
        blank = [Para("", style.FONT, space_before=EMBLEM + 6)]
        cells.append(CellSpec(0, 0, emblem_end, blank, rowspan=rows, valign="top", image=doc.logo_path, emblem=True))
        institution = _institution(doc)
        cells.append(CellSpec(0, emblem_end, left - emblem_end, institution, rowspan=len(values), align="center"))
    else:
        institution = _institution(doc)
        institution[0] = replace(institution[0], space_before=EMBLEM + 6)
        cells.append(
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
        )
    cells[-1].field = ("instansi",)
    for row, (caption, paras, key) in enumerate(values):
        bold = key == "judul"
        cells.append(CellSpec(row, left, label - left, [Para(caption, style.FONT, bold=bold)]))
        cells.append(CellSpec(row, label, n - label, paras, field=(key,)))
    if head.baris_unit:
        row = len(values)
        cells.append(CellSpec(row, emblem_end, left - emblem_end, _paras(sop.unit, style.FONT, True), field=("unit",)))
        cells.append(CellSpec(row, left, label - left, [Para(title[0], style.FONT, bold=True)]))
        cells.append(CellSpec(row, label, n - label, title[1], field=("judul",)))
    return TableSpec("identitas", cells, rows, [16.5] * rows, ["block"] * rows, [None] * rows)


def legal_basis(doc: SopDocument, grid: Grid) -> TableSpec:
    """The two-column grid: Dasar Hukum, Kualifikasi, Keterkaitan, Peralatan, Peringatan, Pencatatan."""
    sop = doc.sop
    labels = doc.lembar.labels
    split = grid.split_near(0.5, lo=1, hi=grid.count - 1)
    n = grid.count

    def content(caption: str, items: Sequence[str], links: Sequence[str | None] = ()) -> list[Para]:
        head = Para(caption if caption.rstrip().endswith(":") else f"{caption} :", style.FONT, bold=True)
        body = text.numbered(items) if len(items) > 1 else _paras(items)
        body = [replace(para, link=link) for para, link in zip(body, links)] + body[len(links) :]
        return [head, *body]

    pairs = [
        (("dasar_hukum", labels.dasar_hukum), ("kualifikasi_pelaksana", labels.kualifikasi_pelaksana)),
        (("keterkaitan", labels.keterkaitan), ("peralatan_perlengkapan", labels.peralatan_perlengkapan)),
        (("peringatan", labels.peringatan), ("pencatatan_pendataan", labels.pencatatan_pendataan)),
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
    """The header rows of the flowchart table, repeated on every page: the group labels, the lanes and
    Mutu Baku's columns, and (when the profile asks) a row of column numbers."""
    labels = doc.lembar.labels
    lanes = grid.lane_columns

    def head(caption: str) -> list[Para]:
        return [Para(caption, style.SMALL, bold=True, align="center")]

    cells = [
        CellSpec(0, 0, 1, head(labels.nomor), rowspan=2),
        CellSpec(0, grid.kegiatan, grid.kegiatan_span, head(labels.kegiatan), rowspan=2),
        CellSpec(0, lanes[0], len(lanes), head(labels.pelaksana)),
        CellSpec(0, grid.kelengkapan, 3, head(labels.mutu_baku)),
    ]
    if grid.ket is not None:
        cells.append(CellSpec(0, grid.ket, 1, head(labels.keterangan), rowspan=2))
    for column, (key, name) in zip(lanes, doc.sop.pelaksana.items()):
        cells.append(CellSpec(1, column, 1, head(name), field=("pelaksana", key)))
    captions = ((grid.kelengkapan, labels.kelengkapan), (grid.waktu, labels.waktu), (grid.output, labels.output))
    for column, caption in captions:
        cells.append(CellSpec(1, column, 1, head(caption)))
    rows = 2
    if doc.lembar.columns.nomor_kolom:
        for number, (column, span) in enumerate(grid.logical, start=1):
            cells.append(CellSpec(2, column, span, [Para(str(number), style.SMALL, align="center")]))
        rows = 3
    for spec in cells:
        spec.align, spec.fill = "center", HEADER_FILL
    heights = [15.0, 15.0, NUMBER_ROW][:rows]
    return TableSpec("prosedur", cells, rows, heights, ["header"] * rows, [None] * rows)


def step_row(doc: SopDocument, grid: Grid, index: int, row: int, size: float = style.FONT) -> list[CellSpec]:
    """The cells of one step's row: its number, texts and Mutu Baku; lane cells stay empty."""
    step = doc.sop.langkah[index]
    cells = [
        CellSpec(row, 0, 1, [Para(str(index + 1), size, align="center")], align="center"),
        CellSpec(
            row, grid.kegiatan, grid.kegiatan_span, [Para(step.kegiatan, size)], field=("langkah", index, "kegiatan")
        ),
    ]
    cells += [CellSpec(row, column, 1) for column in grid.lane_columns]
    texts: list[tuple[int | None, str, str, Align]] = [
        (grid.kelengkapan, "kelengkapan", step.kelengkapan, "left"),
        (grid.waktu, "waktu", str(step.waktu) if step.waktu else "", "center"),
        (grid.output, "output", step.output, "left"),
        (grid.ket, "keterangan", step.keterangan, "left"),
    ]
    for column, key, value, align in texts:
        if column is None:
            continue
        paras = [Para(value, size, align=align)] if value else []
        cells.append(CellSpec(row, column, 1, paras, align=align, field=("langkah", index, key)))
    return cells


def signature(doc: SopDocument) -> list[Para]:
    """The signature block under the flowchart, line by line: place and date, jabatan, room to sign,
    name, pangkat, NIP. Each paragraph is one line of the block, right-aligned."""
    block = doc.lembar.tanda_tangan
    assert block is not None
    sop = doc.sop
    day = sop.tanggal_efektif if block.tanggal == "efektif" and sop.tanggal_efektif else sop.tanggal_pembuatan
    when = tanggal(day, weekday=False)  # `Semarang, 1 September 2023`: a signature block names no weekday
    place = block.tempat.strip()
    first = f"{place}, {when}" if place else when
    who = doc.sop.disahkan_oleh
    paras = [Para(first, style.FONT, align="right"), Para(who.jabatan, style.FONT, align="right")]
    paras.append(Para(who.nama, style.FONT, bold=True, align="right", space_before=style.SIGNATURE_SPACE))
    if who.pangkat.strip():
        paras.append(Para(who.pangkat.strip(), style.FONT, align="right"))
    if who.nip.strip():
        paras.append(Para(f"NIP. {who.nip}", style.FONT, align="right"))
    return paras


def revision_history(doc: SopDocument, grid: Grid) -> TableSpec:
    """The revision history (riwayat revisi): a heading row, then one row per revision, oldest first."""
    number = grid.split_near(0.10, lo=1, hi=grid.count - 2)
    day = grid.split_near(0.32, lo=number + 1, hi=grid.count - 1)
    spans = ((0, number), (number, day - number), (day, grid.count - day))
    labels = doc.lembar.labels
    captions = (labels.riwayat_ke, labels.tanggal_revisi, labels.catatan_revisi)
    cells = [
        CellSpec(
            0, col, span, [Para(caption, style.SMALL, bold=True, align="center")], align="center", fill=HEADER_FILL
        )
        for (col, span), caption in zip(spans, captions)
    ]
    for row, revision in enumerate(doc.sop.revisi, start=1):
        ke = str(revision.ke) if revision.ke is not None else "-"
        values = (ke, _date(doc, revision.tanggal), revision.catatan.strip() or "-")
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
        paras = text.fit_words(spec.paras, box.w)
        lines = text.place(paras, text_box, spec.valign, checkboxes)
        cells.append(
            Cell(
                spec.row,
                spec.col,
                spec.rowspan,
                spec.colspan,
                box,
                tuple(paras),
                lines,
                spec.align,
                spec.valign,
                spec.fill,
                spec.image,
                image_box,
                tuple(checkboxes),
                tuple(spec.field),
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
