"""The example sheet profiles in contoh/: each folder builds in every format and prints its own sheet
(its labels in the right cells, its columns, header and signature block, its page count), not Kemenko's."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl
import pytest
from conformance import check
from conftest import ROOT
from pypdf import PdfReader

from sopgen.build import build
from sopgen.definition.loader import load_sop
from sopgen.pipeline import prepare

CONTOH = ROOT / "contoh"
FORMATS = ["xlsx", "docx", "pdf"]


@dataclass(frozen=True)
class Example:
    folder: str
    definition: str
    stem: str
    pages: int
    title_label: str
    title: str
    flow_title: str
    flow_labels: tuple[str, ...]
    """The first header row of the flowchart table, left to right."""
    signature: tuple[str, ...]
    """The signature block under the flowchart, line by line."""
    footer: str
    header_texts: tuple[str, ...]
    """Texts of the identity header that are this organisation's, not Kemenko's."""


EXAMPLES = [
    Example(
        folder="satpol-pp-provinsi",
        definition="penanganan-pengaduan.yaml",
        stem="300.1-07-SATPOLPP-2023",
        pages=4,
        title_label="Nama SOP",
        title="Penanganan Pengaduan Masyarakat tentang Gangguan Ketenteraman dan Ketertiban Umum",
        flow_title="7. SOP Penanganan Pengaduan Masyarakat tentang Gangguan Ketenteraman dan Ketertiban Umum",
        flow_labels=("No.", "Aktivitas", "Pelaksana", "Mutu Baku", "Keterangan"),
        signature=(
            "Kota Raya, 1 September 2023",
            "KEPALA SATUAN POLISI PAMONG PRAJA PROVINSI NUSA RAYA",
            "Drs. BAMBANG SUSILO, M.Si.",
            "Pembina Utama Muda",
            "NIP. 19700812 199003 1 004",
        ),
        footer="Halaman 2 dari 4",
        header_texts=("Tanggal Pengesahan", "Disahkan Oleh", "Agustus 2023", "1 September 2023", "Januari 2024"),
    ),
    Example(
        folder="ppid-kabupaten",
        definition="permohonan-informasi.yaml",
        stem="045-SOP-PPID-DISKOMINFO-2023",
        pages=4,
        title_label="Nama SOP",
        title="Pelayanan Permohonan Informasi Publik",
        flow_title="3. SOP Pelayanan Permohonan Informasi Publik",
        flow_labels=("NO", "Uraian Kegiatan", "Pelaksana", "Mutu Baku"),
        signature=("Sukamaju, 3 April 2023", "BUPATI SUKAMAJU,", "H. AHMAD FAUZI, S.E., M.M."),
        footer="Hal. 2 dari 4",
        header_texts=("Maret 2023", "Senin, 12 Februari 2024", "Pejabat Pengelola Informasi dan Dokumentasi (PPID)"),
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("contoh")
    paths = [CONTOH / e.folder / e.definition for e in EXAMPLES]
    report = build(paths, FORMATS, out)
    assert report.failed == 0
    return out


def test_every_example_folder_is_listed_here():
    assert sorted(p.name for p in CONTOH.iterdir() if p.is_dir()) == sorted(e.folder for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.folder)
def test_the_example_checks_with_at_most_a_free_text_waktu_warning(example):
    loaded = load_sop(CONTOH / example.folder / example.definition)
    assert all("waktu `setiap saat`" in w.message for w in loaded.warnings), [str(w) for w in loaded.warnings]
    assert loaded.document.sop.jenis is None and loaded.document.lembar.tanda_tangan is not None


def xlsx_rows(path: Path) -> list[list[str]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[str(v) for v in row if v not in (None, "")] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.folder)
def test_the_xlsx_has_the_organisations_labels_in_the_right_cells(built, example):
    rows = xlsx_rows(built / f"{example.stem}.xlsx")
    [title_row] = [r for r in rows if example.title_label in r]
    assert title_row[title_row.index(example.title_label) + 1] == example.title  # the value beside its label
    assert not any("Judul SOP" in cell or "Makro" in cell for row in rows for cell in row)
    assert [example.flow_title] in rows
    assert tuple(next(r for r in rows if r and r[0] == example.flow_labels[0])) == example.flow_labels
    for text in example.header_texts:
        assert any(text in cell for row in rows for cell in row), text
    signature = [r[0] for r in rows if len(r) == 1 and r[0] in example.signature]
    assert tuple(signature) == example.signature


def test_the_satpol_sheet_numbers_its_columns_and_has_a_wide_keterangan(built):
    rows = xlsx_rows(built / f"{EXAMPLES[0].stem}.xlsx")
    assert [str(n) for n in range(1, 12)] in rows  # No, Aktivitas, 5 lanes, 3 Mutu Baku, Keterangan
    assert any("Pengaduan diterima 24 jam, termasuk hari libur" in r for r in rows)
    sheet = openpyxl.load_workbook(built / f"{EXAMPLES[0].stem}.xlsx").worksheets[0]
    assert sheet.print_title_rows is not None and sheet.print_title_rows.count(":") == 1
    first, last = (int(part.strip("$")) for part in sheet.print_title_rows.split(":"))
    assert last - first == 2  # the two header rows and the row of column numbers repeat on every page


def test_the_ppid_sheet_has_no_keterangan_column(built):
    rows = xlsx_rows(built / f"{EXAMPLES[1].stem}.xlsx")
    assert not any(cell in ("Ket.", "Keterangan") for row in rows for cell in row)
    assert ["Persyaratan", "Waktu", "Output"] == next(r for r in rows if "Persyaratan" in r)[-3:]
    assert any("paling lambat 10 (sepuluh) hari kerja" in cell for row in rows for cell in row)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.folder)
def test_the_docx_prints_the_same_sheet(built, example):
    document = docx.Document(io.BytesIO((built / f"{example.stem}.docx").read_bytes()))
    identity = document.tables[0]
    cells = [cell.text for row in identity.rows for cell in row.cells]
    assert example.title_label in cells and example.title in cells
    assert cells.index(example.title) > cells.index(example.title_label)
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert example.flow_title in paragraphs
    assert tuple(p for p in paragraphs if p in example.signature) == example.signature
    flow = document.tables[2]
    heading = []
    for cell in flow.rows[0].cells:
        if not heading or heading[-1] != cell.text:
            heading.append(cell.text)
    assert tuple(heading) == example.flow_labels


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.folder)
def test_the_pdf_has_the_pages_of_the_layout_and_the_organisations_wording(built, example):
    reader = PdfReader(built / f"{example.stem}.pdf")
    laid_out = prepare(CONTOH / example.folder / example.definition).laid_out
    assert len(reader.pages) == len(laid_out.pages) == example.pages
    text = [page.extract_text() for page in reader.pages]
    assert example.footer in text[1]
    assert example.flow_title in "".join(text).replace("\n", " ")
    last_flow = max(i for i, page in enumerate(laid_out.pages) if page.steps)
    for line in example.signature:
        assert line in text[last_flow]
    assert "Riwayat Revisi" in text[-1]


def test_the_example_packages_pass_the_office_conformance_check(built, tmp_path):
    result = check([built], tmp_path)
    assert len(result.packages) == 2 * len(EXAMPLES)
    result.assert_clean()
