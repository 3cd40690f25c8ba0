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
