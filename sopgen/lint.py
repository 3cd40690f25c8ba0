"""Rules over a valid SOP -> warnings for the flaws real data has (never errors)."""

from __future__ import annotations

from .errors import Diagnostic
from .model import SopDocument
from .yamlsource import YamlSource


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def check(document: SopDocument, source: YamlSource) -> list[Diagnostic]:
    sop = document.sop
    found: list[Diagnostic] = []
    used: set[str] = set()
    for index, step in enumerate(sop.langkah):
        used.update(step.lanes)
        if step.waktu is None:
            found.append(source.diagnostic(("langkah", index), f"langkah {index + 1}: `waktu` belum diisi",
                                           severity="warning"))
        if index and step.kelengkapan and sop.langkah[index - 1].output \
                and _normal(step.kelengkapan) != _normal(sop.langkah[index - 1].output):
            found.append(source.diagnostic(
                ("langkah", index, "kelengkapan"),
                f"langkah {index + 1}: `kelengkapan` berbeda dengan `output` langkah {index}",
                severity="warning"))
    for lane in sop.pelaksana:
        if lane not in used:
            found.append(source.diagnostic(("pelaksana", lane), f"pelaksana `{lane}` tidak dipakai oleh langkah mana pun",
                                           key=True, severity="warning"))
    return found
