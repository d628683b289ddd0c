"""Build settings: one schema, one precedence, every error reported at once.

Precedence (highest first): command line > front matter > ``[tool.publisher]``
in a ``pyproject.toml`` beside the notes > defaults.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .diagnostics import Diagnostic

# A setting that names a font (font_ja, font_mono, font_latin) names a file when
# it ends with one of these, and a family for fontconfig otherwise.
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")

# Keys the front matter may carry that describe the event, not the build.
EVENT_KEYS = ("title", "subtitle", "event", "date", "author")

# Keys that blog engines (Jekyll, Hugo, Hexo, Zenn, Qiita...) put in front matter.
# They mean nothing to a handout; they are reported once, as a note.
BLOG_KEYS = frozenset(
    {
        "aliases", "categories", "category", "create", "created", "description",
        "draft", "emoji", "excerpt", "id", "image", "images", "keywords", "layout",
        "modify", "modified", "permalink", "published", "slug", "summary", "tags",
        "thumbnail", "topics", "type", "updated", "url", "weight",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Config:
    """Every setting a build reads. Field names are the keys users write."""

    lang: str = ""  # "ja" or "en"; empty: detected from the text
    session_level: int = 0  # heading level of a talk; 0: detected
    template: str = ""  # a company .pptx to build the decks on
    templates: str = ""  # a folder of handout templates searched before the built-in ones
    font_latin: str = "Noto Sans CJK JP"
    font_ja: str = "Noto Sans CJK JP"
    font_mono: str = "Noto Sans Mono CJK JP"
    accent_color: str = "#1F5FAF"
    text_color: str = "#222222"
    slide_size: str = "16:9"  # or "4:3"
    paper: str = "A4"  # or "Letter"
    per_page: int = 3  # slides per page in the slide handout: 1, 2, 3, 4 or 6
    handout_notes: bool = False  # print speaker notes in the reading handout
    output: str = "build"
    allow_remote: bool = False


Check = Callable[[Any], str | None]  # returns an error message, or None when valid


def _one_of(*choices: object) -> Check:
    def check(value: Any) -> str | None:
        if value in choices:
            return None
        shown = ", ".join(str(c) for c in choices if c != "")
        return f"must be one of {shown}, not {value!r}"

    return check


_CONTROL = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be text, not {value!r}"
    if _CONTROL.search(value):
        return f"must not hold control characters: {value!r}"
    return None


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else f"must be true or false, not {value!r}"


def _color(value: Any) -> str | None:
    if isinstance(value, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        return None
    return f"must be a colour like #1F5FAF, not {value!r}"


_CHECKS: dict[str, Check] = {
    "lang": _one_of("", "ja", "en"),
    "session_level": _one_of(0, 1, 2, 3, 4, 5, 6),
    "template": _text,
    "templates": _text,
    "font_latin": _text,
    "font_ja": _text,
    "font_mono": _text,
    "accent_color": _color,
    "text_color": _color,
    "slide_size": _one_of("16:9", "4:3"),
    "paper": _one_of("A4", "Letter"),
    "per_page": _one_of(1, 2, 3, 4, 6),
    "handout_notes": _flag,
    "output": _text,
    "allow_remote": _flag,
}

SETTING_KEYS = tuple(f.name for f in fields(Config))


def _normalise(key: str, value: Any) -> Any:
    """Accept the spellings people write: ``4:3`` as text, ``a4``, ``per_page: "3"``."""
    if key == "paper" and isinstance(value, str):
        return {"a4": "A4", "letter": "Letter"}.get(value.lower(), value)
    if key in ("per_page", "session_level") and isinstance(value, str) and value.isdigit():
        return int(value)
    if key == "lang" and isinstance(value, str):
        return value.lower().split("-")[0].split("_")[0]
    return value


def check_settings(
    values: Mapping[str, Any], path: str, line: int | None, *, source: str
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Validate one source of settings; return the valid ones and every problem."""
    valid: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    for raw_key, raw_value in values.items():
        key = str(raw_key).replace("-", "_")
        if key not in _CHECKS:
            continue
        value = _normalise(key, raw_value)
        message = _CHECKS[key](value)
        if message:
            problems.append(Diagnostic(path, line, "error", f"{source} '{raw_key}' {message}"))
        else:
            valid[key] = value
    return valid, problems


def unknown_key_diagnostics(
    keys: list[str], path: str, line: int | None, *, known: tuple[str, ...]
) -> list[Diagnostic]:
    """A warning per unknown key (with a suggestion), one note for blog-engine keys."""
    problems: list[Diagnostic] = []
    blog = [k for k in keys if k.lower() in BLOG_KEYS]
    for key in keys:
        if key in known or key.replace("-", "_") in known or key.lower() in BLOG_KEYS:
            continue
        import difflib  # here: only a misspelt key needs it

        close = difflib.get_close_matches(key, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; it is ignored"
        problems.append(
            Diagnostic(path, line, "warning", f"unknown front matter key '{key}'{hint}")
        )
    if blog:
        listed = ", ".join(blog)
        problems.append(
            Diagnostic(path, line, "note", f"front matter keys for blog engines ignored: {listed}")
        )
    return problems


def resolve(*layers: Mapping[str, Any]) -> Config:
    """Merge already-validated layers, lowest precedence first."""
    merged: dict[str, Any] = {}
    for layer in layers:
        merged.update({k: v for k, v in layer.items() if k in SETTING_KEYS and v is not None})
    return replace(Config(), **merged)
