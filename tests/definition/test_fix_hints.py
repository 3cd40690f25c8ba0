"""Messages name the mistake where it is, and offer the exact fix where it is known."""

from __future__ import annotations

import pytest
from conftest import VALID

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError


def first_error(path) -> tuple[int | None, int | None, str]:
    with pytest.raises(UserError) as caught:
        load_sop(path)
    first = caught.value.diagnostics[0]
    return first.line, first.column, first.message


def test_a_missing_space_after_the_colon(folder):
    path = folder(VALID.replace("waktu: 10 menit", "waktu:10 menit"))
    assert first_error(path) == (12, 10, "setelah titik dua harus ada spasi; tulis `waktu: 10 menit`")


def test_a_step_that_lost_its_dash(folder):
    line, _, message = first_error(folder(VALID.replace("  - kegiatan: Memeriksa", "    kegiatan: Memeriksa")))
    assert line == 14 and message.startswith("kunci `kegiatan` ditulis dua kali; bila ini langkah baru, awali")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("14-12-2017", "2017-12-14"),
        ("14/12/2017", "2017-12-14"),
        ("14 Desember 2017", "2017-12-14"),
        ("2017/12/14", "2017-12-14"),
        ("1.2.2020", "2020-02-01"),
    ],
)
def test_a_date_in_another_order_gets_the_iso_form(folder, written, meant):
    path = folder(VALID.replace("tanggal_pembuatan: 2020-01-15", f"tanggal_pembuatan: {written}"))
    line, _, message = first_error(path)
    assert line == 4 and f"maksudnya `{meant}`?" in message


def test_an_impossible_date_gets_no_guess(folder):
    _, _, message = first_error(folder(VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: 31-02-2020")))
    assert "maksudnya" not in message and "TTTT-BB-HH" in message


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("1 jam 30 menit", 90),
        ("2 minggu", 10 * 8 * 60),
        ("setengah hari", 4 * 60),
        ("sehari", 8 * 60),
        ("2 hari 3 jam", 19 * 60),
        ("30 detik", 0.5),
    ],
)
def test_a_duration_people_write_is_counted_as_meant_and_printed_as_written(folder, written, minutes):
    loaded = load_sop(folder(VALID.replace("waktu: 10 menit", f"waktu: {written}")))
    waktu = loaded.document.sop.langkah[0].waktu
    assert waktu is not None and waktu.parsed and waktu.minutes == minutes and str(waktu) == written
    assert not [w for w in loaded.warnings if "waktu" in w.message]
