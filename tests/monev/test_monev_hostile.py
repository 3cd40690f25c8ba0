"""Definitions and options a form must survive: very long steps, characters Excel and XML treat
specially, numbers that are no sheet names, revoked SOPs, periods that are no folder names."""

from __future__ import annotations

import zipfile

from conftest import VALID
from monev_helpers import descriptions
from openpyxl import load_workbook

from sopgen.monev.layout import MAX_ROW
from sopgen.monev.make import make_forms

LONG = " ".join(["Menyiapkan bahan rapat koordinasi dengan unit terkait"] * 50)  # ~2,700 characters
TOO_LONG = " ".join(["Menyiapkan bahan rapat koordinasi dengan unit terkait"] * 140)


def _make(folder, tmp_path, periode="Semester I 2026", formats=("xlsx", "pdf", "docx")):
    return make_forms([folder.path], periode, (), formats, tmp_path / "out")


def test_a_long_step_gets_smaller_text_and_a_too_long_one_is_refused_at_its_line(folder, tmp_path):
    folder(VALID.replace("kegiatan: Memeriksa", f"kegiatan: {LONG}"), "panjang.yaml")
    folder(
        VALID.replace("nomor: X.01", "nomor: X.02").replace("kegiatan: Memeriksa", f"kegiatan: {TOO_LONG}"), "x.yaml"
    )
    report = _make(folder, tmp_path)
    made = {m.source.name: m for m in report.results}
    assert made["panjang.yaml"].status == "dibuat"
    path = next(p for p in made["panjang.yaml"].outputs if p.name == "X.01-monitoring.xlsx")
    (description,) = descriptions(path)
    ws = load_workbook(path)[description.sheet]
    heights = [ws.row_dimensions[r].height for r in description.rows]
    assert heights[1] <= MAX_ROW and heights[1] > 300
    assert ws[f"B{description.rows[1]}"].font.sz < 8  # made smaller to fit
    refused = made["x.yaml"]
    assert refused.status == "gagal" and not refused.outputs
    (error,) = refused.errors
    assert (error.line, error.column) == (14, 5) and error.message.startswith(
        "langkah 2: `kegiatan` terlalu panjang untuk satu baris Formulir Monitoring, juga dengan huruf 6 pt"
    )


def test_characters_excel_and_xml_treat_specially(folder, tmp_path):
    text = VALID.replace("nomor: X.01", 'nomor: "02/SOP/PO:2018 [&D] sangat panjang sekali ya"').replace(
        "kegiatan: Memulai", 'kegiatan: "=SUM(A1) <b>&amp;</b>"'
    )
    folder(text.replace("judul: Contoh", 'judul: "Judul & <Tanda>"'))
    report = _make(folder, tmp_path)
    (made,) = report.results
    assert made.status == "dibuat", made.errors
    path = next(p for p in made.outputs if p.suffix == ".xlsx" and "monitoring" in p.name)
    (description,) = descriptions(path)
    book = load_workbook(path)
    assert description.sheet == "02-SOP-PO-2018 [&D] sangat panj"[:31].replace("[", "-").replace("]", "-")
    ws = book[description.sheet]
    first = ws[f"B{description.rows[0]}"]
    assert first.value == "=SUM(A1) <b>&amp;</b>" and first.data_type == "s"  # text, never a formula
    assert ws.oddFooter.left.text.endswith("[&&D] sangat panjang sekali ya")  # `&D` would print the date
    docx = next(p for p in made.outputs if p.suffix == ".docx" and "monitoring" in p.name)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "=SUM(A1) &lt;b&gt;&amp;amp;&lt;/b&gt;" in xml


def test_a_revoked_sop_is_not_monitored_and_the_period_becomes_a_safe_folder_name(folder, tmp_path):
    folder(VALID + "status: dicabut\n")
    report = _make(folder, tmp_path, periode="Triwulan 1/2026: CON", formats=("xlsx",))
    (made,) = report.results
    assert made.status == "dilewati" and not made.outputs
    assert [w.message for w in made.warnings] == ["SOP dicabut: tidak dimonitor"]
    assert report.folder.name == "Triwulan-1-2026-CON" and not report.failed
