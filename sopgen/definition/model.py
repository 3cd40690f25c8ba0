"""The SOP as typed data: what a YAML definition says, validated, with no notion of pages or points.

Glossary of the Indonesian terms used as YAML keys (they are the sheet's own words):

- instansi: the institution (ministry), printed top-down beside the emblem.
- logo: the emblem image file of the institution.
- kertas: paper size (F4, A4, Legal), always landscape.
- nomor: the SOP number (Nomor SOP).
- jenis: kind of SOP, `makro` (whole business process) or `mikro` (one unit's detail); optional,
  most organisations print neither (`lembar.jenis_bawaan` says what a missing `jenis` means).
- judul: title of the SOP.          judul_bagan: the flowchart page's own title (e.g. `13. SOP ...`).
- unit: the organisational units owning the SOP, top-down.
- tanggal_pembuatan / tanggal_efektif: date of making / date in force (`TTTT-BB-HH`, or a month and
  year: `Agustus 2023`, `2023-08`).
- revisi: revisions, each with `ke` (number, optional), `tanggal` (date) and `catatan` (note).
- disahkan_oleh: the signatory: `jabatan` (office), `nama` (name), `pangkat` (civil-service rank),
  `nip` (civil-servant number).
- lembar: the sheet profile (organisasi.yaml, overridable per SOP): `label` (every fixed text),
  `kolom` (columns: `keterangan`, `nomor_kolom`, `lebar`), `kepala` (header: `susunan`,
  `kotak_revisi`, `baris_unit`, `baris_nama_instansi`), `tanda_tangan` (signature block under the
  flowchart: `tempat`, `tanggal`), `peringatan_kelengkapan`, `jenis_bawaan`, `nama_hari`.
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
  - kelengkapan: what the step needs;  waktu: how long it takes, as people write it (`10 Menit`,
    `1x24 jam`, `10 (sepuluh) hari kerja`); parsed into minutes where it can be;
  - output: what it produces;          keterangan: remarks;
  - id: optional name to branch to;    keputusan: makes the step a decision (diamond),
    with `tidak` (where "No" goes), `ya` (where "Yes" goes, default the next step) and `label`.
- Mutu Baku: the quality-standard columns (Kelengkapan, Waktu, Output) on the sheet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from ..dates import BULAN, BulanTahun

Kertas = Literal["F4", "A4", "Legal"]
Jenis = Literal["makro", "mikro"]

MAX_LANES = 12
"""At F4 landscape, 12 lanes of about 43 pt are the most that keep symbols and texts legible."""

MAX_AMOUNT = 10_000
"""Largest number a step's `waktu` may hold to be counted (anything more is a typing mistake)."""
MINUTES_PER = {"menit": 1, "jam": 60, "hari": 60 * 8}
"""Minutes per unit; a working day (hari kerja) counts 8 hours."""

UNITS: dict[str, float] = {
    "detik": 1 / 60,
    "dtk": 1 / 60,
    "menit": 1,
    "mnt": 1,
    "jam": MINUTES_PER["jam"],
    "hari": MINUTES_PER["hari"],
    "hr": MINUTES_PER["hari"],
    "hk": MINUTES_PER["hari"],
    "minggu": 5 * MINUTES_PER["hari"],
    "pekan": 5 * MINUTES_PER["hari"],
    "bulan": 22 * MINUTES_PER["hari"],
}
"""Minutes per unit a `waktu` may name: a working day (hari, hari kerja, HK) is 8 hours, a week 5
working days, a month 22."""
WHOLE_TERMS = {"sehari": "hari", "sejam": "jam", "semenit": "menit", "seminggu": "minggu", "sepekan": "pekan"}
WHOLE_TERMS["sebulan"] = "bulan"
"""One unit in one word."""
NUMBER_WORDS = {
    "satu": 1.0,
    "dua": 2.0,
    "tiga": 3.0,
    "empat": 4.0,
    "lima": 5.0,
    "enam": 6.0,
    "tujuh": 7.0,
    "delapan": 8.0,
    "sembilan": 9.0,
    "sepuluh": 10.0,
    "sebelas": 11.0,
    "setengah": 0.5,
    "seperempat": 0.25,
}
QUALIFIERS = (
    ("paling", "lambat"),
    ("paling", "lama"),
    ("selambat-lambatnya",),
    ("selama-lamanya",),
    ("selambatnya",),
    ("maksimal",),
    ("maksimum",),
    ("maks",),
    ("max",),
    ("minimal",),
    ("kurang", "lebih"),
    ("lebih", "kurang"),
    ("kurang", "dari"),
    ("sekitar",),
    ("kira-kira",),
    ("rata-rata",),
    ("dalam", "waktu"),
    ("dalam",),
    ("selama",),
    ("±",),
    ("<",),
    ("≤",),
)
"""Words before a duration that bound it or round it (`paling lambat 17 hari kerja`, `± 2 menit`):
the duration counts as written."""
RANGE_WORDS = ("-", "sd", "sampai", "hingga", "atau")
"""Between the two ends of a range (`2-3 hari`, `2 s.d. 3 hari`): the upper end counts."""
UNIT_TAILS = ("kerja", "kalender")
CLAUSE_WORDS = ("sejak", "setelah", "sesudah", "terhitung", "semenjak")
"""A duration may end with a clause saying from when it runs (`17 hari kerja sejak permohonan diterima`)."""

