"""Layout: pages, lanes, symbols and connector endpoints, checked on the geometry itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, shipped
from layout_checks import problems

from sopgen.definition.loader import load_sop
from sopgen.layout import layout
from sopgen.layout.document import Table
from sopgen.layout.dump import dump
from sopgen.samples import write_corpus


def laid_out(path: Path):
    return layout(load_sop(path).document)


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_shipped_sop_layout_is_sound(path):
    document = laid_out(path)
    assert problems(document) == []


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.stem)
def test_identity_on_page_one_and_flowchart_after(path):
    document = laid_out(path)
    kinds = [b.kind for b in document.pages[0].blocks if isinstance(b, Table)]
    assert kinds == ["identitas", "dasar"]
    steps = [s for page in document.pages for s in page.steps]
    assert steps == list(range(len(load_sop(path).document.sop.langkah)))
    for page in document.pages[1:]:
        table = page.table("prosedur")
        assert table is not None and table.rows[0].kind == "header" and table.rows[1].kind == "header"
        assert table.rows[-1].y + table.rows[-1].h <= document.height - document.margins.bottom + 0.01


def test_monev_pages_steps_lanes_and_decisions():
    document = laid_out(Path(__file__).resolve().parents[2] / "definitions" / "monev-sop-ap.yaml")
    assert len(document.pages) == 3
    assert [p.steps for p in document.pages[1:]] == [list(range(0, 8)), list(range(8, 16))]
    page2 = document.pages[1]
    kinds = {s.step: s.kind for s in page2.shapes if s.step is not None}
    assert kinds[0] == "terminator" and kinds[4] == "decision" and kinds[1] == "process"
    assert page2.shape("langkah-1").lanes == (1,)  # Karo PO
    joint = document.pages[2].shape("langkah-10")
    assert joint.lanes == (2, 3, 4)
    # Step 8 (Ya) continues to step 9 on the next page through the pair of connectors "A".
    out = page2.shape("penghubung-A-keluar")
    into = document.pages[2].shape("penghubung-A-masuk")
    arrow_out = next(c for c in page2.connectors if c.target == out.id)
    assert arrow_out.source == "langkah-8" and arrow_out.kind == "ya"
    arrow_in = next(c for c in document.pages[2].connectors if c.source == into.id)
    assert arrow_in.target == "langkah-9"
    # Step 9's "Tidak" goes back to step 7 on the previous page: connector "B" on both pages.
    assert any(
        c.source == "langkah-9" and c.kind == "tidak" and c.target == "penghubung-B-keluar"
        for c in document.pages[2].connectors
    )
    assert any(c.source == "penghubung-B-masuk" and c.target == "langkah-7" for c in page2.connectors)


def test_every_decision_has_both_exits():
    for path in shipped():
        document = laid_out(path)
        branches = load_sop(path).document.branches
        for step in branches:
            kinds = sorted(c.kind for p in document.pages for c in p.connectors if c.source == f"langkah-{step + 1}")
            assert kinds == ["tidak", "ya"], (path.name, step)
        labels = [label.text for p in document.pages for label in p.labels]
        assert labels.count("Ya") == labels.count("Tidak") == len(branches)


def test_small_sop_fits_on_one_page(folder):
    document = laid_out(folder(VALID))
    assert len(document.pages) == 1
    assert document.pages[0].steps == [0, 1, 2]
    assert problems(document) == []


def test_rows_grow_with_text_and_never_split(folder):
    long_text = "kata " * 400
    document = laid_out(folder(VALID.replace("kegiatan: Memeriksa", f"kegiatan: {long_text}")))
    rows = [
        r
        for p in document.pages
        for b in p.blocks
        if isinstance(b, Table) and b.kind == "prosedur"
        for r in b.rows
        if r.step == 1
    ]
    assert len(rows) == 1 and rows[0].h > 150


@pytest.mark.slow
def test_generated_corpus_lays_out_soundly(tmp_path):
    for path in write_corpus(tmp_path, 100):
        assert problems(laid_out(path)) == [], path.name


def test_dump_is_readable():
    text = dump(laid_out(shipped()[0]))
    assert "halaman 2: langkah 1, 2" in text and "simbol langkah-1 terminator lajur 1" in text
