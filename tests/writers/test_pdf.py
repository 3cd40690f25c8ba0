"""PDF writer: text in the right cells, one drawn object per symbol, pages and metadata."""

from __future__ import annotations

import io

import pdfplumber
import pytest
from conftest import shipped

from sopgen.definition.loader import load_sop
from sopgen.layout import layout
from sopgen.layout.document import Table
from sopgen.writers import pdf


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module", params=shipped(), ids=lambda p: p.stem)
def rendered(request):
    document = layout(load_sop(request.param).document)
    buffer = io.BytesIO()
    pdf.write(document, buffer)
    buffer.seek(0)
    with pdfplumber.open(buffer) as opened:
        yield request.param, document, opened


def test_pages_and_metadata(rendered):
    path, document, opened = rendered
    sop = load_sop(path).document.sop
    assert len(opened.pages) == len(document.pages)
    assert opened.metadata["Title"] == f"{sop.nomor} SOP {sop.jenis.capitalize()} {sop.judul}"
    for number, page in enumerate(opened.pages, 1):
        assert f"Halaman {number} dari {len(document.pages)}" in page.extract_text()


def test_every_cell_text_is_inside_its_cell(rendered):
    path, document, opened = rendered
    for page, pdf_page in zip(document.pages, opened.pages):
        for block in page.blocks:
            if not isinstance(block, Table):
                continue
            for cell in block.cells:
                expected = squash("".join((p.number or "") + p.text for p in cell.paras))
                if not expected:
                    continue
                box = cell.box
                inside = pdf_page.crop((box.x, box.y, box.right, box.bottom)).extract_text()
                assert expected == squash(inside), (page.number, expected[:40])


def test_every_seed_step_text_is_present_in_its_row(rendered):
    path, document, opened = rendered
    sop = load_sop(path).document.sop
    edges = document.column_edges
    columns = {"kegiatan": 1, "kelengkapan": document.lanes[-1] + 1, "output": document.lanes[-1] + 3}
    seen = 0
    for page, pdf_page in zip(document.pages, opened.pages):
        table = page.table("prosedur")
        for row in table.rows if table else ():
            if row.step is None:
                continue
            step = sop.langkah[row.step]
            for field, column in columns.items():
                crop = pdf_page.crop((edges[column], row.y, edges[column + 1], row.y + row.h))
                assert squash(getattr(step, field)) == squash(crop.extract_text()), (row.step, field)
            seen += 1
    assert seen == len(sop.langkah)


def test_every_symbol_is_drawn_where_the_layout_put_it(rendered):
    path, document, opened = rendered
    for page, pdf_page in zip(document.pages, opened.pages):
        drawn = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in pdf_page.rects + pdf_page.curves]
        for shape in page.shapes:
            b = shape.box
            assert any(
                abs(x0 - b.x) < 0.6
                and abs(top - b.y) < 0.6
                and abs(x1 - b.right) < 0.6
                and abs(bottom - b.bottom) < 0.6
                for x0, top, x1, bottom in drawn
            ), shape.id
        heads = [o for o in pdf_page.curves if o.get("fill") and not o.get("stroke")]
        assert len(heads) == len(page.connectors)
