"""Step rows -> flowchart pages: which rows go on which page, never splitting a row.

Where the flow crosses a page break, the row before and the row after keep room for the off-page
connectors (`style.ROOM_OFFPAGE`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..definition.model import SopDocument
from . import style
from .steps import edges_of, symbol_height


@dataclass
class FlowPage:
    steps: list[int]
    heights: list[float]


def paginate(doc: SopDocument, base: Sequence[float], first_room: float, room: float) -> list[FlowPage]:
    """Greedy pagination: as many whole rows as fit, with room kept for off-page connectors.

    `first_room` is the height available to body rows on the first flowchart page, `room` on the
    following ones. A row is only ever added if the page could still end with it.
    """
    incoming = {e.target for e in edges_of(doc) if e.adjacent}
    outgoing = {e.source for e in edges_of(doc) if e.adjacent}

    def height(index: int, first: bool, last: bool) -> float:
        needed = base[index]
        top = style.ROOM_OFFPAGE if first and index in incoming else style.ROW_PAD
        bottom = style.ROOM_OFFPAGE if last and index in outgoing else style.ROW_PAD
        return max(needed, style.snap(top + symbol_height(doc, index) + bottom))

    pages: list[FlowPage] = []
    current = FlowPage([], [])
    available, used = first_room, 0.0
    for index in range(len(base)):
        first = not current.steps and bool(pages or index)
        as_last = height(index, first, True)
        if current.steps and used + as_last > available:
            previous = current.steps[-1]
            current.heights[-1] = height(previous, len(current.steps) == 1 and bool(pages or previous), True)
            pages.append(current)
            current, available, used = FlowPage([], []), room, 0.0
            first = True
        row_height = height(index, first, False)
        current.steps.append(index)
        current.heights.append(row_height)
        used += row_height
    pages.append(current)
    _no_lone_last_step(pages, height, room)
    return pages


def _no_lone_last_step(pages: list[FlowPage], height: Callable[[int, bool, bool], float], room: float) -> None:
    """The final step alone on the last page takes the row before it along, when the page before
    keeps at least two rows and the last page has room for both."""
    if len(pages) < 2 or len(pages[-1].steps) != 1 or len(pages[-2].steps) < 3:
        return
    before, last = pages[-2], pages[-1]
    moved, final = before.steps[-1], last.steps[0]
    heights = [height(moved, True, False), height(final, False, False)]
    if sum(heights) > room:
        return
    before.steps.pop()
    before.heights.pop()
    before.heights[-1] = height(before.steps[-1], False, True)
    last.steps, last.heights = [moved, final], heights
