"""WeasyPrint's copy of each font file made only when the whole file is needed.

When WeasyPrint first draws text in a face, it copies the face's whole font
file into memory (``Font.file_content``), then, writing the PDF, embeds a
subset that HarfBuzz makes from the face itself: with HarfBuzz subsetting
the copy is never read. A Noto Sans CJK collection is about 20 MB, and
copying it also pages the whole mapped file in, so each face drawn held
about 40 MB of a handout's memory until the end of the build (about 50 MiB
of the peak of the ×5 slide handout, 20–25 MiB of each ×20 handout's:
bench/NOTES.md).

:func:`read_font_files_when_needed` makes the copy when something reads it
(a variable face, an emoji face, subsetting with fontTools, or no
subsetting), never before. It changes WeasyPrint only where its ``Font``
stores the copy straight away and nothing else uses it, which is checked on
the code before anything is changed, so a WeasyPrint that uses the copy
otherwise is left alone.
"""

from __future__ import annotations

import sys
from typing import Any

_STORED = "_publisher_file_content"
_NONE = object()
_TEXT_FONTS = "weasyprint.text.fonts"  # where WeasyPrint's own reader lives
_CALLING = frozenset({"PRECALL", "CALL", "CACHE", "PUSH_NULL", "KW_NAMES"})  # no data moves


class _Later:
    """A face whose file is read when its ``file_content`` is first asked for."""

    __slots__ = ("face",)

    def __init__(self, face: Any) -> None:
        self.face = face


class FileContent:
    """``Font.file_content``: the stored bytes, read from the face on first use."""

    def __init__(self, read: Any) -> None:
        self.read = read  # WeasyPrint's get_hb_object_data

    def __get__(self, font: Any, owner: Any = None) -> Any:
        if font is None:
            return self
        content = font.__dict__.get(_STORED, _NONE)
        if content is _NONE:  # a font made before the change keeps its own copy
            return font.__dict__["file_content"]
        if isinstance(content, _Later):
            content = font.__dict__[_STORED] = self.read(content.face)
        return content

    def __set__(self, font: Any, content: Any) -> None:
        font.__dict__[_STORED] = content


def read_font_files_when_needed() -> None:
    """Make WeasyPrint copy a font file into memory only when something reads the copy."""
    try:
        from weasyprint.pdf import fonts
    except ImportError:  # a WeasyPrint laid out otherwise
        return
    mend(fonts)


def mend(fonts: Any) -> bool:
    """Defer the copy in ``fonts`` (WeasyPrint's ``weasyprint.pdf.fonts``); whether it did."""
    read = getattr(fonts, "get_hb_object_data", None)
    font_class = getattr(fonts, "Font", None)
    if read is None or font_class is None or getattr(read, "__module__", "") != _TEXT_FONTS:
        return False  # already ours, or not the WeasyPrint this was written for
    if "file_content" in vars(font_class) or not _stores_the_copy_only(font_class):
        return False
    made_by = font_class.__init__.__code__

    def read_later(face: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        if ot_color is None and glyph is None and sys._getframe(1).f_code is made_by:
            return _Later(face)  # Font.__init__ stores it in file_content (checked)
        return read(face, ot_color, glyph)

    read_later.__doc__ = read.__doc__
    font_class.file_content = FileContent(read)
    fonts.get_hb_object_data = read_later
    return True


def _stores_the_copy_only(font_class: Any) -> bool:
    """Whether ``Font.__init__`` reads the face once and stores it in ``self.file_content``
    straight away: ``self.file_content = get_hb_object_data(self.hb_face)``."""
    import dis

    try:
        steps = [(step.opname, step.argval) for step in dis.get_instructions(font_class.__init__)]
    except TypeError:
        return False
    reads = [at for at, (_, name) in enumerate(steps) if name == "get_hb_object_data"]
    if len(reads) != 1:
        return False
    after = [step for step in steps[reads[0] + 1 :] if step[0] not in _CALLING][:4]
    return after == [
        ("LOAD_FAST", "self"),
        ("LOAD_ATTR", "hb_face"),
        ("LOAD_FAST", "self"),
        ("STORE_ATTR", "file_content"),
    ]
