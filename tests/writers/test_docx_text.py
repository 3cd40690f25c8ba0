"""The sheet's DOCX package is written as text, in the form python-docx and lxml gave it.

python-docx and lxml are only the reference here: what they wrote from our markup (parsed, placed
in the document, serialised) is what `sopgen.writers.docx` writes directly.
"""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from conftest import ROOT, VALID, shipped
from docx.image.image import Image as DocxImage
from docx.oxml.parser import parse_xml
from docx.shared import Pt
from docx_group_reference import docx_group
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from sopgen.layout.document import Box, Checkbox, Margins
from sopgen.pipeline import prepare
from sopgen.writers import docx as docx_writer
from sopgen.writers import drawingml, image_header, shapes_xml, xmlform
from sopgen.writers.docx_drawing import group_run, picture_run
from sopgen.writers.docx_package import picture_size
from sopgen.writers.section import section_page, section_values
from sopgen.writers.wordml import W_NS
from sopgen.writers.xmlform import escaped
from sopgen.xmlchars import strip_forbidden

HOSTILE = [
    "a & b < c > d \" e ' f",
    "\r\nCR-LF\r\n",
    "lone\rcr",
    "x\r",
    "tab\there",
    "ctl\x01\x0b\x1f\x7f end",
    "nonchar\ufffe\uffff",
    "surrogate\ud800",
    "emoji \U0001f600 é 漢 \u00a0 \u2028",
    "",
    "\n",
    "\r",
    "\t",
    "   ",
    " lead and trail ",
    "]]> <![CDATA[ x ]]>",
    "&amp; &#13; &lt;",
    "{EMBLEM} {body}",
]
VERBATIM_PARTS = {"docProps/app.xml", "word/fontTable.xml", "word/theme/theme1.xml", "word/webSettings.xml"}
"""Parts python-docx copied from its template as they were (not parsed and serialised again)."""


def test_the_sheet_writer_imports_neither_python_docx_nor_lxml():
    code = (
        "import io, sys\n"
        "import sopgen.writers.docx as writer\n"
        "heavy = {'docx', 'lxml', 'jinja2'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
        "from pathlib import Path\n"
        "from sopgen.pipeline import prepare\n"
        "writer.write(prepare(Path('contoh/satpol-pp-provinsi/penanganan-pengaduan.yaml')).laid_out, io.BytesIO())\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]", "[]"]  # on import, and after writing a sheet with an emblem


# -- text and attribute values -------------------------------------------------------------------

PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
"""How python-docx parsed markup (`docx.oxml.parser`)."""


def _reserialised(markup: str) -> str:
    return etree.tostring(etree.fromstring(markup, PARSER), encoding="unicode")


def _check_text(value: str) -> None:
    expected = _reserialised(f'<t xml:space="preserve">{escaped(value)}</t>')
    assert xmlform.element("t", xmlform.text(value), ' xml:space="preserve"') == expected


def _check_attribute(value: str) -> None:
    expected = _reserialised(f'<e a="{shapes_xml.escape(strip_forbidden(value))}"/>')
    assert f'<e a="{xmlform.attribute(value)}"/>' == expected


def _check_set_values(value: str) -> None:
    element = etree.Element("e")
    element.text = strip_forbidden(value)
    assert f"<e>{xmlform.set_text(value)}</e>" == etree.tostring(element, encoding="unicode")
    element = etree.Element("e")
    element.set("a", strip_forbidden(value))
    assert f'<e a="{xmlform.set_attribute(value)}"/>' == etree.tostring(element, encoding="unicode")


@pytest.mark.parametrize("value", HOSTILE)
def test_values_are_written_as_lxml_wrote_them(value):
    _check_text(value)
    _check_attribute(value)
    _check_set_values(value)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("\r\n\t&<>\"'")))
@settings(max_examples=300, deadline=None)
def test_any_value_is_written_as_lxml_wrote_it(value):
    _check_text(value)
    _check_attribute(value)
    _check_set_values(value)


# -- drawing -------------------------------------------------------------------------------------


def _placed(run: str) -> str:
    """A run as python-docx placed it in a body paragraph, and lxml serialised the document."""
    document = docx.Document()
    body = document.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    body[-1].addprevious(parse_xml(f'<w:p xmlns:w="{W_NS}">{run}</w:p>'))
    xml = etree.tostring(document.element, encoding="unicode")
    return xml[xml.index("<w:body>") + len("<w:body>") : xml.index("<w:sectPr")]


