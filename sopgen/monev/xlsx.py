"""FormLayout(s) -> XLSX: one worksheet per form, on the layout's grid, ready to be filled in.

The cells a unit fills in are the only unlocked ones, and the sheet is protected without a password
(rows may still be made taller, for long notes); the assessment column is a drop-down list that
refuses other values. The workbook's structure is protected too, and a very hidden sheet
(`meta.SHEET`) describes every form sheet for `sopgen monev rekap`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection

from ..fontmetrics import OFFICE_FONT
from ..templating import xml_text
from ..writers.common import AUTHOR, FIXED_DATE, OFFICE_VALIGN, property_text
from ..writers.openpyxl_sheet import BORDER, cell_value, page_margins, print_landscape
from ..writers.package import emit, repack, workbook_parts
from ..writers.spreadsheetml import DEFAULT_FONT, column_width
from . import meta
from .forms import JAWABAN
from .layout import FONT, FormLayout, Slot

UNLOCKED = Protection(locked=False)
ERROR_TITLE = "Nilai tidak sah"
PROMPT_TITLE = "Pilih dari daftar"
SINGLE_FIELDS = ("pemantau", "tanggal")
"""Fields of the identity block the unit fills in."""


def _footer(value: str) -> str:
    """Text as an Excel header/footer code: `&` doubled (`&D` would print the date)."""
    return xml_text(value).replace("&", "&&")


def _validation(choices: tuple[str, ...]) -> DataValidation:
    listed = " atau ".join(f"`{c}`" for c in choices)
    return DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=ERROR_TITLE,
        error=f"Isi dengan {listed}: pilih dari daftar.",
        showInputMessage=True,
        promptTitle=PROMPT_TITLE,
        prompt="Ya atau Tidak" if choices == JAWABAN else " / ".join(choices),
    )


class _FormSheet:
    def __init__(self, ws: Any, form: FormLayout):
        self.ws = ws
        self.form = form
        self.sheet_row: dict[int, int] = {}
        """Grid row index -> sheet row (rows printed only on paper are left out)."""

    def write(self) -> meta.FormMeta:
        ws, form = self.ws, self.form
        for index, width in enumerate(form.columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = column_width(width)
        for number, index in enumerate(form.rows_for("sheet"), start=1):
            self.sheet_row[index] = number
            ws.row_dimensions[number].height = form.rows[index].height
        validations: dict[tuple[str, ...], DataValidation] = {}
        for slot in form.slots:
            if slot.row not in self.sheet_row:
                continue
            self.cell(slot)
            if slot.choices:
                if slot.choices not in validations:
                    validations[slot.choices] = _validation(slot.choices)
                    ws.add_data_validation(validations[slot.choices])
                validations[slot.choices].add(self.ref(slot))
        self.protect()
        self.page_setup()
        return self.description()

    def ref(self, slot: Slot) -> str:
        return f"{get_column_letter(slot.col + 1)}{self.sheet_row[slot.row]}"

    def cell(self, slot: Slot) -> None:
        ws = self.ws
        top, left = self.sheet_row[slot.row], slot.col + 1
        right = left + slot.colspan - 1
        target = ws.cell(top, left)
        paras = slot.sheet_paras
        if paras and any(p.text for p in paras):
            target.value = cell_value(paras)
            if isinstance(target.value, str):
                target.data_type = "s"  # text that starts with "=" stays text, never a formula
        size, bold = (paras[0].size, paras[0].bold) if paras else (FONT, False)
        fill = PatternFill("solid", fgColor=slot.sheet_fill) if slot.sheet_fill else None
        target.font = Font(name=OFFICE_FONT, size=size, bold=bold)
        target.alignment = Alignment(horizontal=slot.align, vertical=OFFICE_VALIGN[slot.valign], wrap_text=True)
        for column in range(left, right + 1):
            part = ws.cell(top, column)
            if slot.border:
                part.border = BORDER
            if fill is not None:
                part.fill = fill
            if slot.input:
                part.protection = UNLOCKED
        if right > left:
            ws.merge_cells(start_row=top, start_column=left, end_row=top, end_column=right)

    def protect(self) -> None:
        # No password: the protection keeps the form whole, it is not a secret. Rows may be made
        # taller for long notes; nothing else of the form can change.
        self.ws.protection = SheetProtection(sheet=True, formatRows=False, selectLockedCells=False)

    def page_setup(self) -> None:
        ws, form = self.ws, self.form
        ws.sheet_view.showGridLines = False
        print_landscape(ws, form.paper, page_margins(form.margins))
        last = len(self.sheet_row)
        ws.print_area = f"A1:{get_column_letter(len(form.columns))}{last}"
        heading = [self.sheet_row[i] for i in form.header_rows if i in self.sheet_row]
        if heading:
            ws.print_title_rows = f"{min(heading)}:{max(heading)}"
        before, rest = form.footer.split("{page}", 1)
        between, after = rest.split("{pages}", 1)
        ws.oddFooter.left.text = _footer(form.footer_left)
        ws.oddFooter.right.text = f"{_footer(before)}&P{_footer(between)}&N{_footer(after)}"
        for part in (ws.oddFooter.left, ws.oddFooter.right):
            part.size = form.footer_size
            part.font = OFFICE_FONT

    def description(self) -> meta.FormMeta:
        form = self.form
        identity = form.form.identity
        cells = {s.field: self.ref(s) for s in form.slots if s.field in SINGLE_FIELDS and s.row in self.sheet_row}
        columns = {c.field: get_column_letter(c.col + 1) for c in form.table}
        rows = tuple(self.sheet_row[i] for i, row in enumerate(form.rows) if row.kind == "body")
        return meta.FormMeta(
            self.ws.title,
            form.form.kind,
            identity.nomor,
            identity.judul,
            identity.unit,
            identity.periode,
            identity.definisi,
            identity.kertas,
            cells,
            columns,
            rows,
            form.form.choices,
        )


def _sheet_names(forms: Sequence[FormLayout]) -> list[str]:
    """Every form's sheet name, made unique (case-insensitively, as Excel compares them)."""
    taken: set[str] = {meta.SHEET.lower()}
    names = []
    for form in forms:
        name, count = form.sheet_name, 1
        while name.lower() in taken:
            count += 1
            suffix = f" ({count})"
            name = form.sheet_name[: 31 - len(suffix)] + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def build(forms: Sequence[FormLayout], title: str | None = None) -> Workbook:
    book = Workbook()
    # As the sheet writer does: Courier New 10 has a digit of exactly 6 pt, so column widths in
    # characters are the layout's points in Excel and LibreOffice alike. Cells use Arial.
    default = Font(name=DEFAULT_FONT, sz=10, family=3)
    book._fonts = IndexedList([default])
    book._named_styles["Normal"].font = default
    book.remove(book.active)
    descriptions = []
    for form, name in zip(forms, _sheet_names(forms)):
        ws = book.create_sheet(name)
        descriptions.append(_FormSheet(ws, form).write())
    hidden = book.create_sheet(meta.SHEET)
    hidden.append(list(meta.HEADING))
    for description in descriptions:
        hidden.append([description.sheet, description.to_json()])
    hidden.sheet_state = "veryHidden"
    hidden.protection = SheetProtection(sheet=True)
    book.active = 0
    book.security = WorkbookProtection(lockStructure=True)
    first = forms[0]
    properties = book.properties
    properties.title = property_text(title or first.title)
    properties.subject = property_text(first.subject)
    properties.creator = properties.lastModifiedBy = AUTHOR
    properties.created = properties.modified = FIXED_DATE
    return book


def write(forms: Sequence[FormLayout], target: Path | BinaryIO, title: str | None = None) -> None:
    """One workbook with a sheet per form (one form: one sheet)."""
    emit(target, repack(workbook_parts(build(forms, title))))
