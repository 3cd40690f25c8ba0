"""SopDocument -> LaidOutDocument: the one format-independent layout every writer translates.

Page 1 holds the identity header and the legal basis grid; the flowchart follows below them when
it fits whole, else it starts on page 2. The flowchart's two header rows repeat on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import fontmetrics
from ..definition.model import SopDocument
from ..errors import UserError
from . import style, tables, text
from .document import Box, LaidOutDocument, Link, Page, Para, Shape, Spacer, Table, TextBlock
from .grid import Grid, make_grid
from .paginate import FlowPage, paginate
from .paper import MARGINS, page_size
from .refusal import refuse
from .routing import Placed, Router, route_all
from .steps import edges_of, min_row_height, symbol_height
from .text import height as text_height
from .text import place

__all__ = ["layout", "LaidOutDocument"]

TITLE_H = 21.0
PAGE_SLACK = 1.5
"""Kept free at the foot of every page: a DOCX page break paragraph takes 0.75 pt."""


MIN_FONT = 6.0
"""Smallest text size a row may shrink to before the SOP is refused (still legible on paper)."""
FONT_STEP = 0.5


def _tallest(cells: list[tables.CellSpec], widths) -> tables.CellSpec | None:
    """The cell with a place in the definition whose text needs the most height: the one to shorten."""
    return max(
        (c for c in cells if c.field and c.paras),
        key=lambda c: text_height(c.paras, sum(widths[c.col : c.col + c.colspan])),
        default=None,
    )


def _fit_steps(
    doc: SopDocument, grid, widths, limit: float, header: tables.TableSpec, header_height: float
) -> tuple[list[float], list[float]]:
    """Row height and text size of every step: a row taller than a page shrinks its text."""
    heights, sizes = [], []
    for index in range(len(doc.sop.langkah)):
        size = style.FONT
        while True:
            cells = tables.step_row(doc, grid, index, 0, size)
            needed = max(
                (text_height(c.paras, sum(widths[c.col : c.col + c.colspan])) for c in cells if c.paras), default=0.0
            )
            height = style.snap(max(needed, min_row_height(doc, index)))
            if height <= limit or size <= MIN_FONT:
                break
            size -= FONT_STEP
        if height > limit:
            raise _too_tall(doc, index, cells, header if header_height >= height else None, widths)
        heights.append(height)
        sizes.append(size)
    return heights, sizes


def _too_tall(
    doc: SopDocument, index: int, cells: list[tables.CellSpec], header: tables.TableSpec | None, widths
) -> UserError:
    """The refusal of a step that cannot fit a page even at the smallest size, naming what to shorten: the
    longest lane name when the header (repeated on every page; given when taller than the step) is to
    blame, else the step's tallest text."""
    lane = _tallest(header.cells, widths) if header else None
    if lane is not None:
        return refuse(
            doc,
            lane.field,
            f"pelaksana `{lane.field[-1]}`: namanya terlalu panjang; judul tabel prosedur (nama pelaksana, diulang "
            f"di setiap halaman) tidak menyisakan ruang untuk langkah {index + 1}; pendekkan nama pelaksana ini",
        )
    text = _tallest(cells, widths)
    if text is None or text.field[-1] == "kegiatan":  # at the step's own line (tests/golden/refused-too-long)
        return refuse(
            doc,
            ("langkah", index),
            f"langkah {index + 1}: teksnya terlalu panjang untuk satu halaman, juga dengan huruf "
            f"terkecil {MIN_FONT:g} pt; pendekkan `kegiatan`, `kelengkapan` atau `output`, atau "
            "pecah menjadi beberapa langkah",
        )
    key = text.field[-1]
    return refuse(
        doc,
        text.field,
        f"langkah {index + 1}, `{key}`: teksnya terlalu panjang untuk satu halaman, juga dengan huruf terkecil "
        f"{MIN_FONT:g} pt; pendekkan `{key}` atau pecah menjadi beberapa langkah",
    )


def _fit_table(doc: SopDocument, spec: tables.TableSpec, widths, limit: float) -> tuple[tables.TableSpec, list[float]]:
    """A header table that would not fit on one page shrinks its text, or is refused."""
    size = max([style.FONT + 1] + [p.size for c in spec.cells for p in c.paras])
    while True:
        fitted = spec.scaled(size)
        heights = fitted.heights(widths)
        if sum(heights) <= limit or size <= MIN_FONT:
            break
        size -= FONT_STEP
    if sum(heights) > limit:
        widest = _tallest(fitted.cells, widths)
        loc = widest.field if widest else ("judul",)
        raise refuse(
            doc,
            loc,
            f"`{loc[0]}` terlalu panjang untuk satu halaman, juga dengan huruf terkecil "
            f"{MIN_FONT:g} pt; pendekkan teksnya",
        )
    return fitted, heights


