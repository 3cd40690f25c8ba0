"""Sizes the layout uses for text and symbols, in points. One place, so every writer agrees."""

PX = 0.75
"""One pixel at 96 dpi; column widths and row heights are whole pixels so XLSX anchors are exact."""

FONT = 8.0
LEADING = 9.75
SMALL = 7.5
TITLE = 10.5
LABEL = 6.5
FOOTER = 7.5
PAD_X = 3.0
PAD_Y = 3.0
WRAP_SLACK = 3.0
"""Lines are wrapped this much narrower than the cell, so office programs never wrap them again."""

SYMBOL_H = 20.25
DECISION_H = 27.0
CAPSULE_RATIO = 0.6
"""A terminator is at most this tall for its width, so it stays a capsule in a narrow lane."""
SYMBOL_W_MAX = 54.0
OFFPAGE = 12.0
GUTTER_MIN = 15.0
"""Room beside a symbol inside its lane, for return channels and off-page connectors."""
ROW_PAD = 14.25
"""Room above and below a symbol inside its row."""
STUB = 6.0
"""Length of the short segment by which an arrow leaves or approaches a symbol."""
SPACER = 9.0


def snap(value: float) -> float:
    """Round up to a whole pixel (0.75 pt)."""
    steps = -(-round(value / PX, 6) // 1)
    return steps * PX


ARROW_GAP = 9.0
"""Gap between a symbol and the off-page connector its arrow runs to."""
ROOM_OFFPAGE = ARROW_GAP + OFFPAGE + 3.0
"""Room a row keeps above or below its symbol where the flow crosses a page break."""
ARROW_LEN = 5.0
ARROW_HALF = 2.4
"""Arrowhead: length along the arrow and half its width across, in points."""
JUMP = 3.0
"""Radius of the small arc a horizontal arrow makes where it hops over a vertical one."""
JUMP_SEGMENTS = 8
"""Straight pieces an arc is drawn with (the same in every format)."""
LETTER = 6.5
"""Size of the letter in an off-page connector (bold)."""

GRID_STROKE = 0.6
SYMBOL_STROKE = 0.8
ARROW_STROKE = 0.7
FRAME_STROKE = 0.5
FRAME_COLOUR = "A0A0A0"
"""The dashed frame drawn where the emblem goes when the organisation has none."""

MARK_WIDTH = 3.0
MARK_GAP = 4.5
"""Change bars (`sopgen diff --pdf`): their width, and their distance left of the tables."""
MARK_COLOUR = "D00000"
"""The change bars' red, used for nothing else on a sheet."""

INSTITUTION_NAME = 10.5
"""Size of the institution's name lines (bold) when the profile tells them from its address lines,
which take SMALL (`lembar.kepala.baris_nama_instansi`)."""
SIGNATURE_SPACE = 42.0
"""Room to sign (and stamp) above the name in the signature block under the flowchart."""
