"""Each page's content stream joined and compressed once drawn: the same PDF, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pydyf
import pytest

from publisher import page_streams
from publisher.page_streams import compress_drawn
from publisher.pdf import render_pdf

PIECES = [b"q", 1, 2.5, "/Span", b"BT", pydyf.String("x"), b"ET", b"Q"] * 50


@pytest.mark.parametrize("compress", [True, False])
def test_a_drawn_stream_is_written_as_pydyf_writes_it(compress: bool) -> None:
    untouched = pydyf.Stream(list(PIECES), extra={"Type": "/XObject"}, compress=compress)
    drawn = pydyf.Stream(list(PIECES), extra={"Type": "/XObject"}, compress=compress)
    compress_drawn(drawn)
    assert len(drawn.stream) == 1  # one piece of bytes instead of 400 objects
    assert drawn.data == untouched.data


def test_a_handout_is_the_same_pdf_with_its_pages_compressed_as_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weasyprint.document import Page

    sections = "".join(
        f"<h1>見出し {i}</h1><p>本文 text {i} <a href='https://example.com/{i}'>link</a></p>"
        "<ul><li>一</li><li>two</li></ul>"
        for i in range(30)
    )
    html = f"<html lang='ja'><head><title>t</title></head><body>{sections}</body></html>"
    ours, _ = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert getattr(Page.paint, "_publisher_compresses", False)
    monkeypatch.setattr(Page, "paint", Page.paint.__wrapped__)  # type: ignore[attr-defined]
    monkeypatch.setattr(page_streams, "compress_pages_when_drawn", lambda: None)
    theirs, _ = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert ours == theirs
