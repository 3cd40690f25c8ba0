"""All SOPs -> the SOP book and the register workbook.

The book holds what Permenpan RB 35/2012 lists, in its order: the cover, the decree enacting the SOPs,
the contents (with each SOP's current revision), the explanation, the sheets, and an index of actors.
Files beside the definitions drive the optional parts:

- `buku.yaml`: the cover's title and year (see `book_settings`); without it the cover keeps the
  standard title and the year of the latest date that has come;
- `keputusan.yaml`: the decree's settings; sopgen writes the draft decree (DOCX and PDF) from them, and
  binds the draft's pages, marked DRAF, until the signed decree is there;
- `keputusan.pdf`: the signed decree, bound as it is (instead of the draft);
- `penjelasan.yaml` or `penjelasan.md`: the explanation's scope, summary and the user's own terms.

SOPs no longer in force (`Sop.in_force` is False) are left out of the book unless asked for; then they
are bound, marked. The register lists every SOP either way.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .definition.model import MINUTES_PER, SopDocument
from .errors import Diagnostic, UserError
from .folders import BOOK_SETTINGS_NAME as BOOK_FILE
from .folders import (
    DECREE_DRAFT_STEM,
    DECREE_SETTINGS_NAME,
    EXPLANATION_MARKDOWN_NAME,
    EXPLANATION_NAME,
    SIGNED_DECREE_NAME,
)
from .layout import LaidOutDocument
from .layout.book import PART_DECREE, TITLE_LINES, BookLayout, DecreeLayout, Explanation, SignedDecree, layout_book
from .pipeline import prepare
from .writers.register_xlsx import Column, PrintSetup, RegisterRow

if TYPE_CHECKING:
    from .decree import DecreeSettings
    from .explanation import ExplanationSettings

WORKDAY_HOURS = MINUTES_PER["hari"] // 60

MAX_TITLE_LINES = 5
MAX_TITLE_LINE = 80
"""Most characters in one line of the cover's title; a line within it that is still too wide for the
page is printed smaller."""
YEARS = (1945, 2100)


@dataclass
class Chapter:
    source: Path
    document: SopDocument
    layout: LaidOutDocument
    stem: str


@dataclass(frozen=True)
class BookSettings:
    """What `buku.yaml` sets; None keeps the default."""

    judul: tuple[str, ...] | None = None
    """The cover's title, line by line, top-down."""
    tahun: int | None = None
    """The year printed on the cover."""
    path: Path | None = None
    """The file read, if any."""
    warnings: list[Diagnostic] = field(default_factory=list, compare=False)


def natural_key(text: str) -> list:
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def collect(
    sources: list[Path], stems: dict[Path, str], out: Path | None = None
) -> tuple[list[Chapter], list[Diagnostic]]:
    """Load and lay out every SOP, in order of number; the ones with errors are reported, not bound.

    With `out`, an SOP that `build` laid out there and that has not changed since is taken from the
    layout cache instead of being laid out again."""
    from .cache import fetch
    from .library import batch

    chapters, problems = [], []
    links = batch(sources, out)  # as build reads them
    stamps: dict[Path, str] = {}
    if out is not None:
        from .build import source_fingerprints

        stamps = source_fingerprints(sources, links)
    for source in sources:
        kept = fetch(out, stems[source], stamps[source]) if out is not None else None
        if kept is not None:
            document, laid_out = kept
            chapters.append(Chapter(source, document, laid_out, stems[source]))
            continue
        try:
            prepared = prepare(source, library=links.library)
        except UserError as exc:
            problems.extend(exc.diagnostics)
            continue
        chapters.append(Chapter(source, prepared.document, prepared.laid_out, stems[source]))
    chapters.sort(key=lambda c: natural_key(c.document.sop.nomor))
    return chapters, problems


def _same(first: Path | None, second: Path) -> bool:
    if first is None:
        return False
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second


