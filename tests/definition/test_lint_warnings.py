"""Warnings where the sheet would print something the user did not mean: Word's curly quotes taken for
YAML quotes, text cut by ` #`, branch targets written as step numbers, dates and revision numbers
out of order, a NIP that is not 18 digits, and a joint step across lanes that take no part."""

from __future__ import annotations

from pathlib import Path

from conftest import shipped

from sopgen.definition import lint
from sopgen.definition.loader import load_sop
from sopgen.definition.source import read
from sopgen.templating import render

CLEAN = """\
nomor: X.01
judul: Contoh
unit: [Biro Contoh]
tanggal_pembuatan: 2020-01-15
tanggal_efektif: 2020-02-01
revisi:
  - {ke: 1, tanggal: 2020-06-01, catatan: Penyesuaian pelaksana}
  - {ke: 2, tanggal: 2021-03-01, catatan: Penambahan langkah}
disahkan_oleh: {jabatan: Kepala Biro, nama: Budi, nip: "19600101 198503 1 001"}
dasar_hukum:
  - “Pedoman” dan “Petunjuk Teknis” tata naskah dinas
  - Rapat hari Jum’at
pelaksana:
  a: Pejabat A
  b: Pejabat B
  c: Pejabat C
langkah:
  - kegiatan: Memulai rapat “koordinasi” awal   # catatan: kutip lengkung di tengah teks tidak apa-apa
    id: mulai
    pelaksana: a
    waktu: 10 menit             # N menit | N jam | N hari
    output: Arahan
  - kegiatan: Membahas usulan unit bersama seluruh pejabat pelaksana terkait
    pelaksana: [b, c]
    kelengkapan: Arahan
    waktu: 1 jam
    output: "Usulan #1"
    keterangan: berkas nomor#1 dan nomor#2
  - kegiatan: Memeriksa usulan
    pelaksana: b
    kelengkapan: "Usulan #1"
    waktu: 1 jam
    output: Hasil
    keputusan: {tidak: mulai}
  - kegiatan: Menyelesaikan
    pelaksana: a
    kelengkapan: Hasil
    waktu: 1 hari
    output: Selesai
"""
"""A definition with every flaw's look-alike that is fine: prose with curly quotes, real comments,
`#` inside quoted text or without a space before it, ordered dates, an 18-digit NIP with spaces,
a joint step on adjacent lanes, a branch to an id."""


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the one place `needle` is written, plus `offset` columns."""
    assert text.count(needle) == 1, needle
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1 + offset


def warnings_of(path: Path) -> list[tuple[int | None, int | None, str]]:
    loaded = load_sop(path)
    assert all(w.severity == "warning" and w.path == path for w in loaded.warnings)
    return [(w.line, w.column, w.message) for w in loaded.warnings]


def advice_of(path: Path) -> list[tuple[int | None, int | None, str]]:
    """What `sopgen check` adds to the warnings every command shows."""
    return [(w.line, w.column, w.message) for w in load_sop(path).advice]


NEW_RULES = ("tanda kutip", "dianggap komentar", "lebih awal daripada", "nomor revisi", "NIP")


# A clean definition


def test_a_clean_definition_gets_none_of_these_warnings(folder):
    path = folder(CLEAN)
    assert warnings_of(path) == []
    sop = load_sop(path).document.sop
    assert sop.langkah[1].output == "Usulan #1" and sop.langkah[1].keterangan == "berkas nomor#1 dan nomor#2"


def test_a_clean_definition_read_by_ruamel_gets_none_either(folder):
    text = edit(CLEAN, "    output: Hasil\n", "    output: &hasil Hasil\n")
    text = edit(text, "    kelengkapan: Hasil\n", "    kelengkapan: *hasil\n")  # an alias: the slow path reads it
    assert warnings_of(folder(text)) == []


def test_the_shipped_definitions_get_no_new_warning_but_numbered_targets():
    for path in shipped():
        flagged = [
            w.message
            for w in load_sop(path).warnings
            if any(rule in w.message for rule in NEW_RULES) and "tujuan cabang" not in w.message
        ]
        assert flagged == [], path.name


def test_the_comments_of_the_new_definition_template_are_comments(tmp_path):
    path = tmp_path / "baru.yaml"
    path.write_text(render("sop-baru.yaml.j2", judul="Contoh #1", jenis="makro", hari_ini="2020-01-15"))
    source = read(path)  # not a valid SOP yet (empty fields), but its comments are already there
    assert lint.comment_warnings(source, path.read_text()) == []
    assert lint.quote_warnings(source) == []


# 1. Word's curly quotes taken for YAML quotes


def test_a_nip_in_curly_quotes_warns_once_with_the_straight_quoted_nip(folder):
    text = edit(CLEAN, 'nip: "19600101 198503 1 001"', "nip: “196001011985031001”")
    assert warnings_of(folder(text)) == [
        (
            *at(text, "“196001011985031001”"),
            "NIP memuat tanda kutip (“ ”) yang ikut tercetak sebagai `NIP. “196001011985031001”`; "
            'tulis NIP dalam tanda kutip lurus saja: `nip: "196001011985031001"`',
        )
    ]


def test_a_nip_holding_a_straight_quote_warns_and_keeps_its_spaces_in_the_fix(folder):
    text = edit(CLEAN, 'nip: "19600101 198503 1 001"', "nip: '\"19600101 198503 1 001\"'")
    assert warnings_of(folder(text)) == [
        (
            *at(text, "'\"19600101 198503 1 001\"'"),
            'NIP memuat tanda kutip (") yang ikut tercetak sebagai `NIP. "19600101 198503 1 001"`; '
            'tulis NIP dalam tanda kutip lurus saja: `nip: "19600101 198503 1 001"`',
        )
    ]


def test_a_value_wrapped_in_curly_quotes_warns_at_its_first_quote(folder):
    text = edit(CLEAN, "  - kegiatan: Memeriksa usulan\n", "  - kegiatan: “Memeriksa usulan”\n")
    text = edit(text, "unit: [Biro Contoh]", "unit: [‘Biro Contoh’]")
    path = folder(text)
    assert warnings_of(path) == [
        (
            *at(text, "‘Biro Contoh’"),
            "teks diapit tanda kutip lengkung (‘ ’) dari Word, yang ikut tercetak di lembar; "
            'gunakan tanda kutip lurus `"` atau tanpa tanda kutip',
        ),
        (
            *at(text, "“Memeriksa usulan”"),
            "teks diapit tanda kutip lengkung (“ ”) dari Word, yang ikut tercetak di lembar; "
            'gunakan tanda kutip lurus `"` atau tanpa tanda kutip',
        ),
    ]
    assert load_sop(path).document.sop.langkah[2].kegiatan == "“Memeriksa usulan”"


def test_a_curly_quoted_line_of_the_organisation_file_warns_there(folder):
    path = folder(CLEAN)
    organisation = folder.path / "organisasi.yaml"
    organisation.write_text("instansi:\n  - KEMENTERIAN CONTOH\n  - “BIRO UMUM”\nkertas: F4\n", encoding="utf-8")
    [warning] = load_sop(path).warnings
    assert (warning.path, warning.line, warning.column, warning.severity) == (organisation, 3, 5, "warning")
    assert warning.message.startswith("teks diapit tanda kutip lengkung (“ ”) dari Word")


# 2. Text cut by ` #`


def test_text_after_a_hash_is_reported_at_the_hash_with_the_quoted_text(folder):
    text = edit(CLEAN, "    kelengkapan: Arahan\n", "    kelengkapan: Arahan #1 dan #2\n")
    path = folder(text)
    assert warnings_of(path) == [
        (
            *at(text, "#1 dan #2"),
            "teks setelah ` #` dianggap komentar dan tidak dicetak (`#1 dan #2` hilang); "
            'beri tanda kutip pada seluruh teks: `"Arahan #1 dan #2"`',
        )
    ]
    assert load_sop(path).document.sop.langkah[1].kelengkapan == "Arahan"


def test_text_holding_a_double_quote_is_suggested_in_single_quotes(folder):
    text = edit(CLEAN, "    output: Selesai\n", '    output: Foto 10" x 15" #3\n')
    assert warnings_of(folder(text)) == [
        (
            *at(text, "#3"),
            "teks setelah ` #` dianggap komentar dan tidak dicetak (`#3` hilang); "
            "beri tanda kutip pada seluruh teks: `'Foto 10\" x 15\" #3'`",
        )
    ]


def test_the_cut_on_the_last_line_of_a_text_written_over_two_lines(folder):
    text = edit(CLEAN, "    output: Selesai\n", "    output: Selesai dan diarsipkan\n      di lemari #2 dan #3\n")
    path = folder(text)
    assert warnings_of(path) == [
        (
            *at(text, "#2 dan #3"),
            "teks setelah ` #` dianggap komentar dan tidak dicetak (`#2 dan #3` hilang); "
            "beri tanda kutip pada seluruh teks",
        )
    ]
    assert load_sop(path).document.sop.langkah[3].output == "Selesai dan diarsipkan di lemari"


def test_the_cut_is_found_when_ruamel_reads_the_file(folder):
    text = edit(CLEAN, "    output: Hasil\n", "    output: &hasil Hasil\n")
    text = edit(text, "    kelengkapan: Hasil\n", "    kelengkapan: *hasil\n")
    text = edit(text, "    output: Selesai\n", "    output: Selesai #4\n")
    assert [(line, column) for line, column, _ in warnings_of(folder(text))] == [at(text, "#4")]


def test_a_comment_with_a_space_after_the_hash_is_a_comment(folder):
    text = edit(CLEAN, "    output: Selesai\n", "    output: Selesai # 4 rangkap, lihat #5\n")
    path = folder(text)
    assert warnings_of(path) == []
    assert load_sop(path).document.sop.langkah[3].output == "Selesai"


def test_a_cut_line_of_the_organisation_file_warns_there(folder):
    path = folder(CLEAN)
    organisation = folder.path / "organisasi.yaml"
    organisation.write_text(
        "instansi:\n  - KEMENTERIAN CONTOH   # koma di sini aman\n  - DEPUTI #2\nkertas: F4   # F4 | A4\n",
        encoding="utf-8",
    )
    assert [(w.path, w.line, w.column, w.message) for w in load_sop(path).warnings] == [
        (
            organisation,
            3,
            12,
            "teks setelah ` #` dianggap komentar dan tidak dicetak (`#2` hilang); "
            'beri tanda kutip pada seluruh teks: `"DEPUTI #2"`',
        )
    ]


def test_the_text_as_loaded_is_used_even_if_the_file_changed_since(folder):
    text = edit(CLEAN, "    output: Selesai\n", "    output: Selesai #4\n")
    path = folder(text)
    loaded = load_sop(path)
    source = read(path)
    path.write_text("# diubah sesudah dibaca\n" + text, encoding="utf-8")  # every line moved down by one
    [warning] = [w for w in lint.check(loaded.document, source) if "komentar" in w.message]
    assert (warning.line, warning.column) == at(text, "#4")


# 3. Branch targets written as step numbers


def test_a_numbered_target_without_an_id_suggests_one(folder):
    text = edit(CLEAN, "keputusan: {tidak: mulai}", "keputusan: {tidak: 2}")
    assert not [w for w in warnings_of(folder(text)) if "tujuan cabang" in w[2]]  # advice of check only
    assert advice_of(folder(text)) == [
        (
            *at(text, "2}"),
            "langkah 3: tujuan cabang 2 (`Membahas usulan unit bersama seluruh ...`) ditulis dengan nomor; "
            "bila langkah disisipkan, nomor ini tidak ikut berubah. Beri langkah 2 sebuah `id` dan tulis "
            "`tidak: <id>`",
        )
    ]


def test_a_numbered_target_that_has_an_id_names_it_and_each_target_warns_once(folder):
    text = edit(CLEAN, "keputusan: {tidak: mulai}", "keputusan: {tidak: 1, ya: 4}")
    assert advice_of(folder(text)) == [
        (
            *at(text, "1, ya"),
            "langkah 3: tujuan cabang 1 (`Memulai rapat “koordinasi” awal`) ditulis dengan nomor; bila langkah "
            "disisipkan, nomor ini tidak ikut berubah. Tulis `tidak: mulai` (id langkah 1)",
        ),
        (
            *at(text, "4}"),
            "langkah 3: tujuan cabang 4 (`Menyelesaikan`) ditulis dengan nomor; bila langkah disisipkan, nomor ini "
            "tidak ikut berubah. Beri langkah 4 sebuah `id` dan tulis `ya: <id>`",
        ),
    ]


# 4. Dates and revision numbers out of order


def test_an_effective_date_before_the_date_of_making(folder):
    text = edit(CLEAN, "tanggal_efektif: 2020-02-01", "tanggal_efektif: 2019-12-31")
    assert warnings_of(folder(text)) == [
        (
            *at(text, "2019-12-31"),
            "`tanggal_efektif` (2019-12-31) lebih awal daripada `tanggal_pembuatan` (2020-01-15); SOP tidak berlaku "
            "sebelum dibuat, periksa kedua tanggal",
        )
    ]


def test_a_revision_before_the_date_of_making(folder):
    text = edit(CLEAN, "tanggal: 2020-06-01", "tanggal: 2019-06-01")
    assert warnings_of(folder(text)) == [
        (
            *at(text, "2019-06-01"),
            "revisi ke-1 bertanggal 2019-06-01, lebih awal daripada `tanggal_pembuatan` (2020-01-15); "
            "periksa tanggalnya",
        )
    ]


def test_a_revision_before_the_previous_one(folder):
    text = edit(CLEAN, "tanggal: 2021-03-01", "tanggal: 2020-05-01")
    assert warnings_of(folder(text)) == [
        (
            *at(text, "2020-05-01"),
            "revisi ke-2 bertanggal 2020-05-01, lebih awal daripada revisi sebelumnya (ke-1, 2020-06-01); revisi "
            "ditulis urut dari yang terlama, karena yang terakhir dalam daftar yang dicetak",
        )
    ]


def test_revision_numbers_that_skip(folder):
    text = edit(CLEAN, "{ke: 2,", "{ke: 3,")
    assert warnings_of(folder(text)) == [
        (*at(text, "3, tanggal"), "revisi ke-3 menyusul revisi ke-1; nomor revisi naik satu per satu, seharusnya ke-2")
    ]


def test_revisions_listed_out_of_order_warn_at_the_number_and_the_date_in_file_order(folder):
    text = edit(
        CLEAN,
        "  - {ke: 1, tanggal: 2020-06-01, catatan: Penyesuaian pelaksana}\n"
        "  - {ke: 2, tanggal: 2021-03-01, catatan: Penambahan langkah}\n",
        "  - {ke: 2, tanggal: 2021-03-01, catatan: Penambahan langkah}\n"
        "  - {ke: 1, tanggal: 2020-06-01, catatan: Penyesuaian pelaksana}\n",
    )
    assert warnings_of(folder(text)) == [
        (*at(text, "1, tanggal"), "revisi ke-1 menyusul revisi ke-2; nomor revisi naik satu per satu, seharusnya ke-3"),
        (
            *at(text, "2020-06-01"),
            "revisi ke-1 bertanggal 2020-06-01, lebih awal daripada revisi sebelumnya (ke-2, 2021-03-01); revisi "
            "ditulis urut dari yang terlama, karena yang terakhir dalam daftar yang dicetak",
        ),
    ]


# 5. A NIP that is not 18 digits


def test_a_nip_of_17_digits(folder):
    text = edit(CLEAN, 'nip: "19600101 198503 1 001"', 'nip: "19600101 198503 1 01"')
    assert warnings_of(folder(text)) == [
        (
            *at(text, '"19600101 198503 1 01"'),
            "NIP `19600101 198503 1 01` terdiri atas 17 angka; NIP pegawai negeri sipil terdiri atas 18 angka "
            "(spasi boleh), periksa angka yang kurang atau berlebih",
        )
    ]


def test_a_nip_with_other_characters(folder):
    text = edit(CLEAN, 'nip: "19600101 198503 1 001"', 'nip: "NIP. 196001011985031001"')
    assert warnings_of(folder(text)) == [
        (
            *at(text, '"NIP. 196001011985031001"'),
            "NIP `NIP. 196001011985031001` memuat karakter selain angka; NIP pegawai negeri sipil terdiri atas 18 "
            "angka (spasi boleh), periksa angka yang kurang atau berlebih",
        )
    ]


def test_no_nip_is_no_warning(folder):
    assert warnings_of(folder(edit(CLEAN, ', nip: "19600101 198503 1 001"', ""))) == []


# 6. A joint step of lanes that are not side by side is drawn as a symbol in each (no warning)


def test_a_joint_step_on_lanes_that_are_not_side_by_side_is_no_warning(folder):
    text = edit(CLEAN, "    pelaksana: [b, c]\n", "    pelaksana: [c, a]\n")
    assert warnings_of(folder(text)) == []
