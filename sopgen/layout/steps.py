"""SopDocument -> the logical step graph: each step's symbol kind and the arrows between steps.

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


def symbol_kind(doc: SopDocument, index: int) -> ShapeKind:
    if index in doc.branches:
        return "decision"
    if index == 0 or index == len(doc.sop.langkah) - 1:
        return "terminator"
    return "process"


def symbol_height(doc: SopDocument, index: int) -> float:
    return style.DECISION_H if index in doc.branches else style.SYMBOL_H


def min_row_height(doc: SopDocument, index: int) -> float:
    return style.snap(symbol_height(doc, index) + 2 * style.ROW_PAD)
