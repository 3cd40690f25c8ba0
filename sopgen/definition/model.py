"""The SOP as typed data: what a YAML definition says, validated, with no notion of pages or points.

Glossary of the Indonesian terms used as YAML keys (they are the sheet's own words):

- instansi: the institution (ministry), printed top-down beside the emblem.
- logo: the emblem image file of the institution.
- kertas: paper size (F4, A4, Legal), always landscape.
- nomor: the SOP number (Nomor SOP).
- jenis: kind of SOP, `makro` (whole business process) or `mikro` (one unit's detail).
- judul: title of the SOP.
- unit: the organisational units owning the SOP, top-down.
- tanggal_pembuatan / tanggal_efektif: date of making / date in force.
- revisi: revisions, each with `ke` (number), `tanggal` (date) and `catatan` (note).
- disahkan_oleh: the signatory: `jabatan` (office), `nama` (name), `nip` (civil-servant number).
- dasar_hukum: legal basis.            kualifikasi_pelaksana: qualifications of the actors.
- keterkaitan: related SOPs: free text, or `{sop: NOMOR}` naming an SOP of the library.
- peralatan_perlengkapan: tools and equipment.
- tinjau_ulang: planned review date.   status: `berlaku` (in force), `dicabut` (revoked), or
  `{digantikan_oleh: NOMOR}` (replaced by another SOP).
- peringatan: warning (what goes wrong if the SOP is not followed).
- pencatatan_pendataan: how records are kept.
- pelaksana: the actors, i.e. the swimlanes, left to right (key -> printed name).
- langkah: the steps. Each has:
  - kegiatan: the activity;            pelaksana: the lane key(s) of who does it;
  - kelengkapan: what the step needs;  waktu: how long it takes (`N menit|jam|hari`);
  - output: what it produces;          keterangan: remarks;
  - id: optional name to branch to;    keputusan: makes the step a decision (diamond),
    with `tidak` (where "No" goes), `ya` (where "Yes" goes, default the next step) and `label`.
- Mutu Baku: the quality-standard columns (Kelengkapan, Waktu, Output) on the sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

Kertas = Literal["F4", "A4", "Legal"]
Jenis = Literal["makro", "mikro"]

MAX_LANES = 12
"""At F4 landscape, 12 lanes of about 43 pt are the most that keep symbols and texts legible."""

MAX_AMOUNT = 10_000
"""Largest number a step's `waktu` may hold (anything more is a typing mistake)."""
MINUTES_PER = {"menit": 1, "jam": 60, "hari": 60 * 8}
"""Minutes per unit; a working day (hari kerja) counts 8 hours."""

WAKTU_PATTERN = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(menit|jam|hari)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Waktu:
    """A step's duration as written (`10 Menit`), with its value in minutes."""

    jumlah: float
    satuan: Literal["menit", "jam", "hari"]

    @property
    def minutes(self) -> float:
        return self.jumlah * MINUTES_PER[self.satuan]

    def __str__(self) -> str:
        amount = f"{self.jumlah:g}".replace(".", ",")
        return f"{amount} {self.satuan.capitalize()}"


DIGITS_ONLY = re.compile(r"^\s*[0-9]+\s*$")


def _iso_date(value: object) -> object:
    """A number is not a date (pydantic would read it as a Unix time: 0 is 1970-01-01)."""
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and DIGITS_ONLY.match(value)
    ):
        raise PydanticCustomError("date_parsing", "bukan tanggal TTTT-BB-HH")
    return value


Tanggal = Annotated[dt.date, BeforeValidator(_iso_date)]


