"""What `check` accepts every writer writes: long titles, `&` in numbers, emblems from any folder."""

from __future__ import annotations

import shutil
import zipfile

from conftest import ORGANISATION, VALID
from PIL import Image

from sopgen.book import collect, write_book
from sopgen.build import build, discover, output_stems


def test_a_pdf_with_an_emblem_does_not_depend_on_the_folder_it_was_built_in(tmp_path):
    first = tmp_path / "satu" / "definisi"
    first.mkdir(parents=True)
    (first / "organisasi.yaml").write_text(ORGANISATION + "logo: lambang.png\n", encoding="utf-8")
    Image.new("RGB", (40, 50), "red").save(first / "lambang.png")
    (first / "sop.yaml").write_text(VALID, encoding="utf-8")
    second = tmp_path / "folder lain yang jauh" / "definisi"
    shutil.copytree(first, second)
    outputs = []
    for folder in (first, second):
        out = folder.parent / "keluaran"
        assert build([folder], ["pdf"], out).failed == 0
        sources, _ = discover([folder])
        chapters, _ = collect(sources, output_stems(sources))
        write_book(chapters, out / "buku-sop.pdf")
        outputs.append(((out / "X.01.pdf").read_bytes(), (out / "buku-sop.pdf").read_bytes()))
    assert outputs[0] == outputs[1]


def test_a_title_longer_than_office_properties_allow_is_written_in_every_format(folder, tmp_path):
    title = "Penyusunan dan penetapan rencana kerja tahunan " * 8
    path = folder(VALID.replace("judul: Contoh", f"judul: {title.strip()}"))
    report = build([path], ["xlsx", "docx", "pdf"], tmp_path / "out")
    assert report.failed == 0, [d.message for r in report.results for d in r.errors]
    core = zipfile.ZipFile(tmp_path / "out" / "X.01.docx").read("docProps/core.xml").decode()
    shown = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(shown) == 255 and shown.endswith("\u2026") and shown.startswith("X.01 SOP Makro Penyusunan")


def test_an_ampersand_in_the_number_is_printed_not_read_as_an_excel_footer_code(folder, tmp_path):
    path = folder(VALID.replace("nomor: X.01", "nomor: R&D-01"))
    build([path], ["xlsx"], tmp_path / "out")
    sheet = zipfile.ZipFile(tmp_path / "out" / "R-D-01.xlsx").read("xl/worksheets/sheet1.xml").decode()
    footer = sheet.split("<oddFooter>")[1].split("</oddFooter>")[0]
    assert footer.startswith("&amp;L") and "R&amp;&amp;D-01&amp;R" in footer  # `&&` is a literal `&`
