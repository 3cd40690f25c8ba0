"""Placed symbols -> routed connectors: every arrow of the flow, on its page or across pages.

Routing is orthogonal: an arrow leaves a symbol from its bottom (same lane) or from the side facing the
next symbol; branches (a decision's `Tidak`, or any jump) run in a lane's gutter, beside the symbols,
and enter their target from above, so they never cross a symbol or a text column. An arrow to another
page goes through a pair of off-page connectors with the same letter. Adjacent arrows are routed
first (they claim the natural exits), then branches, shortest first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from .. import fontmetrics
from ..definition.model import SopDocument
from . import labels as placing
from . import style
from .document import Box, Connector, EdgeKind, Label, Page, Point, Shape
from .jumps import add_jumps, segments
from .paginate import FlowPage
from .refusal import refuse
from .steps import Edge, chained, edges_of, exit_link, links, symbol_height, symbol_kind
from .symbols import arrowhead, letter_baseline, offpage_box, outline, port, top_at

CROSSING = 40.0
"""Cost of a route crossing an arrow already drawn (drawn with a jump when it is taken)."""
COLLISION = 500.0
"""Cost of a route along an arrow already drawn, or with its arrowhead against another's: taken only
when nothing else is left."""
HEAD_GAP = 1.1
"""Least room between two arrowheads side by side (points)."""
APPROACH_STEP = 3.5
"""How much higher a second arrow entering a symbol from above turns, so the two do not share a line."""
LABEL_OUTSIDE = 1000.0
"""Cost of a route whose answer label would stick out of the lanes over a text column: taken only
when no other route exists."""


class NoRoom(Exception):
    """No clear place is left for a connector beside this step (index); the SOP is refused."""

    def __init__(self, step: int | None):
        super().__init__(step)
        self.step = step


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
    label_requests: list[tuple[placing.Request, Box]] = field(default_factory=list)
    _horizontal: list[tuple[float, float, float]] = field(default_factory=list, repr=False)
    _vertical: list[tuple[float, float, float]] = field(default_factory=list, repr=False)
    _piece_count: int = -1
    _head_boxes: list[tuple[float, float, float, float]] = field(default_factory=list, repr=False)
    _head_count: int = -1
    _segment_boxes: list[tuple[float, float, float, float]] = field(default_factory=list, repr=False)
    _segment_count: int = 0
    _shape_boxes: list[tuple[float, float, float, float, Shape]] = field(default_factory=list, repr=False)

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

    def place_symbols(self, index: int, row: Box, room_above: bool, room_below: bool) -> list[Shape]:
        """The step's symbols (one, or one per link), centred on one line across the row."""
        groups = links(self.doc, index)
        sw = self.symbol_width
        tallest = symbol_height(self.doc, index)
        top = row.y + (row.h - tallest) / 2
        if room_above:
            top = max(top, row.y + style.ROOM_OFFPAGE)
        if room_below:
            top = min(top, row.bottom - style.ROOM_OFFPAGE - tallest)
        middle = top + tallest / 2
        shapes = []
        for link, lanes in enumerate(groups):
            left = self.lane_center(lanes[0]) - sw / 2
            right = self.lane_center(lanes[-1]) + sw / 2
            kind = symbol_kind(self.doc, index, link)
            height = style.DECISION_H if kind == "decision" else style.SYMBOL_H
            if kind == "terminator":  # a capsule, never a circle, however narrow the lane
                height = min(height, (right - left) * style.CAPSULE_RATIO)
            box = Box(left, middle - height / 2, right - left, height)
            name = f"langkah-{index + 1}" + (chr(ord("a") + link) if len(groups) > 1 else "")
            shapes.append(Shape(name, kind, box, outline(kind, box), step=index, lanes=lanes))
        self.shapes.extend(shapes)
        return shapes

    def inner(self, source: Shape, target: Shape, edge: Edge) -> None:
        """Arrow between two links of a chain: straight across the row, side to facing side."""
        side = "right" if target.box.cx > source.box.cx else "left"
        start, end = port(source, side), port(target, "left" if side == "right" else "right")
        self.add([start, end], source, target, edge.kind)
        self.use(source, side)
        self.use(target, "left" if side == "right" else "right")
        self.label(edge.label, [start, end], side, source)

    def join(self, first: Shape, second: Shape) -> None:
        """The plain line joining two symbols of one joint step (no arrowhead)."""
        side = "right" if second.box.cx > first.box.cx else "left"
        start, end = port(first, side), port(second, "left" if side == "right" else "right")
        self.connectors.append(
            Connector(f"panah-{len(self.connectors) + 1}", (start, end), end, (), first.id, second.id, "gabung")
        )
        self.use(first, side)
        self.use(second, "left" if side == "right" else "right")

    def offpage(self, letter: str, cx: float, cy: float, tag: str) -> Shape:
        box = offpage_box(cx, cy)
        shape = Shape(
            f"penghubung-{letter}-{tag}", "offpage", box, outline("offpage", box), None, letter, letter_baseline(box)
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
            Connector(
                f"panah-{len(self.connectors) + 1}", tuple(cleaned), *arrowhead(cleaned), source.id, target.id, kind
            )
        )

    def label(self, text: str, path: Sequence[Point], side: str, source: Shape) -> None:
        """Ask for an answer label beside the arrow just added; it is placed once the page is routed
        (`place_labels`). The spot worked out here is kept only where no free spot is found."""
        box = self.fallback_label_box(text, path, side, source)
        if box is not None:
            self.label_requests.append((placing.Request(text, self.connectors[-1], side), box))

    def finish(self, rows: Sequence[float]) -> None:
        """Once every arrow of the page is drawn: jumps where arrows cross, then the labels."""
        self.connectors = add_jumps(self.connectors)
        by_id = {connector.id: connector for connector in self.connectors}
        self.label_requests = [
            (replace(request, connector=by_id[request.connector.id]), box) for request, box in self.label_requests
        ]
        self.place_labels(rows)

    def place_labels(self, rows: Sequence[float]) -> None:
        """Place every requested label clear of the page's lines and symbols."""
        page = placing.Page(self.lane_edges, rows, self.shapes, self.connectors)
        requests = [request for request, _ in self.label_requests]
        self.labels = placing.place(requests, page, [box for _, box in self.label_requests])

    def fallback_label_box(self, text: str, path: Sequence[Point], side: str, source: Shape) -> Box | None:
        """Beside the exit, on the side the path does not turn to; where that would stick out of the
        lanes over a text column, moved back inside them, under the symbol if it would cover it."""
        box = self.label_box(text, path, side)
        if box is None:
            return None
        for shape in self.shapes:  # an off-page connector close to the exit: step around it
            if shape is not source and shape.box.overlaps(box):
                if side == "bottom":
                    x = shape.box.right + 1 if box.cx >= shape.box.cx else shape.box.x - 1 - box.w
                    box = Box(x, box.y, box.w, box.h)
                elif box.cy <= shape.box.cy:
                    box = Box(box.x, shape.box.y - 0.5 - box.h, box.w, box.h)
                else:
                    box = Box(box.x, shape.box.bottom + 0.5, box.w, box.h)
        left, right = self.lane_edges[0][0] + 0.5, self.lane_edges[-1][1] - 0.5
        if box.x < left or box.right > right:
            x = min(max(box.x, left), right - box.w)
            box = Box(x, box.y, box.w, box.h)
            if box.overlaps(source.box):
                box = Box(x, source.box.bottom + 0.5, box.w, box.h)
        return box

    def label_fits(self, text: str, path: Sequence[Point], side: str) -> bool:
        """Would the answer label of this exit stay within the lanes (not over a text column)?"""
        box = self.label_box(text, path, side)
        return box is None or (box.x >= self.lane_edges[0][0] and box.right <= self.lane_edges[-1][1])

    @staticmethod
    def label_box(text: str, path: Sequence[Point], side: str) -> Box | None:
        if not text:
            return None
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
        return box

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
            self.add([(x, source.box.bottom), (x, top_at(target, x))], source, target, edge.kind)
            self.use(source, "bottom")
            self.label(edge.label, [(x, source.box.bottom), (x, top_at(target, x))], "bottom", source)
            return
        side = "right" if target.box.cx > source.box.cx else "left"
        start = port(source, side)
        x = min(self.entry_xs(target), key=lambda v: abs(v - source.box.cx))
        path = [start, (x, start[1]), (x, top_at(target, x))]
        if not self.free(source, side) or self.blocked(start, path[1], (source,)) or self.collides(path):
            # the facing side is taken (a chain's arrow, a joint step's line): leave from the bottom,
            # turn just above the target
            bottom = port(source, "bottom")
            turn = target.box.y - style.STUB
            detour = [bottom, (bottom[0], turn), (x, turn), (x, top_at(target, x))]
            clear = not any(
                self.blocked(a, b, (source, target) if i in (0, len(detour) - 2) else ())
                for i, (a, b) in enumerate(zip(detour, detour[1:]))
            )
            if clear and self.free(source, "bottom") and turn > bottom[1] + 1:
                path, side = detour, "bottom"
        self.add(path, source, target, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side, source)

    def leave_page(self, source: Shape, edge: Edge) -> str:
        """Arrow from the last symbol of a page down into a new off-page connector."""
        letter = self.next_letter()
        x = source.box.cx
        connector = self.offpage(letter, x, source.box.bottom + style.ARROW_GAP + style.OFFPAGE / 2, "keluar")
        self.add([(x, source.box.bottom), (x, connector.box.y)], source, connector, edge.kind)
        self.use(source, "bottom")
        self.label(edge.label, [(x, source.box.bottom), (x, connector.box.y)], "bottom", source)
        return letter

    def enter_page(self, letter: str, target: Shape, edge: Edge) -> None:
        """Off-page connector at the top of a page, with its arrow down into the first symbol."""
        x = target.box.cx
        connector = self.offpage(letter, x, target.box.y - style.ARROW_GAP - style.OFFPAGE / 2, "masuk")
        self.add([(x, connector.box.bottom), (x, top_at(target, x))], connector, target, edge.kind)

    # -- branches ------------------------------------------------------------------------------

    def gutters(self) -> list[tuple[float, float]]:
        """Candidate channel x positions with a penalty: three tracks in each gutter of each lane,
        the middle one preferred (it keeps clear of both the symbol and the lane's border)."""
        xs: list[tuple[float, float]] = []
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
        left, right = min(a[0], b[0]) - 0.01, max(a[0], b[0]) + 0.01
        top, bottom = min(a[1], b[1]) - 0.01, max(a[1], b[1]) + 0.01
        for near, far, high, low, shape in self._shapes_grown():
            if near < right and left < far and high < bottom and top < low and shape not in ignore:
                return True
        return False

    def _shapes_grown(self) -> list[tuple[float, float, float, float, Shape]]:
        """Every symbol's box a point wider all round, as (left, right, top, bottom, symbol)."""
        for shape in self.shapes[len(self._shape_boxes) :]:
            box = shape.box
            self._shape_boxes.append((box.x - 1, box.x + box.w + 1, box.y - 1, box.y + box.h + 1, shape))
        return self._shape_boxes

    def crosses_connector(self, box: Box) -> bool:
        """Would a new symbol at `box` sit on an arrow already drawn, or outside the lanes?"""
        right, bottom = box.right, box.bottom
        if box.x < self.lane_edges[0][0] or right > self.lane_edges[-1][1]:
            return True
        x, y = box.x, box.y
        return any(
            left < right and x < far and top < bottom and y < low for left, top, far, low in self._segments_grown()
        )

    def _segments_grown(self) -> list[tuple[float, float, float, float]]:
        """Every drawn arrow's segments as boxes a point wider all round: (left, top, right, bottom),
        computed as `Box.spanning(a, b).grow(1.0)` computes them."""
        for connector in self.connectors[self._segment_count :]:
            points = connector.points
            for (x1, y1), (x2, y2) in zip(points, points[1:]):
                left, top = min(x1, x2) - 1.0, min(y1, y2) - 1.0
                self._segment_boxes.append((left, top, left + (abs(x1 - x2) + 2.0), top + (abs(y1 - y2) + 2.0)))
        self._segment_count = len(self.connectors)
        return self._segment_boxes

    def taken(self, box: Box) -> bool:
        """Is this spot for a new symbol too close to a symbol, on an arrow, or outside the lanes?"""
        x, y, right, bottom = box.x, box.y, box.right, box.bottom
        # Not `_shapes_grown`: its far edges are summed in another order (x + w + 1), and a spot a
        # rounding apart must be judged as `Box.grow` judged it.
        for shape in self.shapes:
            near = shape.box
            left, top = near.x - 1.0, near.y - 1.0
            if left < right and x < left + (near.w + 2.0) and top < bottom and y < top + (near.h + 2.0):
                return True
        return self.crosses_connector(box)

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
            bottom = port(source, "bottom")
            y = bottom[1] + style.STUB
            return [bottom, (bottom[0], y), (x, y)]
        start = port(source, side)
        return [start, (x, start[1])]

    def approaches(self, target: Shape, x: float) -> Iterator[tuple[float, list[Point]]]:
        """Ways to enter the target from above coming from a channel at x, best first: the entry
        offset toward the channel (so it does not meet the incoming arrow), then farther or nearer
        offsets and higher turns, for when arrows already enter there. Each is the turn's y and the
        path from the channel to the target's outline."""
        sw = target.box.w
        offset = min(sw / 4, max(2.0, (sw - target.box.h) / 2 - 1)) if target.kind == "terminator" else sw / 4
        sign = -1.0 if x < target.box.cx else 1.0
        for lift in (0.0, APPROACH_STEP, 2 * APPROACH_STEP):
            for factor in (1.0, 0.5, 1.5, 2.0, 0.0, -1.0):
                entry_x = target.box.cx + sign * offset * factor
                if not target.box.x + 1 < entry_x < target.box.right - 1:
                    continue
                y = target.box.y - style.STUB - lift
                yield y, [(x, y), (entry_x, y), (entry_x, top_at(target, entry_x))]

    def crossings(self, path: Sequence[Point]) -> int:
        """How many arrows already drawn the path would cross (inside both, not at an end)."""
        horizontal, vertical = self._pieces()
        eps = 0.05
        count = 0
        for (x1, y1), (x2, y2) in zip(path, path[1:]):
            if abs(y1 - y2) < eps:  # a horizontal piece crosses the vertical ones
                lo, hi = sorted((x1, x2))
                count += sum(
                    1 for x, top, bottom in vertical if lo + eps < x < hi - eps and top + eps < y1 < bottom - eps
                )
            elif abs(x1 - x2) < eps:
                lo, hi = sorted((y1, y2))
                count += sum(
                    1 for y, left, right in horizontal if lo + eps < y < hi - eps and left + eps < x1 < right - eps
                )
        return count

    def _heads(self) -> list[tuple[float, float, float, float]]:
        """The drawn arrowheads' boxes, a point wider all round, as (left, top, right, bottom)."""
        if self._head_count != len(self.connectors):
            self._head_boxes = []
            for connector in self.connectors:
                head = connector.head_box
                if head is not None:
                    self._head_boxes.append((head.x - 1, head.y - 1, head.right + 1, head.bottom + 1))
            self._head_count = len(self.connectors)
        return self._head_boxes

    def _pieces(self) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
        """The drawn arrows' horizontal pieces as (y, left, right) and vertical ones as (x, top, bottom)."""
        if self._piece_count != len(self.connectors):
            self._horizontal, self._vertical = [], []
            for connector in self.connectors:
                for (x1, y1), (x2, y2) in segments(connector):
                    if abs(y1 - y2) < 0.05:
                        self._horizontal.append((y1, min(x1, x2), max(x1, x2)))
                    else:
                        self._vertical.append((x1, min(y1, y2), max(y1, y2)))
            self._piece_count = len(self.connectors)
        return self._horizontal, self._vertical

    def collides(self, path: Sequence[Point]) -> bool:
        """Would the path run along an arrow already drawn, or put its arrowhead against another's?"""
        tip_x, tip_y = path[-1]
        spans = [(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)) for (x1, y1), (x2, y2) in zip(path, path[1:])]
        for left, top, right, bottom in self._heads():  # never through another arrow's head
            for low_x, low_y, high_x, high_y in spans:
                if low_x < right and left < high_x and low_y < bottom and top < high_y:
                    return True
        reach_y, reach_x = 3 * style.ARROW_LEN, 2 * style.ARROW_HALF + HEAD_GAP
        for connector in self.connectors:
            other_x, other_y = connector.points[-1]
            if abs(other_y - tip_y) < reach_y and abs(other_x - tip_x) < reach_x:
                return True
        horizontal, vertical = self._pieces()
        for (x1, y1), (x2, y2) in zip(path, path[1:]):
            if abs(y1 - y2) < 0.01:
                lo, hi = sorted((x1, x2))
                if any(abs(y - y1) < 0.5 and min(hi, right) - max(lo, left) > 0.5 for y, left, right in horizontal):
                    return True
            elif abs(x1 - x2) < 0.01:
                lo, hi = sorted((y1, y2))
                if any(abs(x - x1) < 0.5 and min(hi, bottom) - max(lo, top) > 0.5 for x, top, bottom in vertical):
                    return True
        return False

    def branch(self, source: Shape, target: Shape, edge: Edge) -> bool:
        """Route a branch on one page through a gutter channel. False if no clean route exists: every
        route runs through a symbol, along another arrow, or puts its arrowhead against another's."""
        best = None
        for x, penalty in self.gutters():
            side = self.exit_side(source, x)
            if side is None or target.box.x <= x <= target.box.right:
                continue
            reach = abs(x - source.box.cx) + abs(x - target.box.cx) + penalty + (60 if side == "bottom" else 0)
            if best is not None and reach >= best[0]:
                continue  # every route through this channel costs at least this much
            out = self.exit_path(source, side, x)
            if any(
                self.blocked(a, b, (source, target) if i == 0 else ()) for i, (a, b) in enumerate(zip(out, out[1:]))
            ):
                continue  # every route through this channel leaves the source the same way
            for y_entry, tail in self.approaches(target, x):
                cost = reach + abs(y_entry - (target.box.y - style.STUB))
                if best is not None and cost >= best[0]:
                    break  # the turns after this one are higher, and cost more still
                path = out + tail
                if not self.channel_free(x, out[-1][1], y_entry):
                    continue
                if any(
                    self.blocked(path[i], path[i + 1], (source, target) if i == len(path) - 2 else ())
                    for i in range(len(out) - 1, len(path) - 1)
                ):
                    continue
                if not self.label_fits(edge.label, path, side):
                    cost += LABEL_OUTSIDE
                if best is not None and cost >= best[0]:
                    break  # the turns after this one cost more still
                collides = self.collides(path)
                cost += CROSSING * self.crossings(path) + (COLLISION if collides else 0.0)
                if best is None or cost < best[0]:
                    best = (cost, x, side, path)
                if not collides:
                    break
        if best is None or best[0] >= COLLISION:
            return False
        _, x, side, path = best
        low, high = sorted((path[-4][1], path[-3][1]))
        self.channels.append((x, low, high))
        self.add(path, source, target, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side, source)
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
                start = port(source, side)
                box = Box(x - size / 2, start[1] - size * 0.4, size, size)
                if self.taken(box):
                    continue
                if self.blocked(start, (x, start[1]), (source,)):
                    continue
                outside = 0.0 if self.label_fits(edge.label, [start, (x, start[1])], side) else LABEL_OUTSIDE
                options.append((abs(x - source.box.cx) + penalty + outside, x, side, start))
            if options:
                break
        if options:
            _, x, side, start = min(options)
            connector = self.offpage(letter, x, start[1] - size * 0.4 + size / 2, "keluar")
            end = connector.box.right if side == "left" else connector.box.x
            path = [start, (end, start[1])]
            self.add(path, source, connector, edge.kind)
        else:
            x, y = port(source, "bottom")
            if not self.free(source, "bottom"):
                raise NoRoom(source.step)
            cy = y + style.ARROW_GAP + size / 2
            if self.taken(offpage_box(x, cy)):
                raise NoRoom(source.step)
            connector = self.offpage(letter, x, cy, "keluar")
            side, path = "bottom", [(x, y), (x, connector.box.y)]
            self.add(path, source, connector, edge.kind)
        self.use(source, side)
        self.label(edge.label, path, side, source)
        return letter

    def branch_in(self, letter: str, target: Shape, edge: Edge) -> None:
        """The twin connector beside the branch's target, with its arrow entering from above."""
        size = style.OFFPAGE
        options = []
        for clearance in (size / 2 + 8, size / 2 + 1):
            for x, penalty in self.connector_spots(include_tracks=clearance < size):
                if target.box.x - clearance < x < target.box.right + clearance:
                    continue
                for y, tail in self.approaches(target, x):
                    box = Box(x - size / 2, y - size * 0.4, size, size)
                    if self.taken(box):
                        continue
                    if self.blocked((x, y), tail[1], (target,)):
                        continue
                    cost = abs(x - target.box.cx) + penalty + abs(y - (target.box.y - style.STUB))
                    cost += CROSSING * self.crossings(tail) + (COLLISION if self.collides(tail) else 0.0)
                    options.append((cost, x, y, tail))
                    if cost < COLLISION:
                        break
            if any(option[0] < COLLISION for option in options):
                break
        clean = [option for option in options if option[0] < COLLISION]
        if not clean and self.side_entry(letter, target, edge):
            return
        if not clean:
            y = target.box.y - style.ARROW_GAP - size / 2
            spots = [x for x in [target.box.cx, *self.vertical_xs(target)] if not self.taken(offpage_box(x, y))]
            free = [x for x in spots if not self.collides([(x, y), (x, top_at(target, x))])]
            if free or (spots and not options):
                x = (free or spots)[0]
                connector = self.offpage(letter, x, y, "masuk")
                self.add([(x, connector.box.bottom), (x, top_at(target, x))], connector, target, edge.kind)
                return
            if not options:
                raise NoRoom(target.step)
        _, x, y, tail = min(clean or options)
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
            end = port(target, side)
            box = Box(x - size / 2, end[1] - size * 0.4, size, size)
            if self.taken(box):
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


