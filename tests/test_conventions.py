"""Each heading convention: cases that must match, cases that must not."""

from __future__ import annotations

import pytest

from publisher.conventions import (
    HEADING_RULES,
    NOT_TALK_RULES,
    HeadingInfo,
    detect_lang,
    is_talk,
    looks_like_group,
    read_heading,
    rule,
)


def apply(name: str, title: str) -> HeadingInfo | None:
    return rule(name)(HeadingInfo(title=title))


# --- time ranges --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "rest", "times", "minutes"),
    [
        ("10:30-11:10 Opening talk", "Opening talk", ("10:30", "11:10"), 40),
        ("Opening talk 10:30 - 11:10", "Opening talk", ("10:30", "11:10"), 40),
        ("セッションA 10:30〜11:10", "セッションA", ("10:30", "11:10"), 40),
        ("セッションA（13:00～13:45）", "セッションA", ("13:00", "13:45"), 45),
        ("Late one [23:30-00:15]", "Late one", ("23:30", "0:15"), 45),
        ("9：00－9：20 朝会", "朝会", ("9:00", "9:20"), 20),
    ],
)
def test_time_range_matches(title: str, rest: str, times: tuple[str, str], minutes: int) -> None:
    found = apply("time_range", title)
    assert found is not None
    assert (found.title, found.time_range, found.duration_minutes) == (rest, times, minutes)


@pytest.mark.parametrize(
    "title",
    ["Version 10.30-11.10", "Ratio 3:2 - 4:3 in slides", "10:30-11:10", "Score 1:0 and 2:1 later"],
)
def test_time_range_must_not_match(title: str) -> None:
    assert apply("time_range", title) is None


# --- durations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "rest", "minutes"),
    [
        ("Talk title 40min", "Talk title", 40),
        ("Talk title 40 min", "Talk title", 40),
        ("Talk title 90 minutes", "Talk title", 90),
        ("発表タイトル 40分", "発表タイトル", 40),
        ("発表タイトル40分間", "発表タイトル", 40),
        ("【発表タイトル】12min", "【発表タイトル】", 12),
        ("Workshop 1h", "Workshop", 60),
        ("Workshop 1h30m", "Workshop", 90),
        ("Workshop 2 hours", "Workshop", 120),
        ("ハンズオン 1時間30分", "ハンズオン", 90),
    ],
)
def test_trailing_duration_matches(title: str, rest: str, minutes: int) -> None:
    found = apply("trailing_duration", title)
    assert found is not None
    assert (found.title, found.duration_minutes) == (rest, minutes)


@pytest.mark.parametrize(
    "title",
    [
        "5分でわかるコンテナ",  # a duration at the start is part of the title
        "Windows10 min",  # glued to a word
        "Top 10 minutes later we left",  # not at the end
        "40min",  # nothing would be left
        "Upgrade to 2.5h",  # a decimal is a version, not a duration
        "Talk 0min",  # zero minutes is not a duration
    ],
)
def test_trailing_duration_must_not_match(title: str) -> None:
    assert apply("trailing_duration", title) is None


@pytest.mark.parametrize(
    ("title", "rest", "minutes"),
    [
        ("(40分) 発表タイトル", "発表タイトル", 40),
        ("発表タイトル（40分）", "発表タイトル", 40),
        ("LT [5min] 発表タイトル", "LT 発表タイトル", 5),
    ],
)
def test_paren_duration_matches(title: str, rest: str, minutes: int) -> None:
    found = apply("paren_duration", title)
    assert found is not None
    assert (found.title, found.duration_minutes) == (rest, minutes)


@pytest.mark.parametrize(
    "title", ["Results (40%)", "発表タイトル（第2部）", "(2019) retrospective"]
)
def test_paren_duration_must_not_match(title: str) -> None:
    assert apply("paren_duration", title) is None


# --- wrappers, categories, numbering ------------------------------------------------


