"""`sopgen monev rekap`: a folder of filled forms -> the recap workbook, the draft report, the history.

Nothing is written unless every form could be read: a form with an unreadable cell or a value
outside the list is reported (file, sheet, cell) and the recap waits until it is fixed. The period
is the one the forms carry (all must agree). The history beside the definitions records which SOPs
were monitored in the period, for `sopgen status`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ..errors import Diagnostic, OutputError, UserError
from ..files import write_atomic
from .read import FilledForm, Reading, read_folder
from .recap import Recap, summarise

RECAP_NAME = "rekap-monev.xlsx"
REPORT_NAME = "laporan-monev.docx"


@dataclass
class RecapReport:
    reading: Reading
    recap: Recap | None = None
    outputs: list[Path] = field(default_factory=list)
    history: Path | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.reading.errors)


def _consistency(forms: list[FilledForm], folder: Path) -> list[Diagnostic]:
    """One period per recap, and one form per SOP, unit and kind."""
    problems = []
    periods = sorted({f.meta.periode for f in forms})
    if len(periods) > 1:
        listed = ", ".join(f"`{p}`" for p in periods)
        problems.append(
            Diagnostic(folder, None, None, f"formulir dari beberapa periode ({listed}); rekap satu periode per folder")
        )
    seen: dict[tuple[str, str, str, str], FilledForm] = {}
    for form in forms:
        key = (form.meta.periode, form.meta.kind, form.meta.nomor.casefold(), form.meta.unit.casefold())
        if key in seen:
            first = seen[key]
            problems.append(
                Diagnostic(
                    form.path,
                    None,
                    None,
                    f'lembar "{form.meta.sheet}": formulir {form.meta.kind} SOP {form.meta.nomor} unit '
                    f'{form.meta.unit} sudah ada di {first.path} (lembar "{first.meta.sheet}"); simpan satu saja',
                )
            )
        else:
            seen[key] = form
    return problems


class _Definitions:
    """The definitions folder: where the history goes, and each SOP's definition by number."""

    def __init__(self, folder: Path | None):
        from ..discovery import discover, quick_nomor

        self.folder = folder
        self.by_number: dict[str, Path] = {}
        self.instansi: list[str] = []
        if folder is None:
            return
        sources, _ = discover([folder])
        for source in sources:
            self.by_number.setdefault(quick_nomor(source).casefold(), source)
        try:
            from ..definition.loader import load_organisation

            self.instansi = list(load_organisation(folder).organisasi.instansi)
        except UserError:
            self.instansi = []

    def locate(self, nomor: str, recorded: str) -> Path | None:
        found = self.by_number.get(nomor.casefold())
        if found is not None:
            return found
        path = Path(recorded)
        return path if recorded and path.is_file() else None


def _changed(forms: list[FilledForm], locate: dict[str, Path | None]) -> list[Diagnostic]:
    """A warning where a definition has a different number of steps than its monitoring form."""
    from ..definition.loader import load_sop

    steps: dict[Path, int | None] = {}
    found = []
    for form in forms:
        source = locate.get(form.meta.nomor.casefold())
        if form.meta.kind != "monitoring" or source is None:
            continue
        if source not in steps:
            try:
                steps[source] = len(load_sop(source).document.sop.langkah)
            except UserError:
                steps[source] = None
        count = steps[source]
        if count is not None and count != len(form.answers):
            found.append(
                Diagnostic(
                    form.path,
                    None,
                    None,
                    f'lembar "{form.meta.sheet}": formulir berisi {len(form.answers)} langkah, definisi {source} kini '
                    f"{count} langkah; definisinya berubah sejak formulir dibuat",
                    "warning",
                )
            )
    return found


def run_recap(folder: Path, out: Path, definitions: Path, tanggal: dt.date, keep_history: bool = True) -> RecapReport:
    """Read the forms under `folder`, write the recap and the report into `out`, and record the history
    in `definitions` (unless not `keep_history`; the definitions still name the institution and the
    definition files, when the folder is there)."""
    from . import history, recap_xlsx, report

    targets = (out / RECAP_NAME, out / REPORT_NAME)
    reading = read_folder(folder, targets)
    result = RecapReport(reading)
    if keep_history and not definitions.is_dir():
        result.errors.append(
            Diagnostic(
                definitions,
                None,
                None,
                "folder definisi tidak ditemukan; sebutkan dengan --definisi FOLDER, atau --tanpa-riwayat untuk "
                "merekap tanpa mencatat riwayat monitoring",
            )
        )
    if not reading.files and not reading.errors:
        result.errors.append(
            Diagnostic(folder, None, None, "tidak ada formulir Monev di folder ini; buat dengan `sopgen monev buat`")
        )
    result.errors.extend(_consistency(reading.forms, folder))
    if result.failed:
        return result
    known = _Definitions(definitions if definitions.is_dir() else None)
    located = {f.meta.nomor.casefold(): known.locate(f.meta.nomor, f.meta.definisi) for f in reading.forms}
    result.warnings.extend(_changed(reading.forms, located))
    periode = reading.forms[0].meta.periode if reading.forms else ""
    recap = summarise(reading.forms, periode, lambda nomor: located.get(nomor.casefold()))
    result.recap = recap
    papers = Counter(f.meta.kertas for f in reading.forms)
    paper = papers.most_common(1)[0][0] if papers else "F4"
    try:
        write_atomic(targets[0], partial(recap_xlsx.write, recap, paper=paper))
        result.outputs.append(targets[0])
        write_atomic(targets[1], partial(report.write, recap, instansi=known.instansi, paper=paper))
        result.outputs.append(targets[1])
    except OutputError as exc:
        result.errors.append(Diagnostic(None, None, None, str(exc)))
        return result
    monitored = [sop.nomor for sop in recap.monitored]
    if not keep_history:
        return result
    if not monitored:
        result.warnings.append(
            Diagnostic(folder, None, None, "belum ada formulir yang diisi; riwayat monitoring tidak dicatat", "warning")
        )
        return result
    missing = [sop.nomor for sop in recap.monitored if sop.definisi is None]
    if missing:
        result.warnings.append(
            Diagnostic(
                definitions,
                None,
                None,
                f"definisi SOP {', '.join(missing)} tidak ditemukan di folder ini; riwayatnya tetap dicatat",
                "warning",
            )
        )
    try:
        result.history = history.record(definitions, periode, tanggal, monitored)
    except (OutputError, UserError) as exc:
        messages = exc.diagnostics if isinstance(exc, UserError) else [Diagnostic(None, None, None, str(exc))]
        result.errors.extend(messages)
    return result
