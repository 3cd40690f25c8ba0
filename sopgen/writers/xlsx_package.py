"""The parts of an XLSX package around its worksheets: relationships, content types, drawings, media.

A worksheet's drawing holds its pictures (the emblem), then its DrawingML anchors (symbols, arrows,
checkboxes, from `drawingml`). The parts are the bytes openpyxl wrote for the pictures and the former
patching of its package wrote for the anchors, so the files stay the same.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..templating import templates_dir

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
OFFICE_TYPE = "application/vnd.openxmlformats-officedocument"
DRAWING_TYPE = f"{OFFICE_TYPE}.drawing+xml"
IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "bmp": "image/bmp"}
KEPT_AS_THEY_ARE = ("gif", "jpeg", "png")
"""Image formats stored as their file; others (BMP) are stored as PNG data."""

ROOT_RELS = (
    f'<Relationships xmlns="{RELS_NS}">'
    f'<Relationship Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml" Id="rId1"/>'
    f'<Relationship Type="{RELS_NS}/metadata/core-properties" Target="docProps/core.xml" Id="rId2"/>'
    f'<Relationship Type="{DOC_REL}/extended-properties" Target="docProps/app.xml" Id="rId3"/>'
    "</Relationships>"
).encode()
APP = (
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application><AppVersion>3.1</AppVersion></Properties>"
)
FIXED_OVERRIDES = (
    ("/xl/styles.xml", f"{OFFICE_TYPE}.spreadsheetml.styles+xml"),
    ("/xl/theme/theme1.xml", f"{OFFICE_TYPE}.theme+xml"),
    ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ("/docProps/app.xml", f"{OFFICE_TYPE}.extended-properties+xml"),
)


@lru_cache(maxsize=1)
def theme() -> bytes:
    """The workbook's theme (Office's default colours and fonts), a fixed part."""
    return (
        (templates_dir() / "xlsx" / "theme1.xml").read_text(encoding="utf-8").encode()
    )  # read_text turns CRLF into LF


@dataclass(frozen=True)
class Media:
    """An image file as the package stores it: its size in pixels, its extension and its bytes."""

    width: int
    height: int
    extension: str
    data: bytes


def read_media(path: Path) -> Media:
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
        kind = (image.format or "png").lower()
        if kind in KEPT_AS_THEY_ARE:
            data = path.read_bytes()
        else:
            buffer = io.BytesIO()
            image.save(buffer, format="png")
            data = buffer.getvalue()
    return Media(width, height, kind, data)


@dataclass(frozen=True)
class Picture:
    """An image anchored by its top left corner: (column, offset, row, offset), 0-based, offsets and
    size in EMU."""

    marker: tuple[int, int, int, int]
    size: tuple[int, int]
    media: Media

    def anchor(self, shape_id: int) -> str:
        col, col_off, row, row_off = self.marker
        cx, cy = self.size
        return (
            f"<oneCellAnchor><from><col>{col}</col><colOff>{col_off}</colOff><row>{row}</row>"
            f'<rowOff>{row_off}</rowOff></from><ext cx="{cx}" cy="{cy}"/><pic><nvPicPr>'
            f'<cNvPr id="{shape_id}" name="Image {shape_id}" descr="Picture"/><cNvPicPr/></nvPicPr><blipFill>'
            f'<a:blip xmlns:a="{A_NS}" xmlns:r="{DOC_REL}" cstate="print" r:embed="rId{shape_id}"/>'
            f'<a:stretch xmlns:a="{A_NS}"><a:fillRect/></a:stretch></blipFill><spPr>'
            f'<a:prstGeom xmlns:a="{A_NS}" prst="rect"/></spPr></pic><clientData/></oneCellAnchor>'
        )


@dataclass
class SheetPart:
    """A worksheet's XML and what its drawing holds: pictures, and anchors numbered from a first id."""

    xml: bytes
    pictures: list[Picture] = field(default_factory=list)
    anchors: Callable[[int], str] | None = None


def relationship(rel_type: str, target: str, rel_id: int) -> str:
    return f'<Relationship Type="{DOC_REL}/{rel_type}" Target="{target}" Id="rId{rel_id}"/>'


def relationships(*rels: str) -> bytes:
    return f'<Relationships xmlns="{RELS_NS}">{"".join(rels)}</Relationships>'.encode()


def workbook_rels(sheet_count: int) -> bytes:
    sheets = [relationship("worksheet", f"/xl/worksheets/sheet{i}.xml", i) for i in range(1, sheet_count + 1)]
    return relationships(
        *sheets,
        relationship("styles", "styles.xml", sheet_count + 1),
        relationship("theme", "theme/theme1.xml", sheet_count + 2),
    )


def override(part: str, content_type: str) -> str:
    return f'<Override PartName="{part}" ContentType="{content_type}"/>'


