"""Small batches run in this process; a parallel build leaves nothing running after it exits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import DEFINITIONS, ROOT
from processes import group_members

from sopgen.build import PER_WORKER, worker_count


def test_parallelism_only_when_it_pays(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert worker_count(5, None) == 1
    assert worker_count(2 * PER_WORKER - 1, None) == 1
    assert worker_count(2 * PER_WORKER, None) == 2
    assert worker_count(1000, None) == 2
    assert worker_count(5, 2) == 2 and worker_count(1, 4) == 1


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads process groups from /proc")
@pytest.mark.parametrize("jobs", [[], ["-j", "2"]], ids=["bawaan", "dua-proses"])
def test_nothing_is_left_running_after_a_build(tmp_path, jobs):
    process = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "build", str(DEFINITIONS), "--out", str(tmp_path), "--force", *jobs],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    group = process.pid
    assert process.wait(timeout=120) == 0
    assert group_members(group) == []  # at the moment the command has exited, not a while later
