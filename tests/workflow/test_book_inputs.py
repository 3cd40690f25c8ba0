"""What the user puts beside the definitions for the book (keputusan.yaml, keputusan.pdf,
penjelasan.yaml or .md): every mistake is told in Indonesian at its file and line, nothing of the
book is written; and SOPs no longer in force are left out of the book, or bound marked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, VALID
from pypdf import PdfReader, PdfWriter

from sopgen.book import book_parts, collect, plan_book, write_book
from sopgen.build import output_stems
from sopgen.errors import UserError

DECREE = """\
pejabat: Kepala Biro Contoh
menimbang:
  - bahwa perlu menetapkan standar operasional prosedur;
mengingat:
  - Peraturan Menteri PANRB Nomor 35 Tahun 2012;
tempat: Jakarta
penandatangan:
  nama: Budi
"""


def problems_of(folder) -> list[tuple[str, int | None, str]]:
    with pytest.raises(UserError) as caught:
        book_parts([folder(VALID)])
    return [(d.path.name if d.path else "", d.line, d.message) for d in caught.value.diagnostics]


def test_a_good_decree_file_is_read_with_its_defaults(folder):
    source = folder(VALID)
    (folder.path / "keputusan.yaml").write_text(DECREE, encoding="utf-8")
    decree = book_parts([source]).decree
    assert decree is not None and decree.penandatangan.jabatan == "Kepala Biro Contoh"
    assert decree.tanggal is None and decree.nomor == "" and decree.menimbang[0].startswith("bahwa")


def test_mistakes_in_keputusan_yaml_are_told_at_their_lines(folder):
    (folder.path / "keputusan.yaml").write_text(
        "pejabat: Kepala Biro Contoh\n"
        "menimbang: []\n"
        "mengingat:\n"
        "  - Peraturan\n"
        "  - \n"
        "tempatt: Jakarta\n"
        "tanggal: 2024-02-30\n"
        "penandatangan:\n"
        "  jabtan: Kepala\n",
        encoding="utf-8",
    )
    found = problems_of(folder)
    assert all(name == "keputusan.yaml" for name, _, _ in found)

    def told(line: int, *parts: str) -> bool:
        return any(at == line and all(part in message for part in parts) for _, at, message in found)

    assert told(6, "`tempatt` tidak dikenal", "`tempat`?")
    assert told(2, "menimbang", "wajib diisi")
    assert told(5, "mengingat butir 2: wajib diisi")
    assert told(7, "2024-02-30", "TTTT-BB-HH")
    assert told(9, "`jabtan` tidak dikenal", "`jabatan`?")
    assert told(9, "nama di penandatangan: wajib diisi")
    assert told(1, "`tempat` wajib diisi")
    assert len(found) == 7


def test_a_decree_file_that_is_not_a_mapping_or_not_yaml_is_refused(folder):
    (folder.path / "keputusan.yaml").write_text("- satu\n- dua\n", encoding="utf-8")
    assert "pemetaan" in problems_of(folder)[0][2]
    (folder.path / "keputusan.yaml").write_text("pejabat: [\n", encoding="utf-8")
    assert problems_of(folder)[0][0] == "keputusan.yaml"


@pytest.mark.parametrize(
    ("content", "told"),
    [
        (b"ini bukan pdf", "bukan PDF yang dapat dibaca"),
        (b"%PDF-1.4\n1 0 obj\n<<", "bukan PDF yang dapat dibaca"),
        (b"", "bukan PDF yang dapat dibaca"),
    ],
    ids=["teks", "terpotong", "kosong"],
)
def test_an_unreadable_signed_decree_is_refused_in_indonesian(folder, content, told):
    (folder.path / "keputusan.pdf").write_bytes(content)
    (name, line, message), *_ = problems_of(folder)
    assert name == "keputusan.pdf" and line is None and told in message
    assert message.isascii()  # no English detail from the PDF library


def test_a_locked_signed_decree_is_refused(folder, tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(600, 900)
    writer.encrypt("rahasia", "rahasia")
    writer.write(folder.path / "keputusan.pdf")
    assert "kata sandi" in problems_of(folder)[0][2]


def test_penjelasan_md_is_read_and_its_mistakes_are_told_at_their_lines(folder):
    source = folder(VALID)
    markdown = folder.path / "penjelasan.md"
    markdown.write_text(
        "# Penjelasan Buku Saku\n\n## Ruang Lingkup\nBuku ini untuk **Biro Contoh**.\n\n- butir satu\n- butir dua\n"
        "\n## Definisi\n- **SOP AP**: Standar Operasional Prosedur AP\n## Pelaksana\n- Pejabat A: Kepala Bagian A\n",
        encoding="utf-8",
    )
    explanation = book_parts([source]).explanation
    assert explanation is not None and explanation.judul == "Penjelasan Buku Saku"
    assert [(p.text, p.bullet) for p in explanation.ruang_lingkup] == [
        ("Buku ini untuk Biro Contoh.", False),
        ("butir satu", True),
        ("butir dua", True),
    ]
    assert explanation.definisi == (("SOP AP", "Standar Operasional Prosedur AP"),)
    assert explanation.pelaksana == (("Pejabat A", "Kepala Bagian A"),)

    markdown.write_text("Teks lepas\n## Rangkuman\nx\n## Definisi\nSOP AP adalah ...\n", encoding="utf-8")
    found = problems_of(folder)
    assert [line for _, line, _ in found] == [1, 2, 5]
    assert "`## Ringkasan`?" in found[1][2] and "`- Istilah: arti`" in found[2][2]


def test_penjelasan_yaml_and_md_together_are_refused(folder):
    (folder.path / "penjelasan.yaml").write_text("ringkasan: Ringkas.\n", encoding="utf-8")
    (folder.path / "penjelasan.md").write_text("## Ringkasan\nRingkas.\n", encoding="utf-8")
    (name, _, message), *_ = problems_of(folder)
    assert name == "penjelasan.md" and "pakai salah satu" in message


def test_a_lane_described_in_penjelasan_that_no_sheet_has_is_a_warning(folder):
    source = folder(VALID)
    (folder.path / "penjelasan.yaml").write_text(
        "pelaksana:\n  Pejabat A: Kepala Bagian A\n  Pejabat C: Kepala Bagian C\n", encoding="utf-8"
    )
    chapters, _ = collect([source], output_stems([source]))
    plan = plan_book(chapters)
    assert [(w.line, w.severity) for w in plan.warnings] == [(3, "warning")]
    assert "`Pejabat C`" in plan.warnings[0].message
    assert plan.explanation is not None


def test_an_empty_penjelasan_gives_the_generated_explanation(folder, tmp_path):
    source = folder(VALID)
    (folder.path / "penjelasan.yaml").write_text("# belum diisi\n", encoding="utf-8")
    chapters, _ = collect([source], output_stems([source]))
    target = tmp_path / "buku.pdf"
    write_book(chapters, target)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "PENJELASAN SINGKAT PENGGUNAAN" in text and "Ruang Lingkup" not in text and "Simbol Diagram Alir" in text


def test_revoked_and_replaced_sops_are_left_out_unless_asked_for(folder, tmp_path):
    good = folder(VALID, "baik.yaml")
    revoked = folder(VALID.replace("X.01", "X.02") + "status: dicabut\n", "dicabut.yaml")
    replaced = folder(VALID.replace("X.01", "X.03") + "status: {digantikan_oleh: X.09}\n", "diganti.yaml")
    (folder.path / "keputusan.yaml").write_text(DECREE, encoding="utf-8")
    sources = [good, revoked, replaced]
    chapters, _ = collect(sources, output_stems(sources))

    plan = plan_book(chapters)
    assert [c.document.sop.nomor for c in plan.chapters] == ["X.01"]
    assert [c.document.sop.nomor for c in plan.left_out] == ["X.02", "X.03"]
    target = tmp_path / "buku.pdf"
    write_book(chapters, target, plan=plan)
    text = "\n".join(page.extract_text() for page in PdfReader(target).pages)
    assert "X.02" not in text and "X.03" not in text

    marked = plan_book(chapters, include_revoked=True)
    assert [c.document.sop.nomor for c in marked.chapters] == ["X.01", "X.02", "X.03"]
    assert marked.statuses == [None, "dicabut", "digantikan oleh X.09"]
    write_book(chapters, target, plan=marked)
    reader = PdfReader(target)
    titles = [item.title for item in reader.outline[-2]]
    assert titles == ["X.01 Contoh", "X.02 Contoh (TIDAK BERLAKU)", "X.03 Contoh (TIDAK BERLAKU)"]
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "TIDAK BERLAKU: dicabut" in text and "TIDAK BERLAKU: digantikan oleh X.09" in text
    # the decree enacts only what is in force, whether or not the others are bound
    decree = [page.extract_text() for page in reader.pages[1 : 1 + len(marked.draft.pages)]]
    assert "LAMPIRAN" in decree[-1] and "X.01" in decree[-1]
    assert not any("X.02" in page or "X.03" in page for page in decree)


def sopgen(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8"
    )


def test_sopgen_book_stops_on_a_broken_decree_before_writing_the_book(folder, tmp_path):
    folder(VALID)
    out = tmp_path / "keluaran"
    done = sopgen("book", str(folder.path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    book = (out / "buku-sop.pdf").read_bytes()
    (folder.path / "keputusan.yaml").write_text(DECREE.replace("tempat:", "tempatt:"), encoding="utf-8")
    (folder.path / "keputusan.pdf").write_bytes(b"rusak")
    done = sopgen("book", str(folder.path), "--out", str(out))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "Kesalahan internal" not in done.stderr
    assert "keputusan.yaml:6:1: kunci `tempatt` tidak dikenal; maksudnya `tempat`?" in done.stderr
    assert "keputusan.pdf: berkas ini bukan PDF yang dapat dibaca" in done.stderr
    assert (out / "buku-sop.pdf").read_bytes() == book  # untouched
    assert not (out / "keputusan-draf.docx").exists()


def test_sopgen_book_writes_the_draft_and_says_so(folder, tmp_path):
    folder(VALID)
    (folder.path / "keputusan.yaml").write_text(DECREE, encoding="utf-8")
    out = tmp_path / "keluaran"
    done = sopgen("book", str(folder.path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "Draf keputusan:" in done.stdout and "bertanda DRAF" in done.stdout
    assert (out / "keputusan-draf.docx").is_file() and (out / "keputusan-draf.pdf").is_file()


def test_sopgen_book_with_only_revoked_sops_says_how_to_bind_them(folder, tmp_path):
    folder(VALID + "status: dicabut\n")
    out = tmp_path / "keluaran"
    done = sopgen("book", str(folder.path), "--out", str(out))
    assert done.returncode == 1 and "--dengan-tidak-berlaku" in done.stderr
    assert not (out / "buku-sop.pdf").exists()
    done = sopgen("book", str(folder.path), "--out", str(out), "--dengan-tidak-berlaku")
    assert done.returncode == 0, done.stderr
    pages = [page.extract_text() for page in PdfReader(out / "buku-sop.pdf").pages]
    assert any("TIDAK BERLAKU: dicabut" in page and "X.01" in page for page in pages)
    assert "Tidak ada SOP yang berlaku" in pages[-1]  # the index of actors


def test_the_shipped_decree_and_explanation_are_read_without_warnings():
    from conftest import DEFINITIONS

    parts = book_parts([DEFINITIONS / "penyusunan-iku.yaml"])
    assert parts.decree is not None and parts.explanation is not None and parts.signed is None
    assert not parts.warnings
    assert Path(DEFINITIONS / "keputusan.yaml").is_file()


def test_a_nip_written_as_a_number_is_refused_because_its_leading_zero_is_lost(folder):
    (folder.path / "keputusan.yaml").write_text(DECREE + "  nip: 019600101198503100\n", encoding="utf-8")
    found = problems_of(folder)
    assert [(line, "tanda kutip" in message) for _, line, message in found] == [(9, True)]
