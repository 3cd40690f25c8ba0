"""Answer labels (Ya / Tidak, or the author's own) placed after every arrow of the page is drawn, where
no line crosses them: not an arrow, not a lane border, not a row line, and off every symbol.

A label stays beside its own arrow, as close to the decision as a free spot allows: candidates are
tried along the arrow's path, on both sides of each segment, nearest first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from .. import fontmetrics
from . import style
from .document import Box, Connector, Label, Point, Shape

CLEAR = 0.6
"""Distance kept between a label's box and any line or symbol (points)."""
SEARCH = 150.0
"""How far along its arrow a label may move from the decision (points of path)."""
STEP = 1.5


@dataclass(frozen=True)
class Request:
    """A label to place beside the start of `connector`: `side` is where the arrow leaves its symbol."""

    text: str
    connector: Connector
    side: str


def label_size(text: str) -> tuple[float, float]:
    return fontmetrics.width(text, style.LABEL) + 2, style.LABEL + 3


def _hits_polygon(box: Box, polygon: Sequence[Point], clear: float = CLEAR) -> bool:
    """Separating axes of a rectangle and a convex polygon (with the clearance added to the rectangle)."""
    grown = box.grow(clear)
    corners = [(grown.x, grown.y), (grown.right, grown.y), (grown.right, grown.bottom), (grown.x, grown.bottom)]
    axes = [(1.0, 0.0), (0.0, 1.0)]
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]]):
        axes.append((y1 - y2, x2 - x1))
    for ax, ay in axes:
        first = [ax * x + ay * y for x, y in corners]
        second = [ax * x + ay * y for x, y in polygon]
        if max(first) <= min(second) or max(second) <= min(first):
            return False
    return True


def hits_shape(box: Box, shape: Shape, clear: float = CLEAR) -> bool:
    """Does the box come within `clear` of the symbol's outline (a diamond's, not its bounding box)?"""
    if shape.outline.polygon:
        return _hits_polygon(box, shape.outline.polygon, clear)
    return box.grow(clear).overlaps(shape.box)


