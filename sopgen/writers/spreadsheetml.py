"""SpreadsheetML as text: a worksheet, the styles, the workbook and the core properties.

The parts are written as openpyxl 3.1 wrote them (its element and attribute order, its number format,
its numbering of styles and its escaping), so a sheet written here is the same bytes as one written
with openpyxl, without importing it. Nothing here knows about SOPs: `writers.xlsx` translates the
layout into these calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

from ..layout import style
from .xmlform import set_attribute, set_text

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

DEFAULT_FONT = "Courier New"
"""The workbook's default font, which sets the unit of column widths (see `column_width`)."""
DIGIT_PX = 8
"""The digit width of `DEFAULT_FONT` at 10 pt, in pixels."""
PAPER_CODES = {"F4": 14, "A4": 9, "Legal": 5}
"""Excel paper codes: 14 is Folio (8.5 x 13 in), the F4 of Indonesian offices."""
CELL_LIMIT = 32767
"""The most characters a cell holds (Excel's limit; longer text is cut, as openpyxl cut it)."""


def column_width(points: float, digit: int = DIGIT_PX) -> float:
    """Excel's column width (characters of the default font) that is exactly `points` wide.

    Excel draws a width W as trunc(((256 W + trunc(128 / d)) / 256) d) pixels, d being the
    default font's digit width in pixels. W = pixels / d gives exactly those pixels there, and
    exactly W digits (W * 6 pt) in LibreOffice, which measures the digit without rounding.
    """
    return round(points / style.PX) / digit


