"""A refusal found while laying out (not while loading) fails that SOP alone, in every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORGANISATION, ROOT, VALID

from sopgen.manifest import MANIFEST_NAME

TOO_LONG = VALID.replace("kegiatan: Memeriksa", "kegiatan: " + "Memeriksa kelengkapan berkas usulan " * 900)


def sopgen(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with one good SOP and one that only layout can refuse (a step taller than a page)."""
    folder = tmp_path / "definitions"
    folder.mkdir()
    (folder / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
    (folder / "a-baik.yaml").write_text(VALID, encoding="utf-8")
    (folder / "b-terlalu-panjang.yaml").write_text(TOO_LONG.replace("nomor: X.01", "nomor: X.02"), encoding="utf-8")
    return folder


def assert_refused_alone(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 1, done.stderr
    assert "Kesalahan internal" not in done.stderr and "Traceback" not in done.stderr
    assert "b-terlalu-panjang.yaml:" in done.stderr + done.stdout
    assert "terlalu panjang untuk satu halaman" in done.stderr + done.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_writes_the_others_the_manifest_and_the_summary(mixed: Path, tmp_path: Path, jobs: str):
    out = tmp_path / "out"
    done = sopgen("build", str(mixed), "--out", str(out), "-j", jobs)
    assert_refused_alone(done)
    assert sorted(p.name for p in out.iterdir()) == [
        ".sopgen-cache",
        MANIFEST_NAME,
        "X.01.docx",
        "X.01.pdf",
        "X.01.xlsx",
    ]
    manifest = json.loads((out / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert [Path(key).name for key in manifest["entries"]] == ["a-baik.yaml"]
    assert "Hasil pembuatan SOP" in done.stdout and "SOP yang gagal" in done.stdout


def test_book_binds_the_others_and_names_the_refused_one(mixed: Path, tmp_path: Path):
    out = tmp_path / "out"
    done = sopgen("book", str(mixed), "--out", str(out), "-j", "1")
    assert_refused_alone(done)
    assert (out / "buku-sop.pdf").is_file() and (out / "daftar-sop.xlsx").is_file()


def test_preview_and_check_report_the_refusal(mixed: Path, tmp_path: Path):
    done = sopgen("preview", str(mixed / "b-terlalu-panjang.yaml"), "--out", str(tmp_path / "p"), "--tanpa-buka")
    assert_refused_alone(done)
    assert not (tmp_path / "p").exists() or not any((tmp_path / "p").iterdir())
    done = sopgen("check", str(mixed))
    assert_refused_alone(done)
    assert "2 definisi diperiksa: 1 kesalahan," in done.stdout
