"""Deck templates: the built-in design, a company's own .pptx, and clear errors."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from deck_support import (
    NARROW_BODY,
    STYLE,
    assert_fits,
    bullets,
    corporate_template,
    event,
    measurer_or_skip,
    session,
)
from pptx import Presentation

from publisher.diagnostics import UserError
from publisher.layout import Box
from publisher.plan import plan_decks
from publisher.slides import deck as deck_module
from publisher.slides.deck import render_deck, write_deck
from publisher.slides.template import Template, builtin_path, load_template

ROOT = Path(__file__).resolve().parents[1]


def test_the_builtin_template_is_found_and_has_margins() -> None:
    assert builtin_path().is_file()
    geometry = load_template().geometry()
    assert (geometry.slide_width, geometry.slide_height) == (960, 540)
    boxes = [geometry.title, geometry.body, geometry.cover_title, geometry.cover_subtitle]
    assert geometry.footer is not None and geometry.slide_number is not None
    boxes += [geometry.footer, geometry.slide_number]
    for box in boxes:
        assert box.x >= 36 and box.y >= 36, box
        assert box.right <= 960 - 36 and box.bottom <= 540 - 36, box
    two_lines = 2 * STYLE.title_min_size * STYLE.line_spacing + 2 * STYLE.inset_y
    assert geometry.title.height >= two_lines
    assert geometry.accent is not None and geometry.accent.height <= 4
    band, rule = sorted(geometry.cover_accents, key=lambda box: box.x)  # the title slide's
    assert (band.x, band.y, band.height) == (0, 0, 540) and band.width <= 20
    assert rule.height <= 4 and rule.y >= geometry.cover_title.bottom - 20


def test_the_builtin_template_is_what_its_script_makes(tmp_path: Path) -> None:
    made = tmp_path / "deck.pptx"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_deck_template.py"), str(made)],
        check=True,
        capture_output=True,
    )
    with zipfile.ZipFile(made) as fresh, zipfile.ZipFile(builtin_path()) as shipped:
        assert fresh.namelist() == shipped.namelist()
        for name in fresh.namelist():  # same content (compressed bytes depend on zlib)
            assert fresh.read(name) == shipped.read(name), name


def test_four_by_three_narrows_the_builtin_boxes() -> None:
    wide, narrow = load_template().geometry(), load_template(slide_size="4:3").geometry()
    assert narrow.slide_width == 720 and narrow.slide_height == 540
    assert narrow.body.width == pytest.approx(wide.body.width * 0.75)
    assert narrow.body.height == wide.body.height


def test_a_company_template_is_read_by_placeholder_types(tmp_path: Path) -> None:
    template = load_template(str(corporate_template(tmp_path)))
    geometry = template.geometry()
    left, top, width, height = (v / 12700 for v in NARROW_BODY)
    assert geometry.body == Box(left, top, width, height)
    assert geometry.slide_width == 720
    assert geometry.cover_accents == ()  # only the built-in design's are drawn
    prs = template.open()
    assert len(prs.slides) == 0  # the template's own slide is not part of a deck
    assert template.layout(prs, template.content_at).name == "Corp Body"
    assert template.layout(prs, template.title_at).name == "Corp Cover"


def test_decks_on_a_company_template_use_its_layouts_and_fit(tmp_path: Path) -> None:
    measurer = measurer_or_skip()
    template = load_template(str(corporate_template(tmp_path)))
    lines = [f"説明の文その{i}：狭い本文の箱でも収まること" for i in range(9)]
    talk = session(bullets(("長い話", lines)), title="会社のテンプレートでの発表")
    (deck,) = plan_decks(
        event(talk), geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    assert_fits(deck)
    assert len(deck.slides) > 3  # the narrow body makes more slides
    path = tmp_path / "deck.pptx"
    write_deck(deck, template, path)
    saved = Presentation(str(path))
    names = [slide.slide_layout.name for slide in saved.slides]
    assert names == ["Corp Cover"] + ["Corp Body"] * (len(deck.slides) - 1)
    words = "".join(
        s.text_frame.text for slide in saved.slides for s in slide.shapes if s.has_text_frame
    )
    assert "Company confidential" not in words


def test_a_potx_template_is_accepted(tmp_path: Path) -> None:
    source = corporate_template(tmp_path)
    potx = tmp_path / "corporate.potx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(potx, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            new.writestr(info, data)
    template = load_template(str(potx))
    assert template.layout(template.open(), template.content_at).name == "Corp Body"


def problem(path: str) -> str:
    with pytest.raises(UserError) as caught:
        load_template(path)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.level == "error" and diagnostic.path == path
    return diagnostic.message


def test_errors_say_what_is_wrong_and_what_to_do(tmp_path: Path) -> None:
    assert "cannot read" in problem(str(tmp_path / "missing.pptx"))
    text = tmp_path / "notes.pptx"
    text.write_text("not a presentation", encoding="utf-8")
    assert "not a PowerPoint file" in problem(str(text))
    other = tmp_path / "other.pptx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "a zip, but not a presentation")
    assert "save it again as .pptx" in problem(str(other))


def test_a_template_without_a_content_layout_is_refused(tmp_path: Path) -> None:
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name in ("Title and Content", "Section Header"):
            prs.slide_layouts.remove(layout)
    path = tmp_path / "no-content.pptx"
    prs.save(str(path))
    assert "'Title and Content' layout" in problem(str(path))
    prs = Presentation()
    prs.slide_layouts.remove(prs.slide_layouts.get_by_name("Title Slide"))
    path = tmp_path / "no-cover.pptx"
    prs.save(str(path))
    assert "'Title Slide' layout" in problem(str(path))


@pytest.mark.parametrize("which", ["built-in", "company", "4:3"])
def test_slides_get_the_placeholders_python_pptx_would_clone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """Later slides on a layout copy the first one's placeholders, and placeholders are
    found without python-pptx's queries: the same deck, byte for byte, as with them."""
    measurer = measurer_or_skip()
    if which == "company":
        template = load_template(str(corporate_template(tmp_path)))
    else:
        template = load_template(slide_size="4:3" if which == "4:3" else "16:9")
    lines = [f"説明の文その{i}：続きの スライド に分かれる長さの文" for i in range(14)]
    talk = session(bullets(("長い話", lines)), title="複数のスライドになる発表")
    (deck,) = plan_decks(
        event(talk), geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    assert len(deck.slides) >= 3  # a title slide and at least two on the content layout
    copied = render_deck(deck, template)
    cloned: list[Any] = []

    def python_pptx_s_own(pages: Any, where: Any) -> Any:
        cloned.append(where)
        return pages.presentation.slides.add_slide(Template.layout(pages.presentation, where))

    def found_by_python_pptx(slide: Any, kinds: Any) -> Any:
        return next((s for s in slide.placeholders if s.placeholder_format.type in kinds), None)

    monkeypatch.setattr(deck_module._Pages, "add", python_pptx_s_own)
    monkeypatch.setattr(deck_module, "_placeholder", found_by_python_pptx)
    assert render_deck(deck, template) == copied
    assert len(cloned) == len(deck.slides)
