"""A session's blocks, flattened into the entries the planner lays out.

Each entry is one paragraph (a bullet at its level, a paragraph at level 0,
a quoted line), a code block, a table or a picture, together with the bullets
it sits under (repeated, muted, when a slide continues) and any speaker notes
that follow it. Headings and slide breaks cut the entries into sections.
Pure: model values in, entry values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TypeAlias

from .images import ImageInfo
from .layout import Style, TextLine
from .measure import styled, text_length
from .model import (
    Block,
    Break,
    BulletList,
    Code,
    CodeBlock,
    Heading,
    Image,
    Inline,
    Inlines,
    Notes,
    Paragraph,
    Quote,
    Session,
    SlideBreak,
    Table,
    Text,
    plain_text,
)


@dataclass(frozen=True)
class TextEntry:
    """One line of text to place on a slide, with the lines it sits under."""

    line: TextLine
    ancestors: tuple[TextLine, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.ancestors)


@dataclass(frozen=True)
class CodeEntry:
    """A code block (or a piece of one) to place on a slide."""

    code: str
    language: str
    ancestors: tuple[TextLine, ...] = ()
    notes: tuple[str, ...] = ()
    size: float | None = None  # fixed once a block is split, so its pieces match

    @property
    def depth(self) -> int:
        return len(self.ancestors)


@dataclass(frozen=True)
class TableEntry:
    """A table (or some of its rows) to place on a slide."""

    table: Table
    ancestors: tuple[TextLine, ...] = ()
    notes: tuple[str, ...] = ()
    continued: bool = False  # rows carried over from the previous slide
    size: float | None = None  # fixed once a table is split, with its column widths
    widths: tuple[float, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.ancestors)


@dataclass(frozen=True)
class ImageEntry:
    """A picture to place on a slide, with its size in pixels."""

    path: str
    alt: str
    pixels: tuple[int, int]
    ancestors: tuple[TextLine, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def depth(self) -> int:
        return len(self.ancestors)


Entry: TypeAlias = TextEntry | CodeEntry | TableEntry | ImageEntry


@dataclass(frozen=True)
class Section:
    """Entries under one title: the session title, an H3, or what follows a ``---``."""

    title: str
    entries: tuple[Entry, ...]
    notes: tuple[str, ...] = ()  # notes with no entry to follow (an empty section)
    titled: bool = False  # starts at a heading: shown even when it has no entries


def sections(session: Session, images: Mapping[str, ImageInfo], style: Style) -> list[Section]:
    """Cut a session's blocks at headings and slide breaks; drop empty untitled sections."""
    found: list[Section] = []
    title, titled = session.title, False
    pending: list[Block] = []

    def close() -> None:
        entries, notes = flatten(pending, images, style)
        if entries or notes or titled:
            found.append(Section(title, entries, notes, titled))
        pending.clear()

    for block in session.blocks:
        if isinstance(block, Heading):
            close()
            title, titled = plain_text(block.inlines).strip() or session.title, True
        elif isinstance(block, SlideBreak):
            close()
            titled = False
        else:
            pending.append(block)
    close()
    return found


def flatten(
    blocks: Iterable[Block], images: Mapping[str, ImageInfo], style: Style
) -> tuple[tuple[Entry, ...], tuple[str, ...]]:
    """Entries of ``blocks`` in reading order; notes attach to the entry before them.

    Returns the entries and the notes that had no entry before them and none
    after (an otherwise empty section keeps them).
    """
    entries: list[Entry] = []
    waiting: list[str] = []
    for entry in _entries(blocks, images, style, (), False):
        if isinstance(entry, str):
            if entries:
                last = entries[-1]
                entries[-1] = replace(last, notes=(*last.notes, entry))
            else:
                waiting.append(entry)
            continue
        if waiting:
            entry = replace(entry, notes=(*waiting, *entry.notes))
            waiting.clear()
        entries.append(entry)
    return tuple(entries), tuple(waiting)


def _entries(
    blocks: Iterable[Block],
    images: Mapping[str, ImageInfo],
    style: Style,
    ancestors: tuple[TextLine, ...],
    quote: bool,
) -> Iterable[Entry | str]:
    level = len(ancestors)
    for block in blocks:
        if isinstance(block, Paragraph):
            line = TextLine(
                block.inlines, level, style.body_size(level), quote=quote, continued=level > 0
            )
            yield TextEntry(line, ancestors)
        elif isinstance(block, BulletList):
            yield from _list_entries(block, images, style, ancestors, quote)
        elif isinstance(block, CodeBlock):
            yield CodeEntry(block.code.rstrip("\n"), block.language, ancestors)
        elif isinstance(block, Table):
            yield TableEntry(block, ancestors)
        elif isinstance(block, Image):
            yield _image_entry(block, images, style, ancestors)
        elif isinstance(block, Quote):
            yield from _entries(block.children, images, style, ancestors, True)
        elif isinstance(block, Notes):
            text = notes_text(block.children)
            if text:
                yield text
        elif isinstance(block, Heading):  # a heading nested in a list or quote: keep its text
            yield TextEntry(TextLine(block.inlines, level, style.body_size(level)), ancestors)


