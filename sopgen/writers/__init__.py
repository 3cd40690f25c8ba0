"""Writers: LaidOutDocument -> file. One module per format, each satisfying the `Writer` contract.

Modules are imported on first use, so commands that write nothing (and the parent of a parallel
build) do not load them, nor reportlab.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from ..layout.document import LaidOutDocument


@runtime_checkable
class Writer(Protocol):
    """What a writer module provides. `write` translates the layout as it is: it decides nothing
    (no wrapping, no page breaks, no positions) and writes the whole file to `target`."""

    name: str
    suffix: str

    def write(self, document: LaidOutDocument, target: Path | BinaryIO) -> None: ...


SUFFIXES: dict[str, str] = {}
_MODULES: dict[str, str] = {}


def register(name: str, suffix: str, module: str) -> None:
    if name in SUFFIXES:
        raise ValueError(f"writer {name!r} registered twice")
    SUFFIXES[name] = suffix
    _MODULES[name] = module


class WriterMismatch(TypeError):
    """A registered module does not keep the writer contract (a bug in sopgen, not the user's)."""


def get(name: str) -> Writer:
    module = importlib.import_module(_MODULES[name])
    if not isinstance(module, Writer) or module.name != name or module.suffix != SUFFIXES[name]:
        raise WriterMismatch(f"{_MODULES[name]} is not the {name!r} writer it is registered as")
    return cast(Writer, module)


register("xlsx", ".xlsx", "sopgen.writers.xlsx")
register("docx", ".docx", "sopgen.writers.docx")
register("pdf", ".pdf", "sopgen.writers.pdf")

WRITERS = SUFFIXES
"""Format names, in the default order (`sopgen build --format`)."""

if TYPE_CHECKING:  # mypy checks every writer module against the contract, at no cost at run time
    from . import docx, pdf, xlsx

    _CHECKED: tuple[Writer, ...] = (xlsx, docx, pdf)
