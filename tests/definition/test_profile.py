"""The sheet profile (`lembar`) in organisasi.yaml and in an SOP: validated, merged, and its warnings."""

from __future__ import annotations

import pytest
from conftest import VALID

from sopgen.definition.loader import load_organisation, load_sop
from sopgen.definition.model import Lembar, Sop
from sopgen.errors import UserError

ORG = "instansi: [PEMERINTAH CONTOH]\nkertas: F4\n"


def with_profile(folder, profile: str, sop: str = VALID):
    (folder.path / "organisasi.yaml").write_text(ORG + profile, encoding="utf-8")
    return folder(sop)


def errors_of(path) -> list[tuple[str, int | None, str]]:
    with pytest.raises(UserError) as caught:
        load_sop(path)
    return [(d.path.name if d.path else "", d.line, d.message) for d in caught.value.diagnostics]


def test_no_profile_is_the_sheet_of_today(folder):
    lembar = load_sop(folder(VALID)).document.lembar
    assert lembar == Lembar()
    assert lembar.labels.judul_sop == "Judul SOP" and lembar.labels.keterangan == "Ket."
    assert lembar.columns.keterangan and not lembar.columns.nomor_kolom and lembar.columns.shares() is None
    assert lembar.head.susunan == "dua_kolom" and lembar.head.kotak_revisi and lembar.head.baris_unit
    assert lembar.tanda_tangan is None and lembar.peringatan_kelengkapan and lembar.nama_hari


def test_the_sops_own_lembar_is_merged_over_the_profile_key_by_key(folder):
    profile = (
        "lembar:\n  label: {judul_sop: Nama SOP, kegiatan: Aktivitas}\n  kolom: {nomor_kolom: true}\n"
        "  tanda_tangan: {tempat: Semarang}\n"
    )
    own = "lembar:\n  label: {kegiatan: Uraian Kegiatan}\n  kolom: {keterangan: tidak}\n"
    lembar = load_sop(with_profile(folder, profile, VALID + own)).document.lembar
    assert lembar.labels.judul_sop == "Nama SOP" and lembar.labels.kegiatan == "Uraian Kegiatan"
    assert lembar.columns.nomor_kolom and not lembar.columns.keterangan
    assert lembar.tanda_tangan is not None and lembar.tanda_tangan.tempat == "Semarang"
    off = load_sop(with_profile(folder, profile, VALID + "lembar: {tanda_tangan: false}\n")).document.lembar
    assert off.tanda_tangan is None and off.labels.judul_sop == "Nama SOP"


@pytest.mark.parametrize("written", ["true", "ya", "{}"])
def test_a_signature_block_is_asked_for_with_true_ya_or_a_mapping(folder, written):
    lembar = load_sop(with_profile(folder, f"lembar: {{tanda_tangan: {written}}}\n")).document.lembar
    assert lembar.tanda_tangan is not None and lembar.tanda_tangan.tempat == ""


@pytest.mark.parametrize(
    ("profile", "line", "message"),
    [
        ("lembar:\n  kolom: {keterangn: false}\n", 4, "kunci `keterangn` tidak dikenal; maksudnya `keterangan`?"),
        ("lembar:\n  lable: {}\n", 4, "kunci `lable` tidak dikenal; maksudnya `label`?"),
        ("lembar:\n  label: {kegiatn: Aktivitas}\n", 4, "kunci `kegiatn` tidak dikenal; maksudnya `kegiatan`?"),
        ("lembar:\n  kepala: {susunan: tiga}\n", 4, "pilih salah satu dari 'dua_kolom' atau 'tiga_kolom'"),
        ("lembar:\n  kepala: {kotak_revisi: mungkin}\n", 4, "harus berupa ya/tidak (true/false)"),
        ("lembar:\n  kolom: {lebar: {kegiatan: 0}}\n", 4, "lembar, kolom, lebar, kegiatan: harus lebih dari 0"),
        ("lembar:\n  kolom: {lebar: {kegiatan: '30'}}\n", 4, "harus berupa angka, misalnya 30"),
        ("lembar:\n  label: {kegiatan: ''}\n", 4, "lembar, label, kegiatan: tidak boleh kosong"),
        ("lembar:\n  label: {halaman: 'Halaman {halaman}'}\n", 4, "tulis `{halaman}` (nomor halaman) lalu `{jumlah}`"),
        ("lembar:\n  jenis_bawaan: makro\n  jenis_bawaan: tanpa\n", 5, "`jenis_bawaan` ditulis dua kali"),
    ],
)
def test_a_wrong_profile_key_or_value_is_an_indonesian_error_at_its_line(folder, profile, line, message):
    found = errors_of(with_profile(folder, profile))
    assert any(name == "organisasi.yaml" and at == line and message in text for name, at, text in found), found


def test_an_unknown_key_in_the_sops_own_lembar_is_an_error_with_a_hint(folder):
    found = errors_of(folder(VALID + "lembar:\n  tanda_tanga: true\n"))
    assert found == [("sop.yaml", 26, "kunci `tanda_tanga` tidak dikenal; maksudnya `tanda_tangan`?")]


def test_unit_is_required_only_where_its_row_is_printed(folder):
    without_unit = VALID.replace("unit: [Biro Contoh]\n", "")
    assert errors_of(folder(without_unit)) == [("sop.yaml", 1, "kolom wajib `unit` belum diisi")]
    assert errors_of(folder(VALID.replace("unit: [Biro Contoh]", "unit: []"))) == [
        ("sop.yaml", 3, "unit: tidak boleh kosong")
    ]
    loaded = load_sop(with_profile(folder, "lembar: {kepala: {baris_unit: false}}\n", without_unit))
    assert loaded.document.sop.unit == []
    own = load_sop(folder(without_unit + "lembar: {kepala: {baris_unit: false}}\n"))
    assert own.document.sop.unit == []


