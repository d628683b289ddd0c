"""Memory the C libraries freed, given back to the system while a handout is written.

Pango, HarfBuzz, zlib and Python's larger objects take their memory from the
C library's ``malloc``. Freed, it stays in the process's heap for reuse, and
glibc hands whole free pages back to the system only from the top of the heap.
Writing a handout frees much of it in the middle: each drawn page's boxes and
text layouts, a laid-out part of the slide handout. At the end of drawing the
×20 reading handout held about 28 MiB of such free pages, which the fonts'
subsetting and the PDF's writing then added to (bench/NOTES.md).

:func:`give_back_free_memory` asks glibc to return them (``malloc_trim``);
with another C library it does nothing.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (TypeError: Windows)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back_free_memory() -> bool:
    """Return the heap's free pages to the system; whether any were returned."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
