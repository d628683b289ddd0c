"""Make templates/deck.pptx, the built-in deck design, from python-pptx's default template.

    .venv/bin/python tools/make_deck_template.py [OUTPUT]

A clean 16:9 design (13.333 × 7.5 in): a bold title over a thin accent
line, bullets in Noto Sans CJK JP, a small footer with the session title and
the slide number; the title slide has an accent band on the left. Running
the script again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.util import Pt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from publisher.layout import Box, Style  # noqa: E402
from publisher.slides.archive import normalise_zip  # noqa: E402
from publisher.slides.text import emu, format_frame  # noqa: E402

STYLE = Style()
FONT = STYLE.font_ja
TEXT = "222222"
MUTED = "8A8F98"
KEEP = ("Title Slide", "Title and Content", "Section Header", "Title Only", "Blank")

# Boxes in points on a 960 × 540 slide; margins of at least 0.5 in (36 pt).
TITLE = Box(48, 36, 864, 72)
BODY = Box(48, 128, 864, 336)
FOOTER = Box(48, 480, 700, 24)
NUMBER = Box(792, 480, 120, 24)
ACCENT_LINE = Box(48, 112, 864, 2)
COVER_TITLE = Box(72, 110, 816, 180)
COVER_RULE = Box(79, 300, 120, 4)
COVER_SUBTITLE = Box(72, 314, 816, 166)
COVER_BAND = Box(0, 0, 16, 540)
SECTION_TITLE = Box(72, 170, 816, 120)
SECTION_BODY = Box(72, 314, 816, 96)

COLORS = {
    "dk1": TEXT, "lt1": "FFFFFF", "dk2": "1E2A3A", "lt2": "EEF1F5",
    "accent1": STYLE.accent_color.lstrip("#"), "accent2": "E07A1F", "accent3": "2E9E6A",
    "accent4": "8A5CC2", "accent5": "C23B5A", "accent6": "3A8FB7",
    "hlink": STYLE.accent_color.lstrip("#"), "folHlink": "6B4FBB",
}  # fmt: skip


def _set_box(shape: Any, box: Box) -> None:
    shape.left, shape.top = Pt(box.x), Pt(box.y)
    shape.width, shape.height = Pt(box.width), Pt(box.height)


def _placeholders(holder: Any) -> dict[Any, Any]:
    return {shape.placeholder_format.type: shape for shape in holder.placeholders}


def _remove(shape: Any) -> None:
    shape._element.getparent().remove(shape._element)


def _accent(holder: Any, box: Box, name: str) -> None:
    """A flat rectangle in the theme's first accent colour, behind everything else."""
    tree = holder.shapes._spTree
    ids = [int(x) for x in tree.xpath(".//p:cNvPr/@id")]
    sp = CT_Shape.new_autoshape_sp(
        max(ids, default=1) + 1,
        name,
        "rect",
        emu(box.x),
        emu(box.y),
        emu(box.width),
        emu(box.height),
    )
    sp_pr = sp.spPr
    for child in list(sp_pr):
        if child.tag not in (qn("a:xfrm"), qn("a:prstGeom")):
            sp_pr.remove(child)
    fill = etree.SubElement(sp_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", "accent1")
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))
    for extra in (sp.find(qn("p:style")), sp.find(qn("p:txBody"))):
        if extra is not None:
            sp.remove(extra)
    tree.insert(2, sp)  # after nvGrpSpPr and grpSpPr: drawn first


def _text_props(
    element: Any, size: float, color: str, *, bold: bool = False, align: str = "l", anchor: str = ""
) -> None:
    """Default paragraph and run look of a placeholder, in its list style."""
    list_style = element.find(f".//{qn('a:lstStyle')}")
    for child in list(list_style):
        list_style.remove(child)
    level = etree.SubElement(list_style, qn("a:lvl1pPr"))
    level.set("marL", "0")
    level.set("indent", "0")
    level.set("algn", align)
    etree.SubElement(level, qn("a:buNone"))
    rpr = etree.SubElement(level, qn("a:defRPr"))
    rpr.set("sz", str(round(size * 100)))
    rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", color)
    if anchor:
        element.find(f".//{qn('a:bodyPr')}").set("anchor", anchor)


def _frame(shape: Any, anchor: str) -> None:
    format_frame(shape.text_frame, (STYLE.inset_x, STYLE.inset_y) * 2, anchor)


def _master(prs: Any) -> None:
    master = prs.slide_master
    found = _placeholders(master)
    _remove(found[PP_PLACEHOLDER.DATE])
    for kind, box, anchor in (
        (PP_PLACEHOLDER.TITLE, TITLE, "ctr"), (PP_PLACEHOLDER.BODY, BODY, "t"),
        (PP_PLACEHOLDER.FOOTER, FOOTER, "ctr"), (PP_PLACEHOLDER.SLIDE_NUMBER, NUMBER, "ctr"),
    ):  # fmt: skip
        _set_box(found[kind], box)
        _frame(found[kind], anchor)
    _text_props(found[PP_PLACEHOLDER.FOOTER]._element, STYLE.footer_size, MUTED)
    _text_props(found[PP_PLACEHOLDER.SLIDE_NUMBER]._element, STYLE.footer_size, MUTED, align="r")
    _text_styles(master._element.find(qn("p:txStyles")))


