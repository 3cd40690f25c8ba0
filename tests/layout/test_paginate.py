"""Pagination of the flowchart rows, table-driven on tiny SOPs: given row heights and room, which steps
land on which page, and how tall each row is there.

A row is never split: it goes whole on a page, alone if it must. Where the flow crosses a page break
(an arrow from a step to the next one), the last row of the page keeps room below its symbol and the
first row of the next page room above it for the off-page connectors (`style.ROOM_OFFPAGE`, 24 pt).
The row heights named below follow from ROW_PAD 14.25, SYMBOL_H 20.25, DECISION_H 27 and ROOM_OFFPAGE 24.
"""

from __future__ import annotations

import random

import pytest

from sopgen.definition.loader import load_sop
from sopgen.layout import style
from sopgen.layout.paginate import paginate
from sopgen.layout.steps import edges_of, symbol_height

PLAIN = 48.75
"""A process or terminator row away from a page break: 14.25 + 20.25 + 14.25."""
ONE_SIDE = 58.5
"""The same row keeping room for a connector on one side: 24 + 20.25 + 14.25."""
BOTH = 68.25
"""Alone on a page with the flow crossing both breaks: 24 + 20.25 + 24."""
DECISION = 55.5
"""A decision row away from a page break: 14.25 + 27 + 14.25."""
DECISION_ONE_SIDE = 65.25
"""A decision whose flow continues on the next page: 14.25 + 27 + 24."""

HEAD = """\
nomor: P.01
judul: Paginasi
unit: [Biro Contoh]
tanggal_pembuatan: 2020-01-15
disahkan_oleh: {jabatan: Kepala Biro, nama: Budi, nip: "196001011985031001"}
pelaksana: {a: Pejabat A, b: Pejabat B}
langkah:
"""

LINEAR = HEAD + "".join(
    f"  - {{kegiatan: Langkah {n}, pelaksana: {'ab'[n % 2]}, waktu: 10 menit}}\n" for n in range(1, 6)
)
"""Five steps, each flowing into the next."""

SKIP = (
    HEAD
    + """\
  - {kegiatan: Memulai, pelaksana: a, waktu: 10 menit}
  - {kegiatan: Memeriksa, pelaksana: b, waktu: 10 menit, keputusan: {tidak: 1, ya: 4}}
  - {kegiatan: Memperbaiki, pelaksana: a, waktu: 10 menit}
  - {kegiatan: Selesai, pelaksana: b, waktu: 10 menit}
"""
)
"""Step 2 is a decision whose answers go to steps 1 and 4: no arrow from step 2 to step 3."""

DECIDE = (
    HEAD
    + """\
  - {kegiatan: Memulai, pelaksana: a, waktu: 10 menit}
  - {kegiatan: Memeriksa, pelaksana: b, waktu: 10 menit, keputusan: {tidak: 1}}
  - {kegiatan: Selesai, pelaksana: a, waktu: 10 menit}
"""
)
"""Step 2 is a decision whose `Ya` flows into step 3."""

CASES = [
    # id, definition, base heights, room on the first page, room on the others, [(steps, heights) per page]
    ("all-fit", LINEAR, [0] * 5, 1000, 1000, [([0, 1, 2, 3, 4], [PLAIN] * 5)]),
    (
        "page-ends-exactly-full",
        LINEAR,
        [0] * 5,
        2 * PLAIN + ONE_SIDE,
        1000,
        [([0, 1, 2], [PLAIN, PLAIN, ONE_SIDE]), ([3, 4], [ONE_SIDE, PLAIN])],
    ),
    (
        "a-pixel-short-the-row-moves-on",
        LINEAR,
        [0] * 5,
        2 * PLAIN + ONE_SIDE - style.PX,
        1000,
        [([0, 1], [PLAIN, ONE_SIDE]), ([2, 3, 4], [ONE_SIDE, PLAIN, PLAIN])],
    ),
    (
        "following-pages-have-their-own-room",
        LINEAR,
        [0] * 5,
        PLAIN + ONE_SIDE,
        2 * ONE_SIDE,
        [([0, 1], [PLAIN, ONE_SIDE]), ([2, 3], [ONE_SIDE, ONE_SIDE]), ([4], [ONE_SIDE])],
    ),
    (
        "alone-between-two-breaks-room-above-and-below",
        LINEAR,
        [0] * 5,
        60,
        70,
        [([0], [ONE_SIDE]), ([1], [BOTH]), ([2], [BOTH]), ([3], [BOTH]), ([4], [ONE_SIDE])],
    ),
    (
        "row-taller-than-the-room-alone-and-whole",
        LINEAR,
        [0, 500, 0, 0, 0],
        200,
        200,
        [([0], [ONE_SIDE]), ([1], [500]), ([2, 3, 4], [ONE_SIDE, PLAIN, PLAIN])],
    ),
    (
        "text-height-wins-over-symbol-room-only-when-taller",
        LINEAR,
        [50] * 5,
        50 + ONE_SIDE,
        1000,
        [([0, 1], [50, ONE_SIDE]), ([2, 3, 4], [ONE_SIDE, 50, 50])],
    ),
    (
        "no-room-where-the-flow-does-not-cross",
        SKIP,
        [0] * 4,
        PLAIN + DECISION,
        1000,
        [([0, 1], [PLAIN, DECISION]), ([2, 3], [PLAIN, PLAIN])],
    ),
    (
        "decision-keeps-room-below-for-its-ya",
        DECIDE,
        [0] * 3,
        PLAIN + DECISION_ONE_SIDE,
        1000,
        [([0, 1], [PLAIN, DECISION_ONE_SIDE]), ([2], [ONE_SIDE])],
    ),
]