_TOKEN = re.compile(r"\s+|(?P<num>[0-9]+(?:[.,][0-9]+)?)|(?P<word>[a-z]+(?:-[a-z]+)*)|(?P<sym>[±<≤,.+/x-])")


def _tokens(text: str) -> list[str] | None:
    """The words, numbers and signs of a `waktu` text, lower case; None when it holds anything else."""
    text = text.lower()
    text = re.sub(r"\([^()]*\)", " ", text)  # `10 (sepuluh) hari kerja`
    for dash in "\u2013\u2014\u2212":
        text = text.replace(dash, "-")
    text = text.replace("\u00d7", " x ").replace("*", " x ").replace("+/-", " ± ").replace("+-", " ± ")
    text = re.sub(r"\bs\s*\.\s*d\s*\.?|\bs\s*/\s*d\b", " sd ", text)
    text = text.replace("<=", "≤")
    found, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            return None
        if not match.group().isspace():
            found.append(match.group())
        at = match.end()
    found = [t for t in found if t != "."]  # `maks.`, `mnt.`
    return found


class _Reader:
    """A small parser over the tokens of a `waktu` text."""

    def __init__(self, tokens: list[str]):
        self.tokens = tokens
        self.at = 0
        self.too_large = False

    def peek(self, offset: int = 0) -> str | None:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def value(self) -> float | None:
        token = self.peek()
        if token is None:
            return None
        if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", token):
            self.at += 1
            amount = float(token.replace(",", "."))
        elif token in NUMBER_WORDS:
            self.at += 1
            amount = NUMBER_WORDS[token]
            if amount < 10 and self.peek() in ("belas", "puluh"):
                amount = amount + 10 if self.peek() == "belas" else amount * 10
                self.at += 1
        else:
            return None
        if amount > MAX_AMOUNT:
            self.too_large = True
        return amount

    def amount(self) -> float | None:
        """A number, a product (`1x24`), or a range (`2-3`: its upper end)."""
        start = self.at
        amount = self.value()
        if amount is None:
            return None
        if self.peek() == "x":
            self.at += 1
            factor = self.value()
            if factor is None:
                self.at = start
                return None
            amount *= factor
        if self.peek() in RANGE_WORDS and self.peek(1) is not None and self.peek(1) not in UNITS:
            mark = self.at
            self.at += 1
            self.skip("dengan")
            upper = self.value()
            if upper is None:
                self.at = mark
            else:
                amount = max(amount, upper)
        return amount

    def skip(self, *words: str) -> None:
        while self.peek() in words:
            self.at += 1

    def term(self) -> float | None:
        """An amount and its unit (`10 menit`, `1x24 jam`, `sehari`, `setengah hari`)."""
        token = self.peek()
        if token in WHOLE_TERMS:
            self.at += 1
            self.skip(*UNIT_TAILS)
            return float(UNITS[WHOLE_TERMS[token]])
        start = self.at
        amount = self.amount()
        if amount is None or self.peek() not in UNITS:
            self.at = start
            return None
        minutes = amount * UNITS[self.tokens[self.at]]
        self.at += 1
        self.skip(*UNIT_TAILS)
        return minutes

    def duration(self) -> float | None:
        """Terms one after another (`1 jam 30 menit`, `2 hari dan 3 jam`)."""
        total = self.term()
        if total is None:
            return None
        while True:
            mark = self.at
            self.skip(",", "dan", "+")
            more = self.term()
            if more is None:
                self.at = mark
                return total
            total += more

    def qualifiers(self) -> None:
        progress = True
        while progress:
            progress = False
            for phrase in QUALIFIERS:
                if tuple(self.tokens[self.at : self.at + len(phrase)]) == phrase:
                    self.at += len(phrase)
                    progress = True
                    break

    def read(self) -> float | None:
        self.qualifiers()
        minutes = self.duration()
        if minutes is None:
            return None
        if self.peek() in RANGE_WORDS:
            mark = self.at
            self.at += 1
            self.skip("dengan")
            self.qualifiers()
            upper = self.duration()
            if upper is None:
                self.at = mark
            else:
                minutes = max(minutes, upper)
        if self.peek() in CLAUSE_WORDS:
            return minutes
        return minutes if self.peek() is None else None


