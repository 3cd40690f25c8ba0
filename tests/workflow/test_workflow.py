"""Publication workflow: incremental parallel builds, interruption, the book, revise, new, preview."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from conftest import DEFINITIONS, ROOT, VALID, shipped
from pypdf import PdfReader

from sopgen.book import BookParts, collect, duration, plan_book, write_book, write_register
from sopgen.build import build, output_stems
from sopgen.definition.loader import load_sop
from sopgen.errors import UserError
from sopgen.layout import layout
from sopgen.layout.book import contents_pages as toc_pages
from sopgen.manifest import MANIFEST_NAME
from sopgen.preview import render, watch_loop
from sopgen.revise import add_revision, new_definition
from sopgen.samples import write_corpus
from sopgen.writers import pdf as pdf_writer

FORMATS = ["xlsx", "docx", "pdf"]


def copy_definitions(target: Path) -> Path:
    folder = target / "definitions"
    shutil.copytree(DEFINITIONS, folder)
    return folder


def sopgen(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sopgen", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


@pytest.mark.slow
def test_parallel_and_serial_builds_give_identical_bytes(tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert sopgen("build", "-j", "1", "--out", str(serial)).returncode == 0
    time.sleep(1.05)
    assert sopgen("build", "-j", "2", "--out", str(parallel)).returncode == 0
    first, second = outputs(serial), outputs(parallel)
    assert len(first) == 15 and first == second


@pytest.mark.slow
def test_second_build_skips_everything_and_a_touched_definition_rebuilds_alone(tmp_path):
    definitions = copy_definitions(tmp_path)
    out = tmp_path / "out"
    report = build([definitions], FORMATS, out, jobs=2)
    assert report.count("dibuat") == 5 and report.failed == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    report = build([definitions], FORMATS, out, jobs=2)
    assert report.count("mutakhir") == 5 and report.count("dibuat") == 0
    monev = definitions / "monev-sop-ap.yaml"
    monev.write_text(monev.read_text(encoding="utf-8").replace("10 Menit", "15 Menit", 1), encoding="utf-8")
    report = build([definitions], FORMATS, out, jobs=2)
    assert [r.source.name for r in report.results if r.status == "dibuat"] == ["monev-sop-ap.yaml"]
    changed = sorted(p.name for p in out.iterdir() if p.stat().st_mtime_ns != before.get(p.name))
    assert changed == [
        ".sopgen-cache",
        ".sopgen-manifest.json",
        "OT.01.02-071-097.Set.PO.docx",
        "OT.01.02-071-097.Set.PO.pdf",
        "OT.01.02-071-097.Set.PO.xlsx",
    ]
    (definitions / "organisasi.yaml").write_text("instansi: [KEMENTERIAN LAIN]\nkertas: A4\n", encoding="utf-8")
    assert build([definitions], FORMATS, out).count("dibuat") == 5
    assert build([definitions], FORMATS, out, force=True).count("dibuat") == 5


@pytest.mark.slow
def test_a_broken_definition_fails_alone(tmp_path):
    definitions = copy_definitions(tmp_path)
    (definitions / "rusak.yaml").write_text("nomor: X\njudul: [\n", encoding="utf-8")
    out = tmp_path / "out"
    report = build([definitions], FORMATS, out, jobs=2)
    assert report.count("dibuat") == 5 and report.failed == 1
    failed = next(r for r in report.results if r.status == "gagal")
    assert failed.source.name == "rusak.yaml" and failed.errors[0].line is not None
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert len(manifest["entries"]) == 5


def test_an_interrupted_build_leaves_no_partial_file_and_a_consistent_manifest(tmp_path, monkeypatch):
    definitions = copy_definitions(tmp_path)
    out = tmp_path / "out"
    original = pdf_writer.write
    calls = []

    def interrupted_write(document, target):
        calls.append(1)
        if len(calls) == 3:
            target.write(b"%PDF-1.4 half")
            raise KeyboardInterrupt
        original(document, target)

    monkeypatch.setattr(pdf_writer, "write", interrupted_write)
    report = build([definitions], FORMATS, out, jobs=1)
    assert report.interrupted
    names = [p.name for p in out.iterdir()]
    assert not [n for n in names if n.endswith(".tmp")]
    assert not any(n.endswith(".pdf") and (out / n).read_bytes().startswith(b"%PDF-1.4 half") for n in names)
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert len(manifest["entries"]) == 2
    for entry in manifest["entries"].values():
        assert all((out / name).is_file() for name in entry["outputs"])
    monkeypatch.setattr(pdf_writer, "write", original)
    again = build([definitions], FORMATS, out, jobs=1)
    assert again.count("mutakhir") == 2 and again.count("dibuat") == 3


@pytest.mark.skipif(os.name == "nt", reason="SIGINT to a child process")
@pytest.mark.slow
def test_ctrl_c_on_a_parallel_build(tmp_path):
    corpus = tmp_path / "korpus"
    write_corpus(corpus, 60)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "sopgen", "build", str(corpus), "-j", "2", "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob("*.pdf"))) < 4:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    process.communicate(timeout=60)
    assert process.returncode == 130
    assert not list(out.glob("*.tmp"))
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    assert 0 < len(manifest["entries"]) < 60
    for entry in manifest["entries"].values():
        for name in entry["outputs"]:
            assert (out / name).is_file()
    for pdf in out.glob("*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1


def test_book_pages_outline_and_register(tmp_path):
    sources = shipped()
    chapters, problems = collect(sources, output_stems(sources))
    assert problems == [] and [c.document.sop.nomor for c in chapters] == sorted(c.document.sop.nomor for c in chapters)
    target = tmp_path / "buku.pdf"
    # the book without the decree and the explanation the shipped folder also holds (test_book_complete.py
    # covers those): cover, contents, the sheets, the index of actors
    total = write_book(chapters, target, plan=plan_book(chapters, parts=BookParts()))
    reader = PdfReader(target)
    parts = sum(len(layout(load_sop(s).document).pages) for s in sources)
    index_pages = total - (1 + toc_pages(len(sources), 2) + parts)
    assert len(reader.pages) == total and index_pages >= 1
    assert [o.title for o in reader.outline if not isinstance(o, list)] == [
        "Halaman Judul",
        "Daftar Isi",
        "Standar Operasional Prosedur",
        "Indeks Pelaksana",
    ]
    sops = reader.outline[3]
    assert [o.title for o in sops] == [f"{c.document.sop.nomor} {c.document.sop.judul}" for c in chapters]
    first_sop_page = reader.get_destination_page_number(sops[0])
    assert first_sop_page == 1 + toc_pages(len(sources), 2)
    assert f"Halaman {total} dari {total}" in reader.pages[-1].extract_text()
    contents = reader.pages[1].extract_text()
    assert "DAFTAR ISI" in contents and chapters[1].document.sop.nomor in contents

    register = tmp_path / "daftar.xlsx"
    write_register(chapters, register)
    ws = openpyxl.load_workbook(register).active
    assert ws.max_row == 1 + len(chapters)
    assert ws.auto_filter.ref == "A1:R6" and ws.freeze_panes == "A2"
    iku = next(r for r in range(2, 7) if ws.cell(r, 2).value == "OT.01.02-005-097.Set.PO")
    assert ws.cell(iku, 13).value == 17
    minutes = sum(
        s.waktu.minutes for s in load_sop(DEFINITIONS / "penyusunan-iku.yaml").document.sop.langkah if s.waktu
    )
    assert ws.cell(iku, 15).value == minutes and ws.cell(iku, 14).value == duration(minutes)
    assert ws.cell(iku, 16).hyperlink.target == "OT.01.02-005-097.Set.PO.pdf"
    assert "8 jam" in ws.cell(1, 14).value


def test_duration_in_working_days():
    assert duration(10) == "10 menit"
    assert duration(60 * 8 + 75) == "1 hari 1 jam 15 menit"
    assert duration(0) == "0 menit"


@pytest.mark.slow
def test_book_command_writes_both_files(tmp_path):
    done = sopgen("book", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "buku-sop.pdf").is_file() and (tmp_path / "daftar-sop.xlsx").is_file()


def test_revise_keeps_every_comment_and_bumps_the_number(tmp_path):
    path = tmp_path / "sop.yaml"
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    original = (DEFINITIONS / "laporan-kinerja.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    assert add_revision(path, "Penyesuaian pelaksana", __import__("datetime").date(2019, 3, 1)) == 1
    assert add_revision(path, 'Catatan "kedua": ubah waktu') == 2
    edited = path.read_text(encoding="utf-8")
    added = [line for line in edited.splitlines() if line not in original.splitlines()]
    assert added == ["revisi:", '  - {ke: 1, tanggal: 2019-03-01, catatan: "Penyesuaian pelaksana"}', added[2]]
    assert added[2].startswith("  - {ke: 2,") and '\\"kedua\\"' in added[2]
    assert [line for line in original.splitlines() if line not in edited.splitlines()] == []
    sop = load_sop(path).document.sop
    assert [r.ke for r in sop.revisi] == [1, 2] and sop.revisi[1].catatan == 'Catatan "kedua": ubah waktu'
    texts = [
        line.text
        for p in layout(load_sop(path).document).pages
        for b in p.blocks
        if hasattr(b, "cells")
        for c in b.cells
        for line in c.lines
    ]
    assert any(t.startswith("Revisi ke 2") for t in texts)


def test_revise_extends_an_existing_block_list_and_keeps_crlf(tmp_path):
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    path = tmp_path / "sop.yaml"
    text = VALID.replace(
        "tanggal_pembuatan: 2020-01-15\n",
        "tanggal_pembuatan: 2020-01-15\nrevisi:\n    - {ke: 1, tanggal: 2020-06-01}  # pertama\n\n",
    )
    path.write_bytes(text.replace("\n", "\r\n").encode())
    assert add_revision(path, "kedua") == 2
    raw = path.read_bytes()
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"    - {ke: 1, tanggal: 2020-06-01}  # pertama\r\n    - {ke: 2," in raw


def test_new_scaffold_parses_and_passes_once_filled(tmp_path):
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    path = new_definition("Penyusunan Rencana Kerja", tmp_path, "mikro")
    assert path.name == "penyusunan-rencana-kerja.yaml"
    done = sopgen("check", str(path))
    assert done.returncode == 1 and "nomor: tidak boleh kosong" in done.stderr
    assert "Traceback" not in done.stderr and "sintaks" not in done.stderr
    filled = path.read_text(encoding="utf-8").replace('nomor: ""', 'nomor: "OT.01.99"')
    filled = filled.replace("TTTT-BB-HH              # ISI", "2021-01-04").replace('""', '"Isi"')
    path.write_text(filled, encoding="utf-8")
    done = sopgen("check", str(path))
    assert done.returncode == 0, done.stderr
    assert load_sop(path).document.sop.jenis == "mikro"
    with pytest.raises(UserError, match="berkas sudah ada"):
        new_definition("Penyusunan Rencana Kerja", tmp_path)


def test_preview_writes_pdf_and_pngs(tmp_path):
    written, warnings = render(DEFINITIONS / "monev-sop-ap.yaml", tmp_path, png=True)
    assert [p.name for p in written] == [  # named like the sheet `sopgen build` makes
        "OT.01.02-071-097.Set.PO.pdf",
        "OT.01.02-071-097.Set.PO-1.png",
        "OT.01.02-071-097.Set.PO-2.png",
        "OT.01.02-071-097.Set.PO-3.png",
    ]
    assert len(PdfReader(written[0]).pages) == 3


def test_watch_rebuilds_on_save_and_keeps_the_last_good_preview(tmp_path):
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    source = tmp_path / "sop.yaml"
    source.write_text(VALID, encoding="utf-8")
    folder = tmp_path / "pratinjau"
    render(source, folder)
    target = folder / "X.01.pdf"
    messages: list[str] = []
    errors = []
    worker = threading.Thread(
        target=watch_loop, args=(source, folder, False, messages.append, errors.append, 2), daemon=True
    )
    worker.start()
    time.sleep(0.5)
    first = target.read_bytes()
    source.write_text(VALID.replace("judul: Contoh", "judul: Contoh Baru"), encoding="utf-8")
    deadline = time.time() + 10
    while time.time() < deadline and target.read_bytes() == first:
        time.sleep(0.05)
    good = target.read_bytes()
    assert good != first and b"Contoh Baru" in PdfReader(target).metadata["/Title"].encode()
    time.sleep(0.3)
    source.write_text(VALID.replace("judul: Contoh", "judul: [rusak"), encoding="utf-8")
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert errors and errors[0].path == source
    assert target.read_bytes() == good
    assert any("Pratinjau diperbarui" in m for m in messages)


def test_parallel_workers_are_started_with_spawn(tmp_path, monkeypatch):
    used = []
    real = multiprocessing.get_context

    def recording(method=None):
        used.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", recording)
    report = build([DEFINITIONS / "monev-sop-ap.yaml", DEFINITIONS / "laporan-kinerja.yaml"], ["pdf"], tmp_path, jobs=2)
    assert used == ["spawn"] and report.count("dibuat") == 2


def test_an_oddly_written_number_does_not_rebuild_forever(tmp_path):
    shutil.copy(DEFINITIONS / "organisasi.yaml", tmp_path)
    (tmp_path / "aneh.yaml").write_text(VALID.replace("nomor: X.01", "nomor: >-\n  X.01"), encoding="utf-8")
    out = tmp_path / "out"
    assert build([tmp_path], ["pdf"], out).count("dibuat") == 1
    assert build([tmp_path], ["pdf"], out).count("mutakhir") == 1
    assert [p.name for p in out.glob("*.pdf")] == ["aneh.pdf"]


def test_buku_yaml_is_not_an_sop_and_a_failed_sop_makes_the_book_say_so(tmp_path):
    definitions = copy_definitions(tmp_path)
    (definitions / "buku.yaml").write_text("judul: [BUKU SOP BIRO UMUM]\ntahun: 2031\n", encoding="utf-8")
    (definitions / "rusak.yaml").write_text("nomor: X.99\njudul: [\n", encoding="utf-8")
    done = sopgen("book", str(definitions), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert "TIDAK LENGKAP" in done.stderr and "rusak.yaml (Nomor SOP X.99)" in done.stderr
    assert "buku.yaml" not in done.stderr  # not built as an SOP
    cover = PdfReader(tmp_path / "out" / "buku-sop.pdf").pages[0].extract_text()
    assert "BUKU SOP BIRO UMUM" in cover and "TAHUN 2031" in cover
