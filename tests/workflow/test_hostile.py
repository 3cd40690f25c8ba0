"""Hostile and extreme input: markup, formulas, emoji, RTL, control characters, unsafe names,
very long texts, many steps, many lanes, one step. Every output stays valid and nothing leaks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.dom import minidom

import docx
import openpyxl
import pytest
from conftest import VALID
from layout_checks import problems
from pypdf import PdfReader
from ruamel.yaml import YAML

from sopgen.build import build
from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.files import safe_stem
from sopgen.layout import MIN_FONT, layout
from sopgen.samples import ORGANISATION, definition
from sopgen.writers import get

HOSTILE = (
    'Program & <Anggaran> "kutip" \'tunggal\' </w:t><w:b/> ]]> =HYPERLINK("http://x") '
    "😀🇮🇩 עברית العربية \u200bnol\u200d-lebar \u202eterbalik\u202c"
)


def write_definition(folder: Path, data: dict, name: str = "sop.yaml") -> Path:
    yaml = YAML()
    if not (folder / "organisasi.yaml").exists():
        with (folder / "organisasi.yaml").open("w", encoding="utf-8") as stream:
            yaml.dump(ORGANISATION, stream)
    path = folder / name
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return path


def all_outputs(path: Path) -> dict[str, bytes]:
    document = layout(load_sop(path).document)
    found = {}
    for name in ("xlsx", "docx", "pdf"):
        buffer = io.BytesIO()
        get(name).write(document, buffer)
        found[name] = buffer.getvalue()
    return found


def assert_valid(outputs: dict[str, bytes]) -> None:
    for name in ("xlsx", "docx"):
        with zipfile.ZipFile(io.BytesIO(outputs[name])) as package:
            for part in package.namelist():
                if part.endswith((".xml", ".rels")):
                    minidom.parseString(package.read(part))  # raises on invalid XML
    openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    docx.Document(io.BytesIO(outputs["docx"]))
    assert len(PdfReader(io.BytesIO(outputs["pdf"])).pages) >= 1


def test_hostile_text_stays_text_in_every_format(tmp_path):
    data = definition(1, steps=6, lanes=3)
    data["judul"] = HOSTILE
    data["langkah"][1]["kegiatan"] = HOSTILE
    data["pelaksana"]["p1"] = "Kasubbag Program & Anggaran <Data>"
    path = write_definition(tmp_path, data)
    outputs = all_outputs(path)
    assert_valid(outputs)
    sheet = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"])).active
    cells = {c.coordinate: c for row in sheet.iter_rows() for c in row if c.value == HOSTILE}
    assert cells and all(c.data_type == "s" for c in cells.values())  # never a formula
    texts = [
        p.text
        for t in docx.Document(io.BytesIO(outputs["docx"])).tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
    ]
    assert HOSTILE in texts
    body = zipfile.ZipFile(io.BytesIO(outputs["docx"])).read("word/document.xml").decode()
    assert body.count("<w:b/>") == body.count("<w:b/><w:bCs/>")  # the text's "<w:b/>" is escaped
    assert "Kasubbag Program &amp; Anggaran &lt;Data&gt;" in body
    pdf_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    assert "Program & <Anggaran>" in pdf_text


def test_characters_the_pdf_font_lacks_are_warned_about(tmp_path):
    data = definition(1, steps=3, lanes=2)
    data["langkah"][0]["kegiatan"] = "Rapat 😀 dan عربي עברית"
    loaded = load_sop(write_definition(tmp_path, data))
    [warning] = [w for w in loaded.warnings if "huruf PDF" in w.message]
    assert "😀" in warning.message and "ع" in warning.message and "ע" not in warning.message


def test_control_characters_never_reach_an_output(tmp_path):
    data = definition(2, steps=4, lanes=2)
    data["langkah"][0]["kegiatan"] = "Memulai\x00\x07\x1b rapat\x0b"
    path = write_definition(tmp_path, data)
    loaded = load_sop(path)
    assert loaded.document.sop.langkah[0].kegiatan == "Memulai rapat"
    assert any("karakter kendali" in w.message for w in loaded.warnings)
    assert_valid(all_outputs(path))


@pytest.mark.parametrize(
    "nomor",
    [
        "../../etc/passwd",
        "a/b\\c:d*e?f",
        "CON",
        "con.txt",
        "LPT1",
        "..",
        " . ",
        "x" * 400,
        "Nomor/..\\..\\keluar",
        "ÉÑÇ-ÖØ",
    ],
)
def test_unsafe_numbers_give_safe_names_inside_the_output_folder(tmp_path, nomor):
    definitions = tmp_path / "definisi"
    definitions.mkdir()
    data = definition(3, steps=3, lanes=2)
    data["nomor"] = nomor
    write_definition(definitions, data)
    out = tmp_path / "keluar"
    report = build([definitions], ["pdf"], out)
    assert report.failed == 0, [str(d) for r in report.results for d in r.errors]
    [written] = report.results[0].outputs
    assert written.parent == out and written.resolve().is_relative_to(out.resolve())
    stem = written.stem
    assert stem and len(stem) <= 100 and stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "LPT1"}
    assert not set(stem) & set('<>:"/\\|?*') and not stem.startswith(".")


def test_safe_stem_rules():
    assert safe_stem("OT.01.02-071-097.Set.PO") == "OT.01.02-071-097.Set.PO"
    assert safe_stem("../../x") == "x"
    assert safe_stem("CON") == "_CON"
    assert safe_stem("???") == "sop"


def test_a_2000_character_activity_lays_out_inside_its_cell(folder):
    text = ("Menyusun konsep laporan kinerja program kegiatan dan anggaran beserta lampirannya " * 25)[:2000]
    document = layout(load_sop(folder(VALID.replace("kegiatan: Memeriksa", f"kegiatan: {text}"))).document)
    assert problems(document) == []


def test_text_too_long_for_a_page_is_refused_with_a_message(folder):
    path = folder(VALID.replace("kegiatan: Memeriksa", "kegiatan: " + "kata " * 3000))
    with pytest.raises(UserError) as caught:
        layout(load_sop(path).document)
    [diagnostic] = caught.value.diagnostics
    assert diagnostic.line == 14 and f"huruf terkecil {MIN_FONT:g} pt" in diagnostic.message


def test_long_text_shrinks_before_it_is_refused(folder):
    path = folder(VALID.replace("kegiatan: Memeriksa", "kegiatan: " + "kata " * 1100))
    document = layout(load_sop(path).document)
    sizes = {
        line.size
        for page in document.pages
        for block in page.blocks
        if hasattr(block, "cells")
        for cell in block.cells
        for line in cell.lines
        if line.text.startswith("kata")
    }
    assert sizes and max(sizes) < 8 and min(sizes) >= MIN_FONT
    assert problems(document) == []


@pytest.mark.parametrize(
    "steps,lanes,paper", [(120, 5, "F4"), (1, 1, "F4"), (20, 12, "F4"), (20, 12, "A4"), (30, 7, "Legal")]
)
@pytest.mark.slow
def test_extreme_sizes_lay_out_and_write(tmp_path, steps, lanes, paper):
    data = definition(4, steps=steps, lanes=lanes)
    data["kertas"] = paper
    path = write_definition(tmp_path, data)
    document = layout(load_sop(path).document)
    assert problems(document) == []
    assert [s for p in document.pages for s in p.steps] == list(range(steps))
    if steps in (1, 120):
        assert_valid(all_outputs(path))