def _hostile_items(items: list[drawingml.Item]) -> list[drawingml.Item]:
    """The items with hostile texts and names (a name with a character XML forbids made the old
    markup unreadable, so names only get the others)."""
    return [
        replace(
            item,
            text=item.text and item.text + HOSTILE[index % len(HOSTILE)],
            name=item.name + strip_forbidden(HOSTILE[(index + 1) % len(HOSTILE)]),
        )
        for index, item in enumerate(items)
    ]


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile"])
def test_drawing_groups_are_written_as_python_docx_placed_them(hostile):
    pages = [page for path in shipped()[:2] for page in prepare(path).laid_out.pages if page.shapes]
    frame = [drawingml.emblem_frame(1, Box(10, 10, 54, 54))]
    ticked = Checkbox(Box(80, 12, 7.5, 7.5), ((81, 15), (83, 18), (86, 13)))
    checks = drawingml.checkbox_items(ticked, 2) + drawingml.checkbox_items(Checkbox(Box(90, 12, 7.5, 7.5)), 4)
    groups = [drawingml.page_items(page, 2) for page in pages] + [frame + checks]
    group = {"x": -12700, "y": 25400, "w": 5080000, "h": 2540000, "child_x": 635000, "child_y": 1270000}
    for number, items in enumerate(groups, start=1):
        items = _hostile_items(items) if hostile else items
        expected = _placed(docx_group(items, group, 40 + number, number))
        assert f"<w:p>{group_run(items, group, 40 + number, number)}</w:p>" == expected


@pytest.mark.parametrize("filename", ["lambang.png", 'lambang & logo\'s "x" <1>.PNG', "tab\there é 漢.png"])
def test_an_emblem_picture_is_written_as_python_docx_added_it(tmp_path, filename):
    path = tmp_path / filename
    Image.new("RGB", (120, 90), "navy").save(path, "PNG", dpi=(150, 150))
    document = docx.Document()
    body = document.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    document.add_paragraph().add_run().add_picture(str(path), height=Pt(54))
    xml = etree.tostring(document.element, encoding="unicode")
    expected = xml[xml.index("<w:body>") + len("<w:body>") : xml.index("<w:sectPr")]
    inline = document.inline_shapes[0]
    doc_pr = int(inline._inline.docPr.id)
    relationship = inline._inline.graphic.graphicData.pic.blipFill.blip.embed
    written = picture_run(doc_pr, relationship, filename, inline.width, inline.height)
    assert f"<w:p>{written}</w:p>" == expected


# -- emblem images -------------------------------------------------------------------------------


