"""`keputusan.yaml` -> the draft decree enacting the SOPs (Keputusan Pimpinan), and `keputusan.pdf`
-> the signed decree the book binds as it is.

The decree's wording is the Jinja template `templates/keputusan/keputusan.yaml.j2`: it renders the
decree as a list of blocks (centred lines, labelled items, the signature, the attachment's table) that
`layout.book.layout_decree` places on pages and the writers translate.

Also the small readers both files beside the definitions share (`Fields`): every problem is found at
once and told at its line, in Indonesian.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import BULAN
from .definition.model import SopDocument
from .errors import Diagnostic, UserError
from .layout.book import (
    Aside,
    Centred,
    DecreeBlock,
    DecreeLayout,
    Gap,
    Item,
    Listing,
    NewPage,
    Plain,
    SignedDecree,
    layout_decree,
)

TEMPLATE = "keputusan/keputusan.yaml.j2"
MAX_ITEMS = 30
"""Most entries of one list (considerations, legal bases, copies)."""
MAX_DIKTUM = 15
"""Most extra diktum: with KESATU, KEDUA and the last, the ordinals run to KEDELAPAN BELAS."""
MAX_TEXT = 2000
ORDINALS = tuple(
    name.replace("_", " ")
    for name in (
        "KESATU KEDUA KETIGA KEEMPAT KELIMA KEENAM KETUJUH KEDELAPAN KESEMBILAN KESEPULUH KESEBELAS KEDUA_BELAS "
        "KETIGA_BELAS KEEMPAT_BELAS KELIMA_BELAS KEENAM_BELAS KETUJUH_BELAS KEDELAPAN_BELAS"
    ).split()
)
"""The diktum's names, in order."""
MIN_PAGE, MAX_PAGE = 72.0, 14400.0
"""Smallest and largest page side of the signed decree, in points (1 inch; the PDF limit of 200 inches)."""


def tidy(text: str) -> str:
    """One line: runs of whitespace (line breaks, tabs) as one space."""
    return " ".join(text.split())


