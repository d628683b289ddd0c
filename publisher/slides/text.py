"""Runs, paragraphs and text frames: the one place that writes DrawingML text XML.

python-pptx has no API for the East Asian font slot, the language of a run,
exact line spacing or "no autofit", and the deck needs all of them for
Japanese to show and to fit. Every run written here carries ``a:latin``,
``a:ea`` and ``a:cs`` typefaces and a ``lang``: ``ja-JP`` when the run holds
kana or kanji, else the deck's language (``ja-JP`` or ``en-US``); a
``ja-JP`` run also gets ``altLang="en-US"``, as PowerPoint writes it.
Paragraph spacing, indents and sizes are always explicit, so PowerPoint and
LibreOffice lay text out as the planner measured it.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from lxml import etree  # type: ignore[import-untyped]
from pptx.oxml.ns import qn as _qn
from pptx.text.text import TextFrame, _Paragraph

from ..layout import EMU_PER_PT
from ..measure import has_japanese
from ..model import Break, Code, Emph, Inlines, Link, Strike, Strong, Text

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
LINK_SCHEMES = ("http://", "https://", "mailto:")
_AUTOFIT = ("a:noAutofit", "a:normAutofit", "a:spAutoFit")


@functools.cache
def qn(tag: str) -> str:
    """The Clark name of a prefixed tag (``a:rPr``), looked up once."""
    return str(_qn(tag))


def clean(text: str) -> str:
    """``text`` without characters XML cannot hold (python-pptx would refuse them)."""
    return _INVALID_XML.sub("", text)


def emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


@dataclass(frozen=True)
class RunFormat:
    """How a run looks. ``mono`` picks the code face for every slot."""

    size: float
    fonts: tuple[str, str, str]  # latin, East Asian, monospace
    deck_lang: str  # "ja" or "en"
    color: str = ""
    bold: bool = False
    italic: bool = False
    strike: bool = False
    mono: bool = False
    underline: bool = False


def run_lang(text: str, deck_lang: str) -> str:
    """``ja-JP`` for a run with Japanese in it, else the deck's language tag."""
    if has_japanese(text) or deck_lang == "ja":
        return "ja-JP"
    return "en-US"


def run_properties(tag: str, fmt: RunFormat, text: str) -> etree._Element:
    """A fresh ``a:rPr`` (or ``a:endParaRPr``, ``a:defRPr``) for ``text`` set in ``fmt``.

    A copy of the one made for the same format and language: a deck has a few
    formats and thousands of runs, and copying an element is a sixth of making it.
    """
    return copy.deepcopy(_run_properties(tag, fmt, run_lang(text, fmt.deck_lang)))


