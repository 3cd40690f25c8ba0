"""What every writer of the sheet shares: fixed document dates, alignment names, metadata, footers.

Nothing here decides layout; these are the translations the three formats have in common.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..layout.document import LaidOutDocument
from ..templating import xml_text

FIXED_DATE = dt.datetime(2000, 1, 1)
"""Creation and modification date written into every package, so the same input gives the same bytes."""
AUTHOR = "sopgen"

OFFICE_VALIGN = {"top": "top", "middle": "center", "bottom": "bottom"}
"""The layout's vertical alignment in SpreadsheetML and WordprocessingML terms."""


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str = AUTHOR


PROPERTY_LIMIT = 255
"""Longest title or subject a DOCX core property may hold (Word's limit, enforced by python-docx)."""


def property_text(text: str) -> str:
    """A title or subject for a document's properties: cleaned of characters XML cannot hold and cut
    to the length every format accepts (the document itself prints the whole text)."""
    text = xml_text(text)
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def metadata(document: LaidOutDocument) -> Metadata:
    """The document properties of a sheet (`property_text` of its title and subject)."""
    return Metadata(property_text(document.title), property_text(document.subject))


def word_defaults(doc: Any, size: float, title: str, subject: str | None = None) -> None:
    """What every DOCX sopgen writes sets on python-docx's document: Normal in the Office font at
    `size` with no paragraph spacing, Word 2013+ compatibility, the zoom the schema requires, and
    fixed core properties (the same bytes each time). `subject` None leaves the template's."""
    from docx.shared import Pt

    from ..fontmetrics import OFFICE_FONT
    from .wordml import W_NS

    normal = doc.styles["Normal"]
    normal.font.name = OFFICE_FONT
    normal.font.size = Pt(size)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    settings = doc.settings.element
    for compat in settings.iter(f"{{{W_NS}}}compatSetting"):
        if compat.get(f"{{{W_NS}}}name") == "compatibilityMode":
            compat.set(f"{{{W_NS}}}val", "15")
    for zoom in settings.iter(f"{{{W_NS}}}zoom"):
        zoom.set(f"{{{W_NS}}}percent", "100")  # required by the schema; python-docx's template omits it
    props = doc.core_properties
    props.title = property_text(title)
    if subject is not None:
        props.subject = property_text(subject)
    props.author = props.last_modified_by = AUTHOR
    props.created = props.modified = FIXED_DATE
    props.revision = 1


def footer_parts(document: LaidOutDocument) -> tuple[str, str, str]:
    """The footer's words around the page number and the page count: (before, between, after)."""
    before, rest = document.footer.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    return before, between, after
