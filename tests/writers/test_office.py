"""XLSX and DOCX writers: the math, the package structure, and re-reading the files."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import VALID, shipped
from PIL import Image

from sopgen.definition.loader import load_sop
from sopgen.layout import layout
from sopgen.layout.document import Table
from sopgen.writers import docx as docx_writer
from sopgen.writers import drawingml, spreadsheetml
from sopgen.writers import xlsx as xlsx_writer

MONEV = Path(__file__).resolve().parents[2] / "definitions" / "monev-sop-ap.yaml"


def written(writer, path: Path = MONEV):
    document = layout(load_sop(path).document)
    buffer = io.BytesIO()
    writer.write(document, buffer)
    return document, buffer.getvalue()


def parts_of(package: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {n: z.read(n).decode("utf-8", "replace") for n in z.namelist()}


# -- units and anchors --------------------------------------------------------------------------


def test_emu_conversion():
    assert drawingml.emu(1) == 12700
    assert drawingml.emu(0.75) == 9525
    assert drawingml.emu(72) == 914400


@pytest.mark.parametrize("points", [0.75, 22.5, 69.0, 110.25, 207.0, 41.25])
def test_column_width_gives_exact_pixels_in_excel_and_points_in_libreoffice(points):
    width = spreadsheetml.column_width(points)
    assert spreadsheetml.column_pixels(width) == round(points / 0.75)
    assert width * 6 == pytest.approx(points)  # LibreOffice: width times the 6 pt digit of Courier New


def test_anchor_math_walks_columns_and_rows():
    document, _ = written(xlsx_writer)
    sheet = xlsx_writer.build(document)[0]
    items, header_rows = sheet.items, sheet.header_rows
    edges = sheet.col_edges
    assert sheet.point(edges[3] + 2.0, sheet.row_tops[5] + 1.5) == (3, 25400, 5, 19050)
    assert sheet.point(0, 0) == (0, 0, 0, 0)
    shape = next(i for i in items if i.name.startswith("process"))
    anchor = shape.anchor
    assert edges[anchor.from_col] + anchor.from_col_off / 12700 == pytest.approx(shape.box.x, abs=1e-4)
    assert sheet.row_tops[anchor.from_row] + anchor.from_row_off / 12700 == pytest.approx(shape.box.y, abs=1e-4)
    assert header_rows is not None and header_rows[1] == header_rows[0] + 1


# -- package structure ------------------------------------------------------------------------


def test_a_drawing_of_shapes_alone_has_its_part_relationship_and_content_type():
    _, package = written(xlsx_writer)
    parts = parts_of(package)
    rels = parts["xl/worksheets/_rels/sheet1.xml.rels"]
    rel_id = re.search(r'Id="([^"]+)"[^>]*relationships/drawing"', rels).group(1)
    assert 'Target="/xl/drawings/drawing1.xml"' in rels
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert sheet.count("<drawing ") == 1 and f'r:id="{rel_id}"/></worksheet>' in sheet
    assert (
        'PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"'
        in parts["[Content_Types].xml"]
    )
    assert 'cNvPr id="1"' in parts["xl/drawings/drawing1.xml"]
    assert not any(name.startswith("xl/media/") for name in parts)


def assert_parts_are_listed_and_relationships_resolve(parts: dict[str, str]) -> None:
    types = parts["[Content_Types].xml"]
    overrides = re.findall(r'PartName="/([^"]+)"', types)
    assert len(overrides) == len(set(overrides)) and set(overrides) <= set(parts)
    for name in parts:
        assert name in overrides or f'Extension="{name.rsplit(".", 1)[-1]}"' in types, name
    for name, xml in parts.items():
        if name.endswith(".rels"):
            folder = name.split("_rels/")[0]
            for target in re.findall(r'Target="([^"]+)"', xml):
                assert (target[1:] if target.startswith("/") else folder + target) in parts, (name, target)


def test_every_part_is_listed_and_every_relationship_has_its_target():
    assert_parts_are_listed_and_relationships_resolve(parts_of(written(xlsx_writer)[1]))


# -- XLSX content -------------------------------------------------------------------------------


def test_xlsx_cells_rows_breaks_and_print_setup():
    document, package = written(xlsx_writer)
    book = openpyxl.load_workbook(io.BytesIO(package))
    ws = book.active
    sop = load_sop(MONEV).document.sop
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for step in sop.langkah:
        assert step.kegiatan in texts and step.output in texts
    first_step_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == sop.langkah[0].kegiatan)
    assert ws.cell(first_step_row, 1).value == "1"
    assert ws.cell(first_step_row, 3 + len(sop.pelaksana)).value == sop.langkah[0].kelengkapan
    assert ws.cell(first_step_row, 4 + len(sop.pelaksana)).value == "10 Menit"
    assert ws.row_dimensions[first_step_row].height == document.pages[1].table("prosedur").rows[2].h
    assert len(ws.row_breaks.brk) == len(document.pages) - 1
    assert ws.print_title_rows == f"${first_step_row - 2}:${first_step_row - 1}"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 14
    assert ws.sheet_view.pane is None and ws.sheet_view.topLeftCell in (None, "A1")
    assert book.properties.title == document.title


def test_xlsx_drawing_has_one_native_shape_per_layout_object():
    document, package = written(xlsx_writer)
    drawing = parts_of(package)["xl/drawings/drawing1.xml"]
    shapes = [s for p in document.pages for s in p.shapes]
    connectors = [c for p in document.pages for c in p.connectors]
    labels = [label for p in document.pages for label in p.labels]
    for kind, preset in drawingml.PRESETS.items():
        assert drawing.count(f'prst="{preset}"') == sum(1 for s in shapes if s.kind == kind)
    assert drawing.count("<a:tailEnd") == len(connectors)
    checkboxes = [
        c for p in document.pages for t in p.blocks if isinstance(t, Table) for cell in t.cells for c in cell.checkboxes
    ]
    ticks = sum(1 for c in checkboxes if c.tick)
    assert len(checkboxes) == 1 and drawing.count('name="Kotak centang"') == 1
    straight = sum(1 for c in connectors if len(c.points) == 2)
    assert drawing.count("<xdr:cxnSp") == straight
    assert drawing.count("<a:custGeom") == len(connectors) - straight + ticks
    assert drawing.count("<a:stCxn") >= 1
    drawn = len(shapes) + len(connectors) + len(labels) + len(checkboxes) + ticks + 1  # + the emblem frame
    assert drawing.count("<xdr:twoCellAnchor") == drawn
    ids = re.findall(r'cNvPr id="(\d+)"', drawing)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("kind", "mode", "extension", "content_type"),
    [
        ("PNG", "RGBA", "png", "image/png"),
        ("JPEG", "RGB", "jpeg", "image/jpeg"),
        ("GIF", "P", "gif", "image/gif"),
        ("BMP", "RGB", "bmp", "image/bmp"),
    ],
)
def test_xlsx_with_an_emblem_image(folder, kind, mode, extension, content_type):
    logo = folder.path / f"logo.{kind.lower()}"
    Image.new(mode, (60, 80), 1).save(logo, format=kind)
    (folder.path / "organisasi.yaml").write_text(f"instansi: [KEMENTERIAN CONTOH]\nlogo: {logo.name}\n")
    revised = VALID.replace("disahkan_oleh:", "revisi: [{ke: 1, tanggal: 2021-03-01, catatan: Uji}]\ndisahkan_oleh:")
    _, package = written(xlsx_writer, folder(revised))
    parts = parts_of(package)
    assert_parts_are_listed_and_relationships_resolve(parts)
    media = zipfile.ZipFile(io.BytesIO(package)).read(f"xl/media/image1.{extension}")
    # BMP is stored as PNG data; the other formats as their file.
    assert media == logo.read_bytes() if kind != "BMP" else media.startswith(b"\x89PNG")
    assert f'Extension="{extension}" ContentType="{content_type}"' in parts["[Content_Types].xml"]
    drawing = parts["xl/drawings/drawing1.xml"]
    ids = [int(i) for i in re.findall(r'cNvPr id="(\d+)"', drawing)]
    assert ids == list(range(1, len(ids) + 1)) and drawing.index("<pic>") < drawing.index("flowChartTerminator")
    assert "xl/worksheets/_rels/sheet2.xml.rels" not in parts  # the revision history has no drawing
    sheet = openpyxl.load_workbook(io.BytesIO(package))["SOP"]
    (picture,) = sheet._images
    width, height = picture.anchor.ext.width, picture.anchor.ext.height
    assert picture.anchor._from.col == 1 and width * 80 == pytest.approx(height * 60, rel=1e-4)


# -- DOCX content -------------------------------------------------------------------------------


def test_docx_tables_rows_and_groups():
    document, package = written(docx_writer)
    opened = docx.Document(io.BytesIO(package))
    flow_pages = [p for p in document.pages if p.steps]
    assert len(opened.tables) == 2 + len(flow_pages)
    body = opened.element.body.xml
    assert body.count("<w:tblHeader/>") == 2 * len(flow_pages)
    assert body.count('w:hRule="exact"') == sum(
        len(t.rows) for p in document.pages for b in p.blocks if hasattr(b, "rows") for t in [b]
    )
    assert body.count("<w:pageBreakBefore/>") == len(document.pages) - 1
    assert body.count("<wpg:wgp>") == len(flow_pages) + 1  # + the emblem frame
    for page in flow_pages:
        group = body.split(f'name="Diagram alir halaman {page.number}"')[1].split("</wpg:wgp>")[0]
        assert group.count("<wps:wsp>") == len(page.shapes) + len(page.connectors) + len(page.labels)
    doc_pr = re.findall(r'<wp:docPr id="(\d+)"', body)
    assert len(doc_pr) == len(set(doc_pr))
    first_flow = opened.tables[2]
    step_one = load_sop(MONEV).document.sop.langkah[0]
    assert first_flow.cell(2, 1).text == step_one.kegiatan and first_flow.cell(2, 0).text == "1"
    section = opened.sections[0]
    assert section.page_width > section.page_height
    assert opened.core_properties.title == document.title


def test_user_text_is_escaped_and_forbidden_characters_dropped(folder):
    text = VALID.replace("kegiatan: Memulai", 'kegiatan: "Program & <Anggaran> \\"kutip\\" \\x07 selesai"')
    path = folder(text)
    for writer in (xlsx_writer, docx_writer):
        _, package = written(writer, path)
        for name, xml in parts_of(package).items():
            if name.endswith(".xml"):
                assert "\x07" not in xml
        if writer is xlsx_writer:
            cell_texts = [
                c.value for row in openpyxl.load_workbook(io.BytesIO(package)).active.iter_rows() for c in row
            ]
            assert 'Program & <Anggaran> "kutip"  selesai' in cell_texts
        else:
            assert 'Program & <Anggaran> "kutip"  selesai' in [
                p.text
                for t in docx.Document(io.BytesIO(package)).tables
                for row in t.rows
                for c in row.cells
                for p in c.paragraphs
            ]


@pytest.mark.parametrize("writer", [xlsx_writer, docx_writer], ids=["xlsx", "docx"])
@pytest.mark.slow
def test_same_input_gives_the_same_bytes_at_another_time(writer):
    first = written(writer)[1]
    time.sleep(1.05)  # a clock-time stamp anywhere in the package would now differ
    assert written(writer)[1] == first


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_every_shipped_sop_reopens(path):
    _, xlsx_bytes = written(xlsx_writer, path)
    _, docx_bytes = written(docx_writer, path)
    openpyxl.load_workbook(io.BytesIO(xlsx_bytes))
    docx.Document(io.BytesIO(docx_bytes))


def test_docx_with_an_emblem_image(folder):
    Image.new("RGB", (60, 80), "navy").save(folder.path / "logo.png")
    (folder.path / "organisasi.yaml").write_text("instansi: [KEMENTERIAN CONTOH]\nlogo: logo.png\n")
    document, package = written(docx_writer, folder(VALID))
    parts = parts_of(package)
    assert any(name.startswith("word/media/") for name in parts)
    body = parts["word/document.xml"]
    assert "{EMBLEM}" not in body and body.count("<pic:pic") == 1
    identity = docx.Document(io.BytesIO(package)).tables[0].cell(0, 0)
    assert identity.paragraphs[0]._p.xpath(".//pic:pic") and identity.paragraphs[1].text == "KEMENTERIAN CONTOH"


@pytest.mark.parametrize("writer", [xlsx_writer, docx_writer], ids=["xlsx", "docx"])
def test_checkboxes_are_drawn_as_shapes_not_glyphs(folder, writer):
    revised = VALID.replace("disahkan_oleh:", "revisi: [{ke: 1, tanggal: 2021-03-01, catatan: Uji}]\ndisahkan_oleh:")
    for text, ticked in ((VALID, False), (revised, True)):
        document, package = written(writer, folder(text))
        xml = "".join(parts_of(package).values())
        assert "\u2610" not in xml and "\u2611" not in xml
        assert xml.count('name="Kotak centang"') == 1
        assert xml.count('name="Tanda centang"') == (1 if ticked else 0)


def test_line_breaks_written_in_a_cell_are_breaks_in_every_format(folder):
    text = VALID.replace("kegiatan: Memulai", "kegiatan: |-\n      Memulai:\n      a. rapat\n      b. arahan")
    path = folder(text)
    document, package = written(docx_writer, path)
    body = parts_of(package)["word/document.xml"]
    assert '<w:t xml:space="preserve">Memulai:</w:t><w:br/><w:t xml:space="preserve">a. rapat</w:t><w:br/>' in body
    row = next(
        c
        for p in document.pages
        for t in p.blocks
        if isinstance(t, Table)
        for c in t.cells
        if c.paras and c.paras[0].text.startswith("Memulai:")
    )
    assert [line.text for line in row.lines] == ["Memulai:", "a. rapat", "b. arahan"]  # the PDF's lines
    _, workbook = written(xlsx_writer, path)
    sheet = openpyxl.load_workbook(io.BytesIO(workbook))["SOP"]
    assert any(cell.value == "Memulai:\na. rapat\nb. arahan" for row_ in sheet.iter_rows() for cell in row_)
