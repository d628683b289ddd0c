"""Drawing the slide handout with few elements: WeasyPrint's time grows with each box.

A page of the slide handout holds a few hundred positioned boxes whose
places are all known in points. Two things keep WeasyPrint's work down
(measured in bench/NOTES.md):

- :class:`StyleClasses`: the same ``style="…"`` written on many elements
  (every frame in the same slot, every title box) becomes one CSS class, so
  each declaration list is parsed once, not once per element;
- :func:`memo_image`: the ruled lines beside a slide are one picture (one
  SVG path: WeasyPrint draws a picture's elements one by one, every time it
  is used), not a box per line.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup, escape

from .handout_inlines import inline_html
from .handout_marks import ListMark, hanging_mark

if TYPE_CHECKING:
    from .fonts import HandoutFonts
    from .layout import Box, Style, TextLine

MEMO_RULE = 0.75  # points: the thickness of a ruled line
MEMO_COLOUR = "#c3c7cd"


class StyleClasses:
    """Declaration lists shared as classes: ``cls("left: 1pt")`` → ``"s0"``, once per list."""

    def __init__(self, prefix: str = "s") -> None:
        self.prefix = prefix
        self._names: dict[str, str] = {}

    def __call__(self, declarations: str) -> str:
        declarations = str(declarations).strip()
        name = self._names.get(declarations)
        if name is None:
            name = self._names[declarations] = f"{self.prefix}{len(self._names)}"
        return name

    def rules(self) -> Markup:
        """The CSS of every class handed out so far (written after the body's elements)."""
        lines = (f".{name} {{ {text} }}" for text, name in self._names.items())
        return Markup("\n".join(lines))


def pt(value: float) -> str:
    """A length in points as the handouts write it (the templates' ``pt`` filter)."""
    return f"{value:.2f}pt"


def box_style(box: Box, zoom: float) -> str:
    """``left``, ``top``, ``width`` and ``height`` of a planned box (points), times ``zoom``."""
    return (
        f"left: {pt(box.x * zoom)}; top: {pt(box.y * zoom)}; "
        f"width: {pt(box.width * zoom)}; height: {pt(box.height * zoom)}"
    )


def size_style(points: float, zoom: float) -> str:
    """``font-size`` of text planned at ``points``, times ``zoom``."""
    return f"font-size: {pt(points * zoom)}"


def svg_url(svg: str) -> str:
    """A data URL with every special character escaped: it needs no quotes in ``url()``."""
    return "data:image/svg+xml," + quote(svg, safe="")


@functools.lru_cache(maxsize=16)
def memo_image(width: float, lines: int, pitch: float, rule: float, colour: str) -> str:
    """A data URL: ``lines`` ruled lines ``rule`` thick at the foot of each ``pitch`` (points)."""
    path = "".join(f"M0 {i * pitch + pitch - rule / 2:.2f}h{width:.2f}" for i in range(lines))
    height = lines * pitch
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.2f}pt" height="{height:.2f}pt" '
        f'viewBox="0 0 {width:.2f} {height:.2f}"><path d="{path}" stroke="{colour}" '
        f'stroke-width="{rule}"/></svg>'
    )
    return svg_url(svg)


def text_line_html(
    line: TextLine,
    zoom: float,
    style: Style,
    cls: StyleClasses,
    bullet: Callable[[str, float, float], ListMark],
) -> Markup:
    """One planned paragraph of a slide at ``zoom``: a ``<p>`` whose bullet is text,
    hanging by its measured width (:mod:`publisher.handout_marks`), so the text
    starts where the deck's does and the bullet about where PowerPoint draws it."""
    numbered = line.number is not None and not line.continued
    marked = line.level > 0 and not line.continued and not numbered
    mark = bullet("•–"[(line.level - 1) % 2], line.size, style.bullet_hang) if marked else None
    classes = [f"tl lv{min(line.level, 8)}{'q' if line.quote else ''}"]
    if numbered:
        classes.append("hang")
    if line.continued:
        classes.append("cont")
    if line.context:
        classes.append("context")
    elif line.quote:
        classes.append("quote")
    classes.append(cls(size_style(line.size, zoom)))
    if mark:
        classes.append(cls(f"text-indent: {pt(0 - mark.hang * line.size * zoom)}"))
    lead = f"{line.number}. " if numbered else mark.text if mark else ""
    return Markup(
        f'<p class="{" ".join(classes)}">{escape(lead)}{inline_html(line.inlines, None)}</p>'
    )


def slide_drawing(fonts: HandoutFonts) -> dict[str, Any]:
    """The template values the slide handout draws with: ``cls``, ``memo_lines``,
    ``bullet``, a planned box's and a text size's styles and a slide's paragraph
    (``text_line``): functions, as a Jinja2 macro call costs far more."""
    from .handout_sheets import Memo

    classes = StyleClasses()

    def memo_lines(memo: Memo) -> str:
        return memo_image(memo.width, memo.lines, memo.height / memo.lines, MEMO_RULE, MEMO_COLOUR)

    @functools.cache
    def bullet(mark: str, size: float, hang: float) -> ListMark:
        """A slide's bullet at ``size`` points, hanging ``hang`` points as in the deck."""
        return hanging_mark(mark, round(hang / size, 3), fonts)

    def text_line(line: TextLine, zoom: float, style: Style) -> Markup:
        return text_line_html(line, zoom, style, classes, bullet)

    return {
        "cls": classes,
        "memo_lines": memo_lines,
        "box_style": box_style,
        "size_style": size_style,
        "bullet": bullet,
        "text_line": text_line,
    }
