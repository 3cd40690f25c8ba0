"""Forms made, filled in as units would (good values in any case, bad values, empty forms), recapped:
the recap's counts, the recap workbook, the draft report, the history and the revise commands."""

from __future__ import annotations

import datetime as dt
import shlex
import subprocess
import sys

import pytest
from conftest import ROOT
from docx import Document
from monev_helpers import DATA, IKU, LAPORAN, MONEV, PENYUSUNAN, PERIODE, fill, form_file, make, shipped_copy
from openpyxl import load_workbook

from sopgen.monev.history import last_monitored, read_history
from sopgen.monev.recap_run import RECAP_NAME, REPORT_NAME, run_recap

DAY = dt.date(2026, 7, 15)
BAIK, TIDAK_BAIK = "Berjalan dengan baik", "Tidak berjalan dengan baik"


@pytest.fixture(scope="module")
def recapped(tmp_path_factory):
    """Five SOPs' forms, filled in: MONEV has three findings, IKU and DATA none, PENYUSUNAN is half
    done, LAPORAN is left empty."""
    root = tmp_path_factory.mktemp("monev")
    definitions = shipped_copy(root)
    folder = make(definitions, root / "out").folder
    fill(
        form_file(folder, MONEV, "monitoring"),
        "Budi Santoso",
        {
            3: ("  tidak berjalan DENGAN baik ", "Form belum baku", "Susun templat form"),  # case and spaces
            10: (TIDAK_BAIK, "Narasumber sering batal", None),
        },
        default=BAIK,
    )
    fill(form_file(folder, MONEV, "evaluasi"), "Budi Santoso", {2: ("tidak", "Istilah sulit", None)}, default="Ya")
    fill(form_file(folder, IKU, "monitoring"), "Sari", default="berjalan dengan baik")
    fill(form_file(folder, IKU, "evaluasi"), "Sari", default="YA")
    fill(form_file(folder, DATA, "monitoring"), "Dedi", default=BAIK)
    fill(form_file(folder, DATA, "evaluasi"), "Dedi", default="Ya")
    fill(form_file(folder, PENYUSUNAN, "monitoring"), "Rina", {n: (BAIK, None, None) for n in range(1, 6)})
    result = run_recap(folder, folder, definitions, DAY)
    return result, folder, definitions


def test_the_counts(recapped):
    result, folder, _ = recapped
    assert not result.errors and not result.reading.errors
    recap = result.recap
    by_number = {sop.nomor: sop for sop in recap.sops}
    assert list(by_number) == sorted(by_number, key=str.casefold) and len(by_number) == 5
    monev = by_number[MONEV]
    assert (monev.steps_well, monev.steps_not_well, monev.steps_unassessed) == (14, 2, 0)
    assert (monev.criteria_ya, monev.criteria_tidak, monev.criteria_unanswered) == (6, 1, 0)
    assert monev.revise and monev.reasons == (
        "2 penilaian langkah tidak berjalan dengan baik; 1 kriteria evaluasi dijawab Tidak"
    )
    assert [(f.kind, f.number, f.nilai, f.catatan, f.tindakan) for f in monev.findings] == [
        ("monitoring", 3, TIDAK_BAIK, "Form belum baku", "Susun templat form"),
        ("monitoring", 10, TIDAK_BAIK, "Narasumber sering batal", ""),
        ("evaluasi", 2, "Tidak", "Istilah sulit", ""),
    ]
    assert monev.findings[0].text.startswith("Menyiapkan rencana kegiatan dan form Monev SOP AP")
    assert monev.findings[0].pelaksana == "Kasubbag Tata Laksana"
    assert not by_number[IKU].revise and by_number[IKU].steps_well == 17 and by_number[IKU].criteria_ya == 7
    laporan = by_number[LAPORAN]
    assert laporan.empty_forms == 2 and not laporan.monitored and laporan.steps_assessed == 0
    penyusunan = by_number[PENYUSUNAN]
    assert (penyusunan.steps_well, penyusunan.steps_unassessed, penyusunan.empty_forms) == (5, 11, 1)
    assert [sop.nomor for sop in recap.to_revise] == [MONEV]
    assert (recap.total("steps_not_well"), recap.total("criteria_tidak"), recap.total("empty_forms")) == (2, 1, 3)
    (unit,) = recap.units
    assert unit.forms == 10 and unit.empty_forms == 3 and unit.pemantau == {"Budi Santoso", "Sari", "Dedi", "Rina"}
    assert sorted(p.name for p in result.outputs) == [REPORT_NAME, RECAP_NAME]


def test_empty_and_half_filled_forms_are_warnings_that_name_the_cells(recapped):
    result, folder, _ = recapped
    warnings = [str(w) for w in result.reading.warnings]
    empty = [w for w in warnings if "formulir belum diisi" in w]
    assert len(empty) == 3 and any(f"{LAPORAN}-monitoring.xlsx" in w for w in empty)
    (half,) = [w for w in warnings if "belum dinilai" in w]
    assert f'{PENYUSUNAN}-monitoring.xlsx: peringatan: lembar "{PENYUSUNAN}": 11 langkah belum dinilai (sel E' in half


