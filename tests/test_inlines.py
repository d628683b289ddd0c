"""Inline reading helpers: joining lines, merging text, HTML tags, depth limits."""

from __future__ import annotations

import pytest

from publisher.inlines import MAX_DEPTH, html_tag, join_lines, merge_text, soft_join
from publisher.model import Break, Emph, Inline, Strong, Text
from publisher.parse import parse


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("語", "語", ""),
        ("。", "次", ""),
        ("ｶ", "ﾅ", ""),  # half-width katakana count as wide for joining
        ("a", "b", " "),
        ("語", "A", " "),
        ("A", "語", " "),
        ("한", "국", " "),  # Hangul keeps its spaces
        ("", "a", " "),
    ],
)
def test_soft_join(before: str, after: str, joined: str) -> None:
    assert soft_join(before, after) == joined


def test_join_lines_soft_and_hard() -> None:
    lines: list[list[Inline]] = [[Text("日本")], [Text("語")], [Text("next")], [Text("line")]]
    assert join_lines(lines, [False, False, True]) == (
        Text("日本語 next"),
        Break(),
        Text("line"),
    )


def test_join_lines_skips_empty_lines_but_keeps_their_break() -> None:
    lines: list[list[Inline]] = [[Text("a")], [], [Text("b")]]
    assert join_lines(lines, [True, False]) == (Text("a"), Break(), Text("b"))


def test_merge_text() -> None:
    strong = Strong((Text("x"),))
    merged = merge_text(["a", Text("b"), "", strong, Text(""), "c  d", " ", " e"])
    assert merged == [Text("ab"), strong, Text("c d e")]
    single = Text("kept")
    assert merge_text([single])[0] is single


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<span class='x'>", ("span", False)),
        ("</SPAN>", ("span", True)),
        ("<br/>", ("br", False)),
        ("<!-- c -->", ("", False)),
        ("<?php ?>", ("", False)),
    ],
)
def test_html_tag(html: str, found: tuple[str, bool]) -> None:
    assert html_tag(html) == found


def _depth(nodes: tuple[Inline, ...]) -> int:
    depth = 0
    while nodes and isinstance(nodes[0], (Strong, Emph)):
        depth, nodes = depth + 1, nodes[0].children
    return depth


def test_deep_emphasis_is_flattened_not_lost() -> None:
    text = "*" * 200 + "core" + "*" * 200
    event, problems = parse("## T\n" + text + "\n", "n.md")
    paragraph = event.sessions[0].blocks[0]
    inlines = paragraph.inlines  # type: ignore[union-attr]
    assert _depth(inlines) <= MAX_DEPTH + 1
    assert "core" in str(inlines) and problems == []