def test_lenticular_title_unwraps_the_whole_title() -> None:
    found = apply("lenticular_title", "【ゼロから始める設計】")
    assert found is not None and found.title == "ゼロから始める設計"


@pytest.mark.parametrize("title", ["【LT】Talk title", "Talk【draft】 title", "ただの見出し"])
def test_lenticular_title_must_not_match(title: str) -> None:
    assert apply("lenticular_title", title) is None


@pytest.mark.parametrize(
    ("title", "inner"), [("「はじめての設計」", "はじめての設計"), ("『本の話』", "本の話")]
)
def test_corner_title_unwraps_the_whole_title(title: str, inner: str) -> None:
    found = apply("corner_title", title)
    assert found is not None and found.title == inner


@pytest.mark.parametrize(
    "title", ["ツール「Shifter」の紹介", "「A」と「B」の違い", "「閉じていない"]
)
def test_corner_title_must_not_match(title: str) -> None:
    assert apply("corner_title", title) is None


@pytest.mark.parametrize(
    ("title", "rest", "category"),
    [
        ("【LT】小さく始める型検査", "小さく始める型検査", "LT"),
        ("小さく始める型検査【LT】", "小さく始める型検査", "LT"),
        ("[基調講演] これからの十年", "これからの十年", "基調講演"),
    ],
)
def test_bracket_category_matches(title: str, rest: str, category: str) -> None:
    found = apply("bracket_category", title)
    assert found is not None
    assert (found.title, found.category) == (rest, category)


@pytest.mark.parametrize("title", ["【一つだけ】", "[link] ", "Arrays [0] and [1]", "a[LT]b"])
def test_bracket_category_must_not_match(title: str) -> None:
    assert apply("bracket_category", title) is None


@pytest.mark.parametrize(
    ("title", "rest", "category", "label"),
    [
        ("Keynote: The next decade", "The next decade", "Keynote", ""),
        ("Keynote1: The next decade", "The next decade", "Keynote", "1"),
        ("LT: 小さく始める", "小さく始める", "LT", ""),
        ("基調講演：これからの十年", "これからの十年", "基調講演", ""),
        ("Lightning Talk - Tiny tools", "Tiny tools", "Lightning Talk", ""),
    ],
)
def test_category_prefix_matches(title: str, rest: str, category: str, label: str) -> None:
    found = apply("category_prefix", title)
    assert found is not None
    assert (found.title, found.category, found.label) == (rest, category, label)


@pytest.mark.parametrize(
    "title",
    [
        "Keynotes from the past",
        "LTS releases: what changes",
        "Android Jetpack: navigation",
        "Keynote",
    ],
)
def test_category_prefix_must_not_match(title: str) -> None:
    assert apply("category_prefix", title) is None


@pytest.mark.parametrize(
    ("title", "rest", "label"),
    [
        ("A. How small can a container get?", "How small can a container get?", "A"),
        ("1. 設計の話", "設計の話", "1"),
        ("2) Second talk", "Second talk", "2"),
        ("(3) Third talk", "Third talk", "3"),
        ("#4 Fourth talk", "Fourth talk", "4"),
        ("① 最初の話", "最初の話", "①"),
        ("Session 5: Fifth talk", "Fifth talk", "5"),
    ],
)
def test_numbering_prefix_matches(title: str, rest: str, label: str) -> None:
    found = apply("numbering_prefix", title)
    assert found is not None
    assert (found.title, found.label) == (rest, label)


@pytest.mark.parametrize(
    "title",
    [
        "1.5 things about floats",
        "A.I. in practice",
        "Web 2.0 revisited",
        "2つのDXの話",
        "A new hope",
    ],
)
def test_numbering_prefix_must_not_match(title: str) -> None:
    assert apply("numbering_prefix", title) is None


@pytest.mark.parametrize(
    ("title", "rest"),
    [("1日目基調講演", "基調講演"), ("Day 2: Keynote", "Keynote"), ("第2日目 LT大会", "LT大会")],
)
def test_day_prefix_matches(title: str, rest: str) -> None:
    found = apply("day_prefix", title)
    assert found is not None and found.title == rest


