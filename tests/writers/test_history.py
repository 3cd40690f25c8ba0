"""The riwayat revisi page after the sheet of an SOP with revisions, in all three formats."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pypdf
import pytest
from conftest import VALID
from office import to_pdf

from sopgen.definition.loader import load_sop
from sopgen.layout import layout
from sopgen.writers import docx as docx_writer
from sopgen.writers import pdf as pdf_writer
from sopgen.writers import xlsx as xlsx_writer

REVISED = VALID.replace(
    "disahkan_oleh:",
    "revisi:\n"
    "  - {ke: 1, tanggal: 2021-03-01, catatan: Penyesuaian pelaksana}\n"
    "  - {ke: 2, tanggal: 2023-07-15}\n"
    "disahkan_oleh:",
)


def _laid_out(folder, text=REVISED):
    return layout(load_sop(folder(text)).document)


def _bytes(writer, document) -> bytes:
    stream = io.BytesIO()
    writer.write(document, stream)
    return stream.getvalue()


def test_an_sop_without_revisions_has_no_history_page(folder):
    pages = _laid_out(folder, VALID).pages
    assert all(page.table("riwayat") is None for page in pages)


def test_the_history_is_the_last_page_with_a_row_per_revision(folder):
    document = _laid_out(folder)
    plain = _laid_out(folder, VALID)
    assert len(document.pages) == len(plain.pages) + 1
    last = document.pages[-1]
    assert last.sheet == "Riwayat Revisi" and all(p.sheet == "SOP" for p in document.pages[:-1])
    table = last.table("riwayat")
    assert table is not None
    rows = {}
    for cell in table.cells:
        rows.setdefault(cell.row, []).append(" ".join(line.text for line in cell.lines))
    assert rows == {
        0: ["Ke", "Tanggal Revisi", "Catatan Revisi"],
        1: ["1", "Senin, 01 Maret 2021", "Penyesuaian pelaksana"],
        2: ["2", "Sabtu, 15 Juli 2023", "-"],
    }


def test_many_revisions_continue_on_a_next_page_under_the_repeated_heading(folder):
    revisions = "".join(
        f"  - {{ke: {n}, tanggal: 2020-01-{n:02d}, catatan: {'Perubahan ' * 30}}}\n" for n in range(1, 29)
    )
    document = _laid_out(folder, VALID.replace("disahkan_oleh:", "revisi:\n" + revisions + "disahkan_oleh:"))
    history = [p for p in document.pages if p.sheet == "Riwayat Revisi"]
    assert len(history) >= 2
    counts = [len(p.table("riwayat").rows) - 1 for p in history]
    assert sum(counts) == 28
    assert history[1].table("riwayat").rows[0].repeated
    for page in history:
        assert page.table("riwayat").box.bottom <= document.height - document.margins.bottom


def test_xlsx_puts_the_history_on_its_own_worksheet_numbered_on(folder):
    document = _laid_out(folder)
    book = openpyxl.load_workbook(io.BytesIO(_bytes(xlsx_writer, document)))
    assert book.sheetnames == ["SOP", "Riwayat Revisi"]
    history = book["Riwayat Revisi"]
    values = [c.value for row in history.iter_rows() for c in row if c.value is not None]
    assert values[:4] == ["Riwayat Revisi", "Ke", "Tanggal Revisi", "Catatan Revisi"]
    assert "Penyesuaian pelaksana" in values
    total = len(document.pages)
    assert history.page_setup.firstPageNumber == total
    assert history.oddFooter.right.text.endswith(f"&P dari {total}")
    assert book["SOP"].oddFooter.right.text.endswith(f"&P dari {total}")
    assert "Penyesuaian pelaksana" not in [c.value for row in book["SOP"].iter_rows() for c in row]


def test_docx_and_pdf_end_with_the_history(folder):
    document = _laid_out(folder)
    word = docx.Document(io.BytesIO(_bytes(docx_writer, document)))
    last = word.tables[-1]

    def texts(row) -> list[str]:  # a merged cell is listed once per grid column it spans
        return [c.text for c in dict.fromkeys(row.cells)]

    assert texts(last.rows[0]) == ["Ke", "Tanggal Revisi", "Catatan Revisi"]
    assert texts(last.rows[1]) == ["1", "Senin, 01 Maret 2021", "Penyesuaian pelaksana"]
    reader = pypdf.PdfReader(io.BytesIO(_bytes(pdf_writer, document)))
    assert len(reader.pages) == len(document.pages)
    text = reader.pages[-1].extract_text()
    assert "Riwayat Revisi" in text and "Penyesuaian pelaksana" in text and f"Halaman {len(document.pages)}" in text


@pytest.mark.slow
def test_libreoffice_prints_the_xlsx_history_on_the_last_page(folder, tmp_path):
    document = _laid_out(folder)
    source = tmp_path / "riwayat.xlsx"
    source.write_bytes(_bytes(xlsx_writer, document))
    assert zipfile.is_zipfile(source)
    to_pdf([source], tmp_path / "pdf", tmp_path / "profile", timeout=180)
    reader = pypdf.PdfReader(tmp_path / "pdf" / "riwayat.pdf")
    assert len(reader.pages) == len(document.pages)
    last = reader.pages[-1].extract_text()
    assert "Riwayat Revisi" in last and "Kegiatan" not in last
    assert f"Halaman {len(document.pages)} dari {len(document.pages)}" in last
