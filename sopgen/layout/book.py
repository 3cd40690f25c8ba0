"""The SOP book's layout, in points, origin at each page's top left like the sheets.

The parts come in the order Permenpan RB 35/2012 lists them: the cover (halaman judul); the decree
enacting the SOPs (the signed PDF's pages bound as they are, or the draft's own pages marked DRAF);
the contents, which also record each SOP's current revision; the explanation (penjelasan singkat
penggunaan: scope, summary, definitions, the symbols legend, how to read a sheet); the sheets; the
index of actors. Page numbers and bookmarks run through all of them.

The draft decree is laid out here too (`layout_decree`): as pages of placed lines for the PDF and the
book, and as paragraphs with their indents and tab stops for Word, which flows the text itself.

The book writer (`writers/book_pdf.py`) draws this as it is, and the sheets with the sheet painter.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .. import fontmetrics
from ..dates import tanggal
from ..definition.model import SopDocument
from . import style
from .document import Align, Box, Connector, LaidOutDocument, Margins, Point, Shape, ShapeKind
from .paper import MARGINS, page_size
from .symbols import arrowhead, letter_baseline, offpage_box, outline
from .tables import HEADER_FILL

TITLE = "Buku Standar Operasional Prosedur Administrasi Pemerintahan"
"""The book's document title when the cover keeps the standard title."""
TITLE_LINES = ("BUKU", "STANDAR OPERASIONAL PROSEDUR", "ADMINISTRASI PEMERINTAHAN")
"""The cover's standard title, line by line."""
TITLE_SIZE = 20.0
TITLE_ROW = 28.0
COVER_SIDE = 60.0
"""Room kept free at each side of the cover's lines."""
EMBLEM = 80.0
FOOTER_SIZE = 7.5

TOC_ROWS = 24
"""Entries on one contents page."""
TOC_SIZE = 9.0
TOC_ROW = 17.0

HEADING_SIZE = 14.0
HEADING_BASELINE = 70.0
"""Where the title of a part the book draws stands (DAFTAR ISI, PENJELASAN ..., INDEKS ...)."""
CONTENT_TOP = 100.0
SIDE = 40.0
"""Room beside the content of the book's own pages, inside the sheet margins."""
BODY_SIZE = 9.5
BODY_LEADING = 12.5
SECTION_SIZE = 11.0
CELL_PAD = 4.0
RULE = style.GRID_STROKE
STAMP_SIZE = 9.0
WATERMARK_SIZE = 90.0
WATERMARK_GREY = 0.88
WATERMARK_ANGLE = 35.0

DECREE_SIZE = 12.0
DECREE_LEADING = 15.0
DECREE_MARGINS = Margins(left=85.0, top=57.0, right=57.0, bottom=71.0, footer=MARGINS.footer)
"""The decree's page (portrait): 3 cm at the binding edge, 2 cm elsewhere, room below for numbers."""
DECREE_GAP = 6.0
"""Between a label (Menimbang), its colon, its mark (a.) and its text."""
ASIDE_AT = 0.5
"""Where the signature and the attachment's heading start, as a share of the text width."""
CENTRED_SIDE = 0.05
"""Room kept at each side of a centred decree line, as a share of the text width."""

KEY_COVER = "sampul"
KEY_DECREE = "keputusan"
KEY_CONTENTS = "daftar-isi"
KEY_EXPLANATION = "penjelasan"
KEY_SHEETS = "lembar-sop"
KEY_INDEX = "indeks-pelaksana"

PART_DECREE = "Keputusan Pimpinan"
PART_CONTENTS = "Daftar Isi"
PART_EXPLANATION = "Penjelasan Singkat Penggunaan"
PART_SHEETS = "Standar Operasional Prosedur"
PART_INDEX = "Indeks Pelaksana"
DRAFT = "DRAF"
REVOKED = "TIDAK BERLAKU"


# ---------------------------------------------------------------------------------------------------
# What the writer draws


@dataclass(frozen=True)
class Text:
    """One line of text: `x` is its left edge, centre or right edge, as `align` says."""

    x: float
    baseline: float
    text: str
    size: float
    bold: bool = False
    align: Align = "left"
    grey: float = 0.0
    """0 is black; 0.5 is the grey of the contents' dot leaders."""
    angle: float = 0.0
    """Degrees, anticlockwise about (x, baseline): the watermark."""


@dataclass(frozen=True)
class Link:
    """A clickable area that jumps to a bookmark."""

    box: Box
    target: str


@dataclass(frozen=True)
class Rule:
    """A straight line (a table's border)."""

    start: Point
    end: Point
    width: float = RULE


@dataclass
class DrawnPage:
    """A page the book draws itself: cover, decree draft, contents, explanation, index."""

    width: float
    height: float
    texts: list[Text] = field(default_factory=list)
    under: list[Text] = field(default_factory=list)
    """Drawn first, beneath everything: a watermark."""
    links: list[Link] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    fills: list[tuple[Box, str]] = field(default_factory=list)
    """Shaded boxes (a table's header row) and their RGB colour, drawn beneath the rules."""
    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    emblem: Box | None = None
    image: Path | None = None
    """The emblem picture in `emblem`; None draws the empty frame there."""
    anchors: list[str] = field(default_factory=list)
    """Bookmarks (link and outline targets) on this page."""


@dataclass(frozen=True)
class BoundPage:
    """A page of the signed decree, bound as it is: page `index` (0-based) of `source`, under the
    book's page number. `width` and `height` are the page as it shows (its rotation applied)."""

    source: Path
    index: int
    width: float
    height: float
    footer: Text
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class BookChapter:
    """One SOP's sheets in the book: its bookmark, outline entry, and the number of its first page."""

    key: str
    outline: str
    first_page: int
    sheet: LaidOutDocument
    status: str | None = None
    """The status of an SOP no longer in force (`dicabut`, `digantikan oleh ...`); None when in force."""


