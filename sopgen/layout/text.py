"""Paragraphs -> wrapped, positioned lines inside a box (hanging indents for numbered lists)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .. import fontmetrics
from . import style
from .document import Align, Box, Checkbox, Line, Para, VAlign
from .symbols import checkbox

CHECKBOX = 7.5
"""Side of a drawn checkbox, in points."""
CHECKBOX_INDENT = CHECKBOX + 3
"""Where the text of a paragraph with a checkbox starts, after the box and a gap."""
CHECKBOX_SPACE = "\u2003\u2002"
"""Written before the text of such a paragraph where the office program flows the text itself and
cannot indent by points (XLSX): an em and an en space, 12 pt at 8 pt, which with the office
program's own inset of a point or two puts the text where `CHECKBOX_INDENT` does; the box is drawn
over the space."""


MIN_WORD_SIZE = 5.0
"""Text whose longest word does not fit its column shrinks down to this size; below it the word is
hyphenated."""
WORD_STEP = 0.25


def _text_width(para: Para, inner: float) -> float:
    return max(inner - para.indent - (CHECKBOX_INDENT if para.checkbox is not None else 0) - style.WRAP_SLACK, 4)


def fit_words(paras: Sequence[Para], box_width: float) -> list[Para]:
    """Paragraphs whose longest word is wider than the cell get smaller text, so words are never split;
    at MIN_WORD_SIZE a word still too wide is hyphenated, with the breaks written into the text so
    every format breaks it at the same places."""
    inner = box_width - 2 * style.PAD_X
    fitted = []
    for para in paras:
        limit = _text_width(para, inner)
        size = para.size
        while size > MIN_WORD_SIZE and fontmetrics.widest_word(para.text, size, para.bold) > limit:
            size = max(MIN_WORD_SIZE, size - WORD_STEP)
        if size != para.size:
            para = replace(para, size=size)
        if fontmetrics.widest_word(para.text, size, para.bold) > limit:
            para = replace(para, text=_hyphenated(para.text, limit, size, para.bold))
        fitted.append(para)
    return fitted


def _hyphenated(text: str, limit: float, size: float, bold: bool) -> str:
    lines = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            if fontmetrics.widest_word(word, size, bold) > limit:
                word = "\n".join(fontmetrics.wrap(word, limit, size, bold))
            words.append(word)
        lines.append(" ".join(words))
    return "\n".join(lines)


def leading(size: float) -> float:
    return size * style.LEADING / style.FONT


def numbered(items: Sequence[str], size: float = style.FONT) -> list[Para]:
    """A numbered list (`1.`, `2.` ...) with the text hanging after the widest label."""
    if not items:
        return []
    indent = fontmetrics.width(f"{len(items)}.", size) + 4
    return [Para(item, size, number=f"{i}.", indent=indent) for i, item in enumerate(items, 1)]


def _para_lines(para: Para, inner: float) -> list[str]:
    return fontmetrics.wrap(para.text, _text_width(para, inner), para.size, para.bold)


def height(paras: Sequence[Para], box_width: float) -> float:
    """Height the paragraphs need in a cell of this width, padding included (after `fit_words`)."""
    paras = fit_words(paras, box_width)
    inner = box_width - 2 * style.PAD_X
    total = 0.0
    for para in paras:
        total += para.space_before + len(_para_lines(para, inner)) * leading(para.size)
    return total + 2 * style.PAD_Y


def place(
    paras: Sequence[Para], box: Box, valign: VAlign = "middle", checkboxes: list[Checkbox] | None = None
) -> tuple[Line, ...]:
    """Wrap and position the paragraphs in `box`; checkbox boxes are appended to `checkboxes`."""
    inner = box.w - 2 * style.PAD_X
    wrapped = [(para, _para_lines(para, inner)) for para in paras]
    needed = sum(p.space_before + len(ls) * leading(p.size) for p, ls in wrapped)
    if valign == "top":
        y = box.y + style.PAD_Y
    elif valign == "bottom":
        y = box.bottom - style.PAD_Y - needed
    else:
        y = box.y + (box.h - needed) / 2
    placed: list[Line] = []
    for para, lines in wrapped:
        y += para.space_before
        step = leading(para.size)
        left = box.x + style.PAD_X
        if para.checkbox is not None:
            if checkboxes is not None:
                top = y + (step - CHECKBOX) / 2
                checkboxes.append(checkbox(Box(left, top, CHECKBOX, CHECKBOX), para.checkbox))
            left += CHECKBOX_INDENT
        for index, text in enumerate(lines):
            baseline = y + (step - para.size) / 2 + para.size * 0.86
            if para.number and index == 0:
                placed.append(Line(para.number, left, baseline, para.size, para.bold))
            x = _aligned_x(text, para, left + para.indent, box.x + box.w - style.PAD_X)
            if text:
                placed.append(Line(text, x, baseline, para.size, para.bold, para.link))
            y += step
    return tuple(placed)


def _aligned_x(text: str, para: Para, left: float, right: float) -> float:
    align: Align = para.align
    if align == "left":
        return left
    text_width = fontmetrics.width(text, para.size, para.bold)
    if align == "right":
        return right - text_width
    return left + (right - left - text_width) / 2
