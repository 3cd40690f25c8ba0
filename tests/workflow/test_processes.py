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


LOADED = """
import sys
from sopgen.entry import run
sys.argv = ["sopgen", *sys.argv[1:]]
try:
    run()
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)), file=sys.__stderr__)
"""


def loaded_by(tmp_path, *args):
    """The modules a command has loaded when it ends (its output not a terminal)."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    return set(done.stderr.split())


def packages(modules):
    return {name.split(".")[0] for name in modules} | modules


@pytest.mark.parametrize(
    ("args", "used", "unused"),
    [
        (
            ["--help"],
            {"sopgen.cli"},
            {"pydantic", "yaml", "reportlab", "sopgen.definition", "sopgen.layout", "rich.progress"},
        ),
        (
            ["check", str(DEFINITIONS / "monev-sop-ap.yaml")],
            {"sopgen.layout"},
            {"reportlab", "sopgen.writers.pdf", "multiprocessing"},
        ),
        (
            ["build", str(DEFINITIONS), "--out", "keluaran"],
            {"sopgen.writers.pdf", "sopgen.writers.xlsx", "sopgen.writers.docx"},
            {"multiprocessing", "concurrent.futures", "rich.progress"},
        ),
    ],
    ids=["help", "check", "build"],
)
def test_a_command_loads_nothing_it_does_not_use(tmp_path, args, used, unused):
    never = {"openpyxl", "docx", "lxml", "jinja2", "numpy", "ruamel"}
    loaded = packages(loaded_by(tmp_path, *args))
    assert used <= loaded  # the command did its work
    assert loaded & (never | unused) == set()


SETTLED = """
import gc, signal, sys
from sopgen.runtime import YOUNG_COLLECTION, worker_setup
default = gc.get_threshold()[0]
sys.argv = ["sopgen", "--help"]
from sopgen.entry import run
try:
    run()
except SystemExit:
    pass
command = gc.get_threshold()[0]
gc.set_threshold(default)
worker_setup()
ignores = signal.getsignal(signal.SIGINT) is signal.SIG_IGN
print(YOUNG_COLLECTION, default, command, gc.get_threshold()[0], ignores, file=sys.__stderr__)
"""


def test_the_command_and_its_workers_collect_garbage_rarely():
    done = subprocess.run([sys.executable, "-c", SETTLED], capture_output=True, text=True, timeout=60)
    wanted, default, command, worker, ignores_ctrl_c = done.stderr.split()
    assert int(default) < int(wanted) and command == worker == wanted and ignores_ctrl_c == "True"