def read_waktu(text: str) -> tuple[float | None, bool]:
    """The minutes a `waktu` text says, or None where it cannot be read (`setiap saat`); and whether a
    number in it is larger than MAX_AMOUNT (then it is not counted either).

    Read: `N menit|jam|hari` with decimals (`1,5 jam`), `hari kerja`/`HK`, `minggu` (5 working days),
    `bulan` (22), `detik`; products (`1x24 jam`); ranges (`2-3 hari`, `2 s.d. 3 hari`: the upper end);
    several terms (`1 jam 30 menit`); numbers in words (`sepuluh`, `setengah`), and a number in words
    in brackets after the digits (`10 (sepuluh) hari kerja`); bounds and roundings before it
    (`paling lambat`, `maksimal`, `±`); a clause after it saying from when it runs (`sejak ...`)."""
    tokens = _tokens(text)
    if not tokens:
        return None, False
    reader = _Reader(tokens)
    minutes = reader.read()
    if reader.too_large:
        return None, True
    return minutes, False


@dataclass(frozen=True)
class Waktu:
    """A step's duration as written (`10 Menit`, `paling lambat 17 hari kerja`, `setiap saat`), with its
    value in minutes where the text can be read."""

    teks: str
    """The author's text, trimmed: what the sheet prints."""
    menit: float | None = None
    """Minutes, or None when the text cannot be read (then it is left out of the register's totals)."""

    @property
    def parsed(self) -> bool:
        return self.menit is not None

    @property
    def minutes(self) -> float:
        """Minutes, for totals: 0.0 when the text cannot be read (see `parsed`)."""
        return self.menit if self.menit is not None else 0.0

    def __str__(self) -> str:
        return self.teks


DIGITS_ONLY = re.compile(r"^\s*[0-9]+\s*$")
MONTHS = {name.lower(): number for number, name in enumerate(BULAN, start=1)}
MONTH_YEAR = re.compile(r"([A-Za-z]+) ([0-9]{4})")
"""`Agustus 2023`: a month name (any letter case) and a year, one space between."""
YEAR_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
"""`2023-08`."""


def month_and_year(value: str) -> BulanTahun | None:
    """A date written as its month and year only (`Agustus 2023`, `2023-08`), or None."""
    match = MONTH_YEAR.fullmatch(value)
    if match and match[1].lower() in MONTHS and int(match[2]) >= 1:
        return BulanTahun(int(match[2]), MONTHS[match[1].lower()], 1)
    match = YEAR_MONTH.fullmatch(value)
    if match and 1 <= int(match[2]) <= 12 and int(match[1]) >= 1:
        return BulanTahun(int(match[1]), int(match[2]), 1)
    return None


def _iso_date(value: object) -> object:
    """A number is not a date (pydantic would read it as a Unix time: 0 is 1970-01-01); a month and a
    year is a date known only to its month."""
    if isinstance(value, str):
        month = month_and_year(value)
        if month is not None:
            return month
    if (isinstance(value, int | float) and not isinstance(value, bool)) or (
        isinstance(value, str) and DIGITS_ONLY.match(value)
    ):
        raise PydanticCustomError("date_parsing", "bukan tanggal TTTT-BB-HH")
    return value


Tanggal = Annotated[dt.date, BeforeValidator(_iso_date)]