def _text_styles(styles: Any) -> None:
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    rpr = title.find(qn("a:defRPr"))
    rpr.set("sz", str(round(STYLE.title_size * 100)))
    rpr.set("b", "1")
    body = styles.find(qn("p:bodyStyle"))
    bullets = ("•", "–", "•", "–")
    for index in range(1, 10):
        level = body.find(qn(f"a:lvl{index}pPr"))
        margin = STYLE.left_margin(index)
        level.set("marL", str(emu(margin)))
        level.set("indent", str(emu(-STYLE.bullet_hang)))
        before = level.find(qn("a:spcBef"))
        for child in list(before):
            before.remove(child)
        spaces = STYLE.space_before
        etree.SubElement(before, qn("a:spcPts")).set(
            "val", str(round(spaces[min(index, len(spaces)) - 1] * 100))
        )
        level.find(qn("a:buFont")).set("typeface", FONT)
        level.find(qn("a:buChar")).set("char", bullets[(index - 1) % len(bullets)])
        level.find(qn("a:defRPr")).set("sz", str(round(STYLE.body_size(index) * 100)))


def _layouts(prs: Any) -> None:
    for layout in list(prs.slide_layouts):
        if layout.name not in KEEP:
            prs.slide_layouts.remove(layout)
    for layout in prs.slide_layouts:
        found = _placeholders(layout)
        if PP_PLACEHOLDER.DATE in found:
            _remove(found[PP_PLACEHOLDER.DATE])
        for kind, box in ((PP_PLACEHOLDER.FOOTER, FOOTER), (PP_PLACEHOLDER.SLIDE_NUMBER, NUMBER)):
            if kind in found:
                _set_box(found[kind], box)
        if layout.name == "Title Slide":
            _cover(layout, found)
        elif layout.name == "Section Header":
            _set_box(found[PP_PLACEHOLDER.TITLE], SECTION_TITLE)
            _set_box(found[PP_PLACEHOLDER.BODY], SECTION_BODY)
            _text_props(found[PP_PLACEHOLDER.BODY]._element, STYLE.info_size, MUTED, anchor="t")
            _frame(found[PP_PLACEHOLDER.TITLE], "b")
            _accent(layout, COVER_RULE, "Accent rule")
        elif layout.name in ("Title and Content", "Title Only"):
            _set_box(found[PP_PLACEHOLDER.TITLE], TITLE)
            if PP_PLACEHOLDER.OBJECT in found:
                _set_box(found[PP_PLACEHOLDER.OBJECT], BODY)
            _accent(layout, ACCENT_LINE, "Accent line")


def _cover(layout: Any, found: dict[Any, Any]) -> None:
    title, subtitle = found[PP_PLACEHOLDER.CENTER_TITLE], found[PP_PLACEHOLDER.SUBTITLE]
    _set_box(title, COVER_TITLE)
    _set_box(subtitle, COVER_SUBTITLE)
    _frame(title, "b")
    _frame(subtitle, "t")
    _text_props(title._element, STYLE.cover_title_size, TEXT, bold=True, anchor="b")
    _text_props(subtitle._element, STYLE.info_size, "4A5260", anchor="t")
    _accent(layout, COVER_RULE, "Accent rule")
    _accent(layout, COVER_BAND, "Accent band")


def _theme(prs: Any) -> None:
    theme = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    root = etree.fromstring(theme.blob)
    root.set("name", "publisher")
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", "publisher")
    for name, value in COLORS.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr")).set("val", value)
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", "publisher")
    for which in ("a:majorFont", "a:minorFont"):
        group = fonts.find(qn(which))
        for child in list(group):
            group.remove(child)
        for slot in ("a:latin", "a:ea", "a:cs"):
            etree.SubElement(group, qn(slot)).set("typeface", FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package(prs: Any) -> None:
    """Drop the old thumbnail and printer settings; fix the document properties."""
    package = prs.part.package
    for rel_id, rel in list(package._rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package._rels.pop(rel_id)
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = (
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
                b'"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                b"<Application>publisher</Application>"
                b"<PresentationFormat>On-screen Show (16:9)</PresentationFormat></Properties>"
            )
    for rel_id, rel in list(prs.part.rels.items()):
        if rel.reltype.endswith("/printerSettings"):
            prs.part.rels.pop(rel_id)
    core = prs.core_properties
    core.title = "publisher deck"
    core.author = core.last_modified_by = "publisher"
    core.revision = 1
    core.created = core.modified = core.last_printed = dt.datetime(2000, 1, 1)


def make(output: Path) -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(960), Pt(540)
    _master(prs)
    _layouts(prs)
    _theme(prs)
    _package(prs)
    from io import BytesIO

    data = BytesIO()
    prs.save(data)
    output.write_bytes(normalise_zip(data.getvalue()))


if __name__ == "__main__":
    make(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "deck.pptx")
