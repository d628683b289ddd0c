"""Notes text → ``Event`` and diagnostics. Pure: no I/O, and no exception for any text.

The stages, each in its own module:

1. ``clean_text``: line ends, stray BOMs, characters XML cannot hold.
2. ``frontmatter``: YAML/TOML at the start, blanked so line numbers stay true.
3. markdown-it-py (CommonMark + tables + strikethrough + ``:::`` fences) → tokens.
4. ``conventions.outline``: which heading level holds the talks.
5. ``blocks``: tokens → blocks and top-level heading marks.
6. ``sections``: marks and blocks → intro and numbered sessions.
"""

from __future__ import annotations

import functools
import re
from pathlib import PurePath

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin

from .blocks import BlockReader, HeadingMark
from .conventions import detect_lang
from .diagnostics import Diagnostic
from .frontmatter import EventFields, read_fields, split_front_matter
from .model import Block, Event, Session, plain_text
from .outline import Outline, outline
from .sections import build_sections, single_session

# markdown-it's own nesting guard: deep enough for lists 60 levels deep, shallow
# enough that its recursive block parser stays far from Python's recursion limit.
MAX_NESTING = 128
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@functools.cache
def markdown() -> MarkdownIt:
    """The one Markdown reader: CommonMark, tables, strikethrough, ``:::`` fences."""
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
    container_plugin(md, "div", validate=lambda params, *_: bool(params.strip()))
    return md