def column_pixels(width: float, digit: int = DIGIT_PX) -> int:
    return int(((256 * width + 128 // digit) / 256) * digit)


@cache
def column_letter(index: int) -> str:
    """The letters of a 1-based column index: 1 -> A, 27 -> AA."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def number(value: float) -> str:
    """A number as an attribute value: 16 significant digits, no trailing zeros."""
    return f"{value:.16g}"


# -- escaping -----------------------------------------------------------------------------------


def preserved_space(value: str) -> str:
    """` xml:space="preserve"` for text with whitespace at either end around something else."""
    stripped = value.strip()
    return ' xml:space="preserve"' if stripped and stripped != value else ""


def ascii_part(xml: str) -> bytes:
    """A part whose characters beyond ASCII are character references (as worksheets were written)."""
    return xml.encode("ascii", "xmlcharrefreplace")


# -- styles -------------------------------------------------------------------------------------


class Font(NamedTuple):
    name: str
    size: float
    bold: bool = False
    family: int | None = None

    def xml(self) -> str:
        family = "" if self.family is None else f'<family val="{self.family}"/>'
        bold = '<b val="1"/>' if self.bold else ""
        return f'<font><name val="{set_attribute(self.name)}"/>{family}{bold}<sz val="{number(self.size)}"/></font>'

    def run_properties(self) -> str:
        """The font of a run of rich text."""
        bold = '<b val="1"/>' if self.bold else ""
        return f'<rPr><rFont val="{set_attribute(self.name)}"/>{bold}<sz val="{number(self.size)}"/></rPr>'


class Alignment(NamedTuple):
    horizontal: str
    vertical: str
    wrap: bool

    def xml(self) -> str:
        wrap = ' wrapText="1"' if self.wrap else ""
        return f'<alignment horizontal="{self.horizontal}" vertical="{self.vertical}"{wrap}/>'


class CellStyle(NamedTuple):
    """A cell format by the numbers of its font, fill and border (see `Styles`), and its alignment."""

    font: int = 0
    fill: int = 0
    border: int = 0
    alignment: Alignment | None = None

    def xml(self) -> str:
        ids = f'numFmtId="0" fontId="{self.font}" fillId="{self.fill}" borderId="{self.border}"'
        if self.alignment is None:
            return f'<xf {ids} pivotButton="0" quotePrefix="0" xfId="0"/>'
        return f'<xf {ids} applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0">{self.alignment.xml()}</xf>'


WORKBOOK_FONT = Font(DEFAULT_FONT, 10, family=3)
NO_FILLS = ("<fill><patternFill/></fill>", '<fill><patternFill patternType="gray125"/></fill>')
NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>"
THIN_BORDER = (
    "<border>"
    + "".join(f'<{side} style="thin"><color rgb="00000000"/></{side}>' for side in ("left", "right", "top", "bottom"))
    + "</border>"
)
INDEXED_COLOURS = (
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF "
    "00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 "
    "0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF "
    "FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 "
    "993300 993366 333399 333333"
).split()
STYLES_END = (
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
    '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    "<colors><indexedColors>"
    + "".join(f'<rgbColor rgb="00{colour}"/>' for colour in INDEXED_COLOURS)
    + "</indexedColors></colors></styleSheet>"
)


def _numbered(items: dict[str, int], xml: str) -> int:
    """The number of `xml` in `items`, adding it at the end the first time."""
    return items.setdefault(xml, len(items))


@dataclass
class Styles:
    """The workbook's fonts, fills and borders, numbered in the order cells first use them, and its
    cell formats, numbered in the order cells are written (openpyxl's numbering)."""

    fonts: dict[Font, int] = field(default_factory=lambda: {WORKBOOK_FONT: 0})
    fills: dict[str, int] = field(default_factory=lambda: {xml: index for index, xml in enumerate(NO_FILLS)})
    borders: dict[str, int] = field(default_factory=lambda: {NO_BORDER: 0})
    formats: dict[CellStyle, int] = field(default_factory=lambda: {CellStyle(): 0})

    def font(self, font: Font) -> int:
        return self.fonts.setdefault(font, len(self.fonts))

    def fill(self, colour: str) -> int:
        """A solid fill of an RGB colour (`D9D9D9`)."""
        argb = f"00{colour}" if len(colour) == 6 else colour
        return _numbered(
            self.fills, f'<fill><patternFill patternType="solid"><fgColor rgb="{argb}"/></patternFill></fill>'
        )

    def thin_border(self) -> int:
        return _numbered(self.borders, THIN_BORDER)

    def format(self, cell_style: CellStyle) -> int:
        return self.formats.setdefault(cell_style, len(self.formats))

    def xml(self) -> bytes:
        return (
            f'<styleSheet xmlns="{MAIN_NS}"><numFmts count="0"/>'
            f"{_counted('fonts', [font.xml() for font in self.fonts])}"
            f"{_counted('fills', list(self.fills))}{_counted('borders', list(self.borders))}"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.formats)}">{"".join(f.xml() for f in self.formats)}</cellXfs>'
            f"{STYLES_END}"
        ).encode()


def _counted(tag: str, items: list[str]) -> str:
    return f'<{tag} count="{len(items)}">{"".join(items)}</{tag}>'


# -- cell content -------------------------------------------------------------------------------

EMPTY = ' t="n">'
"""The end of the start tag of a cell with no value."""


def text_content(value: str) -> str:
    """The end of a cell's start tag and its content, for plain text."""
    value = value[:CELL_LIMIT]
    if not value:
        return ' t="inlineStr">'
    # Unlike runs and properties (`preserved_space`), plain cell text keeps all-white text too: the
    # two rules of openpyxl's two writers.
    preserve = ' xml:space="preserve"' if value != value.strip() else ""
    return f' t="inlineStr"><is><t{preserve}>{set_text(value)}</t></is>'


def rich_content(runs: list[tuple[str, Font]]) -> str:
    """The end of a cell's start tag and its content, for runs of text in their fonts."""
    xml = "".join(f"<r>{font.run_properties()}<t{preserved_space(run)}>{set_text(run)}</t></r>" for run, font in runs)
    return f' t="inlineStr"><is>{xml}</is>'


# -- worksheet ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageSetup:
    """How a worksheet prints: landscape, one page wide, on `paper`, with margins in inches."""

    paper: str
    margins: tuple[float, float, float, float, float, float]
    """Left, right, top, bottom, header, footer."""
    first_page: int | None = None
    """The number of the worksheet's first page, when it is not 1."""

    def xml(self) -> str:
        left, right, top, bottom, header, footer = map(number, self.margins)
        first = "" if self.first_page is None else f' firstPageNumber="{self.first_page}" useFirstPageNumber="1"'
        paper = PAPER_CODES.get(self.paper, PAPER_CODES["F4"])
        return (
            f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}" header="{header}" '
            f'footer="{footer}"/><pageSetup orientation="landscape" paperSize="{paper}" fitToHeight="0" '
            f'fitToWidth="1"{first}/>'
        )


HEADER_FOOTER_CODES = {
    "&[Tab]": "&A",
    "&[Pages]": "&N",
    "&[Date]": "&D",
    "&[Path]": "&Z",
    "&[Page]": "&P",
    "&[Time]": "&T",
    "&[File]": "&F",
    "&[Picture]": "&G",
}
CODE_NAMES = re.compile("|".join(f"({re.escape(name)})" for name in HEADER_FOOTER_CODES))
LOW_CONTROLS = re.compile("[\x01-\x19]")


def footer(left: str, right: str, font: str, size: float) -> str:
    """The odd pages' footer: `left` and `right` are Excel header codes (`&P` the page number, `&&` an
    ampersand), both in `font` at `size` (whole points: the code takes no fractions)."""
    fmt = f'&"{font}"' + (f"&{int(size)} " if int(size) else "")
    codes = CODE_NAMES.sub(lambda m: HEADER_FOOTER_CODES[m.group(0)], f"&L{fmt}{left}&R{fmt}{right}")
    codes = LOW_CONTROLS.sub(lambda m: f"_x{ord(m.group(0)):04x}_", codes)
    empty = "<{0}></{0}>"
    return (
        f"<headerFooter>{empty.format('oddHeader')}<oddFooter>{set_text(codes)}</oddFooter>"
        + "".join(empty.format(tag) for tag in ("evenHeader", "evenFooter", "firstHeader", "firstFooter"))
        + "</headerFooter>"
    )


SHEET_START = (
    f'<worksheet xmlns="{MAIN_NS}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
    '<pageSetUpPr fitToPage="1"/></sheetPr>'
)
SHEET_VIEW = (
    '<sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
    '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
)
DRAWING = f'<drawing xmlns:r="{R_NS}" r:id="rId1"/>'


@dataclass
class Worksheet:
    """One worksheet's cells, rows, columns, merges and page breaks, written out by `xml`."""

    title: str
    widths: list[float] = field(default_factory=list)
    """Column widths in characters of the default font, from column A on."""
    heights: dict[int, float] = field(default_factory=dict)
    cells: dict[int, dict[int, tuple[CellStyle, str]]] = field(default_factory=dict)
    """Row -> column -> (format, end of the start tag and content)."""
    merges: set[tuple[int, int, int, int]] = field(default_factory=set)
    """(top, left, bottom, right), iterated in the order of a set, as openpyxl wrote them."""
    breaks: list[int] = field(default_factory=list)
    """Rows a page ends after."""

    def put(self, row: int, col: int, cell_style: CellStyle, content: str = EMPTY) -> None:
        self.cells.setdefault(row, {})[col] = (cell_style, content)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        self.merges.add((top, left, bottom, right))

    def xml(self, styles: Styles, setup: PageSetup, footer_xml: str, drawing: bool) -> bytes:
        """The worksheet part; numbers its cells' formats in `styles` as it writes them."""
        parts = [SHEET_START, f'<dimension ref="{self._dimension()}"/>', SHEET_VIEW, self._columns()]
        parts.append(f"<sheetData>{self._rows(styles)}</sheetData>")
        if self.merges:
            refs = "".join(f'<mergeCell ref="{_range(*merge)}"/>' for merge in self.merges)
            parts.append(f'<mergeCells count="{len(self.merges)}">{refs}</mergeCells>')
        parts += [setup.xml(), footer_xml]
        if self.breaks:
            breaks = "".join(f'<brk id="{row}" min="0" max="16383" man="1"/>' for row in self.breaks)
            parts.append(
                f'<rowBreaks count="{len(self.breaks)}" manualBreakCount="{len(self.breaks)}">{breaks}</rowBreaks>'
            )
        if drawing:
            parts.append(DRAWING)
        parts.append("</worksheet>")
        return ascii_part("".join(parts))

    def _dimension(self) -> str:
        """The range of every cell put or merged."""
        rows = {row for row, cols in self.cells.items() if cols}
        cols = {col for cells in self.cells.values() for col in cells}
        for top, left, bottom, right in self.merges:
            rows.update((top, bottom))
            cols.update((left, right))
        if not rows:
            return "A1:A1"
        return f"{column_letter(min(cols))}{min(rows)}:{column_letter(max(cols))}{max(rows)}"

    def _columns(self) -> str:
        cols = "".join(
            f'<col width="{number(width)}" customWidth="1" min="{index}" max="{index}"/>'
            for index, width in enumerate(self.widths, start=1)
            if width
        )
        return f"<cols>{cols}</cols>" if cols else ""

    def _rows(self, styles: Styles) -> str:
        rows = []
        for row in sorted(self.heights.keys() | self.cells.keys()):
            height = self.heights.get(row)
            if height is None:
                attributes = ""
            else:
                attributes = (f' ht="{number(height)}"' if height else "") + ' customHeight="1"'
            cells = self.cells.get(row, {})
            written = "".join(
                f'<c r="{column_letter(col)}{row}" s="{styles.format(cell_style)}"{content}</c>'
                for col, (cell_style, content) in sorted(cells.items())
            )
            rows.append(f'<row r="{row}"{attributes}>{written}</row>')
        return "".join(rows)


def _range(top: int, left: int, bottom: int, right: int) -> str:
    start = f"{column_letter(left)}{top}"
    return start if (top, left) == (bottom, right) else f"{start}:{column_letter(right)}{bottom}"


# -- workbook -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetEntry:
    """A worksheet as the workbook lists it: its title, the rows printed on every page (first, last)
    and the last row and column of its print area."""

    title: str
    title_rows: tuple[int, int] | None
    last_row: int
    last_col: int


def workbook(sheets: list[SheetEntry]) -> bytes:
    listed = "".join(
        f'<sheet xmlns:r="{R_NS}" name="{set_attribute(sheet.title)}" sheetId="{index}" state="visible" '
        f'r:id="rId{index}"/>'
        for index, sheet in enumerate(sheets, start=1)
    )
    names = "".join(_defined_names(index, sheet) for index, sheet in enumerate(sheets))
    return (
        f'<workbook xmlns="{MAIN_NS}"><workbookPr/><workbookProtection/><bookViews><workbookView visibility="visible" '
        'minimized="0" showHorizontalScroll="1" showVerticalScroll="1" showSheetTabs="1" tabRatio="600" '
        'firstSheet="0" activeTab="0" autoFilterDateGrouping="1"/></bookViews>'
        f'<sheets>{listed}</sheets><definedNames>{names}</definedNames><calcPr calcId="124519" fullCalcOnLoad="1"/>'
        "</workbook>"
    ).encode()


def _defined_names(index: int, sheet: SheetEntry) -> str:
    quoted = "'" + sheet.title.replace("'", "''") + "'"
    names = []
    if sheet.title_rows:
        first, last = sheet.title_rows
        names.append(("Print_Titles", f"{quoted}!${first}:${last}"))
    corner = f"${column_letter(sheet.last_col)}${sheet.last_row}"
    names.append(("Print_Area", f"{quoted}!$A$1" + ("" if corner == "$A$1" else f":{corner}")))
    return "".join(
        f'<definedName name="_xlnm.{name}" localSheetId="{index}">{set_text(value)}</definedName>'
        for name, value in names
    )


def core_properties(title: str, subject: str, author: str, stamp: str) -> bytes:
    """docProps/core.xml: title, subject, author and the created and modified time (W3CDTF)."""
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    dated = (
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:type="dcterms:W3CDTF"'
    )
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">'
        f"<dc:creator {dc}{preserved_space(author)}>{set_text(author)}</dc:creator>"
        f"<dc:title {dc}{preserved_space(title)}>{set_text(title)}</dc:title>"
        f"<dc:subject {dc}{preserved_space(subject)}>{set_text(subject)}</dc:subject>"
        f"<dcterms:created {dated}>{stamp}</dcterms:created><dcterms:modified {dated}>{stamp}</dcterms:modified>"
        f"<cp:lastModifiedBy{preserved_space(author)}>{set_text(author)}</cp:lastModifiedBy></cp:coreProperties>"
    ).encode()
