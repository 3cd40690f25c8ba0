"""What a Monev form holds and how it is laid out: built from the shipped SOPs."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEFINITIONS, shipped

from sopgen import fontmetrics
from sopgen.definition.loader import load_sop
from sopgen.layout import style
from sopgen.monev.forms import KRITERIA, PENILAIAN, forms_for
from sopgen.monev.layout import INPUT_FILL, MIN_BODY, PRINT_NOTE, layout

PERIODE = "Semester I 2026"


def _forms(path: Path, unit: str = "Biro Contoh"):
    document = load_sop(path).document
    return document, forms_for(document, PERIODE, unit, path.as_posix())


def test_monitoring_form_lists_every_step_with_its_actors():
    document, (monitoring, evaluation) = _forms(DEFINITIONS / "monev-sop-ap.yaml")
    assert monitoring.title == "Formulir Monitoring Pelaksanaan SOP AP"
    assert len(monitoring.items) == len(document.sop.langkah) == 16
    assert monitoring.items[0].number == 1 and monitoring.items[0].text.startswith("Memberikan arahan kepada Kabag")
    assert monitoring.items[0].pelaksana == "Karo PO"
    assert monitoring.items[9].pelaksana == "Kabag Ortala, Kasubbag Tata Laksana, Unit Organisasi terkait"
    assert monitoring.choices == PENILAIAN == ("Berjalan dengan baik", "Tidak berjalan dengan baik")
    identity = monitoring.identity
    assert (identity.nomor, identity.unit, identity.periode, identity.kertas) == (
        "OT.01.02-071-097.Set.PO",
        "Biro Contoh",
        PERIODE,
        "F4",
    )
    assert evaluation.title == "Formulir Evaluasi Penerapan SOP AP"
    assert [item.text for item in evaluation.items] == list(KRITERIA) and len(KRITERIA) == 7
    assert evaluation.choices == ("Ya", "Tidak")


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_every_printed_row_is_on_a_page_inside_the_margins(path):
    _, forms = _forms(path)
    for form in forms:
        laid = layout(form)
        assert sum(laid.columns) == pytest.approx(laid.width - laid.margins.left - laid.margins.right)
        top, bottom = laid.margins.top, laid.height - laid.margins.bottom
        seen: dict[int, int] = {}
        for page in laid.pages:
            for cell in page.cells:
                assert top - 0.01 <= cell.box.y and cell.box.bottom <= bottom + 0.01
                for line in cell.lines:  # every line of text inside its cell
                    assert cell.box.x <= line.x and line.x + fontmetrics.width(line.text, line.size) <= cell.box.right
                    assert cell.box.y < line.baseline < cell.box.bottom
                if cell.col == 0 and cell.row not in laid.header_rows:
                    seen[cell.row] = seen.get(cell.row, 0) + 1
        body = [i for i, row in enumerate(laid.rows) if row.kind == "body"]
        assert [seen.get(i) for i in body] == [1] * len(form.items)  # each step exactly once
        for index in body:
            assert laid.rows[index].height >= MIN_BODY[form.kind]
        later = laid.pages[1:]
        for page in later:  # the heading row starts every further page
            assert min(c.box.y for c in page.cells) == pytest.approx(top)
            assert any(c.row in laid.header_rows for c in page.cells)


def test_a_choice_cell_is_a_drop_down_in_the_sheet_and_a_list_to_strike_out_on_paper():
    _, (monitoring, evaluation) = _forms(DEFINITIONS / "monev-sop-ap.yaml")
    laid = layout(monitoring)
    choice = next(s for s in laid.slots if s.choices)
    assert choice.input and choice.sheet_paras == () and choice.sheet_fill == INPUT_FILL
    assert [p.text for p in choice.paras] == ["Berjalan dengan baik /", "Tidak berjalan dengan baik *)"]
    assert choice.fill is None  # white on paper
    short = next(s for s in layout(evaluation).slots if s.choices)
    assert [p.text for p in short.paras] == ["Ya / Tidak *)"]  # fits on one line
    notes = {laid.rows[s.row].media: s.paras[0].text for s in laid.slots if laid.rows[s.row].kind == "note"}
    assert notes["print"] == PRINT_NOTE  # the paper's note, not in the sheet
    assert "dipilih dari daftar" in notes["sheet"]  # the sheet's instruction, not on paper
    assert laid.rows_for("sheet") != laid.rows_for("print")


def test_column_widths_are_whole_pixels_so_the_sheet_matches_the_layout():
    _, forms = _forms(DEFINITIONS / "penyusunan-iku.yaml")
    for form in forms:
        laid = layout(form)
        for width in laid.columns[:-1]:
            assert width / style.PX == pytest.approx(round(width / style.PX))


def test_an_sop_on_a4_gets_a4_forms(folder):
    path = folder(Path(DEFINITIONS / "monev-sop-ap.yaml").read_text(encoding="utf-8") + "kertas: A4\n", "a4.yaml")
    _, (monitoring, _) = _forms(path)
    laid = layout(monitoring)
    assert laid.paper == "A4" and laid.width == pytest.approx(841.89, abs=0.01)
    assert len(laid.pages) >= 2