@dataclass
class Page:
    """What a label must keep clear of on one page."""

    lanes: Sequence[tuple[float, float]]
    rows: Sequence[float]
    """The y of every row line of the flowchart's body, top to bottom."""
    shapes: Sequence[Shape]
    connectors: Sequence[Connector]
    obstacles: list[tuple[float, float, float, float]] = field(default_factory=list, init=False)
    """Every arrow's pieces and heads as (left, top, right, bottom)."""
    outlines: list[tuple[Shape, Sequence[Point], tuple[float, float, float, float]]] = field(
        default_factory=list, init=False
    )
    """Every symbol with its outline polygon (empty for a rectangle) and that polygon's bounds."""

    def __post_init__(self) -> None:
        for connector in self.connectors:
            points = connector.shaft
            for (x1, y1), (x2, y2) in zip(points, points[1:]):
                self.obstacles.append((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
            head = connector.head_box
            if head is not None:
                self.obstacles.append((head.x, head.y, head.right, head.bottom))
        for shape in self.shapes:
            polygon = shape.outline.polygon
            xs, ys = [x for x, _ in polygon] or [0.0], [y for _, y in polygon] or [0.0]
            self.outlines.append((shape, polygon, (min(xs), min(ys), max(xs), max(ys))))

    def free(self, box: Box, placed: Sequence[Label], over_borders: bool = False) -> bool:
        """Is the box clear of everything; with `over_borders`, of everything but the table's lines
        inside the lanes (the label then gets a white ground)?"""
        if over_borders:
            if box.x < self.lanes[0][0] + CLEAR or box.right > self.lanes[-1][1] - CLEAR:
                return False
        else:
            lane = next((edge for edge in self.lanes if edge[0] <= box.cx <= edge[1]), None)
            if lane is None or box.x < lane[0] + CLEAR or box.right > lane[1] - CLEAR:
                return False
            if any(box.y - CLEAR < y < box.bottom + CLEAR for y in self.rows):
                return False
        if self.rows and (box.y < self.rows[0] or box.bottom > self.rows[-1]):
            return False
        left, top, right, bottom = box.x - CLEAR, box.y - CLEAR, box.right + CLEAR, box.bottom + CLEAR
        for x1, y1, x2, y2 in self.obstacles:
            if x1 < right and x2 > left and y1 < bottom and y2 > top:
                return False
        grown = box.grow(CLEAR)
        for shape, polygon, (low_x, low_y, high_x, high_y) in self.outlines:
            if not polygon:
                if grown.overlaps(shape.box):
                    return False
            # The polygon test's first two axes, x and y, checked before the others.
            elif grown.x < high_x and low_x < grown.right and grown.y < high_y and low_y < grown.bottom:
                if _hits_polygon(box, polygon):
                    return False
        return not any(box.grow(CLEAR).overlaps(label.box) for label in placed)


def _beside(a: Point, b: Point, at: Point, w: float, h: float) -> Iterator[Box]:
    """Boxes touching the segment a-b at `at`, on both sides: reaching forward along it first, then
    backward (a short arrow leaves no room ahead)."""
    gap = CLEAR + 0.3
    x, y = at
    if abs(a[1] - b[1]) < 0.01:  # horizontal
        forward = 1 if b[0] >= a[0] else -1
        for left in (x if forward > 0 else x - w, x - w if forward > 0 else x):
            yield Box(left, y - gap - h, w, h)
            yield Box(left, y + gap, w, h)
    else:
        forward = 1 if b[1] >= a[1] else -1
        for top in (y if forward > 0 else y - h, y - h if forward > 0 else y):
            yield Box(x + gap, top, w, h)
            yield Box(x - gap - w, top, w, h)


def candidates(request: Request, limit: float = SEARCH, start: float = 0.0) -> Iterator[Box]:
    """Label boxes along the arrow, nearest its start first, on both sides of each segment, from past
    `start` (when above zero) up to `limit` points of path from the start."""
    w, h = label_size(request.text)
    points = [*request.connector.points[:-1], request.connector.shaft_end]
    travelled = 0.0
    for a, b in zip(points, points[1:]):
        length = abs(b[0] - a[0]) + abs(b[1] - a[1])
        offset = 0.0
        while offset <= length and travelled + offset <= limit:
            if start <= 0 or travelled + offset > start:
                t = offset / length if length else 0.0
                at = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                yield from _beside(a, b, at, w, h)
            offset += STEP
        travelled += length
        if travelled > limit:
            return


RING = 16.0
"""How far from an arrow's start a label may sit when no spot beside the arrow is free (points)."""


def around_start(request: Request) -> Iterator[Box]:
    """Label boxes near the arrow's start, nearest first, for an arrow too short or too crowded to
    carry its label beside it (into an off-page connector just beside the decision)."""
    w, h = label_size(request.text)
    x, y = request.connector.points[0]
    spots = []
    steps = int(RING / STEP)
    for i in range(-steps, steps + 1):
        for j in range(-steps, steps + 1):
            box = Box(x + i * STEP - w / 2, y + j * STEP - h / 2, w, h)
            spots.append((abs(i) + abs(j), box))
    for _, box in sorted(spots, key=lambda spot: spot[0]):
        yield box


NEAR = 30.0
"""A spot clear of every line within this much of the path is taken before a farther one; past it,
a spot nearer the decision that only covers a table line (on a white ground) is preferred."""


SEARCHES = (
    (0.0, NEAR, False, False),
    (0.0, NEAR, False, True),
    (NEAR, SEARCH, False, False),
    (NEAR, SEARCH, False, True),
    (SEARCH, float("inf"), True, False),
    (SEARCH, float("inf"), True, True),
)
"""Where a label is looked for, in order: which stretch of its arrow (each pass goes on from where
the same kind of spot was already looked for), whether around its start too, and whether it may
cover a table line (on a white ground)."""


def place(requests: Sequence[Request], page: Page, fallback: Sequence[Box]) -> list[Label]:
    """Labels for the requests in order: a spot clear of every line, near the decision; else one that
    covers only a table line, on a white ground; else the clear spot farther along the arrow; else
    anywhere along it or around its start; else the `fallback` box."""
    placed: list[Label] = []
    for request, spare in zip(requests, fallback):
        box, ground = None, False
        for start, limit, ring, over_borders in SEARCHES:
            spots = chain(candidates(request, limit, start), around_start(request) if ring else ())
            box = next((b for b in spots if page.free(b, placed, over_borders)), None)
            if box is not None:
                ground = over_borders
                break
        if box is None:
            box = spare
        placed.append(Label(box, request.text, style.LABEL, (box.x + 1, box.bottom - 2.2), ground))
    return placed
