"""The editor schemas accept exactly what the loader accepts, and speak Indonesian.

Files are read as an editor reads them (YAML 1.2, dates stay the text written) and validated with the
`jsonschema` library. A file the loader accepts must show no mark; a file it refuses for a value the
schema can see must show one.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import DEFINITIONS, ORGANISATION, VALID, shipped
from jsonschema import Draft7Validator, Draft202012Validator
from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import YAMLError

from sopgen.definition import schema as schema_module
from sopgen.definition.loader import load_organisation, load_sop
from sopgen.definition.model import MAX_AMOUNT, MAX_LANES
from sopgen.definition.schema import organisasi_schema, sop_schema
from sopgen.definition.source import read as read_source
from sopgen.errors import UserError
from sopgen.revise import new_definition
from sopgen.samples import definition as generated_definition
from sopgen.templating import render

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES = YAML(typ="safe").load((CORPUS / "harapan.yaml").read_text(encoding="utf-8"))


class _EditorConstructor(SafeConstructor):
    """YAML 1.2 as an editor reads it: a date stays the text written (`2020-02-30` too)."""


_EditorConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node)
)


def as_editor_reads(text: str) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _EditorConstructor
    return yaml.load(text)


def read(path: Path) -> Any:
    return as_editor_reads(path.read_bytes().decode("utf-8-sig"))


def problems(schema: dict[str, Any], data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)
    ]


def loads(path: Path) -> bool:
    try:
        load_sop(path)
    except UserError:
        return False
    return True


def test_the_schemas_are_valid_json_schemas():
    for schema in (sop_schema(), organisasi_schema()):
        Draft202012Validator.check_schema(schema)
        Draft7Validator.check_schema(schema)  # the YAML extension checks a schema against draft 7
        json.dumps(schema, allow_nan=False)  # what `sopgen schema` writes


# -- Everything the loader accepts shows no mark --------------------------------------------------


@pytest.mark.parametrize("path", shipped(), ids=lambda p: p.name)
def test_shipped_definition(path):
    assert loads(path)
    assert problems(sop_schema(), read(path)) == []


def test_shipped_organisation_profile():
    load_organisation(DEFINITIONS)
    assert problems(organisasi_schema(), read(DEFINITIONS / "organisasi.yaml")) == []


def test_what_the_corpus_loads_shows_no_mark_and_what_it_refuses_for_a_value_does():
    """Of the bad inputs the editor can read, the schema marks every one the loader refuses, except
    those whose problem is a reference between fields: only `sopgen check` sees those."""
    only_check_sees = {
        "21-pelaksana-tidak-dikenal.yaml",
        "22-pelaksana-salah-ketik.yaml",
        "23-cabang-ke-diri-sendiri.yaml",
        "24-cabang-ke-langkah-hilang.yaml",
        "25-cabang-ke-id-hilang.yaml",
        "27-id-ganda.yaml",
        "42-keputusan-di-langkah-terakhir.yaml",
        "43-ya-sama-dengan-tidak.yaml",
        "50-keputusan-bersama.yaml",
        "logo-hilang/sop.yaml",
    }
    accepted, marked, unmarked = [], [], set()
    for case in CASES:
        path = CORPUS / case["berkas"]
        try:
            data = read(path)
        except (YAMLError, UnicodeDecodeError):  # not YAML an editor reads: its own marks, not the schema's
            assert case["pesan"] is not None
            continue
        found = problems(sop_schema(), data)
        if loads(path):
            accepted.append(case["berkas"])
            assert found == [], case["berkas"]
        elif found:
            marked.append(case["berkas"])
        else:
            unmarked.add(case["berkas"])
    assert sorted(accepted) == sorted(c["berkas"] for c in CASES if c["pesan"] is None)
    assert unmarked == only_check_sees
    assert {"12-tanggal-mustahil.yaml", "13-bulan-13.yaml", "44-pelaksana-langkah-kosong.yaml"} <= set(marked)
    for profile in (CORPUS / "organisasi.yaml", CORPUS / "logo-hilang" / "organisasi.yaml"):
        assert problems(organisasi_schema(), read(profile)) == [], profile


def filled_scaffold(folder: Path, jenis: str) -> Path:
    """A new definition with its ISI places filled the way tests/workflow/test_workflow.py fills them."""
    shutil.copy(DEFINITIONS / "organisasi.yaml", folder)
    path = new_definition("Penyusunan Rencana Kerja", folder, jenis)
    filled = path.read_text(encoding="utf-8").replace('nomor: ""', 'nomor: "OT.01.99"')
    filled = filled.replace("TTTT-BB-HH              # ISI", "2021-01-04").replace('""', '"Isi"')
    path.write_text(filled, encoding="utf-8")
    return path


@pytest.mark.parametrize("jenis", ["makro", "mikro"])
def test_the_scaffold_names_its_schema_and_passes_once_filled(tmp_path, jenis):
    path = filled_scaffold(tmp_path, jenis)
    assert path.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=sop.schema.json"
    assert loads(path)
    assert problems(sop_schema(), read(path)) == []


def test_the_unfilled_scaffold_is_marked_on_the_lines_check_refuses_each_an_ISI_line(tmp_path):
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    path = new_definition("Penyusunan Rencana Kerja", tmp_path)
    with pytest.raises(UserError) as caught:
        load_sop(path)
    refused = {d.line for d in caught.value.diagnostics}
    source = read_source(path)
    errors = Draft202012Validator(sop_schema()).iter_errors(read(path))
    marked = {source.position(tuple(error.absolute_path))[0] for error in errors}
    lines = path.read_text(encoding="utf-8").splitlines()
    assert marked == refused and len(marked) >= 10
    assert all("# ISI" in lines[line - 1] for line in marked if line is not None)


@pytest.mark.parametrize("seed", range(30))
def test_generated_definition(seed):
    assert problems(sop_schema(), generated_definition(seed)) == []


@pytest.mark.parametrize(
    "variables",
    [{}, {"instansi": ["KEMENTERIAN KOORDINATOR", "BIDANG POLITIK, HUKUM, DAN KEAMANAN: #1"], "kertas": "A4"}],
    ids=["tanpa-variabel", "dengan-instansi"],
)
def test_the_organisation_template_renders_a_valid_profile(tmp_path, variables):
    text = render("organisasi-baru.yaml.j2", **variables)
    assert text.splitlines()[0] == "# yaml-language-server: $schema=organisasi.schema.json"
    (tmp_path / "organisasi.yaml").write_text(text, encoding="utf-8")
    organisation = load_organisation(tmp_path).organisasi
    assert organisation.instansi == variables.get("instansi", ["KEMENTERIAN ...", "REPUBLIK INDONESIA"])
    assert organisation.kertas == variables.get("kertas", "F4")
    assert problems(organisasi_schema(), read(tmp_path / "organisasi.yaml")) == []
    shutil.copy(DEFINITIONS / "monev-sop-ap.yaml", tmp_path)
    assert loads(tmp_path / "monev-sop-ap.yaml")


# -- What both refuse ------------------------------------------------------------------------------

BAD = {
    "kunci-tidak-dikenal": ("^judul: Contoh$", "judul: Contoh\nwarna: merah"),
    "kunci-wajib-hilang": ("^judul: Contoh\n", ""),
    "jenis-besar": ("^judul: Contoh$", "judul: Contoh\njenis: besar"),
    "waktu-angka": ("waktu: 10 menit", "waktu: 10"),
    "label-satu-jawaban": ("keputusan: {tidak: 1}", "keputusan: {tidak: 1, label: [Ya]}"),
    "pelaksana-langkah-kosong": ("pelaksana: b$", "pelaksana: []"),
    "kertas-A3": ("^judul: Contoh$", "judul: Contoh\nkertas: A3"),
    "nip-angka": ('nip: "[0-9]+"', "nip: 196001011985031001"),
}
"""Each a change of conftest.VALID: what to find (a regular expression) and what to write instead."""


@pytest.mark.parametrize("change", BAD.values(), ids=BAD.keys())
def test_both_refuse(folder, change):
    text, changed = re.subn(change[0], change[1], VALID, count=1, flags=re.MULTILINE)
    assert changed == 1
    path = folder(text)
    with pytest.raises(UserError):
        load_sop(path)
    assert problems(sop_schema(), read(path))


def test_both_refuse_an_organisation_profile_on_A3(folder):
    path = folder(VALID)
    (path.parent / "organisasi.yaml").write_text(ORGANISATION.replace("F4", "A3"), encoding="utf-8")
    with pytest.raises(UserError):
        load_sop(path)
    assert problems(organisasi_schema(), read(path.parent / "organisasi.yaml"))


# -- Field by field: the loader and the schema agree on each value ---------------------------------

ABSENT = object()
"""The key is not written at all."""


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is ABSENT:
        parent.pop(path[-1], None)
    else:
        parent[path[-1]] = value
    return data


def _value_cases() -> list[Any]:
    """(where, value, accepted): values people write, at each field, and what sopgen check says."""
    ok, no = True, False
    lanes = {f"l{i}": f"Lajur {i}" for i in range(MAX_LANES - 2)}
    cases: list[tuple[tuple[Any, ...], Any, bool]] = [
        (("nomor",), " ", ok),
        (("nomor",), "", no),
        (("nomor",), 12, no),
        (("nomor",), None, no),
        (("nomor",), ABSENT, no),
        (("jenis",), "mikro", ok),
        (("jenis",), ABSENT, ok),
        (("jenis",), "Makro", no),
        (("jenis",), None, ok),
        (("judul",), ["Contoh"], no),
        (("unit",), [""], no),
        (("unit",), "Biro", no),
        (("unit",), [1], no),
        (("tanggal_pembuatan",), "2020-02-29", ok),
        (("tanggal_pembuatan",), "2000-02-29", ok),
        (("tanggal_pembuatan",), "0001-01-01", ok),
        (("tanggal_pembuatan",), "2020-01-15T00:00:00", ok),
        (("tanggal_pembuatan",), "2020-01-15 00:00", ok),
        (("tanggal_pembuatan",), "2020-01-15t00:00:00.000000Z", ok),
        (("tanggal_pembuatan",), "2020-01-15T00:00:00,0+07:00", ok),
        (("tanggal_pembuatan",), "2020-01-15_00:00-0530", ok),
        (("tanggal_pembuatan",), "2021-02-29", no),
        (("tanggal_pembuatan",), "1900-02-29", no),
        (("tanggal_pembuatan",), "2020-04-31", no),
        (("tanggal_pembuatan",), "2020-13-01", no),
        (("tanggal_pembuatan",), "0000-01-01", no),
        (("tanggal_pembuatan",), "2020-1-15", no),
        (("tanggal_pembuatan",), "15-01-2020", no),
        (("tanggal_pembuatan",), "2020/01/15", no),
        (("tanggal_pembuatan",), " 2020-01-15", no),
        (("tanggal_pembuatan",), "2020-01-15 ", no),
        (("tanggal_pembuatan",), "2020-01-15T08:00:00", no),
        (("tanggal_pembuatan",), "2020-01-15T00:00:00.5", no),
        (("tanggal_pembuatan",), "2020-01-15T00:00:00+24:00", no),
        (("tanggal_pembuatan",), "kemarin", no),
        # a month and a year: a date known only to its month
        (("tanggal_pembuatan",), "Agustus 2023", ok),
        (("tanggal_pembuatan",), "agustus 2023", ok),
        (("tanggal_pembuatan",), "AGUSTUS 2023", ok),
        (("tanggal_pembuatan",), "Januari 0001", ok),
        (("tanggal_pembuatan",), "Desember 9999", ok),
        (("tanggal_pembuatan",), "Mei 2018", ok),
        (("tanggal_pembuatan",), "2023-08", ok),
        (("tanggal_pembuatan",), "2023-12", ok),
        (("tanggal_pembuatan",), "Agustus 0000", no),
        (("tanggal_pembuatan",), "Agustus  2023", no),
        (("tanggal_pembuatan",), " Agustus 2023", no),
        (("tanggal_pembuatan",), "Agustus 2023 ", no),
        (("tanggal_pembuatan",), "Agt 2023", no),
        (("tanggal_pembuatan",), "August 2023", no),
        (("tanggal_pembuatan",), "Agustus 23", no),
        (("tanggal_pembuatan",), "Agustus-2023", no),
        (("tanggal_pembuatan",), "Agust\u0131s 2023", no),
        (("tanggal_pembuatan",), "2023-13", no),
        (("tanggal_pembuatan",), "2023-00", no),
        (("tanggal_pembuatan",), "2023-8", no),
        (("tanggal_pembuatan",), "0000-08", no),
        (("tanggal_pembuatan",), "2023-08T00:00", no),
        (("tanggal_pembuatan",), "14 Agustus 2023", no),
        (("tanggal_pembuatan",), "Februari 2024", ok),
        (("tanggal_pembuatan",), "MaRet 2020", ok),
        (("tanggal_pembuatan",), "Juli 1945", ok),
        (("tanggal_pembuatan",), "September 2019", ok),
        (("tanggal_pembuatan",), "Pebruari 2024", no),
        (("tanggal_pembuatan",), "Agustus\t2023", no),
        (("tanggal_pembuatan",), "Agustus\u00a02023", no),
        (("tanggal_pembuatan",), "2023-08-", no),
        (("tanggal_pembuatan",), None, no),
        (("tanggal_efektif",), None, ok),
        (("tanggal_efektif",), ABSENT, ok),
        (("tanggal_efektif",), "", no),
        (("revisi",), [], ok),
        (("revisi",), [{"ke": 2, "tanggal": "2021-03-01", "catatan": "Penyesuaian"}], ok),
        (("revisi",), [{"ke": 1, "tanggal": "2021-03-01"}], ok),
        (("revisi",), [{"ke": 0, "tanggal": "2021-03-01"}], no),
        (("revisi",), [{"ke": "1", "tanggal": "2021-03-01"}], no),
        (("revisi",), [{"ke": True, "tanggal": "2021-03-01"}], no),
        (("revisi",), [{"ke": 1}], no),
        (("revisi",), [{"ke": 1, "tanggal": "2021-03-01", "catatan": None}], no),
        (("revisi",), [{"ke": 1, "tanggal": "2021-03-01", "oleh": "Budi"}], no),
        (("revisi",), None, no),
        (("disahkan_oleh",), "Kepala Biro", no),
        (("disahkan_oleh", "jabatan"), "", no),
        (("disahkan_oleh", "nip"), "", ok),
        (("disahkan_oleh", "nip"), ABSENT, ok),
        (("disahkan_oleh", "nip"), "NIP belum ada", ok),
        (("disahkan_oleh", "nip"), 196001011985031001, no),
        (("disahkan_oleh", "nip"), None, no),
        (("dasar_hukum",), [], ok),
        (("dasar_hukum",), ["Undang-Undang Nomor 1"], ok),
        (("dasar_hukum",), "Undang-Undang Nomor 1", no),
        (("dasar_hukum",), [""], no),
        (("dasar_hukum",), None, no),
        (("kualifikasi_pelaksana",), ["Teliti"], ok),
        (("keterkaitan",), [2], no),
        (("peralatan_perlengkapan",), {"alat": "ATK"}, no),
        (("peringatan",), "Bila tidak dilaksanakan, proses terhambat", ok),
        (("peringatan",), "", ok),
        (("peringatan",), "   ", ok),
        (("peringatan",), ["Satu", "Dua"], ok),
        (("peringatan",), [], ok),
        (("peringatan",), [""], no),
        (("peringatan",), None, no),
        (("peringatan",), 5, no),
        (("pencatatan_pendataan",), "Disimpan dalam data elektronik", ok),
        (("pencatatan_pendataan",), ["Elektronik", "Manual"], ok),
        (("pencatatan_pendataan",), [None], no),
        (("pelaksana",), {"a": "Pejabat A", "b": "Pejabat B", **lanes}, ok),
        (("pelaksana",), {"a": "Pejabat A", "b": "Pejabat B", **lanes, "x": "Satu lagi"}, no),
        (("pelaksana",), {}, no),
        (("pelaksana",), {"a": "Pejabat A", "b": ""}, no),
        (("pelaksana",), ["a", "b"], no),
        (("langkah",), [], no),
        (("kertas",), "A4", ok),
        (("kertas",), "Legal", ok),
        (("kertas",), None, ok),
        (("kertas",), "f4", no),
        (("kertas",), "A3", no),
        (("instansi",), ["KEMENTERIAN CONTOH"], ok),
        (("instansi",), [], ok),
        (("instansi",), None, ok),
        (("instansi",), [""], no),
        (("instansi",), "KEMENTERIAN CONTOH", no),
        (("warna",), "merah", no),
        (("langkah", 0, "kegiatan"), " ", ok),
        (("langkah", 0, "kegiatan"), "", no),
        (("langkah", 0, "pelaksana"), ["a"], ok),
        (("langkah", 0, "pelaksana"), ["a", "b"], ok),
        (("langkah", 0, "pelaksana"), [], no),
        (("langkah", 0, "pelaksana"), "", no),
        (("langkah", 0, "pelaksana"), None, no),
        (("langkah", 0, "pelaksana"), 1, no),
        (("langkah", 0, "kelengkapan"), "", ok),
        (("langkah", 0, "kelengkapan"), None, no),
        (("langkah", 0, "output"), None, no),
        (("langkah", 0, "keterangan"), "Bila perlu", ok),
        (("langkah", 0, "keterangan"), None, no),
        (("langkah", 0, "id"), "awal", ok),
        (("langkah", 0, "id"), "", ok),
        (("langkah", 0, "id"), None, ok),
        (("langkah", 0, "id"), 5, no),
        (("langkah", 0, "catatan"), "x", no),
        (("langkah", 1, "keputusan"), None, ok),
        (("langkah", 1, "keputusan"), {"tidak": 1, "ya": 3}, ok),
        (("langkah", 1, "keputusan"), {"tidak": 1, "ya": None}, ok),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": ["Sesuai", "Tidak sesuai"]}, ok),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": ["", ""]}, ok),
        (("langkah", 1, "keputusan"), {"tidak": 0}, no),
        (("langkah", 1, "keputusan"), {"tidak": -1}, no),
        (("langkah", 1, "keputusan"), {"tidak": True}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1.5}, no),
        (("langkah", 1, "keputusan"), {"tidak": None}, no),
        (("langkah", 1, "keputusan"), {}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "ya": 0}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": ["Ya"]}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": ["Ya", "Tidak", "Mungkin"]}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": "Ya"}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": None}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "label": ["Ya", 2]}, no),
        (("langkah", 1, "keputusan"), {"tidak": 1, "warna": "merah"}, no),
        (("langkah", 1, "keputusan"), "tidak", no),
    ]
    waktu = {
        "10 menit": ok,
        "10 Menit": ok,
        "2 JAM": ok,
        "1,5 jam": ok,
        "  2 hari  ": ok,
        "10\u00a0menit": ok,  # a no-break space pasted from Word
        "1x24 jam": ok,
        "10 (sepuluh) hari kerja": ok,
        "paling lambat 17 hari kerja": ok,
        "setiap saat": ok,  # printed as written; `sopgen check` warns it is not counted
        f"{MAX_AMOUNT + 1} menit": ok,  # likewise
        "0 menit": ok,  # likewise
        "-5 menit": ok,
        "": ok,
        " ": ok,
        None: ok,
        10: no,
        1.5: no,
        True: no,
    }
    cases += [(("langkah", 0, "waktu"), value, accepted) for value, accepted in waktu.items()]
    cases += [(("langkah", 0, "waktu"), value, no) for value in (["10 menit"], {"jumlah": 10})]
    known = [
        pytest.param(
            ("tanggal_pembuatan",),
            0,
            no,
            id="tanggal_pembuatan=0",
        ),
        pytest.param(
            ("tanggal_pembuatan",),
            "86400",
            no,
            id="tanggal_pembuatan='86400'",
        ),
        pytest.param(
            ("unit",),
            [],
            no,
            marks=pytest.mark.xfail(
                strict=True, reason="`unit` is required where organisasi.yaml prints its row: only the loader sees it"
            ),
            id="unit=[]",
        ),
        pytest.param(
            ("revisi",),
            [{"ke": 1.0, "tanggal": "2021-03-01"}],
            no,
            marks=pytest.mark.xfail(strict=True, reason="JSON cannot tell 1.0 from 1; only the loader refuses it"),
            id="revisi-ke=1.0",
        ),
    ]
    return [pytest.param(*case, id=_case_id(*case)) for case in cases] + known


def _case_id(where: tuple[Any, ...], value: Any, accepted: bool) -> str:
    shown = "<tidak ditulis>" if value is ABSENT else repr(value)
    return f"{'.'.join(map(str, where))}={shown}"


@pytest.mark.parametrize(("where", "value", "accepted"), _value_cases())
def test_the_loader_and_the_schema_agree(folder, where, value, accepted):
    data = _set(as_editor_reads(VALID), where, value)
    path = folder(json.dumps(data, ensure_ascii=False))  # JSON is YAML: both read the same values
    assert (loads(path), not problems(sop_schema(), data)) == (accepted, accepted)


@pytest.mark.parametrize(
    ("key", "value", "accepted"),
    [
        ("instansi", ["KEMENTERIAN CONTOH", "REPUBLIK INDONESIA"], True),
        ("instansi", [], False),
        ("instansi", [""], False),
        ("instansi", "KEMENTERIAN CONTOH", False),
        ("instansi", None, False),
        ("instansi", ABSENT, False),
        ("logo", None, True),
        ("logo", "", True),
        ("logo", 5, False),
        ("kertas", "Legal", True),
        ("kertas", ABSENT, True),
        ("kertas", "A3", False),
        ("kertas", None, False),
        ("warna", "merah", False),
    ],
)
def test_the_loader_and_the_schema_agree_on_an_organisation_profile(tmp_path, key, value, accepted):
    data = _set({"instansi": ["KEMENTERIAN CONTOH"], "kertas": "F4", "logo": None}, (key,), value)
    (tmp_path / "organisasi.yaml").write_text(json.dumps(data), encoding="utf-8")
    try:
        load_organisation(tmp_path)
        loaded = True
    except UserError:
        loaded = False
    assert (loaded, not problems(organisasi_schema(), data)) == (accepted, accepted)


PATTERN_CASES = [
    (where[-1], value)
    for where, value, _ in (case.values for case in _value_cases())
    if where[-1] == "tanggal_pembuatan" and isinstance(value, str)
]


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js, which runs the YAML extension, is not installed")
def test_the_editor_reads_the_patterns_as_python_does():
    """The YAML extension runs the patterns as JavaScript regular expressions (flag `u`)."""
    patterns = {"tanggal_pembuatan": schema_module.DATE_PATTERN}
    pairs = [(patterns[key], value) for key, value in PATTERN_CASES]
    script = "const p = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
    script += "console.log(JSON.stringify(p.map(([re, v]) => new RegExp(re, 'u').test(v))));"
    done = subprocess.run(["node", "-e", script], input=json.dumps(pairs), capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [bool(re.search(pattern, value)) for pattern, value in pairs]
    assert len(pairs) > 50


def test_the_patterns_read_whitespace_as_python_does():
    """`waktu` is read with Python's `\\s`; the schema spells that out for the editor's JavaScript."""
    spelt = re.compile(schema_module.WHITESPACE)
    differ = [hex(c) for c in range(sys.maxunicode + 1) if bool(re.match(r"\s", chr(c))) != bool(spelt.match(chr(c)))]
    assert differ == []


# -- What the editor shows --------------------------------------------------------------------------


def _subschemas(schema: Any, where: str = "#") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(schema, dict):
        found.append((where, schema))
        for key, value in schema.items():
            if key not in ("examples", "default", "defaultSnippets", "enum"):
                found += _subschemas(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found += _subschemas(value, f"{where}/{index}")
    return found


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [("#", schema)] + [(f"#/$defs/{name}", value) for name, value in schema.get("$defs", {}).items()]


SCHEMAS = {"sop": sop_schema, "organisasi": organisasi_schema}


@pytest.mark.parametrize("name", SCHEMAS)
def test_completion_never_inserts_null(name):
    """No default that is nothing (YAML reads an inserted "" or [] as null too), and null only where
    completion does not look: an `if`. The YAML extension offers each type of `type` and of the
    branches of `anyOf`, `oneOf` and `allOf`."""
    for where, schema in _subschemas(SCHEMAS[name]()):
        assert schema.get("default", 0) not in (None, "", []), where
        kinds = schema.get("type", [])
        assert "null" not in (kinds if isinstance(kinds, list) else [kinds]) or where.endswith("/if"), where
        assert schema.get("const", 0) is not None, where
        assert None not in schema.get("enum", []), where


ENGLISH = {"the", "of", "is", "are", "one", "which", "where", "makes", "step", "its", "with", "shared", "every"}
INDONESIAN = {"yang", "dan", "atau", "di", "ke", "dari", "untuk", "dengan", "ini", "bila", "satu", "setiap", "sebagai"}
INDONESIAN |= {"ditulis", "langkah", "opsional", "nomor", "nama", "tanggal", "hasil", "uraian", "sop"}


def _indonesian(text: str) -> bool:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & INDONESIAN) and not words & ENGLISH


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_is_explained_in_indonesian_with_examples(name):
    schema = SCHEMAS[name]()
    validator = Draft202012Validator(schema)
    for where, obj in _objects(schema):
        class_name = where.rsplit("/", 1)[-1]
        assert obj["title"] != class_name and _indonesian(obj["description"]), where
        for key, field in obj["properties"].items():
            assert field.get("title") and _indonesian(field["title"] + " " + field["description"]), (where, key)
            assert field["markdownDescription"] == field["description"]
            assert field["examples"], (where, key)
            for example in field["examples"]:  # each example is a value the schema accepts
                errors = validator.evolve(schema={**field, "$defs": schema.get("$defs", {})}).iter_errors(example)
                assert not list(errors), (where, key, example)


def test_steps_offer_snippets_that_write_valid_steps():
    schema = sop_schema()
    snippets = schema["$defs"]["Langkah"]["defaultSnippets"]
    assert [s["label"] for s in snippets] == ["Langkah", "Langkah keputusan", "Langkah bersama"]
    for snippet in snippets:
        assert _indonesian(snippet["description"])
        step = json.loads(re.sub(r"\$\{\d+:([^}]*)\}", r"\1", json.dumps(snippet["body"])))  # placeholders kept
        data = _set(as_editor_reads(VALID), ("langkah", 0), step)
        assert problems(schema, data) == [], snippet["label"]
    decision, joint = snippets[1]["body"], snippets[2]["body"]
    assert "keputusan" in decision and isinstance(joint["pelaksana"], list) and len(joint["pelaksana"]) > 1


def test_indonesian_messages_for_what_people_get_wrong():
    properties = sop_schema()["properties"]
    step = sop_schema()["$defs"]["Langkah"]["properties"]
    assert "TTTT-BB-HH" in properties["tanggal_pembuatan"]["errorMessage"]
    assert "1x24 jam" in step["waktu"]["else"]["errorMessage"]
    assert "tanda kutip" in sop_schema()["$defs"]["Pengesah"]["properties"]["nip"]["errorMessage"]
    assert properties["jenis"]["else"]["errorMessage"] == "pilih salah satu: makro atau mikro"
