"""The SOPs of a folder, as other SOPs link to them: number, title, kind, and the name of their outputs.

A `keterkaitan` entry may name another SOP of the library by its number or by its file name
(`{sop: 02/SOP/PO/2018}`); the library finds it, so the sheet prints its number and title and the PDF
links to its sheet. Built from a light read of each file (no validation), once per command.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .definition.model import Digantikan, Related, SopDocument
from .errors import Diagnostic

LINK_LINE = re.compile(r"(?:^|[{,\[])[ \t-]*[\"']?(?:sop|digantikan_oleh)[\"']?[ \t]*:", re.MULTILINE)
"""A line of a definition that may name another SOP (`- sop: ...`, `digantikan_oleh: ...`): only such
files need the library."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Entry:
    """One SOP of the library."""

    related: Related
    path: Path
    links: tuple[str, ...] = ()
    """The references its own `keterkaitan` makes (`sop:` values)."""


@dataclass(frozen=True)
class Library:
    entries: tuple[Entry, ...] = ()
    _by_key: dict[str, Entry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_key = self._by_key
        for entry in self.entries:  # a number first, then a file name, and the first of equals wins
            by_key.setdefault(_key(entry.related.nomor), entry)
        for entry in self.entries:
            by_key.setdefault(_key(entry.path.stem), entry)

    def find(self, reference: str) -> Entry | None:
        """The SOP a `sop:` value names: by its number, else by its definition's file name."""
        return self._by_key.get(_key(reference))

    def digest(self) -> str:
        """Changes when anything a linking sheet prints from this library changes."""
        text = "\n".join(
            f"{e.related.nomor}\t{e.related.judul}\t{e.related.jenis}\t{e.related.stem}\t{e.path.stem}"
            for e in self.entries
        )
        return hashlib.sha256(text.encode()).hexdigest()


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _default_kind(data: dict) -> str | None:
    """What `lembar.jenis_bawaan` of a definition or profile says a missing `jenis` is: `makro`,
    `mikro`, '' (no kind, `tanpa`), or None when it says nothing."""
    lembar = data.get("lembar")
    kind = _text(lembar.get("jenis_bawaan")) if isinstance(lembar, dict) else ""
    return {"makro": "makro", "mikro": "mikro", "tanpa": ""}.get(kind)


def folder_kind(folder: Path) -> str:
    """What a missing `jenis` means in this folder: its profile's `jenis_bawaan`, else makro."""
    from .definition.loader import ORGANISATION_FILE
    from .definition.source import read
    from .errors import UserError

    try:
        data = read(folder / ORGANISATION_FILE).data
    except UserError:
        return "makro"
    kind = _default_kind(data) if isinstance(data, dict) else None
    return "makro" if kind is None else kind


def _kind(data: dict, folder: Path) -> str:
    own = _default_kind(data)
    return _text(data.get("jenis")) or (own if own is not None else folder_kind(folder))


def scan(sources: Sequence[Path], stems: dict[Path, str] | None = None) -> Library:
    """The library of these definitions; an unreadable file is left out (its own build reports it).

    `stems` are the output names `build` gives (default: as `build` would name them)."""
    from .build import output_stems
    from .definition.source import read
    from .errors import UserError

    stems = stems if stems is not None else output_stems(sources)
    entries = []
    for source in sorted(sources, key=lambda p: p.as_posix()):
        try:
            data = read(source).data
        except UserError:
            continue
        if not isinstance(data, dict):
            continue
        nomor = _text(data.get("nomor"))
        if not nomor:
            continue
        jenis = _kind(data, source.parent)
        links = tuple(
            _text(item.get("sop"))
            for item in (data.get("keterkaitan") or [])
            if isinstance(item, dict) and _text(item.get("sop"))
        )
        stem = stems.get(source) or source.stem
        entries.append(Entry(Related(nomor, _text(data.get("judul")), jenis, stem), source, links))
    return Library(tuple(entries))


def links_anything(source: Path) -> bool:
    """Whether the definition may link to another SOP (a quick look, no parsing)."""
    try:
        return bool(LINK_LINE.search(source.read_text(encoding="utf-8-sig", errors="replace")))
    except OSError:
        return False


def library_of(sources: Sequence[Path], out: Path | None = None) -> Library:
    """The library these definitions are read with: every SOP in their folders (the ones given and
    their siblings), named as `build` names their outputs in `out`."""
    from .build import output_stems
    from .discovery import discover

    found, _ = discover(sorted({source.parent for source in sources}, key=lambda p: p.as_posix()))
    every = list(dict.fromkeys([*sources, *found]))
    return scan(every, output_stems(every, out))


@dataclass(frozen=True)
class Batch:
    """The library a batch of definitions is read with, and which of them name other SOPs (only
    those need it, and only their fingerprints include it)."""

    library: Library
    linking: frozenset[Path]


def batch(sources: Sequence[Path], out: Path | None = None) -> Batch:
    """The library of a batch: the SOPs of their folders when any of them names another SOP, else empty."""
    linking = frozenset(source for source in sources if links_anything(source))
    return Batch(library_of(sources, out) if linking else Library(), linking)


def library_for(source: Path) -> Library:
    """The library a single definition is read with: the SOPs of its folder."""
    return library_of([source])


def resolve(document: SopDocument, library: Library | None) -> tuple[SopDocument, list[Diagnostic]]:
    """The document with its `keterkaitan` links found in the library, and a warning for each link
    that finds nothing, links to itself, or names a mikro SOP that does not name this makro SOP back."""
    sop = document.sop
    replaced = sop.status.digantikan_oleh if isinstance(sop.status, Digantikan) else None
    if replaced is None and not any(entry.sop for entry in sop.keterkaitan):
        return document, []
    library = library if library is not None else library_for(document.source)
    related: list[Related | None] = []
    warnings: list[Diagnostic] = []
    if replaced is not None:
        warnings += _replacement_warnings(document, replaced, library)
    if not any(entry.sop for entry in sop.keterkaitan):
        return document, warnings

    def warn(index: int, message: str) -> None:
        line, column = document.where("keterkaitan", index, "sop")
        if line is None:
            line, column = document.where("keterkaitan", index)
        warnings.append(Diagnostic(document.source, line, column, message, "warning"))

    for index, entry in enumerate(sop.keterkaitan):
        if entry.sop is None:
            related.append(None)
            continue
        found = library.find(entry.sop)
        if found is None:
            warn(
                index,
                f"keterkaitan {index + 1}: tidak ada SOP bernomor atau berkas `{entry.sop}` di folder ini; "
                "periksa nomornya, atau tulis sebagai teks biasa bila SOP itu di luar folder ini",
            )
            related.append(None)
            continue
        if _same_file(found.path, document.source):
            warn(index, f"keterkaitan {index + 1}: SOP ini menautkan dirinya sendiri")
            related.append(None)
            continue
        related.append(found.related)
        if sop.jenis == "makro" and found.related.jenis == "mikro":
            back = [library.find(ref) for ref in found.links]
            if not any(b is not None and _same_file(b.path, document.source) for b in back):
                warn(
                    index,
                    f"keterkaitan {index + 1}: SOP mikro `{found.related.nomor}` ({found.path.name}) tidak "
                    f"menyebut SOP makro ini kembali; tambahkan `- sop: {sop.nomor}` di keterkaitannya",
                )
    return replace(document, related=tuple(related)), warnings


def _replacement_warnings(document: SopDocument, replaced: str, library: Library) -> list[Diagnostic]:
    """`digantikan_oleh` that is blank, names this SOP, or names no SOP of the folder."""
    line, column = document.where("status", "digantikan_oleh")
    if line is None:
        line, column = document.where("status")

    def warn(message: str) -> list[Diagnostic]:
        return [Diagnostic(document.source, line, column, message, "warning")]

    if not replaced.strip():
        return warn("status: `digantikan_oleh` kosong; tulis nomor SOP penggantinya")
    found = library.find(replaced)
    if found is not None and _same_file(found.path, document.source):
        return warn("status: SOP ini tidak dapat digantikan oleh dirinya sendiri; tulis nomor SOP penggantinya")
    if found is None:
        return warn(
            f"status: tidak ada SOP bernomor `{replaced.strip()}` di folder ini; periksa nomor SOP penggantinya "
            "(peringatan ini boleh diabaikan bila penggantinya di luar folder ini)"
        )
    return []


def _same_file(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return first == second
