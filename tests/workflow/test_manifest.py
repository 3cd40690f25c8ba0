"""The manifest rebuilds an SOP whenever anything that draws it changed, sopgen's own code included."""

from __future__ import annotations

import shutil
import tomllib

from conftest import DEFINITIONS, ROOT

import sopgen
from sopgen import manifest
from sopgen.build import build

FORMATS = ["pdf"]


def test_a_change_in_the_code_that_draws_rebuilds_every_sop(tmp_path, monkeypatch):
    definitions = tmp_path / "definitions"
    shutil.copytree(DEFINITIONS, definitions)
    out = tmp_path / "out"
    assert build([definitions], FORMATS, out).count("dibuat") == 5

    installed = tmp_path / "sopgen"
    shutil.copytree(manifest.PACKAGE, installed, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(manifest, "PACKAGE", installed)
    manifest.toolkit_hash.cache_clear()
    assert build([definitions], FORMATS, out).count("mutakhir") == 5, "the same code must not rebuild"

    routing = installed / "layout" / "style.py"
    text = routing.read_text(encoding="utf-8")
    assert "ARROW_GAP = 9.0" in text
    routing.write_text(text.replace("ARROW_GAP = 9.0", "ARROW_GAP = 10.0"), encoding="utf-8")
    manifest.toolkit_hash.cache_clear()
    assert build([definitions], FORMATS, out).count("dibuat") == 5
    manifest.toolkit_hash.cache_clear()


def test_the_version_has_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert sopgen.__version__.count(".") == 2
