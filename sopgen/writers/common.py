"""What every writer of the sheet shares: fixed document dates, alignment names, metadata, footers.

Nothing here decides layout; these are the translations the three formats have in common.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def _property(text: str) -> str:
    text = xml_text(text)
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def metadata(document: LaidOutDocument) -> Metadata:
    """The document properties of a sheet, cleaned of characters XML cannot hold and cut to the
    length every format accepts (the sheet itself prints the whole title)."""
    return Metadata(_property(document.title), _property(document.subject))


def footer_parts(document: LaidOutDocument) -> tuple[str, str, str]:
    """The footer's words around the page number and the page count: (before, between, after)."""
    before, rest = document.footer.split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    return before, between, after
