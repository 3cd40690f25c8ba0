"""Filled forms -> the recap of a period: per SOP, per unit, the findings and the SOPs to revise.

A *finding* is a step assessed `Tidak berjalan dengan baik` or an evaluation criterion answered
`Tidak`. An SOP with at least one finding is recommended for revision (`sopgen revise`), whatever
unit found it: the regulation asks that an SOP which does not run well, or does not meet a
criterion, be improved. Empty forms are counted but not assessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .forms import TIDAK, TIDAK_BAIK, FormKind
from .read import FilledForm

SHELL_SAFE = re.compile(r"^[A-Za-z0-9_./\\:-]+$")


@dataclass(frozen=True)
class Finding:
    nomor: str
    judul: str
    unit: str
    kind: FormKind
    number: int
    text: str
    pelaksana: str
    nilai: str
    catatan: str
    tindakan: str


@dataclass
class SopRecap:
    nomor: str
    judul: str
    definisi: Path | None = None
    """The definition file, found by number (None: not found)."""
    units: list[str] = field(default_factory=list)
    monitoring_forms: int = 0
    evaluation_forms: int = 0
    empty_forms: int = 0
    steps_well: int = 0
    steps_not_well: int = 0
    steps_unassessed: int = 0
    criteria_ya: int = 0
    criteria_tidak: int = 0
    criteria_unanswered: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def steps_assessed(self) -> int:
        return self.steps_well + self.steps_not_well

    @property
    def monitored(self) -> bool:
        """At least one of its forms was filled in."""
        return self.monitoring_forms + self.evaluation_forms > self.empty_forms

    @property
    def revise(self) -> bool:
        return bool(self.findings)

    @property
    def reasons(self) -> str:
        parts = []
        if self.steps_not_well:
            parts.append(f"{self.steps_not_well} penilaian langkah tidak berjalan dengan baik")
        if self.criteria_tidak:
            parts.append(f"{self.criteria_tidak} kriteria evaluasi dijawab Tidak")
        return "; ".join(parts)


@dataclass
class UnitRecap:
    unit: str
    sops: set[str] = field(default_factory=set)
    forms: int = 0
    empty_forms: int = 0
    steps_well: int = 0
    steps_not_well: int = 0
    steps_unassessed: int = 0
    criteria_tidak: int = 0
    pemantau: set[str] = field(default_factory=set)


@dataclass
class Recap:
    periode: str
    sops: list[SopRecap]
    units: list[UnitRecap]

    @property
    def findings(self) -> list[Finding]:
        return [f for sop in self.sops for f in sop.findings]

    @property
    def to_revise(self) -> list[SopRecap]:
        return [sop for sop in self.sops if sop.revise]

    @property
    def monitored(self) -> list[SopRecap]:
        return [sop for sop in self.sops if sop.monitored]

    def total(self, name: str) -> int:
        return sum(getattr(sop, name) for sop in self.sops)


def _quoted(value: str) -> str:
    return value if SHELL_SAFE.match(value) else '"' + value.replace('"', "") + '"'


def revise_command(sop: SopRecap, periode: str) -> str:
    """The `sopgen revise` command that records the revision this recap recommends."""
    path = str(sop.definisi) if sop.definisi is not None else f"<definisi {sop.nomor}>"
    note = f"Perbaikan hasil Monev SOP AP {periode}: {sop.reasons}"
    return f"sopgen revise {_quoted(path)} --catatan {_quoted(note)}"


def _count(sop: SopRecap, unit: UnitRecap, form: FilledForm) -> None:
    description = form.meta
    if description.kind == "monitoring":
        sop.monitoring_forms += 1
    else:
        sop.evaluation_forms += 1
    unit.forms += 1
    if form.empty:
        sop.empty_forms += 1
        unit.empty_forms += 1
        return
    if form.pemantau:
        unit.pemantau.add(form.pemantau)
    for answer in form.answers:
        finding = answer.nilai in (TIDAK_BAIK, TIDAK)
        if description.kind == "monitoring":
            if answer.nilai is None:
                sop.steps_unassessed += 1
                unit.steps_unassessed += 1
            elif finding:
                sop.steps_not_well += 1
                unit.steps_not_well += 1
            else:
                sop.steps_well += 1
                unit.steps_well += 1
        elif answer.nilai is None:
            sop.criteria_unanswered += 1
        elif finding:
            sop.criteria_tidak += 1
            unit.criteria_tidak += 1
        else:
            sop.criteria_ya += 1
        if finding:
            sop.findings.append(
                Finding(
                    description.nomor,
                    description.judul,
                    description.unit,
                    description.kind,
                    answer.number,
                    answer.text,
                    answer.pelaksana,
                    answer.nilai or "",
                    answer.catatan,
                    answer.tindakan,
                )
            )


def summarise(forms: Sequence[FilledForm], periode: str, locate: Callable[[str], Path | None]) -> Recap:
    """Count the forms of one period; `locate` finds an SOP's definition by its number."""
    sops: dict[str, SopRecap] = {}
    units: dict[str, UnitRecap] = {}
    ordered = sorted(forms, key=lambda f: (f.meta.nomor.casefold(), f.meta.unit.casefold(), f.meta.kind))
    for form in ordered:
        description = form.meta
        sop = sops.get(description.nomor.casefold())
        if sop is None:
            sop = sops[description.nomor.casefold()] = SopRecap(
                description.nomor, description.judul, locate(description.nomor)
            )
        if description.unit not in sop.units:
            sop.units.append(description.unit)
        unit = units.setdefault(description.unit.casefold(), UnitRecap(description.unit))
        unit.sops.add(description.nomor)
        _count(sop, unit, form)
    for sop in sops.values():
        sop.findings.sort(key=lambda f: (f.unit.casefold(), f.kind != "monitoring", f.number))
    return Recap(periode, list(sops.values()), sorted(units.values(), key=lambda u: u.unit.casefold()))
