"""The markup of a page's DOCX drawing group as the sheet writer wrote it when python-docx parsed it
and placed it in the body: the reference `writers.docx_drawing` is checked against
(tests/writers/test_docx_text.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from sopgen.fontmetrics import OFFICE_FONT
from sopgen.writers.drawingml import Item
from sopgen.writers.shapes_xml import escape, shape_properties
from sopgen.xmlchars import strip_forbidden

DOCX_BODY_PR = (
    '<wps:bodyPr wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" anchor="ctr" anchorCtr="0" rtlCol="0">'
    "<a:noAutofit/></wps:bodyPr>"
)
DOCX_GROUP_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
)


def docx_shape(item: Item) -> str:
    """One `wps:wsp` of a DOCX drawing group, its text in a text box."""
    font = escape(OFFICE_FONT)
    kind = "<wps:cNvCnPr/>" if item.straight else "<wps:cNvSpPr/>"
    text = ""
    if item.text:
        align = "center" if item.align == "ctr" else "left"
        bold = "<w:b/>" if item.bold else ""
        size = int(round(item.text_size / 50, 0))
        text = (
            '<wps:txbx><w:txbxContent><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" '
            f'w:lineRule="auto"/><w:jc w:val="{align}"/></w:pPr><w:r><w:rPr>'
            f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>{bold}<w:sz w:val="{size}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(strip_forbidden(str(item.text)))}</w:t>'
            "</w:r></w:p></w:txbxContent></wps:txbx>"
        )
    return (
        f'<wps:wsp><wps:cNvPr id="{item.id}" name="{escape(item.name)}"/>{kind}\n'
        f"<wps:spPr>{shape_properties(item)}</wps:spPr>{text}\n{DOCX_BODY_PR}</wps:wsp>"
    )


def docx_group(items: Sequence[Item], group: dict[str, int], doc_pr_id: int, page_number: int) -> str:
    """A run holding one page's drawing: a floating group anchored to the paragraph, its shapes inside."""
    x, y, w, h = group["x"], group["y"], group["w"], group["h"]
    child_x, child_y = group["child_x"], group["child_y"]
    shapes = "".join(f"\n{docx_shape(item)}" for item in items)
    return (
        f'<w:r {DOCX_GROUP_NS}><mc:AlternateContent><mc:Choice Requires="wpg"><w:drawing>\n'
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="{251659264 + doc_pr_id}" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">\n'
        '<wp:simplePos x="0" y="0"/>\n'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>\n'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>\n'
        f'<wp:extent cx="{w}" cy="{h}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>\n'
        f'<wp:docPr id="{doc_pr_id}" name="Diagram alir halaman {page_number}"/><wp:cNvGraphicFramePr/>\n'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
        "<wpg:wgp><wpg:cNvGrpSpPr/>\n"
        f'<wpg:grpSpPr><a:xfrm><a:off x="{child_x}" y="{child_y}"/><a:ext cx="{w}" cy="{h}"/>'
        f'<a:chOff x="{child_x}" y="{child_y}"/><a:chExt cx="{w}" cy="{h}"/></a:xfrm></wpg:grpSpPr>'
        f"{shapes}\n</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent>"
        "</w:r>\n"
    )