@dataclass
class _Sheet:
    """What every stage needs: the document, its grid, and the page's usable frame."""

    doc: SopDocument
    grid: Grid
    width: float
    height: float
    edges: list[float]

    @property
    def title(self) -> Para:
        """The flowchart's title, wrapped over as many lines as the full width needs."""
        return Para(self.doc.sop.flow_title, style.TITLE, bold=True, align="center")

    @property
    def title_h(self) -> float:
        return style.snap(max(TITLE_H, text_height((self.title,), self.full_width)))

    @property
    def left(self) -> float:
        return MARGINS.left

    @property
    def top(self) -> float:
        return MARGINS.top

    @property
    def bottom(self) -> float:
        return self.height - MARGINS.bottom

    @property
    def full_width(self) -> float:
        return self.edges[-1] - self.left

    def new_page(self, pages: list[Page]) -> Page:
        pages.append(Page(len(pages) + 1, self.width, self.height))
        return pages[-1]

    def spacer(self, page: Page, y: float) -> float:
        page.blocks.append(Spacer(Box(self.left, y, self.full_width, style.SPACER)))
        return y + style.SPACER


def _identity_pages(sheet: _Sheet) -> tuple[list[Page], float]:
    """Identity header and legal basis grid from the top of page 1; returns the pages and the y below."""
    pages: list[Page] = []
    page = sheet.new_page(pages)
    y = sheet.top
    widths = sheet.grid.widths
    for base in (tables.identity(sheet.doc, sheet.grid), tables.legal_basis(sheet.doc, sheet.grid)):
        spec, heights = _fit_table(sheet.doc, base, widths, sheet.bottom - sheet.top)
        if page.blocks and y + sum(heights) > sheet.bottom:
            page, y = sheet.new_page(pages), sheet.top
        elif page.blocks:
            y = sheet.spacer(page, y)
        table = tables.assemble(
            spec.kind, spec.cells, heights, spec.kinds, spec.steps, [False] * spec.rows, sheet.edges, y
        )
        page.blocks.append(table)
        y += table.box.h
    return pages, y


def _flow_page(
    sheet: _Sheet,
    page: Page,
    y: float,
    number: int,
    flow_page: FlowPage,
    header: tables.TableSpec,
    header_heights: list[float],
    sizes: list[float],
    router: Router,
    last: bool,
) -> dict[int, list[Shape]]:
    """One page of the flowchart table (title on the first), with its symbols placed."""
    doc, grid = sheet.doc, sheet.grid
    if number == 0:
        title = sheet.title
        box = Box(sheet.left, y, sheet.full_width, sheet.title_h)
        page.blocks.append(TextBlock(box, (title,), place((title,), box, "middle")))
        y += sheet.title_h
    specs = list(header.cells)
    for row_index, index in enumerate(flow_page.steps, start=header.rows):
        specs += tables.step_row(doc, grid, index, row_index, sizes[index])
    count = len(flow_page.steps)
    table = tables.assemble(
        "prosedur",
        specs,
        header_heights + flow_page.heights,
        header.kinds + ["body"] * count,
        [None] * header.rows + list(flow_page.steps),
        [number > 0] * header.rows + [False] * count,
        sheet.edges,
        y,
        header_rows=header.rows,
    )
    page.blocks.append(table)
    page.steps = list(flow_page.steps)
    symbols = {}
    for step, row in zip(flow_page.steps, table.rows[header.rows :]):
        first_on_page = step == flow_page.steps[0] and number > 0
        last_on_page = step == flow_page.steps[-1] and not last
        symbols[step] = router.place_symbols(step, Box(sheet.left, row.y, 0, row.h), first_on_page, last_on_page)
    return symbols


HISTORY_SHEET = "Riwayat Revisi"
SHEET_NAME_MAX = 31
"""Excel's longest worksheet name."""


