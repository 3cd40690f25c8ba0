"""DrawingML markup of drawing items: the shape properties shared by XLSX and DOCX, and XLSX's cell
anchors (the DOCX group around them is `docx_drawing`).

Written as plain string building rather than a template: a sheet has hundreds of items, and
rendering them through template macros cost more than all the rest of the drawing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..fontmetrics import OFFICE_FONT
from ..xmlchars import strip_forbidden

if TYPE_CHECKING:
    from .drawingml import Item

XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
BODY_PR = (
    '<a:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0" rtlCol="0">'
    "<a:noAutofit/></a:bodyPr>"
)


def escape(value: object) -> str:
    """Text as element content or a quoted attribute value (quotes escaped as character references)."""
    return (
        str(value)
        .replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def shape_properties(item: Item) -> str:
    """The inside of `spPr`: position and size, geometry (a preset or the item's path), fill, line."""
    flips = (' flipH="1"' if item.flip_h else "") + (' flipV="1"' if item.flip_v else "")
    parts = [f'<a:xfrm{flips}><a:off x="{item.x}" y="{item.y}"/><a:ext cx="{item.w}" cy="{item.h}"/></a:xfrm>']
    if item.path:
        parts.append(
            "<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>"
            f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{item.w}" h="{item.h}" fill="none">'
        )
        (x0, y0), *rest = item.path
        parts.append(f'<a:moveTo><a:pt x="{x0}" y="{y0}"/></a:moveTo>')
        parts.extend(f'<a:lnTo><a:pt x="{x}" y="{y}"/></a:lnTo>' for x, y in rest)
        parts.append("</a:path></a:pathLst></a:custGeom>")
    else:
        parts.append(f'<a:prstGeom prst="{escape(item.geometry)}"><a:avLst/></a:prstGeom>')
    parts.append('<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>' if item.fill else "<a:noFill/>")
    if item.line:
        dash = '<a:prstDash val="dash"/>' if item.dash else ""
        tail = '<a:tailEnd type="triangle" w="med" len="med"/>' if item.arrow else ""
        parts.append(
            f'<a:ln w="{item.line_width}"><a:solidFill><a:srgbClr val="{escape(item.line_color)}"/></a:solidFill>'
            f'{dash}<a:miter lim="800000"/>{tail}</a:ln>'
        )
    else:
        parts.append("<a:ln><a:noFill/></a:ln>")
    return "".join(parts)


def _run_properties(item: Item) -> str:
    font = escape(OFFICE_FONT)
    return (
        f'<a:rPr lang="id-ID" sz="{item.text_size}" b="{1 if item.bold else 0}">'
        f'<a:solidFill><a:srgbClr val="000000"/></a:solidFill><a:latin typeface="{font}"/><a:cs typeface="{font}"/>'
        "</a:rPr>"
    )


def _text(item: Item) -> str:
    return escape(strip_forbidden(str(item.text)))


def xlsx_anchor(item: Item) -> str:
    """One `xdr:twoCellAnchor`: a connector (`cxnSp`, glued where the item says) or a shape with its text."""
    anchor = item.anchor
    assert anchor is not None, "an XLSX item is anchored to cells before it is written"
    head = (
        f'<xdr:twoCellAnchor xmlns:xdr="{XDR_NS}" xmlns:a="{A_NS}" editAs="oneCell">\n'
        f"<xdr:from><xdr:col>{anchor.from_col}</xdr:col><xdr:colOff>{anchor.from_col_off}</xdr:colOff>"
        f"<xdr:row>{anchor.from_row}</xdr:row><xdr:rowOff>{anchor.from_row_off}</xdr:rowOff></xdr:from>\n"
        f"<xdr:to><xdr:col>{anchor.to_col}</xdr:col><xdr:colOff>{anchor.to_col_off}</xdr:colOff>"
        f"<xdr:row>{anchor.to_row}</xdr:row><xdr:rowOff>{anchor.to_row_off}</xdr:rowOff></xdr:to>"
    )
    name = f'<xdr:cNvPr id="{item.id}" name="{escape(item.name)}"/>'
    if item.straight:
        glue = ""
        if item.glue_start:
            glue += f'<a:stCxn id="{item.glue_start[0]}" idx="{item.glue_start[1]}"/>'
        if item.glue_end:
            glue += f'<a:endCxn id="{item.glue_end[0]}" idx="{item.glue_end[1]}"/>'
        body = (
            f'\n<xdr:cxnSp macro=""><xdr:nvCxnSpPr>{name}<xdr:cNvCxnSpPr>{glue}</xdr:cNvCxnSpPr></xdr:nvCxnSpPr>\n'
            f"<xdr:spPr>{shape_properties(item)}</xdr:spPr></xdr:cxnSp>"
        )
    else:
        text = ""
        if item.text:
            text = (
                f'<xdr:txBody>{BODY_PR}<a:lstStyle/><a:p><a:pPr algn="{escape(item.align)}"/>'
                f"<a:r>{_run_properties(item)}<a:t>{_text(item)}</a:t></a:r></a:p></xdr:txBody>"
            )
        body = (
            f'\n<xdr:sp macro="" textlink=""><xdr:nvSpPr>{name}<xdr:cNvSpPr/></xdr:nvSpPr>\n'
            f"<xdr:spPr>{shape_properties(item)}</xdr:spPr>{text}\n</xdr:sp>"
        )
    return f"{head}{body}\n<xdr:clientData/></xdr:twoCellAnchor>"


def xlsx_anchors(items: Sequence[Item]) -> str:
    return "".join(xlsx_anchor(item) for item in items)
