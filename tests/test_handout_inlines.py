"""A slide's paragraphs in the slide handout, written by Python functions instead of macros.

The inline content is checked against the partial the reading handout uses;
the paragraph's classes, bullet and number against what they must be (the
slide handouts of the corpus and the example printed the same PDF bytes as
with the macro it replaces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.handout import LinkNotes, builtin_templates, environment
from publisher.handout_inlines import inline_html
from publisher.handout_marks import ListMark
from publisher.handout_styles import StyleClasses, text_line_html
from publisher.layout import Style, TextLine
from publisher.model import Break, Code, Emph, Inlines, Link, Strike, Strong, Text

LONG = "x" * 300  # longer than a handout line: gets break points

SAMPLES: list[Inlines] = [
    (Text("plain <b>&\"'</b> text"),),
    (Text("a"), Code("x < y && z"), Break(), Text("b")),
    (Strong((Text("bold "), Emph((Text("and em"),)))), Strike((Text("gone"),))),
    (Link('https://example.com/?a=1&b="2"', (Text("site"),)),),
    (Link("https://example.com/bare", ()),),
    (Link("docs/relative.md", (Text("not linked"),)),),
    (Link("#anchor", (Strong((Text("inside"),)),)),),
    (Link("javascript:alert(1)", (Text("script"),)),),
    (Text(LONG), Code(LONG), Link(f"https://example.com/{LONG}", ())),
    (Strong((Link("mailto:a@example.com", (Text("mail"),)),)),),
    (Emph((Strong((Text("both at once"),)),)), Emph((Link("#x", (Text("link"),)),))),
    (Emph((Text("a "), Strike((Text("b"),)), Code("c()"), Text(" 日本語の強調。"))),),
    (Emph((Text("x" * 30 + " y"),)),),
    (),
]


@pytest.mark.parametrize("nodes", SAMPLES)
@pytest.mark.parametrize("with_notes", [False, True])
def test_inline_html_writes_what_the_inlines_partial_writes(
    nodes: Inlines, with_notes: bool
) -> None:
    """The reading handout's macro (which a user's templates may replace) and the
    slide handout's function write the same HTML for every kind of node."""
    notes = LinkNotes({'https://example.com/?a=1&b="2"': 3, "mailto:a@example.com": 7}, ())
    template = environment((Path(builtin_templates()),)).from_string(
        '{% import "partials/inlines.j2" as inl %}{{ inl.inlines(nodes, notes) }}'
    )
    used = notes if with_notes else None
    assert inline_html(nodes, used) == template.render(nodes=nodes, notes=used)


def _line(**changes: object) -> TextLine:
    fields: dict[str, object] = {"inlines": (Text("a < b"),), "level": 1, "size": 20.0}
    fields.update(changes)
    return TextLine(**fields)  # type: ignore[arg-type]


def _html(line: TextLine, zoom: float = 0.5) -> tuple[str, list[tuple[str, float, float]]]:
    asked: list[tuple[str, float, float]] = []

    def bullet(mark: str, size: float, hang: float) -> ListMark:
        asked.append((mark, size, hang))
        return ListMark(mark + "\u00a0", 0.75)

    classes = StyleClasses()
    html = text_line_html(line, zoom, Style(), classes, bullet)
    return html + "\n" + classes.rules(), asked


def test_a_bullet_line_starts_with_its_mark_and_hangs_by_its_width() -> None:
    html, asked = _html(_line(level=2))
    assert asked == [("–", 20.0, Style().bullet_hang)]  # the second level's mark
    assert html.startswith('<p class="tl lv2 s0 s1">–\u00a0a &lt; b</p>')
    assert ".s0 { font-size: 10.00pt }" in html
    assert ".s1 { text-indent: -7.50pt }" in html  # 0.75 em of 20 pt, at half size


def test_numbered_continued_context_and_quoted_lines() -> None:
    numbered, asked = _html(_line(number=3))
    assert numbered.startswith('<p class="tl lv1 hang s0">3. a &lt; b</p>') and not asked
    continued, asked = _html(_line(number=3, continued=True))
    assert continued.startswith('<p class="tl lv1 cont s0">a &lt; b</p>') and not asked
    context, _ = _html(_line(level=1, context=True))
    assert context.startswith('<p class="tl lv1 context s0 s1">•\u00a0')
    quoted, _ = _html(_line(level=0, quote=True))
    assert quoted.startswith('<p class="tl lv0q quote s0">a &lt; b</p>')
    deep, _ = _html(_line(level=11))
    assert deep.startswith('<p class="tl lv8 ')  # the stylesheet has rules up to level 8
