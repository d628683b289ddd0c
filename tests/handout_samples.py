"""Hand-made events and decks for the handout tests (written here, not taken from the corpus)."""

from __future__ import annotations

from pathlib import Path

from publisher.layout import (
    Box,
    CodePart,
    Deck,
    Geometry,
    ImagePart,
    Slide,
    Style,
    TablePart,
    TextLine,
    TextPart,
)
from publisher.model import (
    BulletList,
    CodeBlock,
    Emph,
    Event,
    Heading,
    Image,
    Inline,
    Link,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Session,
    Speaker,
    Strong,
    Table,
    Text,
)


def t(text: str) -> tuple[Inline, ...]:
    return (Text(text),)


def bullets(line: int, *items: str | tuple[str, tuple[str, ...]]) -> BulletList:
    """A list; an item given as (text, children) nests its children one level down."""
    built = []
    for offset, item in enumerate(items):
        if isinstance(item, tuple):
            text, children = item
            built.append(ListItem(t(text), (bullets(line + offset + 1, *children),), line + offset))
        else:
            built.append(ListItem(t(item), (), line + offset))
    return BulletList(tuple(built), line)


def sample_event(source: str = "notes.md") -> Event:
    """Two talks and a non-talk section, with every kind of block."""
    first = Session(
        1,
        "Opening keynote",
        7,
        blocks=(
            bullets(
                8,
                ("Innovation needs a fast loop", ("Measure twice", "Ship weekly")),
                "Teams own their services",
            ),
            Paragraph(
                (
                    Text("Slides are "),
                    Link("https://example.org/slides", t("online")),
                    Text(" and the "),
                    Link("https://example.org/video", t("video")),
                    Text(" too."),
                ),
                12,
            ),
            CodeBlock('print("hello")\n', "python", 14),
            Notes((Paragraph(t("Say hello to the room"), 18),), 17),
        ),
        category="Keynote",
        duration_minutes=40,
        speakers=(Speaker("Ada Lovelace", "@ada"),),
    )
    second = Session(
        2,
        "クラウドとマイクロサービス",
        20,
        blocks=(
            Heading(t("背景"), 3, 21),
            bullets(
                22,
                ("組織文化と投資", ("心理的安全性の確保", "タスク型の多様性")),
                "小さなチームで作る",
            ),
            Table(
                (t("項目"), t("値")),
                ((t("チーム数"), t("190")), (t("人数"), (Strong(t("7〜10")),))),
                ("left", "right"),
                27,
            ),
            Quote((Paragraph((Emph(t("変わらないもの")), Text("に投資する")), 31),), 31),
            Paragraph((Text("同じ資料: "), Link("https://example.org/slides", t("スライド"))), 33),
        ),
        duration_minutes=32,
        speakers=(Speaker("山田太郎"),),
    )
    closing = Session(3, "まとめ", 35, blocks=(Paragraph(t("また来年。"), 36),), is_talk=False)
    return Event(
        title="Sample Summit 2024 のまとめ",
        source=source,
        sessions=(first, second, closing),
        intro=(
            Paragraph(
                (Text("当日の"), Link("https://example.org/", t("公式サイト")), Text("より。")), 2
            ),
        ),
        subtitle="Notes from two days",
        date="2024-05-17",
        author="Sample Author",
    )


def event_with_images(source: str, sources: tuple[str, ...]) -> Event:
    """One session whose blocks are pictures with the given addresses."""
    pictures = tuple(Image(src, f"picture {i}", "", 3 + i) for i, src in enumerate(sources))
    return Event("Pictures", source, sessions=(Session(1, "Pictures", 2, blocks=pictures),))


GEOMETRY = Geometry(
    slide_width=960.0,
    slide_height=540.0,
    title=Box(36, 24, 888, 72),
    body=Box(36, 108, 888, 396),
    cover_title=Box(72, 160, 816, 120),
    cover_subtitle=Box(72, 300, 816, 150),
)


def sample_deck(session: Session, event_title: str, contents: int = 2) -> Deck:
    """A title slide and ``contents`` content slides with text, code, a table and a picture."""
    style = Style()
    slides = [Slide("title", session.title, 36.0, info=("Keynote", "40 min", event_title))]
    for n in range(contents):
        lines = (
            TextLine(t(f"Point {n + 1} of {session.title}"), 1, 24.0),
            TextLine(t(f"Detail {n + 1}a"), 2, 20.0),
            TextLine(t(f"詳細 {n + 1}b"), 3, 18.0),
        )
        parts: list[object] = [TextPart(lines, 120.0)]
        if n == 0:
            parts.append(CodePart('print("hi")', "python", 16.0, 40.0))
        if n == 1:
            parts.append(
                TablePart((t("k"), t("v")), ((t("a"), t("1")),), ("left", "right"), 16.0, 60.0)
            )
            parts.append(ImagePart("", "a missing picture", 200.0, 100.0))
        title = session.title if n == 0 else f"{session.title} (continued)"
        slides.append(Slide("content", title, 32.0, tuple(parts), continued=n > 0))  # type: ignore[arg-type]
    return Deck(session, tuple(slides), GEOMETRY, style, event_title, "ja")


def sample_decks(event: Event) -> tuple[Deck, ...]:
    return tuple(sample_deck(s, event.title, contents=1 + s.number % 3) for s in event.sessions)


def planned_decks(event: Event, config: object) -> tuple[Deck, ...]:
    """The decks the slide planner makes for ``event``, on the configured template."""
    from publisher.images import collect_images
    from publisher.measure import measurer_for
    from publisher.plan import plan_decks, style_from_config
    from publisher.slides.template import load_template

    template = getattr(config, "template", "") or None
    slide_size = getattr(config, "slide_size", "16:9")
    geometry = load_template(template, slide_size=slide_size).geometry()
    style = style_from_config(config)  # type: ignore[arg-type]
    images, _ = collect_images(event, Path(event.source).parent)
    return plan_decks(
        event,
        geometry=geometry,
        style=style,
        images=images,
        measurer=measurer_for(style.font_ja, style.font_mono),
    )
