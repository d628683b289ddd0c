"""Font widths: read from the face, kept in a cache file that never changes a result."""

from __future__ import annotations

from pathlib import Path

import pytest
from deck_support import measurer_or_skip

from publisher.fontmetrics import FontFile, _cache_file, _read_cache, _read_font, _write_cache


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
    _write_cache(where, widths)
    assert _read_cache(where) == widths


def test_a_damaged_or_unwritable_cache_is_ignored(regular: FontFile, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.bin"
    damaged.write_bytes(b"12345")
    assert _read_cache(damaged) is None
    assert _read_cache(tmp_path / "missing.bin") is None
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    _write_cache(blocker / "sub" / "widths.bin", {1: 0.5})  # no exception


def test_bold_and_mono_faces_are_picked_from_collections(regular: FontFile) -> None:
    fonts = measurer_or_skip().fonts
    bold, mono = _read_font(fonts.bold), _read_font(fonts.mono)
    assert bold[ord("W")] > _read_font(regular)[ord("W")]
    assert mono[ord("i")] == mono[ord("W")] == 0.5
