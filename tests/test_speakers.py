"""Speaker rules: on the heading, on the next line, in the first bullet."""

from __future__ import annotations

import pytest

from publisher.model import Speaker
from publisher.speakers import (
    HEADING_SPEAKER_RULES,
    SPEAKER_LINE_RULES,
    heading_speaker,
    looks_like_person,
    parse_person,
    speaker_line,
    split_people,
)


def heading_rule(name: str, title: str) -> tuple[str, tuple[Speaker, ...]] | None:
    return dict(HEADING_SPEAKER_RULES)[name](title)


def line_rule(name: str, text: str, links: list[tuple[str, str]] | None = None) -> object:
    return dict(SPEAKER_LINE_RULES)[name](text, links or [])


# --- on the heading -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "rest", "handles"),
    [
        ("Type checks in practice by @tanaka", "Type checks in practice", ["@tanaka"]),
        ("型の話 by @れこ", "型の話", ["@れこ"]),
        ("Pairing By @ann and @bob", "Pairing", ["@ann", "@bob"]),
        ("Scaling up by @ann (Example Inc.)", "Scaling up", ["@ann"]),
    ],
)
def test_by_handle(title: str, rest: str, handles: list[str]) -> None:
    found = heading_rule("by_handle", title)
    assert found is not None
    assert found[0] == rest and [s.handle for s in found[1]] == handles


@pytest.mark.parametrize(
    "title", ["Death by PowerPoint", "Stand by me", "Contact me by email@example.com", "by @ann"]
)
def test_by_handle_must_not_match(title: str) -> None:
    assert heading_rule("by_handle", title) is None


def test_by_handle_keeps_the_company() -> None:
    found = heading_rule("by_handle", "Scaling up by @ann (Example Inc.)")
    assert found is not None and found[1][0].affiliation == "Example Inc."


def test_by_name_org() -> None:
    found = heading_rule("by_name_org", "Scaling up by Jane Doe (Example Inc.)")
    assert found is not None
    assert found[1] == (Speaker("Jane Doe", affiliation="Example Inc."),)


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("これからの設計 ― 山田太郎", "山田太郎"),
        ("Designing for failure — Jane Doe", "Jane Doe"),
        ("これからの設計 ― 山田さん", "山田"),
    ],
)
def test_dash_name(title: str, name: str) -> None:
    found = heading_rule("dash_name", title)
    assert found is not None and found[1][0].name == name


@pytest.mark.parametrize(
    "title",
    [
        "Kubernetes — the hard way",
        "設計の基本 ― 入門編",
        "Part one — The Beginning",
        "Databases — why",
    ],
)
def test_dash_name_must_not_match(title: str) -> None:
    assert heading_rule("dash_name", title) is None


def test_at_name_org() -> None:
    found = heading_rule("at_name_org", "Serverless in production @ Jane Doe(Example Inc.)")
    assert found is not None
    assert found[0] == "Serverless in production"
    assert found[1] == (Speaker("Jane Doe", affiliation="Example Inc."),)


@pytest.mark.parametrize("title", ["Community Gathering @ I/O", "Meetup @ Tokyo", "Mail me @ home"])
def test_at_name_org_must_not_match(title: str) -> None:
    assert heading_rule("at_name_org", title) is None


def test_paren_handle() -> None:
    found = heading_rule("paren_handle", "小さな改善 (@hanako)")
    assert found is not None and found[1][0].handle == "@hanako"


def test_heading_speaker_tries_every_rule() -> None:
    assert heading_speaker("Tiny tools by @ann") is not None
    assert heading_speaker("Tiny tools") is None


# --- on a line or a bullet ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "links", "expected"),
    [
        ("発表者: 山田 花子", [], [Speaker("山田 花子")]),
        (
            "登壇者：山田 花子（株式会社サンプル）",
            [],
            [Speaker("山田 花子", affiliation="株式会社サンプル")],
        ),
        ("speaker: Jane Doe", [], [Speaker("Jane Doe")]),
        ("Speakers: Jane Doe, John Roe", [], [Speaker("Jane Doe"), Speaker("John Roe")]),
        (
            "発表者: Hanako(@hanako)さん",
            [("Hanako(@hanako)さん", "https://example.com/hanako")],
            [Speaker("Hanako", "@hanako", url="https://example.com/hanako")],
        ),
        (
            "発表者: A さん、B さん",
            [("A", "https://a.example"), ("B", "https://b.example")],
            [Speaker("A", url="https://a.example"), Speaker("B", url="https://b.example")],
        ),
    ],
)
def test_label_line(text: str, links: list[tuple[str, str]], expected: list[Speaker]) -> None:
    assert list(speaker_line(text, links) or ()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "発表資料: https://example.com/slides",
        "Speaker notes are useful",
        "発表者の方が話していた内容",
    ],
)
def test_label_line_must_not_match(text: str) -> None:
    assert line_rule("label_line", text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by @jane (Example Inc.)", [Speaker("@jane", "@jane", "Example Inc.")]),
        ("By Jane Doe", [Speaker("Jane Doe")]),
    ],
)
def test_by_line(text: str, expected: list[Speaker]) -> None:
    assert list(line_rule("by_line", text) or ()) == expected  # type: ignore[call-overload]


@pytest.mark.parametrize("text", ["By 2025, most apps will be serverless", "by the way, it works"])
def test_by_line_must_not_match(text: str) -> None:
    assert line_rule("by_line", text) is None


def test_name_dash_handle() -> None:
    found = line_rule("name_dash_handle", "Jane Doe - @jane (Example Inc.)")
    assert found == (Speaker("Jane Doe", "@jane", "Example Inc."),)


@pytest.mark.parametrize("text", ["Results - @ the end", "A - B", "ask - @ann later please ok"])
def test_name_dash_handle_must_not_match(text: str) -> None:
    assert line_rule("name_dash_handle", text) is None


def test_long_lines_are_not_speaker_lines() -> None:
    assert speaker_line("speaker: " + "x" * 300) is None


# --- people -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("青空 / mimi(@mimi)さん", Speaker("青空 / mimi", "@mimi")),
        ("@ann (Example Inc.)", Speaker("@ann", "@ann", "Example Inc.")),
        ("Jane Doe @jane", Speaker("Jane Doe", "@jane")),
        ("山田 花子氏", Speaker("山田 花子")),
    ],
)
def test_parse_person(text: str, expected: Speaker) -> None:
    assert parse_person(text) == expected


def test_parse_person_of_nothing() -> None:
    assert parse_person("  さん ") is None


def test_split_people_respects_brackets() -> None:
    assert split_people("A (X, Y), B & C and D") == ["A (X, Y)", "B", "C", "D"]


def test_split_people_keeps_a_slash_inside_a_name() -> None:
    assert split_people("青空 / mimi、Jane Doe") == ["青空 / mimi", "Jane Doe"]


@pytest.mark.parametrize("text", ["Jane Doe", "J. R. Smith", "山田太郎", "@ann", "Shreya (Org)"])
def test_looks_like_person(text: str) -> None:
    assert looks_like_person(text)


@pytest.mark.parametrize("text", ["the hard way", "The Beginning", "入門編", "2025, most apps"])
def test_does_not_look_like_person(text: str) -> None:
    assert not looks_like_person(text)