def test_the_recap_workbook(recapped):
    _, folder, _ = recapped
    book = load_workbook(folder / RECAP_NAME)
    assert book.sheetnames[:4] == ["Ringkasan", "Temuan", "Per Unit", "Revisi"]
    summary = book["Ringkasan"]
    rows = [[c.value for c in row] for row in summary.iter_rows()]
    monev = next(r for r in rows if r[1] == MONEV)
    assert monev[4:] == [2, 0, 16, 14, 2, 0, 1, "Ya"]
    total = next(r for r in rows if r[1] == "Jumlah")
    assert total[4:] == [10, 3, 16 + 17 + 5 + 14, 14 + 17 + 5 + 14, 2, 11, 1, 1]
    assert len(summary._charts) == 1 and len(summary._charts[0].series) == 3
    findings = [[c.value for c in row] for row in book["Temuan"].iter_rows()]
    mine = [r for r in findings if r[0] == MONEV]
    assert [(r[3], r[4], r[8], r[9]) for r in mine] == [
        ("Monitoring", 3, "Form belum baku", "Susun templat form"),
        ("Monitoring", 10, "Narasumber sering batal", "(belum diisi)"),
        ("Evaluasi", 2, "Istilah sulit", "(belum diisi)"),
    ]
    revisions = [[c.value for c in row] for row in book["Revisi"].iter_rows()]
    (command,) = [r[4] for r in revisions if r[1] == MONEV]
    assert command.startswith("sopgen revise ") and "monev-sop-ap.yaml --catatan " in command
    assert book["Revisi"].max_row == next(i for i, r in enumerate(revisions, 1) if r[1] == MONEV)


def test_the_draft_report(recapped):
    _, folder, _ = recapped
    document = Document(str(folder / REPORT_NAME))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "LAPORAN MONITORING DAN EVALUASI PENERAPAN SOP AP" in text
    assert "KEMENTERIAN KOORDINATOR" in text and "PERIODE SEMESTER I 2026" in text  # from organisasi.yaml
    assert "Peraturan Menteri Pendayagunaan Aparatur Negara" in text  # the template's pendahuluan
    assert "mencakup 5 SOP AP yang diterapkan pada 1 unit organisasi, yaitu:" in text  # lines joined
    assert "Sebanyak 10 formulir diterima, 3 di antaranya belum diisi." in text
    assert "Dari 52 penilaian langkah, 2 dinilai tidak berjalan dengan baik" in text
    assert (
        "Monitoring dan Evaluasi SOP AP (OT.01.02-071-097.Set.PO): 2 penilaian langkah tidak berjalan dengan baik; "
        "1 kriteria evaluasi dijawab Tidak." in text
    )
    assert "Formulir SOP AP ini belum diisi oleh unit." in text  # LAPORAN
    assert "Tidak ada temuan: seluruh langkah yang dinilai berjalan dengan baik dan seluruh kriteria" in text
    assert "Demikian laporan monitoring dan evaluasi" in text
    tables = document.tables
    summary = tables[0]
    assert [c.text for c in summary.rows[0].cells][:3] == ["No.", "Nomor SOP", "Judul SOP"]
    assert len(summary.rows) == 1 + 5
    cells = [c.text for table in tables[1:] for row in table.rows for c in row.cells]
    assert "Form belum baku" in cells and "Susun templat form" in cells and "Istilah sulit" in cells
    assert any(c.startswith("Langkah 3: Menyiapkan rencana kegiatan") for c in cells)
    assert any(c.startswith("Kriteria 2: Mudah dipahami") for c in cells)


def test_the_history_and_the_revise_command_link_back_to_the_definitions(recapped, tmp_path):
    _, folder, definitions = recapped
    (entry,) = read_history(definitions)
    assert (entry.periode, entry.tanggal) == (PERIODE, DAY)
    assert sorted(entry.sop) == sorted([MONEV, IKU, PENYUSUNAN, DATA])  # not LAPORAN: left empty
    assert last_monitored(definitions)[MONEV.lower()].periode == PERIODE
    command = next(r[4].value for r in load_workbook(folder / RECAP_NAME)["Revisi"].iter_rows() if r[1].value == MONEV)
    args = shlex.split(command)
    assert args[:2] == ["sopgen", "revise"]
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", *args[1:]], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    assert "revisi ke-1 ditambahkan" in done.stdout
    text = (definitions / "monev-sop-ap.yaml").read_text(encoding="utf-8")
    assert "Perbaikan hasil Monev SOP AP Semester I 2026: 2 penilaian langkah" in text


def test_a_second_recap_of_the_same_period_replaces_its_history_and_gives_the_same_files(recapped):
    result, folder, definitions = recapped
    before = {p.name: p.read_bytes() for p in result.outputs}
    again = run_recap(folder, folder, definitions, DAY + dt.timedelta(days=1))
    assert not again.errors
    assert {p.name: p.read_bytes() for p in again.outputs} == before  # the recap does not depend on the day
    (entry,) = read_history(definitions)
    assert entry.tanggal == DAY + dt.timedelta(days=1)
