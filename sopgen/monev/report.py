"""Recap -> the draft *Laporan Monev SOP AP* (DOCX), for the Kabag to edit.

The fixed wording comes from the Jinja template `templates/monev/laporan.txt.j2`, in a small line
markup (see the template's header); this module reads the markup into blocks and puts the generated
parts where the template names them: the summary table (`@ringkasan`), a table of findings per SOP
(`@temuan`) and the list of SOPs recommended for revision (`@revisi`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

from docx import Document

from ..layout.document import Para
from ..templating import render
from ..writers.package import document_parts, emit, repack
from ..writers.section import section_page
from . import wordparts
from .layout import HEADER_FILL, REPORT_TABLE, REPORT_TEXT, REPORT_TITLE, ReportPage, report_page
from .recap import Recap, SopRecap
from .wordparts import WordCell, WordRow

TEMPLATE = "monev/laporan.txt.j2"
BlockKind = Literal["judul", "bab", "subbab", "teks", "butir", "tanda_tangan", "sisipan"]
INSERTS = ("ringkasan", "temuan", "revisi")
FOOTER = "Halaman {page} dari {pages}"
BULLET = "\u2022"
FORM_NAMES = {"monitoring": "Langkah", "evaluasi": "Kriteria"}


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


def context(recap: Recap, instansi: Sequence[str]) -> dict[str, Any]:
    forms = recap.total("monitoring_forms") + recap.total("evaluation_forms")
    return {
        "periode": recap.periode,
        "instansi": list(instansi),
        "units": [unit.unit for unit in recap.units],
        "jumlah_sop": len(recap.sops),
        "jumlah_unit": len(recap.units),
        "jumlah_formulir": forms,
        "jumlah_kosong": recap.total("empty_forms"),
        "langkah_dinilai": recap.total("steps_assessed"),
        "langkah_tidak_baik": recap.total("steps_not_well"),
        "kriteria_tidak": recap.total("criteria_tidak"),
        "jumlah_revisi": len(recap.to_revise),
    }


PREFIXES: tuple[tuple[str, BlockKind], ...] = (
    ("### ", "subbab"),
    ("## ", "bab"),
    ("# ", "judul"),
    ("- ", "butir"),
    (">", "tanda_tangan"),
)


def blocks(text: str) -> list[Block]:
    """The template's markup as blocks; consecutive text lines are one paragraph."""
    found: list[Block] = []
    paragraph: list[str] = []

    def close() -> None:
        if paragraph:
            found.append(Block("teks", " ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
            continue
        if line.startswith("@") and line[1:] in INSERTS:
            close()
            found.append(Block("sisipan", line[1:]))
            continue
        for prefix, kind in PREFIXES:
            if line.startswith(prefix) or (kind == "tanda_tangan" and line == ">"):
                close()
                found.append(Block(kind, line[len(prefix) :].strip()))
                break
        else:
            paragraph.append(line)
    close()
    return found


def _p(value: str, size: float = REPORT_TEXT, bold: bool = False, align: Any = "left") -> Para:
    return Para(value, size, bold, align)


class _Report:
    def __init__(self, doc: Any, recap: Recap, page: ReportPage):
        self.doc, self.recap, self.page = doc, recap, page
        self.signature: list[str] = []

    def add(self, xml: str) -> None:
        wordparts.add(self.doc, xml)

    def text(self, value: str) -> None:
        self.add(wordparts.paragraph(_p(value), after=6, align="both"))

    def block(self, block: Block) -> None:
        if block.kind != "tanda_tangan" and self.signature:
            self.sign()
        if block.kind == "judul":
            self.add(wordparts.paragraph(_p(block.text, REPORT_TITLE, True, "center"), extra=["<w:keepNext/>"]))
        elif block.kind == "bab":
            self.add(
                wordparts.paragraph(_p(block.text, REPORT_TEXT, True), before=18, after=6, extra=["<w:keepNext/>"])
            )
        elif block.kind == "subbab":
            self.add(wordparts.paragraph(_p(block.text, REPORT_TEXT, True), before=8, after=4, extra=["<w:keepNext/>"]))
        elif block.kind == "butir":
            self.add(wordparts.paragraph(Para(block.text, REPORT_TEXT, number=BULLET, indent=14.0), after=2))
        elif block.kind == "tanda_tangan":
            self.signature.append(block.text)
        elif block.kind == "sisipan":
            getattr(self, f"insert_{block.text}")()
        else:
            self.text(block.text)

    def sign(self) -> None:
        """The signature lines, centred in the right half of the page."""
        half = self.page.usable / 2
        paras = tuple(_p(line, align="center") for line in self.signature)
        row = WordRow((WordCell((), border=False), WordCell(paras, border=False, valign="top")))
        self.add(wordparts.spacer(12))
        self.add(wordparts.table([row], (half, self.page.usable - half), exact_lines=False))
        self.signature = []

    def table(self, name: str, heading: Sequence[str], rows: Sequence[Sequence[str]], aligns: str) -> None:
        """A table with a repeated heading row; `aligns` has one letter per column (l, c)."""
        columns = self.page.columns(name)
        align = {"l": "left", "c": "center"}
        head = WordRow(
            tuple(WordCell((_p(t, REPORT_TABLE, True, "center"),), fill=HEADER_FILL) for t in heading), header=True
        )
        body = [
            WordRow(
                tuple(
                    WordCell((_p(value, REPORT_TABLE, align=align[a]),), valign="top") for value, a in zip(row, aligns)
                )
            )
            for row in rows
        ]
        self.add(wordparts.table([head, *body], columns, exact_lines=False))
        self.add(wordparts.spacer(6))

    def insert_ringkasan(self) -> None:
        rows = [
            [
                f"{n}.",
                sop.nomor,
                sop.judul,
                str(sop.steps_assessed),
                str(sop.steps_not_well),
                str(sop.criteria_tidak),
                "Revisi" if sop.revise else "Tetap",
            ]
            for n, sop in enumerate(self.recap.sops, start=1)
        ]
        heading = (
            "No.",
            "Nomor SOP",
            "Judul SOP",
            "Langkah dinilai",
            "Tidak berjalan baik",
            "Kriteria Tidak",
            "Rekomendasi",
        )
        self.table("ringkasan", heading, rows, "cllcccc")

    def insert_temuan(self) -> None:
        for number, sop in enumerate(self.recap.sops, start=1):
            self.add(
                wordparts.paragraph(
                    _p(f"{number}. {sop.judul} ({sop.nomor})", REPORT_TEXT, True),
                    before=4,
                    after=4,
                    extra=["<w:keepNext/>"],
                )
            )
            if not sop.monitored:
                self.text("Formulir SOP AP ini belum diisi oleh unit.")
                continue
            if not sop.findings:
                self.text(_no_findings(sop))
                continue
            rows = [
                [
                    f"{n}.",
                    f.unit,
                    f"{FORM_NAMES[f.kind]} {f.number}: {f.text}",
                    f.nilai,
                    f.catatan or "-",
                    f.tindakan or "-",
                ]
                for n, f in enumerate(sop.findings, start=1)
            ]
            heading = (
                "No.",
                "Unit",
                "Langkah / kriteria",
                "Penilaian",
                "Catatan hasil penilaian",
                "Tindakan yang harus diambil",
            )
            self.table("temuan", heading, rows, "clllll")

    def insert_revisi(self) -> None:
        for number, sop in enumerate(self.recap.to_revise, start=1):
            para = Para(f"{sop.judul} ({sop.nomor}): {sop.reasons}.", REPORT_TEXT, number=f"{number}.", indent=18.0)
            self.add(wordparts.paragraph(para, after=3))


def _no_findings(sop: SopRecap) -> str:
    parts = []
    if sop.steps_assessed:
        parts.append("seluruh langkah yang dinilai berjalan dengan baik")
    if sop.criteria_ya:
        parts.append("seluruh kriteria evaluasi dijawab Ya")
    return ("Tidak ada temuan: " + " dan ".join(parts) + ".") if parts else "Tidak ada temuan."


def build(recap: Recap, instansi: Sequence[str] = (), paper: str = "F4") -> Any:
    page = report_page(paper)
    doc = Document()
    title = f"Laporan Monev SOP AP {recap.periode}"
    wordparts.setup(doc, title, "Monitoring dan evaluasi penerapan SOP AP")
    body = doc.element.body
    for child in list(body)[:-1]:
        body.remove(child)
    section = doc.sections[0]
    section_page(section, page.width, page.height, page.margins)
    wordparts.footer(section, title, FOOTER, 8.0, page.usable, own_pages=False)
    report = _Report(doc, recap, page)
    for block in blocks(render(TEMPLATE, **context(recap, instansi))):
        report.block(block)
    if report.signature:
        report.sign()
    return doc


def write(recap: Recap, target: Path | BinaryIO, instansi: Sequence[str] = (), paper: str = "F4") -> None:
    emit(target, repack(document_parts(build(recap, instansi, paper))))
