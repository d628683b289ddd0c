"""Font widths: read from the face, kept in a cache file that never changes a result."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_support import measurer_or_skip

from publisher.fontmetrics import (
    FontFile,
    Widths,
    _cache_file,
    _read_cache,
    _read_font,
    _write_cache,
)


@pytest.fixture(scope="module")
def regular() -> FontFile:
    return measurer_or_skip().fonts.regular


def test_the_cache_gives_back_exactly_the_widths(
    regular: FontFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    where = _cache_file(regular)
    assert where is not None and tmp_path in where.parents
    widths = _read_font(regular)
    assert widths[ord("あ")] == 1.0 and 0 < widths[ord("i")] < widths[ord("W")]
    _write_cache(where, Widths.of(widths))
    cached = _read_cache(where)
    assert cached is not None and len(cached) == len(widths)
    assert all(cached.get(code) == width for code, width in widths.items())
    assert cached.get(0x10FFFF) is None  # no glyph: asked, and answered the same way again
    assert cached.get(0x10FFFF) is None


def test_a_damaged_or_unwritable_cache_is_ignored(regular: FontFile, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.bin"
    damaged.write_bytes(b"12345")
    assert _read_cache(damaged) is None
    assert _read_cache(tmp_path / "missing.bin") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    _write_cache(blocker / "sub" / "widths.bin", Widths.of({1: 0.5}))  # no exception


def test_bold_and_mono_faces_are_picked_from_collections(regular: FontFile) -> None:
    fonts = measurer_or_skip().fonts
    bold, mono = _read_font(fonts.bold), _read_font(fonts.mono)
    assert bold[ord("W")] > _read_font(regular)[ord("W")]
    assert mono[ord("i")] == mono[ord("W")] == 0.5


def test_widths_are_looked_up_as_characters_are_asked_for() -> None:
    """Only the characters asked for are looked up; each answer is the face's own."""
    widths = Widths.of({0x41: 0.6, 0x3042: 1.0, 0x20: 0.25, 0x1F600: 1.2})
    assert len(widths) == 4
    covered = widths.covering("AあA")
    assert covered == {0x41: 0.6, 0x3042: 1.0}  # nothing else made yet
    assert widths.covering("😀B") == {0x41: 0.6, 0x3042: 1.0, 0x1F600: 1.2}  # B: no glyph
    assert widths.get(0x20) == 0.25 and widths.get(ord("B")) is None
    again = Widths.from_bytes(widths.to_bytes())
    assert again is not None and [again.get(c) for c in (0x20, 0x41, 0x42, 0x3042, 0x1F600)] == [
        0.25,
        0.6,
        None,
        1.0,
        1.2,
    ]
    assert Widths.from_bytes(b"") is None and Widths.from_bytes(b"12345") is None
    assert widths.get(-1) is None and widths.get(0x110000) is None  # as a dict answers
