"""The book's cover (title and year from `buku.yaml`, or the year of the latest date that has come)
and the notice that a book with failed SOPs is incomplete."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import VALID, shipped
from pypdf import PdfReader

from sopgen.book import collect, write_book
from sopgen.build import output_stems
from sopgen.errors import UserError


def chapters_of(paths):
    chapters, problems = collect(paths, output_stems(paths))
    assert not problems
    return chapters


def cover_lines(pdf) -> list[str]:
    return [line.strip() for line in PdfReader(pdf).pages[0].extract_text().splitlines() if line.strip()]


def no_count_line(lines: list[str]) -> bool:
    return not any(re.fullmatch(r"\d+ SOP", line) for line in lines)


def test_the_shipped_book_cover_keeps_its_title_and_year_without_the_count_line(tmp_path):
    target = tmp_path / "buku.pdf"
    write_book(chapters_of(shipped()), target)
    lines = cover_lines(target)
    assert lines[:3] == ["BUKU", "STANDAR OPERASIONAL PROSEDUR", "ADMINISTRASI PEMERINTAHAN"]
    assert lines[-1] == "TAHUN 2018" and no_count_line(lines)


def test_buku_yaml_sets_the_cover_title_and_year(folder, tmp_path):
    source = folder(VALID)
    (folder.path / "buku.yaml").write_text(
        "# sampul buku SOP\njudul:\n  - BUKU SAKU\n  - SOP BIRO UMUM\ntahun: 2031\n", encoding="utf-8"
    )
    target = tmp_path / "buku.pdf"
    write_book(chapters_of([source]), target)
    lines = cover_lines(target)
    assert lines[:2] == ["BUKU SAKU", "SOP BIRO UMUM"] and "STANDAR OPERASIONAL PROSEDUR" not in lines
    assert "TAHUN 2031" in lines and no_count_line(lines)
    assert PdfReader(target).metadata["/Title"] == "BUKU SAKU SOP BIRO UMUM"


def test_a_future_effective_date_does_not_date_the_book_next_year(folder, tmp_path):
    future = dt.date.today().replace(month=1, day=1) + dt.timedelta(days=400)
    source = folder(
        VALID.replace("tanggal_pembuatan: 2020-01-15\n", f"tanggal_pembuatan: 2020-01-15\ntanggal_efektif: {future}\n")
    )
    target = tmp_path / "buku.pdf"
    write_book(chapters_of([source]), target)
    lines = cover_lines(target)
    assert "TAHUN 2020" in lines and f"TAHUN {future.year}" not in lines


def test_the_year_is_the_latest_date_that_has_come():
    from sopgen.book import book_year

    chapters = chapters_of(shipped())
    assert book_year(chapters, today=dt.date(2018, 5, 1)) == 2017  # in force on 2 May 2018: not yet
    assert book_year(chapters, today=dt.date(2018, 5, 2)) == 2018
    assert book_year([], today=dt.date(2026, 3, 1)) == 2026


def test_a_long_title_line_is_made_smaller_to_fit_the_cover(folder):
    from sopgen.layout.book import layout_book

    chapters = chapters_of([folder(VALID)])
    line = "STANDAR OPERASIONAL PROSEDUR ADMINISTRASI PEMERINTAHAN SEKRETARIAT JENDERAL X"
    book = layout_book([c.document for c in chapters], [c.layout for c in chapters], 2024, ["BUKU", line])
    text = next(t for t in book.front[0].texts if t.text == line)
    from sopgen import fontmetrics

    assert text.size < 20 and fontmetrics.width(line, text.size, True) <= book.width - 100


def test_a_mistake_in_buku_yaml_is_told_at_its_line(folder):
    from sopgen.book import book_settings

    source = folder(VALID)
    (folder.path / "buku.yaml").write_text("judull: [BUKU]\ntahun: dua ribu\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        book_settings([source])
    found = [(d.line, d.message) for d in caught.value.diagnostics]
    assert found[0][0] == 1 and "`judull` tidak dikenal" in found[0][1] and "`judul`" in found[0][1]
    assert found[1][0] == 2 and "tahun" in found[1][1]
    (folder.path / "buku.yaml").write_text("# belum diisi\n", encoding="utf-8")
    assert book_settings([source]).tahun is None and book_settings([source]).judul is None


def test_the_incomplete_book_names_every_sop_left_out(folder):
    from sopgen.book import incomplete_notice

    good = folder(VALID, "baik.yaml")
    broken = folder("nomor: X.09\njudul: [\n", "rusak.yaml")
    invalid = folder(VALID.replace("X.01", "X.07").replace("judul: Contoh\n", ""), "tanpa-judul.yaml")
    unnamed = folder("judul: [\n", "tanpa-nomor.yaml")
    sources = [good, broken, invalid, unnamed]
    chapters, problems = collect(sources, output_stems(sources))
    assert [c.source for c in chapters] == [good]
    notice = incomplete_notice(sources, chapters, problems, shown=lambda p: p.name)
    assert notice is not None
    lines = notice.splitlines()
    assert "TIDAK LENGKAP" in lines[0] and "3 dari 4 SOP" in lines[0]
    assert any("rusak.yaml" in line and "X.09" in line for line in lines)
    assert any("tanpa-judul.yaml" in line and "X.07" in line and "1 kesalahan" in line for line in lines)
    assert any("tanpa-nomor.yaml" in line and "nomor SOP tidak terbaca" in line for line in lines)
    assert not any("baik.yaml" in line for line in lines)
    assert incomplete_notice([good], chapters, [], shown=lambda p: p.name) is None
