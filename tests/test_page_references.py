"""pydyf's page references made once per PDF: the same answers, the same PDF, made once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pydyf
import pytest
from conftest import require_font

from publisher import page_references
from publisher.page_references import list_pages_once
from publisher.pdf import render_pdf


def _as_pydyf_lists_them(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf 0.13's property, as it is written there: a new list at every use."""
    return tuple(f"{number} 0 R".encode("ascii") for number in pdf.pages["Kids"][::3])


def _tagged_html(pages: int) -> str:
    page = "<h2>ページ</h2>" + "<p>段落と<a href='#end'>リンク</a></p>" * 20
    body = "<p style='break-after: page'>…</p>".join(page for _ in range(pages))
    return f"<html lang='ja'><title>t</title><body>{body}<p id='end'>終</p></body></html>"


def _pydyf_s_own(answer: Callable[[pydyf.PDF], tuple[bytes, ...]]) -> property:
    """A property as if pydyf had defined it."""

    def page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        return answer(pdf)

    page_references.__module__ = pydyf.__name__
    return property(page_references)


def _with_pages(pdf: pydyf.PDF, count: int) -> pydyf.PDF:
    for _ in range(count):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    return pdf


def test_the_list_is_made_once_and_again_when_a_page_is_added(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pydyf.PDF, "page_references", _pydyf_s_own(_as_pydyf_lists_them))
    made: list[int] = []
    listed = page_references._listed
    monkeypatch.setattr(page_references, "_listed", lambda kids: made.append(1) or listed(kids))
    list_pages_once()
    made.clear()  # the check of its answers on a small PDF
    pdf = _with_pages(pydyf.PDF(), 3)
    answers = {pdf.page_references for _ in range(50)}
    assert answers == {_as_pydyf_lists_them(pdf)} and len(made) == 1
    _with_pages(pdf, 1)
    assert pdf.page_references == _as_pydyf_lists_them(pdf)
    assert len(pdf.page_references) == 4 and len(made) == 2


@pytest.mark.parametrize(
    "theirs",
    [
        pytest.param(lambda: property(lambda pdf: ()), id="defined-elsewhere"),
        pytest.param(
            lambda: _pydyf_s_own(lambda pdf: _as_pydyf_lists_them(pdf)[::-1]),
            id="answers-otherwise",
        ),
    ],
)
def test_a_property_that_is_not_pydyf_s_list_is_left_alone(
    monkeypatch: pytest.MonkeyPatch, theirs: Callable[[], property]
) -> None:
    kept = theirs()
    monkeypatch.setattr(pydyf.PDF, "page_references", kept)
    list_pages_once()
    assert pydyf.PDF.__dict__["page_references"] is kept


def test_a_tagged_pdf_lists_its_pages_once_and_is_the_same_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    made: list[int] = []
    listed = page_references._listed
    monkeypatch.setattr(
        page_references, "_listed", lambda kids: made.append(len(kids) // 3) or listed(kids)
    )
    list_pages_once()
    made.clear()  # the check of its answers on a small PDF, if not done before
    html = _tagged_html(pages=5)
    once, problems = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert problems == []
    # asked for 425 times (5 pages, 100 paragraphs with a link each): each page listed once
    assert sum(made) == 5

    monkeypatch.setattr(pydyf.PDF, "page_references", property(_as_pydyf_lists_them))
    every_time, _ = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert once == every_time
