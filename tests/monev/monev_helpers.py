"""Shared by the Monev tests: the shipped SOPs copied to a temporary folder, their forms, and filling them
in as a unit would (openpyxl, cell by cell)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DEFINITIONS
from openpyxl import load_workbook

from sopgen.discovery import discover
from sopgen.monev import meta
from sopgen.monev.make import MakeReport, make_forms

PERIODE = "Semester I 2026"
UNIT = "Biro Perencanaan dan Organisasi"
MONEV = "OT.01.02-071-097.Set.PO"
IKU = "OT.01.02-005-097.Set.PO"
LAPORAN = "OT.01.02-043-097.Set.PO"
PENYUSUNAN = "OT.01.02-068-097.Set.PO"
DATA = "OT.01.02-084-097.Set.PO"


def shipped_copy(root: Path) -> Path:
    """The shipped definitions (SOPs and organisasi.yaml only), copied where a test may write."""
    target = root / "definitions"
    target.mkdir(parents=True)
    sources, _ = discover([DEFINITIONS])
    for source in [*sources, DEFINITIONS / "organisasi.yaml"]:
        shutil.copy2(source, target / source.name)
    return target


def make(
    definitions: Path, out: Path, formats: tuple[str, ...] = ("xlsx",), periode: str = PERIODE, **options
) -> MakeReport:
    report = make_forms([definitions], periode, options.pop("units", ()), formats, out, **options)
    assert report.failed == 0, [d for r in report.results for d in r.errors] + report.missing + report.errors
    return report


def descriptions(path: Path) -> list[meta.FormMeta]:
    book = load_workbook(path)
    rows = book[meta.SHEET].iter_rows(min_row=2, max_col=2, values_only=True)
    return [meta.from_json(str(name), raw) for name, raw in rows]


def form_file(folder: Path, nomor: str, kind: str, unit: str = UNIT) -> Path:
    return folder / unit.replace(" ", "-") / f"{nomor}-{kind}.xlsx"


def fill(path: Path, pemantau: str = "", values: dict[int, tuple] | None = None, default: object = None) -> None:
    """Fill the (only) form of a workbook: `values` maps an item number to (nilai, catatan, tindakan);
    the other items get `default` as their assessment."""
    book = load_workbook(path)
    (description,) = descriptions(path)
    ws = book[description.sheet]
    columns = description.columns
    if pemantau:
        ws[description.cells["pemantau"]] = pemantau
    for number, row in enumerate(description.rows, start=1):
        nilai, catatan, tindakan = (values or {}).get(number, (default, None, None))
        ws[f"{columns['nilai']}{row}"] = nilai
        if catatan is not None:
            ws[f"{columns['catatan']}{row}"] = catatan
        if tindakan is not None:
            ws[f"{columns['tindakan']}{row}"] = tindakan
    book.save(path)
