"""``publisher init``: a starter notes file that shows every convention.

The starter (``templates/starter-ja.md`` or ``starter-en.md``) parses with no
warning and builds as it is; it refers to a picture, which is written next to
it (a small PNG drawn here, so the package carries no binary for it).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from .atomic import write_atomic
from .diagnostics import Diagnostic, UserError

LANGS = ("ja", "en")
PICTURE = "publisher-picture.png"  # the name the starters refer to


def templates_folder() -> Path:
    """The built-in templates: package data when installed, else the checkout's folder."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "templates"


def starter_text(lang: str) -> str:
    """The starter notes in ``lang`` (``ja`` or ``en``)."""
    if lang not in LANGS:
        raise ValueError(f"no starter in {lang!r}")
    return (templates_folder() / f"starter-{lang}.md").read_text(encoding="utf-8")


def write_starter(path: Path, lang: str = "ja", *, force: bool = False) -> list[Path]:
    """Write the starter notes to ``path`` and its picture beside it; return what was written.

    An existing notes file is never replaced unless ``force``; an existing
    picture of the same name is kept (it is only an example).
    """
    text = starter_text(lang)
    if path.is_dir():
        raise UserError(
            Diagnostic(str(path), None, "error", "is a folder; give the notes file's name")
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if force:
        write_atomic(path, data)
    else:
        try:
            with path.open("xb") as stream:  # refuses atomically when the file exists
                stream.write(data)
        except FileExistsError:
            message = "already exists; nothing was written (use --force to replace it)"
            raise UserError(Diagnostic(str(path), None, "error", message)) from None
    written = [path]
    picture = path.parent / PICTURE
    if force or not picture.exists():
        write_atomic(picture, picture_png())
        written.append(picture)
    return written


# --- the picture ----------------------------------------------------------------------

Colour = tuple[int, int, int]
_BACK: Colour = (0xF4, 0xF6, 0xFA)
_ACCENT: Colour = (0x1F, 0x5F, 0xAF)
_PAPER: Colour = (0xFF, 0xFF, 0xFF)
_RULE: Colour = (0xC8, 0xCE, 0xD8)
_INK: Colour = (0x22, 0x22, 0x22)


class _Canvas:
    def __init__(self, width: int, height: int, colour: Colour) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(colour) * (width * height))

    def box(self, x: int, y: int, w: int, h: int, colour: Colour) -> None:
        row = bytes(colour) * w
        for line in range(max(y, 0), min(y + h, self.height)):
            start = (line * self.width + x) * 3
            self.pixels[start : start + 3 * w] = row

    def page(self, x: int, y: int, w: int, h: int, band: Colour | None = None) -> None:
        """A sheet with a shadow, an optional coloured title band and ruled lines."""
        self.box(x + 4, y + 4, w, h, _RULE)
        self.box(x, y, w, h, _PAPER)
        top = y + 14
        if band is not None:
            self.box(x, y, w, 22, band)
            top = y + 34
        for line in range(top, y + h - 10, 14):
            self.box(x + 12, line, w - 24 - (line * 7) % 40, 4, _RULE)

    def arrow(self, x: int, y: int, length: int) -> None:
        self.box(x, y - 3, length, 6, _INK)
        for step in range(12):
            self.box(x + length + step, y - 12 + step, 1, 2 * (12 - step), _INK)

    def png(self) -> bytes:
        rows = b"".join(
            b"\x00" + bytes(self.pixels[r * self.width * 3 : (r + 1) * self.width * 3])
            for r in range(self.height)
        )

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 9))
            + chunk(b"IEND", b"")
        )


def picture_png() -> bytes:
    """A 640 × 360 drawing: a notes page, an arrow, a slide and a handout page."""
    canvas = _Canvas(640, 360, _BACK)
    canvas.page(40, 60, 160, 240)  # the notes
    canvas.arrow(220, 180, 60)
    canvas.page(310, 60, 290, 150, band=_ACCENT)  # a slide
    canvas.page(310, 230, 130, 100)  # a handout page
    canvas.page(470, 230, 130, 100)
    return canvas.png()
