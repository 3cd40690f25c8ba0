"""The sheet's column grid: No., Kegiatan, one column per lane, Mutu Baku, Ket.

Every table of the sheet (identity header, legal basis grid, flowchart) spans these columns, so the
XLSX worksheet and the DOCX tables share one grid and the three formats agree column for column.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import style

FIXED = {"no": 22.5, "waktu": 42.0, "ket": 39.0}
SHARES = {"kegiatan": 0.235, "kelengkapan": 0.125, "output": 0.125}
LANE_MIN = 54.0
LANE_MAX = 120.0


@dataclass(frozen=True)
class Grid:
    widths: tuple[float, ...]
    lane_columns: tuple[int, ...]
    kegiatan: int
    kelengkapan: int
    waktu: int
    output: int
    ket: int

    @property
    def count(self) -> int:
        return len(self.widths)

    def split_near(self, fraction: float, lo: int = 1, hi: int | None = None) -> int:
        """The column edge index nearest `fraction` of the width, kept within [lo, hi]."""
        hi = self.count - 1 if hi is None else hi
        total = sum(self.widths)
        edges, acc = [], 0.0
        for w in self.widths:
            edges.append(acc)
            acc += w
        best = min(range(lo, hi + 1), key=lambda i: abs(edges[i] - fraction * total))
        return best


def make_grid(usable_width: float, lanes: int) -> Grid:
    """Column widths for `lanes` lanes filling `usable_width`, in whole pixels."""
    text = {name: style.snap(usable_width * share) for name, share in SHARES.items()}
    fixed = sum(FIXED.values()) + sum(text.values())
    lane_width = (usable_width - fixed) / lanes
    if lane_width < LANE_MIN:
        # Many lanes: the text columns give up width, down to 60 % of their share.
        shrink = max(0.6, (usable_width - sum(FIXED.values()) - LANE_MIN * lanes) / sum(text.values()))
        text = {name: style.snap(w * shrink) for name, w in text.items()}
        lane_width = (usable_width - sum(FIXED.values()) - sum(text.values())) / lanes
    if lane_width > LANE_MAX:
        # Few lanes: the spare width goes to the text columns, mostly to Kegiatan.
        spare = (lane_width - LANE_MAX) * lanes
        for name, part in (("kegiatan", 0.6), ("kelengkapan", 0.2), ("output", 0.2)):
            text[name] = _floor_px(text[name] + spare * part)
        lane_width = LANE_MAX
    lane_width = _floor_px(lane_width)
    widths = [FIXED["no"], text["kegiatan"]] + [lane_width] * lanes
    widths += [text["kelengkapan"], FIXED["waktu"], text["output"]]
    # The last column takes what rounding left over, so the grid fills the width exactly.
    widths.append(_floor_px(usable_width - sum(widths)))
    first_lane = 2
    return Grid(
        widths=tuple(widths),
        lane_columns=tuple(range(first_lane, first_lane + lanes)),
        kegiatan=1,
        kelengkapan=first_lane + lanes,
        waktu=first_lane + lanes + 1,
        output=first_lane + lanes + 2,
        ket=first_lane + lanes + 3,
    )


def _floor_px(value: float) -> float:
    return max(style.PX, int(value / style.PX + 1e-6) * style.PX)
