"""Filled XLSX forms -> their answers, with every problem named by file, sheet and cell, in Indonesian.

A form workbook is found by its hidden description sheet (`meta.SHEET`), which names each form sheet,
its SOP, unit and period, and the cells to read. An assessment must be one of the form's choices
(case and spaces do not matter); a note may be any text. What cannot be read is an error; a form
left empty, or with steps not assessed, is a warning. Files that are not forms are skipped (a
spreadsheet saved in another format is pointed out).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Diagnostic
from ..files import reason
from . import meta
from .meta import FormMeta, MetaError

OTHER_SPREADSHEETS = (".xls", ".xlsm", ".xlsb", ".ods", ".csv")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Answer:
    """One row of a filled form: a step or a criterion, its assessment, note and action."""

    number: int
    text: str
    pelaksana: str
    nilai: str | None
    """One of the form's choices, as the form spells it; None when left empty."""
    catatan: str
    tindakan: str
    cell: str
    """The assessment's cell, e.g. `E14`."""

    @property
    def written(self) -> bool:
        return bool(self.nilai or self.catatan or self.tindakan)


@dataclass(frozen=True)
class FilledForm:
    path: Path
    meta: FormMeta
    pemantau: str
    tanggal: str
    answers: tuple[Answer, ...]

    @property
    def empty(self) -> bool:
        return not self.pemantau and not self.tanggal and not any(a.written for a in self.answers)

    @property
    def unanswered(self) -> list[Answer]:
        return [a for a in self.answers if a.nilai is None]


@dataclass
class Reading:
    forms: list[FilledForm] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    files: int = 0
    """Form workbooks read."""


def _normal(text: str) -> str:
    return SPACES.sub(" ", text).strip().casefold()


