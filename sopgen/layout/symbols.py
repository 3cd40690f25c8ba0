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