@functools.lru_cache(maxsize=512)
def _run_properties(tag: str, fmt: RunFormat, lang: str) -> etree._Element:
    # Kept for copying: never put into a deck itself (one element has one parent).
    element = etree.Element(qn(tag))
    element.set("lang", lang)
    if lang == "ja-JP":
        element.set("altLang", "en-US")
    element.set("sz", str(round(fmt.size * 100)))
    element.set("b", "1" if fmt.bold else "0")
    element.set("i", "1" if fmt.italic else "0")
    if fmt.strike:
        element.set("strike", "sngStrike")
    if fmt.underline:
        element.set("u", "sng")
    element.set("dirty", "0")
    if fmt.color:
        fill = etree.SubElement(element, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr")).set("val", _hex(fmt.color))
    latin, east, mono = fmt.fonts
    faces = (mono, mono, mono) if fmt.mono else (latin, east, latin)
    for slot, face in zip(("a:latin", "a:ea", "a:cs"), faces, strict=True):
        font = etree.SubElement(element, qn(slot))
        font.set("typeface", face)
        if slot == "a:ea":
            font.set("charset", "-128")  # Shift_JIS: Windows substitutes a Japanese face
    return element


def add_run(paragraph: _Paragraph, text: str, fmt: RunFormat, link: str = "") -> None:
    """Append a run of ``text``; a safe ``link`` makes it a clickable hyperlink.

    A tab is written as a space and a newline as a line break, as measured.
    """
    text = clean(text).replace("\t", " ").replace("\r", "")
    if "\n" in text:
        for index, piece in enumerate(text.split("\n")):
            if index:
                add_break(paragraph, fmt)
            add_run(paragraph, piece, fmt, link)
        return
    if not text:
        return
    run = paragraph.add_run()
    run._r.insert(0, run_properties("a:rPr", fmt, text))
    run._r.find(qn("a:t")).text = text
    if link and link.lower().startswith(LINK_SCHEMES):
        run.hyperlink.address = clean(link)


def add_break(paragraph: _Paragraph, fmt: RunFormat) -> None:
    """A line break inside the paragraph (``a:br``), sized like the text around it."""
    br = etree.SubElement(paragraph._p, qn("a:br"))
    br.append(run_properties("a:rPr", fmt, ""))
    end = paragraph._p.find(qn("a:endParaRPr"))
    if end is not None:
        paragraph._p.append(end)


def end_paragraph(paragraph: _Paragraph, fmt: RunFormat, text: str = "") -> None:
    """Close a paragraph with ``a:endParaRPr`` so an empty one keeps its size."""
    old = paragraph._p.find(qn("a:endParaRPr"))
    if old is not None:
        paragraph._p.remove(old)
    paragraph._p.append(run_properties("a:endParaRPr", fmt, text))


def add_inlines(paragraph: _Paragraph, inlines: Inlines, fmt: RunFormat, link: str = "") -> None:
    """Runs for ``inlines``: bold, italic, strike, code, links and breaks kept."""
    for node in inlines:
        if isinstance(node, Text):
            add_run(paragraph, node.text, fmt, link)
        elif isinstance(node, Code):
            add_run(paragraph, node.text, replace(fmt, mono=True), link)
        elif isinstance(node, Break):
            add_break(paragraph, fmt)
        elif isinstance(node, Strong):
            add_inlines(paragraph, node.children, replace(fmt, bold=True), link)
        elif isinstance(node, Emph):
            add_inlines(paragraph, node.children, replace(fmt, italic=True), link)
        elif isinstance(node, Strike):
            add_inlines(paragraph, node.children, replace(fmt, strike=True), link)
        elif isinstance(node, Link):
            safe = node.href.lower().startswith(LINK_SCHEMES)
            inner = replace(fmt, underline=True) if safe else fmt
            add_inlines(paragraph, node.children, inner, node.href if safe else link)


@dataclass(frozen=True)
class ParagraphFormat:
    """Explicit paragraph layout, in points."""

    line_pitch: float
    space_before: float = 0.0
    margin_left: float = 0.0
    indent: float = 0.0  # negative: the first line (and its bullet) hangs left
    align: str = "l"  # "" keeps the template's alignment (titles, footers)
    level: int = 0
    bullet: str = ""  # a bullet character, or "" for none
    bullet_color: str = ""
    bullet_font: str = ""


def format_paragraph(paragraph: _Paragraph, fmt: ParagraphFormat) -> None:
    """Replace the paragraph's ``a:pPr`` with one that says everything explicitly."""
    p = paragraph._p
    old = p.find(qn("a:pPr"))
    if old is not None:
        p.remove(old)
    p.insert(0, copy.deepcopy(_paragraph_properties(fmt)))  # copied, as run properties are


@functools.lru_cache(maxsize=512)
def _paragraph_properties(fmt: ParagraphFormat) -> etree._Element:
    # Kept for copying, as _run_properties.
    ppr = etree.Element(qn("a:pPr"))
    ppr.set("marL", str(emu(fmt.margin_left)))
    ppr.set("indent", str(emu(fmt.indent)))
    ppr.set("lvl", str(min(max(fmt.level, 0), 8)))
    if fmt.align:
        ppr.set("algn", fmt.align)
    ppr.set("eaLnBrk", "1")
    ppr.set("latinLnBrk", "0")
    ppr.set("hangingPunct", "0")
    spacing = etree.SubElement(ppr, qn("a:lnSpc"))
    etree.SubElement(spacing, qn("a:spcPts")).set("val", str(round(fmt.line_pitch * 100)))
    before = etree.SubElement(ppr, qn("a:spcBef"))
    etree.SubElement(before, qn("a:spcPts")).set("val", str(round(fmt.space_before * 100)))
    after = etree.SubElement(ppr, qn("a:spcAft"))
    etree.SubElement(after, qn("a:spcPts")).set("val", "0")
    if fmt.bullet:
        if fmt.bullet_color:
            colour = etree.SubElement(ppr, qn("a:buClr"))
            etree.SubElement(colour, qn("a:srgbClr")).set("val", _hex(fmt.bullet_color))
        if fmt.bullet_font:
            etree.SubElement(ppr, qn("a:buFont")).set("typeface", fmt.bullet_font)
        etree.SubElement(ppr, qn("a:buChar")).set("char", fmt.bullet)
    else:
        etree.SubElement(ppr, qn("a:buNone"))
    return ppr


def format_frame(
    frame: TextFrame, insets: tuple[float, float, float, float], anchor: str = "t"
) -> None:
    """Word wrap on, no autofit of any kind, explicit insets (left, top, right, bottom)."""
    body = frame._txBody.find(qn("a:bodyPr"))
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets, strict=True):
        body.set(name, str(emu(value)))
    body.set("wrap", "square")
    body.set("anchor", anchor)
    body.set("rtlCol", "0")
    body.set("vert", "horz")
    for tag in _AUTOFIT:
        for found in body.findall(qn(tag)):
            body.remove(found)
    autofit = etree.Element(qn("a:noAutofit"))
    # a:noAutofit follows a:prstTxWarp and precedes a:scene3d, a:sp3d, a:flatTx, a:extLst
    successors = [body.find(qn(t)) for t in ("a:scene3d", "a:sp3d", "a:flatTx", "a:extLst")]
    following = next((s for s in successors if s is not None), None)
    if following is not None:
        following.addprevious(autofit)
    else:
        body.append(autofit)


