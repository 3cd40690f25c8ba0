"""Every XLSX and DOCX of Monev (forms one by one and combined, the recap, the draft report) passes the
offline Office conformance check of ../shared/ooxml (its schemas stay there)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from monev_helpers import IKU, MONEV, fill, form_file, make, shipped_copy

from sopgen.monev.recap_run import run_recap

pytestmark = pytest.mark.slow

VALIDATOR = ROOT.parent / "shared" / "ooxml" / "validate.py"
if not VALIDATOR.is_file():
    if os.environ.get("CI"):
        raise RuntimeError(f"CI must have the conformance check at {VALIDATOR}")
    pytest.skip(
        f"the Office conformance check is not here ({VALIDATOR}): clone ../shared beside the project",
        allow_module_level=True,
    )
pytest.importorskip("lxml", reason="the conformance check needs lxml (pip install '.[test]')")

KNOWN_LIMITS = ("relationships/chart not in this checker's table",)
"""The checker has no entry for chart relationships (it checks the chart part's schema all the same)."""


def test_monev_packages_pass_the_office_conformance_check(tmp_path):
    definitions = shipped_copy(tmp_path)
    single = make(definitions, tmp_path / "satu", ("xlsx", "docx")).folder
    make(definitions, tmp_path / "gabung", ("xlsx", "docx"), combined=True, units=("Bagian A & B", "Biro <Umum>"))
    fill(
        form_file(single, MONEV, "monitoring"),
        "Budi",
        {2: ("Tidak berjalan dengan baik", '<catatan> & "kutip"', "=A1")},
        default="Berjalan dengan baik",
    )
    fill(form_file(single, IKU, "evaluasi"), "Sari", {7: ("Tidak", "Sinergi kurang", None)}, default="Ya")
    result = run_recap(single, single, definitions, dt.date(2026, 7, 15))
    assert not result.failed and len(result.outputs) == 2

    packages = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".xlsx", ".docx"))
    assert len(packages) == 20 + 8 + 2
    findings = tmp_path / "temuan.json"
    done = subprocess.run(
        [sys.executable, str(VALIDATOR), "--quiet", "--json", str(findings), *map(str, packages)],
        capture_output=True,
        text=True,
    )
    report = json.loads(findings.read_text(encoding="utf-8"))
    problems = [
        f"{Path(p['package']).name}: {f}"
        for p in report["packages"]
        for f in p["findings"]
        if not any(limit in str(f) for limit in KNOWN_LIMITS)
    ]
    assert done.returncode == 0 and not problems, "\n".join(problems[:20]) + done.stdout[-2000:]
    assert len(report["packages"]) == len(packages)
    checked = sum(p["parts_checked"] for p in report["packages"])
    assert checked == sum(p["parts_schema_valid"] for p in report["packages"]) and checked > 300