@pytest.mark.parametrize("title", ["DAY 01", "Daylight saving", "2日目", "Days of future past"])
def test_day_prefix_must_not_match(title: str) -> None:
    assert apply("day_prefix", title) is None


def test_heading_speakers_rule_takes_the_speaker_off_the_title() -> None:
    found = apply("heading_speakers", "Type checks in practice by @tanaka")
    assert found is not None
    assert found.title == "Type checks in practice"
    assert [s.handle for s in found.speakers] == ["@tanaka"]


def test_every_rule_is_named_once() -> None:
    names = [name for name, _ in HEADING_RULES]
    assert len(names) == len(set(names)) and "time_range" in names


# --- whole headings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "title", "category", "minutes"),
    [
        ("【基調講演】12min", "基調講演", "", 12),
        ("【設計の話をしよう】40min", "設計の話をしよう", "", 40),
        ("【LT：書く文化の作り方】10min", "書く文化の作り方", "LT", 10),
        ("【LT】書く文化の作り方 (5分)", "書く文化の作り方", "LT", 5),
        ("A. How small can a container get?", "How small can a container get?", "", None),
        ("10:00-10:45 Keynote: Opening the day", "Opening the day", "Keynote", 45),
        ("DAY 01", "DAY 01", "", None),
        ("40min", "40min", "", None),
        ("「ようこそ」", "ようこそ", "", None),
    ],
)
def test_read_heading(written: str, title: str, category: str, minutes: int | None) -> None:
    info = read_heading(written)
    assert (info.title, info.category, info.duration_minutes) == (title, category, minutes)


def test_read_heading_keeps_very_long_headings_as_written() -> None:
    long = "x" * 400 + " 40min"
    assert read_heading(long).title == long


# --- sections that are not talks ----------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "はじめに", "まとめ", "感想", "所感", "さいごに", "最後に", "おわりに", "Lunch", "休憩",
        "懇親会", "Intro", "Introduction", "Summary", "Conclusion", "Wrap-up", "全体のまとめ",
        "Conference X 2019 概要", "今日の感想", "Closing Remarks", "Opening remarks", "Welcome",
        "閉会の挨拶",
    ],
)  # fmt: skip
def test_not_a_talk(title: str) -> None:
    assert not is_talk(title)


@pytest.mark.parametrize(
    "title",
    [
        "Introduction to Kubernetes", "CI/CD 総まとめ！ベストプラクティス",
        "はじめてのスタティックサイト",
        "Lunch-time learning with GANs", "Summary statistics done right", "A Game of Construction",
        "Closing Keynote", "Welcome to the Rust community",
    ],
)  # fmt: skip
def test_is_a_talk(title: str) -> None:
    assert is_talk(title)


def test_not_talk_rules_are_named() -> None:
    assert {name for name, _ in NOT_TALK_RULES} == {
        "intro_or_closing_word",
        "overview_at_end",
        "closing_phrase",
    }


@pytest.mark.parametrize(
    "title", ["DAY 01", "Day 2", "2日目", "Track A", "トラックB", "午後の部", "Morning", "5/8(火)"]
)
def test_looks_like_group(title: str) -> None:
    assert looks_like_group(title)


@pytest.mark.parametrize(
    "title", ["Daylight robbery", "Tracking pixels", "午前零時の設計", "Keynote"]
)
def test_does_not_look_like_group(title: str) -> None:
    assert not looks_like_group(title)


# --- language -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("今日はコンテナの話を聞きました。", "ja"),
        ("Notes from the conference, with one name: 山田.", "en"),
        ("The Kubernetes talk (クバネティス) was about operators and how to write them well", "en"),
        ("AWS の Lambda を使ったサーバーレス構成の話", "ja"),
        ("", "en"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
