"""The slide plan's vocabulary: decks, slides and what sits on them.

Plain frozen values, shared by the planner (which makes them), the .pptx
renderer and the printed slide handout (which draw them). Every length is in
points (1/72 inch), measured from the slide's top-left corner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from .model import Align, Inlines, Session

EMU_PER_PT = 12700


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from its top left corner."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


@dataclass(frozen=True)
class Geometry:
    """Where things go on a slide, taken from the .pptx template's layouts."""

    slide_width: float
    slide_height: float
    title: Box  # title placeholder of the content layout
    body: Box  # body placeholder of the content layout
    cover_title: Box  # title placeholder of the title layout
    cover_subtitle: Box  # subtitle placeholder of the title layout
    footer: Box | None = None  # footer placeholder of the content layout (session title)
    slide_number: Box | None = None  # slide number placeholder of the content layout
    accent: Box | None = None  # the built-in design's accent line under the title
    cover_accents: tuple[Box, ...] = ()  # the built-in design's band and rule on the title slide


@dataclass(frozen=True)
class Style:
    """Type sizes and spacing. The planner measures with these; renderers apply them."""

    font_latin: str = "Noto Sans CJK JP"
    font_ja: str = "Noto Sans CJK JP"
    font_mono: str = "Noto Sans Mono CJK JP"
    title_size: float = 36.0
    title_min_size: float = 24.0
    title_bold: bool = True
    body_sizes: tuple[float, ...] = (24.0, 20.0, 18.0)  # level 1, 2, 3 and deeper
    body_min_size: float = 16.0
    code_size: float = 16.0
    code_min_size: float = 12.0
    table_size: float = 16.0
    line_spacing: float = 1.2  # multiple of the font size
    space_before: tuple[float, ...] = (10.0, 4.0, 2.0)  # pt before a level-1, 2, 3+ paragraph
    indent_step: float = 27.0  # left margin added per bullet level
    bullet_hang: float = 18.0  # hanging indent of the bullet character
    inset_x: float = 7.2  # text frame insets (python-pptx defaults: 0.1 in, 0.05 in)
    inset_y: float = 3.6
    deep_indent_step: float = 12.0  # left margin added per level below the third
    cover_title_size: float = 40.0  # session title on the title slide
    info_size: float = 20.0  # category, duration, speakers, event on the title slide
    footer_size: float = 10.0
    table_min_size: float = 12.0
    code_pad: float = 8.0  # inset of a code block's shaded box
    part_gap: float = 10.0  # vertical space between the parts of a slide
    fit_margin: float = 0.03  # share of width and height kept free for renderer differences
    descent: float = 0.15  # em kept under the last line of bottom-anchored text (cover title)
    accent_color: str = "#1F5FAF"
    text_color: str = "#222222"
    muted_color: str = "#8A8F98"

    def body_size(self, level: int) -> float:
        """Font size of a paragraph at bullet ``level`` (0 = no bullet)."""
        return self.body_sizes[min(max(level, 1), len(self.body_sizes)) - 1]

    def left_margin(self, level: int, quote: bool = False) -> float:
        """Where the text of a paragraph at ``level`` starts, from the text box's inset.

        A bullet (or an ordered item's number) hangs ``bullet_hang`` to the
        left of it. Levels 4 to 9 step in by ``deep_indent_step``; deeper
        levels stay at the ninth's margin, so nesting never eats the line.
        """
        margin = 0.0
        if level >= 1:
            shallow = min(level, 3) - 1
            margin = self.bullet_hang + shallow * self.indent_step
            margin += max(min(level, 9) - 3, 0) * self.deep_indent_step
        return margin + (self.indent_step if quote else 0.0)


@dataclass(frozen=True)
class TextLine:
    """One paragraph of a text part: a bullet at ``level`` (0 for plain text)."""

    inlines: Inlines
    level: int
    size: float
    context: bool = False  # a parent repeated on a continuation slide, drawn muted
    number: int | None = None  # label of an ordered-list item
    quote: bool = False
    continued: bool = False  # the rest of a paragraph split over slides: no bullet, no number


@dataclass(frozen=True)
class TextPart:
    """Lines of text in a slide's body, and the height they take."""

    lines: tuple[TextLine, ...]
    height: float


@dataclass(frozen=True)
class CodePart:
    """A code block in a slide's body, at the size that fits."""

    code: str
    language: str
    size: float
    height: float


@dataclass(frozen=True)
class TablePart:
    """A table (or some of its rows) in a slide's body, at the size that fits."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    aligns: tuple[Align, ...]
    size: float
    height: float
    continued: bool = False  # rows carried over from the previous slide
    col_widths: tuple[float, ...] = ()  # points; they add up to the body width
    row_heights: tuple[float, ...] = ()  # header row first


@dataclass(frozen=True)
class ImagePart:
    """A picture in a slide's body, at the size it is drawn."""

    path: str  # resolved local file, or "" when it could not be used
    alt: str
    width: float
    height: float


Part: TypeAlias = TextPart | CodePart | TablePart | ImagePart


@dataclass(frozen=True)
class Slide:
    """One planned slide: a title slide, or a title and the parts of its body."""

    kind: Literal["title", "content"]
    title: str
    title_size: float
    parts: tuple[Part, ...] = ()
    notes: str = ""
    continued: bool = False
    info: tuple[str, ...] = ()  # title slide: category, duration, speakers, event, date
    info_size: float = 20.0  # size of the info lines (shrunk to fit the subtitle box)


@dataclass(frozen=True)
class Deck:
    """The slides of one session, planned once and drawn by every slide renderer."""

    session: Session
    slides: tuple[Slide, ...]
    geometry: Geometry
    style: Style
    event_title: str
    lang: str
    footer: str = ""  # footer text of content slides: the session title, fitted to one line
    date: str = ""  # the event's date as the notes give it


def part_boxes(slide: Slide, geometry: Geometry, style: Style) -> tuple[Box, ...]:
    """Where each part of a content slide is drawn: one rule for every slide renderer.

    Parts stack from the top of the body box, ``style.part_gap`` apart, each
    as tall as planned and as wide as the body box (a picture keeps its own
    width, centred). The last text part reaches down to the bottom of the body
    box, so a renderer that sets a line a little longer still has room.
    """
    body = geometry.body
    boxes: list[Box] = []
    y = body.y
    last = len(slide.parts) - 1
    for index, part in enumerate(slide.parts):
        height = part.height
        if isinstance(part, TextPart) and index == last:
            height = max(height, body.bottom - y)
        if isinstance(part, ImagePart):
            boxes.append(Box(body.x + (body.width - part.width) / 2, y, part.width, height))
        else:
            boxes.append(Box(body.x, y, body.width, height))
        y += part.height + style.part_gap
    return tuple(boxes)
