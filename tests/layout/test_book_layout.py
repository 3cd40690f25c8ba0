"""The book's layout (layout/book.py): the symbols legend drawn with the sheets' own outlines, the
index of actors, the draft decree kept inside its margins, and the parts numbered in order."""

from __future__ import annotations

import pytest
from conftest import DEFINITIONS, shipped

from sopgen import fontmetrics
from sopgen.book import collect, layout_plan, plan_book
from sopgen.build import output_stems
from sopgen.layout import style
from sopgen.layout.book import (
    DECREE_MARGINS,
    KEY_EXPLANATION,
    KEY_INDEX,
    KEY_SHEETS,
    BookLayout,
    DrawnPage,
    SheetPage,
    lane_index,
    layout_book,
    ranges,
)
from sopgen.layout.symbols import arrowhead, letter_baseline, offpage_box, outline


@pytest.fixture(scope="module")
def shipped_book() -> tuple[BookLayout, list]:
    sources = shipped()
    chapters, problems = collect(sources, output_stems(sources))
    assert not problems
    plan = plan_book(chapters)
    return layout_plan(plan), plan.chapters


def test_the_legend_draws_the_five_symbols_with_the_sheets_outlines(shipped_book):
    book, _ = shipped_book
    legend = next(p for p in book.pages if isinstance(p, DrawnPage) and p.shapes)
    kinds = [shape.kind for shape in legend.shapes]
    assert kinds == ["terminator", "process", "decision", "offpage"] and len(legend.connectors) == 1
    for shape in legend.shapes:
        if shape.kind == "offpage":
            assert shape.box == offpage_box(shape.box.cx, shape.box.cy)
            assert shape.text == "A" and shape.text_at == letter_baseline(shape.box)
        else:
            height = style.DECISION_H if shape.kind == "decision" else style.SYMBOL_H
            assert (shape.box.w, shape.box.h) == (style.SYMBOL_W_MAX, height)
        assert shape.outline == outline(shape.kind, shape.box)
    arrow = legend.connectors[0]
    assert (arrow.shaft_end, arrow.head) == arrowhead(arrow.points)
    # each symbol sits in its own row, beside its name
    names = [t for t in legend.texts if t.bold and t.text.split(" (")[0] in ("Kapsul", "Kotak", "Belah ketupat")]
    for shape, name in zip(legend.shapes, names):
        assert abs(shape.box.cy - name.baseline) < 20


def test_the_parts_come_in_order_and_every_page_after_the_cover_is_numbered(shipped_book):
    book, chapters = shipped_book
    order = [book.parts[key] for key in ("sampul", "keputusan", "daftar-isi", KEY_EXPLANATION, KEY_SHEETS, KEY_INDEX)]
    assert order == sorted(order) and order[0] == 1 and len(book.pages) == book.total
    assert [c.first_page for c in book.chapters] == [
        book.parts[KEY_SHEETS] + sum(len(c.layout.pages) for c in chapters[:i]) for i in range(len(chapters))
    ]
    for number, page in enumerate(book.pages, start=1):
        if isinstance(page, DrawnPage):
            footers = [t.text for t in page.texts if t.size == 7.5 and t.text.startswith("Halaman ")]
            assert footers == ([] if number == 1 else [book.footer_text(number)])
        elif isinstance(page, SheetPage):
            assert page.chapter.first_page + page.offset == number
    keys = [key for page in book.pages for key in page.anchors]
    assert len(keys) == len(set(keys)) and {entry.key for entry in book.outline} <= set(keys)
    assert {link.target for page in book.front for link in page.links} <= set(keys)


def test_the_draft_decree_stays_inside_its_margins(shipped_book):
    book, _ = shipped_book
    decree = [p for p in book.pages[book.parts["keputusan"] - 1 : book.parts["daftar-isi"] - 1]]
    assert len(decree) == 3
    for page in decree:
        assert isinstance(page, DrawnPage) and page.width < page.height
        for text in page.texts:
            if text.size > 12 or text.text.startswith(("Halaman", "DRAF", "- ")):
                continue
            width = fontmetrics.width(text.text, text.size, text.bold)
            left = {"left": text.x, "center": text.x - width / 2, "right": text.x - width}[text.align]
            assert DECREE_MARGINS.left - 0.01 <= left and left + width <= page.width - DECREE_MARGINS.right + 0.01
            assert DECREE_MARGINS.top <= text.baseline <= page.height - DECREE_MARGINS.bottom
        assert page.under and page.under[0].text == "DRAF"


def test_the_index_groups_each_lane_across_its_sops():
    chapters, _ = collect(shipped(), output_stems(shipped()))
    index = dict(lane_index([c.document for c in chapters], [c.layout for c in chapters]))
    assert list(index) == sorted(index, key=str.casefold)
    karo = index["Karo PO"]
    assert len(karo) == 5 and all(act.steps for act in karo)
    iku = next(i for i, c in enumerate(chapters) if c.document.sop.nomor == "OT.01.02-005-097.Set.PO")
    sesmenko = next(act for act in index["Sesmenko"] if act.chapter == iku)
    assert sesmenko.steps == (1, 17)
    joint = [step for step, s in enumerate(chapters[iku].document.sop.langkah, 1) if len(s.lanes) > 1]
    for step in joint:  # a joint step counts for each of its lanes
        lanes = chapters[iku].document.sop.langkah[step - 1].lanes
        for lane in lanes:
            name = chapters[iku].document.sop.pelaksana[lane]
            assert step in next(act for act in index[name] if act.chapter == iku).steps


def test_ranges_join_runs_of_numbers():
    assert ranges([1, 3, 4, 5, 9]) == "1, 3\u20135, 9"
    assert ranges([7]) == "7" and ranges([]) == "" and ranges([2, 2, 1]) == "1\u20132"


def test_a_long_index_repeats_its_header_and_the_lanes_name_on_the_next_page(folder):
    text = (DEFINITIONS / "penyusunan-iku.yaml").read_text(encoding="utf-8")
    sources = [folder(text.replace("OT.01.02-005-097.Set.PO", f"X.{n:02d}"), f"sop-{n:02d}.yaml") for n in range(12)]
    chapters, _ = collect(sources, output_stems(sources))
    book = layout_book([c.document for c in chapters], [c.layout for c in chapters], 2024)
    index = [p for p in book.pages[book.parts[KEY_INDEX] - 1 :] if isinstance(p, DrawnPage)]
    assert len(index) >= 2
    names = {name for name, _ in lane_index([c.document for c in chapters], [c.layout for c in chapters])}
    for page in index:
        assert sum(1 for t in page.texts if t.text == "Pelaksana" and t.bold) == 1  # the header row, once a page
        header = next(t for t in page.texts if t.text == "Pelaksana")
        first_row = min((t for t in page.texts if t.baseline > header.baseline), key=lambda t: t.baseline)
        row = [t for t in page.texts if t.baseline == first_row.baseline]
        assert any(t.bold and t.text in names for t in row)  # a group split by the page shows its lane again
