"""Steps -> flowchart pages: which rows go on which page, symbols in lanes, routed connectors.

Pagination never splits a row and reserves room for the off-page connectors where the flow crosses a
page break. Routing is orthogonal: an arrow leaves a symbol from its bottom (same lane) or from the
side facing the next symbol; branches (a decision's `Tidak`, or any jump) run in a lane's gutter,
beside the symbols, and enter their target from above, so they never cross a symbol or a text column.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import fontmetrics
from ..definition.model import SopDocument
from . import style
from .document import Box, Connector, EdgeKind, Label, Point, Shape

ARROW_GAP = 9.0
ROOM_OFFPAGE = ARROW_GAP + style.OFFPAGE + 3.0


class NoRoom(Exception):
    """No clear place is left for a connector beside this step (index); the SOP is refused."""

    def __init__(self, step: int | None):
        super().__init__(step)
        self.step = step


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    kind: EdgeKind
    label: str = ""

    @property
    def adjacent(self) -> bool:
        return self.target == self.source + 1


def edges_of(doc: SopDocument) -> list[Edge]:
    """Every arrow of the flow: the next step, or a decision's two answers."""
    found = []
    count = len(doc.sop.langkah)
    for index in range(count):
        branch = doc.branches.get(index)
        if branch:
            found.append(Edge(index, branch.ya, "ya", branch.label_ya))
            found.append(Edge(index, branch.tidak, "tidak", branch.label_tidak))
        elif index < count - 1:
            found.append(Edge(index, index + 1, "flow"))
    return found


def symbol_kind(doc: SopDocument, index: int) -> str:
    if index in doc.branches:
        return "decision"
    if index == 0 or index == len(doc.sop.langkah) - 1:
        return "terminator"
    return "process"


def symbol_height(doc: SopDocument, index: int) -> float:
    return style.DECISION_H if index in doc.branches else style.SYMBOL_H


def min_row_height(doc: SopDocument, index: int) -> float:
    return style.snap(symbol_height(doc, index) + 2 * style.ROW_PAD)


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
        top = ROOM_OFFPAGE if first and index in incoming else style.ROW_PAD
        bottom = ROOM_OFFPAGE if last and index in outgoing else style.ROW_PAD
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
    return pages