def long_date(day: dt.date) -> str:
    """`2 Mei 2018`, as a decree writes its date."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


class Fields:
    """Reads the top-level mapping of a small YAML file beside the definitions; `problems` collects
    every mistake with its place."""

    def __init__(self, path: Path, known: Sequence[str]) -> None:
        from .definition.source import YamlSource, read

        try:
            empty = not path.read_bytes().strip()
        except OSError:
            empty = False  # `read` says why in Indonesian
        self.source = YamlSource(path, {}) if empty else read(path)
        self.problems: list[Diagnostic] = []
        data = self.source.data if self.source.data is not None else {}
        if not isinstance(data, dict):
            raise UserError(
                [self.source.diagnostic((), "isi berkas harus berupa pemetaan (kunci: nilai) di tingkat teratas")]
            )
        self.data: dict[Any, Any] = data
        for key in data:
            if key not in known:
                self.unknown((key,), str(key), known)

    def unknown(self, loc: tuple, key: str, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
        hint = f"; maksudnya `{close[0]}`?" if close else "; yang dikenal: " + ", ".join(f"`{k}`" for k in known)
        self.problems.append(self.source.diagnostic(loc, f"kunci `{key}` tidak dikenal{hint}", key=True))

    def problem(self, loc: tuple, message: str) -> None:
        self.problems.append(self.source.diagnostic(loc, message))

    @staticmethod
    def name(loc: tuple) -> str:
        """`mengingat butir 2`, `nama di penandatangan`: a place as the user reads it."""
        if len(loc) == 2 and isinstance(loc[1], int):
            return f"{loc[0]} butir {loc[1] + 1}"
        if len(loc) == 2:
            return f"{loc[1]} di {loc[0]}"
        return str(loc[0]) if loc else "isi berkas"

    def text(self, loc: tuple, value: Any, required: bool = False) -> str:
        name = self.name(loc)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(loc, f"{name}: wajib diisi")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(loc, f"{name}: tulis sebagai teks")
            return ""
        text = tidy(str(value))
        if len(text) > MAX_TEXT:
            self.problem(loc, f"{name}: terlalu panjang ({len(text)} karakter); paling banyak {MAX_TEXT}")
            return ""
        return text

    def get(self, key: str, required: bool = False) -> str:
        if required and key not in self.data:
            self.problem((), f"`{key}` wajib diisi")
            return ""
        return self.text((key,), self.data.get(key), required)

    def texts(self, key: str, required: bool = False, limit: int = MAX_ITEMS) -> list[str]:
        value = self.data.get(key)
        if value is None or value == []:
            if required:
                self.problem((key,) if key in self.data else (), f"`{key}` wajib diisi, paling sedikit satu butir")
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.problem((key,), f"{key}: tulis sebagai daftar (setiap butir diawali `- `)")
            return []
        if len(value) > limit:
            self.problem((key,), f"{key}: paling banyak {limit} butir")
            return []
        found = [self.text((key, index), item, required=True) for index, item in enumerate(value)]
        return [item for item in found if item]

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.problem((key,), f"{key}: `{value}` bukan tanggal yang sah; tulis sebagai TTTT-BB-HH, misalnya 2024-05-02")
        return None

    def done(self) -> None:
        if self.problems:
            raise UserError(self.problems)


@dataclass(frozen=True)
class Signatory:
    jabatan: str
    nama: str
    nip: str = ""


@dataclass(frozen=True)
class DecreeSettings:
    """What `keputusan.yaml` says."""

    pejabat: str
    """The office that decrees (KEPUTUSAN <PEJABAT>)."""
    menimbang: tuple[str, ...]
    mengingat: tuple[str, ...]
    tempat: str
    penandatangan: Signatory
    nomor: str = ""
    tentang: str = ""
    memperhatikan: tuple[str, ...] = ()
    diktum: tuple[str, ...] = ()
    tanggal: dt.date | None = None
    tembusan: tuple[str, ...] = ()
    path: Path | None = None
    warnings: list[Diagnostic] = field(default_factory=list, compare=False)


KEYS = (
    "pejabat",
    "nomor",
    "tentang",
    "menimbang",
    "mengingat",
    "memperhatikan",
    "diktum",
    "tempat",
    "tanggal",
    "penandatangan",
    "tembusan",
)
SIGNATORY_KEYS = ("jabatan", "nama", "nip")


def read_decree(path: Path) -> DecreeSettings:
    """Read `keputusan.yaml`; every problem is raised at once as a UserError with its place."""
    fields = Fields(path, KEYS)
    pejabat = fields.get("pejabat", required=True)
    menimbang = fields.texts("menimbang", required=True)
    mengingat = fields.texts("mengingat", required=True)
    memperhatikan = fields.texts("memperhatikan")
    diktum = fields.texts("diktum", limit=MAX_DIKTUM)
    tembusan = fields.texts("tembusan")
    tempat = fields.get("tempat", required=True)
    tanggal = fields.date("tanggal")
    signer = fields.data.get("penandatangan")
    signatory = Signatory(pejabat, "")
    if not isinstance(signer, dict):
        fields.problem(
            ("penandatangan",) if "penandatangan" in fields.data else (),
            "`penandatangan` wajib diisi sebagai pemetaan dengan `nama` (dan `jabatan`, `nip` bila perlu)",
        )
    else:
        for key in signer:
            if key not in SIGNATORY_KEYS:
                fields.unknown(("penandatangan", key), str(key), SIGNATORY_KEYS)
        jabatan = fields.text(("penandatangan", "jabatan"), signer.get("jabatan"))
        nama = fields.text(("penandatangan", "nama"), signer.get("nama"), required=True)
        nip = fields.text(("penandatangan", "nip"), signer.get("nip"))
        if isinstance(signer.get("nip"), int | float):  # YAML read it as a number: a leading 0 is lost
            fields.problem(("penandatangan", "nip"), 'nip: tulis di antara tanda kutip, mis. nip: "195910081983031001"')
        signatory = Signatory(jabatan or pejabat, nama, nip)
    fields.done()
    return DecreeSettings(
        pejabat=pejabat,
        menimbang=tuple(menimbang),
        mengingat=tuple(mengingat),
        tempat=tempat,
        penandatangan=signatory,
        nomor=fields.get("nomor"),
        tentang=fields.get("tentang"),
        memperhatikan=tuple(memperhatikan),
        diktum=tuple(diktum),
        tanggal=tanggal,
        tembusan=tuple(tembusan),
        path=path,
        warnings=fields.source.warnings,
    )


def main_unit(documents: Sequence[SopDocument]) -> str:
    """The unit most SOPs belong to: the last (smallest) of their `unit` lines, else the first line of
    the institution."""
    units = Counter(tuple(d.sop.unit) for d in documents if d.sop.unit).most_common(1)
    if units:
        return units[0][0][-1]
    return documents[0].instansi[0] if documents and documents[0].instansi else ""


def subject(settings: DecreeSettings, documents: Sequence[SopDocument]) -> str:
    """What the decree is about (TENTANG ...)."""
    return (
        settings.tentang
        or f"Standar Operasional Prosedur Administrasi Pemerintahan di Lingkungan {main_unit(documents)}"
    )


def title(settings: DecreeSettings) -> str:
    """The decree's name in the book's contents and outline: `Keputusan Kepala Biro ...`."""
    return f"Keputusan {settings.pejabat}"


def _blocks(rendered: str) -> list[DecreeBlock]:
    """The template's YAML -> blocks. A mistake here is in sopgen's own template, not the user's."""
    import yaml

    blocks: list[DecreeBlock] = []
    for entry in yaml.load(rendered, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []:
        ((kind, value),) = entry.items()
        if kind == "tengah":
            blocks.append(Centred(value["teks"], bool(value.get("tebal"))))
        elif kind == "jarak":
            blocks.append(Gap(float(value)))
        elif kind == "butir":
            blocks.append(Item(value.get("label", ""), value.get("tanda", ""), value["teks"]))
        elif kind == "teks":
            blocks.append(Plain(value["teks"], value.get("tanda", ""), bool(value.get("tebal"))))
        elif kind == "samping":
            blocks.append(Aside(tuple((line.get("teks", ""), bool(line.get("tebal"))) for line in value)))
        elif kind == "tabel":
            blocks.append(
                Listing(
                    tuple(value["kolom"]),
                    tuple(float(v) for v in value["lebar"]),
                    tuple(value["rata"]),
                    tuple(tuple(row) for row in value["baris"]),
                )
            )
        elif kind == "halaman_baru":
            blocks.append(NewPage())
        else:
            raise ValueError(f"{TEMPLATE}: unknown block {kind!r}")
    return blocks


def compose(settings: DecreeSettings, documents: Sequence[SopDocument], year: int) -> list[DecreeBlock]:
    """The decree's blocks: the settings and the SOPs (the attachment lists every one in force)."""
    from .templating import render

    tanggal = long_date(settings.tanggal) if settings.tanggal else f"{'.' * 20} {year}"
    nomor = settings.nomor or f"{'.' * 12} TAHUN {settings.tanggal.year if settings.tanggal else year}"
    extra = list(settings.diktum)
    ordinals = ORDINALS[: 3 + len(extra)]
    rendered = render(
        TEMPLATE,
        pejabat=settings.pejabat,
        nomor=nomor,
        tentang=subject(settings, documents),
        unit=main_unit(documents),
        menimbang=settings.menimbang,
        mengingat=settings.mengingat,
        memperhatikan=settings.memperhatikan,
        diktum=extra,
        ordinals=ordinals,
        letters="abcdefghijklmnopqrstuvwxyz",
        tempat=settings.tempat,
        tanggal=tanggal,
        penandatangan=settings.penandatangan,
        tembusan=settings.tembusan,
        sops=[(d.sop.nomor, d.sop.flow_title) for d in documents],
    )
    return _blocks(rendered)


def draft(settings: DecreeSettings, documents: Sequence[SopDocument], year: int) -> DecreeLayout:
    """The draft decree laid out on the sheets' paper, upright."""
    paper = Counter(d.kertas for d in documents).most_common(1)[0][0] if documents else "F4"
    name = f"Draf {title(settings)} tentang {subject(settings, documents)}"
    return layout_decree(compose(settings, documents, year), paper, name)


def read_signed(path: Path) -> SignedDecree:
    """Check that `keputusan.pdf` can be bound: readable, not locked, with pages of a sensible size."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about sloppy scanners' files

    def refused(message: str) -> UserError:
        return UserError([Diagnostic(path, None, None, message)])

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise refused(
                "PDF keputusan terkunci dengan kata sandi; simpan ulang tanpa kata sandi (mis. cetak ke PDF) "
                "lalu ulangi"
            )
        sizes = []
        for number, page in enumerate(reader.pages, start=1):
            box = page.cropbox
            width, height = float(box.width), float(box.height)
            if page.rotation % 180:
                width, height = height, width
            if not (MIN_PAGE <= width <= MAX_PAGE and MIN_PAGE <= height <= MAX_PAGE):
                raise refused(
                    f"halaman {number} PDF keputusan berukuran {width:.0f} x {height:.0f} pt, di luar batas "
                    f"{MIN_PAGE:.0f}-{MAX_PAGE:.0f} pt; pindai ulang dengan ukuran kertas biasa"
                )
            page.get_contents()
            sizes.append((round(width, 3), round(height, 3)))
    except UserError:
        raise
    except FileNotFoundError:
        raise refused("berkas tidak ditemukan") from None
    except OSError as exc:
        from .files import reason

        raise refused(f"berkas tidak dapat dibaca ({reason(exc)})") from None
    except Exception:  # noqa: BLE001 - pypdf raises many kinds (in English) for a broken file
        raise refused(
            "berkas ini bukan PDF yang dapat dibaca (rusak, terpotong, atau berkas lain yang diberi nama .pdf); "
            "simpan ulang keputusan yang ditandatangani sebagai PDF lalu ulangi"
        ) from None
    if not sizes:
        raise refused("PDF keputusan tidak memiliki halaman")
    return SignedDecree(path, tuple(sizes))
