"""A layout that cannot be made -> the user's error, pointing at the field of the definition to change."""

from __future__ import annotations

from ..definition.model import SopDocument
from ..errors import Diagnostic, UserError


def refuse(doc: SopDocument, loc: tuple[str | int, ...], message: str) -> UserError:
    line, column = doc.where(*loc)
    return UserError([Diagnostic(doc.source, line, column, message)])
