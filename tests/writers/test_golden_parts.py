"""Golden Office parts: the XML of the shipped SOPs' and the golden fixtures' XLSX and DOCX, pinned by hash.

The sheet writers write their parts as text, in the exact form openpyxl and python-docx once wrote them
(`writers/spreadsheetml.py`, `writers/docx.py`, `writers/shapes_xml.py`); a change of one byte in any part
(a cell, a style, a shape, an escape) is caught here, part by part. The parts are hashed unzipped, so the
hashes do not depend on the zlib that compresses them. When a change is intended, regenerate and name
the changed parts in the commit:

    SOPGEN_UPDATE_GOLDEN=1 python -m pytest tests/writers/test_golden_parts.py
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import shipped

from sopgen.errors import UserError
from sopgen.pipeline import prepare
from sopgen.writers import docx_drawing, get, shapes_xml

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
HASHES = GOLDEN / "office-parts.json"
UPDATE = os.environ.get("SOPGEN_UPDATE_GOLDEN") == "1"


def sources() -> list[Path]:
    fixtures = sorted(p for p in (GOLDEN / "fixtures").glob("*.yaml") if p.name != "organisasi.yaml")
    return shipped() + fixtures


def part_hashes(source: Path) -> dict[str, dict[str, str]]:
    """Each format's parts and the sha256 of their bytes; nothing for a definition the layout refuses."""
    try:
        document = prepare(source).laid_out
    except UserError:
        return {}
    found = {}
    for name in ("xlsx", "docx"):
        buffer = io.BytesIO()
        get(name).write(document, buffer)
        with zipfile.ZipFile(buffer) as package:
            found[name] = {info.filename: hashlib.sha256(package.read(info)).hexdigest() for info in package.infolist()}
    return found


def test_office_parts_are_as_pinned():
    actual = {source.stem: part_hashes(source) for source in sources()}
    if UPDATE:
        HASHES.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n", encoding="utf-8", newline="\n")
        return
    expected = json.loads(HASHES.read_text(encoding="utf-8"))
    changed = [
        f"{stem}.{name}: {part}"
        for stem in sorted(set(expected) | set(actual))
        for name in ("xlsx", "docx")
        for part in sorted(set(expected.get(stem, {}).get(name, {})) | set(actual.get(stem, {}).get(name, {})))
        if expected.get(stem, {}).get(name, {}).get(part) != actual.get(stem, {}).get(name, {}).get(part)
    ]
    assert not changed, "parts changed (if intended: SOPGEN_UPDATE_GOLDEN=1, and name them in the commit):\n" + (
        "\n".join(changed)
    )


@pytest.mark.parametrize("name", ["xlsx", "docx"])
def test_the_pin_catches_a_changed_byte(name, monkeypatch):
    """A shape's markup one space off changes a pinned part."""
    source = shipped()[0]
    before = part_hashes(source)[name]
    real = shapes_xml.shape_properties

    def spaced(item):
        return real(item).replace("<a:avLst/>", "<a:avLst />")

    monkeypatch.setattr(shapes_xml, "shape_properties", spaced)  # XLSX anchors look it up there
    monkeypatch.setattr(docx_drawing, "shape_properties", spaced)  # the DOCX group imported it
    assert part_hashes(source)[name] != before
