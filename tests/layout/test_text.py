"""Text on tiny inputs: wrapping (fontmetrics.wrap) and placing lines in a cell (layout.text).

Widths are those of the embedded Liberation Sans at 8 pt: `x` and `y` are 4 pt wide, a space 2.22 pt,
`kata` 15.12 pt. Leading is 9.75 pt at 8 pt, the cell padding 3 pt on every side, and lines are wrapped
3 pt narrower than the cell's inner width (style.WRAP_SLACK).
"""

from __future__ import annotations

import pytest

from sopgen import fontmetrics
from sopgen.fontmetrics import wrap
from sopgen.layout.document import Box, Checkbox, Para
from sopgen.layout.text import height, numbered, place

FOUR_X = fontmetrics.width("xxxx", 8)
TWO_WORDS = fontmetrics.width("kata kata", 8)


def test_widths_the_cases_rely_on():
    assert fontmetrics.width("x", 8) == fontmetrics.width("y", 8) == 4.0
    assert FOUR_X == 16.0
    assert fontmetrics.width(" ", 8) == pytest.approx(2.2227, abs=1e-4)
    assert TWO_WORDS < fontmetrics.width("kata kata", 8, bold=True)


@pytest.mark.parametrize(
    ("text", "limit", "bold", "lines"),
    [
        ("satu\ndua", 1000, False, ["satu", "dua"]),
        ("satu\n\ndua", 1000, False, ["satu", "", "dua"]),
        ("satu\n", 1000, False, ["satu", ""]),
        ("kata   kata\tkata", 1000, False, ["kata kata kata"]),
        ("kata kata kata kata kata", TWO_WORDS, False, ["kata kata", "kata kata", "kata"]),
        ("kata kata kata kata kata", TWO_WORDS - 0.01, False, ["kata"] * 5),
        ("kata kata", TWO_WORDS, True, ["kata", "kata"]),
        ("xxxxxxxxxx", FOUR_X, False, ["xxx-", "xxx-", "xxxx"]),
        ("xxxxxx x", FOUR_X, False, ["xxx-", "xxx", "x"]),
        ("xxxxx x", FOUR_X, False, ["xxx-", "xx x"]),
        ("ab xxxxxxxxxx yyyy", FOUR_X, False, ["ab", "xxx-", "xxx-", "xxxx", "yyyy"]),
        ("Kabag/Kasubbag", fontmetrics.width("Kasubbag", 8), False, ["Kabag/", "Kasubbag"]),
        ("", 50, False, [""]),
        ("   ", 50, False, [""]),
    ],
    ids=[
        "newline-kept",
        "blank-line-kept",
        "trailing-newline",
        "spaces-collapse",
        "greedy-at-spaces",
        "limit-inclusive",
        "bold-is-wider",
        "long-word-hyphenated",
        "hyphenated-tail-ends-line",
        "hyphenated-tail-continues-line",
        "long-word-between-words",
        "break-after-slash",
        "empty",
        "only-spaces",
    ],
)
def test_wrap(text, limit, bold, lines):
    assert wrap(text, limit, 8, bold) == lines


def test_numbered_labels_hang_after_the_widest_label():
    assert numbered([]) == []
    two = numbered(["Satu", "Dua"])
    assert [(p.number, p.text) for p in two] == [("1.", "Satu"), ("2.", "Dua")]
    assert {p.indent for p in two} == {fontmetrics.width("2.", 8) + 4}
    ten = numbered([str(n) for n in range(10)], size=6)
    assert ten[-1].number == "10." and ten[0].size == 6
    assert {p.indent for p in ten} == {fontmetrics.width("10.", 6) + 4}


def test_height_counts_lines_leading_padding_and_space_before():
    assert height([Para("", 8)], 100) == 9.75 + 6
    assert height([Para("satu\ndua", 8)], 100) == 2 * 9.75 + 6
    assert height([Para("satu", 8), Para("dua", 8, space_before=4)], 100) == 2 * 9.75 + 4 + 6
    assert height([Para("satu\ndua", 6)], 100) == 2 * 7.3125 + 6
    # 60 pt wide: inner 54, minus the hanging indent and the slack leaves 40.3 pt, two `kata` a line.
    assert height(numbered(["Satu", "kata kata kata"]), 60) == 3 * 9.75 + 6


def lines_of(paras, box, valign="top"):
    return [(line.text, round(line.x, 4), round(line.baseline, 4)) for line in place(paras, box, valign)]


def test_numbered_list_hangs_its_continuation_lines():
    indent = fontmetrics.width("2.", 8) + 4
    text_x = round(3 + indent, 4)
    assert lines_of(numbered(["Satu", "kata kata kata"]), Box(0, 0, 60, 100)) == [
        ("1.", 3, 10.755),
        ("Satu", text_x, 10.755),
        ("2.", 3, 20.505),
        ("kata kata", text_x, 20.505),
        ("kata", text_x, 30.255),
    ]


@pytest.mark.parametrize(("valign", "baseline"), [("top", 30.755), ("middle", 72.88), ("bottom", 115.005)])
def test_vertical_alignment(valign, baseline):
    # Box from y 20 to 120; one 9.75 pt line: top at 20 + 3, middle at 20 + (100 - 9.75) / 2, bottom at
    # 120 - 3 - 9.75; the baseline sits 0.875 + 6.88 pt below the line's top.
    assert lines_of([Para("Teks", 8)], Box(10, 20, 200, 100), valign) == [("Teks", 13, baseline)]


def test_horizontal_alignment_and_checkbox():
    box = Box(10, 20, 200, 100)
    w = fontmetrics.width("Teks", 8)
    assert place([Para("Teks", 8, align="right")], box)[0].x == pytest.approx(207 - w)
    assert place([Para("Teks", 8, align="center")], box)[0].x == pytest.approx(13 + (194 - w) / 2)
    boxes: list[tuple[Box, bool]] = []
    [line] = place([Para("Setuju", 8, checkbox=True)], box, "top", boxes)
    square = Box(13, 23 + (9.75 - 7.5) / 2, 7.5, 7.5)
    assert boxes == [
        Checkbox(square, ((14.5, square.cy), (13 + 7.5 * 0.42, square.bottom - 1.5), (19.3, square.y + 1.2)))
    ]
    assert line.x == 13 + 7.5 + 3


def test_empty_paragraph_takes_a_line_but_draws_nothing():
    assert place([Para("", 8)], Box(0, 0, 100, 50)) == ()
    assert lines_of([Para("", 8), Para("Teks", 8)], Box(0, 0, 100, 50)) == [("Teks", 3, 3 + 9.75 + 7.755)]


def test_the_stored_font_metrics_are_the_fonts_own():
    """fonts/metrics.json lets measuring skip reportlab; it must say what reportlab reads from the fonts."""
    import json

    assert json.loads(fontmetrics.METRICS.read_text(encoding="utf-8")) == fontmetrics.measured_tables()


def test_widths_equal_reportlabs_to_the_last_bit():
    import random

    from reportlab.pdfbase import pdfmetrics

    fontmetrics.register_fonts()
    rng = random.Random(7)
    chars = [chr(c) for c in range(32, 0x2100)]
    for _ in range(3000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 30)))
        size, bold = rng.choice([5.0, 6.5, 7.5, 8.0, 10.5]), rng.random() < 0.5
        fontmetrics.width.cache_clear()
        assert fontmetrics.width(text, size, bold) == pdfmetrics.stringWidth(text, fontmetrics.font_name(bold), size)
