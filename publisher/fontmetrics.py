"""Advance widths of font faces, read once: from a cache file or from the font itself.

Widths come from the face's ``hmtx`` table through its best ``cmap``
(fontTools); a ``.ttc`` collection is opened and the face picked by family
name. Decoding a CJK face takes about half a second, so the widths are also
kept in a small file under the user's cache folder (``$XDG_CACHE_HOME`` or
``~/.cache``, ``publisher/fontwidths``), named after the font file's path,
size and modification time; any problem with that folder is ignored.

A CJK face has about 45,000 widths and notes use a few thousand characters,
so the widths stay in two arrays in code point order (:class:`Widths`) and a
character is looked up the first time it is asked for: making a dict of all
of them took about 11 ms a face in every process that measured.
"""

from __future__ import annotations

import array
import functools
import hashlib
import os
import tempfile
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import fontconfig
from .diagnostics import Diagnostic, UserError

CACHE_VERSION = "2"  # 2: code points in order
MAX_CODE = 0x10FFFF


@dataclass(frozen=True)
class FontFile:
    """One face: a font file, and the family to pick from a collection (.ttc)."""

    path: str
    family: str
    bold: bool = False


class Widths:
    """Advance widths of one face in em, by code point, looked up as they are asked for."""

    def __init__(self, codes: array.array[int], advances: array.array[float]) -> None:
        self._codes = codes  # in order
        self._advances = advances
        self._known: dict[int, float] = {}
        self._asked: set[str] = set()

    @classmethod
    def of(cls, widths: Mapping[int, float]) -> Widths:
        ordered = sorted(widths.items())
        return cls(
            array.array("I", (c for c, _ in ordered)), array.array("d", (w for _, w in ordered))
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Widths | None:
        """What :meth:`to_bytes` wrote (None when it cannot be): code points in order
        (uint32), then their widths (float64)."""
        if not data or len(data) % 12:
            return None
        codes, advances = array.array("I"), array.array("d")
        count = len(data) // 12
        codes.frombytes(data[: 4 * count])
        advances.frombytes(data[4 * count :])
        return cls(codes, advances)

    def to_bytes(self) -> bytes:
        return self._codes.tobytes() + self._advances.tobytes()

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: int) -> float | None:
        """The advance of ``code``, or None when the face has no glyph for it."""
        found = self._known.get(code)
        if found is None and 0 <= code <= MAX_CODE and chr(code) not in self._asked:
            self._look_up(chr(code))
            found = self._known.get(code)
        return found

    def covering(self, text: str) -> Mapping[int, float]:
        """Code point → advance, for at least every character of ``text`` the face has."""
        asked = self._asked
        if not asked.issuperset(text):
            for char in set(text).difference(asked):
                self._look_up(char)
        return self._known

    def _look_up(self, char: str) -> None:
        code, codes = ord(char), self._codes
        index = bisect_left(codes, code)
        if index < len(codes) and codes[index] == code:
            self._known[code] = self._advances[index]
        self._asked.add(char)  # after its answer: another thread never finds it half done


class Face:
    """Advance widths of one face, in em, loaded on first use."""

    def __init__(self, font: FontFile) -> None:
        self.font = font
        self._widths: Widths | None = None

    @property
    def widths(self) -> Widths:
        if self._widths is None:
            self._widths = _load_widths(self.font)
        return self._widths


@functools.cache
def _load_widths(font: FontFile) -> Widths:
    """The face's advance widths, from the cache file or the font."""
    where = _cache_file(font)
    if where is not None:
        cached = _read_cache(where)
        if cached is not None:
            return cached
    widths = Widths.of(_read_font(font))
    if where is not None:
        _write_cache(where, widths)
    return widths


def _cache_file(font: FontFile) -> Path | None:
    try:
        stat = os.stat(font.path)
    except OSError:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    key = f"{CACHE_VERSION}|{font.path}|{stat.st_size}|{stat.st_mtime_ns}|{font.family}|{font.bold}"
    name = hashlib.sha256(key.encode()).hexdigest()[:32]
    return Path(base) / "publisher" / "fontwidths" / f"{name}.bin"


def _read_cache(where: Path) -> Widths | None:
    """Widths saved by :func:`_write_cache`."""
    try:
        return Widths.from_bytes(where.read_bytes())
    except OSError:
        return None


def _write_cache(where: Path, widths: Widths) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where.parent, suffix=".part")
        with os.fdopen(handle, "wb") as stream:
            stream.write(widths.to_bytes())
        os.replace(temporary, where)
    except OSError:
        return


def _read_font(font: FontFile) -> dict[int, float]:
    """Code point → advance width in em, from ``hmtx`` through the best ``cmap``."""
    from fontTools.ttLib import TTCollection, TTFont

    opened: Any = None
    try:
        if font.path.lower().endswith((".ttc", ".otc")):
            opened = TTCollection(font.path, lazy=True)
            chosen = _pick_face(opened.fonts, font)
        else:
            opened = chosen = TTFont(font.path, lazy=True)
        cmap = chosen.getBestCmap()
        metrics = chosen["hmtx"].metrics
        per_em = float(chosen["head"].unitsPerEm)
        return {cp: metrics[g][0] / per_em for cp, g in cmap.items() if g in metrics}
    except (OSError, KeyError, ValueError, AssertionError) as error:
        raise UserError(
            Diagnostic(
                font.path,
                None,
                "error",
                f"cannot read the font file ({error}); "
                "install fonts-noto-cjk or name another font file",
            )
        ) from error
    finally:
        if opened is not None:
            opened.close()


def _pick_face(faces: Sequence[Any], font: FontFile) -> Any:
    """The face of a collection whose family name is ``font.family`` (bold or not)."""
    wanted = font.family.casefold()
    fallback = None
    for face in faces:
        names = face["name"]
        family = str(names.getDebugName(16) or names.getDebugName(1) or "").casefold()
        style = str(names.getDebugName(17) or names.getDebugName(2) or "").casefold()
        full = str(names.getDebugName(4) or "").casefold()
        if family == wanted or full in (wanted, f"{wanted} bold"):
            if ("bold" in style or full.endswith(" bold")) == font.bold:
                return face
            fallback = fallback or face
    if fallback is not None:
        return fallback
    raise KeyError(f"no face named {font.family!r} in the collection")


def find_font(family: str, *, bold: bool = False) -> FontFile | None:
    """The file fontconfig gives for ``family``, when that family is really installed."""
    found = _fc_match(family + (":style=Bold" if bold else ""))
    if found is None:
        return None
    path, families = found
    if family.casefold() not in (f.strip().casefold() for f in families.split(",")):
        return None
    return FontFile(path, family, bold)


@functools.cache
def _fc_match(pattern: str) -> tuple[str, str] | None:
    path, _, families = fontconfig.match(pattern, "%{file}\t%{family}").partition("\t")
    return (path, families) if path else None
