"""Faults while writing: read-only folder, a file open in another program, a full disk, two builds
at once. The message is clear, the previous output stays intact, the other SOPs are still built.

Running as root (as CI does) the file system ignores permissions, so the faults are raised by
patching the calls that would fail, exactly where the operating system would raise them.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEFINITIONS, ROOT
from pypdf import PdfReader

from sopgen import files
from sopgen.build import build

FORMATS = ["pdf"]


@pytest.fixture
def project(tmp_path):
    definitions = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, definitions)
    out = tmp_path / "out"
    assert build([definitions], FORMATS, out, force=True).failed == 0
    previous = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    # A change in every definition, so the next build rewrites every file.
    for path in definitions.glob("*.yaml"):
        if path.name != "organisasi.yaml":
            path.write_text(path.read_text(encoding="utf-8").replace("Memeriksa", "Meneliti", 1), encoding="utf-8")
    return definitions, out, previous


def leftovers(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_read_only_output_folder(project, monkeypatch):
    definitions, out, previous = project

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    report = build([definitions], FORMATS, out, force=True)
    assert report.count("gagal") == 5
    assert [d.path.name for d in report.missing] == [".sopgen-manifest.json"]  # could not be updated either
    message = report.results[0].errors[0].message
    assert "tidak dapat ditulis" in message and "hanya-baca" in message
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf")} == previous
    assert leftovers(out) == []


def test_a_file_open_in_another_program_fails_alone(project, monkeypatch):
    definitions, out, previous = project
    locked = "OT.01.02-071-097.Set.PO.pdf"
    real_replace = os.replace

    def replace(source, target):
        if Path(target).name == locked:
            raise PermissionError(errno.EACCES, "The process cannot access the file")
        return real_replace(source, target)

    monkeypatch.setattr(files.os, "replace", replace)
    report = build([definitions], FORMATS, out, force=True)
    failed = [r for r in report.results if r.status == "gagal"]
    assert [r.source.name for r in failed] == ["monev-sop-ap.yaml"]
    assert "sedang dibuka di program lain" in failed[0].errors[0].message
    assert (out / locked).read_bytes() == previous[locked]
    assert all((out / name).read_bytes() != data for name, data in previous.items() if name != locked)
    assert leftovers(out) == []
    manifest = json.loads((out / ".sopgen-manifest.json").read_text())
    assert "../definitions/monev-sop-ap.yaml" not in manifest["entries"] and len(manifest["entries"]) == 4


def test_a_full_disk(project, monkeypatch):
    definitions, out, previous = project
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle, mode):
            self.inner = real_fdopen(handle, mode)
            self.written = 0

        def write(self, data):
            self.written += len(data)
            if self.written > 4096:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.inner.write(data)

        def __getattr__(self, name):
            return getattr(self.inner, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.inner.close()

    monkeypatch.setattr(files.os, "fdopen", FullDisk)
    report = build([definitions], FORMATS, out, force=True)
    assert report.failed == 5
    assert "disk penuh" in report.results[0].errors[0].message
    assert {p.name: p.read_bytes() for p in out.glob("*.pdf")} == previous
    assert leftovers(out) == []


def test_a_real_read_only_folder_when_not_root(tmp_path):
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        pytest.skip("root ignores folder permissions; covered by the patched test above")
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        report = build([DEFINITIONS / "monev-sop-ap.yaml"], FORMATS, out)
        assert report.failed == 1 and "tidak dapat ditulis" in report.results[0].errors[0].message
    finally:
        out.chmod(0o755)


@pytest.mark.slow
def test_two_builds_at_once_into_one_folder(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sopgen", "build", "--out", str(out), "--force", "-j", "1"]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert leftovers(out) == []
    manifest = json.loads((out / ".sopgen-manifest.json").read_text())
    assert len(manifest["entries"]) == 5
    for entry in manifest["entries"].values():
        for name in entry["outputs"]:
            assert (out / name).is_file()
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) == 3
    import docx
    import openpyxl

    for workbook in out.glob("*.xlsx"):
        openpyxl.load_workbook(workbook)
    for document in out.glob("*.docx"):
        docx.Document(document)
