"""Where slides go on the pages of the slide handout: pure geometry, in points.

Like PowerPoint's handout master: 1 slide per page (landscape), 2 (stacked),
3 (with ruled lines for notes beside each slide), 4 (2 × 2, landscape) or
6 (2 × 3). Slides keep the deck's proportions and fill the pages in order,
across sessions, so N slides take ceil(slides / N) pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Box, Deck, Part, Slide, part_boxes

MM = 72 / 25.4
PAPERS = {"A4": (210 * MM, 297 * MM), "Letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Page:
    """A sheet of paper and its margins, in points; CSS ``@page`` is written from it."""

    width: float
    height: float
    margin_top: float = 20 * MM
    margin_right: float = 20 * MM
    margin_bottom: float = 20 * MM
    margin_left: float = 20 * MM

    @property
    def inner_width(self) -> float:
        return self.width - self.margin_left - self.margin_right

    @property
    def inner_height(self) -> float:
        return self.height - self.margin_top - self.margin_bottom


def paper_size(paper: str, *, landscape: bool = False, margins: float = 20 * MM) -> Page:
    """A4 (the default) or Letter, portrait unless asked, with equal ``margins``."""
    width, height = PAPERS.get(paper, PAPERS["A4"])
    if landscape:
        width, height = height, width
    return Page(width, height, margins, margins, margins, margins)


@dataclass(frozen=True)
class Arrangement:
    """How one page holds its slides."""

    columns: int
    rows: int
    landscape: bool
    memo: bool = False  # ruled lines beside each slide (3 per page)


ARRANGEMENTS = {
    1: Arrangement(1, 1, landscape=True),
    2: Arrangement(1, 2, landscape=False),
    3: Arrangement(1, 3, landscape=False, memo=True),
    4: Arrangement(2, 2, landscape=True),
    6: Arrangement(2, 3, landscape=False),
}
HEADER = 22.0  # height of the page's own header line (event, sessions), in points
GAP = 14.0  # space between slides
MEMO_SHARE = 0.56  # with ruled lines: the slide's share of the width
MEMO_LINE = 22.0  # distance between ruled lines


@dataclass(frozen=True)
class Frame:
    """One slide on a page: its deck, its place (points) and the zoom from slide to frame."""

    deck: Deck
    slide: Slide
    number: int  # 1-based, within its deck
    x: float
    y: float
    width: float
    height: float
    first_of_deck: bool

    @property
    def scale(self) -> float:
        return self.width / self.deck.geometry.slide_width

    @property
    def placed(self) -> tuple[tuple[Part, Box], ...]:
        """Each part of the slide with its box on the slide, by the planner's own rule."""
        boxes = part_boxes(self.slide, self.deck.geometry, self.deck.style)
        return tuple(zip(self.slide.parts, boxes, strict=True))


@dataclass(frozen=True)
class Memo:
    """Ruled lines for handwritten notes beside a slide."""

    x: float
    y: float
    width: float
    height: float
    lines: int


@dataclass(frozen=True)
class Sheet:
    """One page of the slide handout."""

    page: Page
    frames: tuple[Frame, ...]
    memos: tuple[Memo, ...]
    height: float  # of the content area used by the sheet

    @property
    def sessions(self) -> tuple[Deck, ...]:
        """The decks whose slides are on this page, in order, once each."""
        seen: list[Deck] = []
        for frame in self.frames:
            if not any(d is frame.deck for d in seen):
                seen.append(frame.deck)
        return tuple(seen)


def _fit(cell_w: float, cell_h: float, ratio: float) -> tuple[float, float]:
    """The largest width and height of proportion ``ratio`` (w / h) inside a cell."""
    if cell_w / ratio <= cell_h:
        return cell_w, cell_w / ratio
    return cell_h * ratio, cell_h


Slot = tuple[Memo | None, tuple[float, float, float, float]]


def _cells(page: Page, way: Arrangement, ratio: float) -> list[Slot]:
    """The frame box (x, y, w, h) of each slot on a page, with its memo area if any."""
    area_w = page.inner_width
    area_h = page.inner_height - HEADER - 2  # a little slack so a sheet never spills over
    cell_w = (area_w - GAP * (way.columns - 1)) / way.columns
    cell_h = (area_h - GAP * (way.rows - 1)) / way.rows
    slot_w = cell_w * MEMO_SHARE if way.memo else cell_w
    width, height = _fit(slot_w, cell_h, ratio)
    slots: list[Slot] = []
    for row in range(way.rows):
        for column in range(way.columns):
            left = column * (cell_w + GAP)
            top = HEADER + row * (cell_h + GAP)
            x = left if way.memo else left + (cell_w - width) / 2
            y = top + (cell_h - height) / 2
            memo = None
            if way.memo:
                memo_x = x + width + GAP * 1.5
                lines = max(1, int(height // MEMO_LINE))
                memo = Memo(memo_x, y, left + cell_w - memo_x, lines * MEMO_LINE, lines)
            slots.append((memo, (x, y, width, height)))
    return slots


def plan_sheets(decks: tuple[Deck, ...], *, per_page: int, paper: str) -> tuple[Sheet, ...]:
    """Every slide of every deck, in order, ``per_page`` to a page."""
    way = ARRANGEMENTS.get(per_page, ARRANGEMENTS[3])
    page = paper_size(paper, landscape=way.landscape, margins=14 * MM)
    items = [
        (deck, slide, number) for deck in decks for number, slide in enumerate(deck.slides, start=1)
    ]
    if not items:
        return ()
    geometry = decks[0].geometry
    slots = _cells(page, way, geometry.slide_width / geometry.slide_height)
    per = len(slots)
    sheets = []
    for start in range(0, len(items), per):
        frames, memos = [], []
        chunk = items[start : start + per]
        for (deck, slide, number), (memo, box) in zip(chunk, slots, strict=False):
            ratio = deck.geometry.slide_width / deck.geometry.slide_height
            width, height = _fit(box[2], box[3], ratio)
            frames.append(Frame(deck, slide, number, box[0], box[1], width, height, number == 1))
            if memo is not None:
                memos.append(memo)
        sheets.append(Sheet(page, tuple(frames), tuple(memos), page.inner_height - 2))
    return tuple(sheets)
