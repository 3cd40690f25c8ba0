"""The register (`daftar-sop.xlsx`) as a clerk prints and sorts it, and the SOP sheet as it opens."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
from conftest import DEFINITIONS, VALID, shipped
from openpyxl.styles.numbers import is_date_format

from sopgen.book import collect, write_register
from sopgen.build import output_stems
from sopgen.pipeline import prepare
from sopgen.writers import xlsx as xlsx_writer

REVISED = VALID.replace(
    "tanggal_pembuatan: 2020-01-15\n",
    "tanggal_pembuatan: 2020-01-15\n"
    "tanggal_efektif: 2020-02-03\n"
    "revisi:\n"
    "  - {ke: 1, tanggal: 2020-06-01, catatan: Penyesuaian nama jabatan}\n"
    "  - {ke: 2, tanggal: 2021-03-04, catatan: Waktu pemeriksaan dipersingkat menjadi satu jam}\n",
)
LONG_TITLE = (
    "Penyusunan, penelaahan, penetapan dan penyampaian rencana kerja tahunan beserta anggaran, "
    "indikator kinerja dan laporan pelaksanaannya kepada pimpinan"
)
OLD_CAPTIONS = [
    "No.",
    "Nomor SOP",
    "Judul SOP",
    "Jenis",
    "Unit",
    "Tanggal Pembuatan",
    "Tanggal Efektif",
    "Tanggal Revisi Terakhir",
    "Revisi ke",
    "Jumlah Langkah",
    "Total Waktu (1 hari = 8 jam kerja)",
    "Total (menit)",
    "PDF",
    "XLSX",
    "DOCX",
]


def register_of(paths, target):
    chapters, problems = collect(paths, output_stems(paths))
    assert not problems
    write_register(chapters, target)
    return openpyxl.load_workbook(target).active


def column(ws, caption: str) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == caption)


def row_of(ws, nomor: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column(ws, "Nomor SOP")).value == nomor)


def test_the_register_prints_landscape_one_page_wide_with_the_header_on_every_page(tmp_path):
    ws = register_of(shipped(), tmp_path / "daftar.xlsx")
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.paperSize == 14  # the shipped SOPs are on F4 (Folio)
    assert "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text


def test_the_register_is_printed_on_the_sops_paper(folder, tmp_path):
    (folder.path / "organisasi.yaml").write_text("instansi: [KEMENTERIAN CONTOH]\nkertas: A4\n", encoding="utf-8")
    ws = register_of([folder(VALID)], tmp_path / "daftar.xlsx")
    assert ws.page_setup.paperSize == 9


def test_dates_are_excel_dates_and_the_last_revision_note_has_a_column(folder, tmp_path):
    revised = folder(REVISED, "revisi.yaml")
    plain = folder(VALID.replace("X.01", "X.02"), "polos.yaml")
    ws = register_of([revised, plain], tmp_path / "daftar.xlsx")
    row = row_of(ws, "X.01")
    expected = {
        "Tanggal Pembuatan": dt.date(2020, 1, 15),
        "Tanggal Efektif": dt.date(2020, 2, 3),
        "Tanggal Revisi Terakhir": dt.date(2021, 3, 4),
    }
    for caption, day in expected.items():
        cell = ws.cell(row, column(ws, caption))
        assert isinstance(cell.value, dt.datetime | dt.date), (caption, cell.value)
        assert cell.value == dt.datetime.combine(day, dt.time()) and is_date_format(cell.number_format)
    assert ws.cell(row, column(ws, "Revisi ke")).value == 2
    note = column(ws, "Catatan Revisi Terakhir")
    assert ws.cell(row, note).value == "Waktu pemeriksaan dipersingkat menjadi satu jam"
    unrevised = row_of(ws, "X.02")
    assert ws.cell(unrevised, note).value == "-"
    assert ws.cell(unrevised, column(ws, "Tanggal Revisi Terakhir")).value == "-"


def test_rows_are_as_tall_as_their_wrapped_text(folder, tmp_path):
    short = folder(VALID, "pendek.yaml")
    long = folder(VALID.replace("X.01", "X.02").replace("judul: Contoh", f"judul: {LONG_TITLE}"), "panjang.yaml")
    ws = register_of([short, long], tmp_path / "daftar.xlsx")
    short_height = ws.row_dimensions[row_of(ws, "X.01")].height
    long_height = ws.row_dimensions[row_of(ws, "X.02")].height
    assert long_height is not None and long_height > 15  # Excel's default row height
    assert short_height is not None and long_height >= short_height + 2 * 11
    assert ws.cell(row_of(ws, "X.02"), column(ws, "Judul SOP")).alignment.wrap_text


def test_the_old_columns_and_links_stay(tmp_path):
    target = tmp_path / "daftar.xlsx"
    ws = register_of(shipped(), target)
    captions = [ws.cell(1, c).value for c in range(1, ws.max_column + 1)]
    assert [c for c in captions if c in OLD_CAPTIONS] == OLD_CAPTIONS
    assert captions[-3:] == ["PDF", "XLSX", "DOCX"]
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(captions))}6"
    assert ws.freeze_panes == "A2"
    row = row_of(ws, "OT.01.02-005-097.Set.PO")
    assert ws.cell(row, column(ws, "Jumlah Langkah")).value == 17
    for suffix in ("pdf", "xlsx", "docx"):
        link = ws.cell(row, column(ws, suffix.upper())).hyperlink
        assert link.target == f"OT.01.02-005-097.Set.PO.{suffix}"
    again = tmp_path / "lagi.xlsx"
    register_of(shipped(), again)
    assert again.read_bytes() == target.read_bytes()


def test_an_sop_sheet_opens_at_a1_on_its_identity_block():
    document = prepare(DEFINITIONS / "monev-sop-ap.yaml").laid_out
    buffer = io.BytesIO()
    xlsx_writer.write(document, buffer)
    ws = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    view = ws.sheet_view
    assert view.topLeftCell in (None, "A1")
    pane = view.pane
    if pane is not None:  # a frozen band may stay only if it skips no row below it
        assert int(re.sub(r"\D", "", pane.topLeftCell or "A1")) == int(pane.ySplit or 0) + 1
    assert re.fullmatch(r"\$\d+:\$\d+", ws.print_title_rows)  # the header still prints on every page
    sheet = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).read("xl/worksheets/sheet1.xml").decode()
    assert 'topLeftCell="A12"' not in sheet and not re.search(r'<sheetView [^>]*topLeftCell="(?!A1")', sheet)
