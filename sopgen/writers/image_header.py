"""An emblem's pixel size, resolution and content type, read from its header as python-docx reads it.

The DOCX writer sizes the inline emblem the way python-docx's `add_picture(height=...)` did: the
width follows from the pixel size and the resolution (dots per inch, 72 where the file gives none),
so the same rules for PNG, JPEG (JFIF and Exif), GIF and BMP are kept here.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

DEFAULT_DPI = 72


class ImageHeader(NamedTuple):
    content_type: str
    px_width: int
    px_height: int
    horz_dpi: int
    vert_dpi: int


def read(blob: bytes) -> ImageHeader:
    """The header of a PNG, JPEG, GIF or BMP image; ValueError for any other file."""
    if blob[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(blob)
    if blob[6:10] == b"JFIF":
        return _jpeg(blob, exif=False)
    if blob[6:10] == b"Exif":
        return _jpeg(blob, exif=True)
    if blob[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack_from("<HH", blob, 6)
        return ImageHeader("image/gif", width, height, DEFAULT_DPI, DEFAULT_DPI)
    if blob[:2] == b"BM":
        return _bmp(blob)
    if blob[:3] == b"\xff\xd8\xff":
        return _jpeg(blob, exif=None)  # a JPEG with neither a JFIF nor an Exif segment first
    raise ValueError("not a PNG, JPEG, GIF or BMP image")


def _per_metre_dpi(px_per_metre: int) -> int:
    return int(round(px_per_metre * 0.0254))


def _png(blob: bytes) -> ImageHeader:
    """Width and height from the first IHDR chunk, resolution from the first pHYs chunk."""
    size: tuple[int, int] | None = None
    resolution: tuple[int, int, int] | None = None
    offset = 8
    while True:
        length, kind = struct.unpack_from(">L4s", blob, offset)
        if kind == b"IHDR" and size is None:
            size = struct.unpack_from(">LL", blob, offset + 8)
        elif kind == b"pHYs" and resolution is None:
            resolution = struct.unpack_from(">LLB", blob, offset + 8)
        if kind == b"IEND":
            break
        offset += 12 + length
    if size is None:
        raise ValueError("no IHDR chunk in PNG image")
    horz, vert, unit = resolution or (0, 0, 0)
    return ImageHeader("image/png", size[0], size[1], _png_dpi(unit, horz), _png_dpi(unit, vert))


def _png_dpi(unit: int, px_per_unit: int) -> int:
    return _per_metre_dpi(px_per_unit) if unit == 1 and px_per_unit else DEFAULT_DPI


def _bmp(blob: bytes) -> ImageHeader:
    width, height = struct.unpack_from("<LL", blob, 0x12)
    horz, vert = struct.unpack_from("<LL", blob, 0x26)
    dpi = [_per_metre_dpi(v) if v else 96 for v in (horz, vert)]
    return ImageHeader("image/bmp", width, height, dpi[0], dpi[1])


SOF_CODES = frozenset((0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF))
STANDALONE_CODES = frozenset((0x01, 0xD8, 0xD9, *range(0xD0, 0xD8)))
APP0, APP1, SOS, EOI = 0xE0, 0xE1, 0xDA, 0xD9


def _markers(blob: bytes) -> list[tuple[int, int]]:
    """(code, segment offset) of each marker up to the first start of scan, found as python-docx
    finds them (any run of 0xFF bytes then a non-zero byte is a marker)."""
    markers = []
    start = 0
    while True:
        position = blob.index(b"\xff", start) + 1
        while blob[position] == 0xFF:
            position += 1
        if blob[position] == 0:
            start = position + 1
            continue
        code, segment = blob[position], position + 1
        markers.append((code, segment))
        if code in (SOS, EOI):
            return markers
        length = 0 if code in STANDALONE_CODES else struct.unpack_from(">H", blob, segment)[0]
        start = segment + length


def _jpeg(blob: bytes, exif: bool | None) -> ImageHeader:
    """Size from the first start of frame; resolution from the first APP0 segment (JFIF) or the
    first APP1 segment (Exif), as the signature says."""
    markers = _markers(blob)
    sof = next(segment for code, segment in markers if code in SOF_CODES)
    height, width = struct.unpack_from(">HH", blob, sof + 3)
    horz = vert = DEFAULT_DPI
    if exif is False:
        app0 = next(segment for code, segment in markers if code == APP0)
        units = blob[app0 + 9]
        horz, vert = (_density_dpi(units, d) for d in struct.unpack_from(">HH", blob, app0 + 10))
    elif exif is True:
        app1 = next(segment for code, segment in markers if code == APP1)
        if blob[app1 + 2 : app1 + 8] == b"Exif\x00\x00":
            length = struct.unpack_from(">H", blob, app1)[0]
            horz, vert = _tiff_dpi(blob[app1 + 8 : app1 + length])
    return ImageHeader("image/jpeg", width, height, horz, vert)


def _density_dpi(units: int, density: int) -> int:
    if units == 1:
        return density
    if units == 2:
        return int(round(density * 2.54))
    return DEFAULT_DPI


X_RESOLUTION, Y_RESOLUTION, RESOLUTION_UNIT = 0x011A, 0x011B, 0x0128
SHORT, LONG, RATIONAL = 3, 4, 5


def _tiff_dpi(tiff: bytes) -> tuple[int, int]:
    """The resolution in the first image directory of an Exif segment's TIFF structure."""
    order = ">" if tiff[:2] == b"MM" else "<"
    directory = struct.unpack_from(f"{order}L", tiff, 4)[0]
    count = struct.unpack_from(f"{order}H", tiff, directory)[0]
    entries: dict[int, float | int | None] = {}
    for index in range(count):
        entry = directory + 2 + index * 12
        tag, kind, values = struct.unpack_from(f"{order}HHL", tiff, entry)
        entries[tag] = _tiff_value(tiff, order, entry, kind, values)
    unit = entries.get(RESOLUTION_UNIT, 2)
    return _tiff_axis_dpi(entries, X_RESOLUTION, unit), _tiff_axis_dpi(entries, Y_RESOLUTION, unit)


def _tiff_value(tiff: bytes, order: str, entry: int, kind: int, values: int) -> float | int | None:
    if values != 1:
        return None
    if kind == SHORT:
        return int(struct.unpack_from(f"{order}H", tiff, entry + 8)[0])
    if kind == LONG:
        return int(struct.unpack_from(f"{order}L", tiff, entry + 8)[0])
    if kind == RATIONAL:
        offset = struct.unpack_from(f"{order}L", tiff, entry + 8)[0]
        numerator, denominator = struct.unpack_from(f"{order}LL", tiff, offset)
        return numerator / denominator if denominator else None
    return None


def _tiff_axis_dpi(entries: dict[int, float | int | None], tag: int, unit: object) -> int:
    value = entries.get(tag)
    if tag not in entries or unit == 1 or not isinstance(value, int | float):
        return DEFAULT_DPI
    return int(round(value * (1 if unit == 2 else 2.54)))
