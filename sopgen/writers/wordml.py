"""WordprocessingML property elements with their children in the order the schema requires.

ISO/IEC 29500 defines `w:pPr`, `w:rPr`, `w:tcPr`, `w:tblPr` ... as sequences: Word silently drops a
property written out of order (so an exact line spacing the row heights rely on could be lost) and
Word on the web refuses the file. Writers pass the children in any order; `element` sorts them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from ..fontmetrics import OFFICE_FONT

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
"""The WordprocessingML namespace."""

SEQUENCES: dict[str, tuple[str, ...]] = {
    "pPr": (
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ),
    "rPr": (
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
        "rPrChange",
    ),
    "tcPr": (
        "cnfStyle",
        "tcW",
        "gridSpan",
        "hMerge",
        "vMerge",
        "tcBorders",
        "shd",
        "noWrap",
        "tcMar",
        "textDirection",
        "tcFitText",
        "vAlign",
        "hideMark",
        "headers",
        "cellIns",
        "cellDel",
        "cellMerge",
        "tcPrChange",
    ),
    "tblPr": (
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
        "tblPrChange",
    ),
    "tblBorders": ("top", "left", "start", "bottom", "right", "end", "insideH", "insideV"),
    "tcMar": ("top", "left", "start", "bottom", "right", "end"),
    "tblCellMar": ("top", "left", "start", "bottom", "right", "end"),
}
"""Child order of each sequence element we write (ISO/IEC 29500-4 Transitional, wml.xsd)."""

_TAG = re.compile(r"<w:([A-Za-z]+)")
_RANKS = {parent: {name: rank for rank, name in enumerate(children)} for parent, children in SEQUENCES.items()}
"""Each sequence's children by name -> position, for sorting."""


def _rank(parent: str, child: str) -> int:
    match = _TAG.match(child)
    name = match.group(1) if match else ""
    rank = _RANKS[parent].get(name)
    if rank is None:
        raise ValueError(f"<w:{name}> is not a child of <w:{parent}>")
    return rank


def element(tag: str, children: Iterable[str]) -> str:
    """`<w:tag>` holding the given child elements (XML text, one element each) in schema order."""
    parts = [child for child in children if child]
    if not parts:
        return ""
    parts.sort(key=lambda child: _rank(tag, child))
    return f"<w:{tag}>{''.join(parts)}</w:{tag}>"


def twips(points: float) -> int:
    return int(round(points * 20))


def cell_margins(pad: float) -> str:
    """A table's cell margins: `pad` points left and right, none above and below."""
    return element(
        "tblCellMar",
        [
            '<w:top w:w="0" w:type="dxa"/>',
            f'<w:left w:w="{twips(pad)}" w:type="dxa"/>',
            '<w:bottom w:w="0" w:type="dxa"/>',
            f'<w:right w:w="{twips(pad)}" w:type="dxa"/>',
        ],
    )


def footer_run_properties(size: float) -> str:
    """The run properties of a footer line: the Office font at `size` points."""
    half_points = int(round(size * 2))
    return element(
        "rPr", [f'<w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}"/>', f'<w:sz w:val="{half_points}"/>']
    )


def footer_paragraph_properties(usable: float) -> str:
    """A footer line's paragraph: a right tab at the end of the `usable` width, no spacing."""
    return element(
        "pPr",
        [f'<w:tabs><w:tab w:val="right" w:pos="{twips(usable)}"/></w:tabs>', '<w:spacing w:before="0" w:after="0"/>'],
    )


def field_runs(code: str, run_properties: str) -> str:
    """A field (`PAGE`, `NUMPAGES`, ...) as runs: begin, instruction, separate, a placeholder 1, end."""
    rpr = run_properties
    return (
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> '
        f'{code} </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'
    )


@lru_cache(maxsize=256)
def run_properties(size: float, bold: bool = False, italic: bool = False) -> str:
    """A run's properties: the Office font at `size` points, bold and italic as asked."""
    half = int(round(size * 2))
    fonts = f'<w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}" w:cs="{OFFICE_FONT}"/>'
    flags = (["<w:b/>", "<w:bCs/>"] if bold else []) + (["<w:i/>", "<w:iCs/>"] if italic else [])
    return element("rPr", [fonts, *flags, f'<w:sz w:val="{half}"/>', f'<w:szCs w:val="{half}"/>'])
