"""Hand-built sessions and shared checks for the measure, plan and slide tests."""

from __future__ import annotations

import pytest
from conftest import in_ci

from publisher.diagnostics import UserError
from publisher.layout import Box, Deck, Geometry, Style, TextPart
from publisher.measure import Measurer, default_measurer
from publisher.model import (
    Block,
    BulletList,
    Event,
    Inlines,
    ListItem,
    Paragraph,
    Session,
    Text,
    plain_text,
)

GEOMETRY = Geometry(
    slide_width=960, slide_height=540,
    title=Box(48, 36, 864, 72), body=Box(48, 128, 864, 336),
    cover_title=Box(72, 110, 816, 180), cover_subtitle=Box(72, 314, 816, 166),
    footer=Box(48, 480, 700, 24), slide_number=Box(792, 480, 120, 24),
)  # fmt: skip
STYLE = Style()

Tree = str | tuple[str, list["Tree"]]


def measurer_or_skip() -> Measurer:
    """The Noto Sans CJK JP measurer; skip (fail in CI) when the font is not installed."""
    try:
        return default_measurer()
    except UserError as error:
        if in_ci():
            pytest.fail(f"CI needs Noto Sans CJK JP: {error}")
        pytest.skip(f"Noto Sans CJK JP is not installed: {error}")


def text(value: str) -> Inlines:
    return (Text(value),)


def bullets(*items: Tree, line: int = 1) -> BulletList:
    """A bullet list from strings (leaves) and (text, [children]) pairs."""
    made = []
    for item in items:
        if isinstance(item, str):
            made.append(ListItem(text(item), (), line))
        else:
            label, children = item
            nested: tuple[Block, ...] = (bullets(*children, line=line),) if children else ()
            made.append(ListItem(text(label), nested, line))
    return BulletList(tuple(made), line)


def session(*blocks: Block, title: str = "テストセッション", number: int = 1, **extra: object
            ) -> Session:
    return Session(number, title, 1, tuple(blocks), **extra)  # type: ignore[arg-type]


def event(*sessions: Session, lang: str = "ja", title: str = "勉強会メモ") -> Event:
    return Event(title=title, source="notes.md", sessions=sessions, lang=lang, date="2026-10-16")


def paragraph(value: str) -> Paragraph:
    return Paragraph(text(value), 1)


def assert_fits(deck: Deck) -> None:
    """Every content slide's parts, stacked with their gaps, fit the body box."""
    body = deck.geometry.body
    for slide in deck.slides:
        if not slide.parts:
            continue
        total = sum(p.height for p in slide.parts) + deck.style.part_gap * (len(slide.parts) - 1)
        assert total <= body.height + 0.01, (slide.title, total, body.height)
        for part in slide.parts:
            width = getattr(part, "width", None)
            if width is not None:
                assert width <= body.width + 0.01


def content_lines(deck: Deck, *, context: bool = False) -> list[str]:
    """Plain text of every planned paragraph (parents repeated for context left out)."""
    found = []
    for slide in deck.slides:
        for part in slide.parts:
            if isinstance(part, TextPart):
                found.extend(plain_text(x.inlines) for x in part.lines if context or not x.context)
    return found
