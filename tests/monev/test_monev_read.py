"""Reading filled forms back: every problem named by file, sheet and cell, in Indonesian; nothing written
while a form is wrong."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from monev_helpers import IKU, MONEV, PERIODE, descriptions, fill, form_file, make, shipped_copy
from openpyxl import Workbook, load_workbook

from sopgen.monev import meta
from sopgen.monev.history import history_path
from sopgen.monev.read import read_folder
from sopgen.monev.recap_run import RECAP_NAME, REPORT_NAME, run_recap
from sopgen.monev.recap_xlsx import write as write_recap

DAY = dt.date(2026, 7, 1)
BAIK = "Berjalan dengan baik"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """The shipped SOPs' forms (XLSX), made once for the module; MONEV's and IKU's filled in well."""
    root = tmp_path_factory.mktemp("pristine")
    definitions = shipped_copy(root)
    folder = make(definitions, root / "out").folder
    fill(form_file(folder, MONEV, "monitoring"), "Budi", default=BAIK)
    fill(form_file(folder, MONEV, "evaluasi"), "Budi", default="Ya")
    fill(form_file(folder, IKU, "monitoring"), "Sari", default=BAIK)
    return root


@pytest.fixture
def forms(pristine, tmp_path):
    """A copy of the pristine forms and definitions, for one test to change."""
    shutil.copytree(pristine / "definitions", tmp_path / "definitions")
    shutil.copytree(pristine / "out", tmp_path / "out")
    return tmp_path / "out" / "Semester-I-2026", tmp_path / "definitions"


def _nothing_written(folder, definitions) -> None:
    assert not (folder / RECAP_NAME).exists() and not (folder / REPORT_NAME).exists()
    assert not history_path(definitions).exists()
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def _set(path, ref: str, value) -> None:
    book = load_workbook(path)
    (description,) = descriptions(path)
    book[description.sheet][ref] = value
    book.save(path)


def _row(path, item: int) -> int:
    (description,) = descriptions(path)
    return description.rows[item - 1]


def test_a_value_outside_the_list_names_file_sheet_and_cell_and_nothing_is_written(forms):
    folder, definitions = forms
    monitoring = form_file(folder, MONEV, "monitoring")
    evaluation = form_file(folder, MONEV, "evaluasi")
    _set(monitoring, f"E{_row(monitoring, 4)}", "Baik sekali")
    _set(evaluation, f"D{_row(evaluation, 2)}", 1)
    _set(evaluation, f"D{_row(evaluation, 3)}", "=D12")
    result = run_recap(folder, folder, definitions, DAY)
    assert result.failed and result.recap is None
    messages = [str(d) for d in result.reading.errors]
    assert messages == [
        f'{evaluation}: lembar "{MONEV}", sel D{_row(evaluation, 2)}: berisi `1`, bukan pilihan yang sah; '
        "pilih `Ya` atau `Tidak` dari daftar",
        f'{evaluation}: lembar "{MONEV}", sel D{_row(evaluation, 3)}: berisi rumus `=D12`; '
        "pilih `Ya` atau `Tidak` dari daftar",
        f'{monitoring}: lembar "{MONEV}", sel E{_row(monitoring, 4)}: nilai `Baik sekali` tidak dikenal; '
        "pilih `Berjalan dengan baik` atau `Tidak berjalan dengan baik` dari daftar",
    ]
    _nothing_written(folder, definitions)


def test_unreadable_foreign_and_other_format_files(forms, tmp_path):
    folder, definitions = forms
    broken = folder / "rusak.xlsx"
    broken.write_bytes(b"PK\x03\x04 ini bukan buku kerja")
    book = Workbook()
    book.active["A1"] = "catatan lain"
    book.save(folder / "catatan.xlsx")
    (folder / "isian.ods").write_bytes(b"ods")
    (folder / "~$OT.xlsx").write_bytes(b"kunci Excel")  # Excel's lock file of an open workbook: ignored
    reading = read_folder(folder)
    assert [str(d) for d in reading.errors] == [
        f"{broken}: tidak dapat dibaca sebagai buku kerja Excel (.xlsx): berkas rusak, berkata sandi, atau bukan "
        "XLSX. Simpan ulang dari Excel sebagai Buku Kerja Excel (.xlsx)"
    ]
    warnings = [str(d) for d in reading.warnings if "belum diisi" not in str(d)]
    assert warnings == [
        f"{folder / 'catatan.xlsx'}: peringatan: bukan formulir Monev buatan sopgen; dilewati",
        f"{folder / 'isian.ods'}: peringatan: berkas .ods tidak dibaca; simpan ulang sebagai Buku Kerja Excel (.xlsx) "
        "agar ikut direkap",
    ]
    assert reading.files == 10 and len(reading.forms) == 10
    result = run_recap(folder, folder, definitions, DAY)
    assert result.failed
    _nothing_written(folder, definitions)