Placed = tuple[Page, Router, dict[int, list[Shape]]]
"""One flowchart page with its router and the symbols of each step on it (one, or one per link)."""


def route_all(doc: SopDocument, flow_pages: list[FlowPage], placed: list[Placed]) -> None:
    """The lines within a row first (a joint step's joins, a chain's arrows), then adjacent arrows
    (they claim the natural exits), then branches, shortest first."""
    page_of = {step: i for i, fp in enumerate(flow_pages) for step in fp.steps}
    for _, router, symbols in placed:
        for index, shapes in symbols.items():
            if len(shapes) > 1 and not chained(doc, index):
                ordered_shapes = sorted(shapes, key=lambda shape: shape.box.cx)
                for first, second in zip(ordered_shapes, ordered_shapes[1:]):
                    router.join(first, second)
    ordered = sorted(edges_of(doc), key=lambda e: (not e.inner, not e.adjacent, abs(e.target - e.source), e.source))
    shared: dict[tuple[int, int, int], Shape] = {}
    """Branches from one page to the same target share one pair of off-page connectors."""
    try:
        for edge in ordered:
            _route(doc, edge, page_of, placed, shared)
    except NoRoom as exc:
        step = exc.step if exc.step is not None else 0
        if chained(doc, step):
            message = (
                f"langkah {step + 1}: tidak ada tempat yang rapi untuk semua panah `rangkaian` langkah ini; "
                "letakkan mata rantai yang memutuskan di lajur yang tidak di tepi, kurangi keputusannya, "
                "atau pecah langkah ini"
            )
        else:
            message = (
                f"langkah {step + 1}: terlalu banyak cabang menuju atau dari langkah ini untuk digambar "
                "dengan rapi; kurangi keputusan yang kembali ke langkah ini, atau pecah SOP"
            )
        raise refuse(doc, ("langkah", step), message) from None


def _route(
    doc: SopDocument,
    edge: Edge,
    page_of: dict[int, int],
    placed: list[Placed],
    shared: dict[tuple[int, int, int], Shape],
) -> None:
    """Draw one arrow of the flow: within a row, on its page, or across pages through off-page connectors."""
    src_page, dst_page = page_of[edge.source], page_of[edge.target]
    _, src_router, src_symbols = placed[src_page]
    _, dst_router, dst_symbols = placed[dst_page]
    link = edge.source_link if edge.source_link is not None else exit_link(doc, edge.source)
    source = src_symbols[edge.source][link]
    if edge.inner:
        src_router.inner(source, src_symbols[edge.source][link + 1], edge)
        return
    target = dst_symbols[edge.target][0]
    # A joint step's symbols stand for one step: an arrow takes the pair of them nearest each other.
    if not chained(doc, edge.target):
        target = min(dst_symbols[edge.target], key=lambda shape: abs(shape.box.cx - source.box.cx))
    if edge.source_link is None and not chained(doc, edge.source):
        source = min(src_symbols[edge.source], key=lambda shape: abs(shape.box.cx - target.box.cx))
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
