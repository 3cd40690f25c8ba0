"""SopDocument -> LaidOutDocument: the one format-independent layout every writer translates.

Page 1 holds the identity header and the legal basis grid; the flowchart follows below them when
it fits whole, else it starts on page 2. The flowchart's two header rows repeat on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definition.model import SopDocument
from ..errors import Diagnostic, UserError
from . import flow, style, tables
from .document import Box, LaidOutDocument, Page, Para, Shape, Spacer, TextBlock
from .grid import Grid, make_grid
from .paper import MARGINS, page_size
from .text import height as text_height
from .text import place

__all__ = ["layout", "LaidOutDocument"]

TITLE_H = 21.0
PAGE_SLACK = 1.5
"""Kept free at the foot of every page: a DOCX page break paragraph takes 0.75 pt."""


MIN_FONT = 6.0
"""Smallest text size a row may shrink to before the SOP is refused (still legible on paper)."""
FONT_STEP = 0.5


def _refuse(doc: SopDocument, loc: tuple, message: str) -> UserError:
    line, column = doc.where(*loc)
    return UserError([Diagnostic(doc.source, line, column, message)])


def _fit_steps(doc: SopDocument, grid, widths, limit: float) -> tuple[list[float], list[float]]:
    """Row height and text size of every step: a row taller than a page shrinks its text."""
    heights, sizes = [], []
    for index in range(len(doc.sop.langkah)):
        size = style.FONT
        while True:
            cells = tables.step_row(doc, grid, index, 0, size)
            needed = max(
                (text_height(c.paras, sum(widths[c.col : c.col + c.colspan])) for c in cells if c.paras), default=0.0
            )
            height = style.snap(max(needed, flow.min_row_height(doc, index)))
            if height <= limit or size <= MIN_FONT:
                break
            size -= FONT_STEP
        if height > limit:
            raise _refuse(
                doc,
                ("langkah", index),
                f"langkah {index + 1}: teksnya terlalu panjang untuk satu halaman, juga dengan huruf "
                f"terkecil {MIN_FONT:g} pt; pendekkan `kegiatan`, `kelengkapan` atau `output`, atau "
                "pecah menjadi beberapa langkah",
            )
        heights.append(height)
        sizes.append(size)
    return heights, sizes


def _fit_table(doc: SopDocument, spec: tables.TableSpec, widths, limit: float) -> tuple[tables.TableSpec, list[float]]:
    """A header table that would not fit on one page shrinks its text, or is refused."""
    size = style.FONT + 1
    while True:
        fitted = spec.scaled(size)
        heights = fitted.heights(widths)
        if sum(heights) <= limit or size <= MIN_FONT:
            break
        size -= FONT_STEP
    if sum(heights) > limit:
        widest = max(
            (c for c in fitted.cells if c.field),
            key=lambda c: text_height(c.paras, sum(widths[c.col : c.col + c.colspan])),
            default=None,
        )
        field = widest.field if widest else "judul"
        raise _refuse(
            doc,
            (field,),
            f"`{field}` terlalu panjang untuk satu halaman, juga dengan huruf terkecil "
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
    flow_page: flow.FlowPage,
    header: tables.TableSpec,
    header_heights: list[float],
    sizes: list[float],
    router: flow.Router,
    last: bool,
) -> dict[int, Shape]:
    """One page of the flowchart table (title on the first), with its symbols placed."""
    doc, grid = sheet.doc, sheet.grid
    if number == 0:
        title = Para(f"SOP {doc.sop.jenis.capitalize()} {doc.sop.judul}", style.TITLE, bold=True, align="center")
        box = Box(sheet.left, y, sheet.full_width, TITLE_H)
        page.blocks.append(TextBlock(box, (title,), place((title,), box, "middle")))
        y += TITLE_H
    specs = list(header.cells)
    for row, index in enumerate(flow_page.steps, start=2):
        specs += tables.step_row(doc, grid, index, row, sizes[index])
    count = len(flow_page.steps)
    table = tables.assemble(
        "prosedur",
        specs,
        header_heights + flow_page.heights,
        header.kinds + ["body"] * count,
        [None, None] + flow_page.steps,
        [number > 0] * 2 + [False] * count,
        sheet.edges,
        y,
        header_rows=2,
    )
    page.blocks.append(table)
    page.steps = list(flow_page.steps)
    symbols = {}
    for row in table.rows[2:]:
        index = row.step
        assert index is not None
        first_on_page = index == flow_page.steps[0] and number > 0
        last_on_page = index == flow_page.steps[-1] and not last
        symbols[index] = router.place_symbol(index, Box(sheet.left, row.y, 0, row.h), first_on_page, last_on_page)
    return symbols


def layout(doc: SopDocument) -> LaidOutDocument:
    width, height = page_size(doc.kertas)
    grid = make_grid(width - MARGINS.left - MARGINS.right, len(doc.lanes))
    edges = [MARGINS.left]
    for w in grid.widths:
        edges.append(edges[-1] + w)
    sheet = _Sheet(doc, grid, width, height, edges)

    header = tables.flow_header(doc, grid)
    header_heights = header.heights(grid.widths)
    room = sheet.bottom - sheet.top - sum(header_heights) - PAGE_SLACK
    body, sizes = _fit_steps(doc, grid, grid.widths, room - 2 * flow.ROOM_OFFPAGE)
    pages, y = _identity_pages(sheet)

    # The flowchart goes under the identity when it fits there whole, else it starts a new page.
    below = style.SPACER + TITLE_H + sum(header_heights)
    start_below = y + below + sum(body) <= sheet.bottom - PAGE_SLACK
    first_room = sheet.bottom - y - below - PAGE_SLACK if start_below else room - TITLE_H
    flow_pages = flow.paginate(doc, body, first_room, room)

    # Every page's geometry first, then the arrows: a branch may point to a later page.
    lane_edges = [(edges[c], edges[c + 1]) for c in grid.lane_columns]
    letters: list[str] = []
    placed: list[tuple[Page, flow.Router, dict[int, Shape]]] = []
    for number, flow_page in enumerate(flow_pages):
        if number == 0 and start_below:
            page = pages[-1]
            y = sheet.spacer(page, y)
        else:
            page, y = sheet.new_page(pages), sheet.top
        router = flow.Router(doc, lane_edges, letters)
        symbols = _flow_page(
            sheet, page, y, number, flow_page, header, header_heights, sizes, router, last=number == len(flow_pages) - 1
        )
        placed.append((page, router, symbols))

    _route_all(doc, flow_pages, placed)
    for page, router, _ in placed:
        page.shapes, page.connectors, page.labels = router.shapes, router.connectors, router.labels

    title = f"SOP {doc.sop.jenis.capitalize()} {doc.sop.judul}"
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
    )


def _route_all(doc: SopDocument, flow_pages: list[flow.FlowPage], placed: list) -> None:
    """Adjacent arrows first (they claim the natural exits), then branches, shortest first."""
    page_of = {step: i for i, fp in enumerate(flow_pages) for step in fp.steps}
    ordered = sorted(flow.edges_of(doc), key=lambda e: (not e.adjacent, abs(e.target - e.source), e.source))
    shared: dict[tuple[int, int, int], Shape] = {}
    """Branches from one page to the same target share one pair of off-page connectors."""
    try:
        for edge in ordered:
            _route(edge, page_of, placed, shared)
    except flow.NoRoom as exc:
        step = exc.step if exc.step is not None else 0
        raise _refuse(
            doc,
            ("langkah", step),
            f"langkah {step + 1}: terlalu banyak cabang menuju atau dari langkah ini untuk digambar "
            "dengan rapi; kurangi keputusan yang kembali ke langkah ini, atau pecah SOP",
        ) from None


def _route(edge: flow.Edge, page_of: dict[int, int], placed: list, shared: dict) -> None:
    """Draw one arrow of the flow: on its page, or across pages through off-page connectors."""
    src_page, dst_page = page_of[edge.source], page_of[edge.target]
    _, src_router, src_symbols = placed[src_page]
    _, dst_router, dst_symbols = placed[dst_page]
    source, target = src_symbols[edge.source], dst_symbols[edge.target]
    if src_page == dst_page:
        if edge.adjacent:
            src_router.adjacent(source, target, edge)
        elif not src_router.branch(source, target, edge):
            letter = src_router.branch_out(source, edge)
            src_router.branch_in(letter, target, edge)
    elif edge.adjacent and dst_page == src_page + 1:
        letter = src_router.leave_page(source, edge)
        dst_router.enter_page(letter, target, edge)
    else:
        key = (src_page, dst_page, edge.target)
        if key in shared and src_router.branch(source, shared[key], edge):
            return
        letter = src_router.branch_out(source, edge)
        dst_router.branch_in(letter, target, edge)
        shared.setdefault(key, src_router.shape_of(f"penghubung-{letter}-keluar"))
