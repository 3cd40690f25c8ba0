"""Every output has one owner; incremental builds never trust a stale file; odd folders are read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ORGANISATION, ROOT, VALID
from PIL import Image

from sopgen.build import build, discover
from sopgen.manifest import MANIFEST_NAME

FORMATS = ["pdf"]


def definitions(folder: Path, numbers: dict[str, str], organisation: str = ORGANISATION) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisasi.yaml").write_text(organisation, encoding="utf-8")
    for name, nomor in numbers.items():
        (folder / name).write_text(VALID.replace("nomor: X.01", f'nomor: "{nomor}"'), encoding="utf-8")
    return folder


def built(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not p.name.startswith("."))


def test_a_tie_break_that_collides_gets_a_counter(tmp_path):
    folder = definitions(tmp_path / "d", {"a.yaml": "X", "b.yaml": "X-c", "c.yaml": "X"})
    report = build([folder], FORMATS, tmp_path / "out")
    assert report.failed == 0
    assert built(tmp_path / "out") == ["X-c-2.pdf", "X-c.pdf", "X.pdf"]
    assert {r.source.name: r.stem for r in report.results} == {"a.yaml": "X", "b.yaml": "X-c", "c.yaml": "X-c-2"}


def test_names_cut_to_the_length_limit_stay_distinct(tmp_path):
    long = "OT.01.02-" + "9" * 110
    folder = definitions(tmp_path / "d", {"pertama.yaml": long + "1", "kedua.yaml": long + "2"})
    build([folder], FORMATS, tmp_path / "out")
    names = built(tmp_path / "out")
    assert len(names) == 2 and all(len(Path(n).stem) <= 100 for n in names)


def test_an_sop_numbered_like_the_book_or_register_gets_another_name(tmp_path):
    folder = definitions(tmp_path / "d", {"sop-buku.yaml": "buku-sop", "daftar.yaml": "DAFTAR-SOP"})
    build([folder], FORMATS, tmp_path / "out")
    assert built(tmp_path / "out") == ["DAFTAR-SOP-daftar.pdf", "buku-sop-sop-buku.pdf"]


def test_two_folders_built_into_one_output_folder_keep_their_own_files(tmp_path):
    out = tmp_path / "out"
    first = definitions(tmp_path / "biro-a", {"sop.yaml": "X"})
    second = definitions(tmp_path / "biro-b", {"lain.yaml": "X"})
    build([first], FORMATS, out)
    before = (out / "X.pdf").read_bytes()
    report = build([second], FORMATS, out)
    assert [r.stem for r in report.results] == ["X-lain"]
    assert (out / "X.pdf").read_bytes() == before
    owners = json.loads((out / MANIFEST_NAME).read_text())["entries"]
    assert sorted((Path(k).parent.name, v["stem"]) for k, v in owners.items()) == [
        ("biro-a", "X"),
        ("biro-b", "X-lain"),
    ]
    assert build([first], FORMATS, out).count("mutakhir") == 1  # the first owner keeps its name


@pytest.mark.parametrize("damage", ["kosong", "disunting"])
def test_an_output_emptied_or_edited_by_hand_is_rebuilt(tmp_path, damage):
    folder = definitions(tmp_path / "d", {"sop.yaml": "X"})
    out = tmp_path / "out"
    build([folder], FORMATS, out)
    good = (out / "X.pdf").read_bytes()
    time.sleep(0.01)
    (out / "X.pdf").write_bytes(b"" if damage == "kosong" else good[:-10] + b"disunting\n")
    report = build([folder], FORMATS, out)
    assert report.count("dibuat") == 1 and (out / "X.pdf").read_bytes() == good


@pytest.mark.parametrize(
    "profile",
    ["instansi: [KEMENTERIAN CONTOH]\nlogo : lambang.png\n", "{instansi: [KEMENTERIAN CONTOH], logo: lambang.png}\n"],
    ids=["spasi-sebelum-titik-dua", "gaya-flow"],
)
def test_a_replaced_emblem_rebuilds_whatever_the_profile_s_style(tmp_path, profile):
    folder = definitions(tmp_path / "d", {"sop.yaml": "X"}, profile)
    Image.new("RGB", (40, 50), "red").save(folder / "lambang.png")
    out = tmp_path / "out"
    build([folder], FORMATS, out)
    assert build([folder], FORMATS, out).count("mutakhir") == 1
    Image.new("RGB", (40, 50), "blue").save(folder / "lambang.png")
    assert build([folder], FORMATS, out).count("dibuat") == 1


@pytest.mark.parametrize(
    "manifest",
    [
        "[]",
        '{"format": 2, "entries": [1, 2]}',
        '{"format": 2, "entries": {"a": {"x": 1}}}',
        '{"format": 2, "entries": {"a": {"source": 1, "fingerprint": [], "nomor": "", "stem": "", "formats": []}}}',
        '"teks"',
        "null",
    ],
)
def test_a_manifest_of_the_wrong_shape_is_ignored(tmp_path, manifest):
    folder = definitions(tmp_path / "d", {"sop.yaml": "X"})
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST_NAME).write_text(manifest, encoding="utf-8")
    assert build([folder], FORMATS, out).count("dibuat") == 1
    assert build([folder], FORMATS, out).count("mutakhir") == 1


@pytest.mark.skipif(sys.platform != "linux", reason="file names that are not UTF-8 exist on Linux only")
def test_a_definition_file_name_that_is_not_utf8_does_not_break_later_builds(tmp_path):
    folder = definitions(tmp_path / "d", {"baik.yaml": "X"})
    odd = os.fsdecode(b"sop-\xff\xfe.yaml")
    (folder / odd).write_text(VALID.replace("nomor: X.01", "nomor: Y"), encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "sopgen", "build", str(folder), "--out", str(out)], cwd=ROOT, capture_output=True
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Kesalahan internal" not in done.stderr
    assert built(out) == ["X.docx", "X.pdf", "X.xlsx", "Y.docx", "Y.pdf", "Y.xlsx"]


def test_upper_case_suffixes_linked_folders_and_link_loops(tmp_path):
    folder = definitions(tmp_path / "d", {"a.YAML": "A", "b.Yml": "B"})
    linked = definitions(tmp_path / "lain", {"c.yaml": "C"})
    (folder / "tautan").symlink_to(linked, target_is_directory=True)
    (linked / "putaran").symlink_to(folder, target_is_directory=True)
    found, missing = discover([folder])
    assert [p.name for p in found] == ["a.YAML", "b.Yml", "c.yaml"] and not missing


def test_naming_the_organisation_profile_checks_it_with_the_sops_not_as_one(tmp_path):
    folder = definitions(tmp_path / "d", {"sop.yaml": "X"})
    found, _ = discover([folder / "organisasi.yaml", folder / "sop.yaml"])
    assert [p.name for p in found] == ["sop.yaml"]
