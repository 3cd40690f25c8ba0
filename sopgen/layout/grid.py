"""The sheet's column grid: No., Kegiatan, one column per lane, Mutu Baku, Ket.

Every table of the sheet (identity header, legal basis grid, flowchart) spans these columns, so the
XLSX worksheet and the DOCX tables share one grid and the three formats agree column for column.

By default the widths are the Kemenko sheet's (`make_grid` with no options). A profile may leave the
Keterangan column out, give the column groups their own width shares (`lembar.kolom.lebar`), and
ask for the three-column header, whose emblem needs a column edge near the left: Kegiatan is then
split in two grid columns that every flowchart row spans together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import style

FIXED = {"no": 22.5, "waktu": 42.0, "ket": 39.0}
SHARES = {"kegiatan": 0.235, "kelengkapan": 0.125, "output": 0.125}
LANE_MIN = 54.0
LANE_MAX = 120.0
WAKTU_SHARE = 0.24
"""Of the Mutu Baku group, when the profile sets the width shares: the Waktu column's part (at least
its fixed width); Kelengkapan and Output share the rest."""
TEXT_MIN = 0.6
"""With width shares, text columns give lanes width down to this part of their share."""
EMBLEM_COLUMN = 84.0
"""Width from the left edge to the emblem's column edge in the three-column header."""


@dataclass(frozen=True)
class Grid:
    widths: tuple[float, ...]
    lane_columns: tuple[int, ...]
    kegiatan: int
    kelengkapan: int
    waktu: int
    output: int
    ket: int | None
    """The Keterangan column, None when the profile leaves it out."""
    kegiatan_span: int = 1
    """Grid columns the Kegiatan column spans (2 when the three-column header splits it)."""

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

    @property
    def logical(self) -> list[tuple[int, int]]:
        """The flowchart's columns as (first grid column, span), left to right: No., Kegiatan, the
        lanes, Kelengkapan, Waktu, Output and Keterangan (when printed)."""
        found = [(0, 1), (self.kegiatan, self.kegiatan_span)] + [(c, 1) for c in self.lane_columns]
        found += [(self.kelengkapan, 1), (self.waktu, 1), (self.output, 1)]
        return found + ([(self.ket, 1)] if self.ket is not None else [])


def make_grid(
    usable_width: float,
    lanes: int,
    keterangan: bool = True,
    shares: Mapping[str, float] | None = None,
    emblem_column: bool = False,
) -> Grid:
    """Column widths for `lanes` lanes filling `usable_width`, in whole pixels: the sheet's own grid,
    or the profile's width shares; without Keterangan when the profile leaves it out."""
    if shares is not None:
        widths = _shared(usable_width, lanes, shares)
    else:
        widths = _default(usable_width, lanes, keterangan)
    kegiatan_span = 1
    if emblem_column:
        first = _floor_px(EMBLEM_COLUMN - widths[0])
        if widths[1] - first >= 2 * LANE_MIN:
            widths[1:2] = [first, widths[1] - first]
            kegiatan_span = 2
    first_lane = 1 + kegiatan_span
    after = first_lane + lanes
    return Grid(
        widths=tuple(widths),
        lane_columns=tuple(range(first_lane, after)),
        kegiatan=1,
        kelengkapan=after,
        waktu=after + 1,
        output=after + 2,
        ket=after + 3 if keterangan else None,
        kegiatan_span=kegiatan_span,
    )


def _default(usable_width: float, lanes: int, keterangan: bool) -> list[float]:
    fixed_widths = dict(FIXED) if keterangan else {k: v for k, v in FIXED.items() if k != "ket"}
    text = {name: style.snap(usable_width * share) for name, share in SHARES.items()}
    fixed = sum(fixed_widths.values()) + sum(text.values())
    lane_width = (usable_width - fixed) / lanes
    if lane_width < LANE_MIN:
        # Many lanes: the text columns give up width, down to 60 % of their share.
        shrink = max(0.6, (usable_width - sum(fixed_widths.values()) - LANE_MIN * lanes) / sum(text.values()))
        text = {name: style.snap(w * shrink) for name, w in text.items()}
        lane_width = (usable_width - sum(fixed_widths.values()) - sum(text.values())) / lanes
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
    if keterangan:
        widths.append(_floor_px(usable_width - sum(widths)))
    else:
        widths[-1] = _floor_px(usable_width - sum(widths[:-1]))
    return widths


def _shared(usable_width: float, lanes: int, shares: Mapping[str, float]) -> list[float]:
    """The width after No. divided by the profile's shares: Kegiatan, the lanes (equal), Mutu Baku
    (Waktu its part, Kelengkapan and Output the rest in halves) and Keterangan. Lanes narrower than
    LANE_MIN take width from the text columns, down to TEXT_MIN of their share."""
    rest = usable_width - FIXED["no"]
    total = sum(shares.values())
    part = {key: rest * value / total for key, value in shares.items()}
    needed = LANE_MIN * lanes - part["pelaksana"]
    if needed > 0:
        others = [key for key in part if key != "pelaksana"]
        room = sum(part[key] for key in others) * (1 - TEXT_MIN)
        take = min(needed, room)
        scale = 1 - take / sum(part[key] for key in others)
        for key in others:
            part[key] *= scale
        part["pelaksana"] += take
    lane_width = _floor_px(part["pelaksana"] / lanes)
    waktu = _floor_px(max(FIXED["waktu"], part["mutu_baku"] * WAKTU_SHARE))
    half = _floor_px((part["mutu_baku"] - waktu) / 2)
    widths = [FIXED["no"], _floor_px(part["kegiatan"])] + [lane_width] * lanes + [half, waktu, half]
    if "keterangan" in part:
        widths.append(0.0)
    widths[-1] = _floor_px(usable_width - sum(widths[:-1]))
    return widths


def _floor_px(value: float) -> float:
    return max(style.PX, int(value / style.PX + 1e-6) * style.PX)
