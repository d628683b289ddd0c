"""The fonts the PDF handouts print with: found once per process, checked for gaps.

Japanese needs a CJK face (Noto Sans CJK JP, regular and bold, from the
Debian package ``fonts-noto-cjk``). Fonts are found through fontconfig, the
same library WeasyPrint draws with, or taken from a font file named in the
settings. Characters that no installed font has (emoji, usually) would print
as empty boxes; :func:`coverage_diagnostics` says which, and where.
"""

from __future__ import annotations

import bisect
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import fontconfig
from .config import FONT_SUFFIXES
from .diagnostics import Diagnostic, UserError

CJK_PACKAGE = "fonts-noto-cjk"
EMOJI_PACKAGE = "fonts-noto-color-emoji"
HARFBUZZ_PACKAGE = "libharfbuzz-subset0"
# Families tried, in order, for characters the main face lacks.
EMOJI_FAMILIES = ("Noto Color Emoji", "Noto Emoji", "Twemoji", "Symbola")


@dataclass(frozen=True)
class FontFace:
    """One font file and the family name CSS uses for it."""

    family: str
    path: Path
    index: int = 0
    declared: bool = False  # True: loaded with @font-face from ``path``


@dataclass(frozen=True)
class HandoutFonts:
    """Regular and bold body faces, the code face, and the fallbacks after them."""

    regular: FontFace
    bold: FontFace
    mono: FontFace | None
    fallbacks: tuple[str, ...]
    latin: str = ""  # an installed family for Latin text, other than the body face's

    @property
    def files(self) -> tuple[Path, ...]:
        """Files the PDF writer may read: the declared ones."""
        faces = (self.regular, self.bold, self.mono)
        paths = (f.path for f in faces if f is not None and f.declared)
        return tuple(dict.fromkeys(paths))


def fc_match(family: str, *, bold: bool = False) -> FontFace | None:
    """The installed file of ``family`` (bold when asked), or None when it is not installed.

    ``fc-match`` always answers with some font; the answer only counts when
    its family names include the one asked for.
    """
    pattern = f"{family}:weight=bold" if bold else f"{family}:weight=regular"
    out = fontconfig.match(pattern, "%{file}\\t%{index}\\t%{family}\\n")
    if not out.strip():
        return None
    file, index, families = [*out.splitlines()[0].split("\t"), "", ""][:3]
    names = {name.strip().casefold() for name in families.split(",")}
    if family.casefold() not in names or not file:
        return None
    return FontFace(family, Path(file), int(index) if index.isdigit() else 0)


def _face(setting: str, base_dir: Path | None, *, bold: bool) -> FontFace | None:
    """A face from a setting: a font file path, or a family name for fontconfig."""
    if setting.lower().endswith(FONT_SUFFIXES):
        path = Path(setting)
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        path = path.resolve()
        if not path.is_file():
            return None
        return FontFace(f"publisher {path.stem}", path, declared=True)
    return fc_match(setting, bold=bold)


@functools.lru_cache(maxsize=16)
def _lookup(ja: str, mono: str, base_dir: Path | None, latin: str = "") -> HandoutFonts | str:
    regular = _face(ja, base_dir, bold=False)
    if regular is None:
        return ja
    bold = _face(ja, base_dir, bold=True) or regular
    code = _face(mono, base_dir, bold=False) if mono else None
    fallbacks = tuple(f for f in EMOJI_FAMILIES if fc_match(f) is not None)
    other = latin not in ("", ja, regular.family) and fc_match(latin) is not None
    return HandoutFonts(
        regular, bold, code, fallbacks, latin if other and _latin_only(latin) else ""
    )


@functools.cache
def has_italic(family: str) -> bool:
    """Whether an installed face of ``family`` is italic or oblique."""
    return fontconfig.any_font(f"{family}:slant=100") or fontconfig.any_font(f"{family}:slant=110")


def emphasis_slanted(fonts: HandoutFonts) -> tuple[bool, bool]:
    """Whether the handouts slant emphasis themselves, for Japanese and for Latin text:
    where the face that prints it has no italic (Noto Sans CJK has none), as
    WeasyPrint prints the upright face for italic text where PowerPoint slants it."""
    japanese = fonts.regular.declared or not has_italic(fonts.regular.family)
    latin = not has_italic(fonts.latin) if fonts.latin else japanese
    return japanese, latin


def _latin_only(family: str) -> bool:
    """Whether ``family`` has no Japanese. One that has would print the Japanese text too
    (CSS takes each character from the first family that has it), where the decks draw
    it in the Japanese face."""
    return not fontconfig.any_font(f"{family}:lang=ja")


def handout_fonts(
    font_ja: str,
    font_mono: str = "",
    *,
    font_latin: str = "",
    base_dir: Path | None = None,
    source: str = "",
) -> HandoutFonts:
    """The faces to print with; cached for the process.

    ``font_latin``, when installed, not the Japanese face and without
    Japanese glyphs of its own, prints Latin text, as the decks name it for
    their Latin characters. Raises
    :class:`UserError` when the Japanese face is not installed, naming the
    package to install.
    """
    found = _lookup(font_ja, font_mono, base_dir, font_latin)
    if isinstance(found, HandoutFonts):
        return found
    if found.lower().endswith(FONT_SUFFIXES):
        message = (
            f"font file '{found}' does not exist; fix the font_ja setting or remove it "
            f"to use Noto Sans CJK JP (Debian/Ubuntu package {CJK_PACKAGE})"
        )
    else:
        message = (
            f"font '{found}' is not installed, and Japanese text needs it: install the "
            f"Debian/Ubuntu package {CJK_PACKAGE} (sudo apt install {CJK_PACKAGE}), "
            f"or set font_ja to an installed font or a font file"
        )
    raise UserError(Diagnostic(source or "publisher", None, "error", message))