def test_a_missing_unit_is_reported_with_the_other_errors(folder):
    text = VALID.replace("unit: [Biro Contoh]\n", "").replace("judul: Contoh\n", "")
    found = errors_of(folder(text))
    assert ("sop.yaml", 1, "kolom wajib `judul` belum diisi") in found
    assert ("sop.yaml", 1, "kolom wajib `unit` belum diisi") in found


def test_a_missing_jenis_is_the_profiles_jenis_bawaan(folder):
    assert load_sop(folder(VALID)).document.sop.jenis == "makro"
    sop = load_sop(with_profile(folder, "lembar: {jenis_bawaan: tanpa}\n")).document.sop
    assert sop.jenis is None and sop.flow_title == "SOP Contoh"
    sop = load_sop(with_profile(folder, "lembar: {jenis_bawaan: tanpa}\n", VALID + "jenis: mikro\n")).document.sop
    assert sop.jenis == "mikro" and sop.flow_title == "SOP Mikro Contoh"


@pytest.mark.parametrize(
    ("judul", "jenis", "title"),
    [
        ("Permohonan Informasi", "makro", "SOP Makro Permohonan Informasi"),
        ("Permohonan Informasi", None, "SOP Permohonan Informasi"),
        ("SOP Permohonan Informasi", None, "SOP Permohonan Informasi"),
        ("SOP Permohonan Informasi", "makro", "SOP Makro Permohonan Informasi"),
        ("SOP Makro Permohonan Informasi", "makro", "SOP Makro Permohonan Informasi"),
        ("SOP Mikro Penyiapan Bahan", "mikro", "SOP Mikro Penyiapan Bahan"),
        ("SOPAN Santun Pelayanan", None, "SOP SOPAN Santun Pelayanan"),
    ],
)
def test_the_flowchart_title_never_says_sop_twice(judul, jenis, title):
    sop = Sop.model_validate(
        {
            "nomor": "X",
            "judul": judul,
            "jenis": jenis,
            "tanggal_pembuatan": "2020-01-15",
            "disahkan_oleh": {"jabatan": "Kepala", "nama": "Budi"},
            "pelaksana": {"a": "A"},
            "langkah": [{"kegiatan": "Memulai", "pelaksana": "a"}],
        }
    )
    assert sop.flow_title == title
    assert sop.model_copy(update={"judul_bagan": " 13. SOP Penerbitan Izin "}).flow_title == "13. SOP Penerbitan Izin"


def test_a_signatory_with_pangkat_or_with_no_nip(folder):
    text = VALID.replace(
        'disahkan_oleh: {jabatan: Kepala Biro, nama: Budi, nip: "019600101198503100"}',
        "disahkan_oleh: {jabatan: Gubernur, nama: Budi, pangkat: Pembina Utama}",
    )
    loaded = load_sop(folder(text))
    who = loaded.document.sop.disahkan_oleh
    assert who.pangkat == "Pembina Utama" and who.nip == ""
    assert not [w for w in loaded.warnings if "NIP" in w.message]


def test_text_the_profile_does_not_print_is_warned(folder):
    text = VALID.replace("    output: Hasil\n", "    output: Hasil\n    keterangan: Bila perlu\n")
    profile = "lembar: {kolom: {keterangan: false}, kepala: {baris_unit: false}}\n"
    warnings = [(w.line, w.message) for w in load_sop(with_profile(folder, profile, text)).warnings]
    assert (
        3,
        "`unit` tidak dicetak karena baris unit tidak ada di lembar ini (`lembar: kepala: baris_unit: false`); "
        "hapus `unit` atau tampilkan barisnya",
    ) in warnings
    assert any(line == 19 and message.startswith("langkah 2: `keterangan` tidak dicetak") for line, message in warnings)


def kelengkapan_warnings(folder, kelengkapan: str, profile: str = "") -> list[str]:
    text = VALID.replace("kelengkapan: Hasil", f"kelengkapan: {kelengkapan}")
    path = with_profile(folder, profile, text) if profile else folder(text)
    return [w.message for w in load_sop(path).warnings if "kelengkapan" in w.message]


def test_the_kelengkapan_warning_is_only_for_unrelated_texts(folder):
    assert kelengkapan_warnings(folder, "Hasil pemeriksaan") == []  # reworded: both say `hasil`
    assert kelengkapan_warnings(folder, "Surat undangan") == [
        "langkah 3: `kelengkapan` berbeda dengan `output` langkah 2"
    ]


def test_the_kelengkapan_warning_keeps_quiet_where_a_significant_word_is_shared(folder):
    text = VALID.replace("output: Hasil\n", "output: Konsep nota dinas terparaf\n").replace(
        "kelengkapan: Hasil", "kelengkapan: Nota dinas yang telah diparaf"
    )
    assert [w for w in load_sop(folder(text)).warnings if "kelengkapan" in w.message] == []


def test_the_profile_can_turn_the_kelengkapan_warning_off(folder):
    assert kelengkapan_warnings(folder, "Surat undangan", "lembar: {peringatan_kelengkapan: false}\n") == []


def test_labels_of_the_profile_are_checked_like_the_institution(tmp_path):
    (tmp_path / "organisasi.yaml").write_text(
        "instansi: [PEMERINTAH CONTOH]\nlembar:\n  label: {kegiatan: \u201cAktivitas\u201d}\n", encoding="utf-8"
    )
    [warning] = load_organisation(tmp_path).warnings
    assert warning.line == 3 and "tanda kutip lengkung" in warning.message