def parse_waktu(value: object) -> Waktu | None:
    if isinstance(value, Waktu):
        return value
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError(
            "waktu", "waktu harus ditulis sebagai teks seperti `10 menit`, `2 jam`, `1 hari` atau `1x24 jam`"
        )
    text = value.strip()
    if not text:
        return None
    minutes, _ = read_waktu(text)
    return Waktu(text, minutes)


WaktuField = Annotated[
    Waktu | None,
    BeforeValidator(parse_waktu),
    WithJsonSchema({"type": "string", "examples": ["10 menit", "1x24 jam", "10 (sepuluh) hari kerja"]}),
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
    pangkat: StrictStr = ""
    nip: StrictStr = ""


class Revisi(_Strict):
    """One revision of the SOP."""

    ke: StrictInt | None = Field(default=None, ge=1)
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


MAX_CHAIN = 4
"""Most actors one step may chain (`rangkaian`): more do not fit side by side in one row."""


class Mata(_Strict):
    """One link of a step's chain of actors (`rangkaian`): who acts, and whether they decide. A
    decision's `Ya` goes on to the next link (of the last link: to the next step, or to `ya`)."""

    pelaksana: StrictStr = Field(min_length=1)
    keputusan: Keputusan | None = None


class Langkah(_Strict):
    """One step (one row of the flowchart table)."""

    kegiatan: StrictStr = Field(min_length=1)
    pelaksana: StrictStr | list[StrictStr] | None = None
    rangkaian: list[Mata] | None = Field(default=None, min_length=2, max_length=MAX_CHAIN)
    """Actors acting one after another within the step (Tim -> Kasi -> Kabid), each a symbol of the
    row, with arrows between them; instead of `pelaksana`."""
    kelengkapan: StrictStr = ""
    waktu: WaktuField = None
    output: StrictStr = ""
    keterangan: StrictStr = ""
    id: StrictStr | None = None
    keputusan: Keputusan | None = None

    @property
    def lanes(self) -> list[str]:
        """The lane keys of the step's actors, in the order written (a chain's links in order)."""
        if self.rangkaian:
            return [link.pelaksana for link in self.rangkaian]
        if self.pelaksana is None:
            return []
        return [self.pelaksana] if isinstance(self.pelaksana, str) else list(self.pelaksana)

    @property
    def decision(self) -> Keputusan | None:
        """The decision the step ends with: its own, or its chain's last link's."""
        return self.rangkaian[-1].keputusan if self.rangkaian else self.keputusan

    @field_validator("pelaksana")
    @classmethod
    def _not_empty(cls, value: str | list[str] | None) -> str | list[str] | None:
        if value is not None and not value:
            raise PydanticCustomError("pelaksana", "pelaksana langkah tidak boleh kosong")
        return value

    @model_validator(mode="after")
    def _actors(self) -> Langkah:
        if self.rangkaian is None and self.pelaksana is None:
            raise PydanticCustomError(
                "pelaksana_missing", "isi `pelaksana` langkah, atau `rangkaian` bila beberapa pelaksana bergantian"
            )
        if self.rangkaian is not None and self.pelaksana is not None:
            raise PydanticCustomError(
                "pelaksana_twice",
                "tulis `pelaksana` atau `rangkaian`, tidak keduanya: dalam `rangkaian` setiap mata rantai punya "
                "pelaksananya sendiri",
            )
        if self.rangkaian is not None and self.keputusan is not None:
            raise PydanticCustomError(
                "keputusan_chain",
                "langkah dengan `rangkaian` tidak memakai `keputusan` sendiri; tulis `keputusan` pada mata rantai "
                "yang memutuskan",
            )
        return self


# -- The sheet profile (`lembar`) ---------------------------------------------------------------------

FLAG_WORDS = {"ya": True, "tidak": False}


def _flag(value: object) -> object:
    """`ya` and `tidak` are read as true and false (YAML's own words are `true` and `false`)."""
    return FLAG_WORDS.get(value, value) if isinstance(value, str) else value


Flag = Annotated[
    StrictBool,
    BeforeValidator(_flag),
    WithJsonSchema(
        {
            "anyOf": [{"type": "boolean"}, {"enum": list(FLAG_WORDS)}],
            "errorMessage": "tulis `true` atau `false` (boleh juga `ya` atau `tidak`)",
        }
    ),
]
"""A yes/no option: `true`/`false`, or `ya`/`tidak`."""
Share = Annotated[float, Strict(), Field(gt=0, le=1000)]
"""A width share: a positive number, relative to the other shares."""

PAGE_FIELDS = ("{halaman}", "{jumlah}")
"""The places the page number and the page count go in the footer's label."""


class Label(_Strict):
    """Every fixed text the sheet prints, by its place (defaults: the Kemenko Polhukam sheet)."""

    nomor_sop: Text = "Nomor SOP"
    tanggal_pembuatan: Text = "Tanggal Pembuatan"
    tanggal_revisi: Text = "Tanggal Revisi"
    tanggal_efektif: Text = "Tanggal Efektif"
    disahkan_oleh: Text = "Disahkan oleh"
    judul_sop: Text = "Judul SOP"
    revisi_ke: Text = "Revisi ke"
    dasar_hukum: Text = "Dasar Hukum"
    kualifikasi_pelaksana: Text = "Kualifikasi Pelaksana"
    keterkaitan: Text = "Keterkaitan"
    peralatan_perlengkapan: Text = "Peralatan/Perlengkapan"
    peringatan: Text = "Peringatan"
    pencatatan_pendataan: Text = "Pencatatan dan Pendataan"
    nomor: Text = "No."
    kegiatan: Text = "Kegiatan"
    pelaksana: Text = "Pelaksana"
    mutu_baku: Text = "Mutu Baku"
    kelengkapan: Text = "Kelengkapan"
    waktu: Text = "Waktu"
    output: Text = "Output"
    keterangan: Text = "Ket."
    riwayat_revisi: Text = "Riwayat Revisi"
    riwayat_ke: Text = "Ke"
    catatan_revisi: Text = "Catatan Revisi"
    halaman: Text = "Halaman {halaman} dari {jumlah}"

    @field_validator("halaman")
    @classmethod
    def _page_fields(cls, value: str) -> str:
        first, second = (value.find(place) for place in PAGE_FIELDS)
        rest = value.replace(PAGE_FIELDS[0], "").replace(PAGE_FIELDS[1], "")
        if first < 0 or second < first or value.count(PAGE_FIELDS[0]) > 1 or "{" in rest or "}" in rest:
            raise PydanticCustomError(
                "lembar",
                "tulis `{halaman}` (nomor halaman) lalu `{jumlah}` (jumlah halaman) masing-masing sekali, "
                "tanpa kurung kurawal lain, misalnya `Halaman {halaman} dari {jumlah}`",
            )
        return value

    @property
    def footer(self) -> str:
        """The footer's wording as the laid-out document holds it (`{page}`, `{pages}`)."""
        return self.halaman.replace(PAGE_FIELDS[0], "{page}").replace(PAGE_FIELDS[1], "{pages}")


class Lebar(_Strict):
    """Width shares of the flowchart's column groups (relative numbers; No. keeps its own width)."""

    kegiatan: Share | None = None
    pelaksana: Share | None = None
    mutu_baku: Share | None = None
    keterangan: Share | None = None


DEFAULT_SHARES = {"kegiatan": 27.0, "pelaksana": 43.0, "mutu_baku": 25.0, "keterangan": 5.0}
"""Shares of a `lebar` key not written: about today's sheet with five lanes."""


class Kolom(_Strict):
    """The flowchart table's columns."""

    keterangan: Flag = True
    nomor_kolom: Flag = False
    lebar: Lebar | None = None

    def shares(self) -> dict[str, float] | None:
        """The width shares of the column groups (None: the sheet's own grid), without Keterangan when
        the column is left out."""
        if self.lebar is None:
            return None
        shares = {key: getattr(self.lebar, key) or share for key, share in DEFAULT_SHARES.items()}
        if not self.keterangan:
            del shares["keterangan"]
        return shares


Susunan = Literal["dua_kolom", "tiga_kolom"]


class Kepala(_Strict):
    """The identity header at the top of the first page."""

    susunan: Susunan = "dua_kolom"
    kotak_revisi: Flag = True
    baris_unit: Flag = True
    baris_nama_instansi: StrictInt | None = Field(default=None, ge=1)


class TandaTangan(_Strict):
    """The signature block printed under the flowchart."""

    tempat: StrictStr = ""
    tanggal: Literal["efektif", "pembuatan"] = "efektif"


def _signature(value: object) -> object:
    """`tanda_tangan: true` prints the block with no place; `false` prints none."""
    value = _flag(value)
    if value is True:
        return {}
    if value is False:
        return None
    return value


JenisBawaan = Literal["makro", "mikro", "tanpa"]


class Lembar(_Strict):
    """The sheet profile: how this organisation words and arranges the SOP AP sheet. In organisasi.yaml
    for every SOP of the folder; an SOP's own `lembar` is merged over it key by key."""

    label: Label | None = None
    kolom: Kolom | None = None
    kepala: Kepala | None = None
    tanda_tangan: Annotated[TandaTangan | None, BeforeValidator(_signature)] = None
    peringatan_kelengkapan: Flag = True
    jenis_bawaan: JenisBawaan = "makro"
    nama_hari: Flag = True

    def over(self, base: Lembar | None) -> Lembar:
        """This profile merged over `base`: every key written here wins, nested mappings key by key."""
        return _merged(base, self) if base is not None else self

    @property
    def labels(self) -> Label:
        return self.label or Label()

    @property
    def columns(self) -> Kolom:
        return self.kolom or Kolom()

    @property
    def head(self) -> Kepala:
        return self.kepala or Kepala()


def _merged(base: BaseModel, over: BaseModel) -> Any:
    update = {}
    for name in over.model_fields_set:
        mine, theirs = getattr(over, name), getattr(base, name)
        if isinstance(mine, BaseModel) and isinstance(theirs, BaseModel) and type(mine) is type(theirs):
            update[name] = _merged(theirs, mine)
        else:
            update[name] = mine
    return base.model_copy(update=update)


class Organisasi(_Strict):
    """The organisation profile shared by every SOP of a folder (organisasi.yaml)."""

    instansi: list[Text] = Field(min_length=1)
    logo: StrictStr | None = None
    kertas: Kertas = "F4"
    lembar: Lembar | None = None


LEADING_SOP = re.compile(r"SOP(?![A-Za-z0-9])\s*")
"""A title that starts with the word SOP (`SOP Permohonan ...`, `SOP: ...` is not one)."""


class Sop(_Strict):
    """One SOP definition."""

    nomor: StrictStr = Field(min_length=1)
    jenis: Jenis | None = None
    judul: StrictStr = Field(min_length=1)
    judul_bagan: StrictStr | None = Field(default=None, min_length=1)
    unit: list[Text] = []
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
    lembar: Lembar | None = None

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
        """The title printed above the flowchart and in the book's contents: `judul_bagan` as written,
        else `SOP Makro <judul>` (`SOP <judul>` without `jenis`). A `judul` that already starts with
        the word SOP is not given a second one: `SOP Permohonan ...` stays so, or becomes
        `SOP Makro Permohonan ...`."""
        if self.judul_bagan and self.judul_bagan.strip():
            return self.judul_bagan.strip()
        kind = self.jenis.capitalize() if self.jenis else ""
        judul = self.judul.strip()
        own = LEADING_SOP.match(judul)
        if own is None:
            return " ".join(part for part in ("SOP", kind, judul) if part)
        rest = judul[own.end() :]
        if kind and not rest.lower().startswith(kind.lower()):
            return f"{judul[:3]} {kind} {rest}".rstrip()
        return judul

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
    """Each decision step's two exits (a chain's last link decides for its step)."""
    positions: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    """Line and column of the definition's keys and steps, for problems found after loading."""
    chains: dict[tuple[int, int], Branch] = field(default_factory=dict)
    """The decisions of chain links before the last, by (step, link): `ya` is the step itself (the
    answer goes on to the next link), `tidak` a step."""
    related: tuple[Related | None, ...] = ()
    """The SOP each `keterkaitan` entry links to, found in the library (None: free text, or not found)."""

    def where(self, *loc: str | int) -> tuple[int | None, int | None]:
        return self.positions.get(tuple(loc), (None, None))

    @property
    def kertas(self) -> Kertas:
        return self.sop.kertas or self.organisasi.kertas

    @cached_property
    def lembar(self) -> Lembar:
        """The sheet profile in force: the SOP's own `lembar` merged over the organisation's."""
        own, profile = self.sop.lembar, self.organisasi.lembar
        if own is not None:
            return own.over(profile)
        return profile or Lembar()

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
