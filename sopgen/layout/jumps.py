"""Where two arrows of a page cross, the horizontal one hops over the vertical one with a small arc
(a line jump, as flowchart tools draw it), so a reader can tell the crossing from a junction; where
the horizontal one has no room for the arc (the crossing is at its very end), the vertical one hops."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from . import style
from .document import Connector, Point
from .symbols import with_jumps

EPS = 0.05

Segment = tuple[Point, Point]


def segments(connector: Connector) -> list[Segment]:
    """The straight pieces of the shaft (up to where the arrowhead starts), without the arcs."""
    points = [*connector.points[:-1], connector.shaft_end]
    return [(a, b) for a, b in zip(points, points[1:]) if a != b]


def crossing(first: Segment, second: Segment) -> tuple[Point, int] | None:
    """Where a horizontal and a vertical segment cross inside both (not at an end), and which of the
    two (0 or 1) is the horizontal one."""
    for index, (horizontal, vertical) in enumerate(((first, second), (second, first))):
        (hx1, hy), (hx2, hy2) = horizontal
        (vx, vy1), (vx2, vy2) = vertical
        if abs(hy - hy2) > EPS or abs(vx - vx2) > EPS:
            continue
        if min(hx1, hx2) + EPS < vx < max(hx1, hx2) - EPS and min(vy1, vy2) + EPS < hy < max(vy1, vy2) - EPS:
            return (vx, hy), index
    return None


def _room(segment: Segment, point: Point) -> bool:
    """Is there room for an arc at `point` on the segment: clear of its ends (and so of the
    arrowhead, which starts where the shaft ends)?"""
    (x1, y1), (x2, y2) = segment
    along = 0 if abs(y1 - y2) < EPS else 1
    clearance = style.JUMP + 0.5
    low, high = sorted((segment[0][along], segment[1][along]))
    return low + clearance <= point[along] <= high - clearance


def add_jumps(connectors: Sequence[Connector]) -> list[Connector]:
    """The page's connectors with a jump wherever one crosses another and the arc has room."""
    pieces = [segments(connector) for connector in connectors]
    jumps: list[list[Point]] = [[] for _ in connectors]
    for i in range(len(connectors)):
        for j in range(i + 1, len(connectors)):
            for a in pieces[i]:
                for b in pieces[j]:
                    found = crossing(a, b)
                    if found is None:
                        continue
                    point, which = found
                    horizontal, vertical = ((i, a), (j, b)) if which == 0 else ((j, b), (i, a))
                    for owner, segment in (horizontal, vertical):  # the horizontal hops, else the vertical
                        if _room(segment, point):
                            jumps[owner].append(point)
                            break
    result = []
    for connector, points in zip(connectors, jumps):
        if points:
            shaft = (*connector.points[:-1], connector.shaft_end)
            connector = replace(connector, jumps=tuple(points), drawn=with_jumps(shaft, points))
        result.append(connector)
    return result