def _png(size: tuple[int, int], phys: tuple[int, int, int] | None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    raw = buffer.getvalue()
    if phys is None:
        return raw
    data = b"pHYs" + struct.pack(">LLB", *phys)
    chunk = struct.pack(">L", len(data) - 4) + data + struct.pack(">L", zlib.crc32(data))
    return raw[:33] + chunk + raw[33:]  # right after IHDR


def _jfif(size: tuple[int, int], units: int, density: tuple[int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "JPEG", dpi=(72, 72))
    raw = bytearray(buffer.getvalue())
    raw[13] = units
    raw[14:18] = struct.pack(">HH", *density)
    return bytes(raw)


def _exif(size: tuple[int, int], order: bytes, resolution: tuple[int, int], unit: int) -> bytes:
    """A JPEG whose first segment is Exif, with X/Y resolution (rationals) and the resolution unit."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    raw = buffer.getvalue()
    e = "<" if order == b"II" else ">"
    entries = struct.pack(f"{e}H", 3)
    entries += struct.pack(f"{e}HHLL", 0x011A, 5, 1, 50) + struct.pack(f"{e}HHLL", 0x011B, 5, 1, 58)
    entries += struct.pack(f"{e}HHLHH", 0x0128, 3, 1, unit, 0)
    tiff = order + (b"*\x00" if order == b"II" else b"\x00*") + struct.pack(f"{e}L", 8) + entries + b"\x00" * 4
    tiff += struct.pack(f"{e}LL", resolution[0], 1) + struct.pack(f"{e}LL", resolution[1], 1)
    payload = b"Exif\x00\x00" + tiff
    app0_end = 4 + struct.unpack(">H", raw[4:6])[0]
    return raw[:2] + b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload + raw[app0_end:]


def _pillow(size: tuple[int, int], kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB" if kind != "GIF" else "P", size).save(buffer, kind, **options)
    return buffer.getvalue()


IMAGES = {
    "png": _png((40, 50), None),
    "png-300dpi": _png((300, 200), (11811, 11811, 1)),
    "png-anisotropic": _png((120, 97), (3937, 5906, 1)),
    "png-unitless": _png((64, 64), (2000, 3000, 0)),
    "jpeg-inch": _jfif((90, 70), 1, (150, 96)),
    "jpeg-cm": _jfif((91, 71), 2, (59, 47)),
    "jpeg-none": _jfif((37, 53), 0, (1, 1)),
    "jpeg-progressive": _pillow((77, 33), "JPEG", progressive=True, dpi=(200, 200)),
    "exif-intel": _exif((80, 60), b"II", (300, 299), 2),
    "exif-motorola-cm": _exif((81, 61), b"MM", (118, 119), 3),
    "exif-aspect-only": _exif((83, 63), b"MM", (300, 300), 1),
    "gif": _pillow((45, 55), "GIF"),
    "bmp": _pillow((46, 56), "BMP"),
    "bmp-dpi": _pillow((47, 57), "BMP", dpi=(200, 100)),
}


@pytest.mark.parametrize("blob", IMAGES.values(), ids=IMAGES.keys())
def test_an_emblem_is_sized_as_python_docx_sized_it(blob):
    reference = DocxImage.from_blob(blob)
    header = image_header.read(blob)
    assert (header.content_type, header.px_width, header.px_height, header.horz_dpi, header.vert_dpi) == (
        reference.content_type,
        reference.px_width,
        reference.px_height,
        reference.horz_dpi,
        reference.vert_dpi,
    )
    for height in (54.0, 41.3, 12.07):
        assert picture_size(header, height) == reference.scaled_dimensions(height=Pt(height))


# -- the package -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "margins"),
    [(935.43, 609.45, Margins(28.5, 28.5, 28.5, 36, 14.25)), (595.28, 841.89, Margins(56.7, 42.55, 28.35, 70, 21.3))],
    ids=["landscape", "portrait"],
)
def test_section_values_are_what_python_docx_set(width, height, margins):
    document = docx.Document()
    section_page(document.sections[0], width, height, margins)
    sect_pr = document.sections[0]._sectPr
    size, margin = sect_pr.pgSz, sect_pr.pgMar
    values = section_values(width, height, margins)
    attribute = lambda element, name: element.get(f"{{{W_NS}}}{name}")  # noqa: E731
    assert (values["page_width"], values["page_height"]) == (attribute(size, "w"), attribute(size, "h"))
    assert values["orientation"] == (f' w:orient="{attribute(size, "orient")}"' if attribute(size, "orient") else "")
    for name in ("top", "right", "bottom", "left", "header", "footer"):
        assert values[name] == attribute(margin, name)


def _sheet(folder, tmp_path: Path) -> bytes:
    """A sheet with XML-special text everywhere, an emblem whose file name needs escaping, revisions."""
    name = 'lambang & "logo".png'
    Image.new("RGB", (60, 80), "navy").save(tmp_path / name)
    (tmp_path / "organisasi.yaml").write_text(f"instansi: ['KEMENTERIAN <CONTOH> & \"X\"']\nlogo: '{name}'\n")
    text = VALID.replace("nomor: X.01", "nomor: 'R&D <01>'").replace("judul: Contoh", "judul: '\"Contoh\" & <uji>'")
    text = text.replace("kegiatan: Memulai", 'kegiatan: "Program & <Anggaran> \\"kutip\\" \\n baris \\t tab"')
    text = text.replace("disahkan_oleh:", "revisi: [{ke: 1, tanggal: 2021-03-01, catatan: 'A & <B>'}]\ndisahkan_oleh:")
    buffer = io.BytesIO()
    docx_writer.write(prepare(folder(text)).laid_out, buffer)
    return buffer.getvalue()


def test_every_serialised_part_is_in_the_form_lxml_writes(folder, tmp_path):
    packages = [_sheet(folder, tmp_path)]
    for path in shipped()[:2]:
        buffer = io.BytesIO()
        docx_writer.write(prepare(path).laid_out, buffer)
        packages.append(buffer.getvalue())
    for package in packages:
        with zipfile.ZipFile(io.BytesIO(package)) as opened:
            for part in opened.namelist():
                if part in VERBATIM_PARTS or part.startswith("word/media/"):
                    continue
                data = opened.read(part)
                assert etree.tostring(parse_xml(data), encoding="UTF-8", standalone=True) == data, part


def test_python_docx_reads_the_sheet_back(folder, tmp_path):
    opened = docx.Document(io.BytesIO(_sheet(folder, tmp_path)))
    texts = [p.text for t in opened.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert 'Program & <Anggaran> "kutip" \n baris \t tab' in texts
    assert 'KEMENTERIAN <CONTOH> & "X"' in texts and "A & <B>" in texts
    assert opened.core_properties.title.startswith("R&D <01>")
    assert "R&D <01>" in opened.sections[0].footer.paragraphs[0].text
    (picture,) = opened.inline_shapes
    assert picture._inline.graphic.graphicData.pic.nvPicPr.cNvPr.name == 'lambang & "logo".png'
    assert picture.height == Pt(54) and picture.width == round(Pt(54) * 60 / 80)


def test_a_jpeg_without_a_jfif_or_exif_segment_is_embedded_at_72_dpi():
    """python-docx refused such a JPEG (the emblem check accepts it); its size is in its frame header."""
    raw = _pillow((50, 40), "JPEG")
    without_app0 = raw[:2] + raw[4 + struct.unpack(">H", raw[4:6])[0] :]
    assert image_header.read(without_app0) == image_header.ImageHeader("image/jpeg", 50, 40, 72, 72)
