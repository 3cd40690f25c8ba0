"""Text measurement and wrapping with the metrics of the embedded Arial-metric font.

The same TrueType files are embedded in the PDF, and are metric-compatible with Arial, the font
named in the XLSX and DOCX files, so a line measured here fits in every writer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "SopSans"
BOLD = "SopSans-Bold"
OFFICE_FONT = "Arial"
_FILES = {REGULAR: "LiberationSans-Regular.ttf", BOLD: "LiberationSans-Bold.ttf"}


def register_fonts() -> None:
    """Register the fonts with reportlab once per process (cheap when already done)."""
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file in _FILES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


def font_name(bold: bool) -> str:
    return BOLD if bold else REGULAR


@lru_cache(maxsize=65536)
def width(text: str, size: float, bold: bool = False) -> float:
    register_fonts()
    return pdfmetrics.stringWidth(text, font_name(bold), size)


def _split_long_word(word: str, limit: float, size: float, bold: bool) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and width(current + char, size, bold) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, limit: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to `limit` points; explicit newlines are kept; over-long words are cut."""
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
    return lines


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` the embedded font cannot draw (they would print as empty boxes)."""
    covered = _covered()
    return sorted({c for c in text if ord(c) not in covered and c.isprintable() and not c.isspace() and ord(c) > 0x20})
