"""Where every SOP stands: its revision, status, review date and last monitoring (`sopgen status`).

A review is overdue when an SOP in force has a `tinjau_ulang` before the reference day. Monitoring is
overdue when an SOP in force was last monitored (`monev-riwayat.yaml` beside it) more than six
months before the reference day; an SOP never monitored counts from its `tanggal_efektif` (else its
`tanggal_pembuatan`), so a new SOP is not flagged at once. A revoked or replaced SOP is never overdue.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .dates import last_day
from .dates import shown as shown_date
from .definition.loader import Profile, load_organisation, load_sop
from .definition.model import Digantikan, Sop
from .errors import Diagnostic, UserError
from .monev.history import Monitoring, last_monitored

MONITORING_MONTHS = 6


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Aug -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def revision_number(sop: Sop) -> int:
    """The latest revision's number (`ke`), or its place in the list when it has none; 0 for none."""
    last = sop.revisi_terakhir
    if last is None:
        return 0
    return last.ke if last.ke is not None else len(sop.revisi)


@dataclass(frozen=True)
class SopStatus:
    """One row of `sopgen status`."""

    source: Path
    sop: Sop
    monitoring: Monitoring | None
    review_overdue: bool
    monitoring_overdue: bool


def row(source: Path, sop: Sop, monitoring: Monitoring | None, today: dt.date) -> SopStatus:
    review_overdue = sop.in_force and sop.tinjau_ulang is not None and last_day(sop.tinjau_ulang) < today
    since = monitoring.tanggal if monitoring else (sop.tanggal_efektif or sop.tanggal_pembuatan)
    monitoring_overdue = sop.in_force and today > months_after(since, MONITORING_MONTHS)
    return SopStatus(source, sop, monitoring, review_overdue, monitoring_overdue)


def collect(sources: Sequence[Path], today: dt.date) -> tuple[list[SopStatus], list[Diagnostic]]:
    """The status of every definition that loads, and the problems of those that do not (and of a
    damaged monitoring history)."""
    rows: list[SopStatus] = []
    problems: list[Diagnostic] = []
    profiles: dict[Path, Profile | None] = {}
    histories: dict[Path, dict[str, Monitoring]] = {}
    for source in sources:
        folder = source.parent
        if folder not in profiles:
            try:
                profiles[folder] = load_organisation(folder)
            except UserError:
                profiles[folder] = None  # load_sop tells the problem, at every SOP of the folder
            try:
                histories[folder] = last_monitored(folder)
            except UserError as exc:
                problems.extend(exc.diagnostics)
                histories[folder] = {}
        try:
            sop = load_sop(source, profiles[folder]).document.sop
        except UserError as exc:
            problems.extend(exc.diagnostics)
            continue
        rows.append(row(source, sop, histories[folder].get(sop.nomor.lower()), today))
    return rows, problems


def as_json(rows: Sequence[SopStatus], today: dt.date, shown: Callable[[Path], str]) -> str:
    """The rows for scripts: stable keys, dates as TTTT-BB-HH, absent values as null."""

    def item(status: SopStatus) -> dict:
        sop, last = status.sop, status.sop.revisi_terakhir
        return {
            "berkas": Path(shown(status.source)).as_posix(),
            "nomor": sop.nomor,
            "judul": sop.judul,
            "jenis": sop.jenis,
            "revisi": {"ke": revision_number(sop), "tanggal": shown_date(last.tanggal)} if last else None,
            "status": "digantikan" if isinstance(sop.status, Digantikan) else sop.status,
            "digantikan_oleh": sop.status.digantikan_oleh if isinstance(sop.status, Digantikan) else None,
            "berlaku": sop.in_force,
            "tinjau_ulang": shown_date(sop.tinjau_ulang) if sop.tinjau_ulang else None,
            "tinjau_ulang_lewat": status.review_overdue,
            "monitoring_terakhir": (
                {"tanggal": status.monitoring.tanggal.isoformat(), "periode": status.monitoring.periode}
                if status.monitoring
                else None
            ),
            "monitoring_lewat": status.monitoring_overdue,
        }

    data = {"tanggal": today.isoformat(), "sop": [item(status) for status in rows]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


HEADINGS = ("Nomor", "Judul", "Revisi", "Status", "Tinjau ulang", "Monitoring terakhir", "Periode")
LATE = "LEWAT"
"""Written after a review date or a last monitoring that is overdue."""
SHRINK = ((1, 24), (6, 10), (1, 16))
"""Columns shortened, in turn, when the table is wider than the terminal (Judul, Periode, Judul again),
each down to a least width; narrower still, each SOP is told as a block of lines."""
GAP = "  "


def _cells(status: SopStatus) -> tuple[str, ...]:
    sop, last, monitoring = status.sop, status.sop.revisi_terakhir, status.monitoring
    review = shown_date(sop.tinjau_ulang) if sop.tinjau_ulang else "-"
    monitored = monitoring.tanggal.isoformat() if monitoring else "belum pernah"
    return (
        sop.nomor,
        sop.judul,
        f"{revision_number(sop)} ({shown_date(last.tanggal)})" if last else "-",
        sop.status_text,
        f"{review} {LATE}" if status.review_overdue else review,
        f"{monitored} {LATE}" if status.monitoring_overdue else monitored,
        monitoring.periode if monitoring else "-",
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def terminal_width() -> int | None:
    """The terminal's width (or `COLUMNS`); None when the output goes to a file or another program."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size((120, 24)).columns
    return None


def table(rows: Sequence[SopStatus], today: dt.date, width: int | None = None) -> str:
    """The rows as a plain-text table no wider than `width` (long texts shortened with …; None: as wide
    as they are), and a summary line."""
    body = [tuple(" ".join(c.split()) for c in _cells(status)) for status in rows]
    widths = [max([len(h)] + [len(r[k]) for r in body]) for k, h in enumerate(HEADINGS)]
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width if width else 0
    for column, least in SHRINK:
        if excess <= 0:
            break
        cut = min(excess, max(widths[column] - max(least, len(HEADINGS[column])), 0))
        widths[column] -= cut
        excess -= cut

    def line(cells: Sequence[str]) -> str:
        return GAP.join(_cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    lines = [f"Status SOP per {today.isoformat()}:", ""]
    if excess <= 0:
        lines.extend([line(HEADINGS), line(["-" * w for w in widths])])
        lines.extend(line(cells) for cells in body)
    else:
        for cells in body:
            told = [f"{cells[0]}  {cells[1]}"]
            told.extend(f"  {heading.lower()}: {value}" for heading, value in zip(HEADINGS[2:], cells[2:]))
            lines.extend(_wrapped(told, width, "    "))
            lines.append("")
        lines.pop()
    review = sum(s.review_overdue for s in rows)
    monitoring = sum(s.monitoring_overdue for s in rows)
    in_force = sum(s.sop.in_force for s in rows)
    lines.append("")
    total = (
        f"{len(rows)} SOP ({in_force} berlaku): {review} lewat tanggal tinjau ulang, "
        f"{monitoring} tidak dimonitor lebih dari {MONITORING_MONTHS} bulan (ditandai {LATE})."
    )
    lines.extend(_wrapped([total], width))
    return "\n".join(lines) + "\n"


def _wrapped(lines: Sequence[str], width: int | None, indent: str = "") -> list[str]:
    if not width:
        return list(lines)
    return [part for line in lines for part in textwrap.wrap(line, width, subsequent_indent=indent) or [""]]
