"""The form workbook read back with openpyxl: drop-down lists, protection, the hidden description."""

from __future__ import annotations

import io

from monev_helpers import MONEV, PERIODE, UNIT, descriptions, form_file, make, shipped_copy
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from sopgen.definition.loader import load_sop
from sopgen.monev import docx, meta, pdf, xlsx
from sopgen.monev.forms import forms_for
from sopgen.monev.layout import layout


def _cells(sqref) -> set[str]:
    found = set()
    for part in str(sqref).split():
        min_col, min_row, max_col, max_row = range_boundaries(part)
        for row in range(min_row, max_row + 1):
            for col in range(min_col, max_col + 1):
                found.add(f"{get_column_letter(col)}{row}")
    return found


def test_the_assessment_column_is_a_drop_down_that_refuses_other_values(tmp_path):
    folder = make(shipped_copy(tmp_path), tmp_path / "out").folder
    for kind, choices in (
        ("monitoring", '"Berjalan dengan baik,Tidak berjalan dengan baik"'),
        ("evaluasi", '"Ya,Tidak"'),
    ):
        path = form_file(folder, MONEV, kind)
        (description,) = descriptions(path)
        ws = load_workbook(path)[description.sheet]
        (validation,) = ws.data_validations.dataValidation
        assert validation.type == "list" and validation.formula1 == choices
        assert validation.showErrorMessage and validation.errorStyle == "stop" and validation.allow_blank
        assert validation.error and validation.prompt  # Indonesian guidance, in Excel's own dialogs
        expected = {f"{description.columns['nilai']}{row}" for row in description.rows}
        assert _cells(validation.sqref) == expected
        assert len(expected) == (16 if kind == "monitoring" else 7)


def test_only_the_cells_to_fill_in_are_unlocked_and_the_sheet_is_protected_without_password(tmp_path):
    folder = make(shipped_copy(tmp_path), tmp_path / "out").folder
    path = form_file(folder, MONEV, "monitoring")
    (description,) = descriptions(path)
    book = load_workbook(path)
    ws = book[description.sheet]
    assert ws.protection.sheet and not ws.protection.password
    assert ws.protection.formatRows is False  # a unit may make a row taller for a long note
    assert ws.protection.formatColumns and ws.protection.insertRows and ws.protection.deleteRows
    assert book.security.lockStructure and not book.security.workbookPassword
    inputs = {f"{description.columns[f]}{row}" for row in description.rows for f in ("nilai", "catatan", "tindakan")}
    for name in ("pemantau", "tanggal"):  # the identity value spans the columns C to G
        row = int(description.cells[name][1:])
        inputs |= {f"{get_column_letter(col)}{row}" for col in range(3, ws.max_column + 1)}
    unlocked = {c.coordinate for line in ws.iter_rows() for c in line if not c.protection.locked}
    assert unlocked == inputs
    first = description.rows[0]
    assert ws[f"A{first}"].value == "1." and ws[f"B{first}"].value.startswith("Memberikan arahan")
    assert ws[f"D{first}"].value == "Karo PO" and ws[f"E{first}"].value is None


def test_the_hidden_description_names_the_sop_the_unit_and_the_period(tmp_path):
    definitions = shipped_copy(tmp_path)
    folder = make(definitions, tmp_path / "out").folder
    path = form_file(folder, MONEV, "evaluasi")
    book = load_workbook(path)
    assert book[meta.SHEET].sheet_state == "veryHidden"
    assert book.sheetnames == [MONEV, meta.SHEET] and book.active.title == MONEV
    (description,) = descriptions(path)
    assert (description.kind, description.nomor, description.unit, description.periode) == (
        "evaluasi",
        MONEV,
        UNIT,
        PERIODE,
    )
    assert description.definisi == (definitions / "monev-sop-ap.yaml").as_posix()
    ws = book[MONEV]
    assert [ws[f"B{row}"].value for row in description.rows][:2] == [
        "Mampu mendorong peningkatan kinerja",
        "Mudah dipahami",
    ]
    assert ws[description.cells["pemantau"]].value is None
    assert ws.print_title_rows and ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 14


def test_one_workbook_holds_a_sheet_per_sop_with_the_combined_option(tmp_path):
    folder = make(shipped_copy(tmp_path), tmp_path / "out", combined=True, units=("Bagian A", "Bagian B")).folder
    for unit in ("Bagian-A", "Bagian-B"):
        assert sorted(p.name for p in (folder / unit).iterdir()) == [
            "formulir-evaluasi.xlsx",
            "formulir-monitoring.xlsx",
        ]
    path = folder / "Bagian-B" / "formulir-monitoring.xlsx"
    found = descriptions(path)
    assert len(found) == 5 and {d.unit for d in found} == {"Bagian B"}
    assert load_workbook(path).sheetnames == [d.sheet for d in found] + [meta.SHEET]


def test_the_same_forms_give_the_same_bytes_in_every_format(tmp_path):
    document = load_sop(shipped_copy(tmp_path) / "monev-sop-ap.yaml").document
    forms = [layout(f) for f in forms_for(document, PERIODE, UNIT, "definitions/monev-sop-ap.yaml")]
    for writer in (xlsx, docx, pdf):
        first, second = io.BytesIO(), io.BytesIO()
        writer.write(forms, first)
        writer.write(forms, second)
        assert first.getvalue() == second.getvalue() and len(first.getvalue()) > 5000
