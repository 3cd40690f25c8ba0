"""Every XLSX and DOCX sopgen writes passes the offline Office conformance check of ../shared/ooxml.

That check validates each XML part against the ISO/IEC 29500 Transitional schemas (plus the Office
2010 shape and group schemas) and the package rules Office enforces: content types, relationships,
drawing ids, value limits. Its schemas stay in ../shared; the project does not copy them.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from conformance import check, require_checker
from conftest import DEFINITIONS
from PIL import Image
from ruamel.yaml import YAML

from sopgen.book import collect, write_register
from sopgen.build import build, discover, output_stems
from sopgen.folders import REGISTER_NAME
from sopgen.pipeline import prepare
from sopgen.samples import definition
from sopgen.writers import docx

pytestmark = pytest.mark.slow

require_checker()


def _write(folder: Path, name: str, data: dict) -> None:
    with (folder / name).open("w", encoding="utf-8") as stream:
        YAML().dump(data, stream)


def varied_set(root: Path) -> list[Path]:
    """Definition folders covering what the writers can meet: the shipped SOPs, an emblem picture,
    every symbol, joint steps, branches within and across pages, each paper size, 12 lanes."""
    shipped = root / "shipped"
    shutil.copytree(DEFINITIONS, shipped)
    folders = [shipped]
    for paper in ("F4", "A4", "Legal"):
        folder = root / paper.lower()
        folder.mkdir()
        organisation = {"instansi": ["KEMENTERIAN CONTOH", "REPUBLIK INDONESIA"], "kertas": paper}
        if paper == "A4":
            Image.new("RGB", (120, 150), (200, 30, 30)).save(folder / "lambang.png")
            organisation["logo"] = "lambang.png"
        _write(folder, "organisasi.yaml", organisation)
        for seed in range(3):
            _write(folder, f"gen-{seed}.yaml", definition(seed * 7 + len(paper), steps=[8, 24, 40][seed]))
        folders.append(folder)
    wide = definition(99, steps=30, lanes=12)
    wide["langkah"][5]["pelaksana"] = ["p1", "p2", "p3"]
    wide["langkah"][12].update(pelaksana="p12", keputusan={"tidak": 2})
    wide["langkah"][25].update(pelaksana="p4", keputusan={"tidak": 4, "label": ["Lengkap", "Tidak lengkap"]})
    _write(folders[1], "dua-belas-lajur.yaml", wide)
    return folders


def test_every_package_passes_the_office_conformance_check(tmp_path: Path):
    out = tmp_path / "out"
    folders = varied_set(tmp_path / "definitions")
    report = build(folders, ["xlsx", "docx"], out, jobs=1)
    assert report.failed == 0, [d for r in report.results for d in r.errors]
    sources, _ = discover(folders)
    chapters, problems = collect(sources, output_stems(sources))
    assert not problems
    write_register(chapters, out / REGISTER_NAME)

    packages = sorted(p.name for p in out.iterdir() if p.suffix in (".xlsx", ".docx"))
    assert len(packages) == 2 * len(sources) + 1 and len(sources) >= 15
    result = check([out], tmp_path)
    result.assert_clean()
    checked = sum(p["parts_checked"] for p in result.packages)
    assert len(result.packages) == len(packages)
    assert checked == sum(p["parts_schema_valid"] for p in result.packages)
    print(f"{len(packages)} packages, {checked} XML parts: all valid")


def test_drawing_ids_never_collide_even_with_many_items_on_a_page():
    document = prepare(DEFINITIONS / "monev-sop-ap.yaml").laid_out
    crowded = [page for page in document.pages if page.shapes]
    assert len(crowded) >= 2
    for page in crowded:
        page.shapes += [replace(s, id=f"{s.id}-salinan-{k}") for k in range(8) for s in page.shapes]
        assert len(page.shapes) + len(page.connectors) > 100
    buffer = BytesIO()
    docx.write(document, buffer)
    xml = zipfile.ZipFile(buffer).read("word/document.xml").decode()
    shape_ids = re.findall(r'<wps:cNvPr id="(\d+)"', xml)
    group_ids = re.findall(r'<wp:docPr id="(\d+)"', xml)
    assert len(group_ids) == len(crowded) + 1  # the flowchart pages and the emblem frame
    assert len(shape_ids) > 200 and len(set(shape_ids + group_ids)) == len(shape_ids) + len(group_ids)
