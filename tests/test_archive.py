"""Reproducible .pptx archives: dates and attributes set in place, as a rewrite sets them."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from pptx import Presentation

from publisher.slides.archive import (
    ATTRIBUTES,
    FIXED_ZIP_TIME,
    _rewritten,
    _stamped_in_place,
    normalise_zip,
)


def _saved_by_python_pptx() -> bytes:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = "勉強会メモ"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _members(data: bytes) -> list[zipfile.ZipInfo]:
    return zipfile.ZipFile(io.BytesIO(data)).infolist()


def test_a_saved_deck_is_stamped_in_place_with_the_bytes_a_full_rewrite_gives() -> None:
    data = _saved_by_python_pptx()
    assert {m.date_time for m in _members(data)} != {FIXED_ZIP_TIME}  # python-pptx: now
    stamped = _stamped_in_place(data)
    assert stamped is not None  # the quick way was taken
    assert stamped == _rewritten(data) == normalise_zip(data)
    for before, after in zip(_members(data), _members(stamped), strict=True):
        assert after.date_time == FIXED_ZIP_TIME
        assert (after.external_attr, after.create_system) == (ATTRIBUTES, 0)
        assert (after.compress_size, after.CRC) == (before.compress_size, before.CRC)
    assert zipfile.ZipFile(io.BytesIO(stamped)).testzip() is None


def test_equal_content_saved_at_different_times_gives_equal_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(time, "time", lambda: 1_600_000_000.0)
    first = _saved_by_python_pptx()
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    second = _saved_by_python_pptx()
    assert first != second
    assert normalise_zip(first) == normalise_zip(second)


class _Unseekable(io.RawIOBase):
    """A stream zipfile cannot seek back in: it writes data descriptors."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.data += chunk
        return len(chunk)


def _archive(
    *,
    comment: bytes = b"",
    extra: bytes = b"",
    method: int = zipfile.ZIP_DEFLATED,
    stream: bool = False,
) -> bytes:
    out: io.BytesIO | _Unseekable = _Unseekable() if stream else io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        info = zipfile.ZipInfo("ppt/presentation.xml", date_time=(2024, 5, 6, 7, 8, 10))
        info.extra = extra
        info.compress_type = method
        archive.writestr(info, "<p:presentation/>" * 10)
        archive.writestr("docProps/app.xml", "<Properties/>")
        archive.comment = comment
    return bytes(out.data) if isinstance(out, _Unseekable) else out.getvalue()


@pytest.mark.parametrize(
    "unusual",
    [
        pytest.param({"comment": b"made elsewhere"}, id="comment"),
        pytest.param({"extra": b"UT\x05\x00\x01\x00\x00\x00\x00"}, id="extra-field"),
        pytest.param({"method": zipfile.ZIP_STORED}, id="stored"),
        pytest.param({"stream": True}, id="data-descriptors"),
    ],
)
def test_an_archive_laid_out_otherwise_is_written_again(unusual: dict[str, object]) -> None:
    data = _archive(**unusual)  # type: ignore[arg-type]
    assert _stamped_in_place(data) is None
    fixed = normalise_zip(data)
    assert fixed == _rewritten(data)
    members = _members(fixed)
    assert [m.filename for m in members] == ["ppt/presentation.xml", "docProps/app.xml"]
    assert {m.date_time for m in members} == {FIXED_ZIP_TIME}
    assert zipfile.ZipFile(io.BytesIO(fixed)).read("docProps/app.xml") == b"<Properties/>"
