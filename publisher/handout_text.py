"""Small text helpers for the handout templates: CSS strings, code colours.

The fixed words (labels, durations) live in :mod:`publisher.labels`; they are
re-exported here for the templates' filters.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from markupsafe import Markup, escape

from .labels import labels_for, minutes_label

__all__ = [
    "break_long_words",
    "css_color",
    "css_string",
    "emphasis_words",
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


LONG_WORD = 200
"""Characters without a break between them that no handout line can hold."""


@functools.cache
def _long_word() -> re.Pattern[str]:
    """A run of :data:`LONG_WORD` characters with no place a line may break (a space or
    a wide, CJK character). Compiled when a text is that long: its character class
    takes milliseconds to compile, and most notes never need it."""
    return re.compile(
        r"[^\s\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]{" + str(LONG_WORD) + ",}"
    )


_ZERO_WIDTH_SPACE = "\u200b"
_ZERO_WIDTH_JOINER = "\u200d"


def break_long_words(text: str) -> str:
    """``text`` with zero-width spaces inside any word longer than a line.

    Such a word (a minified script, a data URL, a key) wraps anywhere in the
    handout either way, but WeasyPrint finds where by laying out the whole rest
    of the text once per printed line: a 1 MB word took hours. With a break
    every few characters it lays out a line's worth at a time. Not every
    character: WeasyPrint guesses a line's worth from the number of
    characters, and zero-width ones would halve its guess. The zero-width
    space is not drawn and not part of the PDF's text. Combining marks and
    joined emoji stay with the character before them.
    """
    if len(text) < LONG_WORD:
        return text
    return _long_word().sub(lambda match: _spaced(match.group()), text)


SLANTED_WORD_LIMIT = 20
"""Characters of the longest word of an emphasis slanted as one block."""
SLANTED_TEXT_LIMIT = 400
"""Characters of the longest text of an emphasis slanted: a block for every Japanese
character of a longer one would double the time its paragraph takes to lay out."""

_SPACES = re.compile(r"(\s+)")


def emphasis_words(text: str) -> Markup:
    """``text`` of an emphasis with each word in a ``span``: ``em-wide`` for a Japanese
    character, ``em-word`` for a Latin word.

    Where a face has no italic, the handouts slant these words as blocks
    (``partials/fonts.css.j2``). A block cannot wrap, so the blocks are cut
    where a line may break, by the decks' own rules
    (:func:`publisher.measure.break_points`: at spaces, which stay between the
    blocks, and between Japanese characters, never before 。 or after 「, nor
    inside a character and its marks), and a word longer than
    :data:`SLANTED_WORD_LIMIT`, or a text longer than :data:`SLANTED_TEXT_LIMIT`,
    stays text.
    """
    from .measure import break_points, has_japanese

    if len(text) > SLANTED_TEXT_LIMIT:
        return escape(break_long_words(text))
    out = []
    for run in _SPACES.split(text):
        if not run or run.isspace():
            out.append(escape(run))
            continue
        starts = [i for i, flag in enumerate(break_points(run)) if flag or i == 0]
        for start, end in zip(starts, [*starts[1:], len(run)], strict=True):
            piece = run[start:end]
            if len(piece) > SLANTED_WORD_LIMIT:
                out.append(escape(break_long_words(piece)))
            else:
                kind = "em-wide" if has_japanese(piece) else "em-word"
                out.append(Markup('<span class="%s">%s</span>') % (kind, piece))
    return Markup("").join(out)


BREAK_EVERY = 4
"""Characters between two added break points: a line may end up to 3 short."""


def _spaced(word: str) -> str:
    out = [word[0]]
    since_break = 1
    for char in word[1:]:
        joined = char == _ZERO_WIDTH_JOINER or out[-1] == _ZERO_WIDTH_JOINER
        if (
            since_break >= BREAK_EVERY
            and not joined
            and not unicodedata.category(char).startswith("M")
        ):
            out.append(_ZERO_WIDTH_SPACE)
            since_break = 0
        out.append(char)
        since_break += 1
    return "".join(out)


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
    """``code`` as escaped HTML with Pygments' class spans (plain when the language is unknown).

    Words longer than a line get break points (:func:`break_long_words`).
    """
    code = break_long_words(code)
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
