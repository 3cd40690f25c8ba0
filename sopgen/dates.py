"""Dates written the Indonesian way: `Kamis, 14 Desember 2017`, `14 Desember 2017`, `Agustus 2023`."""

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


class BulanTahun(dt.date):
    """A date known only to its month and year (`Agustus 2023`, `2023-08`).

    It is the first day of that month, so every comparison, sort and `isoformat()` works as for any
    date; the class itself is the flag that the day (and so the weekday) is unknown and never printed."""

    def __repr__(self) -> str:
        return f"BulanTahun({self.year}, {self.month})"


def month_only(day: dt.date) -> bool:
    """Is `day` known only to its month (written `Agustus 2023`)?"""
    return isinstance(day, BulanTahun)


def last_day(day: dt.date) -> dt.date:
    """The last day `day` may stand for: itself, or the month's last day for a month-only date."""
    if not month_only(day):
        return day
    following = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def bulan_tahun(day: dt.date) -> str:
    """Month name and year: `Agustus 2023`."""
    return f"{BULAN[day.month - 1]} {day.year}"


def tanggal_panjang(day: dt.date) -> str:
    """Weekday, two-digit day, month name and year, as printed on the sheet; a date known only to its
    month prints as month and year, with no invented day or weekday."""
    if month_only(day):
        return bulan_tahun(day)
    return f"{HARI[day.weekday()]}, {day.day:02d} {BULAN[day.month - 1]} {day.year}"


def tanggal(day: dt.date, weekday: bool = True) -> str:
    """The date as the sheet prints it: `tanggal_panjang`, or without the weekday `2 Mei 2018`."""
    if weekday or month_only(day):
        return tanggal_panjang(day)
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def shown(day: dt.date) -> str:
    """A date in a message: `2018-05-02`, or `Agustus 2023` for a date known only to its month."""
    return bulan_tahun(day) if month_only(day) else day.isoformat()