def clear_frame(frame: TextFrame) -> _Paragraph:
    """Empty the frame, leaving one bare paragraph to write into."""
    body = frame._txBody
    for p in body.findall(qn("a:p"))[1:]:
        body.remove(p)
    first = body.find(qn("a:p"))
    if first is None:
        first = etree.SubElement(body, qn("a:p"))
    for child in list(first):
        first.remove(child)
    return frame.paragraphs[0]


def add_paragraph(frame: TextFrame, first: bool) -> _Paragraph:
    return frame.paragraphs[0] if first else frame.add_paragraph()  # type: ignore[no-untyped-call]


def write_plain(
    frame: TextFrame, lines: Sequence[str], run: RunFormat, paragraph: ParagraphFormat
) -> None:
    """One paragraph per line of plain text (titles, footers, info lines, notes)."""
    clear_frame(frame)
    for index, line in enumerate(lines or [""]):
        p = add_paragraph(frame, index == 0)
        format_paragraph(p, paragraph)
        add_run(p, line, run)
        end_paragraph(p, run, line)


def add_field(paragraph: _Paragraph, kind: str, text: str, fmt: RunFormat, guid: str) -> None:
    """A field (``slidenum``) showing ``text`` until the application updates it."""
    field = etree.SubElement(paragraph._p, qn("a:fld"))
    field.set("id", guid)
    field.set("type", kind)
    field.append(run_properties("a:rPr", fmt, text))
    etree.SubElement(field, qn("a:t")).text = text


def set_theme_fonts(theme_xml: bytes, latin: str, east: str, accent: str = "") -> bytes:
    """The theme part with its major and minor Latin and East Asian fonts set.

    Script-specific fallbacks (``a:font script=…``) are left as they are. With
    ``accent``, the theme's first accent colour is set too.
    """
    root = etree.fromstring(theme_xml)
    for which in ("a:majorFont", "a:minorFont"):
        for scheme in root.iter(qn(which)):
            for slot, face in (("a:latin", latin), ("a:ea", east), ("a:cs", latin)):
                found = scheme.find(qn(slot))
                if found is None:
                    found = etree.SubElement(scheme, qn(slot))
                found.set("typeface", face)
                if slot == "a:ea":
                    found.set("charset", "-128")
    if accent:
        for holder in root.iter(qn("a:accent1")):
            for child in list(holder):
                holder.remove(child)
            etree.SubElement(holder, qn("a:srgbClr")).set("val", _hex(accent))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