def default(extension: str, content_type: str) -> str:
    return f'<Default Extension="{extension}" ContentType="{content_type}"/>'


class _Package:
    """Collects the parts; drawings with pictures are numbered first, then those of anchors alone."""

    def __init__(self, sheets: list[SheetPart]):
        self.parts: dict[str, bytes] = {}
        self.sheets = sheets
        self.sheet_types = [
            [override(f"/xl/worksheets/sheet{i}.xml", f"{OFFICE_TYPE}.spreadsheetml.worksheet+xml")]
            for i in range(1, len(sheets) + 1)
        ]
        self.late_types: list[str] = []
        self.media: list[Media] = []
        self.drawings = 0

    def add_drawings(self) -> None:
        for index, sheet in enumerate(self.sheets):
            if sheet.pictures:
                self._picture_drawing(index, sheet)
        for index, sheet in enumerate(self.sheets):
            if not sheet.pictures and sheet.anchors is not None:
                self._anchor_drawing(index, sheet.anchors)

    def _picture_drawing(self, index: int, sheet: SheetPart) -> None:
        """The pictures (ids 1..n) then the anchors, in the form openpyxl wrote its drawings."""
        self.drawings += 1
        drawing = f"xl/drawings/drawing{self.drawings}.xml"
        pictures = "".join(picture.anchor(shape_id) for shape_id, picture in enumerate(sheet.pictures, start=1))
        anchors = sheet.anchors(len(sheet.pictures) + 1) if sheet.anchors is not None else ""
        self.parts[drawing] = f'<wsDr xmlns="{DRAWING_NS}">{pictures}{anchors}</wsDr>'.encode()
        images = []
        for rel_id, picture in enumerate(sheet.pictures, start=1):
            self.media.append(picture.media)
            media = f"xl/media/image{len(self.media)}.{picture.media.extension}"
            self.parts[media] = picture.media.data
            images.append(relationship("image", f"/{media}", rel_id))
        self.parts[f"xl/drawings/_rels/drawing{self.drawings}.xml.rels"] = relationships(*images)
        self.parts[f"xl/worksheets/_rels/sheet{index + 1}.xml.rels"] = relationships(
            relationship("drawing", f"/{drawing}", 1)
        )
        self.sheet_types[index].append(override(f"/{drawing}", DRAWING_TYPE))

    def _anchor_drawing(self, index: int, anchors: Callable[[int], str]) -> None:
        """Anchors alone, in the form the patching of openpyxl's package wrote them (its content type
        listed last)."""
        self.drawings += 1
        drawing = f"xl/drawings/drawing{self.drawings}.xml"
        self.parts[drawing] = (
            f'{DECLARATION}<xdr:wsDr xmlns:xdr="{DRAWING_NS}" xmlns:a="{A_NS}">{anchors(1)}</xdr:wsDr>'
        ).encode()
        self.parts[f"xl/worksheets/_rels/sheet{index + 1}.xml.rels"] = (
            f'{DECLARATION}<Relationships xmlns="{RELS_NS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/drawing" Target="/{drawing}"/></Relationships>'
        ).encode()
        self.late_types.append(override(f"/{drawing}", DRAWING_TYPE))

    def content_types(self) -> bytes:
        defaults = [
            default("rels", "application/vnd.openxmlformats-package.relationships+xml"),
            default("xml", "application/xml"),
        ]
        for extension in dict.fromkeys(media.extension for media in self.media):
            defaults.append(default(extension, IMAGE_TYPES.get(extension, f"image/{extension}")))
        overrides = [override(part, content_type) for part, content_type in FIXED_OVERRIDES]
        overrides += [entry for entries in self.sheet_types for entry in entries]
        overrides.append(override("/xl/workbook.xml", f"{OFFICE_TYPE}.spreadsheetml.sheet.main+xml"))
        overrides += self.late_types
        types = "".join(defaults + overrides)
        return f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{types}</Types>'.encode()


def parts(sheets: list[SheetPart], workbook: bytes, styles: bytes, core: bytes) -> dict[str, bytes]:
    """Every part of the package, by name."""
    package = _Package(sheets)
    package.add_drawings()
    package.parts.update(
        {
            "_rels/.rels": ROOT_RELS,
            "docProps/app.xml": APP,
            "docProps/core.xml": core,
            "xl/workbook.xml": workbook,
            "xl/_rels/workbook.xml.rels": workbook_rels(len(sheets)),
            "xl/styles.xml": styles,
            "xl/theme/theme1.xml": theme(),
        }
    )
    for number, sheet in enumerate(sheets, start=1):
        package.parts[f"xl/worksheets/sheet{number}.xml"] = sheet.xml
    package.parts["[Content_Types].xml"] = package.content_types()
    return package.parts
