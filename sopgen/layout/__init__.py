"""SopDocument -> LaidOutDocument: the one format-independent layout every writer translates.

Page 1 holds the identity header and the legal basis grid; the flowchart follows below them when
it fits whole, else it starts on page 2. The flowchart's two header rows repeat on every page.
"""

from __future__ import annotations

from ..model import SopDocument
from . import flow, style, tables
from .document import Box, LaidOutDocument, Page, Para, Spacer, Table, TextBlock
from .grid import make_grid
from .paper import MARGINS, page_size
from .text import height as text_height
from .text import place

__all__ = ["layout", "LaidOutDocument"]

TITLE_H = 21.0


def _body_heights(doc: SopDocument, grid, widths) -> list[float]:
    heights = []
    for index in range(len(doc.sop.langkah)):
        cells = tables.step_row(doc, grid, index, 0)
        needed = max((text_height(c.paras, sum(widths[c.col:c.col + c.colspan])) for c in cells if c.paras),
                     default=0.0)
        heights.append(style.snap(max(needed, flow.min_row_height(doc, index))))
    return heights


def layout(doc: SopDocument) -> LaidOutDocument:
    width, height = page_size(doc.kertas)
    margins = MARGINS
    grid = make_grid(width - margins.left - margins.right, len(doc.lanes))
    widths = grid.widths
    edges = [margins.left]
    for w in widths:
        edges.append(edges[-1] + w)
    bottom = height - margins.bottom

    identity = tables.identity(doc, grid)
    legal = tables.legal_basis(doc, grid)
    header = tables.flow_header(doc, grid)
    header_heights = header.heights(widths)
    body = _body_heights(doc, grid, widths)

    pages = [Page(1, width, height)]
    y = margins.top
    for spec in (identity, legal):
        heights = spec.heights(widths)
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
    if y + flow_fixed + whole <= bottom:
        first_room = bottom - y - flow_fixed
        start_new = False
    else:
        first_room = bottom - margins.top - TITLE_H - sum(header_heights)
        start_new = True
    room = bottom - margins.top - sum(header_heights)
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
            specs += tables.step_row(doc, grid, index, row)
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
    for edge in ordered:
        src_page, dst_page = page_of[edge.source], page_of[edge.target]
        _, src_router, src_symbols = placed[src_page]
        _, dst_router, dst_symbols = placed[dst_page]
        source, target = src_symbols[edge.source], dst_symbols[edge.target]
        if src_page == dst_page:
            if edge.adjacent:
                src_router.adjacent(source, target, edge)  # type: ignore[arg-type]
            elif not src_router.branch(source, target, edge):  # type: ignore[arg-type]
                letter = src_router.branch_out(source, edge)  # type: ignore[arg-type]
                src_router.branch_in(letter, target, edge)  # type: ignore[arg-type]
        elif edge.adjacent and dst_page == src_page + 1:
            letter = src_router.leave_page(source, edge)  # type: ignore[arg-type]
            dst_router.enter_page(letter, target, edge)  # type: ignore[arg-type]
        else:
            letter = src_router.branch_out(source, edge)  # type: ignore[arg-type]
            dst_router.branch_in(letter, target, edge)  # type: ignore[arg-type]

    for page, router, _ in placed:
        page.shapes = router.shapes
        page.connectors = router.connectors
        page.labels = router.labels

    return LaidOutDocument(
        paper=doc.kertas, width=width, height=height, margins=margins, columns=tuple(widths),
        lanes=grid.lane_columns, pages=pages, title=f"{doc.sop.nomor} {title}", subject=title,
        number=doc.sop.nomor, font_size=style.FONT, footer_size=style.FOOTER,
    )


def flow_table(page: Page) -> Table | None:
    return page.table("prosedur")