@dataclass
class Router:
    """Draws one page's symbols and connectors; `letters` is shared across pages."""

    doc: SopDocument
    lane_edges: Sequence[tuple[float, float]]
    letters: list[str]
    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    used_sides: dict[str, set[str]] = field(default_factory=dict)
    channels: list[tuple[float, float, float]] = field(default_factory=list)

    def shape_of(self, shape_id: str) -> Shape:
        return next(s for s in self.shapes if s.id == shape_id)

    @property
    def symbol_width(self) -> float:
        lane = min(right - left for left, right in self.lane_edges)
        return max(16.0, min(style.SYMBOL_W_MAX, lane - 2 * style.GUTTER_MIN))

    def lane_center(self, lane: int) -> float:
        left, right = self.lane_edges[lane]
        return (left + right) / 2

    # -- symbols -------------------------------------------------------------------------------

    def place_symbol(self, index: int, row: Box, room_above: bool, room_below: bool) -> Shape:
        lanes = self.doc.lane_indexes(index)
        sw = self.symbol_width
        left = self.lane_center(lanes[0]) - sw / 2
        right = self.lane_center(lanes[-1]) + sw / 2
        height = symbol_height(self.doc, index)
        top = row.y + (row.h - height) / 2
        if room_above:
            top = max(top, row.y + ROOM_OFFPAGE)
        if room_below:
            top = min(top, row.bottom - ROOM_OFFPAGE - height)
        shape = Shape(
            f"langkah-{index + 1}",
            symbol_kind(self.doc, index),  # type: ignore[arg-type]
            Box(left, top, right - left, height),
            index,
            "",
            tuple(lanes),
        )
        self.shapes.append(shape)
        return shape

    def offpage(self, letter: str, cx: float, cy: float, tag: str) -> Shape:
        size = style.OFFPAGE
        shape = Shape(
            f"penghubung-{letter}-{tag}", "offpage", Box(cx - size / 2, cy - size / 2, size, size), None, letter
        )
        self.shapes.append(shape)
        return shape

    def next_letter(self) -> str:
        count = len(self.letters)
        letter = ""
        count += 1
        while count:
            count, rest = divmod(count - 1, 26)
            letter = chr(65 + rest) + letter
        self.letters.append(letter)
        return letter

    # -- geometry helpers ----------------------------------------------------------------------

    @staticmethod
    def port(shape: Shape, side: str) -> Point:
        box = shape.box
        if side == "top":
            return (box.cx, box.y)
        if side == "bottom":
            return (box.cx, box.bottom)
        y = box.y + box.h * 0.4 if shape.kind == "offpage" else box.cy
        return (box.x, y) if side == "left" else (box.right, y)

    @staticmethod
    def top_at(shape: Shape, x: float) -> float:
        """The y of the shape's upper outline at x."""
        box = shape.box
        dx = abs(x - box.cx)
        if shape.kind == "decision":
            return box.y + min(1.0, dx / (box.w / 2)) * box.h / 2
        if shape.kind == "terminator":
            radius = box.h / 2
            flat = box.w / 2 - radius
            if dx > flat:
                over = min(dx - flat, radius)
                return box.cy - math.sqrt(max(0.0, radius * radius - over * over))
        return box.y

    def vertical_xs(self, shape: Shape) -> list[float]:
        """Where a vertical arrow may meet the shape's top or bottom: its centre for a diamond or a
        connector; any lane centre under a (possibly wide) rectangle or capsule."""
        if shape.kind in ("decision", "offpage"):
            return [shape.box.cx]
        xs = [self.lane_center(i) for i in range(len(self.lane_edges))] + [shape.box.cx]
        return [x for x in xs if shape.box.x + 2 < x < shape.box.right - 2]

    def entry_xs(self, shape: Shape) -> list[float]:
        if shape.kind in ("decision", "offpage") or len(shape.lanes) < 2:
            return [shape.box.cx]
        return [self.lane_center(lane) for lane in shape.lanes]

    def add(self, points: list[Point], source: Shape, target: Shape, kind: EdgeKind) -> None:
        cleaned = [points[0]]
        for point in points[1:]:
            if abs(point[0] - cleaned[-1][0]) > 0.01 or abs(point[1] - cleaned[-1][1]) > 0.01:
                cleaned.append(point)
        self.connectors.append(
            Connector(f"panah-{len(self.connectors) + 1}", tuple(cleaned), source.id, target.id, kind)
        )

    def label(self, text: str, path: Sequence[Point], side: str) -> None:
        """Put an answer label beside the exit, on the side the path does not turn to."""
        if not text:
            return
        w = fontmetrics.width(text, style.LABEL) + 2
        h = style.LABEL + 3
        x, y = path[0]
        after = path[2] if len(path) > 2 else None
        if side in ("left", "right"):
            left = x + 1.5 if side == "right" else x - 1.5 - w
            turns_up = after is not None and after[1] < y - 0.01
            box = Box(left, y + 0.5 if turns_up else y - h - 0.5, w, h)
        else:
            turns_right = after is not None and after[0] > x + 0.01
            box = Box(x - 2 - w if turns_right else x + 2, y + 0.5, w, h)
        self.labels.append(Label(box, text, style.LABEL))

    def use(self, shape: Shape, side: str) -> None:
        self.used_sides.setdefault(shape.id, set()).add(side)

    def free(self, shape: Shape, side: str) -> bool:
        return side not in self.used_sides.get(shape.id, set())

    # -- adjacent steps ------------------------------------------------------------------------

    def adjacent(self, source: Shape, target: Shape, edge: Edge) -> None:
        """Arrow to the next row: straight down when the symbols overlap across, else out of the facing side."""
        common = [x for x in self.vertical_xs(source) if x in self.vertical_xs(target)]
        if common:
            x = min(common, key=lambda v: abs(v - source.box.cx))
            self.add([(x, source.box.bottom), (x, self.top_at(target, x))], source, target, edge.kind)
            self.use(source, "bottom")
            self.label(edge.label, [(x, source.box.bottom), (x, self.top_at(target, x))], "bottom")
            return
        side = "right" if target.box.cx > source.box.cx else "left"
        start = self.port(source, side)
        x = min(self.entry_xs(target), key=lambda v: abs(v - source.box.cx))
        path = [start, (x, start[1]), (x, self.top_at(target, x))]
        self.add(path, source, target, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side)

    def leave_page(self, source: Shape, edge: Edge) -> str:
        """Arrow from the last symbol of a page down into a new off-page connector."""
        letter = self.next_letter()
        x = source.box.cx
        connector = self.offpage(letter, x, source.box.bottom + ARROW_GAP + style.OFFPAGE / 2, "keluar")
        self.add([(x, source.box.bottom), (x, connector.box.y)], source, connector, edge.kind)
        self.use(source, "bottom")
        self.label(edge.label, [(x, source.box.bottom), (x, connector.box.y)], "bottom")
        return letter

    def enter_page(self, letter: str, target: Shape, edge: Edge) -> None:
        """Off-page connector at the top of a page, with its arrow down into the first symbol."""
        x = target.box.cx
        connector = self.offpage(letter, x, target.box.y - ARROW_GAP - style.OFFPAGE / 2, "masuk")
        self.add([(x, connector.box.bottom), (x, self.top_at(target, x))], connector, target, edge.kind)

    # -- branches ------------------------------------------------------------------------------

    def gutters(self) -> list[tuple[float, float]]:
        """Candidate channel x positions with a penalty: three tracks in each gutter of each lane,
        the middle one preferred (it keeps clear of both the symbol and the lane's border)."""
        xs = []
        sw = self.symbol_width
        for left, right in self.lane_edges:
            gutter = (right - left - sw) / 2
            for base in (left + gutter / 2, right - gutter / 2):
                xs.extend(((base, 0.0), (base - gutter / 4, 6.0), (base + gutter / 4, 6.0)))
        return xs

    def connector_spots(self, include_tracks: bool = False) -> list[tuple[float, float]]:
        """Candidate x positions for a branch's off-page connector: lane centres, then gutters."""
        return [(self.lane_center(i), 0.0) for i in range(len(self.lane_edges))] + [
            (x, 60.0 + penalty) for x, penalty in self.gutters() if include_tracks or penalty == 0.0
        ]

    def blocked(self, a: Point, b: Point, ignore: Sequence[Shape] = ()) -> bool:
        """Does the axis-aligned segment a-b pass through a symbol (other than `ignore`)?"""
        seg = Box(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))
        for shape in self.shapes:
            if shape in ignore:
                continue
            if shape.box.grow(1.0).overlaps(seg.grow(0.01)):
                return True
        return False

    def crosses_connector(self, box: Box) -> bool:
        """Would a new symbol at `box` sit on an arrow already drawn, or outside the lanes?"""
        if box.x < self.lane_edges[0][0] or box.right > self.lane_edges[-1][1]:
            return True
        for connector in self.connectors:
            for a, b in zip(connector.points, connector.points[1:]):
                seg = Box(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))
                if seg.grow(1.0).overlaps(box):
                    return True
        return False

    def channel_free(self, x: float, y0: float, y1: float) -> bool:
        lo, hi = sorted((y0, y1))
        return not any(abs(cx - x) < 2.0 and lo < c1 and c0 < hi for cx, c0, c1 in self.channels)

    def exit_side(self, source: Shape, x: float) -> str | None:
        if x < source.box.x:
            return "left" if self.free(source, "left") else "bottom"
        if x > source.box.right:
            return "right" if self.free(source, "right") else "bottom"
        return None

    def exit_path(self, source: Shape, side: str, x: float) -> list[Point]:
        if side == "bottom":
            bottom = self.port(source, "bottom")
            y = bottom[1] + style.STUB
            return [bottom, (bottom[0], y), (x, y)]
        start = self.port(source, side)
        return [start, (x, start[1])]

    def approach(self, target: Shape, x: float) -> tuple[float, list[Point]]:
        """Entry from above, offset toward the channel so it does not meet the incoming arrow."""
        sw = target.box.w
        offset = min(sw / 4, max(2.0, (sw - target.box.h) / 2 - 1)) if target.kind == "terminator" else sw / 4
        entry_x = target.box.cx - offset if x < target.box.cx else target.box.cx + offset
        y = target.box.y - style.STUB
        return y, [(x, y), (entry_x, y), (entry_x, self.top_at(target, entry_x))]

    def branch(self, source: Shape, target: Shape, edge: Edge) -> bool:
        """Route a branch on one page through a gutter channel. False if no clean route exists."""
        best = None
        for x, penalty in self.gutters():
            side = self.exit_side(source, x)
            if side is None or target.box.x <= x <= target.box.right:
                continue
            out = self.exit_path(source, side, x)
            y_entry, tail = self.approach(target, x)
            path = out + tail
            if not self.channel_free(x, out[-1][1], y_entry):
                continue
            if any(
                self.blocked(path[i], path[i + 1], (source, target) if i in (0, len(path) - 2) else ())
                for i in range(len(path) - 1)
            ):
                continue
            cost = abs(x - source.box.cx) + abs(x - target.box.cx) + penalty + (60 if side == "bottom" else 0)
            if best is None or cost < best[0]:
                best = (cost, x, side, path)
        if best is None:
            return False
        _, x, side, path = best
        self.channels.append((x, path[-4][1], path[-3][1]))
        self.add(path, source, target, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side)
        return True

    def branch_out(self, source: Shape, edge: Edge) -> str:
        """A branch leaving the page: arrow from the decision's free side to an off-page connector."""
        letter = self.next_letter()
        size = style.OFFPAGE
        options = []
        for clearance in (size / 2 + 8, size / 2 + 1):
            for x, penalty in self.connector_spots(include_tracks=clearance < size):
                side = self.exit_side(source, x)
                if side not in ("left", "right") or min(abs(x - source.box.x), abs(x - source.box.right)) < clearance:
                    continue
                start = self.port(source, side)
                box = Box(x - size / 2, start[1] - size * 0.4, size, size)
                if any(s.box.grow(1.0).overlaps(box) for s in self.shapes) or self.crosses_connector(box):
                    continue
                if self.blocked(start, (x, start[1]), (source,)):
                    continue
                options.append((abs(x - source.box.cx) + penalty, x, side, start))
            if options:
                break
        if options:
            _, x, side, start = min(options)
            connector = self.offpage(letter, x, start[1] - size * 0.4 + size / 2, "keluar")
            end = connector.box.right if side == "left" else connector.box.x
            path = [start, (end, start[1])]
            self.add(path, source, connector, edge.kind)
        else:
            x, y = self.port(source, "bottom")
            if not self.free(source, "bottom"):
                raise NoRoom(source.step)
            connector = self.offpage(letter, x, y + ARROW_GAP + size / 2, "keluar")
            if any(
                s.box.grow(1.0).overlaps(connector.box) for s in self.shapes if s is not connector
            ) or self.crosses_connector(connector.box):
                raise NoRoom(source.step)
            side, path = "bottom", [(x, y), (x, connector.box.y)]
            self.add(path, source, connector, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side)
        return letter

    def branch_in(self, letter: str, target: Shape, edge: Edge) -> None:
        """The twin connector beside the branch's target, with its arrow entering from above."""
        size = style.OFFPAGE
        options = []
        for clearance in (size / 2 + 8, size / 2 + 1):
            for x, penalty in self.connector_spots(include_tracks=clearance < size):
                if target.box.x - clearance < x < target.box.right + clearance:
                    continue
                y, tail = self.approach(target, x)
                box = Box(x - size / 2, y - size * 0.4, size, size)
                if any(s.box.grow(1.0).overlaps(box) for s in self.shapes) or self.crosses_connector(box):
                    continue
                if self.blocked((x, y), tail[1], (target,)):
                    continue
                options.append((abs(x - target.box.cx) + penalty, x, y, tail))
            if options:
                break
        if not options:
            if self.side_entry(letter, target, edge):
                return
            x = target.box.cx
            y = target.box.y - ARROW_GAP - size / 2
            box = Box(x - size / 2, y - size / 2, size, size)
            if any(s.box.grow(1.0).overlaps(box) for s in self.shapes) or self.crosses_connector(box):
                raise NoRoom(target.step)
            connector = self.offpage(letter, x, y, "masuk")
            self.add([(x, connector.box.bottom), (x, self.top_at(target, x))], connector, target, edge.kind)
            return
        _, x, y, tail = min(options)
        connector = self.offpage(letter, x, y - size * 0.4 + size / 2, "masuk")
        start = (connector.box.right, y) if x < target.box.cx else (connector.box.x, y)
        self.add([start] + tail[1:], connector, target, edge.kind)

    def side_entry(self, letter: str, target: Shape, edge: Edge) -> bool:
        """Twin connector level with the target, its arrow entering a free side of the target."""
        size = style.OFFPAGE
        options = []
        for x, penalty in self.connector_spots(include_tracks=True):
            side = "left" if x < target.box.x else "right" if x > target.box.right else None
            if side is None or not self.free(target, side):
                continue
            end = self.port(target, side)
            box = Box(x - size / 2, end[1] - size * 0.4, size, size)
            if any(s.box.grow(1.0).overlaps(box) for s in self.shapes) or self.crosses_connector(box):
                continue
            start = (box.right, end[1]) if side == "left" else (box.x, end[1])
            if abs(start[0] - end[0]) < 4 or self.blocked(start, end, (target,)):
                continue
            options.append((abs(x - target.box.cx) + penalty, x, side, start, end))
        if not options:
            return False
        _, x, side, start, end = min(options)
        connector = self.offpage(letter, x, end[1] - size * 0.4 + size / 2, "masuk")
        self.add([start, end], connector, target, edge.kind)
        self.use(target, side)
        return True
