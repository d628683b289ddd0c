"""Inline content of a slide's paragraph in the slide handout: text, code, breaks,
emphasis and links, escaped.

The reading handout writes inline content with ``partials/inlines.j2``, which
a user's templates may replace; the slide handout draws the decks' own text
(a user's ``inlines.j2`` changes its tables, not its paragraphs), one
paragraph per planned line, and a Jinja2 macro per paragraph cost more than
the rest of its HTML. :func:`inline_html` writes what the macro writes
(tested on every kind of node).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from markupsafe import Markup, escape

from .handout_text import break_long_words, emphasis_words
from .model import Break, Code, Emph, Inlines, Link, Strike, Strong, Text

LINK_SCHEMES = ("http:", "https:", "mailto:", "ftp:")

_TAGS: dict[type, str] = {Strong: "strong", Emph: "em", Strike: "del"}


class LinkNumbers(Protocol):
    """Numbered link addresses (:class:`publisher.handout.LinkNotes`)."""

    @property
    def numbers(self) -> Mapping[str, int]: ...


def link_target(href: str) -> str:
    """``href`` when a PDF link may point there, else "" (the text is printed unlinked)."""
    href = href.strip()
    if href.startswith("#") or href.lower().startswith(LINK_SCHEMES):
        return href
    return ""


def inline_html(nodes: Inlines, notes: LinkNumbers | None) -> Markup:
    """The HTML of ``nodes``; a link whose address is in ``notes`` gets its note's number."""
    out: list[str] = []
    _write(nodes, notes, out)
    return Markup("".join(out))


def _write(
    nodes: Inlines, notes: LinkNumbers | None, out: list[str], emphasis: bool = False
) -> None:
    """Append the HTML of ``nodes``; text inside an emphasis, at any depth, has its words
    marked to be slanted (:func:`publisher.handout_text.emphasis_words`)."""
    for node in nodes:
        if isinstance(node, Text):
            text = emphasis_words(node.text) if emphasis else escape(break_long_words(node.text))
            out.append(text)
        elif isinstance(node, Code):
            out += ("<code>", escape(break_long_words(node.text)), "</code>")
        elif isinstance(node, Break):
            out.append("<br>")
        elif isinstance(node, Link):
            _write_link(node, notes, out, emphasis)
        elif isinstance(node, (Strong, Emph, Strike)):
            tag = _TAGS[type(node)]
            out.append(f"<{tag}>")
            _write(node.children, notes, out, emphasis or isinstance(node, Emph))
            out.append(f"</{tag}>")


def _write_link(link: Link, notes: LinkNumbers | None, out: list[str], emphasis: bool) -> None:
    href = link_target(link.href)
    if not href:
        _write(link.children, notes, out, emphasis)
        return
    out += ('<a href="', escape(href), '">')
    if link.children:
        _write(link.children, notes, out, emphasis)
    else:
        out.append(escape(break_long_words(href)))
    out.append("</a>")
    if notes and href in notes.numbers:
        out.append(f'<sup class="note-ref">{escape(notes.numbers[href])}</sup>')