def incomplete_notice(
    sources: Sequence[Path],
    chapters: Sequence[Chapter],
    problems: Sequence[Diagnostic],
    shown: Callable[[Path], str] = str,
) -> str | None:
    """The plain Indonesian notice that the book and register leave SOPs out, naming each one by
    file and number (when its `nomor` line can be read); None when every SOP is in the book.

    `problems` are collect()'s: each left-out SOP is told with how many errors its file has, or
    that its folder's organisation profile has them. `shown` writes a path as the user knows it.
    """
    from .definition.loader import ORGANISATION_FILE
    from .discovery import quick_nomor

    bound = [chapter.source for chapter in chapters]
    missing = [s for s in dict.fromkeys(sources) if not any(_same(s, b) for b in bound)]
    if not missing:
        return None
    total = len(bound) + len(missing)
    lines = [
        f"Buku SOP dan daftar SOP TIDAK LENGKAP: {len(missing)} dari {total} SOP tidak dimuat "
        "karena definisinya bermasalah:"
    ]
    for source in missing:
        nomor = quick_nomor(source)
        named = f"Nomor SOP {nomor}" if nomor else "nomor SOP tidak terbaca"
        errors = sum(1 for d in problems if d.severity == "error" and _same(d.path, source))
        profile = source.parent / ORGANISATION_FILE
        if errors:
            cause = f"{errors} kesalahan"
        elif any(_same(d.path, profile) for d in problems):
            cause = f"profil organisasi {shown(profile)} bermasalah"
        else:
            cause = "tidak dapat dimuat"
        lines.append(f"  - {shown(source)} ({named}): {cause}")
    lines.append("Perbaiki kesalahan yang tercantum di atas, lalu jalankan `sopgen book` lagi.")
    return "\n".join(lines)


def duration(minutes: float) -> str:
    """Minutes as working days, hours and minutes: `2 hari 3 jam 15 menit`."""
    minutes = int(round(minutes))
    days, rest = divmod(minutes, MINUTES_PER["hari"])
    hours, mins = divmod(rest, 60)
    parts = [f"{days} hari" if days else "", f"{hours} jam" if hours else "", f"{mins} menit" if mins else ""]
    return " ".join(p for p in parts if p) or "0 menit"


def book_year(chapters: Sequence[Chapter], today: dt.date | None = None) -> int:
    """The latest date of making, coming into force or revision that has come (a date in the future
    is left out, so an SOP in force from next January does not date the book next year); this year
    when there is none."""
    today = today or dt.date.today()
    dates: list[dt.date | None] = []
    for chapter in chapters:
        sop = chapter.document.sop
        dates += [sop.tanggal_pembuatan, sop.tanggal_efektif] + [r.tanggal for r in sop.revisi]
    return max((d for d in dates if d and d <= today), default=today).year


def settings_folder(sources: Sequence[Path]) -> Path | None:
    """The folder `buku.yaml` is read from: the one all the definitions are in (or under)."""
    folders = sorted({str(source.parent.resolve()) for source in sources})
    if not folders:
        return None
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return Path(folders[0])


