"""Freed C memory given back to the system (glibc's malloc_trim)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from publisher import heap

# Frees 60 MB of 64 KB blocks in the middle of the C heap (every tenth kept, so the
# top of the heap stays in use and glibc cannot give the rest back by itself), then
# prints the resident memory before and after giving it back.
FRAGMENTED = """
import ctypes
from publisher.heap import give_back_free_memory
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.mallopt(-1, 256 * 1024 * 1024)  # M_TRIM_THRESHOLD: glibc trims nothing itself
libc.mallopt(-3, 256 * 1024 * 1024)  # M_MMAP_THRESHOLD: the blocks come from the heap
def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS"))
blocks = [libc.malloc(64 * 1024) for _ in range(1000)]
for block in blocks:
    ctypes.memset(block, 1, 64 * 1024)
for index, block in enumerate(blocks):
    if index % 10:
        libc.free(block)
before = rss()
given = give_back_free_memory()
print(before, rss(), given)
"""


@pytest.mark.skipif(heap._malloc_trim() is None, reason="the C library is not glibc")
def test_memory_freed_in_the_middle_of_the_heap_goes_back_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", FRAGMENTED], capture_output=True, text=True, check=True
    )
    before, after, given = done.stdout.split()
    assert given == "True"
    assert int(before) - int(after) > 40_000  # KiB: most of the 56 MiB freed


class _NoTrim:
    """A C library without malloc_trim (musl, macOS)."""

    def __init__(self, name: object) -> None:
        pass


def _windows(name: object) -> None:
    raise TypeError("LoadLibrary() argument 1 must be str, not None")


@pytest.mark.parametrize("library", [_NoTrim, _windows], ids=["no-malloc_trim", "windows"])
def test_without_glibc_nothing_is_done(monkeypatch: pytest.MonkeyPatch, library: object) -> None:
    monkeypatch.setattr(heap.ctypes, "CDLL", library)
    heap._malloc_trim.cache_clear()
    try:
        assert heap._malloc_trim() is None
        assert heap.give_back_free_memory() is False
    finally:
        heap._malloc_trim.cache_clear()
