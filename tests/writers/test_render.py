"""XLSX and DOCX of the shipped SOPs as LibreOffice prints them: pages, rows, texts and shapes
must be where the layout (and so the PDF writer) put them."""

from __future__ import annotations

import os
import time

import pdfplumber
import pytest
from conftest import shipped
from office import SOFFICE, to_pdf

from sopgen.definition.loader import load_sop
from sopgen.layout import layout
from sopgen.layout.document import Table
from sopgen.writers import docx as docx_writer
from sopgen.writers import xlsx as xlsx_writer

if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow

TOLERANCE = 1.5


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Write every shipped SOP as XLSX and DOCX and convert all of them in one soffice call."""
    folder = tmp_path_factory.mktemp("render")
    documents = {}
    sources = []
    for path in shipped():
        document = layout(load_sop(path).document)
        documents[path.stem] = document
        for writer in (xlsx_writer, docx_writer):
            target = folder / f"{path.stem}-{writer.name}{writer.suffix}"
            writer.write(document, target)
            sources.append(target)
    start = time.perf_counter()
    to_pdf(sources, folder, folder / "profile")
    elapsed = time.perf_counter() - start
    return folder, documents, elapsed


def cases():
    return [(p.stem, fmt) for p in shipped() for fmt in ("xlsx", "docx")]


def test_ten_files_convert_in_one_call_well_under_a_minute(rendered):
    folder, documents, elapsed = rendered
    assert len(list(folder.glob("*.pdf"))) == 2 * len(documents)
    assert elapsed < 60


@pytest.mark.parametrize("stem,fmt", cases())
def test_pages_rows_and_texts_match_the_layout(rendered, stem, fmt):
    folder, documents, _ = rendered
    document = documents[stem]
    sop_steps = load_sop(next(p for p in shipped() if p.stem == stem)).document.sop.langkah
    with pdfplumber.open(folder / f"{stem}-{fmt}.pdf") as pdf:
        assert len(pdf.pages) == len(document.pages)
        for page, pdf_page in zip(document.pages, pdf.pages):
            table = page.table("prosedur")
            if table is None:
                continue
            edges = document.column_edges
            body = [r for r in table.rows if r.kind == "body"]
            no_column = pdf_page.crop((edges[0], body[0].y, edges[1], body[-1].y + body[-1].h))
            numbers = [int(w["text"]) for w in no_column.extract_words() if w["text"].isdigit()]
            assert numbers == [s + 1 for s in page.steps]
            for row in body:
                step = sop_steps[row.step]
                crop = pdf_page.crop(
                    (edges[1] - TOLERANCE, row.y - TOLERANCE, edges[2] + TOLERANCE, row.y + row.h + TOLERANCE)
                )
                assert squash(crop.extract_text()) == squash(step.kegiatan), (page.number, row.step)


@pytest.mark.parametrize("stem,fmt", cases())
def test_every_symbol_is_drawn_in_its_place(rendered, stem, fmt):
    folder, documents, _ = rendered
    document = documents[stem]
    with pdfplumber.open(folder / f"{stem}-{fmt}.pdf") as pdf:
        for page, pdf_page in zip(document.pages, pdf.pages):
            drawn = pdf_page.curves + pdf_page.rects
            for shape in page.shapes:
                b = shape.box
                assert any(
                    abs(o["x0"] - b.x) < TOLERANCE
                    and abs(o["top"] - b.y) < TOLERANCE
                    and abs(o["x1"] - b.right) < TOLERANCE
                    and abs(o["bottom"] - b.bottom) < TOLERANCE
                    for o in drawn
                ), (page.number, shape.id)
            for connector in page.connectors:
                end_x, end_y = connector.points[-1]
                heads = [
                    o
                    for o in drawn
                    if o["x0"] - TOLERANCE <= end_x <= o["x1"] + TOLERANCE
                    and o["top"] - TOLERANCE <= end_y <= o["bottom"] + TOLERANCE
                    and (o["x1"] - o["x0"]) < 8
                    and (o["bottom"] - o["top"]) < 8
                ]
                assert heads, (page.number, connector.id, "arrowhead missing at the arrow's end")


@pytest.mark.parametrize("stem,fmt", cases())
def test_tables_keep_the_layout_grid(rendered, stem, fmt):
    folder, documents, _ = rendered
    document = documents[stem]
    with pdfplumber.open(folder / f"{stem}-{fmt}.pdf") as pdf:
        page = document.pages[1]
        pdf_page = pdf.pages[1]
        verticals = {
            round(o["x0"], 0) for o in pdf_page.lines + pdf_page.rects + pdf_page.edges if abs(o["x0"] - o["x1"]) < 0.5
        }
        for edge in document.column_edges:
            assert any(abs(edge - v) <= 1.5 for v in verticals), edge
        table = page.table("prosedur")
        assert isinstance(table, Table)
