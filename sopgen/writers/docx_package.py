"""The parts of the sheet's DOCX package around its body, as text.

They are the parts python-docx wrote from its default template once the sheet writer had slimmed it
(no thumbnail, custom XML, numbering or unused styles): fixed, so they are kept in `templates/docx/`
as python-docx serialised them, with the few values that change filled in (`{name}` fields). The
emblem pictures are added the way python-docx's `add_picture` added them: part names, relationship
ids and content types.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from ..templating import templates_dir
from . import xmlform
from .image_header import ImageHeader, read

XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
FIXED_PARTS = {
    "_rels/.rels": "package.rels",
    "docProps/app.xml": "app.xml",
    "word/fontTable.xml": "fontTable.xml",
    "word/settings.xml": "settings.xml",
    "word/theme/theme1.xml": "theme1.xml",
    "word/webSettings.xml": "webSettings.xml",
}
"""Package parts written as they are: part name -> file in `templates/docx/`."""

WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
OVERRIDES = {
    "/docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "/word/document.xml": f"{WORDML}.document.main+xml",
    "/word/fontTable.xml": f"{WORDML}.fontTable+xml",
    "/word/footer1.xml": f"{WORDML}.footer+xml",
    "/word/settings.xml": f"{WORDML}.settings+xml",
    "/word/styles.xml": f"{WORDML}.styles+xml",
    "/word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
    "/word/webSettings.xml": f"{WORDML}.webSettings+xml",
}
DEFAULTS = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
IMAGE_DEFAULTS = {("bmp", "image/bmp"), ("gif", "image/gif"), ("png", "image/png")} | {
    (ext, "image/jpeg") for ext in ("jpe", "jpeg", "jpg")
}
"""(extension, content type) pairs python-docx lists as `Default` content types (the images of them)."""

RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DOCUMENT_RELATIONSHIPS = (
    ("rId3", "styles", "styles.xml"),
    ("rId5", "settings", "settings.xml"),
    ("rId6", "webSettings", "webSettings.xml"),
    ("rId7", "fontTable", "fontTable.xml"),
    ("rId8", "theme", "theme/theme1.xml"),
    ("rId1", "footer", "footer1.xml"),
)
"""The document's relationships in python-docx's order: its template's (those the writer kept), then
the footer's."""


@cache
def template(name: str) -> str:
    """A file of `templates/docx/` (line ends read as `\\n` whatever the checkout did to them)."""
    return (templates_dir() / "docx" / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def fixed_parts() -> dict[str, bytes]:
    return {part: template(name).encode("utf-8") for part, name in FIXED_PARTS.items()}


@lru_cache(maxsize=8)
def styles(font: str, size: float) -> bytes:
    """The styles part: Normal in `font` at `size` points (half-points as python-docx wrote them)."""
    half_points = int(int(size * 12700) / 12700 * 2)
    return template("styles.xml").format(font=xmlform.set_attribute(font), size=half_points).encode("utf-8")


def core_properties(title: str, subject: str) -> bytes:
    return template("core.xml").format(title=xmlform.set_text(title), subject=xmlform.set_text(subject)).encode("utf-8")


class Picture(NamedTuple):
    """An image part: where it is in the package, how the document refers to it, and the name of the
    file it was first read from (python-docx named every use of the same image after that file)."""

    partname: str
    relationship: str
    header: ImageHeader
    blob: bytes
    filename: str


class Pictures:
    """The document's image parts, one per distinct image (by content), named and related in the
    order python-docx gave them: `image1`, `image2` ... and the first free `rIdN`."""

    def __init__(self) -> None:
        self.parts: list[Picture] = []
        self.by_digest: dict[str, Picture] = {}

    def add(self, path: Path) -> Picture:
        blob = path.read_bytes()
        digest = hashlib.sha1(blob).hexdigest()
        if digest not in self.by_digest:
            filename = os.path.basename(str(path))
            partname = f"/word/media/image{len(self.parts) + 1}.{os.path.splitext(filename)[1][1:]}"
            picture = Picture(partname, self._free_relationship(), read(blob), blob, filename)
            self.parts.append(picture)
            self.by_digest[digest] = picture
        return self.by_digest[digest]

    def _free_relationship(self) -> str:
        used = {rel for rel, _, _ in DOCUMENT_RELATIONSHIPS} | {p.relationship for p in self.parts}
        return next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)


def picture_size(header: ImageHeader, height: float) -> tuple[int, int]:
    """(cx, cy) in EMU of a picture `height` points tall, as python-docx scales it: native size from
    the pixels and resolution (whole EMU), the width scaled by the height's ratio and rounded."""
    cy = int(height * 12700)
    native_width = int(header.px_width / header.horz_dpi * 914400)
    native_height = int(header.px_height / header.vert_dpi * 914400)
    return round(native_width * (float(cy) / float(native_height))), cy


def _extension(partname: str) -> str:
    raw = os.path.splitext(partname)[1]
    return raw[1:] if raw.startswith(".") else raw


def content_types(pictures: Pictures) -> bytes:
    defaults = dict(DEFAULTS)
    overrides = dict(OVERRIDES)
    for picture in pictures.parts:
        ext = _extension(picture.partname)
        if (ext.lower(), picture.header.content_type) in IMAGE_DEFAULTS:
            defaults[ext.lower()] = picture.header.content_type
        else:
            overrides[picture.partname] = picture.header.content_type
    entries = [
        f'<Default Extension="{xmlform.set_attribute(ext)}" ContentType="{defaults[ext]}"/>' for ext in sorted(defaults)
    ]
    entries += [
        f'<Override PartName="{xmlform.set_attribute(name)}" ContentType="{overrides[name]}"/>'
        for name in sorted(overrides)
    ]
    namespace = "http://schemas.openxmlformats.org/package/2006/content-types"
    return f'{XML_DECLARATION}<Types xmlns="{namespace}">{"".join(entries)}</Types>'.encode()


def document_relationships(pictures: Pictures) -> bytes:
    targets = [(rel, f"{RELATIONSHIP}/{kind}", target) for rel, kind, target in DOCUMENT_RELATIONSHIPS]
    targets += [(p.relationship, f"{RELATIONSHIP}/image", p.partname.removeprefix("/word/")) for p in pictures.parts]
    entries = "".join(
        f'<Relationship Id="{rel}" Type="{kind}" Target="{xmlform.set_attribute(target)}"/>'
        for rel, kind, target in targets
    )
    namespace = "http://schemas.openxmlformats.org/package/2006/relationships"
    return f'{XML_DECLARATION}<Relationships xmlns="{namespace}">{entries}</Relationships>'.encode()


def package_parts(document: str, footer: str, core: bytes, styles_part: bytes, pictures: Pictures) -> dict[str, bytes]:
    """Every part of the package by its name in the zip (`document` and `footer` are the body and
    the footer paragraph, filled into their templates by the caller)."""
    parts = dict(fixed_parts())
    parts["[Content_Types].xml"] = content_types(pictures)
    parts["docProps/core.xml"] = core
    parts["word/_rels/document.xml.rels"] = document_relationships(pictures)
    parts["word/document.xml"] = document.encode("utf-8")
    parts["word/footer1.xml"] = footer.encode("utf-8")
    parts["word/styles.xml"] = styles_part
    for picture in pictures.parts:
        parts[picture.partname.removeprefix("/")] = picture.blob
    return parts
