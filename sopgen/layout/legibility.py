"""Measures what makes a laid-out sheet hard to read: answer labels crossed by a line, words split
mid-word, arrows crossing without a jump, arrowheads touching, a lone step on the last page.

Used by the tests (zero is the target for all but crossings) and by `bench/` (crossings per 10 steps).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .document import Box, Cell, Connector, LaidOutDocument, Line, Page, Point, Table, TextBlock
from .jumps import crossing, segments
from .labels import hits_shape

EPS = 0.05
"""A line closer than this to a label's box (points) is taken as touching it."""
HEAD_GAP = 1.0
"""Arrowheads closer than this (points) touch."""


@dataclass
class Legibility:
    """What the checker found; every item is a readable description."""

    crossed_labels: list[str] = field(default_factory=list)
    split_words: list[str] = field(default_factory=list)
    hyphenated: list[str] = field(default_factory=list)
    """Words broken with a hyphen (allowed only where the text is at its smallest size)."""
    crossings: list[str] = field(default_factory=list)
    """Arrows crossing each other with no jump drawn."""
    jumps: int = 0
    """Crossings drawn with a jump."""
    touching_heads: list[str] = field(default_factory=list)
    lone_last_step: list[str] = field(default_factory=list)
    round_terminators: list[str] = field(default_factory=list)
    """Terminators drawn as circles (no wider than tall), which read as another symbol."""
    grounded_labels: int = 0
    """Labels on a white ground over a table line (allowed: no line runs through their text)."""
    steps: int = 0

    @property
    def defects(self) -> list[str]:
        """Everything that must be zero."""
        return (
            self.crossed_labels
            + self.split_words
            + self.crossings
            + self.touching_heads
            + self.lone_last_step
            + self.round_terminators
        )

    @property
    def crossings_per_10_steps(self) -> float:
        return 10 * (len(self.crossings) + self.jumps) / max(self.steps, 1)


Segment = tuple[Point, Point]


def _segments(points: Sequence[Point]) -> list[Segment]:
    return [(a, b) for a, b in zip(points, points[1:]) if a != b]


def drawn_segments(connector: Connector) -> list[Segment]:
    """The shaft as drawn: its points (with the arcs of its jumps) up to where the arrowhead starts."""
    return _segments(connector.shaft)


def _segment_hits_box(segment: Segment, box: Box) -> bool:
    (x1, y1), (x2, y2) = segment
    left, right = min(x1, x2), max(x1, x2)
    top, bottom = min(y1, y2), max(y1, y2)
    return left < box.right - EPS and right > box.x + EPS and top < box.bottom - EPS and bottom > box.y + EPS


def _borders(page: Page, document: LaidOutDocument) -> list[Segment]:
    """The lane borders and row lines of the flowchart table's body on this page."""
    table = page.table("prosedur")
    if table is None:
        return []
    body = [row for row in table.rows if row.kind == "body"]
    if not body:
        return []
    top, bottom = body[0].y, body[-1].y + body[-1].h
    edges = document.column_edges
    lane_edges = sorted({edges[c] for c in document.lanes} | {edges[document.lanes[-1] + 1]})
    lines: list[Segment] = [((x, top), (x, bottom)) for x in lane_edges]
    left, right = lane_edges[0], lane_edges[-1]
    lines += [((left, row.y), (right, row.y)) for row in body] + [((left, bottom), (right, bottom))]
    return lines


def _label_problems(page: Page, document: LaidOutDocument) -> list[str]:
    found = []
    arrows = [(conn.id, seg) for conn in page.connectors for seg in drawn_segments(conn)]
    borders = [("garis tabel", seg) for seg in _borders(page, document)]
    for label in page.labels:
        box = label.box
        for name, segment in arrows + ([] if label.ground else borders):
            if _segment_hits_box(segment, box):
                found.append(f"halaman {page.number}: label {label.text!r} dilintasi {name}")
                break
        for shape in page.shapes:
            if hits_shape(box, shape, -EPS):
                found.append(f"halaman {page.number}: label {label.text!r} menimpa {shape.id}")
        for conn in page.connectors:
            head = conn.head_box
            if head is not None and box.grow(-EPS).overlaps(head):
                found.append(f"halaman {page.number}: label {label.text!r} menimpa kepala panah {conn.id}")
    for i, first in enumerate(page.labels):
        for second in page.labels[i + 1 :]:
            if first.box.grow(-EPS).overlaps(second.box):
                found.append(f"halaman {page.number}: label {first.text!r} menimpa label {second.text!r}")
    return found


