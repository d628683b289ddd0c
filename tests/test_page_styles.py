"""Each page's margin-box styles looked up by key: the same PDF, and no search through every
element's styles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import require_font
from weasyprint.css import StyleFor
from weasyprint.layout import page

from publisher import page_styles
from publisher.pdf import render_pdf

# Named pages, first, left and right pages, margin boxes of every side with strings and
# counters, a style only one page type gets: what the lookup must style as WeasyPrint does.
HTML = """<html lang="ja"><head><title>t</title><style>
@page { size: 120mm 90mm; margin: 15mm;
  @top-left { content: string(part); width: 40%; }
  @top-right { content: "右"; color: #c00; }
  @bottom-center { content: counter(page) " / " counter(pages); }
  @left-middle { content: "左"; } }
@page :first { @top-left { content: none; } @bottom-right-corner { content: "●"; } }
@page :left { @bottom-left { content: "偶数"; font-size: 7pt; } }
@page wide { size: 160mm 90mm; @top-center { content: "横長"; background: #eef; } }
h2 { string-set: part content(text); break-before: page; }
.wide { page: wide; }
</style></head><body><h1>表紙</h1>
<h2>第一部</h2><p>本文</p><h2>第二部</h2><p>本文</p>
<div class="wide"><h2>第三部</h2><p>横長のページ</p></div><h2>第四部</h2><p>おわり</p>
</body></html>"""


# Taken when the tests are collected, before any PDF is made (making one mends it).
WEASYPRINT_S_OWN = page.set_page_type_computed_styles


def _pdf(tmp_path: Path) -> bytes:
    data, problems = render_pdf(HTML, base_dir=tmp_path, source="t")
    assert not problems
    return data


def test_the_same_pdf_as_weasyprint_s_own_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    assert WEASYPRINT_S_OWN is not page_styles._set_page_type_computed_styles
    with monkeypatch.context() as unmended:
        unmended.setattr(page, "set_page_type_computed_styles", WEASYPRINT_S_OWN)
        unmended.setattr(page_styles, "style_pages_directly", lambda: None)
        own = _pdf(tmp_path)
        assert page.set_page_type_computed_styles is WEASYPRINT_S_OWN
    monkeypatch.setattr(page, "set_page_type_computed_styles", WEASYPRINT_S_OWN)
    mended = _pdf(tmp_path)
    assert page.set_page_type_computed_styles is page_styles._set_page_type_computed_styles
    assert own == mended


class _NoSearch(dict[Any, Any]):
    def __iter__(self) -> Any:
        raise AssertionError("the cascaded styles of every element were gone through")


def test_a_page_s_styles_are_found_without_going_through_every_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    page_styles.style_pages_directly()
    original = StyleFor.__init__

    def no_search(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self._cascaded_styles = _NoSearch(self._cascaded_styles)

    monkeypatch.setattr(StyleFor, "__init__", no_search)
    assert _pdf(tmp_path).startswith(b"%PDF")


def test_a_function_of_another_weasyprint_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
        style_for.something_else(page_type, html)

    monkeypatch.setattr(page, "set_page_type_computed_styles", set_page_type_computed_styles)
    page_styles.style_pages_directly()
    assert page.set_page_type_computed_styles is set_page_type_computed_styles


def test_a_function_taking_other_arguments_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    own = WEASYPRINT_S_OWN

    def set_page_type_computed_styles(page: Any, document: Any, styles: Any) -> None:
        own(page, document, styles)

    changed = set_page_type_computed_styles.__code__.replace(co_names=own.__code__.co_names)
    set_page_type_computed_styles.__code__ = changed
    monkeypatch.setattr(page, "set_page_type_computed_styles", set_page_type_computed_styles)
    page_styles.style_pages_directly()
    assert page.set_page_type_computed_styles is set_page_type_computed_styles
