"""Each page's drawing joined and compressed as soon as the page is drawn.

WeasyPrint draws each page of a handout into its own content stream, a list
of small pieces (an operator, its numbers, a run of glyphs), and pydyf joins
and compresses every stream only when the whole PDF is written: until then
the pieces of all pages are held, each a Python object of its own. For the
×20 handouts that was about 12 MiB of the slide handout's peak and 7 MiB of
the reading handout's (bench/NOTES.md).

:func:`compress_pages_when_drawn` makes each page's stream, once the page is
drawn, the bytes pydyf would write for it: joined the same way, compressed
by the same compressor (:mod:`publisher.stream_compression`), so the PDF is
the same, byte for byte. It changes WeasyPrint's ``Page.paint`` only when
pydyf's streams are laid out as this was written for.
"""

from __future__ import annotations

from typing import Any

_MENDED = "_publisher_compresses"


def compress_pages_when_drawn() -> None:
    """Make WeasyPrint compress each page's content stream as soon as it is drawn."""
    try:
        import pydyf
        from weasyprint.document import Page
    except ImportError:  # a WeasyPrint laid out otherwise
        return
    paint = Page.paint
    if getattr(paint, _MENDED, False) or not _streams_as_expected(pydyf):
        return

    def paint_and_compress(self: Any, stream: Any, scale: float = 1) -> None:
        paint(self, stream, scale)
        compress_drawn(stream)

    paint_and_compress.__wrapped__ = paint  # type: ignore[attr-defined]
    setattr(paint_and_compress, _MENDED, True)
    Page.paint = paint_and_compress


def compress_drawn(stream: Any) -> None:
    """``stream``'s pieces joined, and compressed if it is to be, as pydyf writes them."""
    import pydyf

    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    if stream.compress:
        compressor = pydyf.zlib.compressobj(level=9)  # the level pydyf asks for
        data = compressor.compress(data) + compressor.flush()
        stream.extra["Filter"] = "/FlateDecode"
        stream.compress = False
    stream.stream = [data]


def _streams_as_expected(pydyf: Any) -> bool:
    """pydyf joins a stream's pieces with ``_to_bytes`` and compresses with its ``zlib``."""
    if not hasattr(pydyf, "_to_bytes") or not hasattr(pydyf, "zlib"):
        return False
    probe = pydyf.Stream([b"q", 1, "Q"], extra={"Type": "/XObject"}, compress=True)
    expected = probe.data
    compress_drawn(probe)
    return bool(probe.data == expected)
