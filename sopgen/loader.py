"""Definition files -> SopDocument: validation, cross-references and Indonesian diagnostics.

`load_sop(path)` reads the SOP and the `organisasi.yaml` of its folder, validates both against the
model, resolves branch targets, and returns the document with its warnings. Every problem found is
collected and raised at once as a UserError.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import lint
from .errors import Diagnostic, UserError
from .model import Branch, Organisasi, Sop, SopDocument
from .yamlsource import Loc, YamlSource, read

ORGANISATION_FILE = "organisasi.yaml"


@dataclass
class Loaded:
    document: SopDocument
    warnings: list[Diagnostic]


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


def _fields_of(model: type[BaseModel], loc: Loc) -> list[str]:
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


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _message(error: dict[str, Any], model: type[BaseModel]) -> str:
    loc = _clean_loc(tuple(error["loc"]))
    kind = error["type"]
    where = describe(loc)
    value = error.get("input")
    if kind == "missing":
        return (
            f"kolom wajib `{loc[-1]}` belum diisi ({describe(loc[:-1])})"
            if len(loc) > 1
            else f"kolom wajib `{loc[-1]}` belum diisi"
        )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        close = difflib.get_close_matches(key, _fields_of(model, loc[:-1]), n=1, cutoff=0.6)
        hint = f"; maksudnya `{close[0]}`?" if close else ""
        return f"kunci `{key}` tidak dikenal{hint}"
    if kind == "string_type":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (
                f'{where}: harus berupa teks; tulis dalam tanda kutip ("{value}") agar '
                "angka, termasuk nol di depannya, tidak berubah"
            )
        if isinstance(value, list):
            return f"{where}: harus berupa satu teks, bukan daftar"
        if isinstance(value, dict):
            return f"{where}: harus berupa teks, bukan pemetaan (kunci: nilai)"
        return f"{where}: harus berupa teks"
    if kind in ("list_type", "tuple_type"):
        return f"{where}: harus berupa daftar (setiap butir diawali `- `)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{where}: harus berupa pemetaan (kunci: nilai)"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{where}: `{value}` bukan tanggal yang sah; tulis sebagai TTTT-BB-HH, misalnya 2018-05-02"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where}: `{value}` tidak dikenal; pilih salah satu dari {expected}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{where}: harus berupa bilangan bulat"
    if kind == "greater_than_equal":
        return f"{where}: harus paling sedikit {error.get('ctx', {}).get('ge')}"
    if kind in ("too_short", "string_too_short"):
        if loc == ("langkah",):
            return "SOP belum memiliki langkah; isi `langkah` dengan paling sedikit satu langkah"
        return f"{where}: tidak boleh kosong"
    if kind == "too_long" and loc == ("pelaksana",):
        from .model import MAX_LANES

        return (
            f"terlalu banyak pelaksana: paling banyak {MAX_LANES} lajur agar diagram tetap terbaca; "
            "gabungkan pelaksana atau pecah SOP ini menjadi beberapa SOP mikro"
        )
    if kind in ("too_long",) and loc[-1:] == ("label",):
        return f"{where}: harus berisi tepat dua jawaban, misalnya [Ya, Tidak]"
    if kind in ("bool_type",):
        return f"{where}: harus berupa ya/tidak (true/false)"
    if kind in ("waktu", "pelaksana"):
        return f"{where}: {error['msg']}"
    return f"{where}: {error['msg']}"


def _is_branch_tag(part: Any) -> bool:
    """pydantic names the branch of a union or validator in the location ('str', 'list[str]' ...)."""
    return isinstance(part, str) and (
        part in {"str", "int"} or part.startswith(("function-", "list[", "tuple[", "nullable["))
    )


def _clean_loc(loc: Loc) -> Loc:
    return tuple(p for p in loc if isinstance(p, int) or not _is_branch_tag(p))


def validate(source: YamlSource, model: type[BaseModel]) -> Any:
    """Validate plain data against a model; every error becomes a positioned diagnostic."""
    if not isinstance(source.data, dict):
        raise UserError([source.diagnostic((), "isi berkas harus berupa pemetaan (kunci: nilai) di tingkat teratas")])
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        diagnostics = []
        seen: set[tuple[Loc, str]] = set()
        for error in exc.errors():
            loc = _clean_loc(tuple(error["loc"]))
            message = _message(error, model)
            if (loc, message) in seen:
                continue
            seen.add((loc, message))
            if error["type"] == "missing":
                diagnostics.append(source.diagnostic(loc[:-1], message))
            else:
                at_key = error["type"] in ("extra_forbidden", "too_long", "too_short")
                diagnostics.append(source.diagnostic(loc, message, key=at_key))
        diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))
        raise UserError(diagnostics) from None


def load_organisation(folder: Path) -> tuple[Organisasi, Path]:
    path = folder / ORGANISATION_FILE
    if not path.exists():
        raise UserError(
            [Diagnostic(path, None, None, f"profil organisasi `{ORGANISATION_FILE}` tidak ditemukan di folder ini")]
        )
    return validate(read(path), Organisasi), path


def _resolve_references(sop: Sop, source: YamlSource) -> tuple[dict[int, Branch], list[Diagnostic]]:
    """Check lanes, ids and branch targets; return the decisions resolved to step indexes."""
    problems: list[Diagnostic] = []
    lanes = list(sop.pelaksana)
    ids: dict[str, int] = {}
    for index, step in enumerate(sop.langkah):
        for position, lane in enumerate(step.lanes):
            if lane not in sop.pelaksana:
                close = difflib.get_close_matches(lane, lanes, n=1, cutoff=0.5)
                hint = f"; maksudnya `{close[0]}`?" if close else f"; pilih dari: {', '.join(lanes)}"
                loc: Loc = ("langkah", index, "pelaksana")
                if not isinstance(step.pelaksana, str):
                    loc += (position,)
                problems.append(
                    source.diagnostic(
                        loc, f"langkah {index + 1}: pelaksana `{lane}` tidak ada dalam daftar `pelaksana`{hint}"
                    )
                )
        if step.id is not None:
            if step.id in ids:
                problems.append(
                    source.diagnostic(
                        ("langkah", index, "id"),
                        f"id `{step.id}` sudah dipakai oleh langkah {ids[step.id] + 1}; id harus unik",
                    )
                )
            else:
                ids[step.id] = index

    def target(ref: int | str, loc: Loc, index: int) -> int | None:
        if isinstance(ref, int):
            if 1 <= ref <= len(sop.langkah):
                resolved = ref - 1
            else:
                problems.append(
                    source.diagnostic(
                        loc,
                        f"langkah {index + 1}: tujuan cabang {ref} tidak ada; nomor langkah 1 sampai "
                        f"{len(sop.langkah)}",
                    )
                )
                return None
        elif ref in ids:
            resolved = ids[ref]
        else:
            close = difflib.get_close_matches(ref, list(ids), n=1, cutoff=0.6)
            hint = f"; maksudnya `{close[0]}`?" if close else ""
            problems.append(
                source.diagnostic(loc, f"langkah {index + 1}: tujuan cabang `{ref}` bukan nomor atau id langkah{hint}")
            )
            return None
        if resolved == index:
            problems.append(
                source.diagnostic(loc, f"langkah {index + 1}: cabang tidak boleh menuju langkah itu sendiri")
            )
            return None
        return resolved

    branches: dict[int, Branch] = {}
    last = len(sop.langkah) - 1
    for index, step in enumerate(sop.langkah):
        decision = step.keputusan
        if decision is None:
            continue
        base: Loc = ("langkah", index, "keputusan")
        if len(step.lanes) > 1:
            problems.append(
                source.diagnostic(
                    ("langkah", index, "pelaksana"),
                    f"langkah {index + 1}: keputusan hanya dibuat oleh satu pelaksana; pilih satu lajur, atau "
                    "pisahkan rapat dan keputusannya menjadi dua langkah",
                )
            )
        tidak = target(decision.tidak, base + ("tidak",), index)
        if decision.ya is not None:
            ya = target(decision.ya, base + ("ya",), index)
        elif index == last:
            problems.append(
                source.diagnostic(
                    base,
                    f"langkah {index + 1} adalah langkah terakhir: keputusan memerlukan `ya` "
                    "karena tidak ada langkah berikutnya",
                )
            )
            ya = None
        else:
            ya = index + 1
        if tidak is not None and ya is not None:
            if tidak == ya:
                problems.append(
                    source.diagnostic(base, f"langkah {index + 1}: jawaban `ya` dan `tidak` menuju langkah yang sama")
                )
            else:
                branches[index] = Branch(ya, tidak, *decision.label)
    return branches, problems


def load_sop(path: Path, organisation: tuple[Organisasi, Path] | None = None) -> Loaded:
    """Load one SOP definition with the organisation profile of its folder."""
    source = read(path)
    problems: list[Diagnostic] = []
    try:
        org, org_path = organisation or load_organisation(path.parent)
    except UserError as exc:
        problems.extend(exc.diagnostics)
        org, org_path = None, None
    try:
        sop = validate(source, Sop)
    except UserError as exc:
        raise UserError(problems + exc.diagnostics) from None
    branches, reference_problems = _resolve_references(sop, source)
    problems.extend(reference_problems)
    logo_path = None
    if org is not None and org.logo and org_path is not None:
        logo_path = org_path.parent / org.logo
        if not logo_path.is_file():
            problems.append(Diagnostic(org_path, *_org_logo_pos(org_path), f"berkas logo `{org.logo}` tidak ditemukan"))
    if problems or org is None:
        raise UserError(problems)
    positions = {loc: pos for loc, pos in source.value_pos.items() if len(loc) <= 2}
    document = SopDocument(sop, org, path, logo_path, branches, positions)
    return Loaded(document, source.warnings + lint.check(document, source))


def _org_logo_pos(org_path: Path) -> tuple[int | None, int | None]:
    try:
        return read(org_path).position(("logo",))
    except UserError:
        return None, None
