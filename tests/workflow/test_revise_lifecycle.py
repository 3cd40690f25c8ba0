"""`sopgen revise` without `--catatan`: the change list since the last commit becomes the catatan; where
git cannot tell it, the user is asked for `--catatan` and nothing is written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.revise import note_from_changes

PAIRS = Path(__file__).resolve().parent / "diff_pairs"
GIT = ["git", "-c", "user.name=Uji", "-c", "user.email=uji@contoh.go.id", "-c", "commit.gpgsign=false"]


def sopgen(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env
    )


@pytest.fixture
def repo(tmp_path):
    """A repository whose `naskah.yaml` is the pairs' old version, committed."""
    if shutil.which("git") is None:
        pytest.skip("git tidak terpasang")
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    shutil.copy(PAIRS / "lama.yaml", tmp_path / "naskah.yaml")
    subprocess.run([*GIT, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "awal"], cwd=tmp_path, check=True)
    return tmp_path


def test_the_change_list_becomes_the_catatan(repo):
    path = repo / "naskah.yaml"
    shutil.copy(PAIRS / "langkah-ditambah.yaml", path)
    done = sopgen("revise", "naskah.yaml", "--tanggal", "2026-01-05", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert "Catatan revisi (perubahan sejak commit terakhir): Langkah 6 ditambahkan" in done.stdout
    revision = load_sop(path).document.sop.revisi[-1]
    assert (revision.ke, revision.tanggal.isoformat(), revision.catatan) == (1, "2026-01-05", "Langkah 6 ditambahkan")


def test_many_changes_are_shortened_to_one_line(repo):
    path = repo / "naskah.yaml"
    shutil.copy(PAIRS / "identitas.yaml", path)
    note = note_from_changes(path)
    assert note == "Nomor SOP menjadi UJI.02; judul diubah; unit diubah; dan 6 perubahan lain"
    done = sopgen("revise", "naskah.yaml", cwd=repo)
    assert done.returncode == 0, done.stderr
    assert load_sop(path).document.sop.revisi[-1].catatan == note


def test_a_revision_entry_alone_is_no_change(repo):
    path = repo / "naskah.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("disahkan_oleh:", "revisi: [{ke: 1, tanggal: 2025-01-01}]\ndisahkan_oleh:"))
    before = path.read_bytes()
    done = sopgen("revise", "naskah.yaml", cwd=repo)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "tidak berubah sejak commit terakhir (HEAD)" in done.stderr and '--catatan "..."' in done.stderr
    assert path.read_bytes() == before


def test_outside_git_the_catatan_is_asked_for(tmp_path):
    shutil.copy(PAIRS / "organisasi.yaml", tmp_path)
    path = tmp_path / "naskah.yaml"
    shutil.copy(PAIRS / "lama.yaml", path)
    env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)}
    done = sopgen("revise", "naskah.yaml", cwd=tmp_path, env=env)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("naskah.yaml: catatan revisi belum diisi")
    assert "bukan bagian dari repositori git" in done.stderr and '--catatan "..."' in done.stderr
    assert path.read_bytes() == (PAIRS / "lama.yaml").read_bytes()
    done = sopgen("revise", "naskah.yaml", "--catatan", "Penyesuaian", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr


def test_without_git_installed_the_catatan_is_asked_for(repo):
    path = repo / "naskah.yaml"
    shutil.copy(PAIRS / "langkah-ditambah.yaml", path)
    before = path.read_bytes()
    done = sopgen("revise", "naskah.yaml", cwd=repo, env={**os.environ, "PATH": str(repo / "kosong")})
    assert done.returncode == 1 and "git tidak ditemukan" in done.stderr and "--catatan" in done.stderr
    assert path.read_bytes() == before


def test_a_file_never_committed_asks_for_the_catatan(repo):
    path = repo / "baru.yaml"
    shutil.copy(PAIRS / "lama.yaml", path)
    with pytest.raises(UserError) as caught:
        note_from_changes(path)
    assert "belum ada di revisi git `HEAD`" in caught.value.diagnostics[0].message


def test_a_broken_definition_is_told_at_its_line_first(repo):
    path = repo / "naskah.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pelaksana: kasubbag", "pelaksana: kasubag"))
    done = sopgen("revise", "naskah.yaml", cwd=repo)
    assert done.returncode == 1 and "naskah.yaml:" in done.stderr and "maksudnya `kasubbag`?" in done.stderr


def test_help_says_the_catatan_may_be_left_out():
    done = sopgen("revise", "--help", cwd=ROOT)
    text = " ".join(done.stdout.split())
    assert done.returncode == 0 and "daftar perubahan sejak commit terakhir" in text
    assert "[wajib]" not in text.split("--catatan", 1)[1].split("--tanggal", 1)[0]
