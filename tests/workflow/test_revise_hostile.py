"""`sopgen revise` on every way a definition may be written, and on the file system around it:
only the new revision's own text is inserted, the hidden check never shows, a symlink stays a
symlink, a read-only file is refused and permissions are kept.

The tests run as root in CI, where permission bits do not stop a write: a read-only file is told
by its bits, and a read-only folder is simulated where the operating system would refuse.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ORGANISATION, ROOT, VALID

from sopgen import cli, files, revise
from sopgen.definition.loader import load_sop
from sopgen.definition.source import MAX_BYTES
from sopgen.errors import UserError
from sopgen.revise import add_revision

DAY = dt.date(2024, 1, 2)
DATE = "tanggal_pembuatan: 2020-01-15\n"
NEW_1 = '{ke: 1, tanggal: 2024-01-02, catatan: "Baru"}'
NEW_2 = '{ke: 2, tanggal: 2024-01-02, catatan: "Baru"}'
BLOCK = "revisi:\n  - {ke: 1, tanggal: 2019-03-01, catatan: X}  # pertama\n"


def after_date(text: str, source: str = VALID) -> str:
    return source.replace(DATE, DATE + text)


def indented(text: str) -> str:
    return "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))


NEXT_LINE = "revisi:\n  - ke: 1\n    tanggal: 2019-03-01\n    catatan:\n      Penyesuaian\n      pelaksana\n"
QUOTED = VALID.replace("nomor:", "'nomor':")
ONE_LINE = (
    "{nomor: X.01, judul: Contoh, unit: [B], tanggal_pembuatan: 2020-01-15, "
    "disahkan_oleh: {jabatan: K, nama: B, nip: '1'}, pelaksana: {a: A}, "
    "langkah: [{kegiatan: M, pelaksana: a}, {kegiatan: S, pelaksana: a}]}  # satu baris\n"
)

LAYOUTS = {
    "flow list": (
        after_date('revisi: [{ke: 1, tanggal: 2019-03-01, catatan: "Revisi #1"}]  # daftar\n'),
        after_date(f'revisi: [{{ke: 1, tanggal: 2019-03-01, catatan: "Revisi #1"}}, {NEW_2}]  # daftar\n'),
    ),
    "flow list over lines": (
        after_date("revisi: [\n  {ke: 1, tanggal: 2019-03-01, catatan: X},  # satu\n]\n"),
        after_date(f"revisi: [\n  {{ke: 1, tanggal: 2019-03-01, catatan: X}}, {NEW_2},  # satu\n]\n"),
    ),
    "empty flow list": (after_date("revisi: []\n"), after_date(f"revisi: [{NEW_1}]\n")),
    "no revisi": (VALID, after_date(f"revisi:\n  - {NEW_1}\n")),
    "quoted keys": (
        after_date('"revisi":\n  - {ke: 1, tanggal: 2019-03-01}\n', QUOTED),
        after_date(f'"revisi":\n  - {{ke: 1, tanggal: 2019-03-01}}\n  - {NEW_2}\n', QUOTED),
    ),
    "quoted keys, no revisi": (
        QUOTED.replace("tanggal_pembuatan:", '"tanggal_pembuatan":'),
        QUOTED.replace(DATE, f'"tanggal_pembuatan": 2020-01-15\nrevisi:\n  - {NEW_1}\n'),
    ),
    "indented document": (indented(after_date(BLOCK)), indented(after_date(f"{BLOCK}  - {NEW_2}\n"))),
    "indented document, no revisi": (indented(VALID), indented(after_date(f"revisi:\n  - {NEW_1}\n"))),
    "anchored list": (
        after_date("revisi: &daftar\n  - {ke: 1, tanggal: 2019-03-01}\n"),
        after_date(f"revisi: &daftar\n  - {{ke: 1, tanggal: 2019-03-01}}\n  - {NEW_2}\n"),
    ),
    "values on the next line": (after_date(NEXT_LINE), after_date(f"{NEXT_LINE}  - {NEW_2}\n")),
    "date on the next line, no revisi": (
        VALID.replace(DATE, "tanggal_pembuatan:\n  2020-01-15\n"),
        VALID.replace(DATE, f"tanggal_pembuatan:\n  2020-01-15\nrevisi:\n  - {NEW_1}\n"),
    ),
    "document end marker": (VALID + BLOCK + "...\n", VALID + BLOCK + f"  - {NEW_2}\n...\n"),
    "CRLF and end marker": (
        (VALID + BLOCK + "...\n").replace("\n", "\r\n"),
        (VALID + BLOCK + f"  - {NEW_2}\n...\n").replace("\n", "\r\n"),
    ),
    "BOM": ("\ufeff" + after_date(BLOCK), "\ufeff" + after_date(f"{BLOCK}  - {NEW_2}\n")),
    "BOM, indented, no revisi": (
        "\ufeff" + indented(VALID),
        "\ufeff" + indented(after_date(f"revisi:\n  - {NEW_1}\n")),
    ),
    "no line break at the end": ((VALID + BLOCK).rstrip("\n"), VALID + BLOCK + f"  - {NEW_2}"),
    "one-line document": (ONE_LINE, ONE_LINE.replace("2020-01-15,", f"2020-01-15, revisi: [{NEW_1}],")),
}


@pytest.fixture
def definition(tmp_path: Path):
    (tmp_path / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")

    def write(text: str = VALID + BLOCK, name: str = "sop.yaml") -> Path:
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        return path

    return write


@pytest.mark.parametrize("before, expected", list(LAYOUTS.values()), ids=list(LAYOUTS))
def test_revise_inserts_only_the_new_revision_in_any_layout(definition, before, expected):
    path = definition(before)
    previous = load_sop(path).document.sop.revisi
    number = add_revision(path, "Baru", DAY)
    assert number == (previous[-1].ke + 1 if previous else 1)
    assert path.read_bytes() == expected.encode("utf-8")  # every other line, byte for byte
    revisi = load_sop(path).document.sop.revisi
    assert revisi[:-1] == previous and (revisi[-1].ke, revisi[-1].tanggal, revisi[-1].catatan) == (number, DAY, "Baru")


def test_a_problem_in_the_edited_text_is_told_against_the_real_file(definition, monkeypatch):
    path = definition(after_date(BLOCK))  # the revision list ends on line 6
    before = path.read_bytes()
    monkeypatch.setattr(revise, "_entry", lambda number, day, note: f"{{ke: {number}, tanggal: 2024-02-30}}")
    with pytest.raises(UserError) as caught:
        add_revision(path, "Baru", DAY)
    assert "periksa" not in str(caught.value)
    assert [(d.path, d.line) for d in caught.value.diagnostics] == [(path, 6)]
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["organisasi.yaml", "sop.yaml"]


def sopgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def assert_refused(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 1, done.stderr
    assert message in done.stderr
    assert "Kesalahan internal" not in done.stderr and "Traceback" not in done.stderr
    assert "periksa" not in done.stderr


@pytest.mark.slow
def test_a_revision_that_would_make_the_file_too_big_names_the_real_file(definition):
    text = VALID + BLOCK
    path = definition(text + "#" * (MAX_BYTES - len(text) - 10) + "\n")
    before = path.read_bytes()
    done = sopgen("revise", str(path), "--catatan", "Baru")
    assert_refused(done, f"{path}: berkas terlalu besar")
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_revise_through_a_symlink_edits_its_target_and_keeps_the_link(definition, tmp_path):
    real = tmp_path / "asli"
    real.mkdir()
    target = real / "sop.yaml"
    target.write_text(VALID, encoding="utf-8")
    link = tmp_path / "tautan.yaml"
    link.symlink_to(Path("asli") / "sop.yaml")
    assert add_revision(link, "Baru", DAY) == 1
    assert link.is_symlink() and os.readlink(link) == str(Path("asli") / "sop.yaml")
    assert load_sop(link).document.sop.revisi[-1].ke == 1
    assert f"  - {NEW_1}" in target.read_text(encoding="utf-8").splitlines()
    assert [p.name for p in real.iterdir()] == ["sop.yaml"]


def test_a_read_only_file_is_refused_through_the_cli(definition):
    path = definition()
    path.chmod(0o444)
    before = path.read_bytes()
    done = sopgen("revise", str(path), "--catatan", "Baru")
    assert_refused(done, "hanya-baca")
    assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_read_only_folder_is_a_clear_message_with_exit_code_1(definition, monkeypatch, capsys):
    path = definition()
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    monkeypatch.setattr(sys, "argv", ["sopgen", "revise", str(path), "--catatan", "Baru"])
    monkeypatch.setattr(cli, "_catch_stop_signals", lambda: None, raising=False)  # keep pytest's handlers
    with pytest.raises(SystemExit) as exited:
        cli.main()
    stderr = capsys.readouterr().err
    assert exited.value.code == 1, stderr
    assert "tidak dapat ditulis" in stderr and "Kesalahan internal" not in stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664], ids=oct)
def test_revise_keeps_the_file_permissions(definition, mode):
    path = definition()
    path.chmod(mode)
    assert add_revision(path, "Baru", DAY) == 2
    assert stat.S_IMODE(path.stat().st_mode) == mode