def sheet_name(label: str) -> str:
    """The profile's label as a worksheet name Excel accepts (no `[]:*?/\\`, at most 31 characters,
    not the sheet's own `SOP`)."""
    name = " ".join(re.sub(r"[\[\]:*?/\\]", " ", label).split())[:SHEET_NAME_MAX].strip().strip("'")
    return name if name and name.casefold() != "sop" else HISTORY_SHEET


def _history_pages(sheet: _Sheet, pages: list[Page]) -> None:
    """The revision history after the flowchart, from a new page; its heading row repeats on every page."""
    spec = tables.revision_history(sheet.doc, sheet.grid)
    heights = spec.heights(sheet.grid.widths)
    by_row: dict[int, list[tables.CellSpec]] = {}
    for cell in spec.cells:
        by_row.setdefault(cell.row, []).append(cell)
    remaining = list(range(1, spec.rows))
    first = True
    while remaining:
        page, y = sheet.new_page(pages), sheet.top
        page.sheet = sheet_name(sheet.doc.lembar.labels.riwayat_revisi)
        if first:
            title = Para(sheet.doc.lembar.labels.riwayat_revisi, style.TITLE, bold=True, align="center")
            box = Box(sheet.left, y, sheet.full_width, sheet.title_h)
            page.blocks.append(TextBlock(box, (title,), place((title,), box, "middle")))
            y += sheet.title_h
        room = sheet.bottom - y - heights[0]
        rows: list[int] = []
        while remaining and (not rows or sum(heights[r] for r in rows) + heights[remaining[0]] <= room):
            rows.append(remaining.pop(0))
        specs = [replace(c, row=0) for c in by_row[0]]
        specs += [replace(c, row=index) for index, row in enumerate(rows, start=1) for c in by_row[row]]
        table = tables.assemble(
            "riwayat",
            specs,
            [heights[0]] + [heights[r] for r in rows],
            ["header"] + ["body"] * len(rows),
            [None] * (len(rows) + 1),
            [not first] + [False] * len(rows),
            sheet.edges,
            y,
            header_rows=1,
        )
        page.blocks.append(table)
        first = False


def _signature_height(doc: SopDocument) -> float:
    """Height of the signature block under the flowchart, with the space above it."""
    line = style.snap(text.leading(style.FONT))
    return style.SPACER + sum(line + para.space_before for para in tables.signature(doc))


def _keep_with_signature(
    doc: SopDocument, body: list[float], first_room: float, room: float, flow_pages: list[FlowPage]
) -> list[FlowPage]:
    """Where the signature block does not fit under the flowchart's last page, the last step goes to a
    new page with it (a signature block alone on a page belongs to nothing): the pages are laid out again
    as if the last row were as tall as it and the block together, then the row gets its own height."""
    if doc.lembar.tanda_tangan is None:
        return flow_pages
    needed = _signature_height(doc)
    last = flow_pages[-1]
    available = first_room if len(flow_pages) == 1 else room
    if sum(last.heights) + needed <= available or len(last.steps) < 2:
        return flow_pages
    extended = list(body)
    extended[-1] += needed
    moved = paginate(doc, extended, first_room, room)
    final = moved[-1]
    index = final.steps[-1]
    incoming = {edge.target for edge in edges_of(doc) if edge.adjacent}
    top = style.ROOM_OFFPAGE if len(final.steps) == 1 and index in incoming else style.ROW_PAD
    final.heights[-1] = max(body[-1], style.snap(top + symbol_height(doc, index) + style.ROW_PAD))
    return moved


def _signature_block(sheet: _Sheet, pages: list[Page]) -> None:
    """The signature block under the flowchart (`lembar.tanda_tangan`): on the flowchart's last page
    when it fits below the table, else at the top of a page of its own. Its lines are text outside any
    table, one line each, right-aligned; the room to sign is a spacer."""
    paras = tables.signature(sheet.doc)
    line = style.snap(text.leading(style.FONT))
    needed = _signature_height(sheet.doc)
    page = pages[-1]
    y = max((block.box.bottom for block in page.blocks), default=sheet.top)
    if y + needed > sheet.bottom - PAGE_SLACK:
        page, y = sheet.new_page(pages), sheet.top
    else:
        y = sheet.spacer(page, y)
    for para in paras:
        if para.space_before:
            page.blocks.append(Spacer(Box(sheet.left, y, sheet.full_width, para.space_before)))
            y += para.space_before
            para = replace(para, space_before=0.0)
        box = Box(sheet.left, y, sheet.full_width, line)
        page.blocks.append(TextBlock(box, (para,), place((para,), box, "middle")))
        y += line


