"""Layout drawing -> DrawingML items in EMU, shared by the XLSX and DOCX writers.

Each symbol becomes a preset flowchart geometry, each arrow a straight connector (glued to its
symbols where it is a plain vertical) or an exact custom-geometry polyline (with the arcs of its line
jumps) and a triangle tail, each label a text box with no line and no fill (white where it covers a
table line). The XML itself is written by `shapes_xml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..layout import style
from ..layout.document import Box, Checkbox, Connector, Label, Page, Shape

EMU_PER_PT = 12700
PRESETS = {
    "terminator": "flowChartTerminator",
    "process": "flowChartProcess",
    "decision": "flowChartDecision",
    "offpage": "flowChartOffpageConnector",
}
TOP, BOTTOM = 0, 2
"""Connection-site indexes of the flowchart presets (0 top, 1 left, 2 bottom, 3 right)."""


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


@dataclass
class Anchor:
    """An XLSX cell anchor: column and row indexes (0-based) with offsets in EMU."""

    from_col: int
    from_col_off: int
    from_row: int
    from_row_off: int
    to_col: int
    to_col_off: int
    to_row: int
    to_row_off: int


@dataclass
class Item:
    id: int
    name: str
    box: Box
    """In the target's coordinate space, points."""
    geometry: str | None = None
    path: list[tuple[int, int]] = field(default_factory=list)
    flip_h: bool = False
    flip_v: bool = False
    straight: bool = False
    fill: bool = True
    line: bool = True
    line_width: int = 9525
    arrow: bool = False
    text: str = ""
    text_size: int = 650
    bold: bool = False
    align: str = "ctr"
    dash: bool = False
    line_color: str = "000000"
    glue_start: tuple[int, int] | None = None
    glue_end: tuple[int, int] | None = None
    anchor: Anchor | None = None

    @property
    def x(self) -> int:
        return emu(self.box.x)

    @property
    def y(self) -> int:
        return emu(self.box.y)

    @property
    def w(self) -> int:
        return emu(self.box.w)

    @property
    def h(self) -> int:
        return emu(self.box.h)


def _connector(
    conn: Connector, ids: dict[str, int], shapes: dict[str, Shape], next_id: int, dx: float, dy: float
) -> Item:
    points = conn.to_tip
    xs = [x + dx for x, _ in points]
    ys = [y + dy for _, y in points]
    box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
    name = f"Panah {conn.source} ke {conn.target}" if conn.head else f"Garis {conn.source} dengan {conn.target}"
    if len(points) == 2:
        (x1, y1), (x2, y2) = conn.points
        item = Item(
            next_id,
            name,
            box,
            geometry="straightConnector1",
            straight=True,
            fill=False,
            arrow=bool(conn.head),
            line_width=emu(style.ARROW_STROKE),
            flip_h=x2 < x1,
            flip_v=y2 < y1,
        )
        src, dst = shapes[conn.source], shapes[conn.target]
        vertical_down = abs(x1 - x2) < 0.01 and y2 > y1
        if vertical_down and abs(src.box.cx - x1) < 0.01 and abs(dst.box.cx - x1) < 0.01:
            item.glue_start = (ids[conn.source], BOTTOM)
            item.glue_end = (ids[conn.target], TOP)
        return item
    origin_x, origin_y = emu(box.x), emu(box.y)
    path = [(emu(x) - origin_x, emu(y) - origin_y) for x, y in zip(xs, ys)]
    return Item(next_id, name, box, path=path, fill=False, arrow=bool(conn.head), line_width=emu(style.ARROW_STROKE))


def emblem_frame(item_id: int, box: Box) -> Item:
    """The dashed frame drawn where the emblem goes when the organisation has none."""
    return Item(
        item_id,
        "Bingkai lambang",
        box,
        geometry="rect",
        fill=False,
        line_width=emu(style.FRAME_STROKE),
        dash=True,
        line_color=style.FRAME_COLOUR,
    )


def checkbox_items(check: Checkbox, first_id: int, dx: float = 0.0, dy: float = 0.0) -> list[Item]:
    """A checkbox as a square and, when ticked, the tick as a polyline, moved by (dx, dy) points."""
    width = emu(style.GRID_STROKE)
    items = [Item(first_id, "Kotak centang", check.box.shifted(dx, dy), geometry="rect", fill=False, line_width=width)]
    if check.tick:
        xs = [x + dx for x, _ in check.tick]
        ys = [y + dy for _, y in check.tick]
        box = Box(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        path = [(emu(x) - emu(box.x), emu(y) - emu(box.y)) for x, y in zip(xs, ys)]
        items.append(Item(first_id + 1, "Tanda centang", box, path=path, fill=False, line_width=width))
    return items


def _label(label: Label, next_id: int, dx: float, dy: float) -> Item:
    return Item(
        next_id,
        f"Label {label.text}",
        label.box.shifted(dx, dy),
        geometry="rect",
        fill=label.ground,
        line=False,
        text=label.text,
        text_size=int(round(label.size * 100)),
        align="l",
    )


def page_items(page: Page, first_id: int, dx: float = 0.0, dy: float = 0.0) -> list[Item]:
    """The page's drawing as items moved by (dx, dy) points: arrows, then symbols, then labels."""
    shapes = {s.id: s for s in page.shapes}
    ids = {shape.id: first_id + index for index, shape in enumerate(page.shapes)}
    next_id = first_id + len(page.shapes)
    arrows = []
    for conn in page.connectors:
        arrows.append(_connector(conn, ids, shapes, next_id, dx, dy))
        next_id += 1
    symbols = [
        Item(
            ids[s.id],
            f"{s.kind} {s.id}",
            s.box.shifted(dx, dy),
            geometry=PRESETS[s.kind],
            line_width=emu(style.SYMBOL_STROKE),
            text=s.text,
            bold=True,
            text_size=int(round(style.LETTER * 100)),
        )
        for s in page.shapes
    ]
    labels = []
    for label in page.labels:
        labels.append(_label(label, next_id, dx, dy))
        next_id += 1
    return arrows + symbols + labels


def renumber(items: list[Item], first_id: int) -> list[Item]:
    """Copies of the items with ids from `first_id` on, glue references following them."""
    mapping = {item.id: first_id + index for index, item in enumerate(items)}
    renumbered = []
    for item in items:
        copy = replace(item, id=mapping[item.id])
        if item.glue_start:
            copy.glue_start = (mapping[item.glue_start[0]], item.glue_start[1])
        if item.glue_end:
            copy.glue_end = (mapping[item.glue_end[0]], item.glue_end[1])
        renumbered.append(copy)
    return renumbered
