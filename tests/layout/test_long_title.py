"""A long title wraps above the flowchart in every format instead of running into the table."""

from __future__ import annotations

import io
import zipfile

from conftest import VALID

from sopgen.layout.document import Table, TextBlock
from sopgen.pipeline import prepare
from sopgen.writers import docx, xlsx

LONG = (
    "Penyusunan, Penelaahan, Pengendalian, Pemantauan, dan Evaluasi Pelaksanaan Rencana Kerja dan Anggaran "
    "Kementerian serta Pelaporan Kinerja Tahunan kepada Pimpinan dan Unit Kerja Terkait di Lingkungan Kementerian"
)


def test_a_long_title_wraps_and_pushes_the_table_down(folder):
    document = prepare(folder(VALID.replace("judul: Contoh", f"judul: {LONG}"))).laid_out
    page = next(p for p in document.pages if any(isinstance(b, TextBlock) for b in p.blocks))
    title = next(b for b in page.blocks if isinstance(b, TextBlock))
    table = next(b for b in page.blocks if isinstance(b, Table) and b.kind == "prosedur")
    assert len(title.lines) == 2 and title.box.h > 21
    assert all(title.box.y < line.baseline < title.box.bottom for line in title.lines)
    assert table.box.y >= title.box.bottom
    sheet = zipfile.ZipFile(_written(xlsx, document)).read("xl/worksheets/sheet1.xml").decode()
    assert f'ht="{title.box.h:g}"' in sheet  # the title row is as tall as its wrapped lines
    body = zipfile.ZipFile(_written(docx, document)).read("word/document.xml").decode()
    assert f'w:line="{round(title.paras[0].size * 9.75 / 8 * 20)}" w:lineRule="exact"' in body


def test_a_short_title_keeps_its_single_line(folder):
    document = prepare(folder(VALID)).laid_out
    title = next(b for p in document.pages for b in p.blocks if isinstance(b, TextBlock))
    assert len(title.lines) == 1 and title.box.h == 21


def _written(writer, document) -> io.BytesIO:
    buffer = io.BytesIO()
    writer.write(document, buffer)
    return buffer
