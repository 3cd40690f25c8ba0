"""The forms as LibreOffice prints their XLSX and DOCX, beside the PDF sopgen draws: same pages, every
step's activity in its row, the drop-down column empty in the sheet and the choices on paper."""

from __future__ import annotations

import os

import pdfplumber
import pytest
from monev_helpers import MONEV, make, shipped_copy
from office import SOFFICE, to_pdf

if SOFFICE is None and not os.environ.get("CI"):
    pytest.skip("LibreOffice is not installed", allow_module_level=True)

pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    root = tmp_path_factory.mktemp("render")
    folder = make(shipped_copy(root), root / "out", ("xlsx", "docx", "pdf")).folder
    unit = next(folder.iterdir())
    sources = sorted(unit.glob(f"{MONEV}-*.*x"))
    for fmt in ("xlsx", "docx"):
        to_pdf([s for s in sources if s.suffix == f".{fmt}"], root / fmt, root / "profile")
    return root, unit


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.mark.parametrize("kind", ["monitoring", "evaluasi"])
def test_office_prints_the_pages_sopgen_draws(rendered, kind):
    root, unit = rendered
    own = _pages(unit / f"{MONEV}-{kind}.pdf")
    for fmt in ("xlsx", "docx"):
        printed = _pages(root / fmt / f"{MONEV}-{kind}.pdf")
        assert len(printed) == len(own), fmt
        text = squash("".join(printed))
        for words in ("Nomor SOP", MONEV, "Semester I 2026", "Biro Perencanaan dan Organisasi"):
            assert squash(words) in text, (fmt, words)
        if kind == "monitoring":
            assert squash("Memeriksa Laporan Monev SOP AP unit organisasi terkait") in text
            choices = text.count(squash("Tidak berjalan dengan baik *)"))
            assert choices == (16 if fmt == "docx" else 0), fmt  # paper lists the choices; the sheet has a list
        else:
            assert squash("Sinergi satu dengan lainnya") in text
        last = printed[-1]
        assert f"Halaman {len(printed)} dari {len(printed)}" in last
