"""A clerk's first SOP in an empty folder: the profile, the scaffold, and the editor's schemas."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from sopgen.definition.loader import load_organisation


def sopgen_cli(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_new_in_an_empty_folder_creates_the_profile_and_schema_writes_both_schemas(tmp_path):
    done = sopgen_cli("new", "SOP Pertama", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    definitions = tmp_path / "definitions"
    assert "Profil organisasi baru" in done.stdout
    profile = (definitions / "organisasi.yaml").read_text(encoding="utf-8")
    assert profile.startswith("# yaml-language-server: $schema=organisasi.schema.json")
    load_organisation(definitions)  # the commented template is a valid profile as it is
    scaffold = (definitions / "sop-pertama.yaml").read_text(encoding="utf-8")
    assert scaffold.startswith("# yaml-language-server: $schema=sop.schema.json")

    again = sopgen_cli("new", "SOP Kedua", cwd=tmp_path)
    assert again.returncode == 0 and "Profil organisasi baru" not in again.stdout
    assert (definitions / "organisasi.yaml").read_text(encoding="utf-8") == profile  # never overwritten

    done = sopgen_cli("schema", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("sop.schema.json", "organisasi.schema.json"):
        assert json.loads((definitions / name).read_text(encoding="utf-8"))["type"] == "object"
    done = sopgen_cli("check", cwd=tmp_path)
    assert "schema" not in done.stderr  # the schemas beside the definitions are not read as SOPs


def test_a_new_sop_titled_like_a_reserved_file_gets_an_sop_name(tmp_path):
    for title in ("Buku", "Organisasi"):
        assert sopgen_cli("new", title, cwd=tmp_path).returncode == 0
    names = sorted(p.name for p in (tmp_path / "definitions").iterdir())
    assert names == ["organisasi.yaml", "sop-buku.yaml", "sop-organisasi.yaml"]
    load_organisation(tmp_path / "definitions")  # the profile is the profile, not an SOP


def test_a_looping_link_is_reported_not_an_internal_error(tmp_path):
    definitions = tmp_path / "definitions"
    assert sopgen_cli("new", "SOP Pertama", cwd=tmp_path).returncode == 0
    (definitions / "putar.yaml").symlink_to(definitions / "putar.yaml")
    for command in (["check"], ["build", "-f", "pdf"]):
        done = sopgen_cli(*command, cwd=tmp_path)
        assert "Kesalahan internal" not in done.stderr and "Traceback" not in done.stderr
        assert "putar.yaml" in done.stdout + done.stderr and "symbolic" not in done.stderr
