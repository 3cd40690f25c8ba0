"""The monitoring history beside the definitions (`monev-riwayat.yaml`): which SOPs a recap read, when.

    # Riwayat monitoring SOP AP, ditulis oleh `sopgen monev rekap`.
    - periode: Semester I 2026
      tanggal: 2026-07-15
      sop:
        - 01/SOP/PO/2018
        - 02/SOP/PO/2018

`sopgen status` reads it to show each SOP's last monitoring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..folders import MONEV_HISTORY_NAME

HEADER = "# Riwayat monitoring SOP AP, ditulis oleh `sopgen monev rekap`. Jangan diubah dengan tangan.\n"


@dataclass(frozen=True)
class Monitoring:
    periode: str
    tanggal: dt.date
    sop: tuple[str, ...]


def history_path(folder: Path) -> Path:
    return folder / MONEV_HISTORY_NAME


def read_history(folder: Path) -> list[Monitoring]:
    """The recorded monitorings, oldest first; an absent file is an empty history. A damaged file is
    a UserError naming the file and line."""
    from ..definition.source import read
    from ..errors import UserError

    path = history_path(folder)
    if not path.is_file():
        return []
    source = read(path)
    data = source.data or []
    if not isinstance(data, list):
        raise UserError([source.diagnostic((), "isi riwayat monitoring harus berupa daftar")])
    found: list[Monitoring] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            raise UserError([source.diagnostic((index,), "setiap butir riwayat harus berisi periode, tanggal dan sop")])
        periode, tanggal, numbers = item.get("periode"), item.get("tanggal"), item.get("sop") or []
        if isinstance(tanggal, str):
            try:
                tanggal = dt.date.fromisoformat(tanggal.strip())
            except ValueError:
                tanggal = None
        if not isinstance(periode, str) or not isinstance(tanggal, dt.date) or not isinstance(numbers, list):
            raise UserError(
                [source.diagnostic((index,), "butir riwayat perlu `periode` (teks), `tanggal` (TTTT-BB-HH) dan `sop`")]
            )
        found.append(Monitoring(periode, tanggal, tuple(str(n) for n in numbers)))
    return sorted(found, key=lambda m: m.tanggal)


def last_monitored(folder: Path) -> dict[str, Monitoring]:
    """The latest monitoring of each SOP, by its number (lower case)."""
    latest: dict[str, Monitoring] = {}
    for monitoring in read_history(folder):
        for nomor in monitoring.sop:
            latest[nomor.lower()] = monitoring
    return latest


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def record(folder: Path, periode: str, tanggal: dt.date, numbers: Sequence[str]) -> Path:
    """Add (or replace, for the same period) one monitoring and rewrite the file atomically."""
    from ..files import write_atomic

    kept = [m for m in read_history(folder) if m.periode != periode]
    entries = sorted([*kept, Monitoring(periode, tanggal, tuple(numbers))], key=lambda m: m.tanggal)
    lines = [HEADER]
    for entry in entries:
        lines.append(f"- periode: {_quoted(entry.periode)}\n  tanggal: {entry.tanggal.isoformat()}\n  sop:\n")
        lines.extend(f"    - {_quoted(n)}\n" for n in entry.sop)
    data = "".join(lines).encode("utf-8")
    path = history_path(folder)
    write_atomic(path, lambda stream: stream.write(data))
    return path
