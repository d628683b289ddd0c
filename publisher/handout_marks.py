"""The bullets of both handouts: written into the text, the first line hanging by their width.

WeasyPrint draws a list's outside marker as a box of its own, positioned
absolutely and sized by laying its text out twice; with a few hundred items
that was about a third of the reading handout's layout and PDF writing time.
So an item of a bulleted list starts with its mark as text (a bullet and a
no-break space, so no line starts after the mark alone), and its first line
hangs to the left by the width of those two characters, measured in the face
that prints them: the text of every line of the item starts where an outside
marker would have left it.

Numbered lists keep WeasyPrint's markers: their numbers differ in width, and
they are rare in notes.

The slide handout draws each bullet of a slide the same way
(:func:`hanging_mark`), in place of a fixed-width box per line (a fifth of its
layout and writing time): the text starts exactly where the deck's does, and
the bullet within a tenth of an em of where PowerPoint draws it (no-break
spaces fill the deck's hanging indent). Bullets are drawn in the text's
colour in both handouts: a coloured bullet needs an element of its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .diagnostics import UserError
from .fontmetrics import Face, FontFile, Widths, find_font
from .fonts import HandoutFonts

MARKS = ("•", "◦", "▪", "▪")  # list levels 1 to 4, as CSS draws disc, circle and square
GAP = "\u00a0"  # a space between the mark and the text, as CSS puts there, but no break
UNKNOWN_ADVANCE = 0.5  # em, for a character none of the faces has (a fallback font prints it)


@dataclass(frozen=True)
class ListMark:
    """The mark (and spaces) a bulleted item starts with, and how far its first line hangs."""

    text: str
    hang: float  # em of the item's font size


@functools.cache
def list_marks(fonts: HandoutFonts) -> tuple[ListMark, ...]:
    """The mark of each list level (1 to 4), measured in the faces the handout prints with."""
    return tuple(hanging_mark(mark, 0.0, fonts) for mark in MARKS)


@functools.lru_cache(maxsize=256)
def hanging_mark(mark: str, hang: float, fonts: HandoutFonts) -> ListMark:
    """``mark`` and the no-break spaces (at least one) that come nearest to ``hang`` em."""
    faces = _faces(fonts)
    width, gap = _advance(mark, faces), _advance(GAP, faces)
    spaces = max(1, round((hang - width) / gap)) if gap > 0 else 1
    return ListMark(mark + GAP * spaces, round(width + spaces * gap, 4))


@functools.cache
def _faces(fonts: HandoutFonts) -> tuple[Widths, ...]:
    """Advance widths of the faces CSS tries first, in its order: the Latin face, the body face."""
    files = []
    if fonts.latin:
        latin = find_font(fonts.latin)
        if latin is not None:
            files.append(latin)
    files.append(FontFile(str(fonts.regular.path), fonts.regular.family))
    faces = []
    for file in files:
        try:
            faces.append(Face(file).widths)
        except UserError:  # unreadable here: WeasyPrint reports it when it prints
            continue
    return tuple(faces)


def text_width(text: str, fonts: HandoutFonts, *, unknown: float = UNKNOWN_ADVANCE) -> float:
    """The width of ``text`` on one line, in em, in the faces the handout prints with.

    Advances only (no kerning), so a little wider than WeasyPrint lays it out
    when the face kerns; a character none of the faces has counts ``unknown``
    em (a fallback font prints it: an emoji is about 1 em wide).
    """
    faces = _faces(fonts)
    return sum(_advance(char, faces, unknown) for char in text)


def shortened(
    text: str, width: float, fonts: HandoutFonts, *, lines: int = 1, unknown: float = 1.0
) -> str:
    """``text`` when it takes at most ``lines`` lines ``width`` em wide; else as much of
    its beginning as does, with "…" after it.

    Lines are broken where the handout breaks them: after spaces, and between
    Japanese characters (:func:`publisher.measure.wrap`), so that a Latin title
    is not counted as if its words could be cut anywhere.
    """
    from .measure import wrap

    faces = _faces(fonts)
    smallest = min(_advance(" ", faces, unknown), 0.2)
    text = text[: int(lines * width / smallest) + 2]  # more could never fit
    advances = [_advance(char, faces, unknown) for char in text]
    starts = wrap(text, advances, width, width, max_lines=lines)
    if len(starts) <= lines:
        return text
    last, end = starts[lines - 1], starts[lines]
    room = width - _advance("…", faces, unknown)
    while end > last and sum(advances[last:end]) > room:
        end -= 1
    return text[:end].rstrip() + "…"


def _advance(char: str, faces: tuple[Widths, ...], unknown: float = UNKNOWN_ADVANCE) -> float:
    for widths in faces:
        width = widths.get(ord(char))
        if width is not None:
            return width
    return unknown