def parse_waktu(value: object) -> Waktu | None:
    if value is None or value == "":
        return None
    if isinstance(value, Waktu):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("waktu", "waktu harus ditulis sebagai teks seperti `10 menit`, `2 jam` atau `1 hari`")
    match = WAKTU_PATTERN.match(value)
    if not match or match.group(2).lower() not in MINUTES_PER:  # `menıt` (dotless ı) matches ignoring case
        raise PydanticCustomError(
            "waktu",
            "waktu `{value}` tidak dapat dibaca; tulis sebagai `N menit`, `N jam` atau `N hari` "
            "dengan N bilangan positif",
            {"value": value},
        )
    amount = float(match.group(1).replace(",", "."))
    if amount <= 0:
        raise PydanticCustomError("waktu", "waktu harus lebih dari nol")
    if amount > MAX_AMOUNT:
        shown = f"{MAX_AMOUNT:,}".replace(",", ".")
        raise PydanticCustomError("waktu", f"waktu terlalu besar; paling banyak {shown} menit, jam atau hari")
    return Waktu(amount, match.group(2).lower())  # type: ignore[arg-type]


WaktuField = Annotated[
    Waktu | None,
    BeforeValidator(parse_waktu),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^\s*\d+([.,]\d+)?\s*([Mm]enit|[Jj]am|[Hh]ari)\s*$",
            "examples": ["10 menit", "2 jam", "1 hari"],
        }
    ),
]


def _as_list(value: object) -> object:
    """`peringatan` and `pencatatan_pendataan` may be one text or a list of texts."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


Text = Annotated[StrictStr, Field(min_length=1)]
"""A text that must not be empty."""
TextOrList = Annotated[list[Text], BeforeValidator(_as_list)]
StepRef = StrictInt | StrictStr


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Pengesah(_Strict):
    """The signatory (disahkan oleh)."""

    jabatan: Text
    nama: Text
    nip: StrictStr = ""


class Revisi(_Strict):
    """One revision of the SOP."""

    ke: StrictInt = Field(ge=1)
    tanggal: Tanggal
    catatan: StrictStr = ""


def _free_text(value: object) -> object:
    """A plain text entry of `keterkaitan` is free text; a mapping names an SOP of the library."""
    if isinstance(value, str):
        return {"teks": value}
    return value


class Terkait(_Strict):
    """One related SOP: free text (an SOP outside the library), or a link by number or file name."""

    sop: StrictStr | None = Field(default=None, min_length=1)
    """The linked SOP's number (`nomor`) or its file name without `.yaml`."""
    teks: StrictStr = ""
    """Free text; for a link, printed instead of the linked SOP's title when given."""

    @model_validator(mode="after")
    def _something(self) -> Terkait:
        if self.sop is None and not self.teks.strip():
            raise PydanticCustomError("terkait", "keterkaitan tidak boleh kosong")
        return self


TerkaitField = Annotated[
    Terkait,
    BeforeValidator(_free_text),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {"sop": {"type": "string", "minLength": 1}, "teks": {"type": "string"}},
                    "required": ["sop"],
                    "additionalProperties": False,
                },
            ],
            "examples": ["SOP Mikro Pelaksanaan Monev SOP AP", {"sop": "02/SOP/PO/2018"}],
        }
    ),
]


class Digantikan(_Strict):
    """The status of an SOP replaced by another one."""

    digantikan_oleh: Text


Status = Literal["berlaku", "dicabut"] | Digantikan


class Keputusan(_Strict):
    """Makes a step a decision: where its two answers go."""

    tidak: StepRef
    ya: StepRef | None = None
    label: tuple[StrictStr, StrictStr] = ("Ya", "Tidak")


class Langkah(_Strict):
    """One step (one row of the flowchart table)."""

    kegiatan: StrictStr = Field(min_length=1)
    pelaksana: StrictStr | list[StrictStr]
    kelengkapan: StrictStr = ""
    waktu: WaktuField = None
    output: StrictStr = ""
    keterangan: StrictStr = ""
    id: StrictStr | None = None
    keputusan: Keputusan | None = None

    @property
    def lanes(self) -> list[str]:
        return [self.pelaksana] if isinstance(self.pelaksana, str) else list(self.pelaksana)

    @field_validator("pelaksana")
    @classmethod
    def _not_empty(cls, value: str | list[str]) -> str | list[str]:
        if not value:
            raise PydanticCustomError("pelaksana", "pelaksana langkah tidak boleh kosong")
        return value


