"""Definition file -> validated model -> laid-out document: the one path every command takes.

`prepare` is what `build`, `book`, `preview`, `check` and `layout` call. Anything the user must fix,
whether found while reading, validating or laying out (text too long even at the smallest size, a
step too crowded with branches), is raised as one `UserError`; nothing else is caught here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .definition.loader import Profile, load_sop
from .definition.model import SopDocument
from .errors import Diagnostic
from .layout import layout
from .layout.document import LaidOutDocument
from .library import Library, resolve


@dataclass(frozen=True)
class Prepared:
    """One SOP ready to be written: its model, its layout, and the warnings found on the way."""

    document: SopDocument
    laid_out: LaidOutDocument
    warnings: list[Diagnostic]
    advice: list[Diagnostic]
    """What `sopgen check` recommends beside the warnings (branch targets by id)."""


def prepare(source: Path, organisation: Profile | None = None, library: Library | None = None) -> Prepared:
    """Load, validate and lay out one definition (with its folder's organisation profile, or the one
    given; its links to other SOPs found in `library`, by default the SOPs of its folder).

    Raises UserError with every problem found, positioned in the file.
    """
    loaded = load_sop(source, organisation)
    document, link_warnings = resolve(loaded.document, library)
    return Prepared(document, layout(document), loaded.warnings + link_warnings, loaded.advice)
