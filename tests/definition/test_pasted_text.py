"""Text pasted from Word: raw control characters, invisible characters in keys, curly quotes."""

from __future__ import annotations

import subprocess
import sys

from conftest import VALID

from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.pipeline import prepare


def warnings_of(loaded) -> list[tuple[int | None, int | None, str]]:
    return [(w.line, w.column, w.message) for w in loaded.warnings]


def test_raw_control_characters_are_dropped_with_their_line_and_column(folder):
    text = VALID.replace("kegiatan: Memulai", "kegiatan: Memulai\x0brapat\x07 koordinasi\x0cbesok")
    path = folder(text)
    loaded = load_sop(path)
    assert loaded.document.sop.langkah[0].kegiatan == "Memulai rapat koordinasi besok"
    lines = text.split("\n")  # str.splitlines() would also split at the vertical tab
    line = next(number for number, content in enumerate(lines, 1) if "Memulai" in content)
    column = lines[line - 1].index("\x0b") + 1
    assert warnings_of(loaded)[:3] == [
        (
            line,
            column,
            "karakter kendali tab vertikal (jeda baris manual dari Word) diganti spasi; "
            "untuk baris baru, tulis teksnya sebagai blok `|`",
        ),
        (line, column + 6, "karakter kendali U+0007 dihapus"),
        (
            line,
            column + 18,
            "karakter kendali jeda halaman (form feed) diganti spasi; untuk baris baru, tulis teksnya sebagai blok `|`",
        ),
    ]
    assert all(w.path == path and w.severity == "warning" for w in loaded.warnings)
    assert len(prepare(path).laid_out.pages) >= 1


def test_a_raw_control_character_in_a_key_line_is_not_a_parser_error(folder):
    loaded = load_sop(folder(VALID.replace("judul: Contoh", "judul:\x1b Contoh\x7f")))
    assert loaded.document.sop.judul == "Contoh"
    assert [m for _, _, m in warnings_of(loaded)] == ["karakter kendali U+001B dihapus", "karakter kendali DEL dihapus"]


def test_nbsp_soft_hyphen_and_zero_width_in_keys_are_read_with_a_warning(folder):
    text = (
        VALID.replace("judul:", "judul\u00a0:")
        .replace("    waktu: 10 menit", "    wak\u00adtu: 10 menit")
        .replace("  a: Pejabat A", "  a\u200b: Pejabat A")
    )
    loaded = load_sop(folder(text))
    assert loaded.document.sop.judul == "Contoh"
    assert loaded.document.sop.langkah[0].waktu is not None
    assert list(loaded.document.sop.pelaksana) == ["a", "b"]
    assert warnings_of(loaded) == [
        (
            2,
            1,
            "kunci `judul\u00a0` memuat spasi tak-putus (NBSP) (biasanya terbawa dari Word); dibaca sebagai `judul`",
        ),
        (7, 3, "kunci `a\u200b` memuat karakter lebar-nol (biasanya terbawa dari Word); dibaca sebagai `a`"),
        (12, 5, "kunci `wak\u00adtu` memuat tanda hubung lunak (biasanya terbawa dari Word); dibaca sebagai `waktu`"),
    ]


def test_lane_references_and_curly_quoted_keys_are_cleaned(folder):
    text = VALID.replace("    pelaksana: b\n", "    pelaksana: b\u00a0\n", 1).replace("nomor:", "\u201cnomor\u201d:")
    loaded = load_sop(folder(text))
    assert loaded.document.sop.nomor == "X.01" and loaded.document.sop.langkah[1].pelaksana == "b"
    messages = [m for _, _, m in warnings_of(loaded)]
    assert (
        "kunci `\u201cnomor\u201d` memuat tanda kutip lengkung (biasanya terbawa dari Word); dibaca sebagai `nomor`"
        in messages
    )
    assert "`b\u00a0` memuat spasi tak-putus (NBSP) (biasanya terbawa dari Word); dibaca sebagai `b`" in messages


def test_a_key_that_only_differs_by_an_invisible_character_is_a_duplicate(folder):
    path = folder(VALID.replace("judul: Contoh", "judul: Contoh\njudul\u00a0: Lain"))
    try:
        load_sop(path)
    except UserError as exc:
        assert [(d.line, d.message) for d in exc.diagnostics] == [(3, "kunci `judul` ditulis dua kali")]
    else:
        raise AssertionError("a duplicate key must be refused")


def test_an_unknown_key_with_an_invisible_character_gets_the_usual_suggestion(folder):
    path = folder(VALID.replace("    waktu: 10 menit", "    wakut\u00a0: 10 menit"))
    try:
        load_sop(path)
    except UserError as exc:
        assert [(d.line, d.message) for d in exc.diagnostics] == [
            (12, "kunci `wakut` tidak dikenal; maksudnya `waktu`?")
        ]
    else:
        raise AssertionError("an unknown key must be refused")


def test_the_check_command_prints_no_english_parser_text(folder):
    path = folder(VALID.replace("kegiatan: Memulai", "kegiatan: [Memulai\x0b"))
    done = subprocess.run(
        [sys.executable, "-m", "sopgen", "check", str(path)], capture_output=True, text=True, encoding="utf-8"
    )
    assert done.returncode == 1
    for english in ("expected", "found", "while", "scalar", "position", "character"):
        assert english not in done.stderr, done.stderr
    assert "sop.yaml:" in done.stderr
