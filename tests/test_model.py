"""The model's own helpers: every block of an event, nested ones in reading order."""

from __future__ import annotations

from publisher.model import (
    BulletList,
    CodeBlock,
    Event,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Session,
    Text,
    walk,
)


def _paragraph(text: str, line: int) -> Paragraph:
    return Paragraph((Text(text),), line)


def test_an_event_s_blocks_are_the_intro_then_each_session_s() -> None:
    intro, first, second = _paragraph("intro", 1), _paragraph("a", 3), _paragraph("b", 5)
    event = Event(
        title="E",
        source="n.md",
        intro=(intro,),
        sessions=(Session(1, "A", 2, (first,)), Session(2, "B", 4, (second,))),
    )
    assert event.blocks == (intro, first, second)


def test_walk_goes_into_list_items_quotes_and_notes_in_reading_order() -> None:
    code = CodeBlock("print()", "python", 4)
    quoted = Quote((code,), 3)
    noted = _paragraph("note", 6)
    notes = Notes((noted,), 5)
    after = _paragraph("after", 7)
    items = (
        ListItem((Text("one"),), (quoted,), 2),
        ListItem((Text("two"),), (notes,), 5),
    )
    bullets = BulletList(items, 2)
    assert list(walk((bullets, after))) == [bullets, quoted, code, notes, noted, after]


def test_talks_are_numbered_over_the_talks_only() -> None:
    sessions = (
        Session(1, "基調講演", 3),
        Session(2, "Lunch", 9, is_talk=False),
        Session(3, "二つ目の講演", 12),
        Session(4, "まとめ", 20, is_talk=False),
    )
    assert Event("E", "notes.md", sessions).talk_numbers() == {1: 1, 3: 2}
