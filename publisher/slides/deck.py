"""Plan → .pptx: draw a planned deck on its template, byte for byte reproducibly.

Every box comes from the plan (:func:`publisher.layout.part_boxes`) and the
template's layouts; every text property from :mod:`publisher.slides.text`.
Nothing is measured here and nothing is left to PowerPoint's autofit.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.shapes.shapetree import SlideShapeFactory
from pptx.util import Emu

from ..atomic import write_atomic
from ..layout import Box, CodePart, Deck, ImagePart, Slide, Style, TablePart, TextPart, part_boxes
from .archive import normalise_zip
from .parts import add_code, add_image, add_table, fill_lines
from .template import LayoutAt, Template
from .text import (
    ParagraphFormat,
    RunFormat,
    add_field,
    add_run,
    clean,
    clear_frame,
    emu,
    end_paragraph,
    format_frame,
    format_paragraph,
    set_theme_fonts,
    write_plain,
)

FIXED_DATE = dt.datetime(2000, 1, 1)
SLIDE_NUMBER_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}


def write_deck(deck: Deck, template: Template, path: Path) -> None:
    """Write ``deck`` drawn on ``template`` to ``path``, atomically and reproducibly."""
    write_atomic(path, render_deck(deck, template))


def render_deck(deck: Deck, template: Template) -> bytes:
    """The .pptx bytes of ``deck``: the same deck and template always give the same bytes."""
    presentation = template.open()
    _set_theme(presentation, deck.style, accent=template.builtin)
    footers = _Footers(presentation, template, deck)
    pages = _Pages(presentation)
    for number, slide in enumerate(deck.slides, start=1):
        if slide.kind == "title":
            _title_slide(pages.add(template.title_at), deck, slide)
        else:
            page = pages.add(template.content_at)
            _content_slide(page, deck, slide, number, footers)
    _set_properties(presentation, deck)
    out = io.BytesIO()
    presentation.save(out)
    return normalise_zip(out.getvalue())


def _set_theme(presentation: Any, style: Style, *, accent: bool) -> None:
    for master in presentation.slide_masters:
        theme = master.part.part_related_by(_THEME)
        theme._blob = set_theme_fonts(
            theme.blob, style.font_latin, style.font_ja, style.accent_color if accent else ""
        )


def _set_properties(presentation: Any, deck: Deck) -> None:
    """Document properties fixed by the input (no clock), so rebuilding changes nothing."""
    core = presentation.core_properties
    core.title = clean(deck.session.title)[:255]
    core.subject = clean(deck.event_title)[:255]
    core.author = "publisher"
    core.last_modified_by = "publisher"
    core.revision = 1
    core.language = "ja-JP" if deck.lang == "ja" else "en-US"
    when = _date(deck)
    core.created = when
    core.modified = when
    core.last_printed = when


def _date(deck: Deck) -> dt.datetime:
    found = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", deck.date)
    if found:
        try:
            year, month, day = (int(x) for x in found.groups())
            return dt.datetime(year, month, day)
        except ValueError:
            pass
    return FIXED_DATE


# --- slides -------------------------------------------------------------------------


class _Pages:
    """The deck's slides, each added on a layout with that layout's placeholders.

    python-pptx clones a layout's placeholders for the first slide on it;
    later slides on the same layout get copies of those elements, which are
    what python-pptx would make again (cloning asks python-pptx's XPath
    queries, compiled anew each time, about every shape of the layout).
    """

    def __init__(self, presentation: Any) -> None:
        self.presentation = presentation
        self.cloned: dict[LayoutAt, list[Any]] = {}

    def add(self, where: LayoutAt) -> Any:
        slides = self.presentation.slides
        layout = Template.layout(self.presentation, where)
        placeholders = self.cloned.get(where)
        if placeholders is None:
            page = slides.add_slide(layout)
            tree = page.shapes._spTree
            self.cloned[where] = [copy.deepcopy(element) for element in tree.iter_shape_elms()]
            return page
        rel_id, page = slides.part.add_slide(layout)  # as slides.add_slide does
        tree = page.shapes._spTree
        for element in placeholders:
            tree.insert_element_before(copy.deepcopy(element), "p:extLst")
        slides._sldIdLst.add_sldId(rel_id)
        return page


_PLACEHOLDER = etree.XPath("./*[1]/p:nvPr/p:ph", namespaces=_NS)  # compiled once


def _placeholder(slide: Any, kinds: tuple[PP_PLACEHOLDER, ...]) -> Any:
    """The first placeholder of one of ``kinds`` on ``slide``, or None."""
    wanted = {kind.xml_value for kind in kinds}
    shapes = slide.shapes
    for element in shapes._spTree.iter_shape_elms():
        found = _PLACEHOLDER(element)
        if found and found[0].get("type", PP_PLACEHOLDER.OBJECT.xml_value) in wanted:
            return SlideShapeFactory(element, shapes)
    return None


def _fonts(style: Style) -> tuple[str, str, str]:
    return (style.font_latin, style.font_ja, style.font_mono)


def _insets(style: Style) -> tuple[float, float, float, float]:
    return (style.inset_x, style.inset_y, style.inset_x, style.inset_y)


def _write_title(shape: Any, deck: Deck, text: str, size: float, anchor: str) -> None:
    style = deck.style
    run = RunFormat(size, _fonts(style), deck.lang, style.text_color, bold=style.title_bold)
    paragraph = ParagraphFormat(size * style.line_spacing, align="")
    insets = _insets(style)
    if anchor == "b":  # descenders of the last line stay inside the box
        insets = (*insets[:3], style.inset_y + style.descent * style.cover_title_size)
    format_frame(shape.text_frame, insets, anchor)
    write_plain(shape.text_frame, [text], run, paragraph)


def _title_slide(page: Any, deck: Deck, slide: Slide) -> None:
    title = _placeholder(page, (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE))
    _write_title(title, deck, slide.title, slide.title_size, "b")
    subtitle = _placeholder(page, (PP_PLACEHOLDER.SUBTITLE,))
    style = deck.style
    run = RunFormat(slide.info_size, _fonts(style), deck.lang, style.text_color)
    paragraph = ParagraphFormat(
        slide.info_size * style.line_spacing, style.space_before[1], align=""
    )
    format_frame(subtitle.text_frame, _insets(style), "t")
    write_plain(subtitle.text_frame, list(slide.info), run, paragraph)
    _notes(page, deck, slide.notes)


def _content_slide(page: Any, deck: Deck, slide: Slide, number: int, footers: _Footers) -> None:
    title = _placeholder(page, (PP_PLACEHOLDER.TITLE,))
    _write_title(title, deck, slide.title, slide.title_size, "ctr")
    body = _placeholder(page, (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY))
    boxes = part_boxes(slide, deck.geometry, deck.style)
    used_body = False
    for part, box in zip(slide.parts, boxes, strict=True):
        if isinstance(part, TextPart):
            if not used_body and body is not None:
                _place(body, box)
                frame = body.text_frame
                used_body = True
            else:
                frame = page.shapes.add_textbox(*_emu_box(box)).text_frame
            fill_lines(frame, part.lines, deck.style, deck.lang)
        elif isinstance(part, CodePart):
            add_code(page, part, box, deck.style, deck.lang)
        elif isinstance(part, TablePart):
            add_table(page, part, box, deck.style, deck.lang)
        elif isinstance(part, ImagePart):
            add_image(page, part, box, deck.style, deck.lang)
    if body is not None and not used_body:
        body._element.getparent().remove(body._element)
    footers.add(page, number)
    _notes(page, deck, slide.notes)


def _emu_box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(emu(box.x)), Emu(emu(box.y)), Emu(emu(box.width)), Emu(emu(box.height))


def _place(shape: Any, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = _emu_box(box)


class _Footers:
    """The session title and the slide number, in the content layout's footer placeholders.

    Drawn once with python-pptx on the first content slide, then copied.
    """

    def __init__(self, presentation: Any, template: Template, deck: Deck) -> None:
        self.layout = template.layout(presentation, template.content_at)
        self.deck = deck
        self.prototypes: list[tuple[Any, bool]] | None = None

    def add(self, page: Any, number: int) -> None:
        if self.prototypes is None:
            self.prototypes = self._draw(page, number)
            return
        for prototype, numbered in self.prototypes:
            element = copy.deepcopy(prototype)
            element.find(".//p:cNvPr", _NS).set("id", str(page.shapes._next_shape_id))
            if numbered:
                element.find(".//a:fld/a:t", _NS).text = str(number)
            page.shapes._spTree.insert_element_before(element, "p:extLst")

    def _draw(self, page: Any, number: int) -> list[tuple[Any, bool]]:
        deck, style = self.deck, self.deck.style
        run = RunFormat(style.footer_size, _fonts(style), deck.lang, style.muted_color)
        drawn = []
        for shape in self.layout.placeholders:
            kind = shape.placeholder_format.type
            numbered = kind == PP_PLACEHOLDER.SLIDE_NUMBER
            if not numbered and (kind != PP_PLACEHOLDER.FOOTER or not deck.footer):
                continue
            page.shapes.clone_placeholder(shape)
            placed = page.shapes[-1]
            format_frame(placed.text_frame, _insets(style), "ctr")
            paragraph = clear_frame(placed.text_frame)
            format_paragraph(
                paragraph, ParagraphFormat(style.footer_size * style.line_spacing, align="")
            )
            if numbered:
                add_field(paragraph, "slidenum", str(number), run, SLIDE_NUMBER_ID)
            else:
                add_run(paragraph, deck.footer, run)
            end_paragraph(paragraph, run)
            drawn.append((copy.deepcopy(placed._element), numbered))
        return drawn


def _notes(page: Any, deck: Deck, notes: str) -> None:
    if not notes:
        return
    style = deck.style
    frame = page.notes_slide.notes_text_frame
    run = RunFormat(12.0, _fonts(style), deck.lang)
    write_plain(frame, notes.split("\n"), run, ParagraphFormat(12.0 * style.line_spacing))
