"""Dates known only to their month and year (`Agustus 2023`): read, compared and printed as such."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from conftest import VALID

from sopgen.dates import BulanTahun, month_only, tanggal, tanggal_panjang
from sopgen.definition.loader import load_sop
from sopgen.definition.model import month_and_year
from sopgen.errors import UserError


@pytest.mark.parametrize(
    ("written", "year", "month"),
    [("Agustus 2023", 2023, 8), ("agustus 2023", 2023, 8), ("MEI 2018", 2018, 5), ("2023-08", 2023, 8)],
)
def test_a_month_and_a_year_is_read_as_the_first_of_that_month_flagged(written, year, month):
    day = month_and_year(written)
    assert day == dt.date(year, month, 1) and isinstance(day, BulanTahun) and month_only(day)


@pytest.mark.parametrize("written", ["Agt 2023", "August 2023", "Agustus  2023", "2023-13", "14 Agustus 2023", "2023"])
def test_other_forms_are_not_a_month_and_year(written):
    assert month_and_year(written) is None


def test_it_prints_as_month_and_year_never_with_an_invented_day_or_weekday():
    day = BulanTahun(2023, 8, 1)
    assert tanggal_panjang(day) == "Agustus 2023"
    assert tanggal(day) == tanggal(day, weekday=False) == "Agustus 2023"
    assert tanggal_panjang(dt.date(2018, 5, 2)) == "Rabu, 02 Mei 2018"
    assert tanggal(dt.date(2018, 5, 2), weekday=False) == "2 Mei 2018"


def test_it_is_still_a_date_for_every_consumer():
    day = BulanTahun(2023, 8, 1)
    assert dt.date(2023, 7, 31) < day < dt.date(2023, 8, 2)
    assert day.isoformat() == "2023-08-01" and sorted([dt.date(2024, 1, 1), day])[0] == day
    copied = pickle.loads(pickle.dumps(day))  # builds run in worker processes
    assert copied == day and month_only(copied)


def test_an_sop_with_month_year_dates_loads_and_they_stay_flagged(folder):
    text = VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: Agustus 2023\ntanggal_efektif: 2023-09")
    sop = load_sop(folder(text)).document.sop
    assert month_only(sop.tanggal_pembuatan) and sop.tanggal_pembuatan == dt.date(2023, 8, 1)
    assert month_only(sop.tanggal_efektif)  # type: ignore[arg-type]


def test_dates_in_the_same_month_are_not_out_of_order(folder):
    text = VALID.replace(
        "tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: 2023-08-15\ntanggal_efektif: Agustus 2023"
    )
    assert [w.message for w in load_sop(folder(text)).warnings if "tanggal" in w.message] == []
    text = VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: 2023-08-15\ntanggal_efektif: Juli 2023")
    [warning] = [w for w in load_sop(folder(text)).warnings if "tanggal" in w.message]
    assert warning.line == 5 and warning.message.startswith(
        "`tanggal_efektif` (Juli 2023) lebih awal daripada `tanggal_pembuatan` (2023-08-15)"
    )


def test_a_revision_may_have_a_date_and_no_number(folder):
    text = VALID + "revisi:\n  - tanggal: Maret 2021\n    catatan: Penyesuaian\n  - {ke: 2, tanggal: 2021-06-01}\n"
    loaded = load_sop(folder(text))
    first, second = loaded.document.sop.revisi
    assert first.ke is None and month_only(first.tanggal) and second.ke == 2
    assert [w.message for w in loaded.warnings if "revisi" in w.message] == []


def test_a_misspelt_month_is_refused_with_the_date_message(folder):
    with pytest.raises(UserError) as caught:
        load_sop(folder(VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: Agustos 2023")))
    [error] = caught.value.diagnostics
    assert error.line == 4 and "`Agustos 2023` bukan tanggal yang sah" in error.message
