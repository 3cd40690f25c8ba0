"""SIGTERM, SIGHUP and a second Ctrl-C stop a build cleanly; an interrupted book writes no book."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from processes import group_members

from sopgen import cli, report
from sopgen.samples import write_corpus

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, process groups in /proc"),
]


def start_build(tmp_path: Path, command: str = "build") -> tuple[subprocess.Popen, Path]:
    corpus = tmp_path / "korpus"
    write_corpus(corpus, 40)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "sopgen", command, str(corpus), "-j", "2", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.pdf"))) < 2:
        time.sleep(0.02)
    return process, out


@pytest.mark.parametrize(
    "signals",
    [[signal.SIGTERM], [signal.SIGHUP], [signal.SIGINT, signal.SIGINT]],
    ids=["SIGTERM", "SIGHUP", "Ctrl-C-dua-kali"],
)
def test_a_stopped_build_leaves_no_temporary_file_and_no_worker(tmp_path, signals):
    process, out = start_build(tmp_path)
    for number in signals:
        process.send_signal(number)
        time.sleep(0.05)
    started = time.monotonic()
    try:
        _, errors = process.communicate(timeout=60)
    finally:  # a hang must not leave the whole group running after the test
        if process.poll() is None or group_members(process.pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    assert time.monotonic() - started < 15
    assert process.returncode == 130, errors
    assert "Kesalahan internal" not in errors.decode("utf-8", "replace")
    assert group_members(process.pid) == []
    assert not list(out.glob(".*.tmp")) and not list(out.glob("*.tmp"))


def test_an_interrupted_build_in_book_writes_no_book(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    monkeypatch.setattr(report, "run_build", lambda *args, **kwargs: 130)
    done = CliRunner().invoke(cli.app, ["book", str(tmp_path), "--out", str(tmp_path / "out")])
    assert done.exit_code == 130
    assert not (tmp_path / "out").exists()
