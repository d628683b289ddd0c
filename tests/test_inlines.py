"""Inline reading helpers: joining lines, merging text, HTML tags, depth limits, web addresses."""

from __future__ import annotations

import pytest

from publisher.inlines import (
    MAX_DEPTH,
    html_tag,
    join_lines,
    merge_text,
    soft_join,
    web_addresses,
)
from publisher.model import Break, Code, Emph, Inline, Link, Strong, Text
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


# --- web addresses written out ----------------------------------------------------------


def _link(address: str) -> Link:
    return Link(address, (Text(address),))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("https://speakerdeck.com/a/b", [_link("https://speakerdeck.com/a/b")]),
        ("see https://x.io/p?q=1. Then", ["see ", _link("https://x.io/p?q=1"), ". Then"]),
        ("資料 https://x.io/s を参照", ["資料 ", _link("https://x.io/s"), " を参照"]),
        ("資料はhttps://x.io/sを参照", ["資料は", _link("https://x.io/s"), "を参照"]),
        ("（https://x.io/s）", ["（", _link("https://x.io/s"), "）"]),
        ("(see https://w.org/wiki/A_(b))", ["(see ", _link("https://w.org/wiki/A_(b)"), ")"]),
        (
            "a https://x.io, b http://y.io!",
            ["a ", _link("https://x.io"), ", b ", _link("http://y.io"), "!"],
        ),
        ("no address here", ["no address here"]),
        ("just https:// alone", ["just https:// alone"]),
        ("ftp://x.io and mailto:a@b.c", ["ftp://x.io and mailto:a@b.c"]),
    ],
)
def test_web_addresses_written_out_become_links(text: str, pieces: list[object]) -> None:
    assert web_addresses(text) == pieces


def test_addresses_in_links_and_code_stay_as_they_are() -> None:
    event, _ = parse(
        "# E\n\n## T\n\n[https://shown.io](https://target.io) `https://code.io` "
        "**https://bold.io**\n",
        "n.md",
    )
    (paragraph,) = event.sessions[0].blocks
    inlines = paragraph.inlines  # type: ignore[attr-defined]
    assert inlines[0] == Link("https://target.io", (Text("https://shown.io"),))
    assert Code("https://code.io") in inlines
    assert Strong((_link("https://bold.io"),)) in inlines
