"""Text measurement with a real font file, and line breaking with Japanese rules.

The planner asks how many lines a paragraph takes in a box of a given width;
this module answers with the advance widths of the font the slides name
(Noto Sans CJK JP by default, the face the PDF embeds), read from the font's
``hmtx`` table through its ``cmap`` and scaled by the size. Bold runs use the
bold face, inline code the monospace face.

Line breaking follows what LibreOffice and PowerPoint do for Japanese text:
breaks between CJK characters or after spaces, never inside a Latin word
(unless the word is longer than a line), never before a closing bracket or
small kana and never after an opening bracket (kinsoku, JLREQ). A quarter em
is counted at every boundary between Japanese and Latin characters, the
spacing LibreOffice adds there (JLREQ recommends it too).

Pure apart from reading font files once per process (see
:mod:`publisher.fontmetrics`); results are cached.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .diagnostics import Diagnostic, UserError
from .fontmetrics import Face, FontFile, find_font
from .model import Break, Code, Emph, Inlines, Link, Strike, Strong, Text

K = TypeVar("K")
V = TypeVar("V")

# Face slots of a styled character: regular, bold, monospace, monospace bold.
REGULAR, BOLD, MONO, MONO_BOLD = 0, 1, 2, 3

AUTOSPACE = 0.25  # em added between Japanese and Latin characters
MISSING_WIDE = 1.2  # em for a wide character the font lacks (emoji: a fallback font draws it)
MISSING_NARROW = 1.0  # em for any other character the font lacks

# JLREQ line-start prohibited characters, with LibreOffice's and PowerPoint's lists.
NO_START = frozenset(
    "、。，．,.：；:;？！?!)]}）〕］｝〉》」』】〙〗〟’”｠»"
    "ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    "々〻‐゠–〜～・･゛゜ゝゞ％%‰℃°′″¢…‥〵｡｣､ｧｨｩｪｫｬｭｮｯｰﾞﾟ\"'"
)
# JLREQ line-end prohibited characters.
NO_END = frozenset("([{（〔［｛〈《「『【〘〖〝‘“｟«$£¥＄￡￥｢\"'")
# Sentence ends where an over-long paragraph may be split.
SENTENCE_ENDS = frozenset("。．！？.!?")
# After these, a Latin word may break before a letter (URLs, hyphenated words).
SOFT_BREAK_AFTER = frozenset("/-?")


def is_wide(char: str) -> bool:
    """True for Japanese (and other CJK) characters: kana, kanji, full-width forms."""
    found = _WIDE.get(char)
    if found is None:
        code = ord(char)
        found = code >= 0x2E80 and (
            unicodedata.east_asian_width(char) in ("W", "F") or 0xFF61 <= code <= 0xFF9F
        )
        _WIDE[char] = found
    return found


_WIDE: dict[str, bool] = {}  # a memo of is_wide: a few thousand characters at most


def has_japanese(text: str) -> bool:
    """True when ``text`` holds kana, kanji or full-width punctuation."""
    return any(is_wide(c) for c in text)


MEMO_LIMIT = 5000  # characters: longer texts (a code line of a megabyte) are not kept
MEMO_ENTRIES = 100_000  # answers kept of each kind; more start the memo afresh
SPACES = frozenset(" \t\u00a0\u2002\u2003\u2009")  # spaces a line may end after


@dataclass(frozen=True)
class Styled:
    """Text flattened from inlines, with the face slot of every character.

    ``text`` equals :func:`publisher.model.plain_text` of the inlines (a break
    is ``"\\n"``), so offsets into it are offsets into the visible text.
    """

    text: str
    faces: bytes

    @staticmethod
    def plain(text: str, face: int = REGULAR) -> Styled:
        return Styled(text, bytes([face]) * len(text))


def styled(inlines: Inlines, face: int = REGULAR, limit: int | None = None) -> Styled:
    """Flatten ``inlines`` into a :class:`Styled` text (its first ``limit`` characters)."""
    texts: list[str] = []
    faces = bytearray()
    _flatten(inlines, face, texts, faces, len(faces) + (limit if limit is not None else -1))
    return Styled("".join(texts), bytes(faces))


def _flatten(inlines: Inlines, face: int, texts: list[str], faces: bytearray, limit: int) -> None:
    """Append text and faces; stop once ``limit`` characters are there (-1: no limit)."""
    for node in inlines:
        room = limit - len(faces) if limit >= 0 else None
        if room is not None and room <= 0:
            return
        if isinstance(node, (Text, Code)):
            text = node.text[:room].replace("\t", " ")  # a tab is drawn as a space
            slot = (
                face
                if isinstance(node, Text)
                else (MONO_BOLD if face in (BOLD, MONO_BOLD) else MONO)
            )
            texts.append(text)
            faces.extend(bytes([slot]) * len(text))
        elif isinstance(node, Break):
            texts.append("\n")
            faces.append(face)
        elif isinstance(node, Strong):
            _flatten(node.children, BOLD if face == REGULAR else face, texts, faces, limit)
        elif isinstance(node, (Emph, Strike, Link)):
            _flatten(node.children, face, texts, faces, limit)


def text_length(inlines: Inlines) -> int:
    """Length of the plain text of ``inlines``, without building it."""
    total = 0
    for node in inlines:
        if isinstance(node, (Text, Code)):
            total += len(node.text)
        elif isinstance(node, Break):
            total += 1
        else:
            total += text_length(node.children)
    return total


# --- the measurer -----------------------------------------------------------------

DEFAULT_FAMILY = "Noto Sans CJK JP"
DEFAULT_MONO = "Noto Sans Mono CJK JP"


@dataclass(frozen=True)
class FontSet:
    """The faces text is measured in.

    ``latin`` and ``latin_bold``, when given, measure the characters that are
    not wide (Latin letters, digits, spaces) of regular and bold text: a deck
    names a Latin font and an East Asian font for every run, and PowerPoint
    draws each character in the one its script calls for.
    """

    regular: FontFile
    bold: FontFile
    mono: FontFile
    mono_bold: FontFile
    latin: FontFile | None = None
    latin_bold: FontFile | None = None


class Measurer:
    """Widths and line breaks of styled text, in points, for one set of faces.

    Create one per process with :func:`default_measurer` or :func:`measurer_for`
    (font files are read once). Answers are kept, for texts up to
    :data:`MEMO_LIMIT` characters and at most :data:`MEMO_ENTRIES` of each
    kind, so a long ``watch`` session does not keep every version of a text.
    """

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        faces: dict[FontFile, Face] = {}
        self._faces = tuple(
            faces.setdefault(f, Face(f))
            for f in (
                fonts.regular,
                fonts.bold,
                fonts.mono,
                fonts.mono_bold,
                fonts.latin or fonts.regular,
                fonts.latin_bold or fonts.latin or fonts.bold,
            )
        )
        # the face of each face's narrow characters: regular and bold take the Latin faces
        self._narrow = (4, 5, 2, 3) if fonts.latin else (0, 1, 2, 3)
        # Where each line starts, for the whole text: a slide that holds fewer lines
        # takes the first of them (the paginator asks again for every candidate slide).
        self._starts: dict[tuple[Styled, float, float, float], tuple[int, ...]] = {}
        self._counts: dict[tuple[Styled, float, float, float], int] = {}
        # The paginator measures a paragraph at several sizes and widths: its advances
        # (in em, whatever the size) are worked out once, up to a paragraph's length.
        self._advances: dict[Styled, tuple[float, ...]] = {}

    def advances(self, text: Styled) -> tuple[float, ...]:
        """Advance of every character in em, Japanese/Latin spacing included."""
        found = self._advances.get(text)
        if found is None:
            found = self._measured(text)
            if len(found) <= MEMO_LIMIT:
                _keep(self._advances, text, found)
        return found

    def _measured(self, text: Styled) -> tuple[float, ...]:
        used = {g for f in set(text.faces) for g in (f, self._narrow[f])}
        tables = [self._faces[f].widths.covering(text.text) if f in used else {} for f in range(6)]
        narrow = self._narrow
        memo = _WIDE
        out: list[float] = []
        previous_wide: bool | None = None
        for char, face in zip(text.text, text.faces, strict=True):
            wide = memo.get(char)
            if wide is None:
                wide = is_wide(char)
            width = tables[face if wide else narrow[face]].get(ord(char))
            if width is None:
                width = _missing_width(char)
            if char == "\n":
                previous_wide = None
            elif char not in SPACES:  # a space takes the script of the character before it
                if previous_wide is not None and wide != previous_wide:
                    width += AUTOSPACE
                previous_wide = wide
            out.append(width)
        return tuple(out)

    def width(self, text: Styled | str, size: float) -> float:
        """Width in points of ``text`` set on one line at ``size``."""
        if isinstance(text, str):
            text = Styled.plain(text)
        return sum(self.advances(text)) * size

    def line_starts(
        self,
        text: Styled,
        size: float,
        width: float,
        first_width: float | None = None,
        max_lines: int | None = None,
    ) -> list[int]:
        """Offsets where each line starts when ``text`` is wrapped (stops after ``max_lines``)."""
        first = width if first_width is None else first_width
        if len(text.text) > MEMO_LIMIT:  # only as many lines as asked for
            return wrap(text.text, self.advances(text), first / size, width / size, max_lines)
        found = self._whole_wrap(text, size, width, first)
        # Greedy breaking: the first lines of the whole text are the lines of its beginning.
        # wrap() returns the start after the last line asked for (after the first, for 0).
        return list(found if max_lines is None else found[: max(max_lines, 1) + 1])

    def _whole_wrap(self, text: Styled, size: float, width: float, first: float) -> tuple[int, ...]:
        key = (text, size, width, first)
        found = self._starts.get(key)
        if found is None:
            found = tuple(wrap(text.text, self.advances(text), first / size, width / size))
            _keep(self._starts, key, found)
        return found

    def count_lines(
        self, text: Styled, size: float, width: float, first_width: float | None = None
    ) -> int:
        """How many lines ``text`` takes at ``size`` in a column ``width`` points wide."""
        first = width if first_width is None else first_width
        if len(text.text) <= MEMO_LIMIT:
            return len(self._whole_wrap(text, size, width, first))
        key = (text, size, width, first)  # a long text: its count is kept, not its lines
        found = self._counts.get(key)
        if found is None:
            found = len(self.line_starts(text, size, width, first))
            _keep(self._counts, key, found)
        return found

    def truncate(
        self,
        text: str,
        size: float,
        width: float,
        max_lines: int = 1,
        *,
        face: int = REGULAR,
        suffix: str = "",
    ) -> str:
        """``text`` + ``suffix`` when it fits in ``max_lines``; else shortened, with "…"."""
        whole = Styled.plain(text + suffix, face)
        starts = self.line_starts(whole, size, width, max_lines=max_lines)
        if len(starts) <= max_lines:
            return text + suffix
        cut = min(starts[max_lines], len(text))
        while cut > 0:
            candidate = text[:cut].rstrip() + "…" + suffix
            if self.count_lines(Styled.plain(candidate, face), size, width) <= max_lines:
                return candidate
            cut -= 1
        return "…" + suffix


def _keep(memo: dict[K, V], key: K, value: V) -> None:
    if len(memo) >= MEMO_ENTRIES:
        memo.clear()
    memo[key] = value


def _missing_width(char: str) -> float:
    if char == "\n" or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return MISSING_WIDE if unicodedata.east_asian_width(char) in ("W", "F") else MISSING_NARROW


# --- line breaking ----------------------------------------------------------------


def can_break(before: str, after: str, previous: str = "") -> bool:
    """May a line end between ``before`` and ``after``? (``previous`` precedes ``before``.)"""
    if after in NO_START or before in NO_END or after in SPACES or after == "\n":
        return False
    if before in SPACES or before == "\n":
        return True
    if is_wide(before) or is_wide(after):
        return not (joins_before(after) or before == ZERO_WIDTH_JOINER)  # not inside "👩‍💻"
    # "news/2020" and "well-known" may break after the mark; "2020/04" and "1-2" may not.
    return before in SOFT_BREAK_AFTER and not (after.isdigit() and previous.isdigit())


ZERO_WIDTH_JOINER = "\u200d"


def joins_before(char: str) -> bool:
    """True for a character drawn with the one before it: a combining mark (゙ of か゛),
    a joiner, a variation selector or an emoji skin tone."""
    found = _JOINS.get(char)
    if found is None:
        code = ord(char)
        found = (
            unicodedata.category(char) in ("Mn", "Me", "Mc")
            or char == ZERO_WIDTH_JOINER
            or 0xFE00 <= code <= 0xFE0F
            or 0xE0100 <= code <= 0xE01EF
            or 0x1F3FB <= code <= 0x1F3FF
        )
        _JOINS[char] = found
    return found


_JOINS: dict[str, bool] = {}  # a memo of joins_before


def break_points(text: str) -> bytes:
    """For each offset of ``text``, 1 where a line may start (:func:`can_break` before it).

    Worked out once per text: the planner wraps the same text at several widths.
    """
    found = _BREAKS.get(text)
    if found is None:
        flags = bytearray(len(text))
        for index in range(1, len(text)):
            if can_break(text[index - 1], text[index], text[index - 2] if index > 1 else ""):
                flags[index] = 1
        found = bytes(flags)
        _keep(_BREAKS, text, found)
    return found


_BREAKS: dict[str, bytes] = {}  # a memo of break_points, for texts up to MEMO_LIMIT


def wrap(
    text: str,
    advances: Sequence[float],
    first: float,
    rest: float,
    max_lines: int | None = None,
) -> list[int]:
    """Greedy line breaking; widths in em. Returns the offset each line starts at.

    Trailing spaces hang past the end of a line, as in every renderer. When a
    line has no allowed break, it is broken before the character that
    overflows (a Latin word longer than a line, as a last resort).
    """
    breaks = break_points(text) if len(text) <= MEMO_LIMIT else b""  # long: as it goes
    starts = [0]
    limit = first + 1e-9
    used = 0.0  # width of the line so far, spaces before this character included
    breakable = -1  # latest offset where the current line may end
    start = 0
    index = 0
    count = len(text)
    while index < count:
        char = text[index]
        if char == "\n":
            start = index + 1
            starts.append(start)
            if max_lines is not None and len(starts) > max_lines:
                break
            used, breakable, limit = 0.0, -1, rest + 1e-9
            index += 1
            continue
        if index > start and (
            breaks[index]
            if breaks
            else can_break(text[index - 1], char, text[index - 2] if index > 1 else "")
        ):
            breakable = index
        used += advances[index]
        if used > limit and index > start and char not in SPACES:
            start = breakable if breakable > start else index
            starts.append(start)
            if max_lines is not None and len(starts) > max_lines:
                break
            used, breakable, limit = 0.0, -1, rest + 1e-9
            index = start  # measure the new line from its first character
            continue
        index += 1
    return starts


def sentence_cuts(text: str) -> Iterable[int]:
    """Offsets just after each sentence end (and the spaces after it)."""
    count = len(text)
    for index, char in enumerate(text):
        if char not in SENTENCE_ENDS:
            continue
        after = index + 1
        if char in ".!?" and after < count and text[after] not in SPACES:
            continue  # "3.5", "e.g.x": not a sentence end
        while after < count and text[after] in SPACES:
            after += 1
        if after < count and text[after] not in SENTENCE_ENDS and text[after] not in NO_START:
            yield after


# --- making measurers -------------------------------------------------------------


@functools.cache
def default_measurer() -> Measurer:
    """A measurer with Noto Sans CJK JP (and its Mono), found with fontconfig."""
    return _measurer(DEFAULT_FAMILY, DEFAULT_MONO)


def measurer_from_files(
    regular: str, bold: str = "", mono: str = "", mono_bold: str = ""
) -> Measurer:
    """A measurer for font files given by path (a .ttc: its Noto Sans CJK JP faces)."""
    mono = mono or regular
    return Measurer(
        FontSet(
            FontFile(regular, DEFAULT_FAMILY),
            FontFile(bold or regular, DEFAULT_FAMILY, True),
            FontFile(mono, DEFAULT_MONO),
            FontFile(mono_bold or mono, DEFAULT_MONO, True),
        )
    )


def measurer_for(font_ja: str, font_mono: str, font_latin: str = "") -> Measurer:
    """A measurer for the faces a deck names, falling back to Noto Sans CJK JP.

    A family fontconfig does not know is measured with the default face; the
    safety margin of the planner covers the small differences. A Latin font
    other than the Japanese one measures the Latin characters.
    """
    regular = find_font(font_ja) and font_ja
    mono = find_font(font_mono) and font_mono
    family = regular or DEFAULT_FAMILY
    latin = find_font(font_latin) and font_latin if font_latin else ""
    return _measurer(family, mono or DEFAULT_MONO, latin if latin != family else "")


@functools.cache
def _measurer(family: str, mono: str, latin: str = "") -> Measurer:
    faces: list[FontFile] = []
    names = [(family, False), (family, True), (mono, False), (mono, True)]
    if latin:
        names += [(latin, False), (latin, True)]
    for name, bold in names:
        found = find_font(name, bold=bold) or find_font(name)
        if found is None:
            raise UserError(
                Diagnostic(
                    "fonts",
                    None,
                    "error",
                    f"the font '{name}' is not installed; "
                    "install fonts-noto-cjk (Debian, Ubuntu) or Noto Sans CJK JP from "
                    "https://github.com/notofonts/noto-cjk, then build again",
                )
            )
        faces.append(FontFile(found.path, name, bold))
    return Measurer(FontSet(*faces))
