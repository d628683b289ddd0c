"""PDF streams compressed at zlib's default level instead of its slowest.

pydyf, the PDF writer under WeasyPrint, compresses every stream (page
contents, the embedded font subsets, the object streams) at zlib's level 9.
On the handouts, level 9 takes two to four times as long as zlib's default
level (6) and makes the PDF 1–2 % smaller: at 20 times the reference notes,
1.1 s against 0.36 s for the slide handout (1,994 against 2,017 KiB) and 1.1
against 0.28 s for the reading handout (bench/NOTES.md).

:func:`compress_at_default_level` gives pydyf a ``zlib`` that makes its
level-9 compressors at the default level and is zlib in everything else.
The streams stay standard Flate streams that any reader decodes.
"""

from __future__ import annotations

import types
import zlib
from typing import Any

SLOWEST = 9
STREAM_LEVEL = 6  # zlib's default (Z_DEFAULT_COMPRESSION)


class DefaultLevelZlib(types.ModuleType):
    """zlib, but for compressors asked at level 9, made at :data:`STREAM_LEVEL`."""

    def __init__(self) -> None:
        super().__init__(zlib.__name__, zlib.__doc__)

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(STREAM_LEVEL if level == SLOWEST else level, *args, **kwargs)


def compress_at_default_level() -> None:
    """Make pydyf compress its streams at zlib's default level, not level 9."""
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:  # pydyf's own, not ours yet
        pydyf.zlib = DefaultLevelZlib()