def _lines(value: Any) -> Any:
    """`judul` may be one text (lines split at line breaks) or a list of lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return value


def read_settings(path: Path) -> BookSettings:
    """Read `buku.yaml`; every problem is raised at once as a UserError with its place."""
    from .definition.source import read

    source = read(path)
    data = source.data if source.data is not None else {}  # only comments: the defaults
    if not isinstance(data, dict):
        raise UserError([source.diagnostic((), "isi berkas harus berupa pemetaan (kunci: nilai) di tingkat teratas")])
    problems: list[Diagnostic] = []
    for key in data:
        if key not in ("judul", "tahun"):
            close = difflib.get_close_matches(str(key), ["judul", "tahun"], n=1, cutoff=0.6)
            hint = f"; maksudnya `{close[0]}`?" if close else "; yang dikenal: `judul` dan `tahun`"
            problems.append(source.diagnostic((key,), f"kunci `{key}` tidak dikenal{hint}", key=True))
    judul: tuple[str, ...] | None = None
    if data.get("judul") is not None:
        lines = _lines(data["judul"])
        if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
            problems.append(
                source.diagnostic(("judul",), "judul: tulis sebagai daftar baris teks (setiap baris diawali `- `)")
            )
        elif not [line for line in lines if line.strip()]:
            problems.append(source.diagnostic(("judul",), "judul: tidak boleh kosong"))
        elif len(lines) > MAX_TITLE_LINES:
            problems.append(source.diagnostic(("judul",), f"judul: paling banyak {MAX_TITLE_LINES} baris"))
        else:
            for index, line in enumerate(lines):
                if len(line.strip()) > MAX_TITLE_LINE:
                    problems.append(
                        source.diagnostic(
                            ("judul", index), f"judul baris {index + 1}: paling panjang {MAX_TITLE_LINE} karakter"
                        )
                    )
            judul = tuple(" ".join(line.split()) for line in lines if line.strip())
    tahun: int | None = None
    if data.get("tahun") is not None:
        value = data["tahun"]
        if isinstance(value, str) and re.fullmatch(r"[0-9]{1,4}", value.strip()):
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool) or not YEARS[0] <= value <= YEARS[1]:
            problems.append(
                source.diagnostic(
                    ("tahun",), f"tahun: `{data['tahun']}` bukan tahun yang sah; tulis empat angka, misalnya 2024"
                )
            )
        else:
            tahun = value
    if problems:
        raise UserError(problems)
    return BookSettings(judul, tahun, path, source.warnings)


def book_settings(sources: Sequence[Path]) -> BookSettings:
    """The settings in `buku.yaml` of the definitions' folder, or the defaults when it has none, e.g.

    judul:
      - BUKU
      - STANDAR OPERASIONAL PROSEDUR
      - BIRO UMUM
    tahun: 2024
    """
    folder = settings_folder(sources)
    if folder is None:
        return BookSettings()
    path = folder / BOOK_FILE
    if not path.is_file():
        return BookSettings()
    return read_settings(path)


@dataclass(frozen=True)
class BookParts:
    """What the files beside the definitions add to the book; None where the file is not there."""

    decree: DecreeSettings | None = None
    signed: SignedDecree | None = None
    explanation: ExplanationSettings | None = None
    warnings: list[Diagnostic] = field(default_factory=list, compare=False)


def read_parts(folder: Path | None) -> BookParts:
    """Read `keputusan.yaml`, `keputusan.pdf` and `penjelasan.yaml`/`.md` of `folder`; the problems of
    every file are raised at once as a UserError, each at its place."""
    from .decree import read_decree, read_signed
    from .explanation import read_explanation

    if folder is None:
        return BookParts()
    explanations = [
        folder / name for name in (EXPLANATION_NAME, EXPLANATION_MARKDOWN_NAME) if (folder / name).is_file()
    ]
    readers: list[tuple[Path, Callable[[Path], Any]]] = [
        (folder / DECREE_SETTINGS_NAME, read_decree),
        (folder / SIGNED_DECREE_NAME, read_signed),
        *((path, read_explanation) for path in explanations[:1]),
    ]
    found: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for path, reader in readers:
        if not path.exists():
            continue
        try:
            found[path.name] = reader(path)
        except UserError as exc:
            problems.extend(exc.diagnostics)
    if len(explanations) > 1:
        both = f"ada {EXPLANATION_NAME} dan {EXPLANATION_MARKDOWN_NAME}: pakai salah satu saja"
        problems.append(Diagnostic(explanations[1], None, None, both))
    if problems:
        raise UserError(problems)
    decree = found.get(DECREE_SETTINGS_NAME)
    explanation = next((found[p.name] for p in explanations[:1] if p.name in found), None)
    warnings = [w for part in (decree, explanation) if part is not None for w in part.warnings]
    return BookParts(decree, found.get(SIGNED_DECREE_NAME), explanation, warnings)


def book_parts(sources: Sequence[Path]) -> BookParts:
    """The book's parts from the files in the definitions' folder (the one `buku.yaml` is read from)."""
    return read_parts(settings_folder(sources))


@dataclass
class BookPlan:
    """Everything the book binds, read and composed; nothing written yet."""

    chapters: list[Chapter]
    """The SOPs bound, in order."""
    left_out: list[Chapter]
    """SOPs no longer in force, left out of the book."""
    year: int
    title: tuple[str, ...]
    statuses: list[str | None]
    decree: DecreeLayout | SignedDecree | None = None
    decree_title: str = PART_DECREE
    draft: DecreeLayout | None = None
    """The draft decree, when `keputusan.yaml` is there (written beside the book)."""
    explanation: Explanation | None = None
    warnings: list[Diagnostic] = field(default_factory=list)


def plan_book(
    chapters: Sequence[Chapter],
    settings: BookSettings | None = None,
    parts: BookParts | None = None,
    include_revoked: bool = False,
    today: dt.date | None = None,
) -> BookPlan:
    """Which SOPs the book binds and what its other parts say. Without `settings` or `parts`, the
    files beside the chapters' definitions are read (a problem in one is a UserError)."""
    from .decree import draft as draft_decree
    from .decree import title as decree_title
    from .explanation import compose

    sources = [c.source for c in chapters]
    settings = settings if settings is not None else book_settings(sources)
    parts = parts if parts is not None else book_parts(sources)
    in_force = [c for c in chapters if c.document.sop.in_force]
    bound = list(chapters) if include_revoked else in_force
    year = settings.tahun if settings.tahun is not None else book_year(chapters, today)
    plan = BookPlan(
        bound,
        [c for c in chapters if c not in bound],
        year,
        tuple(settings.judul or TITLE_LINES),
        [None if c.document.sop.in_force else c.document.sop.status_text for c in bound],
    )
    if parts.decree is not None:
        plan.draft = draft_decree(parts.decree, [c.document for c in in_force], year)
        plan.decree_title = decree_title(parts.decree)
    plan.decree = parts.signed or plan.draft
    if parts.explanation is not None and bound:
        others = [c.document for c in plan.left_out]
        plan.explanation, plan.warnings = compose(parts.explanation, [c.document for c in bound], others)
    return plan


