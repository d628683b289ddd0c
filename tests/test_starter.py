"""The starter notes of ``publisher init``: every convention shown, no warning, and it builds."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import require_font

from publisher.config import EVENT_KEYS, SETTING_KEYS
from publisher.diagnostics import UserError
from publisher.load import load
from publisher.model import (
    BulletList,
    CodeBlock,
    Event,
    Heading,
    Image,
    Notes,
    Paragraph,
    SlideBreak,
    Table,
    links_in,
)
from publisher.starter import LANGS, PICTURE, picture_png, starter_text, write_starter


def _blocks(event: Event) -> list[object]:
    found: list[object] = []

    def walk(blocks: tuple[object, ...]) -> None:
        for block in blocks:
            found.append(block)
            if isinstance(block, BulletList):
                for item in block.items:
                    walk(item.children)
            elif isinstance(block, Notes):
                walk(block.children)

    walk(event.intro)
    for session in event.sessions:
        walk(session.blocks)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_starter_shows_every_convention(tmp_path: Path, lang: str) -> None:
    text = starter_text(lang)
    for key in (*EVENT_KEYS, *SETTING_KEYS):
        if key != "event":  # the event's name is the H1
            assert f"{key}:" in text, key
    notes = write_starter(tmp_path / "n.md", lang)[0]
    loaded = load(notes)
    assert loaded.diagnostics == ()
    event = loaded.event
    assert event.lang == lang and event.title and event.subtitle and event.date and event.author
    talks = [s for s in event.sessions if s.is_talk]
    assert len(talks) == 6 and not event.sessions[-1].is_talk  # the closing section
    assert all(s.speakers for s in talks)
    assert all(s.duration_minutes for s in talks)
    assert {s.duration_minutes for s in talks} >= {20, 40, 30, 5, 90}
    assert [s.time_range for s in talks if s.time_range] == [("10:30", "11:10")]
    assert len({s.category for s in talks if s.category}) == 3
    kinds = {type(b) for b in _blocks(event)}
    assert {BulletList, CodeBlock, Table, Image, Notes, SlideBreak, Heading} <= kinds
    images = [b for b in _blocks(event) if isinstance(b, Image)]
    assert [i.src for i in images] == [PICTURE]
    inlines = [b.inlines for b in _blocks(event) if isinstance(b, Paragraph)]
    inlines += [i.inlines for b in _blocks(event) if isinstance(b, BulletList) for i in b.items]
    hrefs = [link.href for found in inlines for link in links_in(found)]
    # the intro's link, a talk's link and the same address written out
    assert hrefs == ["https://example.com/event", "https://diataxis.fr/", "https://diataxis.fr/"]


def test_the_picture_is_a_real_png() -> None:
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(picture_png())) as picture:
        picture.load()
        assert (picture.format, picture.size, picture.mode) == ("PNG", (640, 360), "RGB")
        assert len(picture.getcolors(maxcolors=1000) or ()) >= 4  # background, paper, rules, accent


def test_an_existing_notes_file_is_kept_and_an_existing_picture_too(tmp_path: Path) -> None:
    notes, picture = tmp_path / "n.md", tmp_path / PICTURE
    picture.write_bytes(b"mine")
    assert write_starter(notes) == [notes]
    assert picture.read_bytes() == b"mine"
    with pytest.raises(UserError) as raised:
        write_starter(notes, "en")
    assert "already exists" in raised.value.diagnostics[0].message
    assert "【" in notes.read_text(encoding="utf-8")
    assert write_starter(notes, "en", force=True) == [notes, picture]
    assert "【" not in notes.read_text(encoding="utf-8")
    assert picture.read_bytes() == picture_png()
    with pytest.raises(ValueError):
        starter_text("fr")


@pytest.mark.parametrize("lang", LANGS)
def test_the_starter_builds_without_a_warning(tmp_path: Path, lang: str) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from publisher.build import build

    notes = write_starter(tmp_path / "n.md", lang)[0]
    result = build(load(notes), tmp_path / "out")
    assert result.diagnostics == []
    assert sorted(p.suffix for p in result.written) == [".pdf", ".pdf"] + [".pptx"] * 7
