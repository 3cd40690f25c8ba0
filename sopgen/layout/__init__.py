"""SopDocument -> LaidOutDocument: the one format-independent layout every writer translates.

Page 1 holds the identity header and the legal basis grid; the flowchart follows below them when
it fits whole, else it starts on page 2. The flowchart's two header rows repeat on every page.
"""

from __future__ import annotations

from ..errors import Diagnostic, UserError
from ..model import SopDocument
from . import flow, style, tables
from .document import Box, LaidOutDocument, Page, Para, Shape, Spacer, TextBlock
from .grid import make_grid
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
            needed = max((text_height(c.paras, sum(widths[c.col:c.col + c.colspan])) for c in cells if c.paras),
                         default=0.0)
            height = style.snap(max(needed, flow.min_row_height(doc, index)))
            if height <= limit or size <= MIN_FONT:
                break
            size -= FONT_STEP
        if height > limit:
            raise _refuse(doc, ("langkah", index),
                          f"langkah {index + 1}: teksnya terlalu panjang untuk satu halaman, juga dengan huruf "
                          f"terkecil {MIN_FONT:g} pt; pendekkan `kegiatan`, `kelengkapan` atau `output`, atau "
                          "pecah menjadi beberapa langkah")
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
        widest = max((c for c in fitted.cells if c.field),
                     key=lambda c: text_height(c.paras, sum(widths[c.col:c.col + c.colspan])), default=None)
        field = widest.field if widest else "judul"
        raise _refuse(doc, (field,), f"`{field}` terlalu panjang untuk satu halaman, juga dengan huruf terkecil "
                                     f"{MIN_FONT:g} pt; pendekkan teksnya")
    return fitted, heights


def layout(doc: SopDocument) -> LaidOutDocument:
    width, height = page_size(doc.kertas)
    margins = MARGINS
    grid = make_grid(width - margins.left - margins.right, len(doc.lanes))
    widths = grid.widths
    edges = [margins.left]
    for w in widths:
        edges.append(edges[-1] + w)
    bottom = height - margins.bottom

    header = tables.flow_header(doc, grid)
    header_heights = header.heights(widths)
    page_body = bottom - margins.top
    room = page_body - sum(header_heights) - PAGE_SLACK
    body, sizes = _fit_steps(doc, grid, widths, room - 2 * flow.ROOM_OFFPAGE)

    pages = [Page(1, width, height)]
    y = margins.top
    for base in (tables.identity(doc, grid), tables.legal_basis(doc, grid)):
        spec, heights = _fit_table(doc, base, widths, page_body)
        if pages[-1].blocks and y + sum(heights) > bottom:
            pages.append(Page(len(pages) + 1, width, height))
            y = margins.top
        elif pages[-1].blocks:
            pages[-1].blocks.append(Spacer(Box(margins.left, y, edges[-1] - margins.left, style.SPACER)))
            y += style.SPACER
        table = tables.assemble(spec.kind, spec.cells, heights, spec.kinds, spec.steps,
                                [False] * spec.rows, edges, y)
        pages[-1].blocks.append(table)
        y += table.box.h

    flow_fixed = style.SPACER + TITLE_H + sum(header_heights)
    whole = sum(body)
    if y + flow_fixed + whole <= bottom - PAGE_SLACK:
        first_room = bottom - y - flow_fixed - PAGE_SLACK
        start_new = False
    else:
        first_room = room - TITLE_H
        start_new = True
    flow_pages = flow.paginate(doc, body, first_room, room)

    lane_edges = [(edges[c], edges[c + 1]) for c in grid.lane_columns]
    letters: list[str] = []
    page_of = {step: i for i, fp in enumerate(flow_pages) for step in fp.steps}
    edges_all = flow.edges_of(doc)
    title = f"SOP {doc.sop.jenis.capitalize()} {doc.sop.judul}"
    title_para = Para(title, style.TITLE, bold=True, align="center")
    # Decide every page's geometry first, then route: a branch may point to a later page.
    placed: list[tuple[Page, flow.Router, dict[int, object]]] = []
    for number, fp in enumerate(flow_pages):
        if number == 0 and not start_new:
            page = pages[-1]
            page.blocks.append(Spacer(Box(margins.left, y, edges[-1] - margins.left, style.SPACER)))
            y += style.SPACER
        else:
            page = Page(len(pages) + 1, width, height)
            pages.append(page)
            y = margins.top
        if number == 0:
            box = Box(margins.left, y, edges[-1] - margins.left, TITLE_H)
            page.blocks.append(TextBlock(box, (title_para,), place((title_para,), box, "middle")))
            y += TITLE_H
        specs = list(header.cells)
        kinds = list(header.kinds)
        steps: list[int | None] = [None, None]
        for row, index in enumerate(fp.steps, start=2):
            specs += tables.step_row(doc, grid, index, row, sizes[index])
            kinds.append("body")
            steps.append(index)
        heights = header_heights + fp.heights
        repeated = [number > 0] * 2 + [False] * len(fp.steps)
        table = tables.assemble("prosedur", specs, heights, kinds, steps, repeated, edges, y, header_rows=2)
        page.blocks.append(table)
        page.steps = list(fp.steps)
        router = flow.Router(doc, lane_edges, letters)
        symbols = {}
        last_page = number == len(flow_pages) - 1
        for row in table.rows[2:]:
            index = row.step
            assert index is not None
            first_on_page = index == fp.steps[0] and number > 0
            last_on_page = index == fp.steps[-1] and not last_page
            symbols[index] = router.place_symbol(index, Box(edges[0], row.y, 0, row.h),
                                                 first_on_page, last_on_page)
        placed.append((page, router, symbols))

    # Adjacent arrows first (they claim the natural exits), then branches, shortest first.
    ordered = sorted(edges_all, key=lambda e: (not e.adjacent, abs(e.target - e.source), e.source))
    shared: dict[tuple[int, int, int], Shape] = {}
    """Branches from one page to the same target share one pair of off-page connectors."""
    try:
        for edge in ordered:
            _route(edge, page_of, placed, shared)
    except flow.NoRoom as exc:
        step = exc.step if exc.step is not None else 0
        raise _refuse(doc, ("langkah", step),
                      f"langkah {step + 1}: terlalu banyak cabang menuju atau dari langkah ini untuk digambar "
                      "dengan rapi; kurangi keputusan yang kembali ke langkah ini, atau pecah SOP") from None

    for page, router, _ in placed:
        page.shapes = router.shapes
        page.connectors = router.connectors
        page.labels = router.labels

    return LaidOutDocument(
        paper=doc.kertas, width=width, height=height, margins=margins, columns=tuple(widths),
        lanes=grid.lane_columns, pages=pages, title=f"{doc.sop.nomor} {title}", subject=title,
        number=doc.sop.nomor, font_size=style.FONT, footer_size=style.FOOTER,
    )


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

