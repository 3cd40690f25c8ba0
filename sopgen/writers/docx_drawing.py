"""DrawingML runs of the sheet's DOCX body as lxml serialised them: a page's drawing group, an emblem.

The writer once built a group's markup and had python-docx parse it; placed in the body, lxml wrote it
without the namespaces the document declares, without the whitespace between elements and with its
own escaping. This module writes that form directly (the shape properties themselves come from
`shapes_xml`); `tests/writers/test_docx_text.py` checks it against the old markup placed by python-docx
(`tests/writers/docx_group_reference.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..fontmetrics import OFFICE_FONT
from . import xmlform
from .shapes_xml import shape_properties

if TYPE_CHECKING:
    from .drawingml import Item

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
GROUP_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
RELATIVE_HEIGHT = 251659264
"""Base of each group's z-order (`relativeHeight`), plus its drawing id."""

BODY_PROPERTIES = (
    '<wps:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0" rtlCol="0">'
    "<a:noAutofit/></wps:bodyPr>"
)
FONTS = f'<w:rFonts w:ascii="{OFFICE_FONT}" w:hAnsi="{OFFICE_FONT}" w:cs="{OFFICE_FONT}"/>'


def group_run(items: list[Item], group: dict[str, int], doc_pr_id: int, page_number: int) -> str:
    """A run holding one anchored `wpg` group of the items (EMU; `group` has its x, y, w, h relative
    to the anchor and child_x, child_y, the items' own origin)."""
    size = f'cx="{group["w"]}" cy="{group["h"]}"'
    origin = f'x="{group["child_x"]}" y="{group["child_y"]}"'
    return (
        f'<w:r xmlns:a="{A_NS}"><mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{RELATIVE_HEIGHT + doc_pr_id}" behindDoc="0" locked="0" layoutInCell="1" '
        f'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{group["x"]}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{group["y"]}</wp:posOffset></wp:positionV>'
        f'<wp:extent {size}/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{doc_pr_id}" name="Diagram alir halaman {page_number}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{GROUP_URI}"><wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm>'
        f"<a:off {origin}/><a:ext {size}/><a:chOff {origin}/><a:chExt {size}/></a:xfrm></wpg:grpSpPr>"
        f"{''.join(map(_shape, items))}"
        "</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>"
    )


def _shape(item: Item) -> str:
    non_visual = "<wps:cNvCnPr/>" if item.straight else "<wps:cNvSpPr/>"
    text = _text_box(item) if item.text else ""
    return (
        f'<wps:wsp><wps:cNvPr id="{item.id}" name="{xmlform.attribute(item.name)}"/>{non_visual}'
        f"<wps:spPr>{shape_properties(item)}</wps:spPr>{text}{BODY_PROPERTIES}</wps:wsp>"
    )


def _text_box(item: Item) -> str:
    align = "center" if item.align == "ctr" else "left"
    bold = "<w:b/>" if item.bold else ""
    size = int(round(item.text_size / 50, 0))  # Jinja's `round | int`: round half to even
    text = xmlform.element("w:t", xmlform.text(item.text), ' xml:space="preserve"')
    return (
        '<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>{FONTS}{bold}<w:sz w:val="{size}"/></w:rPr>{text}</w:r></w:p>'
        "</w:txbxContent></wps:txbx>"
    )


def picture_run(doc_pr_id: int, relationship: str, filename: str, cx: int, cy: int) -> str:
    """A run with an inline picture `cx` x `cy` EMU, as python-docx's `add_picture` wrote it."""
    size = f'cx="{cx}" cy="{cy}"'
    return (
        f'<w:r><w:drawing><wp:inline xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}"><wp:extent {size}/>'
        f'<wp:docPr id="{doc_pr_id}" name="Picture {doc_pr_id}"/>'
        '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic><a:graphicData uri="{PIC_NS}"><pic:pic><pic:nvPicPr>'
        f'<pic:cNvPr id="0" name="{xmlform.set_attribute(filename)}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{relationship}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext {size}/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
        "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
