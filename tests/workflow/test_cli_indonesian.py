"""The command line speaks Indonesian, framework texts included; first-day situations are explained."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

import sopgen

COMMANDS = ["build", "book", "preview", "revise", "new", "check", "schema", "layout", "diff", "status", "version"]
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "default:",
    "required",
    "Error",
    "Try ",
    "Missing",
    "No such",
    "Invalid",
    "Input should",
    "<",
    "TEXT",
    "PATH",
    "INTEGER",
    "Did you mean",
)


def sopgen_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


@pytest.mark.parametrize("command", [[], *[[c] for c in COMMANDS]], ids=["sopgen", *COMMANDS])
def test_help_has_no_english_framework_text(command):
    done = sopgen_cli(*command, "--help")
    assert done.returncode == 0
    assert "Penggunaan: sopgen" in done.stdout and "Tampilkan bantuan ini lalu keluar." in done.stdout
    assert not [word for word in ENGLISH if word in done.stdout], done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["bild"], "perintah `bild` tidak dikenal; maksudnya `build`?"),
        (["revise"], "argumen BERKAS belum diisi"),
        (["diff"], "argumen BERKAS belum diisi"),
        (["build", "--jobs", "dua"], "nilai --jobs tidak sah: harus bilangan bulat"),
        (["build", "--jobs", "0"], "nilai --jobs tidak sah: harus paling sedikit 1"),
        (["build", "--paksa"], "pilihan --paksa tidak dikenal"),
        (["check", "a", "--format"], "pilihan --format tidak dikenal"),
    ],
)
def test_usage_errors_are_indonesian(args, expected):
    done = sopgen_cli(*args)
    assert done.returncode == 2
    assert f"Kesalahan: {expected}" in done.stderr and "Coba `sopgen" in done.stderr
    assert not [word for word in ENGLISH if word in done.stderr], done.stderr


def test_version_option():
    done = sopgen_cli("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"sopgen {sopgen.__version__}"


@pytest.mark.parametrize("command", ["build", "check", "book"])
def test_a_folder_without_definitions_is_said_plainly(tmp_path, command):
    done = sopgen_cli(command, cwd=tmp_path)
    assert done.returncode == 1
    assert "Folder `definitions` tidak ada" in done.stderr and "sopgen new" in done.stderr
    assert "gagal" not in done.stdout + done.stderr


def test_jenis_is_accepted_in_any_case(tmp_path):
    done = sopgen_cli("new", "SOP Uji", "--jenis", "Mikro", "--folder", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "jenis: mikro" in (tmp_path / "sop-uji.yaml").read_text(encoding="utf-8")
