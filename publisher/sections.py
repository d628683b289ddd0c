"""Top-level parts (blocks between heading marks) → the intro and the sessions.

Headings above the talk level are the event title (a single leading one) or
groups (days, tracks) that sessions remember. A group heading with text of
its own, or with no talks under it, becomes a session of its own, so nothing
written is lost. Headings below the talk level title the slides after them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .blocks import HeadingMark, Part, SpeakerMark
from .conventions import is_break, is_talk, read_heading
from .diagnostics import Diagnostic
from .model import (
    Block,
    BulletList,
    Heading,
    Image,
    Inlines,
    Paragraph,
    Session,
    SlideBreak,
    Speaker,
    links_in,
    plain_text,
)
from .outline import Outline
from .speakers import speaker_line


@dataclass
class _Draft:
    """A heading's section while the outline is read: what it holds so far."""

    mark: HeadingMark
    group: str
    from_group: bool = False
    holds_talks: bool = False
    blocks: list[Block] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)


@dataclass
class Sections:
    """What the parts say: the intro, the title heading, the sessions."""

    intro: list[Block]
    title_mark: HeadingMark | None
    sessions: list[Session]


def _holds_talks(marks: Sequence[HeadingMark], level: int) -> list[bool]:
    """For each mark: does a talk heading follow before the next heading at its level?"""
    holds = [False] * len(marks)
    open_groups: list[int] = []
    for index, mark in enumerate(marks):
        while open_groups and marks[open_groups[-1]].level >= mark.level:
            open_groups.pop()
        if mark.level == level:
            for group in open_groups:
                holds[group] = True
        open_groups.append(index)
    return holds


def _drafts(
    parts: Sequence[Part], outline: Outline
) -> tuple[list[Block], HeadingMark | None, list[_Draft]]:
    level = outline.session_level
    marks = [p for p in parts if isinstance(p, HeadingMark)]
    holds = _holds_talks(marks, level)
    intro: list[Block] = []
    drafts: list[_Draft] = []
    groups: list[tuple[int, str]] = []
    title_mark: HeadingMark | None = None
    current: _Draft | None = None
    count = -1
    for part in parts:
        if isinstance(part, HeadingMark):
            count += 1
            text = plain_text(part.inlines).strip()
            if count == outline.title_index:
                title_mark, current = part, None
                intro.extend(part.images)
                continue
            if part.level > level:
                target = current.blocks if current else intro
                target.append(Heading(part.inlines, part.level, part.line))
                target.extend(part.images)
                continue
            if part.level < level:
                while groups and groups[-1][0] >= part.level:
                    groups.pop()
                groups.append((part.level, text))
            group = groups[-1][1] if groups else ""
            current = _Draft(part, group, part.level < level, holds[count], list(part.images))
            drafts.append(current)
        elif isinstance(part, SpeakerMark):
            if current is not None and all(isinstance(b, Image) for b in current.blocks):
                current.speakers.extend(part.speakers)
            else:
                (current.blocks if current else intro).append(Paragraph(part.inlines, part.line))
        elif current is not None:
            current.blocks.append(part)
        elif not isinstance(part, SlideBreak):
            intro.append(part)
    kept = [d for d in drafts if not d.from_group or d.blocks or not d.holds_talks]
    return intro, title_mark, kept


def _first_bullet_speakers(blocks: list[Block]) -> tuple[list[Block], tuple[Speaker, ...]]:
    """``- speaker: Name`` as the first bullet: taken out of the list."""
    first = blocks[0] if blocks else None
    if not isinstance(first, BulletList) or not first.items or first.items[0].children:
        return blocks, ()
    item = first.items[0]
    links = [(plain_text(link.children), link.href) for link in links_in(item.inlines)]
    speakers = speaker_line(plain_text(item.inlines), links)
    if not speakers:
        return blocks, ()
    rest = first.items[1:]
    remaining = [BulletList(rest, rest[0].line, first.ordered, first.start)] if rest else []
    return remaining + blocks[1:], speakers


def _title_link(inlines: Inlines, title: str) -> str:
    """The target of the heading's one link, when that link is the whole title.

    ``## [Keynote](url)`` and ``## 【[Keynote](url)】40min`` link the title;
    ``## Keynote by [@ann](url)`` links a speaker, and a blog's link on one word
    of a title (``## Android [Jetpack](url)``) links that word, not the talk.
    """
    links = links_in(inlines)
    if len(links) != 1:
        return ""
    return links[0].href if plain_text(links[0].children).strip() == title else ""


def _session(draft: _Draft, number: int, path: str, problems: list[Diagnostic]) -> Session:
    written = plain_text(draft.mark.inlines).strip()
    info = read_heading(written)
    title = info.title
    if not title:
        title = f"Session {number}"
        message = f"this heading has no text; the session is called '{title}'"
        problems.append(Diagnostic(path, draft.mark.line, "warning", message))
    blocks = draft.blocks
    speakers = info.speakers + tuple(draft.speakers)
    if not speakers and not draft.from_group:
        blocks, speakers = _first_bullet_speakers(blocks)
    # A category or a speaker makes a talk of a heading that reads like one that is not
    # ("【基調講演】Welcome").
    talk = not draft.from_group and (is_talk(title) or bool(info.category or speakers))
    if not blocks and not is_break(title):  # an empty "Lunch" marks a break on purpose
        message = "session has no content: only its title is shown; write notes under the heading"
        problems.append(Diagnostic(path, draft.mark.line, "warning", message))
    return Session(
        number=number,
        title=title,
        line=draft.mark.line,
        blocks=tuple(blocks),
        category=info.category,
        duration_minutes=info.duration_minutes,
        time_range=info.time_range,
        speakers=speakers,
        group=draft.group,
        title_link=_title_link(draft.mark.inlines, title),
        is_talk=talk,
    )


def _duplicates(sessions: Sequence[Session], path: str) -> list[Diagnostic]:
    seen: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for session in sessions:
        key = session.title.casefold()
        if key in seen:
            message = f"another session has the same title '{session.title}' (line {seen[key]})"
            problems.append(Diagnostic(path, session.line, "note", message))
        else:
            seen[key] = session.line
    return problems


def build_sections(
    parts: Sequence[Part], outline: Outline, path: str, problems: list[Diagnostic]
) -> Sections:
    """Split the top-level parts into the intro and numbered sessions."""
    intro, title_mark, drafts = _drafts(parts, outline)
    sessions = [_session(d, n, path, problems) for n, d in enumerate(drafts, start=1)]
    problems.extend(_duplicates(sessions, path))
    return Sections(intro, title_mark, sessions)


def single_session(parts: Sequence[Part], title: str) -> Session:
    """Notes without headings: everything in one session named after the event."""
    blocks: list[Block] = []
    for part in parts:
        if isinstance(part, SpeakerMark):
            blocks.append(Paragraph(part.inlines, part.line))
        elif not isinstance(part, HeadingMark):
            blocks.append(part)
    line = blocks[0].line if blocks else 1
    return Session(number=1, title=title, line=line, blocks=tuple(blocks))
