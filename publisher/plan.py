"""Session → Deck: which slides a talk becomes, measured so that every word fits.

One deck per session: a title slide (title, category, duration, speakers,
event and date), then the content. A heading inside a session titles the
slides after it; ``---`` starts a new slide. Content that fits one slide stays
one slide under the session (or heading) title. Otherwise every top-level
bullet that reads as a title (one line, no link) and has at least two lines
(or a code block, table or picture) under it becomes a slide of its own,
titled by that bullet, and the other entries are grouped under the section's
title; each group then continues on as many slides as it needs (see
:mod:`publisher.paginate`), titled "…（続き）" or "… (cont.)", and so does the
section's title when its entries go on after a bullet's slide.

Pure: model values, the template's geometry and a measurer in; a
:class:`publisher.layout.Deck` out, drawn alike by the .pptx renderer and
the printed slide handout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .config import Config
from .entries import Entry, Section, TextEntry, sections
from .images import ImageInfo
from .labels import label_lang, labels_for, minutes_label, parenthesised
from .layout import Box, Deck, Geometry, Slide, Style
from .measure import BOLD, REGULAR, Measurer, Styled
from .model import Event, Session, links_in, plain_text
from .paginate import Paginator

MIN_CHILDREN = 2  # lines under a top-level bullet for it to title a slide of its own


def style_from_config(config: Config) -> Style:
    """The deck style with the fonts and colours a build's settings choose."""
    return Style(
        font_latin=config.font_latin,
        font_ja=config.font_ja,
        font_mono=config.font_mono,
        accent_color=config.accent_color,
        text_color=config.text_color,
    )


def plan_decks(
    event: Event,
    *,
    geometry: Geometry,
    style: Style,
    images: Mapping[str, ImageInfo],
    measurer: Measurer,
) -> tuple[Deck, ...]:
    """One deck per session of ``event``, in order."""
    return tuple(
        plan_deck(event, session, geometry=geometry, style=style, images=images, measurer=measurer)
        for session in event.sessions
    )


def plan_deck(
    event: Event,
    session: Session,
    *,
    geometry: Geometry,
    style: Style,
    images: Mapping[str, ImageInfo],
    measurer: Measurer,
) -> Deck:
    """The slides of one session: a title slide, then its content, paginated."""
    lang = label_lang(event.lang)
    titles = Titles(measurer, style, geometry, lang)
    paginator = Paginator(measurer, style, geometry.body)
    slides = [title_slide(event, session, titles)]
    for section in sections(session, images, style):
        slides.extend(_section_slides(section, paginator, titles))
    footer = ""
    if geometry.footer is not None:
        width = (geometry.footer.width - 2 * style.inset_x) * (1 - style.fit_margin)
        footer = measurer.truncate(session.title, style.footer_size, width)
    return Deck(session, tuple(slides), geometry, style, event.title, lang, footer, event.date)


# --- titles -------------------------------------------------------------------------


