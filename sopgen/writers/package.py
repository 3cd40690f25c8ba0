"""Office packages (zip) as parts, written back deterministically; and handing bytes to a target."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = b"2000-01-01T00:00:00Z"
CORE_DATE = re.compile(rb"(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(</dcterms:)")


def read_parts(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as source:
        return {info.filename: source.read(info.filename) for info in source.infolist()}


def workbook_parts(workbook: Any) -> dict[str, bytes]:
    """An openpyxl workbook's parts, serialised into an uncompressed zip (compressing them twice, once
    by openpyxl and once by `repack`, was most of the cost of saving)."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED)).save()
    return read_parts(buffer.getvalue())


def document_parts(document: Any) -> dict[str, bytes]:
    """A python-docx document's parts as python-docx would zip them, without zipping them."""
    from docx.opc.pkgwriter import PackageWriter

    class Collector:
        def __init__(self) -> None:
            self.parts: dict[str, bytes] = {}

        def write(self, uri: Any, blob: bytes) -> None:
            self.parts[uri.membername] = blob

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    collector = Collector()
    PackageWriter._write_content_types_stream(collector, package.parts)
    PackageWriter._write_pkg_rels(collector, package.rels)
    PackageWriter._write_parts(collector, package.parts)  # type: ignore[arg-type]
    return collector.parts


def repack(parts: dict[str, bytes]) -> bytes:
    """Zip the parts, `[Content_Types].xml` first, with fixed zip times and fixed created/modified
    properties (openpyxl writes the clock time), so the same input gives the same bytes."""
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = CORE_DATE.sub(rb"\g<1>" + FIXED_STAMP + rb"\g<2>", parts["docProps/core.xml"])
    buffer = io.BytesIO()
    order = sorted(parts, key=lambda name: (name != "[Content_Types].xml", name))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, parts[name])
    return buffer.getvalue()


def emit(target: Path | BinaryIO, data: bytes) -> None:
    """Write `data` to a file path or an open binary stream."""
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)
