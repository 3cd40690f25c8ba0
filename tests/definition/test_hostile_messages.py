"""Messages for what users really type: inch marks and Windows paths, UTF-16 files from Notepad,
flaws in organisasi.yaml, texts starting with `&` or `*`, and texts too long for a page. Each is
reported at the line to fix, in Indonesian, naming what to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID

from sopgen.definition.loader import load_organisation, load_sop
from sopgen.definition.source import _fast
from sopgen.errors import Diagnostic, UserError
from sopgen.layout import layout
from sopgen.pipeline import prepare

TAB_AT_23 = ("    waktu: 1 hari", "\twaktu: 1 hari")
"""A TAB indenting line 23 of VALID: a syntax error after the steps above it."""


def errors_of(path: Path) -> list[Diagnostic]:
    with pytest.raises(UserError) as caught:
        layout(load_sop(path).document)
    return caught.value.diagnostics


# 1. Inch marks, Windows paths and backslashes


@pytest.mark.parametrize(
    "value",
    ['Mencetak foto 10" x 15"', 'Mencetak foto 10" x 15', 'disimpan di "D:\\Arsip\\"', "foto 10' x 15'"],
)
def test_a_quote_inside_plain_text_is_text(folder, value):
    loaded = load_sop(folder(VALID.replace("kegiatan: Memeriksa", f"kegiatan: {value}")))
    assert loaded.document.sop.langkah[1].kegiatan == value
    assert loaded.warnings == []


@pytest.mark.parametrize("value", ['Mencetak foto 10" x 15', 'disimpan di "D:\\Arsip\\"'])
def test_an_inch_mark_is_not_blamed_for_a_later_error(folder, value):
    text = VALID.replace("kegiatan: Memeriksa", f"kegiatan: {value}").replace(*TAB_AT_23)
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (23, 1) and "TAB" in error.message, str(error)


def test_a_real_unclosed_quote_after_an_inch_mark_is_found_at_its_own_line(folder):
    text = VALID.replace("kegiatan: Memeriksa", 'kegiatan: Mencetak foto 10" x 15').replace(
        "kegiatan: Menyelesaikan", 'kegiatan: "Menyelesaikan'
    )
    [error] = errors_of(folder(text))
    assert (error.line, error.column, error.message) == (20, 15, "tanda kutip tidak ditutup")


def test_a_quote_inside_double_quoted_text_closes_it_early(folder):
    text = VALID.replace("kegiatan: Memeriksa", 'kegiatan: "Mencetak foto 10" x 15"')
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (14, 15)
    assert "mengakhiri teksnya terlalu awal" in error.message and "tanda kutip tunggal" in error.message


@pytest.mark.parametrize("value", ['"disimpan di D:\\Arsip"', '"C:\\users\\budi"'])
def test_a_backslash_in_double_quoted_text_is_reported_at_its_line(folder, value):
    text = VALID.replace("    output: Hasil\n", f"    output: Hasil\n    keterangan: {value}\n")
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (19, 17 + value.index("\\"))
    assert error.message.startswith("garis miring terbalik (\\) dalam teks bertanda kutip ganda")
    assert "tanda kutip tunggal ('D:\\Arsip')" in error.message and '("D:\\\\Arsip")' in error.message


def test_a_backslash_on_a_later_line_of_quoted_text_says_where_the_text_opened(folder):
    text = VALID.replace("    output: Hasil\n", '    output: Hasil\n    keterangan: "disimpan di\n      D:\\Arsip"\n')
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (20, 9)
    assert "garis miring terbalik" in error.message and "(teks ini dibuka di baris 19;" in error.message


# 2. UTF-16 (Notepad's "Unicode")


@pytest.mark.parametrize(
    "encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-16-le", b""), ("utf-16-be", b"")]
)
def test_a_utf16_file_is_named_with_how_to_save_it_as_utf8(folder, encoding, bom):
    path = folder.path / "sop.yaml"
    path.write_bytes(bom + VALID.replace("Contoh", "Contoh “Ā”").encode(encoding))
    [error] = errors_of(path)
    assert (error.line, error.column) == (1, 1)
    assert "UTF-16" in error.message and "berkas biner" not in error.message
    assert 'Simpan sebagai, lalu Pengodean "UTF-8"' in error.message


def test_a_binary_file_is_still_binary(folder):
    path = folder.path / "sop.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [error] = errors_of(path)
    assert "berkas biner" in error.message


# 3. Warnings for organisasi.yaml


ORGANISATION_WITH_FLAWS = "instansi:\n  - KEMENTERIAN \U0001f600 CONTOH\n  - BIRO\x07 UMUM\nkertas: F4\n"


def test_organisation_flaws_warn_once_at_the_organisation_file(folder):
    sop = folder(VALID)
    organisation = folder.path / "organisasi.yaml"
    organisation.write_text(ORGANISATION_WITH_FLAWS, encoding="utf-8")
    expected = [
        (organisation, 3, 9, "karakter kendali U+0007 dihapus"),
        (organisation, 2, 5, "karakter 😀 tidak tersedia di huruf PDF dan akan tampil sebagai kotak kosong di PDF"),
    ]
    for loaded in (load_sop(sop), load_sop(sop, load_organisation(folder.path))):  # check, and build
        assert [(w.path, w.line, w.column, w.message) for w in loaded.warnings] == expected
        assert all(w.severity == "warning" for w in loaded.warnings)
    assert prepare(sop).document.instansi == ["KEMENTERIAN \U0001f600 CONTOH", "BIRO UMUM"]


def test_an_organisation_file_without_flaws_adds_no_warning(folder):
    assert load_sop(folder(VALID), load_organisation(folder.path)).warnings == []


# 4. Texts starting with `&` or `*`


def test_a_text_starting_with_an_unused_anchor_warns(folder):
    text = VALID.replace("kegiatan: Memeriksa", "kegiatan: &Koordinasi dengan unit")
    path = folder(text)
    assert _fast(path, text) is None  # the fast path declines anchors: ruamel reads and warns
    loaded = load_sop(path)
    assert loaded.document.sop.langkah[1].kegiatan == "dengan unit"
    [warning] = loaded.warnings
    assert (warning.path, warning.line, warning.column, warning.severity) == (path, 14, 15, "warning")
    assert "`&Koordinasi` di awal teks dibaca sebagai anchor YAML" in warning.message
    assert "tulis seluruh teksnya dalam tanda kutip" in warning.message


def test_an_anchor_used_by_an_alias_does_not_warn(folder):
    text = VALID.replace("output: Arahan", "output: &hasil Arahan")
    text = text.replace("kelengkapan: Arahan", "kelengkapan: *hasil")
    loaded = load_sop(folder(text))
    assert loaded.document.sop.langkah[1].kelengkapan == "Arahan" and loaded.warnings == []


@pytest.mark.parametrize(
    "old, new, line, column",
    [
        ("kegiatan: Memeriksa", "kegiatan: *Koordinasi dengan unit", 14, 15),
        ("unit: [Biro Contoh]", "unit:\n  - * Biro Contoh", 4, 6),
        ("judul: Contoh", "judul: & Contoh", 2, 9),
    ],
)
def test_a_text_starting_with_an_alias_says_to_quote_it(folder, old, new, line, column):
    [error] = errors_of(folder(VALID.replace(old, new)))
    assert (error.line, error.column) == (line, column)
    assert "tulis seluruh teksnya dalam tanda kutip" in error.message, error.message


# 5. Texts too long for a page name the field to shorten


def test_a_lane_name_too_long_for_the_header_is_named(folder):
    text = VALID.replace("  b: Pejabat B", "  b: " + "Pejabat Bagian Umum " * 300)
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (8, 6)
    assert error.message.startswith("pelaksana `b`: namanya terlalu panjang")


def test_a_remark_too_long_for_a_page_is_named(folder):
    remark = "Catatan panjang " * 1200
    text = VALID.replace("    output: Hasil\n", f"    output: Hasil\n    keterangan: {remark}\n")
    [error] = errors_of(folder(text))
    assert (error.line, error.column) == (19, 17)
    assert error.message.startswith("langkah 2, `keterangan`: teksnya terlalu panjang untuk satu halaman")


def test_a_unit_too_long_for_the_identity_is_named(folder):
    text = VALID.replace("unit: [Biro Contoh]", "unit: [" + "Biro Contoh " * 3000 + "]")
    [error] = errors_of(folder(text))
    assert (error.line, error.message.split(" ")[0]) == (3, "`unit`")
