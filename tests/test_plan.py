"""Planning decks: grouping, measured pagination, continuation slides, shrinking, splitting."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from deck_support import (
    GEOMETRY,
    STYLE,
    assert_fits,
    bullets,
    content_lines,
    event,
    measurer_or_skip,
    paragraph,
    session,
    text,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.images import ImageInfo
from publisher.layout import CodePart, Deck, ImagePart, TablePart, TextPart
from publisher.measure import Measurer
from publisher.model import (
    BulletList,
    CodeBlock,
    Event,
    Heading,
    Image,
    Link,
    ListItem,
    Notes,
    Quote,
    Session,
    SlideBreak,
    Speaker,
    Table,
    Text,
    plain_text,
)
from publisher.plan import info_lines, plan_deck, plan_decks


@pytest.fixture(scope="module")
def measurer() -> Measurer:
    return measurer_or_skip()


def plan(
    measurer: Measurer,
    talk: Session,
    *,
    lang: str = "ja",
    images: dict[str, ImageInfo] | None = None,
) -> Deck:
    deck = plan_deck(
        event(talk, lang=lang),
        talk,
        geometry=GEOMETRY,
        style=STYLE,
        images=images or {},
        measurer=measurer,
    )
    assert_fits(deck)
    return deck


def content(deck: Deck) -> list:
    return [s for s in deck.slides if s.kind == "content"]


def many(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i:02d}：ここに説明が入ります" for i in range(count)]


# --- the title slide ----------------------------------------------------------------


def test_a_small_session_is_a_title_slide_and_one_slide(measurer: Measurer) -> None:
    talk = session(
        bullets("一つ目", ("二つ目", ["詳細"])),
        title="短い発表",
        duration_minutes=40,
        category="基調講演",
        speakers=(Speaker("山田 花子", "@hanako"),),
    )
    deck = plan(measurer, talk)
    assert [s.kind for s in deck.slides] == ["title", "content"]
    cover, only = deck.slides
    assert cover.title == "短い発表"
    assert cover.info == (
        "区分：基調講演",
        "時間：40分",
        "登壇者：山田 花子 (@hanako)",
        "イベント：勉強会メモ",
        "日付：2026-10-16",
    )
    assert only.title == "短い発表" and not only.continued
    assert content_lines(deck) == ["一つ目", "二つ目", "詳細"]
    assert deck.footer == "短い発表"


def test_info_lines_are_in_english_for_english_notes() -> None:
    talk = session(
        title="Talk",
        duration_minutes=90,
        time_range=("10:30", "12:00"),
        speakers=(Speaker("A"), Speaker("B")),
        category="Keynote",
    )
    assert info_lines(event(talk, lang="en", title="Conf"), talk, "en") == (
        "Category: Keynote",
        "Duration: 10:30–12:00 (90 min)",
        "Speakers: A, B",
        "Event: Conf",
        "Date: 2026-10-16",
    )


def test_a_long_title_shrinks_then_wraps_then_is_shortened(measurer: Measurer) -> None:
    medium = "マイクロサービスアーキテクチャの実践と組織づくりの勘所"
    long = "とても長いタイトル" * 12
    deck = plan(measurer, session(bullets("本文"), title=medium))
    assert STYLE.title_min_size <= deck.slides[1].title_size < STYLE.title_size
    deck = plan(measurer, session(bullets("本文"), title=long))
    slide = deck.slides[1]
    assert slide.title_size == STYLE.title_min_size
    assert slide.title.endswith("…") and len(slide.title) < len(long)
    assert deck.slides[0].title == long  # the title slide shows it whole
    huge = "タイトル" * 80
    cover = plan(measurer, session(title=huge)).slides[0]
    assert cover.title.endswith("…") and cover.notes == huge  # kept in the notes


# --- grouping -----------------------------------------------------------------------


def test_a_heading_titles_the_slides_after_it(measurer: Measurer) -> None:
    talk = session(
        bullets("前置き"),
        Heading(text("背景"), 3, 2),
        bullets("理由"),
        Heading(text("空の見出し"), 3, 4),
    )
    titles = [s.title for s in content(plan(measurer, talk))]
    assert titles == ["テストセッション", "背景", "空の見出し"]


def test_a_slide_break_starts_a_new_slide(measurer: Measurer) -> None:
    talk = session(bullets("前半"), SlideBreak(2), bullets("後半"))
    slides = content(plan(measurer, talk))
    assert len(slides) == 2
    assert [s.title for s in slides] == ["テストセッション", "テストセッション"]
    assert [plain_text(slides[1].parts[0].lines[0].inlines)] == ["後半"]


def test_top_level_bullets_with_children_become_slides(measurer: Measurer) -> None:
    talk = session(bullets(("文化", many("文化の話", 6)), "ひとこと", ("組織", many("組織", 6))))
    slides = content(plan(measurer, talk))
    assert [s.title for s in slides] == ["文化", "テストセッション", "組織"]
    first = slides[0].parts[0].lines
    assert {line.level for line in first} == {1}  # children moved up a level
    assert first[0].size == STYLE.body_size(1)


def test_a_heading_whose_bullets_all_become_slides_keeps_a_slide(measurer: Measurer) -> None:
    """Under a heading, when every top-level bullet becomes a slide of its own, the
    heading is not lost: it titles a slide of its own before them."""
    talk = session(
        Heading(text("見出し"), 3, 1),
        bullets(("文化", many("文化の話", 6)), ("組織", many("組織", 6))),
    )
    slides = content(plan(measurer, talk))
    assert [s.title for s in slides] == ["見出し", "文化", "組織"]
    assert slides[0].parts == ()


def test_the_session_s_bullets_after_a_bullet_s_slide_say_they_continue(
    measurer: Measurer,
) -> None:
    talk = session(
        bullets(*many("前半", 4), ("文化", many("文化の話", 6)), *many("後半", 4)),
    )
    slides = content(plan(measurer, talk))
    assert [s.title for s in slides] == ["テストセッション", "文化", "テストセッション（続き）"]
    assert [s.continued for s in slides] == [False, False, True]


def test_a_sentence_or_a_single_remark_stays_a_bullet(measurer: Measurer) -> None:
    sentence = (
        "この箇条書きは見出しではなく文であり、スライドのタイトルの一行には収まらない長さがある"
    )
    talk = session(
        bullets(
            (sentence, many("説明", 3)),
            ("補足がひとつ", ["ひとことだけの補足"]),
            *many("ほかの項目", 8),
            ("短い見出し", many("細目", 3)),
        )
    )
    slides = content(plan(measurer, talk))
    titles = [s.title for s in slides]
    assert sentence not in titles and "補足がひとつ" not in titles
    assert "短い見出し" in titles
    kept = [plain_text(x.inlines) for s in slides for p in s.parts for x in p.lines]
    assert sentence in kept and "補足がひとつ" in kept and "ひとことだけの補足" in kept


def test_a_bullet_over_a_code_block_titles_its_slide(measurer: Measurer) -> None:
    code = CodeBlock("print('hello')\nprint('world')", "python", 2)
    talk = session(
        BulletList((ListItem(text("コード例"), (code,), 1),), 1),
        bullets(*many("ほかの項目", 10)),
    )
    titles = [s.title for s in content(plan(measurer, talk))]
    assert titles[0] == "コード例"


def test_continuation_slides_say_so_and_repeat_the_parent(measurer: Measurer) -> None:
    talk = session(bullets(("親", [("中間の項目", many("細目", 14))])))
    slides = content(plan(measurer, talk))
    assert slides[0].title == "親"
    assert len(slides) >= 2
    for later in slides[1:]:
        assert later.title == "親（続き）" and later.continued
        first = later.parts[0].lines[0]
        assert first.context and plain_text(first.inlines) == "中間の項目"
    english = content(plan(measurer, talk, lang="en"))
    assert english[1].title == "親 (cont.)"


def test_slides_end_at_the_highest_level_boundary(measurer: Measurer) -> None:
    groups = [(f"項目{i}", many(f"項目{i}の細目", 3)) for i in range(6)]
    talk = session(bullets(("全体", groups)))
    slides = content(plan(measurer, talk))
    assert len(slides) >= 2
    for later in slides[1:]:
        lines = later.parts[0].lines
        assert not lines[0].context and lines[0].level == 1  # no sub-list cut in two


def test_notes_go_to_the_slide_of_what_they_follow(measurer: Measurer) -> None:
    talk = session(
        bullets("一枚目"), Notes((paragraph("補足の話"),), 2), SlideBreak(3), bullets("二枚目")
    )
    slides = content(plan(measurer, talk))
    assert slides[0].notes == "補足の話"
    assert slides[1].notes == ""


def test_paragraphs_quotes_and_ordered_lists(measurer: Measurer) -> None:
    ordered = replace(bullets("手順A", "手順B"), ordered=True, start=3)
    talk = session(paragraph("地の文"), Quote((paragraph("引用文"),), 2), ordered)
    lines = content(plan(measurer, talk))[0].parts[0].lines
    assert [(x.level, x.quote, x.number) for x in lines] == [
        (0, False, None),
        (0, True, None),
        (1, False, 3),
        (1, False, 4),
    ]


# --- shrinking and splitting --------------------------------------------------------


def test_a_long_bullet_shrinks_before_it_splits(measurer: Measurer) -> None:
    sentence = "これは少し長めの説明の文であり、スライドの幅いっぱいに続きます。"
    fits_when_smaller = sentence * 12
    lines = content_lines(plan(measurer, session(bullets(fits_when_smaller))))
    assert lines == [fits_when_smaller]
    deck = plan(measurer, session(bullets(fits_when_smaller)))
    line = content(deck)[0].parts[0].lines[0]
    assert STYLE.body_min_size <= line.size < STYLE.body_size(1)


def test_a_bullet_too_long_for_a_slide_splits_at_sentence_ends(measurer: Measurer) -> None:
    sentence = "この文は長い一つの箇条書きを作るために何度も繰り返されます。"
    long = sentence * 60
    deck = plan(measurer, session(bullets(long)))
    slides = content(deck)
    assert len(slides) >= 3
    pieces = [line for s in slides for p in s.parts for line in p.lines if not line.context]
    assert "".join(plain_text(x.inlines) for x in pieces) == long
    assert all(x.size == STYLE.body_min_size for x in pieces)
    assert not pieces[0].continued and all(x.continued for x in pieces[1:])
    assert all(plain_text(x.inlines).endswith("。") for x in pieces)


def test_a_huge_paragraph_without_sentences_still_fits(measurer: Measurer) -> None:
    long = "あ" * 20000
    deck = plan(measurer, session(paragraph(long)))
    assert "".join(content_lines(deck)) == long


def test_code_shrinks_then_splits_by_lines(measurer: Measurer) -> None:
    medium = "\n".join(f"print({i})" for i in range(20))
    parts = [
        p for s in content(plan(measurer, session(CodeBlock(medium, "python", 1)))) for p in s.parts
    ]
    assert len(parts) == 1 and isinstance(parts[0], CodePart)
    assert STYLE.code_min_size <= parts[0].size < STYLE.code_size
    long = "\n".join(f"value_{i} = compute({i})  # 説明" for i in range(90))
    slides = content(plan(measurer, session(CodeBlock(long, "python", 1))))
    codes = [p for s in slides for p in s.parts]
    assert len(codes) >= 3 and all(isinstance(p, CodePart) for p in codes)
    assert "\n".join(p.code for p in codes) == long
    assert {p.size for p in codes} == {STYLE.code_min_size}
    assert slides[1].title.endswith("（続き）")


def test_a_wide_code_line_shrinks_the_code(measurer: Measurer) -> None:
    code = "x = " + "a" * 110
    part = content(plan(measurer, session(CodeBlock(code, "", 1))))[0].parts[0]
    assert isinstance(part, CodePart) and part.size < STYLE.code_size


def test_tables_split_by_rows_with_the_header_repeated(measurer: Measurer) -> None:
    header = (text("項目"), text("説明"))
    rows = tuple((text(f"行{i}"), text("説明の文がここに入る" * (1 + i % 3))) for i in range(40))
    talk = session(Table(header, rows, ("left", "right"), 1))
    tables = [p for s in content(plan(measurer, talk)) for p in s.parts]
    assert len(tables) >= 2 and all(isinstance(p, TablePart) for p in tables)
    assert all(p.header == header for p in tables)
    assert [p.continued for p in tables] == [False] + [True] * (len(tables) - 1)
    assert tuple(r for p in tables for r in p.rows) == rows
    for part in tables:
        assert len(part.row_heights) == len(part.rows) + 1
        assert sum(part.col_widths) == pytest.approx(GEOMETRY.body.width)
        assert part.col_widths == tables[0].col_widths


def test_a_row_taller_than_a_slide_continues_on_the_next(measurer: Measurer) -> None:
    """Every word of the row, in order, on slides it fits: the row is cut by lines."""
    header = (text("項目"), text("説明"))
    long = "とても長い説明がここに続きます。" * 200
    rows = ((text("前"), text("短い")), (text("長い行"), text(long)), (text("後"), text("短い")))
    talk = session(Table(header, rows, ("left", "left"), 1))
    tables = [p for s in content(plan(measurer, talk)) for p in s.parts]
    assert len(tables) >= 3 and all(isinstance(p, TablePart) for p in tables)
    for part in tables:
        assert part.height <= GEOMETRY.body.height + 0.01  # no row past the slide
        assert part.height == pytest.approx(sum(part.row_heights))
    cells = [plain_text(row[1]) for p in tables for row in p.rows]
    assert "".join(cells) == "短い" + long + "短い"
    firsts = [plain_text(row[0]) for p in tables for row in p.rows]
    assert firsts[:2] == ["前", "長い行"] and firsts[-1] == "後"


def test_pictures_keep_their_shape_and_missing_ones_keep_their_words(
    measurer: Measurer, tmp_path: Path
) -> None:
    info = ImageInfo(tmp_path / "wide.png", 4000, 1000, "PNG")
    talk = session(Image("wide.png", "横長の図", "", 1), Image("gone.png", "無い図", "", 2))
    deck = plan(measurer, talk, images={"wide.png": info})
    parts = [p for s in content(deck) for p in s.parts]
    picture = next(p for p in parts if isinstance(p, ImagePart))
    assert picture.width <= GEOMETRY.body.width + 0.01
    assert picture.width / picture.height == pytest.approx(4.0)
    assert picture.alt == "横長の図" and picture.path == str(info.path)
    assert "[無い図]" in content_lines(deck)


def test_a_tall_picture_is_scaled_to_the_body(measurer: Measurer, tmp_path: Path) -> None:
    info = ImageInfo(tmp_path / "tall.png", 500, 3000, "PNG")
    deck = plan(
        measurer,
        session(bullets("説明"), Image("tall.png", "縦長", "", 2)),
        images={"tall.png": info},
    )
    pictures = [p for s in content(deck) for p in s.parts if isinstance(p, ImagePart)]
    assert len(pictures) == 1
    assert pictures[0].height <= GEOMETRY.body.height
    assert pictures[0].height / pictures[0].width == pytest.approx(6.0)


# --- the whole ----------------------------------------------------------------------


def test_plan_decks_gives_one_deck_per_session_and_is_pure(measurer: Measurer) -> None:
    talks = tuple(session(bullets(f"内容{i}"), title=f"発表{i}", number=i) for i in range(1, 4))
    notes = event(*talks)
    decks = plan_decks(notes, geometry=GEOMETRY, style=STYLE, images={}, measurer=measurer)
    again = plan_decks(notes, geometry=GEOMETRY, style=STYLE, images={}, measurer=measurer)
    assert [d.session.title for d in decks] == ["発表1", "発表2", "発表3"]
    assert decks == again


def test_links_stay_bullets(measurer: Measurer) -> None:
    linked = (Link("https://example.com", (Text("公式サイト"),)),)
    from publisher.model import BulletList, ListItem

    item = ListItem(linked, (bullets(*many("細目", 12)),), 1)
    deck = plan(measurer, session(BulletList((item,), 1)))
    assert all(s.title != "公式サイト" for s in deck.slides)
    lines = [x for s in content(deck) for p in s.parts if isinstance(p, TextPart) for x in p.lines]
    assert lines[0].inlines == linked


WORDS = (
    st.text(
        alphabet=st.sampled_from(list("あいう漢字カナ、。「」ABC abc")), min_size=1, max_size=90
    )
    .map(str.strip)
    .filter(bool)
)


def trees(depth: int) -> st.SearchStrategy:
    if depth == 0:
        return WORDS
    return st.one_of(WORDS, st.tuples(WORDS, st.lists(trees(depth - 1), min_size=1, max_size=5)))


def flat(items: list) -> list[str]:
    found = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        else:
            found.append(item[0])
            found.extend(flat(item[1]))
    return found


@settings(max_examples=60, deadline=None)
@given(st.lists(trees(3), min_size=1, max_size=8))
def test_every_bullet_is_planned_and_every_slide_fits(items: list) -> None:
    measurer = measurer_or_skip()
    deck = plan(measurer, session(bullets(*items)))
    seen = "".join(
        s.title
        + "".join(
            plain_text(x.inlines)
            for p in s.parts
            for x in p.lines  # type: ignore[union-attr]
            if not x.context
        )
        for s in content(deck)
    ).replace(" ", "")
    for words in flat(items):
        assert words.replace(" ", "") in seen


def test_an_empty_session_is_its_title_slide(measurer: Measurer) -> None:
    deck = plan(measurer, session())
    assert [s.kind for s in deck.slides] == ["title"]


def test_english_event_is_an_english_deck(measurer: Measurer) -> None:
    talk = session(bullets("one"), title="Talk")
    deck = plan_deck(
        Event("Conf", "n.md", (talk,), lang="en"),
        talk,
        geometry=GEOMETRY,
        style=STYLE,
        images={},
        measurer=measurer,
    )
    assert deck.lang == "en"


def test_nesting_sixty_deep_keeps_every_level_and_room_to_write(measurer: Measurer) -> None:
    deep: object = "いちばん深い項目"
    for level in range(60):
        deep = (f"階層{level}", [deep])
    deck = plan(measurer, session(bullets(("最上位", [deep]))))  # type: ignore[list-item]
    lines = content_lines(deck)
    assert "いちばん深い項目" in lines and "階層0" in lines
    assert STYLE.left_margin(60) == STYLE.left_margin(9) < GEOMETRY.body.width / 4


def test_tabs_and_newlines_in_text_are_measured_as_drawn(measurer: Measurer) -> None:
    deck = plan(measurer, session(paragraph("一行目\n二行目\tタブ")))
    assert content_lines(deck) == ["一行目\n二行目\tタブ"]
    part = content(deck)[0].parts[0]
    assert part.height == pytest.approx(
        2 * STYLE.inset_y + STYLE.space_before[0] + 2 * STYLE.body_size(0) * STYLE.line_spacing
    )
