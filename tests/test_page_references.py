"""pydyf's page references made once per PDF: the same answers, the same PDF, made once."""

from __future__ import annotations

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


def test_the_list_follows_the_pages_added() -> None:
    list_pages_once()
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == _as_pydyf_lists_them(pdf)
    assert len(pdf.page_references) == 3
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == _as_pydyf_lists_them(pdf)
    assert len(pdf.page_references) == 4


def test_a_property_pydyf_no_longer_owns_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    def someone_else_s(pdf: pydyf.PDF) -> tuple[bytes, ...]:
        return ()

    someone_else_s.__module__ = "elsewhere"
    theirs = property(someone_else_s)
    monkeypatch.setattr(pydyf.PDF, "page_references", theirs)
    list_pages_once()
    assert pydyf.PDF.__dict__["page_references"] is theirs


def test_a_tagged_pdf_lists_its_pages_once_and_is_the_same_pdf(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    made: list[int] = []
    listed = page_references._listed
    monkeypatch.setattr(page_references, "_listed", lambda kids: made.append(1) or listed(kids))
    html = _tagged_html(pages=5)
    once, problems = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert problems == []
    assert len(made) == 1  # asked for 425 times (5 pages, 100 paragraphs with a link each)

    monkeypatch.setattr(pydyf.PDF, "page_references", property(_as_pydyf_lists_them))
    every_time, _ = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert once == every_time