def clean_text(text: str, path: str, problems: list[Diagnostic]) -> str:
    """One kind of line end, no BOM, no characters that slides and PDFs cannot hold."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not _INVALID.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = sorted(set(_INVALID.findall(line)))
        if found:
            lines[index] = _INVALID.sub("", line)
            codes = ", ".join(f"U+{ord(c):04X}" for c in found[:3])
            message = f"invisible control characters ({codes}) removed from this line"
            problems.append(Diagnostic(path, index + 1, "warning", message))
    return "\n".join(lines)


def _stem(path: str) -> str:
    stem = PurePath(path).stem if path else ""
    return stem if stem and not stem.startswith("<") else "notes"


def _headings(tokens: list[Token]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.level == 0 and index + 1 < len(tokens):
            children = tokens[index + 1].children or []
            text = "".join(c.content for c in children if c.type in ("text", "code_inline"))
            found.append((int(token.tag[1:] or 2), text))
    return found


def _too_deep(tokens: list[Token], path: str) -> list[Diagnostic]:
    deepest = max(tokens, key=lambda t: t.level, default=None)
    if deepest is None or deepest.level < MAX_NESTING - 2:
        return []
    line = next((t.map[0] + 1 for t in tokens if t.map and t.level >= deepest.level - 2), None)
    message = (
        "the notes nest too deeply here; the deepest lines are left out: flatten the list or quote"
    )
    return [Diagnostic(path, line, "warning", message)]


# A line of text that begins like a heading but is not read as one: no space after the
# marks ("##まとめ"), a full-width space ("##　まとめ") or full-width marks ("＃＃ まとめ").
_UNSPACED_HEADING = re.compile(r"(#{2,6})(?=[^#\s]|[\u3000\u00a0])|(＃{2,6})(?!＃)")


def _unspaced_headings(tokens: list[Token], path: str) -> list[Diagnostic]:
    """A warning for each line of a top-level paragraph that was meant as a heading:
    Markdown needs '#'s and a space, so it is read as text."""
    found = []
    for index, token in enumerate(tokens):
        opening = tokens[index - 1] if index else None
        if token.type != "inline" or not token.map or opening is None:
            continue
        if opening.type != "paragraph_open" or opening.level != 0:
            continue  # in a list or a quote, a heading could not start there
        for offset, line in enumerate(token.content.split("\n")):
            marks = _UNSPACED_HEADING.match(line)
            if marks:
                shown = line if len(line) <= 30 else line[:29] + "…"
                title = line[marks.end() :].strip(" \t\u3000\u00a0")
                title = title if len(title) <= 20 else title[:19] + "…"
                heading = "#" * len(marks.group(1) or marks.group(2))
                message = (
                    f"'{shown}' is read as text, not as a heading: write half-width #s "
                    f"and a space ('{heading} {title}')"
                )
                found.append(Diagnostic(path, token.map[0] + offset + 1, "warning", message))
    return found


def _level_note(
    shape: Outline, headings: list[tuple[int, str]], path: str, lines: list[int]
) -> Diagnostic:
    level = shape.session_level
    first = next(i for i, (lv, _) in enumerate(headings) if lv == level)
    deeper = "#" * (level + 1)
    message = (
        f"talks are read at the {'#' * level} headings and the {deeper} headings inside them "
        f"title slides; if the {deeper} headings are the talks, write 'session_level: {level + 1}' "
        "in the front matter"
    )
    return Diagnostic(path, lines[first], "note", message)


def _event(
    fields: EventFields,
    path: str,
    title_text: str,
    sessions: list[Session],
    lang: str,
    intro: tuple[Block, ...] = (),
) -> Event:
    title = fields.title or fields.event or title_text or _stem(path)
    subtitle = fields.subtitle or next(
        (c for c in (fields.event, title_text) if c and c != title), ""
    )
    return Event(
        title=title,
        source=path,
        sessions=tuple(sessions),
        subtitle=subtitle,
        date=fields.date,
        author=fields.author,
        settings=fields.settings,
        lang=lang,
        intro=intro,
    )


def parse(text: str, path: str, *, session_level: int = 0) -> tuple[Event, list[Diagnostic]]:
    """Read notes ``text`` (already decoded) from ``path`` into an Event.

    ``session_level`` (0: read it from the front matter, else detect) is the
    heading level of one talk. Never raises: every problem is a Diagnostic.
    """
    problems: list[Diagnostic] = []
    text = clean_text(text, path, problems)
    front = split_front_matter(text, path)
    fields, found = read_fields(front, path)
    problems.extend(found)
    lang = fields.lang or detect_lang(front.body)
    if not front.body.strip():
        message = "the notes are empty: write a '## ' heading per talk with bullets under it"
        problems.append(Diagnostic(path, 1, "error", message))
        return _event(fields, path, "", [], lang), problems
    try:
        return _read(front.body, path, fields, session_level, lang, problems), problems
    except RecursionError:
        message = "the notes nest too deeply to read; flatten the deepest lists or quotes"
        problems.append(Diagnostic(path, None, "error", message))
        return _event(fields, path, "", [], lang), problems


def _read(
    body: str, path: str, fields: EventFields, forced: int, lang: str, problems: list[Diagnostic]
) -> Event:
    tokens = markdown().parse(body)
    problems.extend(_too_deep(tokens, path))
    problems.extend(_unspaced_headings(tokens, path))
    headings = _headings(tokens)
    level = forced if 1 <= forced <= 6 else fields.session_level
    shape = outline(headings, level)
    if headings and level and all(lv != level for lv, _ in headings):
        message = (
            f"session_level is {level} but no heading has {'#' * level}: "
            "no talk is found at that level; change session_level or leave it out"
        )
        problems.append(Diagnostic(path, 1, "warning", message))
    reader = BlockReader(body.split("\n"), path, problems, min(6, shape.session_level + 1))
    parts = reader.read(tokens)
    marks = [p for p in parts if isinstance(p, HeadingMark)]
    if not marks:
        title = fields.title or fields.event or _stem(path)
        message = (
            "no headings found: the whole notes become one session; start each talk with '## '"
        )
        problems.append(Diagnostic(path, 1, "warning", message))
        return _event(fields, path, "", [single_session(parts, title)], lang)
    if shape.talks_above_most:
        problems.append(_level_note(shape, headings, path, [m.line for m in marks]))
    sections = build_sections(parts, shape, path, problems)
    title_text = plain_text(sections.title_mark.inlines).strip() if sections.title_mark else ""
    if not title_text:
        h1 = [m for m in marks if m.level == 1]
        title_text = plain_text(h1[0].inlines).strip() if len(h1) == 1 else ""
    return _event(fields, path, title_text, sections.sessions, lang, tuple(sections.intro))
