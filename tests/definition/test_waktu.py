"""`waktu` as people write it: printed as written, counted where it can be read, warned where not."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID

from sopgen.definition.loader import load_sop
from sopgen.definition.model import MAX_AMOUNT, Waktu, parse_waktu, read_waktu
from sopgen.errors import UserError

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
HOUR, DAY = 60, 8 * 60


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("10 Menit", 10),
        ("10 menit", 10),
        ("1 Hari", DAY),
        ("2 JAM", 2 * HOUR),
        ("1,5 jam", 90),
        ("1.5 jam", 90),
        ("2hari", 2 * DAY),
        ("10\u00a0menit", 10),
        ("1x24 jam", 24 * HOUR),
        ("1 x 24 jam", 24 * HOUR),
        ("2\u00d724 jam", 48 * HOUR),
        ("10 (sepuluh) hari kerja", 10 * DAY),
        ("paling lambat 17 hari kerja", 17 * DAY),
        ("paling lambat 10 (sepuluh) hari kerja sejak permohonan diterima", 10 * DAY),
        ("Maksimal 3 HK", 3 * DAY),
        ("maks. 15 mnt", 15),
        ("± 2 menit", 2),
        ("+/- 2 menit", 2),
        ("kurang lebih 30 menit", 30),
        ("2-3 hari", 3 * DAY),
        ("2 \u2013 3 hari", 3 * DAY),
        ("2 s.d. 3 hari", 3 * DAY),
        ("2 s/d 3 hari kerja", 3 * DAY),
        ("2 sampai dengan 3 hari", 3 * DAY),
        ("30 menit - 1 jam", HOUR),
        ("1 jam 30 menit", 90),
        ("2 hari dan 3 jam", 2 * DAY + 3 * HOUR),
        ("sehari", DAY),
        ("setengah hari", DAY / 2),
        ("satu minggu", 5 * DAY),
        ("dua belas jam", 12 * HOUR),
        ("1 bulan", 22 * DAY),
        ("30 detik", 0.5),
        ("0 menit", 0),
    ],
)
def test_what_people_write_is_read_into_minutes(written, minutes):
    assert read_waktu(written) == (minutes, False)
    waktu = parse_waktu(written)
    assert isinstance(waktu, Waktu) and waktu.parsed and waktu.minutes == minutes


@pytest.mark.parametrize(
    "written",
    [
        "setiap saat",
        "sesuai kebutuhan",
        "sebentar",
        "-5 menit",
        "10 menit lagi",
        "1 jam/berkas",
        "menit",
        "10",
        "10 men\u0131t",
        "\u0661\u0660 menit",
        "10 minggu-an",
    ],
)
def test_what_cannot_be_read_counts_nothing_and_says_so(written):
    waktu = parse_waktu(written)
    assert isinstance(waktu, Waktu) and not waktu.parsed and waktu.minutes == 0.0
    assert str(waktu) == written


def test_the_text_is_printed_as_written_trimmed_with_the_authors_capitalisation():
    assert str(parse_waktu("  10 Menit ")) == "10 Menit"
    assert str(parse_waktu("Paling Lambat 3 Hari Kerja")) == "Paling Lambat 3 Hari Kerja"
    assert parse_waktu("   ") is None and parse_waktu("") is None and parse_waktu(None) is None


def test_a_number_too_large_is_not_counted():
    assert read_waktu(f"{MAX_AMOUNT + 1} menit") == (None, True)
    assert read_waktu(f"{MAX_AMOUNT} menit") == (MAX_AMOUNT, False)


def test_a_waktu_that_is_not_text_is_still_an_error(folder):
    with pytest.raises(UserError) as caught:
        load_sop(folder(VALID.replace("waktu: 1 jam", "waktu: 60")))
    [error] = caught.value.diagnostics
    assert error.line == 17 and "waktu harus ditulis sebagai teks" in error.message


def warnings_at(path: Path) -> list[tuple[int | None, int | None, str]]:
    return [(w.line, w.column, w.message) for w in load_sop(path).warnings if "waktu" in w.message]


def test_check_warns_at_the_waktu_line_that_it_is_left_out_of_the_totals(folder):
    [(line, column, message)] = warnings_at(folder(VALID.replace("waktu: 1 jam", "waktu: setiap saat")))
    assert (line, column) == (17, 12)
    assert message == (
        "langkah 2: waktu `setiap saat` tidak dapat dihitung; tulis mis. `10 menit`, `2 jam`, `3 hari kerja`, "
        "`1x24 jam` atau `2-3 hari`; lembar mencetaknya seperti ditulis, tetapi tidak ikut dijumlahkan dalam "
        "total waktu daftar SOP"
    )


def test_check_warns_of_a_waktu_of_nought(folder):
    [(line, _, message)] = warnings_at(folder(VALID.replace("waktu: 1 jam", "waktu: 0 menit")))
    assert line == 17 and message == "langkah 2: waktu `0 menit` bernilai nol; periksa angkanya"


@pytest.mark.parametrize(
    ("name", "warned"),
    [
        ("14-waktu-tak-terbaca.yaml", "waktu `sebentar` tidak dapat dihitung"),
        ("15-waktu-negatif.yaml", "waktu `-5 menit` tidak dapat dihitung"),
        ("16-waktu-nol.yaml", "waktu `0 menit` bernilai nol"),
        ("18-waktu-satuan-salah.yaml", None),  # `2 minggu` is read now: 10 working days
    ],
)
def test_the_old_bad_waktu_inputs_load_with_a_warning_at_their_line(name, warned):
    found = warnings_at(CORPUS / name)
    if warned is None:
        assert found == []
        assert load_sop(CORPUS / name).document.sop.langkah[1].waktu.minutes == 10 * DAY  # type: ignore[union-attr]
    else:
        [(line, _, message)] = found
        assert line == 17 and warned in message


def test_the_register_sums_what_can_be_read(folder):
    from sopgen.book import duration

    text = VALID.replace("waktu: 10 menit", "waktu: setiap saat").replace("waktu: 1 jam", "waktu: 1x24 jam")
    steps = load_sop(folder(text)).document.sop.langkah
    minutes = sum(step.waktu.minutes for step in steps if step.waktu)
    assert minutes == 24 * HOUR + DAY
    assert duration(minutes) == "4 hari"