@dataclass(frozen=True)
class SheetPage:
    """Page `offset` of a chapter's sheet; `marks` are drawn beneath it (an SOP no longer in force)."""

    chapter: BookChapter
    offset: int
    anchors: tuple[str, ...] = ()
    marks: tuple[Text, ...] = ()

    @property
    def width(self) -> float:
        return self.chapter.sheet.width

    @property
    def height(self) -> float:
        return self.chapter.sheet.height


BookPage = DrawnPage | BoundPage | SheetPage


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    key: str
    level: int = 0


@dataclass
class BookLayout:
    width: float
    height: float
    title: str
    pages: list[BookPage]
    outline: list[OutlineEntry]
    chapters: list[BookChapter]
    total: int
    footer: str
    """The sheets' footer wording, with `{page}` and `{pages}`: page numbers run through the book."""
    parts: dict[str, int] = field(default_factory=dict)
    """The first page number of each part, by its bookmark."""

    def footer_text(self, number: int) -> str:
        return self.footer.format(page=number, pages=self.total)

    @property
    def sop_bookmarks(self) -> dict[str, str]:
        """Each bound SOP's number -> its bookmark: a sheet's link to another SOP jumps inside the book."""
        return {chapter.sheet.number: chapter.key for chapter in self.chapters}

    @property
    def front(self) -> list[DrawnPage]:
        """The pages the book draws itself, in order."""
        return [page for page in self.pages if isinstance(page, DrawnPage)]


# ---------------------------------------------------------------------------------------------------
# What the other parts say (the workflow composes it from the files beside the definitions)


