"""Command line: build, check, schema and layout, as a user runs them (a real subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, VALID


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_build_shipped_definitions(tmp_path):
    done = run("build", "--format", "pdf", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == [
        "OT.01.02-005-097.Set.PO.pdf",
        "OT.01.02-043-097.Set.PO.pdf",
        "OT.01.02-068-097.Set.PO.pdf",
        "OT.01.02-071-097.Set.PO.pdf",
        "OT.01.02-084-097.Set.PO.pdf",
    ]
    assert "│      5 │                   0 │     0 │" in done.stdout
    assert "penyusunan-iku.yaml:97:5: peringatan: langkah 10: `waktu` belum diisi" in done.stderr


def test_a_failing_sop_does_not_stop_the_others(folder, tmp_path):
    folder(VALID, "baik.yaml")
    folder(VALID.replace("nomor: X.01", "nomor: X.02").replace("judul: Contoh", "judul: [rusak]"), "rusak.yaml")
    out = tmp_path / "keluar"
    done = run("build", str(folder.path), "--format", "pdf", "--out", str(out))
    assert done.returncode == 1
    assert "rusak.yaml:2:8: judul: harus berupa satu teks, bukan daftar" in done.stderr
    assert "judul: harus berupa satu teks, bukan daftar" in done.stdout  # in the failures table
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in out.iterdir()) == [".sopgen-cache", ".sopgen-manifest.json", "X.01.pdf"]


def test_check_reports_every_problem_and_exits_non_zero(folder):
    path = folder(VALID.replace("judul:", "judull:").replace("waktu: 10 menit", "waktu: 10"))
    done = run("check", str(path))
    assert done.returncode == 1
    lines = [text for text in done.stderr.splitlines() if text.strip()]
    assert len(lines) == 3 and all(":" in text and "sop.yaml:" in text for text in lines)


def test_check_passes_on_shipped_definitions():
    done = run("check")
    assert done.returncode == 0 and "5 definisi diperiksa: 0 kesalahan," in done.stdout


def test_unknown_format_and_missing_path():
    assert run("build", "--format", "png").returncode == 2
    done = run("build", "tidak-ada.yaml")
    assert done.returncode == 1 and "tidak-ada.yaml: berkas atau folder tidak ditemukan" in done.stderr


def test_schema_describes_the_format():
    schema = json.loads(run("schema", "--out", "-").stdout)
    assert schema["additionalProperties"] is False
    assert {"nomor", "judul", "pelaksana", "langkah"} <= set(schema["required"])
    assert "Langkah" in schema["$defs"]


def test_layout_dump():
    done = run("layout", "definitions/monev-sop-ap.yaml")
    assert done.returncode == 0 and "halaman 3: langkah 9, 10" in done.stdout


def test_no_temporary_files_are_left(tmp_path):
    run("build", "--format", "pdf", "--out", str(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        ".sopgen-cache",
        ".sopgen-manifest.json",
    ]
    assert not [p.name for p in (tmp_path / ".sopgen-cache").iterdir() if not p.name.endswith(".pickle")]