def _collect_links(doc: SopDocument, pages: list[Page]) -> None:
    """A clickable area over every placed line that names a linked SOP."""
    files = {r.nomor: f"{r.stem}.pdf" for r in doc.related if r is not None}
    for page in pages:
        for block in page.blocks:
            if not isinstance(block, Table):
                continue
            for cell in block.cells:
                for line in cell.lines:
                    if line.link is None:
                        continue
                    top = line.baseline - line.size * 0.86 - (text.leading(line.size) - line.size) / 2
                    box = Box(line.x, top, fontmetrics.width(line.text, line.size, line.bold), text.leading(line.size))
                    page.links.append(Link(box, line.link, files[line.link]))


def layout(doc: SopDocument) -> LaidOutDocument:
    """Lay out one validated SOP: the contract between the definition and the writers.

    In: a `SopDocument` (the model, its organisation profile, resolved branches, source positions).
    Out: a `LaidOutDocument` in points with every decision made: column widths, pages, rows and their
    heights, wrapped and positioned text, symbols, routed connectors with arrowheads, answer labels.
    Raises `UserError` (pointing at the field) when the SOP cannot be drawn legibly: a row taller than
    a page even at the smallest text size, or a step with too many branches to route.
    """
    width, height = page_size(doc.kertas)
    columns, head = doc.lembar.columns, doc.lembar.head
    grid = make_grid(
        width - MARGINS.left - MARGINS.right,
        len(doc.lanes),
        keterangan=columns.keterangan,
        shares=columns.shares(),
        emblem_column=head.susunan == "tiga_kolom",
    )
    edges = [MARGINS.left]
    for w in grid.widths:
        edges.append(edges[-1] + w)
    sheet = _Sheet(doc, grid, width, height, edges)

    header = tables.flow_header(doc, grid)
    header_heights = header.heights(grid.widths)
    room = sheet.bottom - sheet.top - sum(header_heights) - PAGE_SLACK
    body, sizes = _fit_steps(doc, grid, grid.widths, room - 2 * style.ROOM_OFFPAGE, header, sum(header_heights))
    pages, y = _identity_pages(sheet)

    # The flowchart goes under the identity when it fits there whole, else it starts a new page.
    below = style.SPACER + sheet.title_h + sum(header_heights)
    start_below = y + below + sum(body) <= sheet.bottom - PAGE_SLACK
    first_room = sheet.bottom - y - below - PAGE_SLACK if start_below else room - sheet.title_h
    flow_pages = paginate(doc, body, first_room, room)
    flow_pages = _keep_with_signature(doc, body, first_room, room, flow_pages)

    # Every page's geometry first, then the arrows: a branch may point to a later page.
    lane_edges = [(edges[c], edges[c + 1]) for c in grid.lane_columns]
    letters: list[str] = []
    placed: list[Placed] = []
    for number, flow_page in enumerate(flow_pages):
        if number == 0 and start_below:
            page = pages[-1]
            y = sheet.spacer(page, y)
        else:
            page, y = sheet.new_page(pages), sheet.top
        router = Router(doc, lane_edges, letters)
        symbols = _flow_page(
            sheet, page, y, number, flow_page, header, header_heights, sizes, router, last=number == len(flow_pages) - 1
        )
        placed.append((page, router, symbols))

    route_all(doc, flow_pages, placed)
    for page, router, _ in placed:
        table = page.table("prosedur")
        body_rows = [row for row in table.rows if row.kind == "body"] if table else []
        row_lines = [row.y for row in body_rows] + ([body_rows[-1].y + body_rows[-1].h] if body_rows else [])
        router.finish(row_lines)
        page.shapes, page.connectors, page.labels = router.shapes, router.connectors, router.labels

    if doc.lembar.tanda_tangan is not None:
        _signature_block(sheet, pages)
    if doc.sop.revisi:
        _history_pages(sheet, pages)
    _collect_links(doc, pages)
    title = doc.sop.flow_title
    return LaidOutDocument(
        paper=doc.kertas,
        width=width,
        height=height,
        margins=MARGINS,
        columns=tuple(grid.widths),
        lanes=grid.lane_columns,
        pages=pages,
        title=f"{doc.sop.nomor} {title}",
        subject=title,
        number=doc.sop.nomor,
        font_size=style.FONT,
        footer_size=style.FOOTER,
        footer=doc.lembar.labels.footer,
    )
