"""Text measurement and wrapping with the metrics of the embedded Arial-metric font.

The same TrueType files are embedded in the PDF, and are metric-compatible with Arial, the font
named in the XLSX and DOCX files, so a line measured here fits in every writer.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).resolve().parent / "fonts"
METRICS = FONT_DIR / "metrics.json"
"""The fonts' advance widths and covered characters, as reportlab reads them from the TrueType files
(`measured_tables`; a test keeps the two equal): measuring needs neither reportlab nor the fonts parsed,
which made every command that reads a definition start 60 ms slower."""
REGULAR = "SopSans"
BOLD = "SopSans-Bold"
OFFICE_FONT = "Arial"
_FILES = {REGULAR: "LiberationSans-Regular.ttf", BOLD: "LiberationSans-Bold.ttf"}


def register_fonts() -> None:
    """Register the fonts with reportlab once per process (cheap when already done); for drawing."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for name, file in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


def font_name(bold: bool) -> str:
    return BOLD if bold else REGULAR


def measured_tables() -> dict[str, Any]:
    """The tables of `METRICS`, read from the fonts by reportlab (to write or check the stored ones)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    tables: dict[str, Any] = {}
    for name in (REGULAR, BOLD):
        face = pdfmetrics.getFont(name).face
        tables[name] = {
            "default": face.defaultWidth,
            "widths": {str(code): value for code, value in sorted(face.charWidths.items())},
            "covered": sorted(face.charToGlyph),
        }
    return tables


@lru_cache(maxsize=1)
def _tables() -> dict[str, tuple[dict[int, float], float, frozenset[int]]]:
    stored = json.loads(METRICS.read_text(encoding="utf-8"))
    return {
        name: (
            {int(code): value for code, value in table["widths"].items()},
            table["default"],
            frozenset(table["covered"]),
        )
        for name, table in stored.items()
    }


@lru_cache(maxsize=65536)
def width(text: str, size: float, bold: bool = False) -> float:
    """The advance width of `text` in points, exactly as reportlab measures it (summed, then scaled)."""
    widths, default, _ = _tables()[font_name(bold)]
    total = 0.0
    for char in text:
        total += widths.get(ord(char), default)
    return total * 0.001 * size


BREAK_AFTER = re.compile(r"(?<=[/\\])")
"""Inside a word, a line may break after a slash (`Kabag/Kasubbag`)."""


def word_pieces(word: str) -> list[str]:
    """The parts of a word a line may break between: after each slash."""
    return [piece for piece in BREAK_AFTER.split(word) if piece]


@lru_cache(maxsize=8192)
def widest_word(text: str, size: float, bold: bool = False) -> float:
    """Width of the widest unbreakable part of the text (a word, or a part of it between slashes)."""
    return max((width(piece, size, bold) for word in text.split() for piece in word_pieces(word)), default=0.0)


def _split_long_word(word: str, limit: float, size: float, bold: bool) -> list[str]:
    """A word wider than a line: broken after its slashes, and a part still too wide is hyphenated."""
    pieces: list[str] = []
    current = ""
    for part in word_pieces(word):
        if current and width(current + part, size, bold) <= limit:
            current += part
            continue
        if current:
            pieces.append(current)
        current = part
        while width(current, size, bold) > limit and len(current) > 1:
            cut = len(current) - 1
            while cut > 1 and width(current[:cut] + "-", size, bold) > limit:
                cut -= 1
            pieces.append(current[:cut] + "-")
            current = current[cut:]
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, limit: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `limit` points; explicit newlines are kept; a word wider than a line breaks
    after a slash, else with a hyphen (layout shrinks text first, so that is rare: `text.fit_words`)."""
    return list(_wrapped(text, limit, size, bold))


@lru_cache(maxsize=8192)
def _wrapped(text: str, limit: float, size: float, bold: bool) -> tuple[str, ...]:
    """`wrap`, remembered: layout measures a cell's text for its row height, then wraps it again to
    place it on each page the row is drawn on."""
    lines: list[str] = []
    space = width(" ", size, bold)
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current, current_width = "", 0.0
        for word in words:
            word_width = width(word, size, bold)
            if word_width > limit:
                if current:
                    lines.append(current)
                pieces = _split_long_word(word, limit, size, bold)
                lines.extend(pieces[:-1])
                current, current_width = pieces[-1], width(pieces[-1], size, bold)
                continue
            if not current:
                current, current_width = word, word_width
            elif current_width + space + word_width <= limit:
                current += " " + word
                current_width += space + word_width
            else:
                lines.append(current)
                current, current_width = word, word_width
        lines.append(current)
    return tuple(lines)


def _covered() -> frozenset[int]:
    return _tables()[REGULAR][2]


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` the embedded font cannot draw (they would print as empty boxes)."""
    covered = _covered()
    return sorted({c for c in text if ord(c) not in covered and c.isprintable() and not c.isspace() and ord(c) > 0x20})
