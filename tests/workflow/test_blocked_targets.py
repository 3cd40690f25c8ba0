"""A target the user's system will not let sopgen write is the user's to fix, in every command."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import DEFINITIONS, ROOT

ENGLISH = ("Not a directory", "File exists", "Permission denied", "No such file", "Errno", "Traceback")


@pytest.mark.parametrize(
    "command",
    [
        ["schema", "--out", "{blocked}/skema.json"],
        ["new", "SOP Baru", "--folder", "{blocked}/definisi"],
        ["preview", str(DEFINITIONS / "monev-sop-ap.yaml"), "--out", "{blocked}/pratinjau", "--tanpa-buka"],
        ["build", str(DEFINITIONS), "--out", "{blocked}/keluaran", "-f", "pdf"],
        ["book", str(DEFINITIONS), "--out", "{blocked}/keluaran"],
    ],
    ids=["schema", "new", "preview", "build", "book"],
)
def test_a_blocked_target_is_reported_in_indonesian(tmp_path, command):
    blocked = tmp_path / "berkas-bukan-folder"
    blocked.write_text("", encoding="utf-8")
    args = [part.replace("{blocked}", str(blocked)) for part in command]
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 1
    shown = done.stdout + done.stderr
    assert "Kesalahan internal" not in shown
    assert "sebenarnya sebuah berkas" in shown
    assert not any(word in shown for word in ENGLISH), shown
