"""Front matter: YAML between ``---`` lines or TOML between ``+++`` lines at the start.

Pure: text in, values and diagnostics out. The front matter's lines are
replaced by blank lines in the body handed to Markdown, so every line number
the parser reports is still the line in the user's file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .config import BLOG_KEYS, EVENT_KEYS, SETTING_KEYS, check_settings, unknown_key_diagnostics
from .diagnostics import Diagnostic
from .inlines import INVALID_CHARS

KNOWN_KEYS = tuple(dict.fromkeys((*EVENT_KEYS, *SETTING_KEYS)))
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_KEY_LINE = re.compile(r"^\s*[\"']?(?P<key>[^\"'\s:=#]+)[\"']?\s*[:=]")
_SCALARS = (str, int, float, bool, dt.date, dt.datetime, dt.time)


@dataclass(frozen=True)
class FrontMatter:
    """What the front matter said, and the notes' text with it blanked out."""

    values: Mapping[str, Any]
    body: str
    key_lines: Mapping[str, int] = field(default_factory=dict)
    first_line: int = 1
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class EventFields:
    """The front matter read as event facts and build settings."""

    title: str = ""
    subtitle: str = ""
    event: str = ""
    date: str = ""
    author: str = ""
    lang: str = ""
    session_level: int = 0
    settings: tuple[tuple[str, object], ...] = ()


def _closing_line(lines: list[str], closers: tuple[str, ...]) -> int | None:
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return index
    return None


def _load(kind: str, source: str) -> tuple[Any, str, int | None]:
    """Parse ``source``; return (data, error message, 1-based line in ``source``).

    Each parser is imported here, for the kind of front matter found: notes
    without front matter load neither.
    """
    try:
        return _yaml(source) if kind == "---" else _toml(source)
    except RecursionError:
        return None, "the front matter nests too deeply to read", None
    except Exception as exc:  # whatever the parser trips on, it is the user's input
        return None, f"the front matter cannot be read: {exc}", None


def _yaml(source: str) -> tuple[Any, str, int | None]:
    import yaml

    try:
        return yaml.safe_load(source), "", None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return (
            None,
            f"the front matter is not valid YAML: {problem}",
            mark.line + 1 if mark else None,
        )


def _toml(source: str) -> tuple[Any, str, int | None]:
    import tomllib

    try:
        return tomllib.loads(source), "", None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        return (
            None,
            f"the front matter is not valid TOML: {message}",
            int(found[1]) if found else None,
        )


def _key_lines(lines: list[str], end: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for index in range(1, end):
        match = _KEY_LINE.match(lines[index])
        if match and not lines[index][:1].isspace():
            found.setdefault(match["key"], index + 1)
    return found


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Find the front matter at the very start of ``text`` and read it."""
    lines = text.split("\n")
    kind = lines[0].rstrip()
    if kind not in _FENCES:
        return FrontMatter({}, text)
    end = _closing_line(lines, _FENCES[kind])
    if end is None:
        problems: tuple[Diagnostic, ...] = ()
        if len(lines) > 1 and _KEY_LINE.match(lines[1]):
            message = (
                f"the front matter opened on line 1 is never closed: end it with a line '{kind}'"
            )
            problems = (Diagnostic(path, 1, "warning", message),)
        return FrontMatter({}, text, diagnostics=problems)
    source = "\n".join(lines[1:end])
    data, error, line = _load(kind, source)
    body = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    key_lines = _key_lines(lines, end)
    if data is None and not error:
        data = {}
    if not isinstance(data, dict):
        if not key_lines and (error or isinstance(data, str)):
            return FrontMatter({}, text)  # '---' rules around Markdown, not front matter
        if not error:
            error, line = "the front matter must be 'key: value' lines", 1
        return FrontMatter({}, body, key_lines, diagnostics=(_error(path, line, error),))
    values = {str(k): v for k, v in data.items()}
    return FrontMatter(values, body, key_lines)


def _error(path: str, line: int | None, message: str) -> Diagnostic:
    where = 1 + line if line else 1
    return Diagnostic(path, where, "error", message + "; the notes are read without it")


def _without_control(text: str, path: str, line: int, key: str, problems: list[Diagnostic]) -> str:
    """``text`` without characters slides and PDFs cannot hold (a YAML ``"\\x0b"``)."""
    found = sorted(set(INVALID_CHARS.findall(text)))
    if found:
        codes = ", ".join(f"U+{ord(c):04X}" for c in found[:3])
        message = f"control characters ({codes}) removed from front matter '{key}'"
        problems.append(Diagnostic(path, line, "warning", message))
    return INVALID_CHARS.sub("", text)


def _as_text(value: Any) -> str | None:
    """A front matter value as display text, or None when it is not text-like."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    if isinstance(value, list) and value and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v).strip() for v in value)
    return None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table of keys"
    return type(value).__name__


def read_fields(front: FrontMatter, path: str) -> tuple[EventFields, list[Diagnostic]]:
    """Event facts and build settings from the front matter, with every problem."""
    problems = list(front.diagnostics)
    texts: dict[str, str] = {}
    settings: dict[str, Any] = {}
    unknown: list[str] = []

    def line_of(key: str) -> int:
        return front.key_lines.get(key, front.first_line)

    for key, value in front.values.items():
        name = key.replace("-", "_")
        if name in EVENT_KEYS:
            text = _as_text(value)
            if text is None:
                message = f"front matter '{key}' must be text, not {_kind(value)}"
                problems.append(Diagnostic(path, line_of(key), "error", message))
            else:
                texts[name] = _without_control(text, path, line_of(key), key, problems)
        elif name in SETTING_KEYS:
            if not isinstance(value, _SCALARS):
                message = f"front matter '{key}' must be a single value, not {_kind(value)}"
                problems.append(Diagnostic(path, line_of(key), "error", message))
                continue
            valid, errors = check_settings({key: value}, path, line_of(key), source="front matter")
            settings.update(valid)
            problems.extend(errors)
        else:
            unknown.append(key)
    problems.extend(_unknown(unknown, path, line_of))
    fields = EventFields(
        title=texts.get("title", ""),
        subtitle=texts.get("subtitle", ""),
        event=texts.get("event", ""),
        date=texts.get("date", ""),
        author=texts.get("author", ""),
        lang=str(settings.get("lang", "")),
        session_level=int(settings.get("session_level", 0)),
        settings=tuple(settings.items()),
    )
    return fields, problems


def _unknown(keys: list[str], path: str, line_of: Callable[[str], int]) -> list[Diagnostic]:
    """A warning per unknown key on its own line; blog-engine keys as one note."""
    problems: list[Diagnostic] = []
    for key in keys:
        found = unknown_key_diagnostics([key], path, line_of(key), known=KNOWN_KEYS)
        problems.extend(d for d in found if d.level != "note")
    blog = [k for k in keys if k.lower() in BLOG_KEYS]
    if blog:
        notes = unknown_key_diagnostics(blog, path, line_of(blog[0]), known=KNOWN_KEYS)
        problems.extend(d for d in notes if d.level == "note")
    return problems
