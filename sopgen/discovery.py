"""Files and folders -> the SOP definitions in them, and the numbers their outputs are named from.

Light on purpose: `check` and the parent of a build use it without loading the build machinery.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from .definition.loader import ORGANISATION_FILE
from .errors import Diagnostic
from .folders import (
    BOOK_SETTINGS_NAME,
    DECREE_SETTINGS_NAME,
    DEFAULT_DEFINITIONS,
    EXPLANATION_NAME,
    MONEV_HISTORY_NAME,
)

NOMOR_LINE = re.compile(r"^nomor:[ \t]*(?P<value>\"[^\"]*\"|'[^']*'|[^#\n]*?)[ \t]*(?:#.*)?$", re.MULTILINE)

DEFINITION_SUFFIXES = (".yaml", ".yml")
NOT_SOPS = (ORGANISATION_FILE, BOOK_SETTINGS_NAME, DECREE_SETTINGS_NAME, EXPLANATION_NAME, MONEV_HISTORY_NAME)
"""YAML files beside the definitions that are not SOPs: the organisation profile, the book's settings,
its decree and explanation, the monitoring history."""


def is_definition(path: Path) -> bool:
    """A YAML file (any case of suffix) that is not hidden and not one of NOT_SOPS."""
    return (
        path.suffix.lower() in DEFINITION_SUFFIXES
        and not path.name.startswith(".")
        and path.name.lower() not in NOT_SOPS
    )


def _walk(folder: Path) -> list[Path]:
    """Definition files below `folder`, following linked folders once each (a link loop ends)."""
    found: list[Path] = []
    seen: set[str] = set()
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        found.extend(Path(root) / name for name in sorted(files) if is_definition(Path(name)))
    return sorted(found, key=lambda p: p.as_posix())


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """SOP definition files under the given files and folders (organisation profiles excluded: a
    profile is checked with the SOPs of its folder)."""
    found: list[Path] = []
    missing: list[Diagnostic] = []
    for path in paths or [DEFAULT_DEFINITIONS]:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.is_file():
            if path.name.lower() not in NOT_SOPS:
                found.append(path)
        else:
            missing.append(Diagnostic(path, None, None, "berkas atau folder tidak ditemukan"))
    return list(dict.fromkeys(found)), missing


def quick_nomor(source: Path) -> str:
    """The `nomor` line of a definition, read without parsing (only to name the outputs)."""
    return _nomor_and_line(source)[0]


def _nomor_and_line(source: Path) -> tuple[str, int | None]:
    try:
        text = source.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return "", None
    match = NOMOR_LINE.search(text)
    if not match:
        return "", None
    return match.group("value").strip().strip("\"'"), text.count("\n", 0, match.start()) + 1


def same_numbers(sources: Sequence[Path]) -> list[Diagnostic]:
    """A warning at every definition whose `nomor` an earlier one (in name order) already has."""
    first: dict[str, Path] = {}
    found = []
    for source in sorted(sources, key=lambda p: p.as_posix()):
        nomor, line = _nomor_and_line(source)
        if not nomor:
            continue
        if nomor.lower() in first:
            found.append(
                Diagnostic(
                    source,
                    line,
                    1,
                    f"nomor `{nomor}` sudah dipakai oleh `{first[nomor.lower()].name}`; "
                    "setiap SOP perlu nomor sendiri (keluarannya diberi nama lain)",
                    "warning",
                )
            )
        else:
            first[nomor.lower()] = source
    return found
