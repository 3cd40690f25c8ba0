"""Writers: LaidOutDocument -> file. A registry of one module per format, each with
`name`, `suffix` and `write(document, target)`."""

from __future__ import annotations

from types import ModuleType

from . import docx, pdf, xlsx

WRITERS: dict[str, ModuleType] = {}


def register(module: ModuleType) -> None:
    if module.name in WRITERS:
        raise ValueError(f"writer {module.name!r} registered twice")
    WRITERS[module.name] = module


register(xlsx)
register(docx)
register(pdf)
