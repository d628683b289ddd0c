"""PDF streams compressed at zlib's default level: standard Flate streams, made faster."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import pydyf
import pytest

from publisher.pdf import render_pdf
from publisher.stream_compression import (
    STREAM_LEVEL,
    DefaultLevelZlib,
    compress_at_default_level,
)

CONTENT = [b"BT /F1 12 Tf 72 712 Td (page) Tj ET"] * 200


@pytest.fixture()
def pydyf_as_it_comes() -> Iterator[None]:
    """pydyf with its own zlib (a build in this process may have changed it), and after."""
    pydyf.zlib = zlib  # type: ignore[attr-defined]
    yield
    pydyf.zlib = zlib  # type: ignore[attr-defined]


def _stream_bytes(stream: pydyf.Stream) -> bytes:
    data: bytes = stream.data
    return data[data.index(b"stream\n") + 7 : data.rindex(b"\nendstream")]


def test_streams_are_compressed_at_the_default_level_and_read_back(
    pydyf_as_it_comes: None,
) -> None:
    raw = b"\n".join(CONTENT)
    theirs = _stream_bytes(pydyf.Stream(list(CONTENT), compress=True))
    assert theirs == _level(raw, 9)
    compress_at_default_level()
    ours = _stream_bytes(pydyf.Stream(list(CONTENT), compress=True))
    assert ours == _level(raw, STREAM_LEVEL) != theirs
    assert zlib.decompress(ours) == raw
    compress_at_default_level()  # a second call changes nothing
    assert isinstance(pydyf.zlib, DefaultLevelZlib)  # type: ignore[attr-defined]


def _level(raw: bytes, level: int) -> bytes:
    compressor = zlib.compressobj(level=level)
    return compressor.compress(raw) + compressor.flush()


def test_the_stand_in_is_zlib_in_everything_else() -> None:
    stand_in = DefaultLevelZlib()
    assert stand_in.compress is zlib.compress
    assert stand_in.Z_BEST_SPEED == zlib.Z_BEST_SPEED
    fast = stand_in.compressobj(1)
    assert fast.compress(b"a" * 100) + fast.flush() == zlib.compress(b"a" * 100, 1)


def test_handouts_are_printed_with_streams_at_the_default_level(
    pydyf_as_it_comes: None, tmp_path: Path
) -> None:
    render_pdf("<p>x</p>", base_dir=tmp_path, source="notes.md")
    assert isinstance(pydyf.zlib, DefaultLevelZlib)  # type: ignore[attr-defined]
