"""Questions to fontconfig, asked of its library in this process, or of its tools.

A build asks fontconfig about ten questions (which file holds a family, which
characters a face has, whether any installed font has a character). Each run
of ``fc-match``, ``fc-list`` or ``fc-query`` costs a process, 10 to 12 ms;
the library, loaded once through :mod:`ctypes`, answers the same questions in
a fraction of that. The answers are the tools' own: the same calls, the same
output formats (``FcPatternFormat``); whether a face has a character is asked
of the face's charset itself (:func:`face_has`).

When the library cannot be loaded the tools answer, and when neither is
there every answer is empty, as if no font were installed. :mod:`ctypes` is
imported on the first question, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll")
MATCH_PATTERN = 0  # FcMatchPattern
RESULT_MATCH = 0  # FcResultMatch


@functools.cache
def _library() -> Any | None:
    """libfontconfig with the calls used here declared, initialised; None when missing."""
    import ctypes

    class FontSet(ctypes.Structure):
        _fields_ = (
            ("nfont", ctypes.c_int),
            ("sfont", ctypes.c_int),
            ("fonts", ctypes.POINTER(ctypes.c_void_p)),
        )

    for name in LIBRARY_NAMES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        pointer, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
        for function, result, arguments in (
            ("FcInit", number, ()),
            ("FcNameParse", pointer, (text,)),
            ("FcConfigSubstitute", number, (pointer, pointer, number)),
            ("FcDefaultSubstitute", None, (pointer,)),
            ("FcFontMatch", pointer, (pointer, pointer, ctypes.POINTER(number))),
            ("FcPatternFormat", pointer, (pointer, text)),
            ("FcPatternDestroy", None, (pointer,)),
            ("FcStrFree", None, (pointer,)),
            ("FcObjectSetCreate", pointer, ()),
            ("FcObjectSetAdd", number, (pointer, text)),
            ("FcObjectSetDestroy", None, (pointer,)),
            ("FcFontList", ctypes.POINTER(FontSet), (pointer, pointer, pointer)),
            ("FcFontSetDestroy", None, (ctypes.POINTER(FontSet),)),
            ("FcFreeTypeQuery", pointer, (text, ctypes.c_uint, pointer, ctypes.POINTER(number))),
            ("FcPatternCreate", pointer, ()),
            ("FcPatternAddString", number, (pointer, text, text)),
            ("FcPatternAddInteger", number, (pointer, text, number)),
            ("FcPatternGetCharSet", number, (pointer, text, number, ctypes.POINTER(pointer))),
            ("FcCharSetHasChar", number, (pointer, ctypes.c_uint32)),
        ):
            call = getattr(lib, function)
            call.restype, call.argtypes = result, arguments
        if lib.FcInit():
            return lib
    return None


def _formatted(lib: Any, pattern: Any, form: str) -> str:
    """``FcPatternFormat`` of ``pattern`` (which is then destroyed); "" for no pattern."""
    import ctypes

    if not pattern:
        return ""
    try:
        out = lib.FcPatternFormat(pattern, form.encode())
        if not out:
            return ""
        try:
            return ctypes.string_at(out).decode("utf-8", "replace")
        finally:
            lib.FcStrFree(out)
    finally:
        lib.FcPatternDestroy(pattern)


def match(pattern: str, form: str) -> str:
    """What ``fc-match -f FORM PATTERN`` prints: the best installed font for the pattern."""
    lib = _library()
    if lib is None:
        return _run("fc-match", "-f", form, pattern)
    asked = lib.FcNameParse(pattern.encode())
    if not asked:
        return ""
    try:
        import ctypes

        lib.FcConfigSubstitute(None, asked, MATCH_PATTERN)
        lib.FcDefaultSubstitute(asked)
        result = ctypes.c_int()
        return _formatted(lib, lib.FcFontMatch(None, asked, ctypes.byref(result)), form)
    finally:
        lib.FcPatternDestroy(asked)


def any_font(pattern: str) -> bool:
    """Whether ``fc-list PATTERN`` lists anything: some installed font matches the pattern."""
    lib = _library()
    if lib is None:
        return bool(_run("fc-list", pattern, "family").strip())
    asked = lib.FcNameParse(pattern.encode())
    if not asked:
        return False
    objects = lib.FcObjectSetCreate()
    try:
        lib.FcObjectSetAdd(objects, b"family")
        fonts = lib.FcFontList(None, asked, objects)
        if not fonts:
            return False
        try:
            return bool(fonts.contents.nfont)
        finally:
            lib.FcFontSetDestroy(fonts)
    finally:
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(asked)


def query(path: str, index: int, form: str) -> str:
    """What ``fc-query -i INDEX -f FORM PATH`` prints: one face of a font file, read now."""
    lib = _library()
    if lib is None:
        return _run("fc-query", "-i", str(index), "-f", form, path)
    import ctypes

    count = ctypes.c_int()
    return _formatted(
        lib, lib.FcFreeTypeQuery(path.encode(), index, None, ctypes.byref(count)), form
    )


def face_has(path: str, index: int, codes: Sequence[int]) -> list[bool] | None:
    """Whether face ``index`` of the font file ``path`` maps each of ``codes``.

    An installed face is answered from fontconfig's cache; another file is read
    now, as ``fc-query`` reads it (an unreadable one maps nothing). None when
    the library cannot be loaded: the caller asks ``fc-query`` for the ranges.
    """
    lib = _library()
    if lib is None:
        return None
    import ctypes

    asked = lib.FcPatternCreate()
    objects = lib.FcObjectSetCreate()
    try:
        lib.FcPatternAddString(asked, b"file", path.encode())
        lib.FcPatternAddInteger(asked, b"index", index)
        lib.FcObjectSetAdd(objects, b"charset")
        installed = lib.FcFontList(None, asked, objects)
        try:
            if installed and installed.contents.nfont:
                return _has(lib, installed.contents.fonts[0], codes)
        finally:
            if installed:
                lib.FcFontSetDestroy(installed)
        count = ctypes.c_int()
        read = lib.FcFreeTypeQuery(path.encode(), index, None, ctypes.byref(count))
        if not read:
            return [False] * len(codes)
        try:
            return _has(lib, read, codes)
        finally:
            lib.FcPatternDestroy(read)
    finally:
        lib.FcObjectSetDestroy(objects)
        lib.FcPatternDestroy(asked)


def _has(lib: Any, face: Any, codes: Sequence[int]) -> list[bool]:
    """Whether the charset of the pattern ``face`` has each of ``codes``."""
    import ctypes

    charset = ctypes.c_void_p()
    if lib.FcPatternGetCharSet(face, b"charset", 0, ctypes.byref(charset)) != RESULT_MATCH:
        return [False] * len(codes)
    return [bool(lib.FcCharSetHasChar(charset, code)) for code in codes]


def _run(*command: str) -> str:
    """Output of a fontconfig tool, or "" when it is missing or fails."""
    import shutil
    import subprocess

    if shutil.which(command[0]) is None:
        return ""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout if done.returncode == 0 else ""