def write_book(
    chapters: list[Chapter],
    target: Path | BinaryIO,
    settings: BookSettings | None = None,
    today: dt.date | None = None,
    *,
    plan: BookPlan | None = None,
) -> int:
    """Lay out and draw the book; return its page count. Without a `plan`, the files beside the
    chapters' definitions are read (a problem in one is a UserError) and the SOPs in force are bound."""
    from .writers import book_pdf

    if plan is None:
        plan = plan_book(chapters, settings, today=today)
    if not plan.chapters:
        raise UserError([Diagnostic(None, None, None, "tidak ada SOP yang berlaku untuk dibukukan")])
    book = layout_plan(plan)
    book_pdf.write(book, target)
    return book.total


def layout_plan(plan: BookPlan) -> BookLayout:
    """The book's layout: its planned chapters and parts laid out."""
    return layout_book(
        [c.document for c in plan.chapters],
        [c.layout for c in plan.chapters],
        plan.year,
        plan.title,
        decree=plan.decree,
        decree_title=plan.decree_title,
        explanation=plan.explanation,
        statuses=plan.statuses,
    )


def draft_targets(out: Path) -> tuple[Path, Path]:
    """Where `sopgen book` writes the draft decree: DOCX and PDF."""
    return out / f"{DECREE_DRAFT_STEM}.docx", out / f"{DECREE_DRAFT_STEM}.pdf"


def write_draft(draft: DecreeLayout, out: Path) -> tuple[Path, Path]:
    """Write the draft decree as DOCX and PDF into `out`, each whole or not at all."""
    from .files import write_atomic
    from .writers import book_pdf, decree_docx

    docx_target, pdf_target = draft_targets(out)
    write_atomic(docx_target, lambda stream: decree_docx.write(draft, stream))
    write_atomic(pdf_target, lambda stream: book_pdf.write_decree(draft, stream))
    return docx_target, pdf_target


REGISTER_COLUMNS = [
    Column("No.", 5, "center"),
    Column("Nomor SOP", 26),
    Column("Judul SOP", 48),
    Column("Jenis", 8),
    Column("SOP Makro Induk", 26),
    Column("Status", 14),
    Column("Unit", 34),
    Column("Tanggal Pembuatan", 16, "center"),
    Column("Tanggal Efektif", 16, "center"),
    Column("Tanggal Revisi Terakhir", 18, "center"),
    Column("Revisi ke", 9, "center"),
    Column("Catatan Revisi Terakhir", 40),
    Column("Jumlah Langkah", 10, "center"),
    Column(f"Total Waktu (1 hari = {WORKDAY_HOURS} jam kerja)", 26),
    Column("Total (menit)", 11),
]
LINK_COLUMNS = [Column(suffix.upper(), 30) for suffix in ("pdf", "xlsx", "docx")]
NONE = "-"
"""What a date or note the SOP does not have shows."""


