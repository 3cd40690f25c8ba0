"""Writers: LaidOutDocument -> file. One module per format, each with `name`, `suffix` and
`write(document, target)`; modules are imported on first use, so commands that write nothing
(and the parent of a parallel build) do not load openpyxl, python-docx and reportlab."""

from __future__ import annotations

import importlib
from types import ModuleType

SUFFIXES: dict[str, str] = {}
_MODULES: dict[str, str] = {}


def register(name: str, suffix: str, module: str) -> None:
    if name in SUFFIXES:
        raise ValueError(f"writer {name!r} registered twice")
    SUFFIXES[name] = suffix
    _MODULES[name] = module


def get(name: str) -> ModuleType:
    module = importlib.import_module(_MODULES[name])
    assert module.name == name and module.suffix == SUFFIXES[name]
    return module


register("xlsx", ".xlsx", "sopgen.writers.xlsx")
register("docx", ".docx", "sopgen.writers.docx")
register("pdf", ".pdf", "sopgen.writers.pdf")

WRITERS = SUFFIXES
"""Format names, in the default order (`sopgen build --format`)."""
