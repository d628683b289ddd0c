"""Small text helpers for the handout templates: labels, durations, CSS strings, code colours."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup, escape

LABELS: Mapping[str, Mapping[str, str]] = {
    "ja": {
        "agenda": "アジェンダ",
        "number": "No.",
        "session": "セッション",
        "speakers": "発表者",
        "duration": "時間",
        "page": "ページ",
        "total": "合計",
        "links": "リンク",
        "notes": "スピーカーノート",
        "picture": "画像",
        "page_before": "",
        "page_between": " / ",
        "page_after": " ページ",
        "continued": "（続き）",
        "date": "日付",
        "author": "作成",
    },
    "en": {
        "agenda": "Agenda",
        "number": "No.",
        "session": "Session",
        "speakers": "Speakers",
        "duration": "Time",
        "page": "Page",
        "total": "Total",
        "links": "Links",
        "notes": "Speaker notes",
        "picture": "Picture",
        "page_before": "page ",
        "page_between": " / ",
        "page_after": "",
        "continued": " (continued)",
        "date": "Date",
        "author": "By",
    },
}


def labels_for(lang: str) -> Mapping[str, str]:
    """The handout's fixed words in ``lang`` (Japanese unless English is asked for)."""
    return LABELS["en"] if lang == "en" else LABELS["ja"]


def minutes_label(minutes: int | None, lang: str = "ja") -> str:
    """``40分`` / ``40 min``; hours are added from one hour up: ``272分（4時間32分）``."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    if lang == "en":
        text = f"{minutes} min"
        if hours:
            text += f" ({hours} h {rest:02d} min)" if rest else f" ({hours} h)"
        return text
    text = f"{minutes}分"
    if hours:
        text += f"（{hours}時間{rest}分）" if rest else f"（{hours}時間）"
    return text


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