def _text(value: Any) -> str:
    """A cell's value as text: numbers as written, dates as TTTT-BB-HH."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _shown(value: Any) -> str:
    text = _text(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Sheet:
    def __init__(self, path: Path, ws: Any, description: FormMeta, reading: Reading):
        self.path, self.ws, self.meta, self.reading = path, ws, description, reading

    def problem(self, cell: str, message: str, severity: str = "error") -> None:
        target = self.reading.errors if severity == "error" else self.reading.warnings
        where = f'lembar "{self.meta.sheet}", sel {cell}: ' if cell else f'lembar "{self.meta.sheet}": '
        target.append(Diagnostic(self.path, None, None, where + message, "error" if severity == "error" else "warning"))

    def value(self, ref: str) -> Any:
        return self.ws[ref].value

    def choice(self, ref: str) -> str | None:
        value = self.value(ref)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        allowed = " atau ".join(f"`{c}`" for c in self.meta.choices)
        if isinstance(value, str) and value.startswith("="):
            self.problem(ref, f"berisi rumus `{_shown(value)}`; pilih {allowed} dari daftar")
            return None
        if not isinstance(value, str):
            self.problem(ref, f"berisi `{_shown(value)}`, bukan pilihan yang sah; pilih {allowed} dari daftar")
            return None
        for choice in self.meta.choices:
            if _normal(value) == _normal(choice):
                return choice
        self.problem(ref, f"nilai `{_shown(value)}` tidak dikenal; pilih {allowed} dari daftar")
        return None

    def read(self) -> FilledForm | None:
        columns, description = self.meta.columns, self.meta
        needed = {"nomor", "uraian", "nilai", "catatan"}
        if not needed <= set(columns):
            self.problem("", "keterangan kolom formulir tidak lengkap; buat ulang formulir dengan `sopgen monev buat`")
            return None
        errors_before = len(self.reading.errors)
        answers = []
        for index, row in enumerate(description.rows, start=1):
            number_ref = f"{columns['nomor']}{row}"
            if _text(self.value(number_ref)).rstrip(".") != str(index):
                self.problem(
                    number_ref,
                    f"seharusnya nomor {index}; susunan baris formulir telah diubah. Salin isian ke formulir baru "
                    "dari `sopgen monev buat`",
                )
                continue
            nilai_ref = f"{columns['nilai']}{row}"
            answers.append(
                Answer(
                    index,
                    _text(self.value(f"{columns['uraian']}{row}")),
                    _text(self.value(f"{columns['pelaksana']}{row}")) if "pelaksana" in columns else "",
                    self.choice(nilai_ref),
                    _text(self.value(f"{columns['catatan']}{row}")),
                    _text(self.value(f"{columns['tindakan']}{row}")) if "tindakan" in columns else "",
                    nilai_ref,
                )
            )
        if len(self.reading.errors) > errors_before:
            return None
        cells = description.cells
        form = FilledForm(
            self.path,
            description,
            _text(self.value(cells["pemantau"])) if "pemantau" in cells else "",
            _text(self.value(cells["tanggal"])) if "tanggal" in cells else "",
            tuple(answers),
        )
        if form.empty:
            self.problem("", "formulir belum diisi; tidak ikut direkap", "warning")
        elif form.unanswered:
            cells_left = ", ".join(a.cell for a in form.unanswered)
            what = "langkah" if description.kind == "monitoring" else "kriteria"
            self.problem("", f"{len(form.unanswered)} {what} belum dinilai (sel {cells_left})", "warning")
        return form


def _descriptions(path: Path, book: Any, reading: Reading) -> list[FormMeta] | None:
    """The form sheets a workbook describes; None when it is no form workbook (or sopgen's recap)."""
    if meta.SHEET not in book.sheetnames:
        reading.warnings.append(Diagnostic(path, None, None, "bukan formulir Monev buatan sopgen; dilewati", "warning"))
        return None
    hidden = book[meta.SHEET]
    found = []
    for number, (name, raw) in enumerate(hidden.iter_rows(min_row=2, max_col=2, values_only=True), start=2):
        if name is None and raw is None:
            continue
        if name == meta.RECAP:
            return None
        try:
            description = meta.from_json(str(name), raw)
        except MetaError as exc:
            reading.errors.append(
                Diagnostic(path, None, None, f'lembar tersembunyi "{meta.SHEET}", baris {number}: {exc}')
            )
            continue
        if description.sheet not in book.sheetnames:
            reading.errors.append(
                Diagnostic(path, None, None, f'lembar "{description.sheet}" tidak ada lagi di buku kerja ini')
            )
            continue
        found.append(description)
    return found


def read_workbook(path: Path, reading: Reading) -> None:
    """Add the forms of one workbook, and its problems, to `reading`."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=False)
    except OSError as exc:
        reading.errors.append(Diagnostic(path, None, None, f"tidak dapat dibuka ({reason(exc)})"))
        return
    except Exception:  # noqa: BLE001 - any damage inside a foreign file is the user's to fix
        reading.errors.append(
            Diagnostic(
                path,
                None,
                None,
                "tidak dapat dibaca sebagai buku kerja Excel (.xlsx): berkas rusak, berkata sandi, atau bukan "
                "XLSX. Simpan ulang dari Excel sebagai Buku Kerja Excel (.xlsx)",
            )
        )
        return
    try:
        descriptions = _descriptions(path, book, reading)
        if descriptions is None:
            return
        reading.files += 1
        for description in descriptions:
            form = _Sheet(path, book[description.sheet], description, reading).read()
            if form is not None:
                reading.forms.append(form)
    finally:
        book.close()


def is_lock_or_temporary(path: Path) -> bool:
    """Excel's lock file of an open workbook (`~$name.xlsx`) and hidden or temporary files."""
    return path.name.startswith(("~$", ".")) or path.suffix.lower() == ".tmp"


def read_folder(folder: Path, skip: tuple[Path, ...] = ()) -> Reading:
    """Every form under `folder` (files in `skip`, sopgen's own recap outputs, are not read)."""
    reading = Reading()
    if not folder.is_dir():
        reading.errors.append(Diagnostic(folder, None, None, "folder formulir tidak ditemukan"))
        return reading
    skipped = {p.resolve() for p in skip}
    for path in sorted(folder.rglob("*"), key=lambda p: p.as_posix()):
        if not path.is_file() or is_lock_or_temporary(path) or path.resolve() in skipped:
            continue
        suffix = path.suffix.lower()
        if suffix == ".xlsx":
            read_workbook(path, reading)
        elif suffix in OTHER_SPREADSHEETS:
            reading.warnings.append(
                Diagnostic(
                    path,
                    None,
                    None,
                    f"berkas {suffix} tidak dibaca; simpan ulang sebagai Buku Kerja Excel (.xlsx) agar ikut direkap",
                    "warning",
                )
            )
    return reading
