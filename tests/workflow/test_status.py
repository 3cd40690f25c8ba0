"""`sopgen status`: revision, status, review date and last monitoring of every SOP, with what is overdue."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORGANISATION, ROOT, VALID

from sopgen.discovery import discover
from sopgen.monev.history import record
from sopgen.status import as_json, collect, months_after, table

TODAY = dt.date(2026, 3, 1)


def sopgen(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


def definition(nomor: str, extra: str = "", made: str = "2020-01-15") -> str:
    return VALID.replace("nomor: X.01", f"nomor: {nomor}").replace("2020-01-15", made) + extra


@pytest.fixture
def library(tmp_path):
    """Five SOPs: review overdue; monitored recently; monitored long ago; revoked; new, never monitored."""
    folder = tmp_path / "definitions"
    folder.mkdir()
    (folder / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
    texts = {
        "a-tinjau.yaml": definition(
            "A.01", "tinjau_ulang: 2025-12-31\nrevisi:\n  - {ke: 1, tanggal: 2021-03-04, catatan: Uji}\n"
        ),
        "b-baru-dimonitor.yaml": definition("B.01", "tinjau_ulang: 2026-03-01\n"),
        "c-lama-dimonitor.yaml": definition("C.01"),
        "d-dicabut.yaml": definition("D.01", "status: dicabut\ntinjau_ulang: 2020-01-01\n"),
        "e-baru.yaml": definition("E.01", "tanggal_efektif: 2026-01-05\n", made="2025-12-01"),
        "f-diganti.yaml": definition("F.01", "status: {digantikan_oleh: A.01}\n"),
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    record(folder, "Semester II 2025", dt.date(2025, 12, 20), ["B.01", "c.01"])
    record(folder, "Semester I 2025", dt.date(2025, 6, 30), ["C.01"])
    return folder


def rows_of(folder: Path, today: dt.date = TODAY):
    sources, _ = discover([folder])
    rows, problems = collect(sources, today)
    assert problems == []
    return {r.sop.nomor: r for r in rows}


def test_overdue_review_and_monitoring(library):
    rows = rows_of(library)
    flags = {nomor: (r.review_overdue, r.monitoring_overdue) for nomor, r in rows.items()}
    assert flags == {
        "A.01": (True, True),  # reviewed by 2025-12-31; never monitored since 2020
        "B.01": (False, False),  # review due today is not yet late; monitored in December
        "C.01": (False, False),  # the later monitoring counts (numbers match in any case)
        "D.01": (False, False),  # revoked: nothing is due
        "E.01": (False, False),  # in force since January: not yet six months
        "F.01": (False, False),  # replaced
    }
    assert rows["C.01"].monitoring.periode == "Semester II 2025"


def test_a_monitoring_older_than_six_months_is_overdue(library):
    record(library, "Semester II 2025", dt.date(2025, 8, 31), ["B.01"])  # replaces the December recap
    rows = rows_of(library)
    assert rows["B.01"].monitoring.tanggal == dt.date(2025, 8, 31)
    assert rows["B.01"].monitoring_overdue  # six months after 31 August is 28 February
    assert not rows_of(library, dt.date(2026, 2, 28))["B.01"].monitoring_overdue


def test_months_after_keeps_the_day_or_takes_the_month_end():
    assert months_after(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert months_after(dt.date(2025, 7, 15), 6) == dt.date(2026, 1, 15)
    assert months_after(dt.date(2025, 12, 1), 1) == dt.date(2026, 1, 1)


def test_json_has_stable_keys_and_values(library):
    sources, _ = discover([library])
    rows, _ = collect(sources, TODAY)
    data = json.loads(as_json(rows, TODAY, lambda p: str(p.relative_to(library.parent))))
    assert data["tanggal"] == "2026-03-01"
    first = data["sop"][0]
    assert list(first) == [
        "berkas",
        "nomor",
        "judul",
        "jenis",
        "revisi",
        "status",
        "digantikan_oleh",
        "berlaku",
        "tinjau_ulang",
        "tinjau_ulang_lewat",
        "monitoring_terakhir",
        "monitoring_lewat",
    ]
    assert first == {
        "berkas": "definitions/a-tinjau.yaml",
        "nomor": "A.01",
        "judul": "Contoh",
        "jenis": "makro",
        "revisi": {"ke": 1, "tanggal": "2021-03-04"},
        "status": "berlaku",
        "digantikan_oleh": None,
        "berlaku": True,
        "tinjau_ulang": "2025-12-31",
        "tinjau_ulang_lewat": True,
        "monitoring_terakhir": None,
        "monitoring_lewat": True,
    }
    by_number = {item["nomor"]: item for item in data["sop"]}
    assert by_number["F.01"]["status"] == "digantikan" and by_number["F.01"]["digantikan_oleh"] == "A.01"
    assert by_number["D.01"]["status"] == "dicabut" and by_number["D.01"]["berlaku"] is False
    assert by_number["B.01"]["monitoring_terakhir"] == {"tanggal": "2025-12-20", "periode": "Semester II 2025"}


def test_the_table_fits_the_terminal_and_says_what_is_due(library):
    sources, _ = discover([library])
    rows, _ = collect(sources, TODAY)
    wide = table(rows, TODAY, None)
    lines = wide.splitlines()
    assert lines[0] == "Status SOP per 2026-03-01:"
    assert lines[2].split() == [
        "Nomor",
        "Judul",
        "Revisi",
        "Status",
        "Tinjau",
        "ulang",
        "Monitoring",
        "terakhir",
        "Periode",
    ]
    row_a = next(line for line in lines if line.startswith("A.01"))
    assert "1 (2021-03-04)" in row_a and "2025-12-31 LEWAT" in row_a and "belum pernah LEWAT" in row_a
    assert "digantikan oleh A.01" in wide and "dicabut" in wide
    row_b = next(line for line in lines if line.startswith("B.01"))
    assert row_b.split()[-4:] == ["2025-12-20", "Semester", "II", "2025"]
    assert lines[-1] == (
        "6 SOP (4 berlaku): 1 lewat tanggal tinjau ulang, 1 tidak dimonitor lebih dari 6 bulan (ditandai LEWAT)."
    )
    assert "2026-03-01 LEWAT" not in wide  # due today is not late
    for width in (100, 80):
        fitted = table(rows, TODAY, width)
        assert max(len(line) for line in fitted.splitlines()) <= width
        assert "A.01" in fitted and "2025-12-31 LEWAT" in fitted  # numbers and flags are never cut


def test_cli_table_and_json(library):
    done = sopgen("status", "--tanggal", "2026-03-01", cwd=library.parent)
    assert done.returncode == 0, done.stderr
    assert "2025-12-31 LEWAT" in done.stdout and done.stderr == ""
    done = sopgen("status", "definitions", "--format", "json", "--tanggal", "2026-03-01", cwd=library.parent)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [item["nomor"] for item in data["sop"]] == ["A.01", "B.01", "C.01", "D.01", "E.01", "F.01"]


def test_cli_lists_the_others_when_one_sop_is_broken(library):
    (library / "g-rusak.yaml").write_text(definition("G.01").replace("pelaksana: b", "pelaksana: c"), encoding="utf-8")
    done = sopgen("status", "--tanggal", "2026-03-01", cwd=library.parent)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "g-rusak.yaml:" in done.stderr and "A.01" in done.stdout


def test_cli_names_a_damaged_history(library):
    (library / "monev-riwayat.yaml").write_text("- periode: X\n  tanggal: kemarin\n", encoding="utf-8")
    done = sopgen("status", "--format", "json", "--tanggal", "2026-03-01", cwd=library.parent)
    assert done.returncode == 1 and "monev-riwayat.yaml:1" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tanggal", "1 Maret 2026"], "Tanggal `1 Maret 2026` tidak sah; tulis sebagai TTTT-BB-HH."),
        (["--format", "csv"], "Format tidak dikenal: csv; pilih tabel atau json."),
    ],
)
def test_cli_refuses_bad_options_in_indonesian(library, args, message):
    done = sopgen("status", *args, cwd=library.parent)
    assert done.returncode == 2 and message in done.stderr


def test_cli_without_definitions_is_said_plainly(tmp_path):
    done = sopgen("status", cwd=tmp_path)
    assert done.returncode == 1 and "Folder `definitions` tidak ada" in done.stderr


def test_the_shipped_definitions_have_a_status():
    done = sopgen("status", "--format", "json", "--tanggal", "2026-03-01")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["sop"]) == len(discover([ROOT / "definitions"])[0])


def test_help_is_indonesian():
    done = sopgen("status", "--help")
    assert done.returncode == 0 and "Penggunaan: sopgen status" in done.stdout
    for english in ("Usage", "Options", "Arguments", "required", "<", "TEXT", "PATH"):
        assert english not in done.stdout