class Organisasi(_Strict):
    """The organisation profile shared by every SOP of a folder (organisasi.yaml)."""

    instansi: list[Text] = Field(min_length=1)
    logo: StrictStr | None = None
    kertas: Kertas = "F4"


class Sop(_Strict):
    """One SOP definition."""

    nomor: StrictStr = Field(min_length=1)
    jenis: Jenis = "makro"
    judul: StrictStr = Field(min_length=1)
    unit: list[Text] = Field(min_length=1)
    tanggal_pembuatan: Tanggal
    tanggal_efektif: Tanggal | None = None
    revisi: list[Revisi] = []
    disahkan_oleh: Pengesah
    dasar_hukum: list[Text] = []
    kualifikasi_pelaksana: list[Text] = []
    keterkaitan: list[TerkaitField] = []
    peralatan_perlengkapan: list[Text] = []
    peringatan: TextOrList = []
    pencatatan_pendataan: TextOrList = []
    pelaksana: dict[StrictStr, Text] = Field(min_length=1, max_length=MAX_LANES)
    langkah: list[Langkah] = Field(min_length=1)
    kertas: Kertas | None = None
    instansi: list[Text] | None = None
    tinjau_ulang: Tanggal | None = None
    status: Status = "berlaku"

    @property
    def in_force(self) -> bool:
        return self.status == "berlaku"

    @property
    def status_text(self) -> str:
        """The status as the user reads it: `berlaku`, `dicabut`, `digantikan oleh 02/SOP/...`."""
        if isinstance(self.status, Digantikan):
            return f"digantikan oleh {self.status.digantikan_oleh}"
        return self.status

    @property
    def flow_title(self) -> str:
        """The title printed above the flowchart and in the book's contents: `SOP Makro <judul>`."""
        return f"SOP {self.jenis.capitalize()} {self.judul}"

    @property
    def revisi_terakhir(self) -> Revisi | None:
        return self.revisi[-1] if self.revisi else None


@dataclass(frozen=True)
class Branch:
    """A resolved decision: step indexes (0-based) of its two exits and their labels."""

    ya: int
    tidak: int
    label_ya: str
    label_tidak: str


@dataclass(frozen=True)
class Related:
    """A linked SOP of the library, as the sheet prints it."""

    nomor: str
    judul: str
    jenis: str
    stem: str
    """Its definition's file name without `.yaml`."""


@dataclass(frozen=True)
class SopDocument:
    """An SOP with its organisation profile applied and references resolved: the layout's input."""

    sop: Sop
    organisasi: Organisasi
    source: Path
    logo_path: Path | None
    branches: dict[int, Branch]
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    """Line and column of the definition's keys and steps, for problems found after loading."""
    related: tuple[Related | None, ...] = ()
    """The SOP each `keterkaitan` entry links to, found in the library (None: free text, or not found)."""

    def where(self, *loc: str | int) -> tuple[int | None, int | None]:
        return self.positions.get(tuple(loc), (None, None))

    @property
    def kertas(self) -> Kertas:
        return self.sop.kertas or self.organisasi.kertas

    @property
    def related_texts(self) -> list[str]:
        """The Keterkaitan entries as printed: a linked SOP as `NOMOR Judul` (or its own `teks`)."""
        texts = []
        for index, entry in enumerate(self.sop.keterkaitan):
            target = self.related[index] if index < len(self.related) else None
            if target is not None:
                texts.append(f"{target.nomor} {entry.teks.strip() or target.judul}")
            else:
                texts.append(entry.teks.strip() or entry.sop or "")
        return texts

    @property
    def instansi(self) -> list[str]:
        return self.sop.instansi or self.organisasi.instansi

    @property
    def lanes(self) -> list[str]:
        return list(self.sop.pelaksana)

    def lane_indexes(self, step: int) -> list[int]:
        keys = self.lanes
        return sorted(keys.index(k) for k in self.sop.langkah[step].lanes)
