"""fontconfig asked in this process gives the answers its command-line tools give."""

from __future__ import annotations

import shutil

import pytest
from conftest import require_font, require_tool

from publisher import fontconfig

FACE = "%{file}\\t%{index}\\t%{family}\\n"


@pytest.fixture(autouse=True)
def tools() -> None:
    require_tool("fc-match", "fontconfig")
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    if fontconfig._library() is None:
        pytest.fail("libfontconfig is installed with fc-match but could not be loaded")


def without_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontconfig, "_library", lambda: None)


@pytest.mark.parametrize(
    "pattern",
    [
        "Noto Sans CJK JP:weight=regular",
        "Noto Sans CJK JP:weight=bold",
        "Noto Sans Mono CJK JP:weight=regular",
        "Not An Installed Font:weight=regular",  # fontconfig answers with some other font
    ],
)
def test_match_answers_as_fc_match(pattern: str) -> None:
    answer = fontconfig.match(pattern, FACE)
    assert answer and answer == fontconfig._run("fc-match", "-f", FACE, pattern)


@pytest.mark.parametrize(
    ("pattern", "listed"),
    [
        (":charset=3042", True),  # あ: the Japanese face has it
        ("Noto Sans CJK JP:lang=ja", True),
        (":charset=10ffff", False),  # a private-use code point no font maps
        ("Not An Installed Font", False),
    ],
)
def test_any_font_answers_as_fc_list(pattern: str, listed: bool) -> None:
    assert fontconfig.any_font(pattern) is listed
    assert bool(fontconfig._run("fc-list", pattern, "family").strip()) is listed


def test_query_reads_a_face_as_fc_query() -> None:
    path = fontconfig.match("Noto Sans CJK JP", "%{file}")
    answer = fontconfig.query(path, 0, "%{family}\\n%{charset}\\n")
    assert "Noto Sans CJK JP" in answer and " 3000-" in answer  # CJK symbols and kana
    assert answer == fontconfig._run("fc-query", "-i", "0", "-f", "%{family}\\n%{charset}\\n", path)
    assert fontconfig.query("/no/such/font.ttf", 0, "%{charset}") == ""


def test_the_tools_answer_when_the_library_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = fontconfig.match("Noto Sans CJK JP:weight=bold", FACE)
    without_library(monkeypatch)
    assert fontconfig.match("Noto Sans CJK JP:weight=bold", FACE) == asked
    assert fontconfig.any_font(":charset=3042") is True
    assert fontconfig.any_font(":charset=10ffff") is False
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert fontconfig.match("Noto Sans CJK JP", FACE) == ""  # neither: nothing is installed
    assert fontconfig.any_font(":charset=3042") is False
