"""Text and attribute values in the exact form lxml serialises them (`etree.tostring`, UTF-8).

The sheet's DOCX writer writes its XML as text, byte for byte what python-docx wrote. A value reached
python-docx's XML in one of two ways, and each has its own form:

- parsed from markup (our own XML strings): the parser normalised line ends,
  and turned tabs and line breaks in attribute values into spaces;
- set through the API (core properties, a picture's file name): nothing normalised, so a carriage
  return or a tab in an attribute is written as a character reference.

Characters XML forbids are removed either way (python-docx refused them).
"""

from __future__ import annotations

from ..xmlchars import strip_forbidden


def _line_ends(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escaped(value: str) -> str:
    """Text for markup that is parsed before it is written (the Monev and decree writers' through
    python-docx): characters XML forbids removed, `& < >` escaped."""
    return _escape(strip_forbidden(value))


def text(value: str) -> str:
    """A text node's content parsed from markup."""
    return _escape(_line_ends(strip_forbidden(value)))


def set_text(value: str) -> str:
    """A text node's content set through the API."""
    return _escape(strip_forbidden(value)).replace("\r", "&#13;")


def attribute(value: str) -> str:
    """An attribute value parsed from markup (double quoted)."""
    normalised = _line_ends(strip_forbidden(value)).replace("\t", " ").replace("\n", " ")
    return _escape(normalised).replace('"', "&quot;")


def set_attribute(value: str) -> str:
    """An attribute value set through the API (double quoted)."""
    escaped = _escape(strip_forbidden(value)).replace('"', "&quot;")
    return escaped.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def element(tag: str, content: str, attributes: str = "") -> str:
    """`<tag attributes>content</tag>`, or `<tag attributes/>` when it has no content, as lxml writes
    an element whose text is empty after parsing."""
    if not content:
        return f"<{tag}{attributes}/>"
    return f"<{tag}{attributes}>{content}</{tag}>"
