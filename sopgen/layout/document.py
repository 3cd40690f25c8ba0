"""The laid-out document: pages of tables and drawings, in points, origin at the page's top left.

Everything a writer needs is here, decided: column widths, row heights, wrapped lines, symbol
boxes, connector polylines, labels. Writers only translate it (PDF y-flip, EMU for OOXML).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle", "bottom"]
ShapeKind = Literal["terminator", "process", "decision", "offpage"]
EdgeKind = Literal["flow", "ya", "tidak", "gabung"]
"""`gabung` is the plain line joining the symbols of one joint step (no arrowhead)."""
TableKind = Literal["identitas", "dasar", "prosedur", "riwayat"]
Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """A rectangle in points: (x, y) is its top left corner on the page."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    @classmethod
    def spanning(cls, a: Point, b: Point) -> Box:
        """The box of an axis-aligned segment from a to b (zero wide or zero tall)."""
        return cls(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)

    def grow(self, margin: float) -> Box:
        return Box(self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def overlaps(self, other: Box) -> bool:
        return self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom

    def contains(self, point: Point, tolerance: float = 0.01) -> bool:
        x, y = point
        return self.x - tolerance <= x <= self.right + tolerance and self.y - tolerance <= y <= self.bottom + tolerance


@dataclass(frozen=True)
class Line:
    """One wrapped line of text placed on the page: `x` is its left edge, `baseline` its base."""

    text: str
    x: float
    baseline: float
    size: float
    bold: bool
    link: str | None = None
    """The number of the SOP this line's text links to."""


@dataclass(frozen=True)
class Para:
    """A paragraph of a cell as written (for writers that flow text themselves)."""

    text: str
    size: float
    bold: bool = False
    align: Align = "left"
    number: str | None = None
    """List label such as `1.`; the text hangs at `indent` points."""
    indent: float = 0.0
    space_before: float = 0.0
    checkbox: bool | None = None
    """A checkbox drawn before the text: None for none, False for empty, True for ticked."""
    link: str | None = None
    """The number of another SOP this paragraph names and links to."""


@dataclass(frozen=True)
class Checkbox:
    """A drawn checkbox: its square, and the tick's polyline when it is ticked."""

    box: Box
    tick: tuple[Point, ...] = ()


@dataclass(frozen=True)
class Cell:
    """A table cell on the sheet's column grid: where it starts and spans, its box, and its text both
    as written (`paras`, for writers whose office program flows text) and as placed (`lines`, for the
    PDF); the two agree because the office programs get the same widths and exact line heights."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box
    paras: tuple[Para, ...] = ()
    lines: tuple[Line, ...] = ()
    align: Align = "left"
    valign: VAlign = "middle"
    fill: str | None = None
    image: Path | None = None
    image_box: Box | None = None
    """Where the emblem goes; an empty frame is drawn there when `image` is None."""
    checkboxes: tuple[Checkbox, ...] = ()
    field: tuple[str | int, ...] = ()
    """Where in the definition the cell's text comes from, e.g. `("judul",)` (empty for fixed labels)."""


@dataclass(frozen=True)
class Row:
    """One table row: its top and height on the page, and the step it shows (body rows)."""

    y: float
    h: float
    kind: Literal["header", "body", "block"]
    step: int | None = None
    repeated: bool = False
    """A header row drawn again on a later page (print titles in XLSX)."""


@dataclass(frozen=True)
class Table:
    """A table of the sheet: the identity header, the legal basis grid, or one page of the flowchart
    (whose first `header_rows` rows are the column headings, repeated on every page)."""

    kind: TableKind
    box: Box
    rows: tuple[Row, ...]
    cells: tuple[Cell, ...]
    header_rows: int = 0


@dataclass(frozen=True)
class TextBlock:
    """Text outside any table: the flowchart's title."""

    box: Box
    paras: tuple[Para, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Spacer:
    """Vertical space between two blocks (an empty row in XLSX, an empty paragraph in DOCX)."""

    box: Box


Block = Table | TextBlock | Spacer


@dataclass(frozen=True)
class Outline:
    """A symbol's edge: a closed polygon, or else its box with corners rounded by `radius` (0: square)."""

    polygon: tuple[Point, ...] = ()
    radius: float = 0.0


@dataclass(frozen=True)
class Shape:
    """A flowchart symbol: a step's symbol in its lanes, or an off-page connector with its letter."""

    id: str
    kind: ShapeKind
    box: Box
    outline: Outline
    step: int | None = None
    text: str = ""
    """The off-page connector's letter, drawn bold at `text_at` (its baseline centre)."""
    text_at: Point | None = None
    lanes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Connector:
    """An arrow: an orthogonal polyline whose shaft stops at `shaft_end`, then the `head` triangle."""

    id: str
    points: tuple[Point, ...]
    shaft_end: Point
    head: tuple[Point, ...]
    """The arrowhead's triangle, tip first; empty for a line with no arrowhead (`gabung`)."""
    source: str
    target: str
    kind: EdgeKind = "flow"
    jumps: tuple[Point, ...] = ()
    """Where this arrow hops over another one with a small arc (the points are on its straight path)."""
    drawn: tuple[Point, ...] = ()
    """The shaft as drawn, from the first point to `shaft_end`, with the arcs of its jumps; empty when
    it has none (then it is `points` up to `shaft_end`)."""

    @property
    def shaft(self) -> tuple[Point, ...]:
        """The polyline a writer draws before the arrowhead."""
        return self.drawn or (*self.points[:-1], self.shaft_end)

    @property
    def head_box(self) -> Box | None:
        """The arrowhead's bounding box; None for a line without one."""
        if not self.head:
            return None
        xs = [p[0] for p in self.head]
        ys = [p[1] for p in self.head]
        return Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

    @property
    def to_tip(self) -> tuple[Point, ...]:
        """The drawn polyline up to the tip, for programs that draw the arrowhead themselves (Office)."""
        return (*self.drawn[:-1], self.points[-1]) if self.drawn else self.points


@dataclass(frozen=True)
class Label:
    """An answer label (Ya / Tidak) beside a decision's exit; `baseline` is where its text starts."""

    box: Box
    text: str
    size: float
    baseline: Point
    ground: bool = False
    """Drawn on a white ground: a narrow lane left no spot clear of its borders, so the label covers
    a lane border or row line (never an arrow or a symbol)."""


@dataclass(frozen=True)
class Link:
    """A clickable area on a sheet that opens another SOP: `target` is its number (the book jumps to its
    sheet), `file` the name of its PDF sheet beside this one."""

    box: Box
    target: str
    file: str


@dataclass
class Page:
    """One printed page: its blocks from top to bottom, and the flowchart drawn over its table
    (symbols, connectors, answer labels); `steps` are the indexes of the steps shown on it."""

    number: int
    width: float
    height: float
    blocks: list[Block] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    steps: list[int] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sheet: str = "SOP"
    """The part of the document the page belongs to, named as the XLSX worksheet that holds it."""
    marks: list[Box] = field(default_factory=list)
    """Change bars in the margin beside rows changed since an earlier version (`sopgen diff --pdf`)."""

    def table(self, kind: str) -> Table | None:
        return next((b for b in self.blocks if isinstance(b, Table) and b.kind == kind), None)

    def shape(self, shape_id: str) -> Shape:
        return next(s for s in self.shapes if s.id == shape_id)


FOOTER = "Halaman {page} dari {pages}"


@dataclass(frozen=True)
class Margins:
    left: float
    top: float
    right: float
    bottom: float
    footer: float
    """Distance from the page's bottom edge to the footer's baseline area."""


@dataclass
class LaidOutDocument:
    """Everything a writer needs, decided: the paper, the column grid every table spans, the lanes,
    the pages, and the document's title, subject and number (for metadata and footers)."""

    paper: str
    width: float
    height: float
    margins: Margins
    columns: tuple[float, ...]
    """Width of every column of the sheet's grid; every table's cells span these columns."""
    lanes: tuple[int, ...]
    """Grid column index of each lane, left to right."""
    pages: list[Page]
    title: str
    subject: str
    number: str
    font_size: float
    footer_size: float

    @property
    def column_edges(self) -> list[float]:
        edges = [self.margins.left]
        for w in self.columns:
            edges.append(edges[-1] + w)
        return edges

    footer: str = FOOTER
    """The page footer's wording, with `{page}` and `{pages}` where the numbers go."""

    def footer_text(self, number: int, total: int | None = None) -> str:
        """The footer of page `number` of `total` (default: this document's page count)."""
        return self.footer.format(page=number, pages=len(self.pages) if total is None else total)
