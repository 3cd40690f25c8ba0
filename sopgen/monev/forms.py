"""What a Monev form holds, built from an SOP: no pages, no points, no file formats.

Two forms of PermenPANRB 35/2012 are made for every SOP and unit:

- the *Formulir Monitoring Pelaksanaan SOP AP* (Tabel 7): one row per step of the SOP, pre-filled
  with its number, activity and actors, to be assessed as running well or not, with a note and
  the action to take;
- the *Formulir Evaluasi Penerapan SOP AP*: the seven criteria of the regulation, each answered
  Ya or Tidak, with a note.

Vocabulary used in code: `penilaian` (the assessment of a step), `jawaban` (the Ya/Tidak answer of
a criterion), `catatan` (note), `tindakan` (action to take), `pemantau` (the person monitoring or
evaluating), `periode` (the monitoring period, e.g. `Semester I 2026`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..definition.model import SopDocument

FormKind = Literal["monitoring", "evaluasi"]
KINDS: tuple[FormKind, ...] = ("monitoring", "evaluasi")

BAIK = "Berjalan dengan baik"
TIDAK_BAIK = "Tidak berjalan dengan baik"
PENILAIAN = (BAIK, TIDAK_BAIK)
"""The allowed assessments of a step, as the drop-down lists them."""
YA = "Ya"
TIDAK = "Tidak"
JAWABAN = (YA, TIDAK)
"""The allowed answers of an evaluation criterion."""

KRITERIA = (
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya",
)
"""The seven criteria of the evaluation of an SOP's application (PermenPANRB 35/2012)."""

TITLES: dict[FormKind, str] = {
    "monitoring": "Formulir Monitoring Pelaksanaan SOP AP",
    "evaluasi": "Formulir Evaluasi Penerapan SOP AP",
}
PEMANTAU: dict[FormKind, str] = {
    "monitoring": "Nama pelaksana monitoring",
    "evaluasi": "Nama pelaksana evaluasi",
}
TANGGAL: dict[FormKind, str] = {
    "monitoring": "Tanggal monitoring",
    "evaluasi": "Tanggal evaluasi",
}
SIGNER: dict[FormKind, str] = {
    "monitoring": "Yang melakukan monitoring,",
    "evaluasi": "Yang melakukan evaluasi,",
}


@dataclass(frozen=True)
class Identity:
    """Who and what a form is about; the same on both forms of an SOP and unit."""

    nomor: str
    judul: str
    unit: str
    periode: str
    definisi: str
    """The definition's path as sopgen was given it (POSIX separators), to find it again at recap time."""
    kertas: str
    """The SOP's paper (F4, A4, Legal): the forms print on the same paper as the sheet."""


@dataclass(frozen=True)
class Item:
    """One row to assess: a step (number, activity, actors) or a criterion (number, text)."""

    number: int
    text: str
    pelaksana: str = ""


@dataclass(frozen=True)
class Form:
    kind: FormKind
    identity: Identity
    items: tuple[Item, ...]

    @property
    def title(self) -> str:
        return TITLES[self.kind]

    @property
    def choices(self) -> tuple[str, ...]:
        """The values the assessment column allows."""
        return PENILAIAN if self.kind == "monitoring" else JAWABAN


def default_unit(document: SopDocument) -> str:
    """The unit an SOP is monitored in when none is named: the most specific of its units."""
    return document.sop.unit[-1]


def step_items(document: SopDocument) -> tuple[Item, ...]:
    names = document.sop.pelaksana
    return tuple(
        Item(index, step.kegiatan.strip(), ", ".join(names[key] for key in step.lanes))
        for index, step in enumerate(document.sop.langkah, start=1)
    )


def identity(document: SopDocument, periode: str, unit: str, definisi: str) -> Identity:
    sop = document.sop
    return Identity(sop.nomor.strip(), sop.judul.strip(), unit, periode, definisi, document.kertas)


def monitoring_form(document: SopDocument, periode: str, unit: str, definisi: str) -> Form:
    return Form("monitoring", identity(document, periode, unit, definisi), step_items(document))


def evaluation_form(document: SopDocument, periode: str, unit: str, definisi: str) -> Form:
    items = tuple(Item(number, text) for number, text in enumerate(KRITERIA, start=1))
    return Form("evaluasi", identity(document, periode, unit, definisi), items)


def forms_for(document: SopDocument, periode: str, unit: str, definisi: str) -> tuple[Form, Form]:
    """Both forms of an SOP for one unit and period."""
    return monitoring_form(document, periode, unit, definisi), evaluation_form(document, periode, unit, definisi)
