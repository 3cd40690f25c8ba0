"""pydantic validation errors -> Indonesian messages, as a table keyed by the error type.

Each rule receives the failure (where it is, the value, pydantic's context) and returns the
message the user reads. Types without a rule fall back to pydantic's own text after the location.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from .model import MAX_CHAIN, MAX_LANES
from .source import Loc


def describe(loc: Loc) -> str:
    """A pydantic location as the user reads it: `langkah 3, waktu`."""
    parts: list[str] = []
    for index, item in enumerate(loc):
        if isinstance(item, int):
            parent = loc[index - 1] if index else ""
            number = item + 1
            parts[-1:] = [f"{parent} {number}" if parts else str(number)]
        else:
            parts.append(str(item))
    return ", ".join(parts) or "dokumen"


def _is_branch_tag(part: Any) -> bool:
    """pydantic names the branch of a union or validator in the location ('str', 'list[str]' ...)."""
    return isinstance(part, str) and (
        part in {"str", "int"} or part.startswith(("function-", "list[", "tuple[", "nullable["))
    )


def clean_loc(loc: Loc) -> Loc:
    return tuple(p for p in loc if isinstance(p, int) or not _is_branch_tag(p))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def fields_of(model: type[BaseModel], loc: Loc) -> list[str]:
    """The allowed keys at `loc`, to suggest the close one for a misspelt key."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        field = getattr(current, "model_fields", {}).get(item)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


@dataclass(frozen=True)
class Failure:
    """One validation error, as the rules need it."""

    loc: Loc
    value: Any
    context: dict[str, Any]
    text: str
    model: type[BaseModel]

    @property
    def where(self) -> str:
        return describe(self.loc)


def _missing(f: Failure) -> str:
    if len(f.loc) > 1:
        return f"kolom wajib `{f.loc[-1]}` belum diisi ({describe(f.loc[:-1])})"
    return f"kolom wajib `{f.loc[-1]}` belum diisi"


def _unknown_key(f: Failure) -> str:
    key = str(f.loc[-1])
    close = difflib.get_close_matches(key, fields_of(f.model, f.loc[:-1]), n=1, cutoff=0.6)
    hint = f"; maksudnya `{close[0]}`?" if close else ""
    return f"kunci `{key}` tidak dikenal{hint}"


def _not_text(f: Failure) -> str:
    value = f.value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'{f.where}: harus berupa teks; tulis dalam tanda kutip ("{value}") agar '
            "angka, termasuk nol di depannya, tidak berubah"
        )
    if isinstance(value, list):
        return f"{f.where}: harus berupa satu teks, bukan daftar"
    if isinstance(value, dict):
        return f"{f.where}: harus berupa teks, bukan pemetaan (kunci: nilai)"
    return f"{f.where}: harus berupa teks"


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb", "pebruari"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "agt", "ags"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov", "nop"),
            ("desember", "des"),
        ],
        start=1,
    )
    for name in names
}
DAY_FIRST = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2}|[A-Za-z]+)[-/. ](\d{4})\s*$")
YEAR_FIRST = re.compile(r"^\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")


def date_hint(value: object) -> str | None:
    """The ISO date a user most likely meant (`14-12-2017`, `14/12/2017`, `14 Desember 2017`)."""
    text = str(value)
    match = DAY_FIRST.match(text)
    if match:
        day, month, year = match.groups()
        number = int(month) if month.isdigit() else MONTHS.get(month.lower())
        parts = (int(year), number, int(day)) if number else None
    else:
        match = YEAR_FIRST.match(text)
        parts = (int(match[1]), int(match[2]), int(match[3])) if match else None
    if parts is None:
        return None
    try:
        return dt.date(*parts).isoformat()
    except (TypeError, ValueError):
        return None


def _bad_date(f: Failure) -> str:
    hint = date_hint(f.value)
    if hint:
        return f"{f.where}: `{f.value}` bukan tanggal yang sah; maksudnya `{hint}`? Tanggal ditulis TTTT-BB-HH"
    return f"{f.where}: `{f.value}` bukan tanggal yang sah; tulis sebagai TTTT-BB-HH, misalnya 2018-05-02"


WAKTU_HINTS: list[tuple[str, Callable[[re.Match[str]], str]]] = [
    (r"^(\d+) jam (\d+) menit$", lambda m: f"{int(m[1]) * 60 + int(m[2])} menit"),
    (r"^(\d+) hari (\d+) jam$", lambda m: f"{int(m[1]) * 8 + int(m[2])} jam"),
    (r"^(\d+) minggu$", lambda m: f"{int(m[1]) * 5} hari"),
    (r"^(\d+) bulan$", lambda m: f"{int(m[1]) * 22} hari"),
    (r"^setengah hari$", lambda m: "4 jam"),
    (r"^setengah jam$", lambda m: "30 menit"),
    (r"^(?:se|satu )hari$", lambda m: "1 hari"),
    (r"^(?:se|satu )jam$", lambda m: "1 jam"),
    (r"^(\d+) (?:detik|dtk)$", lambda m: "1 menit"),
    (r"^(\d+) (mnt|menit|jam|hari)\.?$", lambda m: f"{m[1]} {m[2].replace('mnt', 'menit')}"),
]
"""Durations people write -> the form the sheet accepts (1 hari = 8 jam kerja, 1 minggu = 5 hari kerja)."""