def parents(chapters: Sequence[Chapter]) -> dict[Path, list[str]]:
    """The makro SOPs of each SOP: those of the library that link to it, and, for a mikro SOP, the
    makro SOPs it links to itself; numbers in book order, once each."""
    by_number = {c.document.sop.nomor: c for c in chapters}
    found: dict[Path, list[str]] = {c.source: [] for c in chapters}
    for chapter in chapters:
        sop = chapter.document.sop
        for related in chapter.document.related:
            if related is None or related.nomor not in by_number:
                continue
            child = by_number[related.nomor]
            if sop.jenis == "makro" and child.document.sop.jenis != "makro":
                found[child.source].append(sop.nomor)
            elif sop.jenis == "mikro" and related.jenis == "makro":
                found[chapter.source].append(related.nomor)
    order = {c.document.sop.nomor: i for i, c in enumerate(chapters)}
    return {source: sorted(set(numbers), key=lambda n: order[n]) for source, numbers in found.items()}


def _register_date(day: dt.date) -> str | dt.date:
    """An Excel date, or the month and year as text for a date known only to its month."""
    from .dates import bulan_tahun, month_only

    return bulan_tahun(day) if month_only(day) else day


def register_row(chapter: Chapter, number: int, makro: Sequence[str] = ()) -> RegisterRow:
    sop = chapter.document.sop
    last = sop.revisi_terakhir
    minutes = sum(step.waktu.minutes for step in sop.langkah if step.waktu)
    values: tuple[str | int | dt.date, ...] = (
        number,
        sop.nomor,
        sop.judul,
        sop.jenis.capitalize() if sop.jenis else NONE,
        ", ".join(makro) or NONE,
        sop.status_text[:1].upper() + sop.status_text[1:],
        ", ".join(sop.unit),
        _register_date(sop.tanggal_pembuatan),
        _register_date(sop.tanggal_efektif) if sop.tanggal_efektif else NONE,
        _register_date(last.tanggal) if last else NONE,
        (last.ke if last.ke is not None else NONE) if last else 0,
        (last.catatan.strip() or NONE) if last else NONE,
        len(sop.langkah),
        duration(minutes),
        int(round(minutes)),
    )
    return RegisterRow(values, tuple(f"{chapter.stem}.{suffix}" for suffix in ("pdf", "xlsx", "docx")))


def makro_tree(chapters: Sequence[Chapter]) -> list[str]:
    """The makro -> mikro tree of the library, a line per SOP: each makro SOP, its mikro SOPs indented
    under it; SOPs in neither role at the end."""
    of = parents(chapters)
    children: dict[str, list[Chapter]] = {}
    for chapter in chapters:
        for nomor in of[chapter.source]:
            children.setdefault(nomor, []).append(chapter)
    lines = []
    placed: set[Path] = set()
    for chapter in chapters:
        sop = chapter.document.sop
        if sop.nomor not in children:
            continue
        lines.append(f"{sop.nomor} {sop.judul}")
        placed.add(chapter.source)
        kids = children[sop.nomor]
        for index, child in enumerate(kids):
            branch = "└─" if index == len(kids) - 1 else "├─"
            lines.append(f"  {branch} {child.document.sop.nomor} {child.document.sop.judul}")
            placed.add(child.source)
    rest = [c for c in chapters if c.source not in placed]
    if rest:
        lines.append("Tanpa keterkaitan makro/mikro:")
        lines += [f"  - {c.document.sop.nomor} {c.document.sop.judul}" for c in rest]
    return lines


def register_paper(chapters: Sequence[Chapter]) -> str:
    """The paper most SOPs are printed on (F4 when there are none)."""
    return Counter(c.document.kertas for c in chapters).most_common(1)[0][0] if chapters else "F4"


def write_register(chapters: list[Chapter], target: Path | BinaryIO) -> None:
    """The register of all SOPs, with filters, a frozen header, links to each file and a print setup."""
    from .writers import register_xlsx

    makro = parents(chapters)
    rows = [register_row(chapter, number, makro[chapter.source]) for number, chapter in enumerate(chapters, start=1)]
    setup = PrintSetup(paper=register_paper(chapters))
    register_xlsx.write(REGISTER_COLUMNS, LINK_COLUMNS, rows, target, setup)
