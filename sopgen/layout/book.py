"""Laid-out SOPs -> the book's layout: cover, contents pages with their links, page numbers and
bookmarks running through the sheets. In points, origin at the page's top left, like the sheets.

The book writer (`writers/book_pdf.py`) draws this as it is and the sheets with the sheet painter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import fontmetrics
from ..definition.model import SopDocument
from .document import Align, Box, LaidOutDocument
from .paper import MARGINS, page_size

TITLE = "Buku Standar Operasional Prosedur Administrasi Pemerintahan"
"""The book's document title when the cover keeps the standard title."""
TITLE_LINES = ("BUKU", "STANDAR OPERASIONAL PROSEDUR", "ADMINISTRASI PEMERINTAHAN")
"""The cover's standard title, line by line."""
TITLE_SIZE = 20.0
TITLE_ROW = 28.0
COVER_SIDE = 60.0
"""Room kept free at each side of the cover's lines."""
TOC_ROWS = 24
"""Entries on one contents page."""
TOC_SIZE = 9.0
TOC_ROW = 17.0
EMBLEM = 80.0
FOOTER_SIZE = 7.5


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


@dataclass(frozen=True)
class Link:
    """A clickable area that jumps to a bookmark."""

    box: Box
    target: str


@dataclass
class FrontPage:
    """A page the book draws itself (cover, contents)."""

    texts: list[Text] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    emblem: Box | None = None
    image: Path | None = None
    """The emblem picture in `emblem`; None draws the empty frame there."""


@dataclass(frozen=True)
class BookChapter:
    """One SOP's sheets in the book: its bookmark, outline entry, and the number of its first page."""

    key: str
    outline: str
    first_page: int
    sheet: LaidOutDocument


@dataclass
class BookLayout:
    width: float
    height: float
    title: str
    front: list[FrontPage]
    chapters: list[BookChapter]
    total: int
    footer: str
    """The sheets' footer wording, with `{page}` and `{pages}`: page numbers run through the book."""

    def footer_text(self, number: int) -> str:
        return self.footer.format(page=number, pages=self.total)


def contents_pages(count: int) -> int:
    return max(1, -(-count // TOC_ROWS))


def _cover(documents: Sequence[SopDocument], year: int, title: Sequence[str], width: float) -> FrontPage:
    first = documents[0]
    page = FrontPage(emblem=Box(width / 2 - EMBLEM / 2, 90, EMBLEM, EMBLEM), image=first.logo_path)
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
    return page


def _fitted(text: str, limit: float) -> str:
    while fontmetrics.width(text, TOC_SIZE) > limit and len(text) > 4:
        text = text[:-4] + "..."
    return text


def _contents(
    documents: Sequence[SopDocument], first_pages: list[int], total: int, size: tuple[float, float], footer: str
) -> list[FrontPage]:
    width, height = size
    left, right = MARGINS.left + 40, width - MARGINS.right - 40
    pages = []
    for page_index in range(contents_pages(len(documents))):
        page = FrontPage()
        page.texts.append(Text(width / 2, 70, "DAFTAR ISI", 14, True, "center"))
        y = 110.0
        for x, caption in ((left, "No."), (left + 30, "Nomor SOP"), (left + 200, "Judul SOP")):
            page.texts.append(Text(x, y, caption, TOC_SIZE, True))
        page.texts.append(Text(right, y, "Halaman", TOC_SIZE, True, "right"))
        y += 20
        first = page_index * TOC_ROWS
        for index in range(first, min(first + TOC_ROWS, len(documents))):
            sop = documents[index].sop
            title = _fitted(sop.flow_title, right - 40 - (left + 200))
            number = str(first_pages[index])
            page.texts.append(Text(left, y, f"{index + 1}.", TOC_SIZE))
            page.texts.append(Text(left + 30, y, sop.nomor[:40], TOC_SIZE))
            page.texts.append(Text(left + 200, y, title, TOC_SIZE))
            dots_from = left + 200 + fontmetrics.width(title, TOC_SIZE) + 4
            dots_to = right - fontmetrics.width(number, TOC_SIZE) - 4
            dots = "." * max(0, int((dots_to - dots_from) / fontmetrics.width(".", TOC_SIZE)))
            page.texts.append(Text(dots_from, y, dots, TOC_SIZE, grey=0.5))
            page.texts.append(Text(right, y, number, TOC_SIZE, align="right"))
            page.links.append(Link(Box(left, y - 10, right - left, 13), f"sop-{index + 1}"))
            y += TOC_ROW
        wording = footer.format(page=2 + page_index, pages=total)
        page.texts.append(Text(width - MARGINS.right, height - MARGINS.footer, wording, FOOTER_SIZE, align="right"))
        pages.append(page)
    return pages


def layout_book(
    documents: Sequence[SopDocument],
    sheets: Sequence[LaidOutDocument],
    year: int,
    title: Sequence[str] = TITLE_LINES,
) -> BookLayout:
    """The book of these SOPs (in this order) with their laid-out sheets; the cover prints `title`
    (line by line, each made smaller if it is wider than the page allows) and `year`."""
    width, height = page_size(documents[0].kertas)
    front_count = 1 + contents_pages(len(documents))
    first_pages = []
    page = front_count + 1
    for sheet in sheets:
        first_pages.append(page)
        page += len(sheet.pages)
    total = page - 1
    chapters = [
        BookChapter(f"sop-{index + 1}", f"{doc.sop.nomor} {doc.sop.judul}", first_pages[index], sheet)
        for index, (doc, sheet) in enumerate(zip(documents, sheets))
    ]
    footer = sheets[0].footer
    cover = _cover(documents, year, title, width)
    front = [cover, *_contents(documents, first_pages, total, (width, height), footer)]
    name = TITLE if tuple(title) == TITLE_LINES else " ".join(title)
    return BookLayout(width, height, name, front, chapters, total, footer)
