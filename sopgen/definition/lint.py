"""Rules over a valid SOP -> warnings for the flaws real data has (never errors)."""

from __future__ import annotations

from ..errors import Diagnostic
from .model import SopDocument
from .source import YamlSource


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _texts(value: object, loc: tuple) -> list[tuple[tuple, str]]:
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, loc + (key,))]
    if isinstance(value, list):
        return [t for index, item in enumerate(value) for t in _texts(item, loc + (index,))]
    return []


def glyph_warnings(source: YamlSource, key: str | None = None) -> list[Diagnostic]:
    """Text the PDF font cannot draw (emoji, scripts outside Latin, Greek, Cyrillic and Hebrew), in
    the whole file or under one top-level key."""
    from ..fontmetrics import missing_glyphs

    found = []
    if key is None:
        texts = _texts(source.data, ())
    else:
        texts = _texts(source.data.get(key) if isinstance(source.data, dict) else None, (key,))
    for loc, text in texts:
        missing = missing_glyphs(text)
        if missing:
            shown = " ".join(missing[:8]) + (" ..." if len(missing) > 8 else "")
            found.append(
                source.diagnostic(
                    loc,
                    f"karakter {shown} tidak tersedia di huruf PDF dan akan tampil sebagai kotak kosong di PDF",
                    severity="warning",
                )
            )
    return found


def organisation_warnings(source: YamlSource) -> list[Diagnostic]:
    """The warnings of an organisation profile: those found while reading it (control characters,
    unused anchors) and text of `instansi`, the only text it prints, that the PDF font cannot draw."""
    return source.warnings + glyph_warnings(source, "instansi")


def check(document: SopDocument, source: YamlSource) -> list[Diagnostic]:
    sop = document.sop
    found: list[Diagnostic] = glyph_warnings(source)
    used: set[str] = set()
    for index, step in enumerate(sop.langkah):
        used.update(step.lanes)
        if step.waktu is None:
            found.append(
                source.diagnostic(("langkah", index), f"langkah {index + 1}: `waktu` belum diisi", severity="warning")
            )
        if (
            index
            and step.kelengkapan
            and sop.langkah[index - 1].output
            and _normal(step.kelengkapan) != _normal(sop.langkah[index - 1].output)
        ):
            found.append(
                source.diagnostic(
                    ("langkah", index, "kelengkapan"),
                    f"langkah {index + 1}: `kelengkapan` berbeda dengan `output` langkah {index}",
                    severity="warning",
                )
            )
    for lane in sop.pelaksana:
        if lane not in used:
            found.append(
                source.diagnostic(
                    ("pelaksana", lane),
                    f"pelaksana `{lane}` tidak dipakai oleh langkah mana pun",
                    key=True,
                    severity="warning",
                )
            )
    return found