@dataclass(frozen=True)
class Centred:
    """A decree line centred on the page (wrapped when too wide): the title, MEMUTUSKAN."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Gap:
    lines: float = 1.0


@dataclass(frozen=True)
class Item:
    """`Menimbang : a. bahwa ...`: a label (empty on the label's next items), a mark, a hanging text."""

    label: str
    mark: str
    text: str


@dataclass(frozen=True)
class Plain:
    """A paragraph at the left margin, with an optional mark (the copies' list)."""

    text: str
    mark: str = ""
    bold: bool = False


@dataclass(frozen=True)
class Aside:
    """Lines in the right half of the page, kept on one page: the signature, the attachment's heading.
    Each is (text, bold); an empty text is an empty line."""

    lines: tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Listing:
    """A bordered table: the attachment listing the SOPs."""

    columns: tuple[str, ...]
    shares: tuple[float, ...]
    aligns: tuple[Align, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class NewPage:
    pass


DecreeBlock = Centred | Gap | Item | Plain | Aside | Listing | NewPage


@dataclass(frozen=True)
class Section:
    """A heading of the explanation, with its own bookmark."""

    title: str


@dataclass(frozen=True)
class Subheading:
    title: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Glossary:
    """Terms and what they mean, as a two-column table."""

    captions: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


LegendKind = Literal["terminator", "process", "decision", "arrow", "offpage"]


@dataclass(frozen=True)
class Legend:
    """The flowchart's symbols, each drawn as on the sheets, with its name and meaning."""

    captions: tuple[str, str, str]
    rows: tuple[tuple[LegendKind, str, str], ...]


@dataclass(frozen=True)
class Steps:
    """A numbered list."""

    items: tuple[str, ...]


ExplanationBlock = Section | Subheading | Paragraph | Glossary | Legend | Steps


@dataclass(frozen=True)
class Explanation:
    title: str
    blocks: tuple[ExplanationBlock, ...]


@dataclass(frozen=True)
class SignedDecree:
    """The signed decree's PDF: its pages' sizes as they show."""

    source: Path
    sizes: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class WordPara:
    """A paragraph of the decree as Word flows it: runs (text, bold) where `\\t` jumps to the next tab
    stop and `\\n` breaks the line, the indents (left, right, the hanging first line), tab stops
    (from the left margin), the exact line height; `keep_lines` keeps it on one page."""

    runs: tuple[tuple[str, bool], ...]
    align: Align = "left"
    left: float = 0.0
    right: float = 0.0
    hanging: float = 0.0
    tabs: tuple[float, ...] = ()
    line: float = DECREE_LEADING
    """The exact height of each line."""
    keep_next: bool = False
    keep_lines: bool = False
    page_break: bool = False


@dataclass(frozen=True)
class WordTable:
    widths: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    aligns: tuple[Align, ...]
    pad: float
    page_break: bool = False


@dataclass
class DecreeLayout:
    """The draft decree: its pages (PDF, book) and its paragraphs (Word)."""

    width: float
    height: float
    margins: Margins
    size: float
    leading: float
    title: str
    pages: list[DrawnPage]
    body: list[WordPara | WordTable]
    page_label: str = "- {page} -"
    """Printed at the top centre of every page after the first."""
    label_baseline: float = 40.0


# ---------------------------------------------------------------------------------------------------
# Small helpers


def _baseline(top: float, leading: float, size: float) -> float:
    """The baseline of a line of text in a line box `leading` tall starting at `top`."""
    return top + (leading - size) / 2 + size * 0.86


def _fitted(text: str, limit: float, size: float = TOC_SIZE, bold: bool = False) -> str:
    while fontmetrics.width(text, size, bold) > limit and len(text) > 4:
        text = text[:-4] + "..."
    return text


def short_date(day: dt.date) -> str:
    """`2 Mei 2018` (`Agustus 2023` for a date known only to its month)."""
    return tanggal(day, weekday=False)


def ranges(numbers: Sequence[int]) -> str:
    """`1, 3, 5–7` (an en dash between the ends of a run) for the distinct numbers, sorted."""
    runs: list[list[int]] = []
    for value in sorted(set(numbers)):
        if runs and value == runs[-1][1] + 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return ", ".join(str(a) if a == b else f"{a}\u2013{b}" for a, b in runs)


def _footer(width: float, height: float, wording: str) -> Text:
    return Text(width - MARGINS.right, height - MARGINS.footer, wording, FOOTER_SIZE, align="right")


def _watermark(width: float, height: float, text: str) -> Text:
    """Large light text across the page's centre, rising to the right."""
    turn = math.radians(WATERMARK_ANGLE)
    middle = WATERMARK_SIZE * 0.35  # from the baseline to the middle of capitals
    return Text(
        width / 2 + math.sin(turn) * middle,
        height / 2 + math.cos(turn) * middle,
        text,
        WATERMARK_SIZE,
        True,
        "center",
        WATERMARK_GREY,
        WATERMARK_ANGLE,
    )


# ---------------------------------------------------------------------------------------------------
# Cover


def _cover(documents: Sequence[SopDocument], year: int, title: Sequence[str], width: float, height: float) -> DrawnPage:
    first = documents[0]
    page = DrawnPage(width, height, emblem=Box(width / 2 - EMBLEM / 2, 90, EMBLEM, EMBLEM), image=first.logo_path)
    centre = width / 2
    room = width - 2 * COVER_SIDE
    y = 210.0
    for line in title:
        size = min(TITLE_SIZE, TITLE_SIZE * room / max(fontmetrics.width(line, TITLE_SIZE, True), 1.0))
        page.texts.append(Text(centre, y, line, round(size, 2), True, "center"))
        y += TITLE_ROW
    y += 36
    units = Counter(tuple(d.sop.unit) for d in documents).most_common(1)[0][0]
    for line in list(units[1:] or units) + list(first.instansi):
        page.texts.append(Text(centre, y, line, 13, True, "center"))
        y += 18
    page.texts.append(Text(centre, y + 30, f"TAHUN {year}", 14, True, "center"))
    page.anchors.append(KEY_COVER)
    return page


# ---------------------------------------------------------------------------------------------------
# Contents


@dataclass(frozen=True)
class _Entry:
    """A line of the contents: a part (bold, no number) or an SOP with its current revision."""

    title: str
    target: str
    part: bool = False
    number: str = ""
    nomor: str = ""
    revision: str = ""
    revised: str = ""
    status: str | None = None


def contents_pages(count: int, parts: int = 0) -> int:
    """Pages the contents need for `count` SOPs and `parts` other entries (decree, explanation, the
    sheets' heading, index)."""
    return max(1, -(-(count + parts) // TOC_ROWS))


def _revision(document: SopDocument) -> tuple[str, str]:
    """The current revision's number (its place in the list when `ke` is not written) and date."""
    sop = document.sop
    last = sop.revisi_terakhir
    if last is None:
        return "0", "-"
    return str(last.ke if last.ke is not None else len(sop.revisi)), short_date(last.tanggal)


def _contents(
    entries: Sequence[_Entry],
    pages_of: dict[str, int],
    first_number: int,
    size: tuple[float, float],
    total_footer: Callable[[int], str],
) -> list[DrawnPage]:
    width, height = size
    left, right = MARGINS.left + SIDE, width - MARGINS.right - SIDE
    page_col = 40.0
    date_x = right - page_col - 100
    revision_x = date_x - 30
    title_x = left + 200
    pages = []
    captions: tuple[tuple[float, str, Align], ...] = (
        (left, "No.", "left"),
        (left + 30, "Nomor SOP", "left"),
        (title_x, "Judul SOP", "left"),
        (revision_x, "Revisi ke", "center"),
        (date_x, "Tanggal Revisi", "left"),
        (right, "Halaman", "right"),
    )
    for page_index in range(contents_pages(len(entries))):
        page = DrawnPage(width, height)
        if page_index == 0:
            page.anchors.append(KEY_CONTENTS)
        page.texts.append(Text(width / 2, HEADING_BASELINE, "DAFTAR ISI", HEADING_SIZE, True, "center"))
        y = 110.0
        for x, caption, align in captions:
            page.texts.append(Text(x, y, caption, TOC_SIZE, True, align))
        y += 20
        for entry in entries[page_index * TOC_ROWS : (page_index + 1) * TOC_ROWS]:
            number = str(pages_of[entry.target])
            if entry.part:
                start, lead_to = left, right - fontmetrics.width(number, TOC_SIZE) - 4
                title = _fitted(entry.title, lead_to - 40 - start, TOC_SIZE, True)
                page.texts.append(Text(start, y, title, TOC_SIZE, True))
                dots_from = start + fontmetrics.width(title, TOC_SIZE, True) + 4
            else:
                note = f" ({REVOKED}: {entry.status})" if entry.status else ""
                lead_to = revision_x - 30
                title = _fitted(entry.title + note, lead_to - 20 - title_x)
                page.texts.append(Text(left, y, entry.number, TOC_SIZE))
                page.texts.append(Text(left + 30, y, entry.nomor[:40], TOC_SIZE))
                page.texts.append(Text(title_x, y, title, TOC_SIZE))
                page.texts.append(Text(revision_x, y, entry.revision, TOC_SIZE, align="center"))
                page.texts.append(Text(date_x, y, entry.revised, TOC_SIZE))
                dots_from = title_x + fontmetrics.width(title, TOC_SIZE) + 4
            dots = "." * max(0, int((lead_to - dots_from) / fontmetrics.width(".", TOC_SIZE)))
            page.texts.append(Text(dots_from, y, dots, TOC_SIZE, grey=0.5))
            page.texts.append(Text(right, y, number, TOC_SIZE, align="right"))
            page.links.append(Link(Box(left, y - 10, right - left, 13), entry.target))
            y += TOC_ROW
        page.texts.append(_footer(width, height, total_footer(first_number + page_index)))
        pages.append(page)
    return pages


# ---------------------------------------------------------------------------------------------------
# Pages of flowing content: the explanation and the index


@dataclass(frozen=True)
class _Column:
    x: float
    w: float
    align: Align = "left"


@dataclass
class _Cell:
    lines: list[str]
    bold: bool = False
    symbol: LegendKind | None = None


class _Flow:
    """Content placed top-down on the book's own (landscape) pages; a new page when a piece does not fit."""

    def __init__(self, width: float, height: float, heading: str, anchor: str) -> None:
        self.width, self.height = width, height
        self.left = MARGINS.left + SIDE
        self.right = width - MARGINS.right - SIDE
        self.bottom = height - MARGINS.bottom - 12
        self.heading = heading
        self.pages: list[DrawnPage] = []
        self.y = 0.0
        self.new_page()
        self.pages[0].anchors.append(anchor)

    @property
    def page(self) -> DrawnPage:
        return self.pages[-1]

    def new_page(self) -> None:
        page = DrawnPage(self.width, self.height)
        caption = self.heading if not self.pages else f"{self.heading} (lanjutan)"
        page.texts.append(Text(self.width / 2, HEADING_BASELINE, caption, HEADING_SIZE, True, "center"))
        self.pages.append(page)
        self.y = CONTENT_TOP

    def fits(self, height: float) -> bool:
        return self.y + height <= self.bottom

    def need(self, height: float) -> bool:
        """Start a new page unless `height` fits; True when it did."""
        if not self.fits(height) and self.y > CONTENT_TOP:
            self.new_page()
            return True
        return False

    def lines(self, lines: Sequence[str], x: float, size: float, leading: float, bold: bool = False) -> None:
        for line in lines:
            self.need(leading)
            if line:
                self.page.texts.append(Text(x, _baseline(self.y, leading, size), line, size, bold))
            self.y += leading

    # -- tables

    def row_height(self, cells: Sequence[_Cell]) -> float:
        tallest = 0.0
        for cell in cells:
            if cell.symbol is not None:
                tallest = max(tallest, style.DECISION_H + 2 * CELL_PAD)
            tallest = max(tallest, len(cell.lines) * BODY_LEADING + 2 * CELL_PAD)
        return tallest

    def row(
        self, columns: Sequence[_Column], cells: Sequence[_Cell], top_from: int = 0, fill: str | None = None
    ) -> Box:
        """Draw a table row at the cursor (the caller made room); its top rule starts at column
        `top_from` (a group's later rows leave the first column open)."""
        height = self.row_height(cells)
        page, y = self.page, self.y
        left, right = columns[0].x, columns[-1].x + columns[-1].w
        if fill is not None:
            page.fills.append((Box(left, y, right - left, height), fill))
        page.rules.append(Rule((columns[top_from].x, y), (right, y)))
        page.rules.append(Rule((left, y + height), (right, y + height)))
        for column in columns:
            page.rules.append(Rule((column.x, y), (column.x, y + height)))
        page.rules.append(Rule((right, y), (right, y + height)))
        middle = any(cell.symbol is not None for cell in cells)  # the legend: texts beside the symbol's middle
        for column, cell in zip(columns, cells):
            if cell.symbol is not None:
                self._symbol(cell.symbol, Box(column.x, y, column.w, height))
            top = y + (height - len(cell.lines) * BODY_LEADING) / 2 if middle else y + CELL_PAD
            for index, line in enumerate(cell.lines):
                baseline = _baseline(top + index * BODY_LEADING, BODY_LEADING, BODY_SIZE)
                if column.align == "center":
                    x = column.x + column.w / 2
                elif column.align == "right":
                    x = column.x + column.w - CELL_PAD
                else:
                    x = column.x + CELL_PAD
                page.texts.append(Text(x, baseline, line, BODY_SIZE, cell.bold, column.align))
        self.y += height
        return Box(left, y, right - left, height)

    def _symbol(self, kind: LegendKind, cell: Box) -> None:
        """A legend symbol centred in its cell, with the sheets' sizes and outlines."""
        cx, cy = cell.cx, cell.cy
        number = len(self.page.shapes) + len(self.page.connectors) + 1
        if kind == "arrow":
            half = style.SYMBOL_W_MAX / 2
            points: tuple[Point, ...] = ((cx - half, cy), (cx + half, cy))
            shaft_end, head = arrowhead(points)
            self.page.connectors.append(Connector(f"legenda-{number}", points, shaft_end, head, "", ""))
            return
        if kind == "offpage":
            box = offpage_box(cx, cy)
            shape_kind: ShapeKind = "offpage"
            self.page.shapes.append(
                Shape(
                    f"legenda-{number}",
                    shape_kind,
                    box,
                    outline(shape_kind, box),
                    text="A",
                    text_at=letter_baseline(box),
                )
            )
            return
        h = style.DECISION_H if kind == "decision" else style.SYMBOL_H
        box = Box(cx - style.SYMBOL_W_MAX / 2, cy - h / 2, style.SYMBOL_W_MAX, h)
        self.page.shapes.append(Shape(f"legenda-{number}", kind, box, outline(kind, box)))

    def table(
        self,
        columns: Sequence[_Column],
        header: Sequence[str],
        rows: Sequence[Sequence[_Cell]],
        groups: Sequence[int] = (),
        on_row: Callable[[int, Box], None] | None = None,
    ) -> None:
        """A bordered table with its header repeated on every page it runs onto. `groups` holds, per
        row, the index of the row that starts its group: a group's first cell shows once per page."""
        head = [_Cell([caption], True) for caption in header]
        head_height = self.row_height(head)
        self.need(head_height + (self.row_height(rows[0]) if rows else 0))
        self.row(columns, head, fill=HEADER_FILL)
        for index, cells in enumerate(rows):
            if self.need(self.row_height(cells)):
                self.row(columns, head, fill=HEADER_FILL)
                continued = True
            else:
                continued = False
            group_start = groups[index] if groups else index
            cells = list(cells)
            top_from = 0
            if group_start != index:
                if continued:
                    cells[0] = replace(cells[0], lines=cells[0].lines[:1])
                else:
                    cells[0] = _Cell([])
                    top_from = 1
            box = self.row(columns, cells, top_from)
            if on_row is not None:
                on_row(index, box)


def _wrap(text: str, width: float, bold: bool = False) -> list[str]:
    return fontmetrics.wrap(text, width - 2 * CELL_PAD - style.WRAP_SLACK, BODY_SIZE, bold)


def _explanation_pages(
    explanation: Explanation, width: float, height: float
) -> tuple[list[DrawnPage], list[OutlineEntry]]:
    flow = _Flow(width, height, explanation.title.upper(), KEY_EXPLANATION)
    outline_entries = [OutlineEntry(explanation.title, KEY_EXPLANATION)]
    text_width = flow.right - flow.left
    sections = 0
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    blocks = explanation.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Section):
            key = f"{KEY_EXPLANATION}-{sections + 1}"
            caption = f"{letters[sections % 26]}. {block.title}"
            sections += 1
            follow = blocks[index + 1] if index + 1 < len(blocks) else None
            flow.need(SECTION_SIZE * 2 + (3 * BODY_LEADING if follow is not None else 0))
            if flow.y > CONTENT_TOP:
                flow.y += BODY_LEADING * 0.6
            flow.page.anchors.append(key)
            flow.page.texts.append(
                Text(flow.left, _baseline(flow.y, SECTION_SIZE * 1.6, SECTION_SIZE), caption, SECTION_SIZE, True)
            )
            flow.y += SECTION_SIZE * 1.6 + 2
            outline_entries.append(OutlineEntry(block.title, key, 1))
        elif isinstance(block, Subheading):
            flow.need(BODY_LEADING * 4)
            flow.y += BODY_LEADING * 0.3
            flow.lines([block.title], flow.left, BODY_SIZE, BODY_LEADING, True)
        elif isinstance(block, Paragraph):
            indent = 12.0 if block.bullet else 0.0
            lines = fontmetrics.wrap(block.text, text_width - indent - style.WRAP_SLACK, BODY_SIZE)
            if block.bullet:
                flow.need(BODY_LEADING)
                flow.page.texts.append(Text(flow.left, _baseline(flow.y, BODY_LEADING, BODY_SIZE), "\u2022", BODY_SIZE))
            flow.lines(lines, flow.left + indent, BODY_SIZE, BODY_LEADING)
            flow.y += BODY_LEADING * 0.35
        elif isinstance(block, Steps):
            indent = fontmetrics.width(f"{len(block.items)}.", BODY_SIZE) + 6
            for number, item in enumerate(block.items, 1):
                lines = fontmetrics.wrap(item, text_width - indent - style.WRAP_SLACK, BODY_SIZE)
                flow.need(BODY_LEADING * min(len(lines), 2))
                flow.page.texts.append(
                    Text(flow.left, _baseline(flow.y, BODY_LEADING, BODY_SIZE), f"{number}.", BODY_SIZE)
                )
                flow.lines(lines, flow.left + indent, BODY_SIZE, BODY_LEADING)
                flow.y += BODY_LEADING * 0.25
        elif isinstance(block, Glossary):
            term = min(220.0, text_width * 0.3)
            columns = [_Column(flow.left, term), _Column(flow.left + term, text_width - term)]
            rows = [[_Cell(_wrap(a, term, True), True), _Cell(_wrap(b, text_width - term))] for a, b in block.rows]
            if rows:
                flow.table(columns, block.captions, rows)
            flow.y += BODY_LEADING * 0.6
        elif isinstance(block, Legend):
            symbol, name = 110.0, 200.0
            columns = [
                _Column(flow.left, symbol, "center"),
                _Column(flow.left + symbol, name),
                _Column(flow.left + symbol + name, text_width - symbol - name),
            ]
            rows = [
                [_Cell([], symbol=kind), _Cell(_wrap(label, name, True), True), _Cell(_wrap(meaning, columns[2].w))]
                for kind, label, meaning in block.rows
            ]
            flow.table(columns, block.captions, rows)
            flow.y += BODY_LEADING * 0.6
    return flow.pages, outline_entries


@dataclass(frozen=True)
class _Act:
    """One SOP a lane acts in: its steps (1-based) and the pages they are on."""

    chapter: int
    steps: tuple[int, ...]
    offsets: tuple[int, ...]


def lane_index(documents: Sequence[SopDocument], sheets: Sequence[LaidOutDocument]) -> list[tuple[str, list[_Act]]]:
    """Every lane name (as printed, whitespace tidied; names equal but for case are one), in
    alphabetical order, with the SOPs and steps it acts in; joint steps count for each of their lanes."""
    names: dict[str, str] = {}
    acts: dict[str, list[_Act]] = {}
    for number, (document, sheet) in enumerate(zip(documents, sheets)):
        page_of = {step: offset for offset, page in enumerate(sheet.pages) for step in page.steps}
        by_lane: dict[str, list[int]] = {}
        for step, langkah in enumerate(document.sop.langkah):
            for lane in langkah.lanes:
                printed = " ".join(document.sop.pelaksana[lane].split())
                key = printed.casefold()
                names.setdefault(key, printed)
                by_lane.setdefault(key, [])
                if step not in by_lane[key]:
                    by_lane[key].append(step)
        for key, steps in by_lane.items():
            offsets = sorted({page_of.get(step, 0) for step in steps})
            acts.setdefault(key, []).append(_Act(number, tuple(s + 1 for s in steps), tuple(offsets)))
    return [(names[key], acts[key]) for key in sorted(names, key=lambda k: (k, names[k]))]


def _index_pages(
    documents: Sequence[SopDocument],
    chapters: Sequence[BookChapter],
    width: float,
    height: float,
    revoked: bool = False,
) -> list[DrawnPage]:
    """The index of actors over these (in force) SOPs; `revoked`: the book also binds SOPs no longer
    in force, which the index leaves out (and says so)."""
    flow = _Flow(width, height, PART_INDEX.upper(), KEY_INDEX)
    text_width = flow.right - flow.left
    intro = (
        "Setiap pelaksana (lajur) dengan SOP dan nomor langkah yang dilaksanakannya, urut abjad. Klik sebuah baris "
        "untuk menuju halaman langkahnya."
    )
    if revoked:
        intro += f" SOP yang {REVOKED.lower()} tidak dimuat di indeks ini."
    flow.lines(fontmetrics.wrap(intro, text_width, BODY_SIZE), flow.left, BODY_SIZE, BODY_LEADING)
    flow.y += BODY_LEADING * 0.6
    widths = (170.0, 150.0, 0.0, 110.0, 55.0)
    title_w = text_width - sum(widths)
    xs = [flow.left]
    for w in (170.0, 150.0, title_w, 110.0):
        xs.append(xs[-1] + w)
    columns = [
        _Column(xs[0], 170.0),
        _Column(xs[1], 150.0),
        _Column(xs[2], title_w),
        _Column(xs[3], 110.0),
        _Column(xs[4], 55.0, "center"),
    ]
    rows: list[list[_Cell]] = []
    groups: list[int] = []
    targets: list[str] = []
    for name, acts in lane_index([documents[c] for c in range(len(chapters))], [c.sheet for c in chapters]):
        start = len(rows)
        for act in acts:
            chapter = chapters[act.chapter]
            sop = documents[act.chapter].sop
            pages = [chapter.first_page + offset for offset in act.offsets]
            rows.append(
                [
                    _Cell(_wrap(name, columns[0].w, True), True),
                    _Cell(_wrap(sop.nomor, columns[1].w)),
                    _Cell(_wrap(sop.flow_title, columns[2].w)),
                    _Cell(_wrap(ranges(act.steps), columns[3].w)),
                    _Cell([ranges(pages)]),
                ]
            )
            groups.append(start)
            targets.append(f"{chapter.key}-h{act.offsets[0] + 1}")

    def link(index: int, box: Box) -> None:
        flow.page.links.append(Link(Box(columns[1].x, box.y, box.right - columns[1].x, box.h), targets[index]))

    if rows:
        flow.table(columns, ("Pelaksana", "Nomor SOP", "Judul SOP", "Langkah ke", "Halaman"), rows, groups, link)
    else:
        flow.lines(["Tidak ada SOP yang berlaku dalam buku ini."], flow.left, BODY_SIZE, BODY_LEADING, True)
    return flow.pages


# ---------------------------------------------------------------------------------------------------
# The decree


def decree_size(paper: str) -> tuple[float, float]:
    """The decree's page: the paper of the sheets, upright."""
    width, height = page_size(paper)
    return min(width, height), max(width, height)


class _DecreeFlow:
    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        m = DECREE_MARGINS
        self.left, self.right = m.left, width - m.right
        self.top, self.bottom = m.top, height - m.bottom
        self.pages: list[DrawnPage] = []
        self.new_page()

    @property
    def page(self) -> DrawnPage:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append(DrawnPage(self.width, self.height))
        self.y = self.top

    def need(self, height: float) -> bool:
        if self.y + height > self.bottom + 0.01 and self.y > self.top:
            self.new_page()
            return True
        return False

    def text(self, x: float, text: str, bold: bool = False, align: Align = "left") -> None:
        self.page.texts.append(Text(x, _baseline(self.y, DECREE_LEADING, DECREE_SIZE), text, DECREE_SIZE, bold, align))


def _item_columns(blocks: Sequence[DecreeBlock]) -> tuple[float, float, float]:
    """Offsets from the left margin of the colon, the mark and the marked text of every Item."""
    labels = [b.label for b in blocks if isinstance(b, Item)] or [""]
    marks = [b.mark for b in blocks if isinstance(b, Item) and b.mark] or [""]
    colon = max(fontmetrics.width(label, DECREE_SIZE) for label in labels) + DECREE_GAP
    mark = colon + fontmetrics.width(":", DECREE_SIZE) + DECREE_GAP
    text = mark + max(fontmetrics.width(m, DECREE_SIZE) for m in marks) + DECREE_GAP
    return round(colon, 1), round(mark, 1), round(text, 1)


def layout_decree(blocks: Sequence[DecreeBlock], paper: str, title: str) -> DecreeLayout:
    """The draft decree on upright pages of `paper`: lines placed for the PDF, paragraphs for Word."""
    width, height = decree_size(paper)
    flow = _DecreeFlow(width, height)
    text_width = flow.right - flow.left
    colon, mark_at, text_at = _item_columns(blocks)
    aside = round(text_width * ASIDE_AT, 1)
    slack = style.WRAP_SLACK
    body: list[WordPara | WordTable] = []
    page_break = False
    lead = DECREE_LEADING

    def wrap(text: str, limit: float, bold: bool = False) -> list[str]:
        return fontmetrics.wrap(text, limit - slack, DECREE_SIZE, bold)

    for index, block in enumerate(blocks):
        if isinstance(block, NewPage):
            if flow.y > flow.top:
                flow.new_page()
            page_break = True
            continue
        if isinstance(block, Gap):
            if flow.y > flow.top:
                flow.y += block.lines * lead
            body.append(WordPara((), line=block.lines * lead, page_break=page_break))
            page_break = False
            continue
        if isinstance(block, Centred):
            lines = wrap(block.text, text_width * (1 - 2 * CENTRED_SIDE), block.bold)
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            flow.need(len(lines) * lead + (lead if following is not None else 0))
            for line in lines:
                flow.text(flow.left + text_width / 2, line, block.bold, "center")
                flow.y += lead
            side = round(text_width * CENTRED_SIDE, 1)
            body.append(
                WordPara(((block.text, block.bold),), "center", side, side, keep_next=True, page_break=page_break)
            )
        elif isinstance(block, Item):
            hang = text_at if block.mark else mark_at
            lines = wrap(block.text, text_width - hang)
            flow.need(lead * min(2, len(lines)))
            if block.label:
                flow.text(flow.left, block.label)
                flow.text(flow.left + colon, ":")
            if block.mark:
                flow.text(flow.left + mark_at, block.mark)
            for number, line in enumerate(lines):
                if number:
                    flow.need(lead)
                flow.text(flow.left + hang, line)
                flow.y += lead
            runs = [(block.label, False), ("\t", False), (":" if block.label else "", False), ("\t", False)]
            if block.mark:
                runs += [(block.mark, False), ("\t", False)]
            runs.append((block.text, False))
            tabs = (colon, mark_at, text_at) if block.mark else (colon, mark_at)
            body.append(
                WordPara(tuple(r for r in runs if r[0]), left=hang, hanging=hang, tabs=tabs, page_break=page_break)
            )
        elif isinstance(block, Plain):
            hang = fontmetrics.width(block.mark, DECREE_SIZE) + DECREE_GAP if block.mark else 0.0
            hang = round(hang, 1)
            lines = wrap(block.text, text_width - hang, block.bold)
            flow.need(lead)
            if block.mark:
                flow.text(flow.left, block.mark)
            for number, line in enumerate(lines):
                if number:
                    flow.need(lead)
                flow.text(flow.left + hang, line, block.bold)
                flow.y += lead
            runs = [(block.mark, False), ("\t", False)] if block.mark else []
            runs.append((block.text, block.bold))
            body.append(
                WordPara(
                    tuple(runs), left=hang, hanging=hang, tabs=(hang,) if block.mark else (), page_break=page_break
                )
            )
        elif isinstance(block, Aside):
            wrapped = [
                (line, bold, wrap(line, text_width - aside, bold) if line else [""]) for line, bold in block.lines
            ]
            flow.need(sum(len(ls) for _, _, ls in wrapped) * lead)
            broken: list[tuple[str, bool]] = []
            for number, (line, bold, lines) in enumerate(wrapped):
                for part in lines:
                    if part:
                        flow.text(flow.left + aside, part, bold)
                    flow.y += lead
                broken += ([("\n", False)] if number else []) + ([(line, bold)] if line else [])
            body.append(WordPara(tuple(broken), left=aside, keep_lines=True, page_break=page_break))
        elif isinstance(block, Listing):
            widths = tuple(round(text_width * share, 1) for share in block.shares)
            widths = widths[:-1] + (round(text_width - sum(widths[:-1]), 1),)
            _decree_table(flow, block, widths)
            body.append(WordTable(widths, block.columns, block.rows, block.aligns, CELL_PAD, page_break))
        page_break = False
    for number, page in enumerate(flow.pages[1:], start=2):
        page.texts.insert(0, Text(width / 2, 40.0, f"- {number} -", DECREE_SIZE, align="center"))
    return DecreeLayout(width, height, DECREE_MARGINS, DECREE_SIZE, DECREE_LEADING, title, flow.pages, body)


def _decree_table(flow: _DecreeFlow, table: Listing, widths: tuple[float, ...]) -> None:
    xs = [flow.left]
    for w in widths:
        xs.append(xs[-1] + w)
    lead = DECREE_LEADING

    def cells(values: Sequence[str], bold: bool) -> list[list[str]]:
        return [
            fontmetrics.wrap(v, w - 2 * CELL_PAD - style.WRAP_SLACK, DECREE_SIZE, bold) for v, w in zip(values, widths)
        ]

    def draw(values: list[list[str]], bold: bool, aligns: Sequence[Align]) -> None:
        height = max(len(lines) for lines in values) * lead + 2 * CELL_PAD
        page, y = flow.page, flow.y
        page.rules.append(Rule((xs[0], y), (xs[-1], y)))
        page.rules.append(Rule((xs[0], y + height), (xs[-1], y + height)))
        for x in xs:
            page.rules.append(Rule((x, y), (x, y + height)))
        for col, lines in enumerate(values):
            align = aligns[col]
            if align == "center":
                x = (xs[col] + xs[col + 1]) / 2
            elif align == "right":
                x = xs[col + 1] - CELL_PAD
            else:
                x = xs[col] + CELL_PAD
            for number, line in enumerate(lines):
                page.texts.append(
                    Text(x, _baseline(y + CELL_PAD + number * lead, lead, DECREE_SIZE), line, DECREE_SIZE, bold, align)
                )
        flow.y += height

    head = cells(table.columns, True)
    head_h = max(len(lines) for lines in head) * lead + 2 * CELL_PAD
    centred: tuple[Align, ...] = tuple("center" for _ in widths)
    rows = [cells(row, False) for row in table.rows]
    flow.need(head_h + (max(len(c) for c in rows[0]) * lead + 2 * CELL_PAD if rows else 0))
    draw(head, True, centred)
    for row in rows:
        if flow.need(max(len(c) for c in row) * lead + 2 * CELL_PAD):
            draw(head, True, centred)
        draw(row, False, table.aligns)


# ---------------------------------------------------------------------------------------------------
# The book


def _bound_decree(decree: DecreeLayout | SignedDecree) -> list[DrawnPage | BoundPage]:
    """The decree's pages in the book, footers still to come: the signed pages, or the draft's own
    pages under a DRAF watermark."""
    if isinstance(decree, SignedDecree):
        empty = Text(0, 0, "", FOOTER_SIZE)
        return [BoundPage(decree.source, index, w, h, empty) for index, (w, h) in enumerate(decree.sizes)]
    pages: list[DrawnPage | BoundPage] = []
    for page in decree.pages:
        marked = replace(
            page, texts=list(page.texts), under=[_watermark(page.width, page.height, DRAFT)], anchors=list(page.anchors)
        )
        marked.texts.append(
            Text(
                page.width - DECREE_MARGINS.right,
                DECREE_MARGINS.top / 2 + STAMP_SIZE * 0.35,
                "DRAF: belum ditetapkan",
                STAMP_SIZE,
                True,
                "right",
            )
        )
        pages.append(marked)
    return pages


def _stamp(sheet: LaidOutDocument, status: str) -> tuple[Text, ...]:
    """An SOP bound although no longer in force: a watermark and the status above the sheet."""
    return (
        _watermark(sheet.width, sheet.height, REVOKED),
        Text(
            sheet.width - sheet.margins.right, sheet.margins.top - 8, f"{REVOKED}: {status}", STAMP_SIZE, True, "right"
        ),
    )


def layout_book(
    documents: Sequence[SopDocument],
    sheets: Sequence[LaidOutDocument],
    year: int,
    title: Sequence[str] = TITLE_LINES,
    *,
    decree: DecreeLayout | SignedDecree | None = None,
    decree_title: str = PART_DECREE,
    explanation: Explanation | None = None,
    statuses: Sequence[str | None] = (),
) -> BookLayout:
    """The book of these SOPs (in this order) with their laid-out sheets; the cover prints `title`
    (line by line, each made smaller if it is wider than the page allows) and `year`.

    `decree` is bound after the cover (the signed pages, or the draft's pages marked DRAF),
    `explanation` after the contents; `statuses` holds, per SOP, the status of one bound although no
    longer in force (None: in force). The index of actors leaves those SOPs out."""
    width, height = page_size(documents[0].kertas)
    statuses = list(statuses) or [None] * len(documents)
    footer = sheets[0].footer

    def wording(number: int, total: int) -> str:
        return footer.format(page=number, pages=total)

    pages: list[BookPage] = [_cover(documents, year, title, width, height)]
    outline_entries = [OutlineEntry("Halaman Judul", KEY_COVER)]
    parts: dict[str, int] = {KEY_COVER: 1}

    if decree is not None:
        bound = _bound_decree(decree)
        parts[KEY_DECREE] = len(pages) + 1
        first = bound[0]
        if isinstance(first, BoundPage):
            bound[0] = replace(first, anchors=(KEY_DECREE,))
        else:
            first.anchors.append(KEY_DECREE)
        outline_entries.append(
            OutlineEntry(decree_title + (f" ({DRAFT})" if isinstance(decree, DecreeLayout) else ""), KEY_DECREE)
        )
        pages.extend(bound)

    entries: list[_Entry] = []
    if decree is not None:
        entries.append(_Entry(outline_entries[-1].title, KEY_DECREE, part=True))
    if explanation is not None:
        entries.append(_Entry(explanation.title, KEY_EXPLANATION, part=True))
    entries.append(_Entry(PART_SHEETS, KEY_SHEETS, part=True))
    for index, document in enumerate(documents):
        revision, revised = _revision(document)
        entries.append(
            _Entry(
                document.sop.flow_title,
                f"sop-{index + 1}",
                False,
                f"{index + 1}.",
                document.sop.nomor,
                revision,
                revised,
                statuses[index],
            )
        )
    entries.append(_Entry(PART_INDEX, KEY_INDEX, part=True))
    contents_at = len(pages) + 1
    contents_count = contents_pages(len(entries))
    parts[KEY_CONTENTS] = contents_at
    outline_entries.append(OutlineEntry(PART_CONTENTS, KEY_CONTENTS))
    next_page = contents_at + contents_count

    explanation_pages: list[DrawnPage] = []
    if explanation is not None:
        explanation_pages, explanation_outline = _explanation_pages(explanation, width, height)
        parts[KEY_EXPLANATION] = next_page
        outline_entries.extend(explanation_outline)
        next_page += len(explanation_pages)

    chapters = []
    sheet_pages: list[SheetPage] = []
    parts[KEY_SHEETS] = next_page
    outline_entries.append(OutlineEntry(PART_SHEETS, KEY_SHEETS))
    for index, (document, sheet) in enumerate(zip(documents, sheets)):
        status = statuses[index]
        name = f"{document.sop.nomor} {document.sop.judul}" + (f" ({REVOKED})" if status else "")
        chapter = BookChapter(f"sop-{index + 1}", name, next_page, sheet, status)
        chapters.append(chapter)
        parts[chapter.key] = next_page
        outline_entries.append(OutlineEntry(name, chapter.key, 1))
        marks = _stamp(sheet, status) if status else ()
        for offset in range(len(sheet.pages)):
            anchors = [f"{chapter.key}-h{offset + 1}"]
            if offset == 0:
                anchors[:0] = [chapter.key] + ([KEY_SHEETS] if index == 0 else [])
            sheet_pages.append(SheetPage(chapter, offset, tuple(anchors), marks))
        next_page += len(sheet.pages)

    in_force = [i for i, status in enumerate(statuses) if not status]
    index_pages = _index_pages(
        [documents[i] for i in in_force], [chapters[i] for i in in_force], width, height, len(in_force) < len(chapters)
    )
    parts[KEY_INDEX] = next_page
    outline_entries.append(OutlineEntry(PART_INDEX, KEY_INDEX))
    total = next_page + len(index_pages) - 1

    contents = _contents(entries, parts, contents_at, (width, height), lambda n: wording(n, total))
    pages.extend(contents)
    pages.extend(explanation_pages)
    pages.extend(sheet_pages)
    pages.extend(index_pages)
    assert len(pages) == total
    for number, page in enumerate(pages, start=1):
        if number == 1 or number in range(contents_at, contents_at + contents_count):
            continue
        text = _footer(page.width, page.height, wording(number, total))
        if isinstance(page, BoundPage):
            pages[number - 1] = replace(page, footer=text)
        elif isinstance(page, DrawnPage):
            page.texts.append(text)
    name = TITLE if tuple(title) == TITLE_LINES else " ".join(title)
    return BookLayout(width, height, name, pages, outline_entries, chapters, total, footer, parts)
