"""Loader: every error kind reported with file, line and an Indonesian message."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, shipped

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError


def errors_of(path: Path) -> list[tuple[int | None, str]]:
    with pytest.raises(UserError) as caught:
        load_sop(path)
    for d in caught.value.diagnostics:
        assert d.path == path
    return [(d.line, d.message) for d in caught.value.diagnostics]


def test_shipped_definitions_load_with_the_known_source_flaw_only():
    warnings = {p.name: load_sop(p).warnings for p in shipped()}
    assert len(warnings) == 5
    flagged = [(name, w.line, w.message) for name, ws in warnings.items() for w in ws]
    assert flagged == [("penyusunan-iku.yaml", 97, "langkah 10: `waktu` belum diisi")]


def test_yaml_syntax_error_points_at_the_line(folder):
    path = folder('nomor: X\njudul: "tidak ditutup\nunit: [A]\n')
    [(line, message)] = errors_of(path)
    assert line == 2 and "tanda kutip tidak ditutup" in message


def test_tab_indentation(folder):
    path = folder("nomor: X\nunit:\n\t- A\n")
    [(line, message)] = errors_of(path)
    assert line == 3 and "TAB" in message


def test_misspelt_key_suggests_the_close_one(folder):
    path = folder(VALID.replace("judul:", "juduul:"))
    found = errors_of(path)
    assert (2, "kunci `juduul` tidak dikenal; maksudnya `judul`?") in found
    assert (1, "kolom wajib `judul` belum diisi") in found


def test_missing_required_field_in_nested_mapping(folder):
    path = folder(VALID.replace("nama: Budi, ", ""))
    assert errors_of(path) == [(5, "kolom wajib `nama` belum diisi (disahkan_oleh)")]


def test_wrong_type_list_where_text_expected(folder):
    path = folder(VALID.replace("kegiatan: Memulai", "kegiatan: [Memulai]"))
    assert errors_of(path) == [(10, "langkah 1, kegiatan: harus berupa satu teks, bukan daftar")]


def test_number_as_nip_is_refused_because_its_zero_would_be_lost(folder):
    path = folder(VALID.replace('nip: "019600101198503100"', "nip: 196001011985031001"))
    [(line, message)] = errors_of(path)
    assert line == 5 and "tanda kutip" in message


def test_impossible_date(folder):
    path = folder(VALID.replace("2020-01-15", "2020-02-30"))
    [(line, message)] = errors_of(path)
    assert line == 4 and "`2020-02-30` bukan tanggal yang sah" in message


def waktu_warnings_of(path: Path) -> list[tuple[int | None, str]]:
    return [(w.line, w.message) for w in load_sop(path).warnings if "waktu" in w.message]


def test_unparseable_waktu_is_printed_and_warned_not_refused(folder):
    path = folder(VALID.replace("waktu: 1 jam", "waktu: sebentar"))
    [(line, message)] = waktu_warnings_of(path)
    assert line == 17 and message.startswith("langkah 2: waktu `sebentar` tidak dapat dihitung")
    assert "tidak ikut dijumlahkan" in message
    assert str(load_sop(path).document.sop.langkah[1].waktu) == "sebentar"


def test_negative_waktu_is_warned(folder):
    path = folder(VALID.replace("waktu: 1 jam", "waktu: -5 menit"))
    [(line, message)] = waktu_warnings_of(path)
    assert line == 17 and "tidak dapat dihitung" in message


def test_step_actor_that_is_not_a_lane(folder):
    path = folder(VALID.replace("pelaksana: b\n", "pelaksana: bb\n"))
    assert errors_of(path) == [(15, "langkah 2: pelaksana `bb` tidak ada dalam daftar `pelaksana`; maksudnya `b`?")]


def test_branch_to_missing_step(folder):
    path = folder(VALID.replace("keputusan: {tidak: 1}", "keputusan: {tidak: 9}"))
    assert errors_of(path) == [(19, "langkah 2: tujuan cabang 9 tidak ada; nomor langkah 1 sampai 3")]


def test_branch_to_itself(folder):
    path = folder(VALID.replace("keputusan: {tidak: 1}", "keputusan: {tidak: 2}"))
    assert errors_of(path) == [(19, "langkah 2: cabang tidak boleh menuju langkah itu sendiri")]


def test_duplicate_ids(folder):
    text = VALID.replace("    waktu: 10 menit\n", "    id: x\n    waktu: 10 menit\n")
    text = text.replace("    waktu: 1 hari\n", "    id: x\n    waktu: 1 hari\n")
    found = errors_of(folder(text))
    assert found == [(24, "id `x` sudah dipakai oleh langkah 1; id harus unik")]


def test_duplicate_keys(folder):
    path = folder(VALID.replace("judul: Contoh\n", "judul: Contoh\njudul: Lagi\n"))
    [(line, message)] = errors_of(path)
    assert line == 3 and "`judul` ditulis dua kali" in message


def test_sop_without_steps(folder):
    head = VALID.split("langkah:")[0]
    path = folder(head + "langkah: []\n")
    assert errors_of(path) == [(9, "SOP belum memiliki langkah; isi `langkah` dengan paling sedikit satu langkah")]


def test_unknown_paper(folder):
    path = folder(VALID + "kertas: B5\n")
    [(line, message)] = errors_of(path)
    assert line == 25 and "`B5` tidak dikenal" in message


def test_every_problem_is_reported_at_once(folder):
    text = VALID.replace("judul:", "judull:").replace("2020-01-15", "kemarin").replace("waktu: 1 jam", "waktu: 60")
    assert len(errors_of(folder(text))) == 4


def test_warnings_for_real_data_flaws(folder):
    text = VALID.replace("    waktu: 10 menit\n", "").replace("kelengkapan: Hasil", "kelengkapan: Lain")
    text = text.replace("  b: Pejabat B\n", "  b: Pejabat B\n  c: Pejabat C\n")
    warnings = [(w.line, w.message) for w in load_sop(folder(text)).warnings]
    assert warnings == [
        (11, "langkah 1: `waktu` belum diisi"),
        (22, "langkah 3: `kelengkapan` berbeda dengan `output` langkah 2"),
        (9, "pelaksana `c` tidak dipakai oleh langkah mana pun"),
    ]


def test_bom_and_windows_line_endings_just_work(folder):
    path = folder("x")
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    assert load_sop(path).document.sop.judul == "Contoh"


def test_windows_1252_file_is_refused_with_its_line(folder):
    path = folder("x")
    path.write_bytes(VALID.replace("Contoh", "Caf\xe9").encode("cp1252"))
    assert errors_of(path) == [
        (2, "berkas tidak tersimpan sebagai UTF-8 (mungkin Windows-1252); simpan ulang dengan pengodean UTF-8")
    ]


def test_object_tags_are_refused(folder):
    path = folder(VALID.replace("judul: Contoh", "judul: !!python/object/apply:os.system [ls]"))
    [(line, message)] = errors_of(path)
    assert line == 2 and "tidak diizinkan" in message
