"""What a generated form workbook carries for `rekap`: a hidden sheet naming each form sheet, its SOP,
unit and period, and the cells the unit fills in.

The sheet `_sopgen` is *very hidden* (Excel's menus cannot show it) and the workbook's structure is
protected, so a unit cannot rename, remove or show it. Each row after the heading is one form sheet:
its name, then the form's description as JSON (`FormMeta`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from .forms import KINDS, FormKind

SHEET = "_sopgen"
HEADING = ("lembar", "data (dipakai `sopgen monev rekap`; jangan diubah)")
RECAP = "rekap"
"""The `kind` of the recap workbook's own marker row: `rekap` skips it instead of reading it as a form."""
VERSION = 1


@dataclass(frozen=True)
class FormMeta:
    sheet: str
    kind: FormKind
    nomor: str
    judul: str
    unit: str
    periode: str
    definisi: str
    kertas: str
    cells: dict[str, str] = field(default_factory=dict)
    """Single cells filled in by the unit, by field: `pemantau`, `tanggal` -> `C6`."""
    columns: dict[str, str] = field(default_factory=dict)
    """Column letters of the table's fields: `nomor`, `uraian`, `pelaksana`, `nilai`, `catatan`, ..."""
    rows: tuple[int, ...] = ()
    """Sheet row of each item (step or criterion), in order."""
    choices: tuple[str, ...] = ()
    version: int = VERSION

    def to_json(self) -> str:
        data = asdict(self)
        data["rows"] = list(self.rows)
        data["choices"] = list(self.choices)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


class MetaError(ValueError):
    """The hidden description cannot be read (the message is Indonesian)."""


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise MetaError(f"keterangan `{key}` hilang")
    return value


def _strings(data: dict[str, Any], key: str) -> dict[str, str]:
    value = data.get(key)
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise MetaError(f"keterangan `{key}` rusak")
    return dict(value)


def from_json(sheet: str, raw: object) -> FormMeta:
    """The description of one form sheet; MetaError when it is damaged or from a newer sopgen."""
    if not isinstance(raw, str):
        raise MetaError("keterangan formulir kosong")
    try:
        data = json.loads(raw)
    except ValueError:
        raise MetaError("keterangan formulir bukan JSON yang sah") from None
    if not isinstance(data, dict):
        raise MetaError("keterangan formulir rusak")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise MetaError("formulir dibuat oleh sopgen yang lebih baru; perbarui sopgen")
    kind = data.get("kind")
    if kind not in KINDS:
        raise MetaError(f"jenis formulir `{kind}` tidak dikenal")
    rows = data.get("rows")
    if not isinstance(rows, list) or not all(isinstance(r, int) and r > 0 for r in rows):
        raise MetaError("keterangan `rows` rusak")
    choices = data.get("choices")
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise MetaError("keterangan `choices` rusak")
    return FormMeta(
        sheet,
        kind,
        _text(data, "nomor"),
        _text(data, "judul"),
        _text(data, "unit"),
        _text(data, "periode"),
        _text(data, "definisi"),
        _text(data, "kertas"),
        _strings(data, "cells"),
        _strings(data, "columns"),
        tuple(rows),
        tuple(choices),
        version,
    )
