"""Small text helpers for the handout templates: CSS strings, code colours.

The fixed words (labels, durations) live in :mod:`publisher.labels`; they are
re-exported here for the templates' filters.
"""

from __future__ import annotations

import functools
from typing import Any

from markupsafe import Markup, escape

from .labels import labels_for, minutes_label

__all__ = [
    "css_color",
    "css_string",
    "highlight",
    "labels_for",
    "minutes_label",
    "pygments_css",
]


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` and inside quotes.

    Every character outside plain letters, digits and spaces is written as a
    CSS escape, so no value can close the string, the rule or the element.
    """
    out = []
    for char in str(value):
        if char.isalnum() or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return Markup('"' + "".join(out) + '"')


@functools.lru_cache(maxsize=64)
def _lexer(language: str) -> Any:
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    if not language:
        return None
    try:
        return get_lexer_by_name(language.strip().lower(), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return None


@functools.lru_cache(maxsize=1)
def _formatter() -> object:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True, classprefix="hl-")


def highlight(code: str, language: str = "") -> Markup:
    """``code`` as escaped HTML with Pygments' class spans (plain when the language is unknown)."""
    lexer = _lexer(language)
    if lexer is None:
        return escape(code)
    from pygments import highlight as pygments_highlight

    return Markup(pygments_highlight(code, lexer, _formatter()))


@functools.lru_cache(maxsize=4)
def pygments_css(style: str = "friendly", scope: str = ".code") -> str:
    """Colour rules for highlighted code, scoped to ``scope``; from a Pygments ``style``."""
    from pygments.formatters import HtmlFormatter

    rules = HtmlFormatter(style=style, classprefix="hl-").get_style_defs(scope)
    # The block background comes from the handout's stylesheet.
    return "\n".join(
        line
        for line in str(rules).splitlines()
        if not line.startswith((f"{scope} {{ background", "pre {", "td.linenos", "span.linenos"))
        and ".hll" not in line
    )


def css_color(value: object, fallback: str) -> str:
    """``value`` when it is a ``#RRGGBB`` colour, else ``fallback``."""
    text = str(value)
    if len(text) == 7 and text[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in text[1:]):
        return text
    return fallback
