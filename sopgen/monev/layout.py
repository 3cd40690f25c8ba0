"""Form -> FormLayout: the one place where a Monev form's grid, texts, row heights and pages are decided.

A form is a grid of rows and columns (in points), like the SOP sheet: every cell (`Slot`) starts at a
grid column and spans some; every row has a height and a kind. The writers translate it: XLSX writes
the grid as it is (one sheet row per grid row), DOCX writes one table per part (`top`, `table`,
`bottom`) so the table's heading rows can repeat, and the PDF draws `pages`, the rows placed on
pages here, with the heading rows repeated on every page of the table.

Some rows are for one medium only (`media`): the sheet's instruction on how to fill it in, and the
paper's note that one of the printed choices is to be struck out. A choice cell is a drop-down list
in the sheet (empty) and shows both choices on paper (`Slot.paras` versus `Slot.sheet_paras`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .. import fontmetrics
from ..layout import style, text
from ..layout.document import FOOTER, Align, Box, Cell, Line, Margins, Para, VAlign
from ..layout.paper import MARGINS, page_size
from .forms import PEMANTAU, SIGNER, TANGGAL, Form

Media = Literal["all", "print", "sheet"]
RowKind = Literal["title", "gap", "identity", "note", "header", "body", "signature"]
Part = Literal["top", "table", "bottom"]

FONT = style.FONT
SMALL = style.SMALL
TITLE = style.TITLE
HEADER_FILL = "D9D9D9"
INPUT_FILL = "FFF2CC"
"""Pale yellow of the cells a unit fills in (the sheet only: on paper they stay white)."""
NO_W = 24.0
LABEL_W = 132.0
"""Width of the identity block's labels: the `No.` column and the first part of the text column."""
GAP = style.SPACER
MIN_IDENTITY = 15.0
MIN_HEADER = 24.0
MIN_BODY = {"monitoring": 36.0, "evaluasi": 30.0}
"""Room in each row to write an assessment and a note by hand."""
BODY_VALIGN: dict[str, VAlign] = {"monitoring": "top", "evaluasi": "middle"}
"""A step's long activity reads from the top; the short criteria sit in the middle of their rows."""
SIGNATURE_BLANK = 3
"""Empty lines left for the signature."""
PRINT_NOTE = "*) Coret yang tidak perlu."
SHEET_NOTE = (
    "Petunjuk: isi sel berwarna kuning. Kolom {kolom} dipilih dari daftar (klik selnya, lalu tanda panah di "
    "kanannya). Sel lain terkunci; tinggi baris boleh diubah bila catatan panjang."
)
CHOICE_MARK = " *)"
MAX_ROW = 409.5
"""The tallest row Excel allows, in points; shorter than any page's room below the table heading."""
SHRINK = (7.0, 6.0)
"""Smaller text sizes tried, in turn, for a row whose text would be taller than MAX_ROW."""


class RowTooTall(ValueError):
    """A row's text does not fit the tallest row even at the smallest size; `item`: the step, if any."""

    def __init__(self, item: int | None):
        self.item = item
        super().__init__(item)


@dataclass(frozen=True)
class Column:
    """A column of the form's table: where it starts on the grid, how many grid columns it spans, and
    what its cells hold (`field`: `nomor`, `uraian`, `pelaksana`, `nilai`, `catatan`, `tindakan`)."""

    field: str
    caption: tuple[Para, ...]
    col: int
    colspan: int = 1
    input: bool = False
    align: Align = "left"


@dataclass(frozen=True)
class Slot:
    """One cell of the grid. `paras` is what paper shows; `sheet` what the sheet shows, when different."""

    row: int
    col: int
    colspan: int
    paras: tuple[Para, ...]
    align: Align = "left"
    valign: VAlign = "middle"
    border: bool = True
    fill: str | None = None
    field: str = ""
    """What the cell holds, for the writers and for reading it back (`pemantau`, `nilai`, ...)."""
    input: bool = False
    """Filled in by the unit: unlocked and pale yellow in the sheet."""
    choices: tuple[str, ...] = ()
    """The values a drop-down list allows (the sheet); on paper `paras` lists them to strike out."""
    sheet: tuple[Para, ...] | None = None

    @property
    def sheet_paras(self) -> tuple[Para, ...]:
        return self.paras if self.sheet is None else self.sheet

    @property
    def sheet_fill(self) -> str | None:
        return INPUT_FILL if self.input else self.fill


@dataclass(frozen=True)
class GridRow:
    height: float
    kind: RowKind
    part: Part
    media: Media = "all"
    item: int | None = None
    """The number of the step or criterion a body row shows."""


