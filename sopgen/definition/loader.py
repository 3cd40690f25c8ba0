"""Definition files -> SopDocument: validation, cross-references and Indonesian diagnostics.

`load_sop(path)` reads the SOP and the `organisasi.yaml` of its folder, validates both against the
model, resolves branch targets, and returns the document with its warnings. Every problem found is
collected and raised at once as a UserError.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, UserError
from . import emblem, lint
from .messages import clean_loc, message
from .model import Branch, Organisasi, Sop, SopDocument
from .source import Loc, YamlSource, read

ORGANISATION_FILE = "organisasi.yaml"


@dataclass
class Loaded:
    document: SopDocument
    warnings: list[Diagnostic]
    advice: list[Diagnostic] = field(default_factory=list)
    """What `sopgen check` recommends beside the warnings (branch targets by id)."""


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
            loc = clean_loc(tuple(error["loc"]))
            text = message(error, model)
            if (loc, text) in seen:
                continue
            seen.add((loc, text))
            if error["type"] == "missing":
                diagnostics.append(source.diagnostic(loc[:-1], text))
            else:
                at_key = error["type"] in ("extra_forbidden", "too_long", "too_short")
                diagnostics.append(source.diagnostic(loc, text, key=at_key))
        diagnostics.sort(key=lambda d: (d.line or 0, d.column or 0))
        raise UserError(diagnostics) from None


@dataclass(frozen=True)
class Profile:
    """An organisation profile as loaded: the model, its file, and the warnings of that file. `build`
    loads it once per folder and worker, and hands it to every SOP of the folder."""

    organisasi: Organisasi
    path: Path
    warnings: list[Diagnostic]


def load_organisation(folder: Path) -> Profile:
    """The organisation profile of a folder, its path, and the warnings of its file."""
    path = folder / ORGANISATION_FILE
    if not path.exists():
        raise UserError(
            [Diagnostic(path, None, None, f"profil organisasi `{ORGANISATION_FILE}` tidak ditemukan di folder ini")]
        )
    source = read(path)
    return Profile(validate(source, Organisasi), path, lint.organisation_warnings(source))


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
                if step.rangkaian is not None:
                    loc = ("langkah", index, "rangkaian", position, "pelaksana")
                elif not isinstance(step.pelaksana, str):
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
        decision = step.decision
        if decision is None:
            continue
        base: Loc = ("langkah", index, "keputusan")
        if step.rangkaian is not None:
            base = ("langkah", index, "rangkaian", len(step.rangkaian) - 1, "keputusan")
        if step.rangkaian is None and len(step.lanes) > 1:
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


def _resolve_chains(
    sop: Sop, source: YamlSource, ids: dict[str, int]
) -> tuple[dict[tuple[int, int], Branch], list[Diagnostic]]:
    """Check the chains (`rangkaian`): one lane per link, in order across the sheet; resolve the
    decisions of links before the last (their `Ya` goes on to the next link)."""
    problems: list[Diagnostic] = []
    lanes = list(sop.pelaksana)
    resolved: dict[tuple[int, int], Branch] = {}
    for index, step in enumerate(sop.langkah):
        if step.rangkaian is None:
            continue
        keys = [link.pelaksana for link in step.rangkaian]
        if any(key not in lanes for key in keys):
            continue  # told by the lane check
        order = [lanes.index(key) for key in keys]
        if len(set(order)) != len(order):
            problems.append(
                source.diagnostic(
                    ("langkah", index, "rangkaian"),
                    f"langkah {index + 1}: setiap mata rantai `rangkaian` perlu lajur sendiri; pelaksana yang "
                    "sama dua kali tidak dapat digambar berdampingan dalam satu baris",
                )
            )
            continue
        if order != sorted(order) and order != sorted(order, reverse=True):
            problems.append(
                source.diagnostic(
                    ("langkah", index, "rangkaian"),
                    f"langkah {index + 1}: urutkan `rangkaian` menurut letak lajurnya (dari kiri ke kanan atau "
                    "dari kanan ke kiri), agar panah di dalam baris tidak melintasi simbol lain",
                )
            )
            continue
        for position, link in enumerate(step.rangkaian[:-1]):
            if link.keputusan is None:
                continue
            loc: Loc = ("langkah", index, "rangkaian", position, "keputusan")
            if link.keputusan.ya is not None:
                problems.append(
                    source.diagnostic(
                        loc + ("ya",),
                        f"langkah {index + 1}: jawaban Ya mata rantai {position + 1} menuju mata rantai "
                        "berikutnya; `ya` hanya dapat diisi pada mata rantai terakhir",
                    )
                )
                continue
            ref = link.keputusan.tidak
            target = (ref - 1 if 1 <= ref <= len(sop.langkah) else None) if isinstance(ref, int) else ids.get(ref)
            if target == index and position == 0:
                problems.append(
                    source.diagnostic(
                        loc + ("tidak",),
                        f"langkah {index + 1}: cabang mata rantai pertama tidak boleh menuju langkah itu sendiri "
                        "(ia akan kembali ke dirinya sendiri)",
                    )
                )
                continue
            if target is None:
                problems.append(
                    source.diagnostic(
                        loc + ("tidak",),
                        f"langkah {index + 1}: tujuan cabang `{ref}` bukan nomor atau id langkah",
                    )
                )
                continue
            resolved[(index, position)] = Branch(index, target, *link.keputusan.label)
    return resolved, problems


def load_sop(path: Path, organisation: Profile | None = None) -> Loaded:
    """Load one SOP definition with the organisation profile of its folder."""
    source = read(path)
    problems: list[Diagnostic] = []
    try:
        profile = organisation or load_organisation(path.parent)
        org, org_path, org_warnings = profile.organisasi, profile.path, profile.warnings
    except UserError as exc:
        problems.extend(exc.diagnostics)
        org, org_path, org_warnings = None, None, []
    try:
        sop = validate(source, Sop)
    except UserError as exc:
        raise UserError(problems + _sorted(exc.diagnostics + _unit_problems(source, org, None))) from None
    problems.extend(_unit_problems(source, org, sop))
    sop = _with_kind(sop, org)
    branches, reference_problems = _resolve_references(sop, source)
    problems.extend(reference_problems)
    ids = {step.id: index for index, step in enumerate(sop.langkah) if step.id is not None}
    chains, chain_problems = _resolve_chains(sop, source, ids)
    problems.extend(chain_problems)
    logo_path = None
    if org is not None and org.logo and org_path is not None:
        logo_path = org_path.parent / org.logo
        wrong = (
            f"berkas logo `{org.logo}` tidak ditemukan"
            if not logo_path.is_file()
            else emblem.problem(logo_path, org.logo)
        )
        if wrong:
            problems.append(Diagnostic(org_path, *_org_logo_pos(org_path), wrong))
    if problems or org is None:
        raise UserError(problems)
    positions = {loc: pos for loc, pos in source.value_pos.items() if len(loc) <= 3}
    document = SopDocument(sop, org, path, logo_path, branches, positions, chains=chains)
    warnings = org_warnings + source.warnings + lint.check(document, source)
    return Loaded(document, warnings, lint.numbered_target_warnings(sop, source))


def _sorted(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: (d.line or 0, d.column or 0))


def _unit_printed(source: YamlSource, org: Organisasi | None, sop: Sop | None) -> bool:
    """Does the sheet print the unit row? From the SOP's own `lembar` (as read, when the SOP is not
    valid) over the organisation's."""
    if sop is not None:
        kepala = sop.lembar.kepala if sop.lembar else None
        if kepala is not None and "baris_unit" in kepala.model_fields_set:
            return kepala.baris_unit
    else:
        data = source.data if isinstance(source.data, dict) else {}
        lembar = data.get("lembar")
        kepala = lembar.get("kepala") if isinstance(lembar, dict) else None
        if isinstance(kepala, dict) and "baris_unit" in kepala:
            return kepala["baris_unit"] not in (False, "tidak")
    profile = org.lembar if org is not None else None
    return profile.head.baris_unit if profile is not None else True