WORD = re.compile(r"\S+")


def _pieces(text: str) -> list[str]:
    """Words, where a slash or a dash inside a word also allows a break (`Kabag/Kasubbag`)."""
    return [piece for word in WORD.findall(text) for piece in re.findall(r"[^/\-–]+[/\-–]?|[/\-–]", word)]


def _text_problems(where: str, lines: Sequence[Line], paras: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split and hyphenated words: the words of the lines, joined back, must be the paragraphs' words."""
    split, hyphenated = [], []
    wanted = set()
    for text in paras:
        wanted.update(WORD.findall(text))
        wanted.update(_pieces(text))
    placed = [line.text for line in lines]
    for index, text in enumerate(placed):
        words = WORD.findall(text)
        if not words:
            continue
        last = words[-1]
        if last in wanted or index + 1 >= len(placed):
            continue
        following = WORD.findall(placed[index + 1])
        if not following:
            continue
        if last.endswith("-") and last[:-1] + following[0] in wanted:
            hyphenated.append(f"{where}: {last}{following[0]}")
        elif last + following[0] in wanted or any(w.startswith(last + following[0]) for w in wanted):
            split.append(f"{where}: {last}|{following[0]}")
    return split, hyphenated


def _cell_text(cell: Cell) -> list[str]:
    return [para.text for para in cell.paras]


def _head_problems(page: Page) -> list[str]:
    found = []
    heads = [(conn, conn.head_box) for conn in page.connectors if conn.head_box is not None]
    for i, (first, a) in enumerate(heads):
        for second, b in heads[i + 1 :]:
            if a.grow(HEAD_GAP / 2).overlaps(b.grow(HEAD_GAP / 2)):
                found.append(f"halaman {page.number}: kepala panah {first.id} menyentuh {second.id}")
    return found


def check(document: LaidOutDocument, jumps: Iterable[Point] = ()) -> Legibility:
    """Measure one laid-out sheet."""
    result = Legibility()
    flow_pages = [page for page in document.pages if page.steps]
    result.steps = sum(len(page.steps) for page in flow_pages)
    for page in document.pages:
        result.crossed_labels += _label_problems(page, document)
        result.grounded_labels += sum(1 for label in page.labels if label.ground)
        result.touching_heads += _head_problems(page)
        result.round_terminators += [
            f"halaman {page.number}: {shape.id} berbentuk lingkaran"
            for shape in page.shapes
            if shape.kind == "terminator" and shape.box.w < shape.box.h * 1.2
        ]
        for block in page.blocks:
            if isinstance(block, Table):
                for cell in block.cells:
                    where = f"halaman {page.number}, {block.kind} baris {cell.row + 1} kolom {cell.col + 1}"
                    split, hyphenated = _text_problems(where, cell.lines, _cell_text(cell))
                    result.split_words += split
                    result.hyphenated += hyphenated
            elif isinstance(block, TextBlock):
                split, hyphenated = _text_problems(
                    f"halaman {page.number}, judul", block.lines, [p.text for p in block.paras]
                )
                result.split_words += split
                result.hyphenated += hyphenated
        pieces = [(conn, seg) for conn in page.connectors for seg in segments(conn)]
        for i, (first, a) in enumerate(pieces):
            for second, b in pieces[i + 1 :]:
                if first is second:
                    continue
                found = crossing(a, b)
                if found is None:
                    continue
                point = found[0]
                if any(abs(point[0] - j[0]) < 1 and abs(point[1] - j[1]) < 1 for j in first.jumps + second.jumps):
                    result.jumps += 1
                else:
                    result.crossings.append(f"halaman {page.number}: {first.id} bersilang dengan {second.id}")
    if len(flow_pages) >= 2 and len(flow_pages[-1].steps) == 1 and len(flow_pages[-2].steps) > 2:
        result.lone_last_step.append(f"halaman {flow_pages[-1].number}: langkah terakhir sendirian")
    return result