def waktu_hint(value: object) -> str | None:
    text = " ".join(str(value).lower().split())
    for pattern, answer in WAKTU_HINTS:
        match = re.match(pattern, text)
        if match:
            return answer(match)
    return None


CHAIN_SIZE = (
    "`rangkaian` memuat 2 sampai {most} mata rantai; untuk satu pelaksana tulis `pelaksana`, untuk lebih "
    "banyak pecah langkah ini"
)


def _too_short(f: Failure) -> str:
    if f.loc == ("langkah",):
        return "SOP belum memiliki langkah; isi `langkah` dengan paling sedikit satu langkah"
    if f.loc[-1:] == ("rangkaian",):
        return f"{f.where}: " + CHAIN_SIZE.format(most=MAX_CHAIN)
    return f"{f.where}: tidak boleh kosong"


def _too_long(f: Failure) -> str:
    if f.loc == ("pelaksana",):
        return (
            f"terlalu banyak pelaksana: paling banyak {MAX_LANES} lajur agar diagram tetap terbaca; "
            "gabungkan pelaksana atau pecah SOP ini menjadi beberapa SOP mikro"
        )
    if f.loc[-1:] == ("label",):
        return f"{f.where}: harus berisi tepat dua jawaban, misalnya [Ya, Tidak]"
    if f.loc[-1:] == ("rangkaian",):
        return f"{f.where}: " + CHAIN_SIZE.format(most=MAX_CHAIN)
    return _fallback(f)


CUSTOM = {"waktu", "pelaksana", "lembar", "pelaksana_missing", "pelaksana_twice", "keputusan_chain", "terkait"}
"""Error types the model raises itself, with their Indonesian text."""


def _fallback(f: Failure) -> str:
    """A type without a rule of its own: never pydantic's English text, but what and where."""
    shown = f" `{f.value}`" if isinstance(f.value, str | int | float) and not isinstance(f.value, bool) else ""
    return f"{f.where}: nilai{shown} tidak sah di sini; lihat contoh di README (Format definisi)"


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


Rule = Callable[[Failure], str]

RULES: dict[str, Rule] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "string_type": _not_text,
    "list_type": lambda f: f"{f.where}: harus berupa daftar (setiap butir diawali `- `)",
    "tuple_type": lambda f: f"{f.where}: harus berupa daftar (setiap butir diawali `- `)",
    "dict_type": lambda f: f"{f.where}: harus berupa pemetaan (kunci: nilai)",
    "model_type": lambda f: f"{f.where}: harus berupa pemetaan (kunci: nilai)",
    "model_attributes_type": lambda f: f"{f.where}: harus berupa pemetaan (kunci: nilai)",
    "literal_error": lambda f: (
        f"{f.where}: `{f.value}` tidak dikenal; pilih salah satu dari "
        + str(f.context.get("expected", "")).replace("' or '", "' atau '")
    ),
    "int_type": lambda f: f"{f.where}: harus berupa bilangan bulat",
    "int_parsing": lambda f: f"{f.where}: harus berupa bilangan bulat",
    "int_from_float": lambda f: f"{f.where}: harus berupa bilangan bulat",
    "greater_than_equal": lambda f: f"{f.where}: harus paling sedikit {f.context.get('ge')}",
    "greater_than": lambda f: f"{f.where}: harus lebih dari {_number(f.context.get('gt'))}",
    "less_than_equal": lambda f: f"{f.where}: paling banyak {_number(f.context.get('le'))}",
    "float_type": lambda f: f"{f.where}: harus berupa angka, misalnya 30",
    "too_short": _too_short,
    "string_too_short": _too_short,
    "too_long": _too_long,
    "bool_type": lambda f: f"{f.where}: harus berupa ya/tidak (true/false)",
}
"""Error type -> message."""

FAMILIES: dict[str, Rule] = {"date": _bad_date, "datetime": _bad_date}
"""Error type prefix -> message, for the many variants of one kind (date_parsing, date_type ...)."""


def message(error: ErrorDetails, model: type[BaseModel]) -> str:
    """The Indonesian message for one pydantic error of a document validated against `model`."""
    kind = error["type"]
    failure = Failure(
        clean_loc(tuple(error["loc"])), error.get("input"), dict(error.get("ctx") or {}), error["msg"], model
    )
    if kind in CUSTOM:
        hint = waktu_hint(failure.value) if kind == "waktu" else None
        written = " ".join(str(failure.value).lower().split())
        suggestion = f"; maksudnya `{hint}`?" if hint and hint != written else ""
        return f"{failure.where}: {failure.text}{suggestion}"
    rule = RULES.get(kind) or FAMILIES.get(kind.split("_", 1)[0], _fallback)
    return rule(failure)