def _unit_problems(source: YamlSource, org: Organisasi | None, sop: Sop | None) -> list[Diagnostic]:
    """`unit` is required where the sheet prints its row (the default), as it always was."""
    if not _unit_printed(source, org, sop):
        return []
    data = source.data if isinstance(source.data, dict) else {}
    if "unit" not in data:
        return [source.diagnostic((), "kolom wajib `unit` belum diisi")]
    if data["unit"] == []:
        return [source.diagnostic(("unit",), "unit: tidak boleh kosong", key=True)]
    return []


def _with_kind(sop: Sop, org: Organisasi | None) -> Sop:
    """An SOP without `jenis` takes the profile's `jenis_bawaan` (`makro` unless the profile says
    otherwise; `tanpa`: neither is printed)."""
    if sop.jenis is not None:
        return sop
    own = sop.lembar.jenis_bawaan if sop.lembar and "jenis_bawaan" in sop.lembar.model_fields_set else None
    profile = org.lembar.jenis_bawaan if org is not None and org.lembar is not None else "makro"
    kind = own or profile
    return sop if kind == "tanpa" else sop.model_copy(update={"jenis": kind})


def _org_logo_pos(org_path: Path) -> tuple[int | None, int | None]:
    try:
        return read(org_path).position(("logo",))
    except UserError:
        return None, None
