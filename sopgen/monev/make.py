"""`sopgen monev buat`: definitions -> the Monev forms of every SOP, for every unit, in every format.

Files go to `<out>/<periode>/<unit>/`: by default one file per SOP and form
(`<SOP number>-monitoring.xlsx`, `<SOP number>-evaluasi.pdf`, ...), or with `combined` one file per
form holding every SOP (`formulir-monitoring.xlsx`, a sheet per SOP). SOPs are named as `build`
names their sheets. A definition that cannot be read is reported and the others are still made;
every file is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO, Literal, Protocol

from ..definition.model import SopDocument
from ..errors import Diagnostic, OutputError, UserError
from ..files import safe_stem, write_atomic
from .forms import KINDS, TITLES, FormKind, default_unit, forms_for
from .layout import SHRINK, FormLayout, RowTooTall, layout

FORMATS = ("xlsx", "docx", "pdf")
COMBINED_STEM = "formulir-{kind}"
Status = Literal["dibuat", "dilewati", "gagal"]


class FormWriter(Protocol):
    def __call__(self, forms: Sequence[FormLayout], target: Path | BinaryIO, title: str | None = None) -> None: ...


def writer(name: str) -> FormWriter:
    """The writer of a format, imported on first use."""
    if name == "xlsx":
        from . import xlsx

        return xlsx.write
    if name == "docx":
        from . import docx

        return docx.write
    from . import pdf

    return pdf.write


def period_folder(out: Path, periode: str) -> Path:
    """The period's folder: its name safe on every system (`Semester I 2026` -> `Semester-I-2026`)."""
    return out / safe_stem(periode, "periode")


def unit_folder(unit: str) -> str:
    return safe_stem(unit, "unit")


@dataclass
class Made:
    """What became of one definition."""

    source: Path
    status: Status
    nomor: str = ""
    judul: str = ""
    units: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


@dataclass
class MakeReport:
    folder: Path
    results: list[Made]
    missing: list[Diagnostic]
    outputs: list[Path] = field(default_factory=list)
    """Every file written (the combined files included)."""
    errors: list[Diagnostic] = field(default_factory=list)
    """Combined files that could not be written."""

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> int:
        return self.count("gagal") + len(self.missing) + len(self.errors)


def _write(path: Path, forms: Sequence[FormLayout], fmt: str, title: str) -> None:
    write_atomic(path, partial(writer(fmt), forms, title=title))


def _title(kind: FormKind, periode: str, unit: str) -> str:
    return f"{TITLES[kind]}, {periode}, {unit}"


def _too_long(document: SopDocument, unit: str, exc: RowTooTall) -> Diagnostic:
    """A text too long for the tallest row a form can have, pointed at in the definition."""
    smallest = f"{SHRINK[-1]:g} pt"
    if exc.item is not None:
        line, column = document.where("langkah", exc.item - 1)
        message = (
            f"langkah {exc.item}: `kegiatan` terlalu panjang untuk satu baris Formulir Monitoring, juga dengan huruf "
            f"{smallest}; pendekkan atau pecah menjadi beberapa langkah"
        )
    else:
        line, column = document.where("judul")
        message = f"judul atau unit `{unit}` terlalu panjang untuk formulir, juga dengan huruf {smallest}; pendekkan"
    return Diagnostic(document.source, line, column, message)


def make_one(
    source: Path, stem: str, periode: str, units: Sequence[str], formats: Sequence[str], folder: Path, combined: bool
) -> tuple[Made, dict[tuple[str, FormKind], list[FormLayout]]]:
    """Load one definition and write its forms (unless combined: then return them for the shared files)."""
    from ..definition.loader import load_sop

    made = Made(source, "gagal")
    collected: dict[tuple[str, FormKind], list[FormLayout]] = {}
    try:
        loaded = load_sop(source)
    except UserError as exc:
        made.errors = exc.diagnostics
        return made, collected
    document = loaded.document  # the definition's own warnings (lint) are `check`'s to show, not the forms'
    made.nomor, made.judul = document.sop.nomor, document.sop.judul
    if not document.sop.in_force:
        made.status = "dilewati"
        made.warnings = [Diagnostic(source, None, None, f"SOP {document.sop.status_text}: tidak dimonitor", "warning")]
        return made, collected
    made.units = list(units) or [default_unit(document)]
    for unit in made.units:
        for form in forms_for(document, periode, unit, source.as_posix()):
            try:
                laid_out = layout(form)
            except RowTooTall as exc:
                made.errors.append(_too_long(document, unit, exc))
                return made, {}
            if combined:
                collected.setdefault((unit, form.kind), []).append(laid_out)
                continue
            for fmt in formats:
                target = folder / unit_folder(unit) / f"{stem}-{form.kind}.{fmt}"
                try:
                    _write(target, [laid_out], fmt, _title(form.kind, periode, unit))
                except OutputError as exc:
                    made.errors.append(Diagnostic(source, None, None, str(exc)))
                    continue
                made.outputs.append(target)
    if not made.errors:
        made.status = "dibuat"
    return made, collected


def make_forms(
    paths: Sequence[Path],
    periode: str,
    units: Sequence[str],
    formats: Sequence[str],
    out: Path,
    combined: bool = False,
    on_plan: Callable[[int], None] = lambda total: None,
    on_done: Callable[[Made], None] = lambda made: None,
) -> MakeReport:
    from ..build import output_stems
    from ..discovery import discover

    sources, missing = discover(paths)
    stems = output_stems(sources)
    folder = period_folder(out, periode)
    report = MakeReport(folder, [], missing)
    shared: dict[tuple[str, FormKind], list[FormLayout]] = {}
    on_plan(len(sources))
    for source in sorted(sources, key=lambda p: p.as_posix()):
        made, collected = make_one(source, stems[source], periode, units, formats, folder, combined)
        for key, forms in collected.items():
            shared.setdefault(key, []).extend(forms)
        report.results.append(made)
        report.outputs.extend(made.outputs)
        on_done(made)
    for (unit, kind), forms in sorted(shared.items(), key=lambda item: (item[0][0], KINDS.index(item[0][1]))):
        for fmt in formats:
            target = folder / unit_folder(unit) / f"{COMBINED_STEM.format(kind=kind)}.{fmt}"
            try:
                _write(target, forms, fmt, _title(kind, periode, unit))
            except OutputError as exc:
                report.errors.append(Diagnostic(target, None, None, str(exc)))
                continue
            report.outputs.append(target)
    return report
