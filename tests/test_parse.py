"""The parser on small notes written for each construct."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.diagnostics import Diagnostic
from publisher.model import (
    Break,
    BulletList,
    Code,
    CodeBlock,
    Emph,
    Event,
    Heading,
    Image,
    Link,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    SlideBreak,
    Speaker,
    Strike,
    Strong,
    Table,
    Text,
    plain_text,
)
from publisher.parse import parse


def read(text: str, **options: int) -> tuple[Event, list[Diagnostic]]:
    return parse(textwrap.dedent(text).lstrip("\n"), "talks.md", **options)


def levels(diagnostics: list[Diagnostic]) -> list[tuple[str, int | None]]:
    return [(d.level, d.line) for d in diagnostics]


def texts(items: tuple[ListItem, ...]) -> list[str]:
    return [plain_text(item.inlines) for item in items]


def only_list(blocks: tuple[object, ...]) -> BulletList:
    assert len(blocks) == 1 and isinstance(blocks[0], BulletList), blocks
    return blocks[0]


# --- the event, the intro, the sessions -------------------------------------------------

REFERENCE_LIKE = """
# 社内勉強会のまとめ
こんにちは。 <br>
今日の[資料](https://example.com/slides)です。

## 【基調講演】12min
- 速さは投資で決まる

## 【小さく始める設計】40min
- 境界を見極める
  - 変更頻度を調べる
"""


def test_reference_shape() -> None:
    event, problems = read(REFERENCE_LIKE)
    assert problems == []
    assert event.title == "社内勉強会のまとめ"
    assert event.lang == "ja"
    assert [s.title for s in event.sessions] == ["基調講演", "小さく始める設計"]
    assert [s.duration_minutes for s in event.sessions] == [12, 40]
    assert event.total_minutes == 52
    assert [s.number for s in event.sessions] == [1, 2]
    assert [s.line for s in event.sessions] == [5, 8]


def test_intro_keeps_breaks_and_links() -> None:
    event, _ = read(REFERENCE_LIKE)
    (intro,) = event.intro
    assert isinstance(intro, Paragraph) and intro.line == 2
    assert intro.inlines == (
        Text("こんにちは。"),
        Break(),
        Text("今日の"),
        Link("https://example.com/slides", (Text("資料"),)),
        Text("です。"),
    )


def test_title_from_front_matter_wins_and_h1_becomes_subtitle() -> None:
    event, _ = read("---\ntitle: Notes\n---\n# Conference 2030\n## Talk\n- point\n")
    assert (event.title, event.subtitle) == ("Notes", "Conference 2030")
    assert [s.title for s in event.sessions] == ["Talk"]


def test_event_key_titles_when_title_is_missing() -> None:
    event, _ = read("---\nevent: DevConf\ndate: 2030-01-02\nauthor: Hanako\n---\n## Talk\n- x\n")
    assert (event.title, event.date, event.author) == ("DevConf", "2030-01-02", "Hanako")


def test_title_falls_back_to_the_file_stem() -> None:
    event, _ = read("## Talk\n- point\n## Other\n- point\n")
    assert event.title == "talks"


def test_a_single_h1_that_is_a_talk_still_names_the_event() -> None:
    event, _ = read("# Only talk\n- a\n- b\n")
    assert event.title == "Only talk"
    assert [s.title for s in event.sessions] == ["Only talk"]


def test_language_detected_and_set() -> None:
    english, _ = read("## Talk\n- a point about tests\n")
    forced, _ = read("---\nlang: ja\n---\n## Talk\n- a point about tests\n")
    assert (english.lang, forced.lang) == ("en", "ja")


def test_settings_from_front_matter() -> None:
    event, problems = read("---\nper_page: 4\npaper: a4\n---\n## Talk\n- x\n")
    assert problems == []
    assert dict(event.settings) == {"per_page": 4, "paper": "A4"}
    assert event.setting("per_page") == 4


def test_front_matter_problems_keep_line_numbers_true() -> None:
    event, problems = read(
        """
        +++
        title = "Notes"
        colour = "red"
        per_page = 5
        +++
        ## Talk
        - a
          - b
           - c
        """
    )
    assert event.title == "Notes" and event.settings == ()
    assert levels(problems) == [("error", 4), ("warning", 3), ("warning", 9)]


def test_invalid_front_matter_is_an_error_and_the_notes_still_read() -> None:
    event, problems = read("---\ntitle: [broken\n---\n## Talk\n- a\n")
    assert levels(problems) == [("error", 2)]
    assert [s.title for s in event.sessions] == ["Talk"] and event.sessions[0].line == 4


# --- session level, groups, deeper headings ------------------------------------------------

GROUPED = """
# Conference
Welcome text.

# Day 1
Arrived early.

## Keynote
- opening

## Lunch
- food

# Day 2

## Closing talk
- end

# Links
- https://example.com
"""


def test_groups_sessions_and_closing_section() -> None:
    event, problems = read(GROUPED)
    assert "error" not in [p.level for p in problems]
    summary = [(s.title, s.group, s.is_talk) for s in event.sessions]
    assert summary == [
        ("Day 1", "Day 1", False),  # a day heading with text of its own
        ("Keynote", "Day 1", True),
        ("Lunch", "Day 1", False),
        ("Closing talk", "Day 2", True),  # Day 2 has no text: no session of its own
        ("Links", "Links", False),  # a closing section without talks under it
    ]
    assert event.title == "Conference"
    assert plain_text(event.intro[0].inlines) == "Welcome text."  # type: ignore[union-attr]


def test_session_level_argument_and_front_matter() -> None:
    text = "# Event\n## Talk A\n### point 1\n- a\n### point 2\n- b\n"
    by_argument, _ = read(text, session_level=3)
    by_front, _ = read("---\nsession_level: 3\n---\n" + text)
    assert [s.title for s in by_argument.sessions] == ["point 1", "point 2"]
    assert [s.title for s in by_front.sessions] == ["point 1", "point 2"]


def test_session_level_without_such_headings_is_a_warning() -> None:
    event, problems = read("## A\n- x\n## B\n- y\n", session_level=4)
    assert [s.title for s in event.sessions] == ["A", "B"]  # kept as sections of their own
    assert levels(problems) == [("warning", 1)]
    assert "session_level is 4" in problems[0].message


def test_session_level_out_of_range_is_detected_instead() -> None:
    event, _ = read("## A\n- x\n## B\n- y\n", session_level=-1)
    assert [(s.title, s.is_talk) for s in event.sessions] == [("A", True), ("B", True)]


def test_deeper_headings_title_slides_and_lifting_is_noted() -> None:
    event, problems = read(
        "# Event\n## Talk A\n### part 1\n- a\n### part 2\n- b\n## Talk B\n### part 3\n- c\n"
    )
    assert [s.title for s in event.sessions] == ["Talk A", "Talk B"]
    headings = [b for b in event.sessions[0].blocks if isinstance(b, Heading)]
    assert [(plain_text(h.inlines), h.level, h.line) for h in headings] == [
        ("part 1", 3, 3),
        ("part 2", 3, 5),
    ]
    assert levels(problems) == [("note", 2)]
    assert "session_level: 3" in problems[0].message


def test_most_headings_decide_the_level() -> None:
    event, problems = read("# Event\n## Morning\n### a\n- x\n### b\n- y\n### c\n- z\n")
    assert [s.title for s in event.sessions] == ["a", "b", "c"]
    assert {s.group for s in event.sessions} == {"Morning"}
    assert problems == []


def test_one_container_heading_holds_the_talks() -> None:
    event, _ = read("# Event\n## Sessions\n### a\n- x\n### b\n- y\n")
    assert [(s.title, s.group) for s in event.sessions] == [("a", "Sessions"), ("b", "Sessions")]


# --- talk headings ---------------------------------------------------------------------


def test_heading_decorations_become_data() -> None:
    event, _ = read(
        """
        ## 【LT】小さく始める型検査 (5分)
        - a
        ## 10:30 - 11:10 Keynote: The next decade
        - b
        ## A. Letters as numbers by @ann
        - c
        """
    )
    first, second, third = event.sessions
    assert (first.title, first.category, first.duration_minutes) == ("小さく始める型検査", "LT", 5)
    assert (second.title, second.category) == ("The next decade", "Keynote")
    assert (second.time_range, second.duration_minutes) == (("10:30", "11:10"), 40)
    assert (third.title, [s.handle for s in third.speakers]) == ("Letters as numbers", ["@ann"])


def test_heading_that_is_a_link() -> None:
    event, _ = read("## [keynote](https://example.com/keynote)\n- a\n")
    (session,) = event.sessions
    assert (session.title, session.title_link) == ("keynote", "https://example.com/keynote")


@pytest.mark.parametrize(
    ("heading", "title", "link"),
    [
        ("## 【[Keynote](https://k.io)】40min", "Keynote", "https://k.io"),
        ("## [Static sites](https://s.io) 20min", "Static sites", "https://s.io"),
        ("## LT: **[型検査](https://t.io)** 5min", "型検査", "https://t.io"),
        ("## Keynote by [@ann](https://ann.io)", "Keynote", ""),  # the speaker's link
        ("## [A](https://a.io) and [B](https://b.io)", "A and B", ""),  # which one?
        ("## Android [Jetpack](https://j.io) today", "Android Jetpack today", ""),  # a word
    ],
)
def test_a_link_that_is_the_title_links_the_title(heading: str, title: str, link: str) -> None:
    event, _ = read(f"{heading}\n- a\n")
    (session,) = event.sessions
    assert (session.title, session.title_link) == (title, link)


def test_speaker_on_the_next_line_is_taken_out() -> None:
    event, _ = read(
        """
        ## Static sites
        発表者: [Hanako(@hanako)さん](https://example.com/hanako)
        発表資料: https://example.com/slides

        - point
        """
    )
    (session,) = event.sessions
    assert session.speakers == (Speaker("Hanako", "@hanako", url="https://example.com/hanako"),)
    first = session.blocks[0]
    assert isinstance(first, Paragraph) and first.line == 3
    assert plain_text(first.inlines) == "発表資料: https://example.com/slides"


def test_speaker_as_first_bullet_is_not_repeated() -> None:
    event, _ = read("## Talk\n* speaker: Jane Doe\n* first point\n    - detail\n")
    (session,) = event.sessions
    assert session.speakers == (Speaker("Jane Doe"),)
    assert texts(only_list(session.blocks).items) == ["first point"]


def test_bold_label_speaker_bullet() -> None:
    event, _ = read("## Talk\n- **発表者**: 山田 花子（サンプル社）\n- point\n")
    assert event.sessions[0].speakers == (Speaker("山田 花子", affiliation="サンプル社"),)


def test_a_line_mentioning_speakers_later_is_kept() -> None:
    event, _ = read("## Talk\nWe met the speaker: a nice person who talked a lot about tests.\n")
    assert event.sessions[0].speakers == ()
    assert len(event.sessions[0].blocks) == 1


# --- lists --------------------------------------------------------------------------


def test_over_indented_item_becomes_a_child_with_a_warning() -> None:
    event, problems = read(
        """
        ## Talk
        - top
          - parent
           - meant as child
          - sibling
        """
    )
    top = only_list(event.sessions[0].blocks).items[0]
    nested = only_list(top.children).items
    assert texts(nested) == ["parent", "sibling"]
    assert texts(only_list(nested[0].children).items) == ["meant as child"]
    assert levels(problems) == [("warning", 4)]
    assert "indented 3 spaces, deeper than the item above (2)" in problems[0].message
    assert "indent it by 4" in problems[0].message


def test_over_indented_run_stays_together() -> None:
    event, problems = read("## T\n- a\n - b\n - c\n- d\n")
    items = only_list(event.sessions[0].blocks).items
    assert texts(items) == ["a", "d"]
    assert texts(only_list(items[0].children).items) == ["b", "c"]
    assert levels(problems) == [("warning", 3)]


def test_ordered_items_that_continue_the_numbering_stay_siblings() -> None:
    event, problems = read("## T\n1. one\n 2. two\n")
    items = only_list(event.sessions[0].blocks).items
    assert texts(items) == ["one", "two"] and problems == []


@pytest.mark.parametrize("indent", ["  ", "   ", "    ", "\t"])
def test_consistent_indentation_nests(indent: str) -> None:
    event, problems = read(f"## T\n- a\n{indent}- b\n{indent * 2}- c\n- d\n")
    items = only_list(event.sessions[0].blocks).items
    assert texts(items) == ["a", "d"]
    b = only_list(items[0].children).items[0]
    assert plain_text(b.inlines) == "b"
    assert texts(only_list(b.children).items) == ["c"]
    assert [p for p in problems if p.level != "note"] == []


def test_fifty_levels_deep() -> None:
    lines = "\n".join("  " * depth + f"- level {depth}" for depth in range(50))
    event, problems = read("## Deep\n" + lines + "\n")
    assert problems == []
    blocks = event.sessions[0].blocks
    depth = 0
    while blocks:
        item = only_list(blocks).items[0]
        assert plain_text(item.inlines) == f"level {depth}"
        depth, blocks = depth + 1, item.children
    assert depth == 50


def test_nesting_beyond_the_limit_is_reported_not_raised() -> None:
    lines = "\n".join("  " * depth + f"- level {depth}" for depth in range(300))
    event, problems = read("## Deep\n" + lines + "\n")
    assert [(p.level, "nest too deeply" in p.message) for p in problems] == [("warning", True)]
    blocks, depth = event.sessions[0].blocks, 0
    while blocks:
        depth, blocks = depth + 1, only_list(blocks).items[0].children
    assert 50 <= depth < 300
    _, problems = read("## Deep\n" + ">" * 5000 + " x\n")
    assert "nest too deeply" in problems[0].message


def test_ordered_list_start() -> None:
    event, _ = read("## T\n3. three\n4. four\n")
    found = only_list(event.sessions[0].blocks)
    assert (found.ordered, found.start, texts(found.items)) == (True, 3, ["three", "four"])


def test_empty_bullet_is_left_out() -> None:
    event, _ = read("## T\n* a\n* \n")
    assert texts(only_list(event.sessions[0].blocks).items) == ["a"]


# --- pseudo-bullets and pseudo-headings ----------------------------------------------


def test_pseudo_bullets_under_a_list_item() -> None:
    event, _ = read("## T\n- Topic  \n   ・first point  \n   ・second point\n- Next\n")
    items = only_list(event.sessions[0].blocks).items
    assert texts(items) == ["Topic", "Next"]
    sub = only_list(items[0].children)
    assert texts(sub.items) == ["first point", "second point"]
    assert [i.line for i in sub.items] == [3, 4]


def test_paragraph_of_pseudo_bullets_is_a_list_and_neighbours_join() -> None:
    event, _ = read("## T\nLead line\n・one\n・two\n\n・three\n")
    blocks = event.sessions[0].blocks
    assert isinstance(blocks[0], Paragraph) and plain_text(blocks[0].inlines) == "Lead line"
    assert isinstance(blocks[1], BulletList) and texts(blocks[1].items) == ["one", "two", "three"]
    assert len(blocks) == 2


def test_middle_dot_inside_a_line_is_text() -> None:
    event, _ = read("## T\nA・B・C\n")
    assert plain_text(event.sessions[0].blocks[0].inlines) == "A・B・C"  # type: ignore[union-attr]


def test_bold_line_is_a_subsection_heading() -> None:
    event, _ = read("## T\n**First part**\nText under it.\n\n**Bold** and more text.\n")
    heading, paragraph, other = event.sessions[0].blocks
    assert isinstance(heading, Heading)
    assert (plain_text(heading.inlines), heading.level, heading.line) == ("First part", 3, 2)
    assert isinstance(paragraph, Paragraph) and paragraph.line == 3
    assert isinstance(other, Paragraph) and isinstance(other.inlines[0], Strong)


# --- inline content -----------------------------------------------------------------


def test_inline_styles() -> None:
    event, _ = read("## T\n**b** *e* ~~s~~ `c` [l](https://x.example) <https://y.example>\n")
    inlines = event.sessions[0].blocks[0].inlines  # type: ignore[union-attr]
    assert inlines == (
        Strong((Text("b"),)),
        Text(" "),
        Emph((Text("e"),)),
        Text(" "),
        Strike((Text("s"),)),
        Text(" "),
        Code("c"),
        Text(" "),
        Link("https://x.example", (Text("l"),)),
        Text(" "),
        Link("https://y.example", (Text("https://y.example"),)),
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("日本語の\n文章", "日本語の文章"),
        ("English\nwords", "English words"),
        ("日本語\nEnglish", "日本語 English"),
        ("line  \nbreak", "line\nbreak"),
        ("line\\\nbreak", "line\nbreak"),
        ("line<br/>break", "line\nbreak"),
    ],
)
def test_line_breaks(source: str, expected: str) -> None:
    event, _ = read("## T\n" + source + "\n")
    assert plain_text(event.sessions[0].blocks[0].inlines) == expected  # type: ignore[union-attr]


def test_paragraph_of_images_becomes_pictures() -> None:
    event, _ = read('## T\n![one](a.png "First") ![two](b.png)\n')
    assert event.sessions[0].blocks == (
        Image("a.png", "one", "First", 2),
        Image("b.png", "two", "", 2),
    )


def test_picture_inside_text_follows_the_text() -> None:
    event, _ = read("## T\nSee this ![chart](c.png) here.\n")
    paragraph, image = event.sessions[0].blocks
    assert plain_text(paragraph.inlines) == "See this here."  # type: ignore[union-attr]
    assert image == Image("c.png", "chart", "", 2)


def test_picture_inside_a_link_keeps_the_link_text() -> None:
    event, _ = read("## T\n[![logo](l.png)](https://x.example)\n")
    paragraph, image = event.sessions[0].blocks
    assert paragraph.inlines == (Link("https://x.example", (Text("logo"),)),)  # type: ignore[union-attr]
    assert isinstance(image, Image)


# --- raw HTML -----------------------------------------------------------------------


def test_html_block_is_dropped_with_a_warning_naming_the_tag() -> None:
    event, problems = read('## T\n<iframe src="https://x.example"></iframe>\n\n- kept\n')
    assert texts(only_list(event.sessions[0].blocks).items) == ["kept"]
    assert levels(problems) == [("warning", 2)]
    assert "<iframe>" in problems[0].message


def test_inline_html_keeps_what_sits_between_tags() -> None:
    event, problems = read('## T\n<span class="x">![pic](p.png)</span>\n')
    assert event.sessions[0].blocks == (Image("p.png", "pic", "", 2),)
    assert levels(problems) == [("warning", 2)]
    assert "<span>" in problems[0].message


def test_script_content_never_reaches_the_model() -> None:
    event, problems = read("## T\nbefore <script>steal()</script> after\n")
    assert plain_text(event.sessions[0].blocks[0].inlines) == "before after"  # type: ignore[union-attr]
    assert ["<script>" in p.message for p in problems] == [True]


def test_html_comments_are_notes() -> None:
    event, problems = read("## T\n<!-- hidden -->\n\n- a <!-- inline -->\n")
    assert levels(problems) == [("note", 2), ("note", 4)]
    assert texts(only_list(event.sessions[0].blocks).items) == ["a"]


def test_inline_html_line_numbers_inside_a_paragraph() -> None:
    _, problems = read("## T\nfirst line\nsecond <b>bold</b>\nthird <img src=x>\n")
    assert levels(problems) == [("warning", 3), ("warning", 4)]


# --- other blocks -------------------------------------------------------------------


def test_code_blocks() -> None:
    event, problems = read("## T\n```python\nprint(1)\n```\n\n    indented\n")
    assert event.sessions[0].blocks == (
        CodeBlock("print(1)", "python", 2),
        CodeBlock("indented", "", 6),
    )
    assert problems == []


def test_unclosed_fence_is_a_warning_and_keeps_the_code() -> None:
    event, problems = read("## T\n```\ncode\nmore\n")
    assert event.sessions[0].blocks == (CodeBlock("code\nmore", "", 2),)
    assert levels(problems) == [("warning", 2)]


def test_table() -> None:
    event, _ = read("## T\n| a | **b** |\n|:--|--:|\n| 1 | 2 |\n")
    (table,) = event.sessions[0].blocks
    assert isinstance(table, Table)
    assert table.header == ((Text("a"),), (Strong((Text("b"),)),))
    assert table.rows == (((Text("1"),), (Text("2"),)),)
    assert (table.aligns, table.line) == (("left", "right"), 2)


def test_quote() -> None:
    event, _ = read("## T\n> quoted *text*\n")
    (quote,) = event.sessions[0].blocks
    assert isinstance(quote, Quote) and isinstance(quote.children[0], Paragraph)


def test_notes_fence() -> None:
    event, problems = read("## T\n- shown\n\n::: notes\nsay this\n:::\n")
    blocks = event.sessions[0].blocks
    assert isinstance(blocks[1], Notes) and blocks[1].line == 4
    assert plain_text(blocks[1].children[0].inlines) == "say this"  # type: ignore[union-attr]
    assert problems == []


def test_unclosed_notes_fence_warns_and_keeps_content() -> None:
    event, problems = read("## T\n::: notes\nsay this\n")
    assert isinstance(event.sessions[0].blocks[0], Notes)
    assert levels(problems) == [("warning", 2)]


def test_other_fenced_divs_keep_their_content() -> None:
    event, _ = read("## T\n::: warning\ncareful\n:::\n")
    assert isinstance(event.sessions[0].blocks[0], Paragraph)


def test_thematic_break_is_a_slide_break_in_sessions_only() -> None:
    event, _ = read("Intro\n\n---\n\nMore intro\n## T\n- a\n\n---\n\n- b\n")
    assert [type(b) for b in event.intro] == [Paragraph, Paragraph]
    assert [type(b) for b in event.sessions[0].blocks] == [BulletList, SlideBreak, BulletList]


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\t\n", "---\ntitle: x\n---\n\n"])
def test_empty_notes_are_an_error(text: str) -> None:
    event, problems = parse(text, "talks.md")
    assert levels(problems)[-1] == ("error", 1)
    assert "empty" in problems[-1].message
    assert event.sessions == ()


def test_no_headings_make_one_session() -> None:
    event, problems = read("Some notes\n- a point\n")
    assert levels(problems) == [("warning", 1)]
    (session,) = event.sessions
    assert session.title == "talks" and len(session.blocks) == 2


def test_session_without_content() -> None:
    event, problems = read("## Empty\n## Full\n- a\n")
    assert [s.title for s in event.sessions] == ["Empty", "Full"]
    assert levels(problems) == [("warning", 1)]
    assert "no content" in problems[0].message


def test_an_empty_break_between_talks_is_not_reported() -> None:
    event, problems = read("## Talk one\n- a\n## Lunch\n## Talk two\n- b\n")
    assert [(s.title, s.is_talk) for s in event.sessions] == [
        ("Talk one", True),
        ("Lunch", False),
        ("Talk two", True),
    ]
    assert problems == []
    _, forgotten = read("## Talk one\n- a\n## まとめ\n")
    assert levels(forgotten) == [("warning", 3)] and "no content" in forgotten[0].message


def test_a_category_or_a_speaker_makes_a_talk_of_any_title() -> None:
    event, _ = read(
        "## 【基調講演】Welcome (30min)\n- a\n## Welcome\n- b\n## Closing by @host\n- c\n"
    )
    assert [(s.title, s.is_talk) for s in event.sessions] == [
        ("Welcome", True),
        ("Welcome", False),
        ("Closing", True),
    ]


def test_duplicate_titles_are_noted() -> None:
    _, problems = read("## Same\n- a\n## Same\n- b\n")
    assert levels(problems) == [("note", 3)]


def test_control_characters_removed_once_per_line() -> None:
    event, problems = read("## T\x07itle\n- a\x00b\x01c\n- ok\n- \x1bx\n")
    assert event.sessions[0].title == "Title"
    assert texts(only_list(event.sessions[0].blocks).items) == ["abc", "ok", "x"]
    assert levels(problems) == [("warning", 1), ("warning", 2), ("warning", 4)]


def test_lone_surrogates_and_xml_invalid_characters() -> None:
    event, problems = read("## T\n- a\ud800b\ufffe\n")
    assert texts(only_list(event.sessions[0].blocks).items) == ["ab"]
    assert levels(problems) == [("warning", 2)]


def test_stray_carriage_returns_and_byte_order_marks() -> None:
    event, problems = parse("\ufeff## T\r\n- a\r- b\ufeff\n", "talks.md")
    assert problems == []
    assert texts(only_list(event.sessions[0].blocks).items) == ["a", "b"]


def test_thousands_of_sessions() -> None:
    text = "".join(f"## Talk {n}\n- point\n" for n in range(5000))
    event, problems = parse(text, "talks.md")
    assert len(event.sessions) == 5000 and problems == []
    assert event.sessions[-1].number == 5000


def test_a_one_megabyte_line() -> None:
    event, problems = parse("## T\n" + "あいうえお " * 200_000, "talks.md")
    assert len(plain_text(event.sessions[0].blocks[0].inlines)) > 1_000_000  # type: ignore[union-attr]
    assert problems == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    event, problems = parse(text, "fuzz.md")
    assert isinstance(event, Event) and all(isinstance(p, Diagnostic) for p in problems)


# Pieces of Markdown (and of broken input) that fuzzing strings together.
PIECES = (
    "# ", "## ", "### ", "- ", "  - ", "   - ", "1. ", "> ", "```", ":::", "::: notes", "---",
    "+++", "**", "*", "~~", "`", "[a](b)", "![i](p.png)", "<br>", "<span>", "</span>", "<!--",
    "-->", "<script>", "|a|b|", "|-|-|", "・", "\t", "\n", "\n\n", "text", "日本語", "@x",
    "発表者: ", "speaker: ", "40min", "【", "】", "\x00", "\r", "\ufeff", "\ud800",
)  # fmt: skip
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_never_raises_on_markdown_like_text(text: str) -> None:
    event, problems = parse(text, "fuzz.md")
    assert isinstance(event, Event) and all(isinstance(p, Diagnostic) for p in problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_never_raises_on_random_bytes(data: bytes) -> None:
    event, _ = parse(data.decode("utf-8", errors="replace"), "fuzz.md")
    assert isinstance(event, Event)


def test_a_heading_without_its_space_is_reported() -> None:
    notes = (
        "# E\n\n## Talk\n\n- a point\n\n##まとめ\n\n- 次回は 12 月\n\ntext\n###次へ\n\n"
        "    ##indented code\n\n```\n##fenced\n```\n\n#hashtag\n"
    )
    event, problems = parse(notes, "n.md")
    found = [(d.line, d.level, d.message) for d in problems if "heading" in d.message]
    assert [(line, level) for line, level, _ in found] == [(7, "warning"), (12, "warning")]
    assert "'## まとめ'" in found[0][2] and "'### 次へ'" in found[1][2]
    assert [s.title for s in event.sessions] == ["Talk"]  # still read as text, as written


def test_a_heading_with_full_width_marks_or_space_is_reported() -> None:
    notes = (
        "# E\n\n## Talk\n\n- a\n\n##\u3000まとめ\n\n＃＃ 感想\n\n- ##in a list\n\n> ##in a quote\n"
    )
    _, problems = parse(notes, "n.md")
    found = [(d.line, d.message) for d in problems if "heading" in d.message]
    assert [line for line, _ in found] == [7, 9]
    assert "'## まとめ'" in found[0][1] and "'## 感想'" in found[1][1]
