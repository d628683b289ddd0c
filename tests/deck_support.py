"""Hand-built sessions and shared checks for the measure, plan and slide tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import in_ci
from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Inches

from publisher.diagnostics import UserError
from publisher.images import ImageInfo
from publisher.layout import Box, Deck, Geometry, Style, TextPart
from publisher.measure import Measurer, default_measurer
from publisher.model import (
    Block,
    BulletList,
    CodeBlock,
    Emph,
    Event,
    Heading,
    Image,
    Inlines,
    Link,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Session,
    Speaker,
    Strike,
    Strong,
    Table,
    Text,
    plain_text,
)
from publisher.model import Break as LineBreak
from publisher.model import Code as InlineCode

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


def session(
    *blocks: Block, title: str = "テストセッション", number: int = 1, **extra: object
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


URL = "https://example.com/発表資料"
NARROW_BODY = (Inches(1), Inches(1.6), Inches(4.5), Inches(4.4))


def rich_event(folder: Path) -> tuple[Event, dict[str, ImageInfo]]:
    """One talk that uses every kind of block and inline the renderer draws."""
    picture = folder / "figure.png"
    PILImage.new("RGB", (400, 200), (30, 90, 170)).save(picture)
    mixed = (
        Text("普通の文と"),
        Strong((Text("太字"),)),
        Text("、"),
        Emph((Text("斜体"),)),
        Text("、"),
        InlineCode("code()"),
        Text("、"),
        Strike((Text("取り消し"),)),
        LineBreak(),
        Link(URL, (Text("リンクの文字"),)),
    )
    ordered = BulletList(
        (ListItem(text("手順その一"), (), 1), ListItem(text("手順その二"), (), 1)), 1, ordered=True
    )
    talk = session(
        Paragraph(mixed, 1),
        bullets(
            ("文化の話", ["顧客志向\x0bで考える", ("長期的思考", ["失敗から学ぶ"])]),
            "English bullet text",
        ),
        ordered,
        Quote((paragraph("引用された一文"),), 1),
        Notes((paragraph("ここで補足を話す"),), 1),
        Heading(text("コードと表"), 3, 1),
        CodeBlock("def greet(name):\n    return f'こんにちは {name}'\n", "python", 1),
        Table(
            (text("列A"), text("列B")),
            ((text("値1"), text("説明1")), (text("値2"), text("説明2"))),
            ("left", "right"),
            1,
        ),
        Image("figure.png", "青い長方形の図", "", 1),
        title="全部入りの発表",
        duration_minutes=30,
        category="LT",
        speakers=(Speaker("山田 花子", "@hanako"),),
    )
    info = ImageInfo(picture, 400, 200, "PNG")
    return event(talk, title="社内勉強会"), {"figure.png": info}


def corporate_template(folder: Path) -> Path:
    """A company template: other layout order and names, a narrow body, a slide of its own."""
    prs = Presentation()
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    cover, body = layouts["Title Slide"], layouts["Title and Content"]
    cover.name, body.name = "Corp Cover", "Corp Body"
    id_list = prs.slide_master._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst"
    )
    for entry in list(id_list)[:2]:  # move the cover and the content layout to the end
        id_list.remove(entry)
        id_list.append(entry)
    for shape in body.placeholders:
        if shape.placeholder_format.idx == 1:
            shape.left, shape.top, shape.width, shape.height = NARROW_BODY
        elif shape.placeholder_format.idx == 0:
            shape.left, shape.top = Inches(1), Inches(0.3)
            shape.width, shape.height = Inches(8), Inches(1.1)
    section = layouts["Section Header"]
    for shape in section.placeholders:
        if shape.placeholder_format.idx == 1:
            shape.width, shape.height = Inches(3), Inches(1)
    sample = prs.slides.add_slide(body)
    sample.shapes.title.text = "Company confidential sample slide"
    path = folder / "corporate.pptx"
    prs.save(str(path))
    return path
