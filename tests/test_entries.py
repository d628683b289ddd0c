"""Flattening a session into entries; cutting and trimming inline text."""

from __future__ import annotations

from deck_support import STYLE, bullets, paragraph, session, text

from publisher.entries import (
    CodeEntry,
    TextEntry,
    flatten,
    notes_text,
    sections,
    split_inlines,
    strip_inlines,
)
from publisher.model import (
    Break,
    Code,
    CodeBlock,
    Heading,
    Link,
    Notes,
    SlideBreak,
    Strong,
    Text,
    plain_text,
)

RICH = (
    Text("前"),
    Strong((Text("太字"), Code("x()"))),
    Break(),
    Link("https://e.x", (Text("リンク"),)),
)


def test_split_keeps_formatting_on_both_sides() -> None:
    for offset in range(len(plain_text(RICH)) + 1):
        head, tail = split_inlines(RICH, offset)
        assert plain_text(head) + plain_text(tail) == plain_text(RICH)
        assert len(plain_text(head)) == offset
    head, tail = split_inlines(RICH, 2)
    assert head == (Text("前"), Strong((Text("太"),)))
    assert tail[0] == Strong((Text("字"), Code("x()")))


def test_strip_trims_only_the_ends() -> None:
    assert plain_text(strip_inlines((Text("  a b  "), Strong((Text(" c "),))))) == "a b   c"
    assert strip_inlines((Text("   "),)) == ()
    long = (Text(" " * 100 + "word" + " " * 100),)
    assert plain_text(strip_inlines(long)) == "word"
    assert strip_inlines((Text("ok"),)) == (Text("ok"),)


def test_entries_remember_their_parents_and_notes() -> None:
    blocks = (bullets(("親", ["子"])), Notes((paragraph("メモ"),), 1), CodeBlock("x\n", "py", 1))
    entries, spare = flatten(blocks, {}, STYLE)
    parent, child, code = entries
    assert isinstance(child, TextEntry) and child.ancestors == (parent.line,)  # type: ignore[union-attr]
    assert child.line.level == 2 and child.line.size == STYLE.body_size(2)
    assert child.notes == ("メモ",) and spare == ()
    assert isinstance(code, CodeEntry) and code.code == "x"


def test_headings_and_breaks_cut_sections() -> None:
    talk = session(
        paragraph("a"),
        Heading(text("見出し"), 3, 1),
        paragraph("b"),
        SlideBreak(1),
        SlideBreak(1),
        paragraph("c"),
        Heading(text("空"), 3, 1),
    )
    found = [(s.title, len(s.entries), s.titled) for s in sections(talk, {}, STYLE)]
    assert found == [
        ("テストセッション", 1, False),
        ("見出し", 1, True),
        ("見出し", 1, False),
        ("空", 0, True),
    ]


def test_notes_become_plain_text() -> None:
    notes = notes_text((paragraph("話す"), bullets(("点", ["細かい点"]))))
    assert notes == "話す\n- 点\n  - 細かい点"
