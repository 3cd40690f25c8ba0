"""`sopgen monev buat` and `rekap` as a user runs them (a real subprocess): exit codes and Indonesian messages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from monev_helpers import MONEV, descriptions, fill, form_file, shipped_copy


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", "monev", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_help_is_indonesian():
    done = run("--help")
    assert done.returncode == 0
    assert "buat" in done.stdout and "rekap" in done.stdout and "Membuat Formulir Monitoring" in done.stdout
    done = run("buat", "--help")
    assert "--periode" in done.stdout and "--satu-berkas" in done.stdout and "Periode monitoring" in done.stdout


def test_usage_mistakes_exit_2(tmp_path):
    done = run("buat", "--out", str(tmp_path))
    assert done.returncode == 2 and 'Sebutkan periode monitoring, mis. --periode "Semester I 2026".' in done.stderr
    done = run("buat", "--periode", "Semester I", "--format", "png", "--out", str(tmp_path))
    assert done.returncode == 2 and "Format tidak dikenal: png; pilih dari xlsx, docx, pdf." in done.stderr
    done = run("rekap", str(tmp_path), "--tanggal", "15-07-2026")
    assert done.returncode == 2 and "Tanggal `15-07-2026` tidak sah; tulis sebagai TTTT-BB-HH." in done.stderr
    assert not list(tmp_path.iterdir())


def test_make_fill_and_recap(tmp_path):
    definitions = shipped_copy(tmp_path)
    out = tmp_path / "monev"
    done = run("buat", str(definitions), "--periode", "Semester I 2026", "--out", str(out), "--format", "xlsx,pdf")
    assert done.returncode == 0, done.stderr
    assert "│                      5 │                        0 │     0 │     20 │" in done.stdout
    folder = out / "Semester-I-2026"
    assert "sopgen monev rekap" in done.stdout and "peringatan" not in done.stderr
    assert len(list(folder.rglob("*.pdf"))) == 10 and len(list(folder.rglob("*.xlsx"))) == 10

    path = form_file(folder, MONEV, "monitoring")
    fill(path, "Budi", {1: ("Tidak berjalan dengan baik", "Lambat", "Percepat disposisi"), 2: ("Sedang", None, None)})
    done = run("rekap", str(folder), "--definisi", str(definitions))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    row = descriptions(path)[0].rows[1]
    assert f'{MONEV}-monitoring.xlsx: lembar "{MONEV}", sel E{row}: nilai `Sedang` tidak dikenal' in done.stderr
    assert "Rekap tidak dibuat: 1 masalah pada formulir; perbaiki lalu jalankan ulang." in done.stderr
    assert not (folder / "rekap-monev.xlsx").exists()

    fill(
        path,
        "Budi",
        {1: ("Tidak berjalan dengan baik", "Lambat", "Percepat disposisi")},
        default="Berjalan dengan baik",
    )
    done = run("rekap", str(folder), "--definisi", str(definitions), "--tanggal", "2026-07-15")
    assert done.returncode == 0, done.stderr
    assert (folder / "rekap-monev.xlsx").is_file() and (folder / "laporan-monev.docx").is_file()
    assert "Riwayat monitoring dicatat di" in done.stdout and "monev-riwayat.yaml" in done.stdout
    assert "1 SOP direkomendasikan untuk direvisi; catat revisinya dengan:" in done.stdout
    assert "sopgen revise" in done.stdout and "monev-sop-ap.yaml" in done.stdout
    assert "formulir belum diisi; tidak ikut direkap" in done.stderr  # the other SOPs' forms
    history = (definitions / "monev-riwayat.yaml").read_text(encoding="utf-8")
    assert 'periode: "Semester I 2026"\n  tanggal: 2026-07-15\n  sop:\n    - "OT.01.02-071-097.Set.PO"\n' in history
