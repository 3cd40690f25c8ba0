"""Dates written the Indonesian way: `Kamis, 14 Desember 2017`."""

from __future__ import annotations

import datetime as dt

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal_panjang(day: dt.date) -> str:
    """Weekday, two-digit day, month name and year, as printed on the sheet."""
    return f"{HARI[day.weekday()]}, {day.day:02d} {BULAN[day.month - 1]} {day.year}"