def harfbuzz_subset_warning() -> str | None:
    """Why PDF fonts will be subset slowly (with fontTools), or None when HarfBuzz will do it.

    Uses the same test as WeasyPrint: ``libharfbuzz-subset`` loaded and
    HarfBuzz 4.1 or newer.
    """
    from .weasyprint_import import import_weasyprint

    try:
        import_weasyprint()
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError) as error:  # pragma: no cover - broken installation
        return f"WeasyPrint cannot load its text libraries ({error})"
    if harfbuzz_subset is not None and harfbuzz.hb_version_atleast(4, 1, 0):
        return None
    return (
        "libharfbuzz-subset is not installed, so PDF fonts are subset with fontTools, "
        f"about 8 times slower: install the Debian/Ubuntu package {HARFBUZZ_PACKAGE}"
    )


# --- glyph coverage --------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _charset(path: Path, index: int) -> tuple[tuple[int, int], ...]:
    """The code point ranges a font file maps (one face of a collection), for when
    fontconfig's library cannot be loaded.

    Asked of ``fc-query``; read with fontTools when fontconfig is not there.
    """
    out = fontconfig.query(str(path), index, "%{charset}\\n")
    if out.strip():
        ranges = []
        for item in out.split():
            low, _, high = item.partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
        return tuple(sorted(ranges))
    return _ranges(sorted(_cmap(path, index)))


def _ranges(codes: list[int]) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return tuple(ranges)


def _covers(ranges: tuple[tuple[int, int], ...], code: int) -> bool:
    at = bisect.bisect_right(ranges, (code, 0x110000)) - 1
    return at >= 0 and ranges[at][0] <= code <= ranges[at][1]


def is_variable(face: FontFace) -> bool:
    """True when ``face`` has variation axes (an ``fvar`` table): WeasyPrint fixes
    them with fontTools' instancer before it embeds the face."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(face.path), lazy=True, fontNumber=face.index) as font:
            return "fvar" in font
    except (OSError, TTLibError, IndexError, KeyError):
        return False


def _cmap(path: Path, index: int) -> frozenset[int]:
    """The code points a font file maps, read with fontTools."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            collection = TTCollection(str(path), lazy=True)
            try:
                return frozenset(collection.fonts[index].getBestCmap() or {})
            finally:
                collection.close()
        with TTFont(str(path), lazy=True, fontNumber=index) as font:
            return frozenset(font.getBestCmap() or {})
    except (OSError, TTLibError, IndexError, KeyError):
        return frozenset()


@functools.lru_cache(maxsize=4096)
def installed_font_has(char: str) -> bool:
    """True when some installed font has ``char``: fontconfig falls back to it."""
    return fontconfig.any_font(f":charset={ord(char):x}")


def _needs_glyph(char: str) -> bool:
    """False for spaces, controls, joiners and variation selectors, which draw nothing."""
    if char.isspace():
        return False
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return False
    code = ord(char)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


def missing_characters(text: str, fonts: HandoutFonts) -> list[str]:
    """Characters of ``text`` that neither the handout's faces nor any installed font have."""
    uncovered = [char for char in sorted(set(text)) if _needs_glyph(char)]
    for face in [fonts.regular] + ([fonts.mono] if fonts.mono else []):
        if not uncovered:
            break
        has = _face_has(face, [ord(char) for char in uncovered])
        uncovered = [char for char, found in zip(uncovered, has, strict=True) if not found]
    return [char for char in uncovered if not installed_font_has(char)]


def _face_has(face: FontFace, codes: list[int]) -> list[bool]:
    """Whether ``face`` maps each of ``codes``: asked of fontconfig's library, or
    looked up in the ranges its tool (or fontTools) gives."""
    found = fontconfig.face_has(str(face.path), face.index, codes)
    if found is not None:
        return found
    ranges = _charset(face.path, face.index)
    return [_covers(ranges, code) for code in codes]


def coverage_diagnostics(
    pieces: Iterable[tuple[int | None, str]], fonts: HandoutFonts, source: str
) -> list[Diagnostic]:
    """A warning per character no font can print, at the first line that uses it."""
    pieces = list(pieces)
    missing = missing_characters("".join(text for _, text in pieces), fonts)
    problems = []
    for char in missing:
        line = next((ln for ln, text in pieces if char in text), None)
        name = unicodedata.name(char, "unnamed character").lower()
        problems.append(
            Diagnostic(
                source,
                line,
                "warning",
                f"no installed font has '{char}' (U+{ord(char):04X}, {name}); it prints "
                f"as an empty box in the PDF: install {EMOJI_PACKAGE} for emoji, "
                f"or another font that has it",
            )
        )
    return problems