def test_a_copied_form_a_moved_row_and_a_damaged_description(forms):
    folder, definitions = forms
    original = form_file(folder, MONEV, "monitoring")
    copy = folder / "salinan" / "copy of form.xlsx"
    copy.parent.mkdir()
    shutil.copy2(original, copy)
    iku = form_file(folder, IKU, "monitoring")
    _set(iku, f"A{_row(iku, 2)}", "7.")
    evaluation = form_file(folder, IKU, "evaluasi")
    book = load_workbook(evaluation)
    damaged = json.loads(book[meta.SHEET]["B2"].value)
    del damaged["nomor"]
    book[meta.SHEET]["B2"] = json.dumps(damaged)
    book.save(evaluation)
    result = run_recap(folder, folder, definitions, DAY)
    messages = [str(d) for d in result.reading.errors + result.errors]
    assert f'{evaluation}: lembar tersembunyi "{meta.SHEET}", baris 2: keterangan `nomor` hilang' in messages
    assert (
        f'{iku}: lembar "{IKU}", sel A{_row(iku, 2)}: seharusnya nomor 2; susunan baris formulir telah diubah. '
        "Salin isian ke formulir baru dari `sopgen monev buat`" in messages
    )
    assert (
        f'{copy}: lembar "{MONEV}": formulir monitoring SOP {MONEV} unit Biro Perencanaan dan Organisasi sudah ada '
        f'di {original} (lembar "{MONEV}"); simpan satu saja'
        in messages
        or f'{original}: lembar "{MONEV}": formulir monitoring SOP {MONEV} unit Biro Perencanaan dan Organisasi '
        f'sudah ada di {copy} (lembar "{MONEV}"); simpan satu saja'
        in messages
    )
    _nothing_written(folder, definitions)


def test_forms_of_two_periods_are_not_recapped_together(forms, tmp_path):
    folder, definitions = forms
    make(definitions, tmp_path / "lain", periode="Semester II 2026")
    shutil.copytree(tmp_path / "lain", folder / "lain")
    result = run_recap(folder, folder, definitions, DAY)
    assert [d.message for d in result.errors] == [
        "formulir dari beberapa periode (`Semester I 2026`, `Semester II 2026`); rekap satu periode per folder"
    ]
    _nothing_written(folder, definitions)


def test_no_forms_no_definitions_folder_and_no_history(forms, tmp_path):
    folder, definitions = forms
    empty = tmp_path / "kosong"
    empty.mkdir()
    result = run_recap(empty, empty, definitions, DAY)
    assert [d.message for d in result.errors] == [
        "tidak ada formulir Monev di folder ini; buat dengan `sopgen monev buat`"
    ]
    result = run_recap(folder, folder, tmp_path / "tidak-ada", DAY)
    assert "--tanpa-riwayat" in result.errors[0].message and result.recap is None
    result = run_recap(folder, folder, tmp_path / "tidak-ada", DAY, keep_history=False)  # --tanpa-riwayat
    assert not result.failed and result.history is None and len(result.outputs) == 2
    result = run_recap(folder, folder, definitions, DAY, keep_history=False)
    assert not result.failed and result.history is None and not history_path(definitions).exists()
    assert result.recap is not None and result.recap.periode == PERIODE


def test_the_recap_workbook_is_never_read_as_a_form(tmp_path):
    folder = tmp_path / "rekap"
    folder.mkdir()
    from sopgen.monev.recap import Recap

    write_recap(Recap(PERIODE, [], []), folder / "rekap-lama.xlsx")
    reading = read_folder(folder)
    assert reading.files == 0 and not reading.errors and not reading.warnings


def test_a_definition_changed_since_the_forms_were_made_is_a_warning(forms):
    folder, definitions = forms
    path = definitions / "monev-sop-ap.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "  - kegiatan: Langkah baru\n    pelaksana: karo\n", encoding="utf-8")
    result = run_recap(folder, folder, definitions, DAY)
    assert not result.failed
    (changed,) = [str(w) for w in result.warnings if "berubah" in str(w)]
    assert "formulir berisi 16 langkah" in changed and "kini 17 langkah" in changed
