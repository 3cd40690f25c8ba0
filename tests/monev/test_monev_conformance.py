"""Every XLSX and DOCX of Monev (forms one by one and combined, the recap, the draft report) passes the
offline Office conformance check of ../shared/ooxml (its schemas stay there)."""

from __future__ import annotations

import datetime as dt

import pytest
from conformance import check, require_checker
from monev_helpers import IKU, MONEV, fill, form_file, make, shipped_copy

from sopgen.monev.recap_run import run_recap

pytestmark = pytest.mark.slow

require_checker()

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
    report = check(packages, tmp_path)
    report.assert_clean(KNOWN_LIMITS)
    assert len(report.packages) == len(packages)
    checked = sum(p["parts_checked"] for p in report.packages)
    assert checked == sum(p["parts_schema_valid"] for p in report.packages) and checked > 300
