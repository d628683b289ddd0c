"""The session model: what a notes file says, independent of any output.

Frozen dataclasses only; no I/O and no third-party imports. The parser
builds these values, the planner and the renderers read them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

# --- inline content -----------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """Plain text."""

    text: str


@dataclass(frozen=True)
class Code:
    """Inline code, shown in a monospace face."""

    text: str


@dataclass(frozen=True)
class Break:
    """A hard line break (two trailing spaces, a backslash, or ``<br>``)."""


@dataclass(frozen=True)
class Strong:
    """Strong emphasis (``**text**``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Emph:
    """Emphasis (``*text*``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Strike:
    """Struck-through text (``~~text~~``)."""

    children: tuple[Inline, ...]


@dataclass(frozen=True)
class Link:
    """A hyperlink; ``children`` is the visible text."""

    href: str
    children: tuple[Inline, ...]


Inline: TypeAlias = Text | Code | Break | Strong | Emph | Strike | Link
Inlines: TypeAlias = tuple[Inline, ...]


def plain_text(inlines: Inlines) -> str:
    """The visible text of ``inlines``; a break becomes a newline."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            parts.append(node.text)
        elif isinstance(node, Break):
            parts.append("\n")
        else:
            parts.append(plain_text(node.children))
    return "".join(parts)


def links_in(inlines: Inlines) -> tuple[Link, ...]:
    """Every link in ``inlines``, in reading order."""
    found: list[Link] = []
    for node in inlines:
        if isinstance(node, Link):
            found.append(node)
        elif isinstance(node, (Strong, Emph, Strike)):
            found.extend(links_in(node.children))
    return tuple(found)


# --- blocks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline text."""

    inlines: Inlines
    line: int


@dataclass(frozen=True)
class Heading:
    """A heading inside a session (H3 and deeper): it titles the slides after it."""

    inlines: Inlines
    level: int
    line: int


@dataclass(frozen=True)
class ListItem:
    """One bullet: its own text, then any nested blocks (usually a sub-list)."""

    inlines: Inlines
    children: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class BulletList:
    """A bulleted or numbered list."""

    items: tuple[ListItem, ...]
    line: int
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class CodeBlock:
    """A fenced or indented code block, with its language if given."""

    code: str
    language: str
    line: int


Align: TypeAlias = Literal["left", "center", "right", ""]


@dataclass(frozen=True)
class Table:
    """A pipe table: header cells, rows and column alignments."""

    header: tuple[Inlines, ...]
    rows: tuple[tuple[Inlines, ...], ...]
    aligns: tuple[Align, ...]
    line: int


@dataclass(frozen=True)
class Image:
    """A picture. ``src`` is as written in the notes; resolving it is the renderers' job."""

    src: str
    alt: str
    title: str
    line: int


@dataclass(frozen=True)
class Quote:
    """A block quote (``> text``)."""

    children: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Notes:
    """Speaker notes from a ``::: notes`` fence: the deck's notes page, not the slide."""

    children: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class SlideBreak:
    """A ``---`` inside a session: the next content starts a new slide."""

    line: int


Block: TypeAlias = (
    Paragraph | Heading | BulletList | CodeBlock | Table | Image | Quote | Notes | SlideBreak
)


def walk(blocks: Iterable[Block]) -> Iterator[Block]:
    """Every block of ``blocks`` and every block inside them (in list items, quotes and
    speaker notes), in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, BulletList):
            for item in block.items:
                yield from walk(item.children)
        elif isinstance(block, (Quote, Notes)):
            yield from walk(block.children)


# --- sessions and the event ---------------------------------------------------------


@dataclass(frozen=True)
class Speaker:
    """Who gave a talk, as far as the notes say."""

    name: str
    handle: str = ""
    affiliation: str = ""
    url: str = ""

    @property
    def display(self) -> str:
        """``Name (@handle, Org)`` with whatever parts are known."""
        extra = ", ".join(p for p in (self.handle, self.affiliation) if p and p != self.name)
        if not self.name:
            return extra
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True)
class Session:
    """One talk (or one section of the notes that is not a talk)."""

    number: int
    title: str
    line: int
    blocks: tuple[Block, ...] = ()
    category: str = ""
    duration_minutes: int | None = None
    time_range: tuple[str, str] | None = None
    speakers: tuple[Speaker, ...] = ()
    group: str = ""
    title_link: str = ""
    is_talk: bool = True


@dataclass(frozen=True)
class Event:
    """A whole notes file: the event, its intro, and its sessions."""

    title: str
    source: str
    sessions: tuple[Session, ...] = ()
    intro: tuple[Block, ...] = ()
    subtitle: str = ""
    date: str = ""
    author: str = ""
    lang: str = "ja"
    settings: tuple[tuple[str, object], ...] = field(default=())

    @property
    def blocks(self) -> tuple[Block, ...]:
        """The intro's blocks, then each session's (the blocks inside them: :func:`walk`)."""
        return (*self.intro, *(block for session in self.sessions for block in session.blocks))

    @property
    def total_minutes(self) -> int:
        """Sum of the known session durations."""
        return sum(s.duration_minutes or 0 for s in self.sessions)

    def talk_numbers(self) -> dict[int, int]:
        """Each talk's number as printed, counting the talks only (a section that is not
        a talk, such as a lunch break, takes none), by its session's :attr:`Session.number`."""
        talks = (s for s in self.sessions if s.is_talk)
        return {session.number: place for place, session in enumerate(talks, start=1)}

    def setting(self, key: str, default: object = None) -> object:
        """A build setting given in the front matter, or ``default``."""
        return dict(self.settings).get(key, default)
