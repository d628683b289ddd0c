"""markdown-it block tokens → model blocks, in one pass over a stack (no recursion).

Top-level headings are returned as ``HeadingMark`` values between the blocks:
``parse.py`` decides which are the event title, groups, sessions or slide
titles. Everything nested (lists, quotes, notes) is finished here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from .diagnostics import Diagnostic
from .inlines import Lines, html_tag, join_lines, read_inline
from .lists import (
    ItemDraft,
    cap_depth,
    marker_columns,
    nest_over_indented,
    pseudo_list,
    split_pseudo,
)
from .model import (
    Align,
    Block,
    BulletList,
    CodeBlock,
    Heading,
    Image,
    Inline,
    Inlines,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    SlideBreak,
    Speaker,
    Strong,
    Table,
    Text,
    links_in,
    plain_text,
)
from .speakers import MAX_LINE as MAX_SPEAKER_LINE
from .speakers import speaker_line

MAX_LIST_DEPTH = 60  # over-indented items are not nested deeper than this
# No list deeper than this at all, however it came to be (Markdown alone goes to 64).
MAX_MODEL_DEPTH = 64
MAX_BOLD_HEADING = 80  # a bold line longer than this is emphasis, not a heading
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_ALIGNS: dict[str, Align] = {"left": "left", "center": "center", "right": "right"}


@dataclass(frozen=True)
class HeadingMark:
    """A top-level heading, before it is known what it heads."""

    level: int
    inlines: Inlines
    line: int
    images: tuple[Image, ...] = ()


@dataclass(frozen=True)
class SpeakerMark:
    """A speaker line right under a top-level heading (``発表者: Name``), taken out
    of the paragraph. ``inlines`` is the line itself, for when it heads no talk."""

    speakers: tuple[Speaker, ...]
    inlines: Inlines
    line: int


Part = Block | HeadingMark | SpeakerMark


@dataclass
class _Frame:
    """An open container while the block tokens are read: its blocks so far."""

    kind: str  # root, list, item, quote, notes, div
    line: int
    blocks: list[Part] = field(default_factory=list)
    ordered: bool = False
    start: int = 1
    drafts: list[ItemDraft] = field(default_factory=list)
    text: Lines | None = None
    row: int = -1
    col: int | None = None
    content_col: int = 0
    number: int | None = None
    pseudo_tail: bool = False  # the last block is a list made of ・ lines
    after_heading: bool = False  # the last part is a HeadingMark


class BlockReader:
    """Reads a token stream into blocks; problems go to ``diagnostics``."""

    def __init__(
        self, source: Sequence[str], path: str, diagnostics: list[Diagnostic], subheading: int
    ) -> None:
        self.source = source
        self.path = path
        self.diagnostics = diagnostics
        self.subheading = subheading
        self.stack = [_Frame("root", 1)]

    def read(self, tokens: Sequence[Token]) -> list[Part]:
        index = 0
        while index < len(tokens):
            index = self._step(tokens, index)
        while len(self.stack) > 1:
            self._close(self.stack[-1].kind)
        return self.stack[0].blocks

    def _line(self, token: Token) -> int:
        return token.map[0] + 1 if token.map else self.stack[-1].line

    def _step(self, tokens: Sequence[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind in ("heading_open", "paragraph_open") and index + 1 < len(tokens):
            lines = read_inline(tokens[index + 1], self._line(token), self.path, self.diagnostics)
            if kind == "heading_open":
                self._heading(int(token.tag[1:] or 2), lines, self._line(token))
            else:
                self._paragraph(lines, self._line(token))
            return index + 3
        if kind == "table_open":
            return self._table(tokens, index)
        if kind.endswith("_open") and token.nesting == 1:
            self._open(token)
        elif kind.endswith("_close") and token.nesting == -1:
            self._close(_FRAME_KINDS.get(kind[: -len("_close")], ""))
        elif kind in ("fence", "code_block"):
            self._code(token)
        elif kind == "hr":
            if self.stack[-1].kind == "root":
                self._add(SlideBreak(self._line(token)))
        elif kind == "html_block":
            self._html_block(token)
        return index + 1

    # --- containers -----------------------------------------------------------------

    def _open(self, token: Token) -> None:
        kind = _FRAME_KINDS.get(token.type[: -len("_open")])
        if kind is None:
            return
        frame = _Frame(kind, self._line(token))
        if kind == "list":
            frame.ordered = token.type.startswith("ordered")
            start = token.attrGet("start")
            frame.start = (
                int(start) if isinstance(start, (int, str)) and str(start).isdigit() else 1
            )
        elif kind == "item":
            self._place_item(frame, token)
        elif kind == "div" and _is_notes(token.info):
            frame.kind = "notes"
        if kind == "div":
            self._check_closed(
                token, ":::", "notes block" if frame.kind == "notes" else "::: block"
            )
        self.stack.append(frame)

    def _place_item(self, frame: _Frame, token: Token) -> None:
        frame.row = token.map[0] if token.map else -1
        parent_item = next((f for f in reversed(self.stack) if f.kind == "item"), None)
        ordered = self.stack[-1].ordered
        if 0 <= frame.row < len(self.source) and not (parent_item and parent_item.row == frame.row):
            frame.col, frame.content_col = marker_columns(self.source[frame.row], ordered)
        if ordered and token.info.isdigit():
            frame.number = int(token.info)

    def _close(self, kind: str) -> None:
        top = self.stack[-1].kind
        if len(self.stack) == 1 or (top != kind and (kind, top) != ("div", "notes")):
            return
        frame = self.stack.pop()
        blocks = [b for b in frame.blocks if not isinstance(b, (HeadingMark, SpeakerMark))]
        if frame.kind == "item":
            self._finish_item(frame, blocks)
        elif frame.kind == "list":
            depth = sum(1 for f in self.stack if f.kind == "list")
            room = max(0, MAX_LIST_DEPTH - depth)
            items = nest_over_indented(
                frame.drafts, frame.ordered, self.path, self.diagnostics, room
            )
            if items and depth == 0:
                items = self._capped(items)
            if items:
                self._add(BulletList(items, frame.line, frame.ordered, frame.start))
        elif frame.kind == "quote" and blocks:
            self._add(Quote(tuple(blocks), frame.line))
        elif frame.kind == "notes":
            self._add(Notes(tuple(blocks), frame.line))
        elif frame.kind == "div":
            for block in blocks:
                self._add(block)

    def _capped(self, items: tuple[ListItem, ...]) -> tuple[ListItem, ...]:
        """An outermost list with nothing nested deeper than ``MAX_MODEL_DEPTH``."""
        items, moved = cap_depth(items, MAX_MODEL_DEPTH)
        if moved is not None:
            message = (
                f"lists nest more than {MAX_MODEL_DEPTH} levels deep here: the deeper items "
                f"are shown at level {MAX_MODEL_DEPTH}; flatten the list"
            )
            self.diagnostics.append(Diagnostic(self.path, moved, "warning", message))
        return items

    def _finish_item(self, frame: _Frame, blocks: list[Block]) -> None:
        inlines: Inlines = ()
        if frame.text is not None:
            split = split_pseudo(frame.text, first=1)
            inlines = join_lines(split.lead, split.lead_hard)
            found = pseudo_list(split.bullets, frame.line)
            if found is not None:
                blocks.insert(0, found)
        if not inlines and not blocks:
            return
        item = ListItem(inlines, tuple(blocks), frame.line)
        parent = self.stack[-1]
        if parent.kind == "list":
            parent.drafts.append(ItemDraft(item, frame.col, frame.content_col, frame.number))

    # --- leaves ---------------------------------------------------------------------

    def _add(self, block: Part, pseudo: bool = False) -> None:
        frame = self.stack[-1]
        last = frame.blocks[-1] if frame.blocks else None
        if (
            pseudo
            and frame.pseudo_tail
            and isinstance(last, BulletList)
            and isinstance(block, BulletList)
        ):
            frame.blocks[-1] = replace(last, items=last.items + block.items)
        else:
            frame.blocks.append(block)
        frame.pseudo_tail = pseudo
        frame.after_heading = isinstance(block, HeadingMark)

    def _heading(self, level: int, lines: Lines, line: int) -> None:
        inlines = join_lines(lines.lines, lines.hard)
        if self.stack[-1].kind == "root":
            self._add(HeadingMark(level, inlines, line, tuple(lines.images)))
            return
        if inlines:
            self._add(Heading(inlines, level, line))
        for image in lines.images:
            self._add(image)

    def _paragraph(self, lines: Lines, line: int) -> None:
        frame = self.stack[-1]
        if frame.kind == "item" and frame.text is None and not frame.blocks:
            frame.text = lines
            frame.blocks.extend(lines.images)
            return
        if frame.kind == "root" and frame.after_heading and self._speaker_line(lines, line):
            lines = Lines(lines.lines[1:] or [[]], lines.hard[1:], lines.images)
            line += 1
        split = split_pseudo(lines)
        lead, lead_hard = split.lead, split.lead_hard
        text_line = line
        if frame.kind == "root" and lead:
            heading = self._bold_heading(lead[0], line)
            if heading is not None:
                self._add(heading)
                lead, lead_hard, text_line = lead[1:], lead_hard[1:], line + 1
        inlines = join_lines(lead, lead_hard)
        if inlines:
            self._add(Paragraph(inlines, text_line))
        found = pseudo_list(split.bullets, line)
        if found is not None:
            self._add(found, pseudo=True)
        for image in lines.images:
            self._add(image)

    def _speaker_line(self, lines: Lines, line: int) -> bool:
        """Take a speaker line (``発表者: Name``) off the top of a paragraph."""
        first = tuple(lines.lines[0])
        text = plain_text(first)
        if len(text) > MAX_SPEAKER_LINE:
            return False
        links = [(plain_text(link.children), link.href) for link in links_in(first)]
        speakers = speaker_line(text, links)
        if speakers:
            self._add(SpeakerMark(speakers, first, line))
        return bool(speakers)

    def _bold_heading(self, first: Sequence[Inline], line: int) -> Heading | None:
        """A first line that is only one short bold span titles what follows."""
        nodes = [n for n in first if not (isinstance(n, Text) and not n.text.strip())]
        if len(nodes) != 1 or not isinstance(nodes[0], Strong):
            return None
        text = plain_text(nodes[0].children).strip()
        if not text or len(text) > MAX_BOLD_HEADING or "\n" in text:
            return None
        return Heading(nodes[0].children, self.subheading, line)

    def _code(self, token: Token) -> None:
        code = token.content[:-1] if token.content.endswith("\n") else token.content
        language = ""
        if token.type == "fence":
            words = token.info.strip().split()
            language = words[0].strip("{}.") if words else ""
            self._check_closed(token, token.markup, "code block")
        self._add(CodeBlock(code, language, self._line(token)))

    def _check_closed(self, token: Token, markup: str, what: str) -> None:
        """Warn when a fence runs to the end of its container without a closing line."""
        if not token.map or not markup:
            return
        start, end = token.map
        closing = end - 1 if token.type == "fence" else end
        if start < closing < len(self.source):
            line = self.source[closing].lstrip(" \t>")
            if line.startswith(markup) and not line.strip().strip(markup[0]):
                return
        message = f"the {what} opened here is never closed; its content is kept up to line {end}"
        hint = f"; end it with a line '{markup}'"
        self.diagnostics.append(Diagnostic(self.path, start + 1, "warning", message + hint))

    def _html_block(self, token: Token) -> None:
        content = token.content.strip()
        line = self._line(token)
        if not content:
            return
        if content.startswith("<!--"):
            self.diagnostics.append(Diagnostic(self.path, line, "note", "HTML comment left out"))
            return
        names = list(dict.fromkeys(m.lower() for m in _OPEN_TAG.findall(content)))
        if names and all(n == "br" for n in names):
            return
        if not names and html_tag(content)[1]:
            return  # only closing tags: their opening was reported
        shown = ", ".join([f"<{n}>" for n in names if n != "br"][:4]) or "raw HTML"
        message = f"{shown} left out: slides and handouts show Markdown only"
        hint = "; use a Markdown link or picture instead"
        self.diagnostics.append(Diagnostic(self.path, line, "warning", message + hint))

    def _table(self, tokens: Sequence[Token], index: int) -> int:
        line = self._line(tokens[index])
        header: tuple[Inlines, ...] = ()
        rows: list[tuple[Inlines, ...]] = []
        aligns: list[Align] = []
        images: list[Image] = []
        row: list[Inlines] = []
        in_head = False
        index += 1
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                row = []
            elif token.type == "th_open" and in_head:
                style = str(token.attrGet("style") or "")
                aligns.append(_ALIGNS.get(style.rpartition(":")[2].strip(), ""))
            elif token.type == "inline":
                lines = read_inline(token, self._line(token), self.path, self.diagnostics)
                row.append(join_lines(lines.lines, lines.hard))
                images.extend(lines.images)
            elif token.type == "tr_close":
                if in_head:
                    header = tuple(row)
                else:
                    rows.append(tuple(row))
            index += 1
        self._add(Table(header, tuple(rows), tuple(aligns), line))
        for image in images:
            self._add(image)
        return index + 1


_FRAME_KINDS = {
    "bullet_list": "list",
    "ordered_list": "list",
    "list_item": "item",
    "blockquote": "quote",
    "container_div": "div",
}


def _is_notes(info: str) -> bool:
    words = info.strip().strip("{}").split()
    return bool(words) and words[0].lstrip(".") == "notes"
