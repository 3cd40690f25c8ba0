"""Defects found by reviewing the round's change, each pinned by a test."""

from __future__ import annotations

import os

import pytest

from sopgen import build as build_module
from sopgen.book import read_settings
from sopgen.errors import UserError


@pytest.mark.parametrize(
    "year", ["\u00b2\u2070\u00b2\u2074", "\u0662\u0660\u0662\u0664"], ids=["superscript", "arabic"]
)
def test_a_year_in_other_digits_is_refused_not_an_internal_error(tmp_path, year):
    path = tmp_path / "buku.yaml"
    path.write_text(f'tahun: "{year}"\n', encoding="utf-8")
    with pytest.raises(UserError):
        read_settings(path)


def test_definitions_on_another_drive_get_an_absolute_manifest_key(tmp_path, monkeypatch):
    def other_drive(*args, **kwargs):
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    source = tmp_path / "sop.yaml"
    assert build_module.manifest_key(source, tmp_path / "out") == source.as_posix()
