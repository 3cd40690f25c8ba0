"""Where chains of actors, links between SOPs, month-only dates and the profile's default kind meet the
rest of sopgen: diff, status, the register, the library."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from conftest import VALID

from sopgen.book import collect, write_register
from sopgen.build import output_stems
from sopgen.diff import compare, load_files
from sopgen.errors import UserError
from sopgen.library import LINK_LINE, scan
from sopgen.pipeline import prepare
from sopgen.status import row

JOINT = VALID.replace("  - kegiatan: Memeriksa\n    pelaksana: b\n", "  - kegiatan: Memeriksa\n    pelaksana: [a, b]\n")
JOINT = JOINT.replace("    output: Hasil\n    keputusan: {tidak: 1}\n", "    output: Hasil\n")
CHAIN = JOINT.replace("    pelaksana: [a, b]\n", "    rangkaian:\n      - pelaksana: a\n      - pelaksana: b\n")
CHECKED = CHAIN.replace("      - pelaksana: a\n", "      - pelaksana: a\n        keputusan: {tidak: 1}\n")


def _changes(folder, before: str, after: str) -> list[str]:
    old, new = folder(before, "lama.yaml"), folder(after, "baru.yaml")
    first, second, _ = load_files(old, new)
    return [change.text for change in compare(first, second)]


def test_diff_tells_a_joint_step_becoming_a_chain_and_a_link_gaining_a_check(folder):
    assert any(
        "pelaksana berubah dari Pejabat A dan Pejabat B menjadi Pejabat A -> Pejabat B" in t
        for t in _changes(folder, JOINT, CHAIN)
    )
    assert any("mata rantai 1" in t for t in _changes(folder, CHAIN, CHECKED))


def test_diff_tells_a_date_becoming_month_only(folder):
    before = VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: 2020-01-01")
    after = VALID.replace("tanggal_pembuatan: 2020-01-15", "tanggal_pembuatan: Januari 2020")
    assert any("Januari 2020" in t for t in _changes(folder, before, after))


@pytest.mark.parametrize(
    "line", ["  - sop: X.02", "keterkaitan: [{sop: X.02}]", "  - {sop: X.02, teks: Lain}", '  - "sop": X.02']
)
def test_a_link_is_seen_however_it_is_written(line):
    assert LINK_LINE.search(line)


def test_a_link_in_flow_style_prints_the_linked_title(folder):
    folder(VALID.replace("X.01", "X.02").replace("judul: Contoh", "judul: Yang Ditaut"), "dua.yaml")
    linking = folder(VALID.replace("judul: Contoh", "judul: Contoh\nketerkaitan: [{sop: X.02}]"), "satu.yaml")
    prepared = prepare(linking)
    assert prepared.document.related[0] is not None and prepared.document.related_texts == ["X.02 Yang Ditaut"]


def test_a_chains_first_link_may_not_branch_to_its_own_step(folder):
    text = CHECKED.replace("{tidak: 1}", "{tidak: 2}")
    with pytest.raises(UserError) as caught:
        prepare(folder(text))
    assert any(
        "mata rantai pertama tidak boleh menuju langkah itu sendiri" in d.message for d in caught.value.diagnostics
    )


@pytest.mark.parametrize(("links", "word"), [(1, "rangkaian"), (5, "rangkaian")])
def test_a_chain_of_one_or_five_links_says_how_many_it_may_have(folder, links, word):
    lanes = "".join(f"  l{i}: Pejabat {i}\n" for i in range(5))
    text = CHAIN.replace(
        "pelaksana:\n  a: Pejabat A\n  b: Pejabat B\n", "pelaksana:\n  a: Pejabat A\n  b: Pejabat B\n" + lanes
    )
    chain = "".join(f"      - pelaksana: l{i}\n" for i in range(links))
    text = text.replace("      - pelaksana: a\n      - pelaksana: b\n", chain)
    with pytest.raises(UserError) as caught:
        prepare(folder(text))
    assert any("2 sampai 4 mata rantai" in d.message for d in caught.value.diagnostics)


def test_the_register_keeps_the_replacing_sops_number_as_written(folder, tmp_path):
    path = folder(VALID.replace("judul: Contoh", "judul: Contoh\nstatus: {digantikan_oleh: BARU/01}"))
    chapters, _ = collect([path], output_stems([path]))
    write_register(chapters, tmp_path / "daftar.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "daftar.xlsx").active
    status = [ws.cell(1, c).value for c in range(1, ws.max_column + 1)].index("Status") + 1
    assert ws.cell(2, status).value == "Digantikan oleh BARU/01"


def test_status_shows_a_month_only_review_date_as_a_month(folder):
    path = folder(VALID.replace("judul: Contoh", "judul: Contoh\ntinjau_ulang: Maret 2026"))
    sop = prepare(path).document.sop
    assert not row(path, sop, None, dt.date(2026, 3, 31)).review_overdue
    assert row(path, sop, None, dt.date(2026, 4, 1)).review_overdue


def test_the_library_reads_the_profiles_default_kind(folder):
    (folder.path / "organisasi.yaml").write_text(
        "instansi: [KEMENTERIAN CONTOH]\nlembar: {jenis_bawaan: mikro}\n", encoding="utf-8"
    )
    path = folder(VALID.replace("jenis: makro\n", ""), "tanpa-jenis.yaml")
    (entry,) = scan([path]).entries
    assert entry.related.jenis == "mikro"


@pytest.mark.parametrize(
    ("replaced", "message"),
    [
        ("X.01", "tidak dapat digantikan oleh dirinya sendiri"),
        ("X.09", "tidak ada SOP bernomor `X.09`"),
        ('"  "', "`digantikan_oleh` kosong"),
        ("X.02", None),
    ],
    ids=["itself", "unknown", "blank", "known"],
)
def test_a_replacing_sop_is_checked_against_the_folder(folder, replaced, message):
    folder(VALID.replace("X.01", "X.02"), "dua.yaml")
    path = folder(VALID.replace("judul: Contoh", f"judul: Contoh\nstatus: {{digantikan_oleh: {replaced}}}"))
    found = [w for w in prepare(path).warnings if w.message.startswith("status:")]
    if message is None:
        assert found == []
    else:
        assert len(found) == 1 and message in found[0].message and found[0].line == 3


def test_the_history_worksheet_is_named_after_the_profiles_label(folder):
    import io

    from sopgen.writers import xlsx as xlsx_writer

    text = VALID.replace("disahkan_oleh:", "revisi:\n  - {ke: 1, tanggal: 2021-03-01}\ndisahkan_oleh:").replace(
        "judul: Contoh", "judul: Contoh\nlembar: {label: {riwayat_revisi: 'Catatan Perubahan: SOP/Lama'}}"
    )
    stream = io.BytesIO()
    xlsx_writer.write(prepare(folder(text)).laid_out, stream)
    assert openpyxl.load_workbook(io.BytesIO(stream.getvalue())).sheetnames == ["SOP", "Catatan Perubahan SOP Lama"]
