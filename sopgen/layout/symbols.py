"""Symbol geometry, in one place for every format: each kind's outline, its ports, where an arrow
meets its upper edge, the arrowhead of a connector, and the letter of an off-page connector.

Writers draw the outline and the arrowhead they are given; only OOXML also names a preset shape,
which is the same symbol in Office's own terms.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import style
from .document import Box, Checkbox, Outline, Point, Shape, ShapeKind


def outline(kind: ShapeKind, box: Box) -> Outline:
    if kind == "terminator":
        return Outline(radius=box.h / 2)
    if kind == "decision":
        return Outline(((box.cx, box.y), (box.right, box.cy), (box.cx, box.bottom), (box.x, box.cy)))
    if kind == "offpage":
        shoulder = box.y + box.h * 0.8
        return Outline(
            ((box.x, box.y), (box.right, box.y), (box.right, shoulder), (box.cx, box.bottom), (box.x, shoulder))
        )
    return Outline()


def offpage_box(cx: float, cy: float) -> Box:
    """The box of an off-page connector centred at (cx, cy)."""
    size = style.OFFPAGE
    return Box(cx - size / 2, cy - size / 2, size, size)


def checkbox(box: Box, ticked: bool) -> Checkbox:
    """A checkbox in `box`, with the tick drawn inside it when ticked."""
    if not ticked:
        return Checkbox(box)
    return Checkbox(
        box, ((box.x + 1.5, box.cy), (box.x + box.w * 0.42, box.bottom - 1.5), (box.right - 1.2, box.y + 1.2))
    )


def letter_baseline(box: Box) -> Point:
    """Where the letter of an off-page connector stands: centred, in the square above the point."""
    return (box.cx, box.y + box.h * 0.4 + style.LETTER * 0.35)


def port(shape: Shape, side: str) -> Point:
    """The point where an arrow leaves or enters the symbol on `side` (top, bottom, left, right)."""
    box = shape.box
    if side == "top":
        return (box.cx, box.y)
    if side == "bottom":
        return (box.cx, box.bottom)
    y = box.y + box.h * 0.4 if shape.kind == "offpage" else box.cy
    return (box.x, y) if side == "left" else (box.right, y)


def top_at(shape: Shape, x: float) -> float:
    """The y of the symbol's upper outline at x."""
    box, kind = shape.box, shape.kind
    dx = abs(x - box.cx)
    if kind == "decision":
        return box.y + min(1.0, dx / (box.w / 2)) * box.h / 2
    if kind == "terminator":
        radius = box.h / 2
        flat = box.w / 2 - radius
        if dx > flat:
            over = min(dx - flat, radius)
            return box.cy - math.sqrt(max(0.0, radius * radius - over * over))
    return box.y


def arrowhead(points: Sequence[Point]) -> tuple[Point, tuple[Point, Point, Point]]:
    """Where the shaft of a connector stops, and the head's triangle (tip first)."""
    (x1, y1), (x2, y2) = points[-2], points[-1]
    length = max(abs(x2 - x1) + abs(y2 - y1), 1e-6)
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    base = (x2 - ux * style.ARROW_LEN, y2 - uy * style.ARROW_LEN)
    left = (base[0] - uy * style.ARROW_HALF, base[1] + ux * style.ARROW_HALF)
    right = (base[0] + uy * style.ARROW_HALF, base[1] - ux * style.ARROW_HALF)
    return base, ((x2, y2), left, right)


def with_jumps(shaft: Sequence[Point], jumps: Sequence[Point]) -> tuple[Point, ...]:
    """The shaft polyline with an arc over each jump point: a half circle of radius JUMP (above a
    horizontal segment, right of a vertical one), or one wider arc over jump points closer than two
    arcs, drawn as JUMP_SEGMENTS straight pieces."""
    r, pieces = style.JUMP, style.JUMP_SEGMENTS
    out: list[Point] = [shaft[0]]
    for a, b in zip(shaft, shaft[1:]):
        horizontal = abs(a[1] - b[1]) < 0.01
        along, across = (0, 1) if horizontal else (1, 0)
        start, end = a[along], b[along]
        if abs(end - start) > 0.01:
            direction = 1.0 if end > start else -1.0
            on = sorted(
                (
                    j[along]
                    for j in jumps
                    if abs(j[across] - a[across]) < 0.01 and min(start, end) < j[along] < max(start, end)
                ),
                key=lambda v: direction * v,
            )
            groups: list[list[float]] = []
            for value in on:
                if groups and abs(value - groups[-1][-1]) < 2 * r + 1:
                    groups[-1].append(value)
                else:
                    groups.append([value])
            for group in groups:
                centre = (group[0] + group[-1]) / 2
                half = abs(group[-1] - group[0]) / 2 + r
                for i in range(pieces + 1):
                    angle = math.pi * i / pieces
                    position = centre - direction * half * math.cos(angle)
                    if horizontal:
                        out.append((position, a[1] - r * math.sin(angle)))
                    else:
                        out.append((a[0] + r * math.sin(angle), position))
        out.append(b)
    return tuple(out)
