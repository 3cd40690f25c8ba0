"""The draft decree as DOCX: it passes the offline Office conformance check of ../shared/ooxml (skipped
with a message where that folder is absent), LibreOffice opens it, and its paragraphs carry the
layout's indents and tab stops so Word wraps them as the PDF does."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from conformance import check
from conftest import DEFINITIONS, shipped
from office import to_pdf

from sopgen.book import collect, plan_book, write_draft
from sopgen.build import output_stems
from sopgen.decree import draft, read_decree
from sopgen.layout.book import DecreeLayout, WordPara, WordTable


def draft_of(sources: list[Path]) -> DecreeLayout:
    chapters, problems = collect(sources, output_stems(sources))
    assert not problems
    plan = plan_book(chapters)
    assert plan.draft is not None
    return plan.draft


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> list[Path]:
    """The shipped draft, and one with every optional part and a long attachment (two pages of it)."""
    root = tmp_path_factory.mktemp("draf")
    written = list(write_draft(draft_of(shipped()), root / "dikirim"))
    decree = (DEFINITIONS / "keputusan.yaml").read_text(encoding="utf-8")
    decree = decree.replace("# nomor:", "nomor:").replace("# tanggal:", "tanggal:")
    decree += "memperhatikan:\n  - Hasil rapat & evaluasi <2018>\ndiktum:\n  - Diktum tambahan yang panjang.\n"
    (root / "keputusan.yaml").write_text(decree, encoding="utf-8")
    chapters, _ = collect(shipped(), output_stems(shipped()))
    documents = [c.document for c in chapters]
    for number in range(14):  # more SOPs than one page of the attachment holds
        sop = documents[number % 5].sop
        documents.append(replace(documents[number % 5], sop=sop.model_copy(update={"nomor": f"OT.{100 + number}"})))
    written += write_draft(draft(read_decree(root / "keputusan.yaml"), documents, 2018), root / "panjang")
    return written


def test_the_draft_paragraphs_keep_the_layouts_columns(drafts):
    docx = drafts[0]
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert "<w:tbl>" in xml and xml.count("<w:tblHeader/>") == 1
    assert "Menimbang" in xml and "MEMUTUSKAN:" in xml and "LAMPIRAN" in xml
    layout = draft_of(shipped())
    items = [p for p in layout.body if isinstance(p, WordPara) and p.tabs]
    assert items and all(round(p.left * 20) == round(p.hanging * 20) for p in items)
    tabs = {tuple(round(t * 20) for t in p.tabs) for p in items}
    for stops in tabs:
        assert all(f'w:pos="{stop}"' in xml for stop in stops)
    # the PDF puts the text where Word's hanging indent does
    page = layout.pages[0]
    label = next(t for t in page.texts if t.text == "Menimbang")
    mark = next(t for t in page.texts if t.text == "a." and t.baseline == label.baseline)
    text = next(t for t in page.texts if t.baseline == label.baseline and t.text.startswith("bahwa"))
    first = next(p for p in items if p.runs[0][0] == "Menimbang")
    assert mark.x - layout.margins.left == pytest.approx(first.tabs[1])
    assert text.x - layout.margins.left == pytest.approx(first.left)
    assert any(isinstance(item, WordTable) for item in layout.body)


def test_the_draft_is_the_same_every_time(drafts, tmp_path):
    again = write_draft(draft_of(shipped()), tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in drafts[:2]]


def test_the_long_draft_reads_its_settings_and_escapes_what_xml_cannot_hold(drafts):
    xml = zipfile.ZipFile(drafts[2]).read("word/document.xml").decode()
    assert "Hasil rapat &amp; evaluasi &lt;2018&gt;" in xml and "Memperhatikan" in xml
    extra, last = xml.index("Diktum tambahan yang panjang."), xml.index("Keputusan ini mulai berlaku")
    assert xml.rindex("KETIGA", 0, extra) > xml.rindex("KEDUA", 0, extra) and "KEEMPAT" in xml[extra:last]
    assert "2 Mei 2018" in xml and "NOMOR 12 TAHUN 2018" in xml
    assert read_decree(DEFINITIONS / "keputusan.yaml").tanggal is None


def test_the_draft_passes_the_office_conformance_check(drafts, tmp_path):
    result = check([p for p in drafts if p.suffix == ".docx"], tmp_path)
    result.assert_clean()
    assert len(result.packages) == 2
    assert all(p["parts_checked"] == p["parts_schema_valid"] > 10 for p in result.packages)


@pytest.mark.slow
def test_libreoffice_opens_the_draft_with_its_pages_and_text(drafts, tmp_path):
    from pypdf import PdfReader

    for docx in (drafts[0], drafts[2]):
        to_pdf([docx], tmp_path, tmp_path / "profil", timeout=180)
        converted = PdfReader(tmp_path / f"{docx.stem}.pdf")
        ours = PdfReader(docx.with_suffix(".pdf"))
        assert abs(len(converted.pages) - len(ours.pages)) <= 1
        text = "\n".join(page.extract_text() for page in converted.pages)
        for words in ("KEPUTUSAN KEPALA BIRO PERENCANAAN DAN ORGANISASI", "MEMUTUSKAN:", "LAMPIRAN", "Janiruddin"):
            assert words in text
        assert re.search(r"- 2 -", text)  # the page number from the second page on
        box = converted.pages[0].mediabox
        assert float(box.width) < float(box.height)  # upright
        (tmp_path / f"{docx.stem}.pdf").unlink()
