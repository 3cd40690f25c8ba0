"""What `check` accepts, `build` writes; what cannot be written is refused by `check` with a message."""

from __future__ import annotations

import pytest
from conftest import VALID

from sopgen.build import build
from sopgen.errors import UserError
from sopgen.pipeline import prepare

MERGED = VALID.replace(
    """  - kegiatan: Memulai
    pelaksana: a
    waktu: 10 menit
    output: Arahan
""",
    """  - &dasar
    kegiatan: Memulai
    pelaksana: a
    waktu: 10 menit
    output: Arahan
""",
).replace(
    """  - kegiatan: Menyelesaikan
    pelaksana: a
""",
    """  - <<: *dasar
    kegiatan: Menyelesaikan
""",
)


def refusal(path) -> tuple[int | None, str]:
    with pytest.raises(UserError) as caught:
        prepare(path)
    first = caught.value.diagnostics[0]
    return first.line, first.message


def test_a_yaml_merge_key_is_read_and_built(folder, tmp_path):
    path = folder(MERGED)
    steps = prepare(path).document.sop.langkah
    assert steps[2].kegiatan == "Menyelesaikan" and steps[2].pelaksana == "a" and str(steps[2].waktu) == "1 hari"
    assert build([path], ["pdf", "xlsx", "docx"], tmp_path / "out").failed == 0


def test_a_400_digit_waktu_is_printed_but_not_counted_and_check_says_so(folder, tmp_path):
    path = folder(VALID.replace("waktu: 10 menit", "waktu: " + "9" * 400 + " menit"))
    prepared = prepare(path)
    waktu = prepared.document.sop.langkah[0].waktu
    assert waktu is not None and not waktu.parsed and waktu.minutes == 0.0
    [warning] = [w for w in prepared.warnings if "waktu" in w.message]
    assert warning.line == 12 and "angkanya terlalu besar (paling banyak 10.000)" in warning.message
    assert build([path], ["pdf", "xlsx", "docx"], tmp_path / "out").failed == 0


@pytest.mark.parametrize(
    "nesting", ["[" * 5000 + "]" * 5000, "{a: " * 300 + "x" + "}" * 300], ids=["daftar", "pemetaan"]
)
def test_deep_nesting_is_refused_with_its_line(folder, nesting):
    line, message = refusal(folder(VALID + f"keterangan_lain: {nesting}\n"))
    assert line == 25 and "bersarang lebih dari 40 tingkat" in message
