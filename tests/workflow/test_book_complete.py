"""The complete SOP book (issue 10): cover, decree, contents, explanation, sheets and the index of
actors, in this order, with bookmarks that follow it and page numbers that run through it; read back
from the PDF the way a reader's viewer sees it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from conftest import DEFINITIONS, ROOT, shipped
from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from sopgen.book import book_parts, collect, plan_book, write_book, write_draft
from sopgen.build import output_stems
from sopgen.discovery import discover
from sopgen.layout.paper import MM

SIGNED_TEXT = "KEPUTUSAN INI TELAH DITANDATANGANI"
F4_UPRIGHT = (215 * MM, 330 * MM)


def signed_decree(target: Path, pages: int = 3) -> Path:
    """A stand-in for the scanned, signed decree: upright F4 pages; the second is stored turned
    (/Rotate 90), the third with a crop box that does not start at the origin."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=F4_UPRIGHT, invariant=1)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawCentredString(F4_UPRIGHT[0] / 2, 800, f"{SIGNED_TEXT} {number}")
        canvas.showPage()
    canvas.save()
    writer = PdfWriter(clone_from=io.BytesIO(buffer.getvalue()))
    if pages >= 2:
        writer.pages[1].rotate(90)
    if pages >= 3:
        writer.pages[2].cropbox.lower_left = (10, 20)
    writer.write(target)
    return target


@pytest.fixture(scope="module")
def complete(tmp_path_factory) -> tuple[Path, list, Path]:
    """The shipped definitions (with their keputusan.yaml and penjelasan.yaml) plus a signed decree."""
    root = tmp_path_factory.mktemp("lengkap")
    folder = root / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    signed_decree(folder / "keputusan.pdf")
    sources, _ = discover([folder])
    chapters, problems = collect(sources, output_stems(sources))
    assert not problems
    target = root / "buku-sop.pdf"
    write_book(chapters, target)
    return target, chapters, folder