@pytest.mark.parametrize(
    ("text", "base", "first_room", "room", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_rows_land_on_pages(folder, text, base, first_room, room, expected):
    document = load_sop(folder(text)).document
    pages = paginate(document, base, first_room, room)
    assert [(page.steps, page.heights) for page in pages] == expected


def test_heights_of_the_table_are_what_style_gives():
    """The numbers the table uses, from the constants they follow from (fails if style changes them)."""
    assert style.snap(style.ROW_PAD + style.SYMBOL_H + style.ROW_PAD) == PLAIN
    assert style.snap(style.ROOM_OFFPAGE + style.SYMBOL_H + style.ROW_PAD) == ONE_SIDE
    assert style.snap(style.ROOM_OFFPAGE + style.SYMBOL_H + style.ROOM_OFFPAGE) == BOTH
    assert style.snap(style.ROW_PAD + style.DECISION_H + style.ROW_PAD) == DECISION
    assert style.snap(style.ROW_PAD + style.DECISION_H + style.ROOM_OFFPAGE) == DECISION_ONE_SIDE


DECISIONS = {4: "{tidak: 2}", 7: "{tidak: 5, ya: 9}", 10: "{tidak: 8}"}
MIXED = HEAD + "".join(
    f"  - {{kegiatan: Langkah {n}, pelaksana: {'ab'[n % 2]}, waktu: 10 menit"
    + (f", keputusan: {DECISIONS[n]}}}\n" if n in DECISIONS else "}\n")
    for n in range(1, 13)
)
"""Twelve steps: a decision flowing on (4), one jumping over its next step (7 to 9), one looping back (10)."""


def test_pagination_invariants_on_random_heights(folder):
    document = load_sop(folder(MIXED)).document
    count = len(document.sop.langkah)
    crossing = {e.source for e in edges_of(document) if e.adjacent}
    assert crossing == set(range(count - 1)) - {6}
    rng = random.Random(20200115)
    for _ in range(300):
        base = [rng.choice([0.0, 30.0, 60.0, 90.0, 150.0, 400.0]) for _ in range(count)]
        first_room, room = rng.uniform(50, 450), rng.uniform(80, 500)
        pages = paginate(document, base, first_room, room)
        where = (base, first_room, room, [p.steps for p in pages])
        # Every row lands whole on exactly one page, in order, and no page is empty.
        assert [s for p in pages for s in p.steps] == list(range(count)), where
        assert all(p.steps and len(p.heights) == len(p.steps) for p in pages), where
        for number, page in enumerate(pages):
            available = first_room if number == 0 else room
            assert len(page.steps) == 1 or sum(page.heights) <= available + 1e-9, where
            for step, height in zip(page.steps, page.heights):
                assert height >= base[step], where
                # Room for a connector only where the flow crosses this page's top or bottom edge.
                above = step == page.steps[0] and number > 0 and step - 1 in crossing
                below = step == page.steps[-1] and number < len(pages) - 1 and step in crossing
                top = style.ROOM_OFFPAGE if above else style.ROW_PAD
                bottom = style.ROOM_OFFPAGE if below else style.ROW_PAD
                assert height == max(base[step], style.snap(top + symbol_height(document, step) + bottom)), where
