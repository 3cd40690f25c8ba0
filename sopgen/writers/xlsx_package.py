"""Adds DrawingML anchors to a worksheet of a saved XLSX package (openpyxl keeps no shapes).

Appends to the drawing openpyxl already wrote for the sheet (the emblem image), or creates the
drawing part with its relationship, content type and `<drawing>` element. Works on the package's
parts (see `package.read_parts` and `package.repack`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# Elements that follow <drawing> in CT_Worksheet; <drawing> goes before the first one present.
AFTER_DRAWING = (
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
)
CNVPR_ID = re.compile(r"<(?:\w+:)?cNvPr\b[^>]*?\bid=\"(\d+)\"")


def max_shape_id(drawing_xml: str) -> int:
    return max((int(i) for i in CNVPR_ID.findall(drawing_xml)), default=0)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _drawing_target(rels_xml: str, part: str) -> str | None:
    for match in re.finditer(r"<Relationship\b[^>]*>", rels_xml):
        tag = match.group(0)
        if f'Type="{DRAWING_REL}"' in tag:
            target = re.search(r'Target="([^"]+)"', tag).group(1)  # type: ignore[union-attr]
            if target.startswith("/"):
                return target[1:]
            return posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
    return None


def _new_rel_id(rels_xml: str) -> str:
    taken = set(re.findall(r'Id="([^"]+)"', rels_xml))
    number = 1
    while f"rId{number}" in taken:
        number += 1
    return f"rId{number}"


def insert_drawing_element(sheet_xml: str, rel_id: str) -> str:
    element = f'<drawing xmlns:r="{R_NS}" r:id="{rel_id}"/>'
    for name in AFTER_DRAWING:
        match = re.search(rf"<{name}\b", sheet_xml)
        if match:
            return sheet_xml[: match.start()] + element + sheet_xml[match.start() :]
    close = sheet_xml.rindex("</worksheet>")
    return sheet_xml[:close] + element + sheet_xml[close:]


def add_drawing(
    parts: dict[str, bytes], anchors_for: Callable[[int], str], sheet: str = "xl/worksheets/sheet1.xml"
) -> dict[str, bytes]:
    """Add anchors to `sheet`'s drawing, in place; returns the parts.

    `anchors_for(first_id)` returns the anchors' XML, numbering shapes from `first_id`, so the
    ids never collide with those openpyxl gave its pictures.
    """
    rels_name = _rels_path(sheet)
    rels = parts.get(
        rels_name,
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{RELS_NS}"></Relationships>'.encode(),
    ).decode("utf-8")
    drawing = _drawing_target(rels, sheet)
    if drawing is not None and drawing in parts:
        xml = parts[drawing].decode("utf-8")
        close = max(xml.rindex("</"), 0)
        parts[drawing] = (xml[:close] + anchors_for(max_shape_id(xml) + 1) + xml[close:]).encode("utf-8")
    else:
        number = 1
        while f"xl/drawings/drawing{number}.xml" in parts:
            number += 1
        drawing = f"xl/drawings/drawing{number}.xml"
        parts[drawing] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
            f"{anchors_for(1)}</xdr:wsDr>"
        ).encode()
        rel_id = _new_rel_id(rels)
        close = rels.rindex("</Relationships>")
        rels = rels[:close] + f'<Relationship Id="{rel_id}" Type="{DRAWING_REL}" Target="/{drawing}"/>' + rels[close:]
        parts[rels_name] = rels.encode("utf-8")
        parts[sheet] = insert_drawing_element(parts[sheet].decode("utf-8"), rel_id).encode("utf-8")
        types = parts["[Content_Types].xml"].decode("utf-8")
        if f'PartName="/{drawing}"' not in types:
            close = types.rindex("</Types>")
            types = types[:close] + f'<Override PartName="/{drawing}" ContentType="{DRAWING_TYPE}"/>' + types[close:]
            parts["[Content_Types].xml"] = types.encode("utf-8")
    return parts
