"""SopDocument -> the logical step graph: each step's symbols (its links), their kinds, and the arrows.

A step is one symbol in its lane (or one box across adjacent lanes it shares); a chain of actors
(`rangkaian`) is a symbol per link, side by side in the row, with arrows between them; a joint step of
lanes that are not side by side is a symbol per run of adjacent lanes, joined by plain lines.

No geometry here beyond the symbol heights a row must hold: pagination and routing build on this.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..definition.model import SopDocument
from . import style
from .document import EdgeKind, ShapeKind


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    kind: EdgeKind
    label: str = ""
    source_link: int | None = None
    """The link of the source step the arrow leaves; None for the step's exit (its last link)."""
    inner: bool = False
    """An arrow between two links of one step, within its row (to link `source_link + 1`)."""

    @property
    def adjacent(self) -> bool:
        """The step's own arrow to the next step (a chain link's branch to it is routed as a branch)."""
        return self.target == self.source + 1 and not self.inner and self.source_link is None


def links(doc: SopDocument, index: int) -> list[tuple[int, ...]]:
    """The lanes of each symbol of the step, in order: a chain's links as written; a joint step's runs
    of adjacent lanes, the run of its first written lane first."""
    step = doc.sop.langkah[index]
    keys = doc.lanes
    if step.rangkaian:
        return [(keys.index(link.pelaksana),) for link in step.rangkaian]
    lanes = doc.lane_indexes(index)
    runs: list[list[int]] = []
    for lane in lanes:
        if runs and lane == runs[-1][-1] + 1:
            runs[-1].append(lane)
        else:
            runs.append([lane])
    first = keys.index(step.lanes[0]) if step.lanes else lanes[0]
    runs.sort(key=lambda run: first not in run)
    return [tuple(run) for run in runs]


def chained(doc: SopDocument, index: int) -> bool:
    """Are the step's symbols a chain (arrows between them), rather than a joint step (plain lines)?"""
    return bool(doc.sop.langkah[index].rangkaian)


def exit_link(doc: SopDocument, index: int) -> int:
    """The symbol the step's arrows leave from: a chain's last link, else its first symbol."""
    return len(links(doc, index)) - 1 if chained(doc, index) else 0


def edges_of(doc: SopDocument) -> list[Edge]:
    """Every arrow of the flow: within a chain, a chain link's `Tidak`, then the next step or a
    decision's two answers."""
    found = []
    count = len(doc.sop.langkah)
    for index in range(count):
        if chained(doc, index):
            for link in range(len(links(doc, index)) - 1):
                inner = doc.chains.get((index, link))
                if inner is not None:
                    found.append(Edge(index, index, "ya", inner.label_ya, link, inner=True))
                    found.append(Edge(index, inner.tidak, "tidak", inner.label_tidak, link))
                else:
                    found.append(Edge(index, index, "flow", "", link, inner=True))
        branch = doc.branches.get(index)
        if branch:
            found.append(Edge(index, branch.ya, "ya", branch.label_ya))
            found.append(Edge(index, branch.tidak, "tidak", branch.label_tidak))
        elif index < count - 1:
            found.append(Edge(index, index + 1, "flow"))
    return found


def symbol_kind(doc: SopDocument, index: int, link: int = 0) -> ShapeKind:
    """A decision, a terminator (the first and the last step: a chain's first and last link), or a
    process; every symbol of a joint step has the step's kind."""
    last = len(doc.sop.langkah) - 1
    if not chained(doc, index):
        if index in doc.branches:
            return "decision"
        return "terminator" if index in (0, last) else "process"
    final = len(links(doc, index)) - 1
    if (index, link) in doc.chains or (link == final and index in doc.branches):
        return "decision"
    if (index == 0 and link == 0) or (index == last and link == final):
        return "terminator"
    return "process"


def symbol_height(doc: SopDocument, index: int) -> float:
    """The height of the step's tallest symbol (a decision is taller)."""
    count = len(links(doc, index))
    decides = any(symbol_kind(doc, index, link) == "decision" for link in range(count))
    return style.DECISION_H if decides else style.SYMBOL_H


def min_row_height(doc: SopDocument, index: int) -> float:
    return style.snap(symbol_height(doc, index) + 2 * style.ROW_PAD)
