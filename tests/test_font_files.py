"""WeasyPrint's font files copied only when read: no copy while drawing, the same PDF."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import weasyprint
import weasyprint.pdf
import weasyprint.text.fonts
from conftest import require_font
from fontTools.ttLib.tables import _h_e_a_d as font_head
from weasyprint.pdf import fonts

from publisher import font_files
from publisher.font_files import FileContent, mend, read_font_files_when_needed
from publisher.pdf import render_pdf

CJK_PAGE = """<html lang="ja"><body style="font-family: 'Noto Sans CJK JP'">
<h1>見出しと Heading</h1><p>本文の段落、<b>太字</b>と <code>code()</code>。</p>
<pre style="font-family: 'Noto Sans Mono CJK JP'">x = "値"</pre></body></html>"""
LATIN_PAGE = """<html lang="en"><body style="font-family: 'DejaVu Sans'">
<p>Plain text, <b>bold</b> and <i>italic</i>.</p></body></html>"""


@pytest.fixture()
def weasyprint_as_it_comes() -> Iterator[None]:
    """WeasyPrint without the mend (a build in this process may have made it), and after."""

    def unmend() -> None:
        fonts.get_hb_object_data = weasyprint.text.fonts.get_hb_object_data
        if "file_content" in vars(fonts.Font):
            del fonts.Font.file_content

    unmend()
    yield
    unmend()


def _pdf(html: str, **options: Any) -> bytes:
    document = weasyprint.HTML(string=html).render()
    pdf: bytes = document.write_pdf(pdf_identifier=b"same", **options)
    return pdf


def test_no_font_file_is_copied_while_drawing_and_the_pdf_is_the_same(
    weasyprint_as_it_comes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    theirs = _pdf(CJK_PAGE)
    read_font_files_when_needed()
    held: list[tuple[str, Any]] = []
    build = weasyprint.pdf.build_fonts_dictionary

    def looking(pdf: Any, made: dict[Any, Any], *args: Any) -> Any:
        held.extend((font.family, vars(font)[font_files._STORED]) for font in made.values())
        return build(pdf, made, *args)

    monkeypatch.setattr(weasyprint.pdf, "build_fonts_dictionary", looking)
    ours = _pdf(CJK_PAGE)
    assert ours == theirs
    assert len(held) >= 2  # regular and bold at least
    assert all(isinstance(content, font_files._Later) for _, content in held)


@pytest.mark.parametrize("whole", ["embedded whole", "subset by fontTools"])
def test_a_font_file_needed_whole_is_read_and_the_pdf_is_the_same(
    weasyprint_as_it_comes: None, monkeypatch: pytest.MonkeyPatch, whole: str
) -> None:
    require_font("DejaVu Sans", "fonts-dejavu-core")
    options = {"full_fonts": True} if whole == "embedded whole" else {}
    if whole == "subset by fontTools":
        monkeypatch.setattr(fonts, "harfbuzz_subset", None)
        monkeypatch.setattr(font_head, "timestampNow", lambda: 0)  # else it dates each subset
    theirs = _pdf(LATIN_PAGE, **options)
    read_font_files_when_needed()
    assert _pdf(LATIN_PAGE, **options) == theirs


FONT_MODULE = """
def get_hb_object_data(hb_object, ot_color=None, glyph=None):
    READS.append((hb_object, ot_color, glyph))
    return b"file of " + hb_object.encode()

class Font:
    def __init__(self, face):
        self.hb_face = face
        self.file_content = get_hb_object_data(self.hb_face)
"""


def _font_module(source: str = FONT_MODULE) -> Any:
    """A stand-in for ``weasyprint.pdf.fonts``, its reader counted in ``READS``."""
    module = types.ModuleType("stand_in_fonts")
    module.READS = []  # type: ignore[attr-defined]
    exec(source, vars(module))
    module.get_hb_object_data.__module__ = "weasyprint.text.fonts"  # type: ignore[attr-defined]
    return module


def test_a_font_reads_its_file_when_first_asked_then_keeps_it() -> None:
    module = _font_module()
    assert mend(module)
    font = module.Font("face")
    assert module.READS == []
    assert font.file_content == b"file of face"
    assert font.file_content == b"file of face"
    assert module.READS == [("face", None, None)]
    font.file_content = b"subset"
    assert font.file_content == b"subset"
    assert module.READS == [("face", None, None)]
    assert module.get_hb_object_data("other") == b"file of other"  # other callers: as before
    assert module.get_hb_object_data("face", "png", 3) == b"file of face"  # colour glyphs too
    assert module.READS[1:] == [("other", None, None), ("face", "png", 3)]
    assert not mend(module)  # once is enough


@pytest.mark.parametrize(
    "init",
    [
        "data = get_hb_object_data(self.hb_face)\n        self.file_content = data[:4]",
        "self.file_content = get_hb_object_data(self.hb_face)[:4]",
        "self.file_content = get_hb_object_data(self.hb_face)\n"
        "        self.kind = get_hb_object_data(self.hb_face)[:4]",
    ],
)
def test_a_font_that_uses_the_copy_otherwise_is_left_alone(init: str) -> None:
    source = FONT_MODULE.replace("self.file_content = get_hb_object_data(self.hb_face)", init)
    module = _font_module(source)
    reader = module.get_hb_object_data
    assert not mend(module)
    assert module.get_hb_object_data is reader
    assert "file_content" not in vars(module.Font)


def test_a_reader_that_is_not_weasyprint_s_own_is_left_alone() -> None:
    module = _font_module()
    module.get_hb_object_data.__module__ = "elsewhere"
    assert not mend(module)


def test_handouts_are_printed_with_font_files_read_when_needed(
    weasyprint_as_it_comes: None, tmp_path: Path
) -> None:
    render_pdf("<p>x</p>", base_dir=tmp_path, source="notes.md")
    assert isinstance(vars(fonts.Font).get("file_content"), FileContent)