@dataclass(frozen=True)
class FormPage:
    """One printed page: bordered cells (with their placed lines) and loose text lines."""

    number: int
    cells: tuple[Cell, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class FormLayout:
    form: Form
    paper: str
    width: float
    height: float
    margins: Margins
    columns: tuple[float, ...]
    """Width of every grid column, in points."""
    rows: tuple[GridRow, ...]
    slots: tuple[Slot, ...]
    table: tuple[Column, ...]
    pages: tuple[FormPage, ...] = ()
    footer: str = FOOTER
    footer_size: float = style.FOOTER
    sheet_name: str = ""
    header_rows: tuple[int, ...] = field(default=())
    """Grid indexes of the table's heading rows (repeated on every page)."""

    @property
    def footer_left(self) -> str:
        return f"{self.form.title}: {self.form.identity.nomor}"

    @property
    def title(self) -> str:
        identity = self.form.identity
        return f"{self.form.title} {identity.nomor} {identity.judul}"

    @property
    def subject(self) -> str:
        identity = self.form.identity
        return f"{identity.unit}, {identity.periode}"

    def footer_text(self, number: int) -> str:
        return self.footer.format(page=number, pages=len(self.pages))

    def rows_for(self, media: Media) -> list[int]:
        """Grid indexes of the rows shown in a medium (`sheet` or `print`)."""
        return [i for i, row in enumerate(self.rows) if row.media in ("all", media)]


def _para(value: str, size: float = FONT, bold: bool = False, align: Align = "left") -> Para:
    return Para(value, size, bold, align)


def _columns(form: Form, usable: float) -> tuple[tuple[float, ...], tuple[Column, ...]]:
    """The grid and the table's columns. The text column starts with a part as wide as the identity
    labels (less the `No.` column), so the identity block and the table share one grid."""

    def head(*texts: str) -> tuple[Para, ...]:
        first = _para(texts[0], bold=True, align="center")
        return (first, *(_para(t, SMALL, align="center") for t in texts[1:]))

    first = LABEL_W - NO_W
    grid: tuple[float, ...]
    table: tuple[Column, ...]
    if form.kind == "monitoring":
        kegiatan = style.snap(usable * 0.29) - first
        pelaksana = style.snap(usable * 0.10)
        nilai = style.snap(usable * 0.14)
        catatan = style.snap((usable - LABEL_W - kegiatan - pelaksana - nilai) / 2)
        tindakan = usable - LABEL_W - kegiatan - pelaksana - nilai - catatan
        grid = (NO_W, first, kegiatan, pelaksana, nilai, catatan, tindakan)
        table = (
            Column("nomor", head("No."), 0, align="center"),
            Column("uraian", head("Kegiatan"), 1, 2),
            Column("pelaksana", head("Pelaksana"), 3),
            Column(
                "nilai",
                head("Penilaian terhadap penerapan", "(Berjalan dengan baik / Tidak berjalan dengan baik)"),
                4,
                input=True,
            ),
            Column("catatan", head("Catatan hasil penilaian"), 5, input=True),
            Column("tindakan", head("Tindakan yang harus diambil"), 6, input=True),
        )
    else:
        kriteria = style.snap(usable * 0.40) - first
        jawaban = style.snap(usable * 0.12)
        catatan = usable - LABEL_W - kriteria - jawaban
        grid = (NO_W, first, kriteria, jawaban, catatan)
        table = (
            Column("nomor", head("No."), 0, align="center"),
            Column("uraian", head("Penilaian penerapan"), 1, 2),
            Column("nilai", head("Ya / Tidak"), 3, input=True, align="center"),
            Column("catatan", head("Catatan"), 4, input=True),
        )
    return grid, table


class _Grid:
    """Rows and slots as they are added, each row as tall as its tallest slot needs."""

    def __init__(self, columns: Sequence[float]):
        self.columns = tuple(columns)
        self.rows: list[GridRow] = []
        self.slots: list[Slot] = []

    def width(self, col: int, span: int) -> float:
        return sum(self.columns[col : col + span])

    def row(
        self,
        kind: RowKind,
        part: Part,
        slots: Sequence[Slot],
        minimum: float = 0.0,
        media: Media = "all",
        item: int | None = None,
    ) -> int:
        """Add a row as tall as its tallest slot; text too long for the tallest row a sheet allows is
        made smaller, down to `SHRINK[-1]` points (then RowTooTall)."""
        index = len(self.rows)
        needed = self.needed(slots, minimum)
        for size in SHRINK:
            if needed <= MAX_ROW:
                break
            slots = [replace(s, paras=tuple(replace(p, size=min(p.size, size)) for p in s.paras)) for s in slots]
            needed = self.needed(slots, minimum)
        if needed > MAX_ROW:
            raise RowTooTall(item)
        self.rows.append(GridRow(style.snap(needed), kind, part, media, item))
        self.slots.extend(replace(slot, row=index) for slot in slots)
        return index

    def needed(self, slots: Sequence[Slot], minimum: float) -> float:
        needed = minimum
        for slot in slots:
            width = self.width(slot.col, slot.colspan)
            needed = max(needed, text.height(slot.paras, width), text.height(slot.sheet_paras, width))
        return needed

    def gap(self, part: Part, media: Media = "all") -> None:
        self.rows.append(GridRow(GAP, "gap", part, media))


def _identity_rows(grid: _Grid, form: Form) -> None:
    identity = form.identity
    last = len(grid.columns) - 2
    fields = [
        ("Nomor SOP", identity.nomor, "", False),
        ("Judul SOP", identity.judul, "", False),
        ("Unit", identity.unit, "", False),
        ("Periode", identity.periode, "", False),
        (PEMANTAU[form.kind], "", "pemantau", True),
        (TANGGAL[form.kind], "", "tanggal", True),
    ]
    for label, value, name, is_input in fields:
        bold = name == "" and label == "Nomor SOP"
        grid.row(
            "identity",
            "top",
            [
                Slot(0, 0, 2, (_para(label, bold=True),), fill=HEADER_FILL),
                Slot(0, 2, last, (_para(value, bold=bold),) if value else (), field=name, input=is_input),
            ],
            MIN_IDENTITY,
        )


def _table_rows(grid: _Grid, form: Form, table: tuple[Column, ...]) -> list[int]:
    header = grid.row(
        "header",
        "table",
        [Slot(0, c.col, c.colspan, c.caption, "center", fill=HEADER_FILL) for c in table],
        MIN_HEADER,
    )
    nilai = next(c for c in table if c.field == "nilai")
    choice_print = _choices_on_paper(form.choices, grid.width(nilai.col, nilai.colspan))
    valign = BODY_VALIGN[form.kind]
    for item in form.items:
        values = {"nomor": f"{item.number}.", "uraian": item.text, "pelaksana": item.pelaksana}
        slots = []
        for column in table:
            if column.field == "nilai":
                slots.append(
                    Slot(
                        0,
                        column.col,
                        column.colspan,
                        choice_print,
                        "center",
                        field="nilai",
                        input=True,
                        choices=form.choices,
                        sheet=(),
                    )
                )
            elif column.input:
                slots.append(Slot(0, column.col, column.colspan, (), "left", "top", field=column.field, input=True))
            else:
                para = _para(values[column.field], align=column.align)
                slots.append(Slot(0, column.col, column.colspan, (para,), column.align, valign, field=column.field))
        grid.row("body", "table", slots, MIN_BODY[form.kind], item=item.number)
    return [header]


def _choices_on_paper(choices: tuple[str, ...], width: float) -> tuple[Para, ...]:
    """The choices printed in the cell, to strike out all but one: on one line when they fit."""
    joined = " / ".join(choices) + CHOICE_MARK
    if fontmetrics.width(joined, SMALL) <= width - 2 * style.PAD_X - style.WRAP_SLACK:
        return (_para(joined, SMALL, align="center"),)
    last = len(choices) - 1
    return tuple(
        _para(value + (" /" if index < last else CHOICE_MARK), SMALL, align="center")
        for index, value in enumerate(choices)
    )


def _signature(form: Form) -> tuple[Para, ...]:
    blank = [_para("") for _ in range(SIGNATURE_BLANK)]
    return (
        _para(".................................., ..................................", align="center"),
        _para(SIGNER[form.kind], align="center"),
        *blank,
        _para("(..................................................)", align="center"),
        _para("NIP. ..............................................", align="center"),
    )


def grid_for(form: Form, usable: float) -> tuple[_Grid, tuple[Column, ...], list[int]]:
    columns, table = _columns(form, usable)
    grid = _Grid(columns)
    span = len(columns)
    grid.row("title", "top", [Slot(0, 0, span, (_para(form.title, TITLE, True, "center"),), "center", border=False)])
    nilai = next(c for c in table if c.field == "nilai")
    caption = nilai.caption[0].text
    note = SHEET_NOTE.format(kolom=f'"{caption}"')
    grid.row("note", "top", [Slot(0, 0, span, (_para(note, SMALL),), border=False)], media="sheet")
    grid.gap("top")
    _identity_rows(grid, form)
    grid.gap("top")
    header_rows = _table_rows(grid, form, table)
    grid.row("note", "bottom", [Slot(0, 0, span, (_para(PRINT_NOTE, SMALL),), border=False)], media="print")
    grid.gap("bottom")
    signer_col = len(columns) - 2
    grid.row(
        "signature",
        "bottom",
        [Slot(0, signer_col, 2, _signature(form), "center", "top", border=False)],
    )
    return grid, table, header_rows


def _placed(slot: Slot, box: Box, row_number: int) -> tuple[Cell | None, tuple[Line, ...]]:
    lines = text.place(slot.paras, box, slot.valign)
    if not slot.border:
        return None, lines
    return Cell(row_number, slot.col, 1, slot.colspan, box, slot.paras, lines, slot.align, slot.valign, slot.fill), ()


def paginate(
    rows: Sequence[GridRow],
    slots: Sequence[Slot],
    columns: Sequence[float],
    size: tuple[float, float],
    margins: Margins,
    header_rows: Sequence[int],
) -> tuple[FormPage, ...]:
    """Place the printed rows on pages: the top part on the first page, the table's rows after it
    with its heading rows again at the top of every further page, the bottom part kept together."""
    edges = [margins.left]
    for width in columns:
        edges.append(edges[-1] + width)
    bottom = size[1] - margins.bottom
    by_row: dict[int, list[Slot]] = {}
    for slot in slots:
        by_row.setdefault(slot.row, []).append(slot)
    printed = [i for i, row in enumerate(rows) if row.media in ("all", "print")]
    heading_height = sum(rows[i].height for i in header_rows)
    pages: list[tuple[list[Cell], list[Line]]] = [([], [])]
    y = margins.top

    def put(index: int) -> None:
        nonlocal y
        cells, lines = pages[-1]
        for slot in by_row.get(index, []):
            box = Box(edges[slot.col], y, edges[slot.col + slot.colspan] - edges[slot.col], rows[index].height)
            cell, loose = _placed(slot, box, index)
            if cell is not None:
                cells.append(cell)
            lines.extend(loose)
        y += rows[index].height

    def new_page(with_heading: bool) -> None:
        nonlocal y
        pages.append(([], []))
        y = margins.top
        if with_heading:
            for index in header_rows:
                put(index)

    bottom_part = [i for i in printed if rows[i].part == "bottom"]
    bottom_height = sum(rows[i].height for i in bottom_part)
    for index in printed:
        row = rows[index]
        if (
            row.kind == "header"
            and y + heading_height + (rows[index + 1].height if index + 1 < len(rows) else 0) > bottom
        ):
            new_page(False)
        if row.kind == "body" and y + row.height > bottom:
            new_page(True)
        if row.part == "bottom" and index == bottom_part[0] and y + bottom_height > bottom:
            new_page(False)
        put(index)
    return tuple(FormPage(n, tuple(cells), tuple(lines)) for n, (cells, lines) in enumerate(pages, start=1))


SHEET_NAME_LIMIT = 31
FORBIDDEN_IN_SHEET_NAME = str.maketrans({c: "-" for c in "[]:*?/\\"})


def sheet_name(form: Form) -> str:
    """The worksheet's name: the SOP number, cleaned of what Excel refuses and cut to 31 characters."""
    name = form.identity.nomor.translate(FORBIDDEN_IN_SHEET_NAME).strip("' ")[:SHEET_NAME_LIMIT].strip("' ")
    return name or form.kind.capitalize()


def layout(form: Form) -> FormLayout:
    width, height = page_size(form.identity.kertas)
    usable = width - MARGINS.left - MARGINS.right
    grid, table, header_rows = grid_for(form, usable)
    rows, slots = tuple(grid.rows), tuple(grid.slots)
    pages = paginate(rows, slots, grid.columns, (width, height), MARGINS, header_rows)
    return FormLayout(
        form,
        form.identity.kertas,
        width,
        height,
        MARGINS,
        grid.columns,
        rows,
        slots,
        table,
        pages,
        sheet_name=sheet_name(form),
        header_rows=tuple(header_rows),
    )


REPORT_TEXT = 11.0
REPORT_TABLE = 9.0
REPORT_TITLE = 12.0
CM = 72 / 2.54
REPORT_MARGINS = Margins(left=3 * CM, top=2.5 * CM, right=2 * CM, bottom=2.5 * CM, footer=1.25 * CM)
"""An Indonesian official report: 3 cm binding margin at the left, portrait."""
REPORT_COLUMNS = {
    "ringkasan": (0.06, 0.20, 0.28, 0.10, 0.11, 0.10, 0.15),
    "temuan": (0.06, 0.14, 0.32, 0.13, 0.175, 0.175),
}
"""Shares of the text width taken by the columns of the report's tables."""


@dataclass(frozen=True)
class ReportPage:
    """The draft report's paper (the SOPs' paper, upright) and the widths of its tables, in points."""

    width: float
    height: float
    margins: Margins

    @property
    def usable(self) -> float:
        return self.width - self.margins.left - self.margins.right

    def columns(self, table: str) -> tuple[float, ...]:
        shares = REPORT_COLUMNS[table]
        widths = [style.snap(self.usable * share) for share in shares[:-1]]
        return (*widths, self.usable - sum(widths))


def report_page(kertas: str) -> ReportPage:
    landscape = page_size(kertas)
    return ReportPage(landscape[1], landscape[0], REPORT_MARGINS)