def _list_entries(
    block: BulletList,
    images: Mapping[str, ImageInfo],
    style: Style,
    ancestors: tuple[TextLine, ...],
    quote: bool,
) -> Iterable[Entry | str]:
    level = len(ancestors) + 1
    for offset, item in enumerate(block.items):
        number = block.start + offset if block.ordered else None
        line = TextLine(item.inlines, level, style.body_size(level), number=number, quote=quote)
        yield TextEntry(line, ancestors)
        yield from _entries(item.children, images, style, (*ancestors, line), quote)


def _image_entry(
    block: Image, images: Mapping[str, ImageInfo], style: Style, ancestors: tuple[TextLine, ...]
) -> Entry:
    info = images.get(block.src)
    if info is not None:
        return ImageEntry(str(info.path), block.alt, (info.width, info.height), ancestors)
    name = block.alt or block.title or PurePosixPath(block.src).name or block.src
    level = len(ancestors)
    line = TextLine((Text(f"[{name}]"),), level, style.body_size(level), continued=level > 0)
    return TextEntry(line, ancestors)


def notes_text(blocks: Iterable[Block], depth: int = 0) -> str:
    """Speaker notes as plain text: paragraphs, ``- `` bullets indented by two spaces."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            out.append(plain_text(block.inlines).strip())
        elif isinstance(block, BulletList):
            for item in block.items:
                out.append("  " * depth + "- " + plain_text(item.inlines).strip())
                nested = notes_text(item.children, depth + 1)
                if nested:
                    out.append(nested)
        elif isinstance(block, CodeBlock):
            out.append(block.code.rstrip("\n"))
        elif isinstance(block, (Quote, Notes)):
            out.append(notes_text(block.children, depth))
        elif isinstance(block, Image):
            out.append(f"[{block.alt or block.src}]")
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                out.append(" | ".join(plain_text(cell).strip() for cell in row))
    return "\n".join(part for part in out if part)


# --- cutting inline text ------------------------------------------------------------


def split_inlines(inlines: Inlines, offset: int) -> tuple[Inlines, Inlines]:
    """``inlines`` cut at ``offset`` of their plain text, formatting kept on both sides."""
    head: list[Inline] = []
    tail: list[Inline] = []
    position = 0
    for node in inlines:
        length = text_length((node,))
        if position + length <= offset:
            head.append(node)
        elif position >= offset:
            tail.append(node)
        else:
            left, right = _split_node(node, offset - position)
            head.extend(left)
            tail.extend(right)
        position += length
    return tuple(head), tuple(tail)


def _split_node(node: Inline, offset: int) -> tuple[Inlines, Inlines]:
    if isinstance(node, Text):
        return (Text(node.text[:offset]),), (Text(node.text[offset:]),)
    if isinstance(node, Code):
        return (Code(node.text[:offset]),), (Code(node.text[offset:]),)
    if isinstance(node, Break):  # one character long: never cut inside
        return (node,), ()
    left, right = split_inlines(node.children, offset)
    return (replace(node, children=left),), (replace(node, children=right),)


def strip_inlines(inlines: Inlines) -> Inlines:
    """``inlines`` without spaces at the very start and end."""
    total = text_length(inlines)
    head = styled(inlines, limit=64).text
    start = len(head) - len(head.lstrip())
    if start == len(head) < total:  # more than 64 spaces in a row: look at all of it
        return _strip_all(inlines)
    tail = plain_text(split_inlines(inlines, max(total - 64, 0))[1])
    end = total - (len(tail) - len(tail.rstrip()))
    if end <= start:
        return _strip_all(inlines)
    if start == 0 and end == total:
        return inlines
    head_part, _ = split_inlines(inlines, end)
    _, middle = split_inlines(head_part, start)
    return middle


def _strip_all(inlines: Inlines) -> Inlines:
    text = plain_text(inlines)
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if end <= start:
        return ()
    head, _ = split_inlines(inlines, end)
    return split_inlines(head, start)[1]
