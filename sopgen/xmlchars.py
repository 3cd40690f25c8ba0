"""Characters that XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF)."""

import re

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def strip_forbidden(text: str) -> str:
    return XML_FORBIDDEN.sub("", text)