def flat_outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    found: list[tuple[int, str, int]] = []

    def walk(items, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return found


def test_the_book_has_all_five_parts_in_order_with_bookmarks_that_follow_them(complete):
    target, chapters, _ = complete
    reader = PdfReader(target)
    outline = flat_outline(reader)
    top = [(title, page) for level, title, page in outline if level == 0]
    assert [title for title, _ in top] == [
        "Halaman Judul",
        "Keputusan Kepala Biro Perencanaan dan Organisasi",
        "Daftar Isi",
        "Penjelasan Singkat Penggunaan",
        "Standar Operasional Prosedur",
        "Indeks Pelaksana",
    ]
    pages = [page for _, page in top]
    assert pages == sorted(pages) and pages[:3] == [1, 2, 5]  # three signed pages after the cover
    sections = [title for level, title, _ in outline if level == 1][:5]
    assert sections == ["Ruang Lingkup", "Ringkasan", "Definisi", "Simbol Diagram Alir", "Cara Membaca Lembar SOP"]
    sops = [(title, page) for level, title, page in outline if level == 1][5:]
    assert [title for title, _ in sops] == [f"{c.document.sop.nomor} {c.document.sop.judul}" for c in chapters]
    assert sops[0][1] == dict(top)["Standar Operasional Prosedur"]
    # each SOP's bookmark is the page its sheet starts on, and the sheets follow each other
    for (_, page), (_, following), chapter in zip(sops, sops[1:], chapters):
        assert following - page == len(chapter.layout.pages)
        assert chapter.document.sop.nomor in reader.pages[page - 1].extract_text()
    assert dict(top)["Indeks Pelaksana"] == sops[-1][1] + len(chapters[-1].layout.pages)


def test_page_numbers_run_through_the_whole_book(complete):
    target, chapters, _ = complete
    reader = PdfReader(target)
    total = len(reader.pages)
    parts = {title: page for level, title, page in flat_outline(reader) if level == 0}
    explanation = parts["Standar Operasional Prosedur"] - parts["Penjelasan Singkat Penggunaan"]
    index = total - parts["Indeks Pelaksana"] + 1
    sheets = sum(len(c.layout.pages) for c in chapters)
    assert total == 1 + 3 + 1 + explanation + sheets + index and explanation >= 3 and index >= 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        if number == 1:
            assert "Halaman" not in text and "TAHUN 2018" in text
        else:
            assert f"Halaman {number} dari {total}" in text, number


def test_the_signed_decree_is_bound_as_it_is(complete):
    target, _, _ = complete
    reader = PdfReader(target)
    for number in (1, 2, 3):
        assert f"{SIGNED_TEXT} {number}" in reader.pages[number].extract_text()
    upright = reader.pages[1]
    assert (round(float(upright.mediabox.width), 1), round(float(upright.mediabox.height), 1)) == tuple(
        round(side, 1) for side in F4_UPRIGHT
    )
    turned = reader.pages[2]  # stored with /Rotate 90: bound as it shows, landscape
    assert turned.rotation == 0 and float(turned.mediabox.width) > float(turned.mediabox.height)
    cropped = reader.pages[3]
    assert float(cropped.mediabox.width) == pytest.approx(F4_UPRIGHT[0] - 10, abs=0.01)
    assert "DRAF" not in reader.pages[1].extract_text()


def test_the_contents_link_to_every_part(complete):
    target, chapters, _ = complete
    reader = PdfReader(target)
    contents = reader.pages[4].extract_text()
    assert "DAFTAR ISI" in contents and "Revisi ke" in contents and "Tanggal Revisi" in contents
    destinations = []
    for annotation in reader.pages[4]["/Annots"]:
        annotation = annotation.get_object()
        destinations.append(reader.get_page_number(annotation["/Dest"][0].get_object()) + 1)
    outline = {title: page for _, title, page in flat_outline(reader)}
    assert destinations[:3] == [2, 6, outline["Standar Operasional Prosedur"]]
    assert destinations[3:-1] == [outline[f"{c.document.sop.nomor} {c.document.sop.judul}"] for c in chapters]
    assert destinations[-1] == outline["Indeks Pelaksana"] and len(destinations) == 3 + len(chapters) + 1


def test_each_contents_entry_shows_the_current_revision_number_and_date(tmp_path):
    from sopgen.layout.book import KEY_CONTENTS, layout_book

    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    revised = folder / "penyusunan-iku.yaml"
    revised.write_text(
        revised.read_text(encoding="utf-8").replace(
            "tanggal_efektif: 2018-05-02\n",
            "tanggal_efektif: 2018-05-02\nrevisi:\n  - {ke: 1, tanggal: 2018-09-10, catatan: A}\n"
            "  - {ke: 2, tanggal: 2019-03-03, catatan: B}\n",
        ),
        encoding="utf-8",
    )
    sources, _ = discover([folder])
    chapters, problems = collect(sources, output_stems(sources))
    assert not problems
    book = layout_book([c.document for c in chapters], [c.layout for c in chapters], 2019)
    contents = book.pages[book.parts[KEY_CONTENTS] - 1]
    rows: dict[float, list[str]] = {}
    for text in contents.texts:
        rows.setdefault(text.baseline, []).append(text.text)
    iku = next(row for row in rows.values() if "OT.01.02-005-097.Set.PO" in row)
    other = next(row for row in rows.values() if "OT.01.02-043-097.Set.PO" in row)
    assert "2" in iku and "3 Maret 2019" in iku
    assert "0" in other and "-" in other
    target = tmp_path / "buku.pdf"
    write_book(chapters, target)
    assert "3 Maret 2019" in PdfReader(target).pages[4].extract_text()


def test_the_explanation_holds_what_the_user_wrote_and_what_sopgen_adds(complete):
    target, chapters, _ = complete
    reader = PdfReader(target)
    text = "\n".join(reader.pages[index].extract_text() for index in range(5, 9))
    assert "PENJELASAN SINGKAT PENGGUNAAN" in text
    assert "Buku ini memuat Standar Operasional Prosedur" in text  # ruang lingkup, from penjelasan.yaml
    assert "Indikator Kinerja Utama." in text  # the user's own term
    assert "Kepala Bagian Organisasi dan Tata Laksana" in text  # a lane, described by the user
    for term in ("Mutu Baku", "Kelengkapan", "Keterkaitan", "Pencatatan dan Pendataan"):
        assert term in text
    for symbol in ("Kapsul (terminator)", "Kotak (proses)", "Belah ketupat (keputusan)", "Anak panah", "Segi lima"):
        assert symbol in text
    assert "Cara Membaca Lembar SOP" in text


def test_the_index_lists_every_lane_with_its_sops_steps_and_pages(complete):
    target, chapters, _ = complete
    reader = PdfReader(target)
    outline = {title: page for _, title, page in flat_outline(reader)}
    text = "\n".join(
        reader.pages[index].extract_text() for index in range(outline["Indeks Pelaksana"] - 1, len(reader.pages))
    )
    assert "INDEKS PELAKSANA" in text
    lanes = {" ".join(name.split()) for c in chapters for name in c.document.sop.pelaksana.values()}
    for lane in lanes:
        assert lane in text
    # Sesmenko acts in the first and the last step of the IKU SOP (steps 1 and 17), on the pages they are on
    iku = next(c for c in chapters if c.document.sop.nomor == "OT.01.02-005-097.Set.PO")
    first = outline[f"{iku.document.sop.nomor} {iku.document.sop.judul}"]
    on = [first + offset for offset, page in enumerate(iku.layout.pages) for step in (0, 16) if step in page.steps]
    pages = str(on[0]) if on[0] == on[-1] else f"{on[0]}\u2013{on[-1]}"
    row = f"OT.01.02-005-097.Set.PO\nSOP Makro Penyusunan Indikator Kinerja Utama (IKU)\n1, 17\n{pages}\n"
    assert row in text[text.index("Sesmenko") :]


def test_the_outline_and_links_survive_binding_and_the_book_is_the_same_every_time(complete, tmp_path):
    target, chapters, _ = complete
    again = tmp_path / "lagi.pdf"
    write_book(chapters, again)
    assert again.read_bytes() == target.read_bytes()
    reader = PdfReader(target)
    pages = {page.indirect_reference.idnum for page in reader.pages}
    links = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    assert len(links) > 20
    for link in links:
        assert link["/Dest"][0].idnum in pages


def test_without_the_signed_pdf_the_draft_is_bound_marked_draf(tmp_path):
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    sources, _ = discover([folder])
    chapters, _ = collect(sources, output_stems(sources))
    plan = plan_book(chapters)
    assert plan.draft is not None and plan.decree is plan.draft
    target = tmp_path / "buku.pdf"
    total = write_book(chapters, target, plan=plan)
    reader = PdfReader(target)
    outline = flat_outline(reader)
    assert outline[1][1] == "Keputusan Kepala Biro Perencanaan dan Organisasi (DRAF)"
    decree_pages = [page for level, title, page in outline if level == 0][2] - 2
    assert decree_pages == len(plan.draft.pages) == 3
    first = reader.pages[1].extract_text()
    assert "DRAF" in first and "KEPUTUSAN KEPALA BIRO PERENCANAAN DAN ORGANISASI" in first
    assert "Menimbang" in first and "MEMUTUSKAN:" in first and f"Halaman 2 dari {total}" in first
    attachment = reader.pages[3].extract_text()
    assert "LAMPIRAN" in attachment
    for chapter in chapters:
        assert chapter.document.sop.nomor in attachment
    written = write_draft(plan.draft, tmp_path / "keluaran")
    assert [p.name for p in written] == ["keputusan-draf.docx", "keputusan-draf.pdf"]
    alone = PdfReader(written[1])
    assert len(alone.pages) == 3 and "DRAF" not in alone.pages[0].extract_text()
    assert "- 2 -" in alone.pages[1].extract_text()


def test_without_the_files_beside_the_definitions_the_book_keeps_only_its_generated_parts(folder, tmp_path):
    from conftest import VALID

    source = folder(VALID)
    chapters, _ = collect([source], output_stems([source]))
    assert book_parts([source]).decree is None
    target = tmp_path / "buku.pdf"
    total = write_book(chapters, target)
    reader = PdfReader(target)
    assert [title for _, title, _ in flat_outline(reader)] == [
        "Halaman Judul",
        "Daftar Isi",
        "Standar Operasional Prosedur",
        "X.01 Contoh",
        "Indeks Pelaksana",
    ]
    assert total == len(reader.pages) == 1 + 1 + len(chapters[0].layout.pages) + 1


@pytest.mark.slow
def test_sopgen_book_on_the_shipped_definitions_makes_the_complete_book(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "keluaran"
    folder = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    signed_decree(folder / "keputusan.pdf", pages=2)
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "book", str(folder), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert "keputusan.pdf (2 halaman)" in done.stdout and "keputusan-draf.docx" in done.stdout
    reader = PdfReader(out / "buku-sop.pdf")
    assert [title for level, title, _ in flat_outline(reader) if level == 0][1:3] == [
        "Keputusan Kepala Biro Perencanaan dan Organisasi",
        "Daftar Isi",
    ]
    total = len(reader.pages)
    assert f"Halaman {total} dari {total}" in reader.pages[-1].extract_text()
    assert SIGNED_TEXT in reader.pages[1].extract_text() and len(shipped()) == 5