class Titles:
    """Fits titles to the title boxes: shrink to the floor, then wrap, then shorten."""

    def __init__(self, measurer: Measurer, style: Style, geometry: Geometry, lang: str) -> None:
        self.measurer = measurer
        self.style = style
        self.geometry = geometry
        self.lang = lang
        self.face = BOLD if style.title_bold else REGULAR

    def content(self, text: str, continued: bool = False) -> tuple[str, float, bool]:
        """A content slide's title, its size, and whether it had to be shortened."""
        suffix = labels_for(self.lang)["continued"] if continued else ""
        style = self.style
        return self.fit(
            text, self.geometry.title, style.title_size, style.title_min_size, suffix=suffix
        )

    def fits_one_line(self, text: str, continued: bool = False) -> bool:
        """Whether ``text`` is a content slide's title on one line, at the smallest size."""
        suffix = labels_for(self.lang)["continued"] if continued else ""
        whole = Styled.plain(text + suffix, self.face)
        width = self._room(self.geometry.title)
        return self.measurer.count_lines(whole, self.style.title_min_size, width) == 1

    def _room(self, box: Box) -> float:
        """The width a title's text is measured in: the box, less its insets and margin."""
        return (box.width - 2 * self.style.inset_x) * (1 - self.style.fit_margin)

    def cover(self, text: str) -> tuple[str, float, bool]:
        """The title slide's title: it sits on the bottom of its box, above the descent room."""
        style = self.style
        box = self.geometry.cover_title
        room = replace(box, height=box.height - style.descent * style.cover_title_size)
        return self.fit(text, room, style.cover_title_size, style.title_min_size, wrap_early=True)

    def fit(
        self,
        text: str,
        box: Box,
        largest: float,
        smallest: float,
        *,
        wrap_early: bool = False,
        suffix: str = "",
    ) -> tuple[str, float, bool]:
        width = self._room(box)
        height = box.height - 2 * self.style.inset_y
        spacing = self.style.line_spacing
        smallest = min(smallest, max(height / spacing, 8.0))
        whole = Styled.plain(text + suffix, self.face)
        size = largest
        while size >= smallest:
            room = int(height // (size * spacing))
            count = self.measurer.count_lines(whole, size, width)
            if room >= 1 and (count == 1 or (wrap_early and count <= room)):
                return text + suffix, size, False
            size = smallest if size - 2 < smallest < size else size - 2
        size = smallest
        room = max(int(height // (size * spacing)), 1)
        if self.measurer.count_lines(whole, size, width) <= room:
            return text + suffix, size, False
        short = self.measurer.truncate(text, size, width, room, face=self.face, suffix=suffix)
        return short, size, True


# --- the title slide ----------------------------------------------------------------


def info_lines(event: Event, session: Session, lang: str) -> tuple[str, ...]:
    """Category, duration, speakers, event and date, with labels in the deck's language."""
    words = labels_for(lang)
    lines: list[tuple[str, str]] = []
    if session.category:
        lines.append(("category", session.category))
    duration = _duration(session, lang)
    if duration:
        lines.append(("duration", duration))
    speakers = [s.display for s in session.speakers if s.display]
    if speakers:
        lines.append(("speakers" if len(speakers) > 1 else "speaker", words["and"].join(speakers)))
    happening = " / ".join(x for x in (event.title, session.group) if x)
    if happening:
        lines.append(("event", happening))
    if event.date:
        lines.append(("date", event.date))
    return tuple(f"{words[key]}{words['sep']}{value}" for key, value in lines)


def _duration(session: Session, lang: str) -> str:
    length = minutes_label(session.duration_minutes or None, lang, hours=False)
    if session.time_range is None:
        return length
    span = "–".join(session.time_range)
    return parenthesised(span, length, lang) if length else span


def title_slide(event: Event, session: Session, titles: Titles) -> Slide:
    """The first slide: the session title and what is known about the talk.

    What does not fit (a title shortened with "…", info lines beyond the
    box) is kept in the slide's notes, so nothing is lost.
    """
    style, box = titles.style, titles.geometry.cover_subtitle
    text, size, cut = titles.cover(session.title)
    notes = [session.title] if cut else []
    lines = list(info_lines(event, session, titles.lang))
    width = (box.width - 2 * style.inset_x) * (1 - style.fit_margin)
    height = box.height - 2 * style.inset_y
    info_size = style.info_size
    moved = len(notes)  # lines that do not fit go to the notes, after the title, in order
    while lines and _info_height(titles.measurer, lines, info_size, width, style) > height:
        if info_size > style.body_min_size:
            info_size = max(info_size - 1, style.body_min_size)
        else:
            notes.insert(moved, lines.pop())
    return Slide(
        "title", text, size, notes="\n".join(notes), info=tuple(lines), info_size=info_size
    )


def _info_height(
    measurer: Measurer, lines: Sequence[str], size: float, width: float, style: Style
) -> float:
    count = sum(measurer.count_lines(Styled.plain(x), size, width) for x in lines)
    return count * size * style.line_spacing + len(lines) * style.space_before[1]


# --- content slides -----------------------------------------------------------------


def _section_slides(section: Section, paginator: Paginator, titles: Titles) -> list[Slide]:
    if not section.entries:
        text, size, _ = titles.content(section.title)
        return [Slide("content", text, size, notes="\n\n".join(section.notes))]
    pages = paginator.paginate(section.entries)
    groups = [(section.title, pages)]
    regrouped = _regroup(section, titles, paginator.style) if len(pages) > 1 else []
    if len(regrouped) > 1 or (regrouped and regrouped[0][0] != section.title):
        groups = [(title, paginator.paginate(entries)) for title, entries in regrouped]
        if section.titled and all(title != section.title for title, _ in groups):
            groups.insert(0, (section.title, []))  # the heading keeps a slide of its own
    slides: list[Slide] = []
    shown = False  # the section's own title already on a slide (its bullets between groups)
    for title, group_pages in groups:
        if not group_pages:
            text, size, _ = titles.content(title)
            slides.append(Slide("content", text, size, notes="\n\n".join(section.notes)))
        for index, page in enumerate(group_pages):
            continued = index > 0 or (shown and title == section.title)
            text, size, _ = titles.content(title, continued=continued)
            notes = page.notes
            if not slides and section.notes:
                notes = (*section.notes, *notes)
            slides.append(
                Slide("content", text, size, page.parts, "\n\n".join(notes), continued=continued)
            )
        shown = shown or title == section.title
    return slides


def _regroup(section: Section, titles: Titles, style: Style) -> list[tuple[str, list[Entry]]]:
    """A slide group per top-level bullet with children; the rest grouped in between."""
    groups: list[tuple[str, list[Entry]]] = []
    loose: list[Entry] = []
    entries = section.entries
    start = 0
    while start < len(entries):
        end = start + 1
        while end < len(entries) and entries[end].depth > 0:
            end += 1
        head, children = entries[start], entries[start + 1 : end]
        title = _bullet_title(head, titles) if _enough_for_a_slide(children) else None
        if title is None:
            loose.extend(entries[start:end])
        else:
            if loose:
                groups.append((section.title, loose))
                loose = []
            lifted = [_lift(child, style) for child in children]
            lifted[0] = replace(lifted[0], notes=(*head.notes, *lifted[0].notes))
            groups.append((title, lifted))
        start = end
    if loose:
        groups.append((section.title, loose))
    return groups


def _enough_for_a_slide(children: Sequence[Entry]) -> bool:
    """Whether what is under a top-level bullet deserves a slide of its own: two lines or
    more, or a code block, table or picture (one remark is kept with its bullet)."""
    return len(children) >= MIN_CHILDREN or any(
        not isinstance(child, TextEntry) for child in children
    )


def _bullet_title(entry: Entry, titles: Titles) -> str | None:
    """The title a top-level bullet gives its slide; None when it should stay a bullet."""
    if not isinstance(entry, TextEntry) or entry.line.level != 1 or entry.line.quote:
        return None
    if links_in(entry.line.inlines):
        return None  # a link keeps its address only as a bullet
    text = " ".join(plain_text(entry.line.inlines).split())
    if entry.line.number is not None:
        text = f"{entry.line.number}. {text}"
    if not text or not titles.fits_one_line(text, continued=True):
        return None  # a sentence, not a title: it stays a bullet
    return text


def _lift(entry: Entry, style: Style) -> Entry:
    """An entry one level up: its top-level parent has become the slide title."""
    ancestors = tuple(
        replace(a, level=a.level - 1, size=style.body_size(a.level - 1))
        for a in entry.ancestors[1:]
    )
    if isinstance(entry, TextEntry):
        level = entry.line.level - 1
        line = replace(entry.line, level=level, size=style.body_size(level))
        return replace(entry, line=line, ancestors=ancestors)
    return replace(entry, ancestors=ancestors)
