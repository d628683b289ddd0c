"""fontconfig asked in this process gives the answers its command-line tools give."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def charset_ranges(path: str, index: int) -> list[tuple[int, int]]:
    """The ranges ``fc-query`` prints for a face."""
    ranges = []
    for item in fontconfig._run("fc-query", "-i", str(index), "-f", "%{charset}", path).split():
        low, _, high = item.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


def counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[tuple[Any, ...]]:
    """Calls of the library's function ``name`` from now on."""
    lib = fontconfig._library()
    real: Callable[..., Any] = getattr(lib, name)
    calls: list[tuple[Any, ...]] = []

    def count(*arguments: Any) -> Any:
        calls.append(arguments)
        return real(*arguments)

    monkeypatch.setattr(lib, name, count)
    return calls


@pytest.mark.parametrize(
    ("family", "index"), [("Noto Sans CJK JP", 0), ("Noto Sans Mono CJK JP", 5)]
)
def test_face_has_answers_as_fc_query(
    family: str, index: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tool("fc-query", "fontconfig")
    path = fontconfig.match(family, "%{file}")
    assert fontconfig.match(family, "%{index}") == str(index)
    ranges = charset_ranges(path, index)
    assert len(ranges) > 100
    # Both ends of every range and the code points just outside them, and some others.
    codes = sorted({c for low, high in ranges for c in (low - 1, low, high, high + 1) if c >= 0})
    codes += [0x41, 0x3042, 0x4E00, 0xFF01, 0x1F600, 0x10FFFD]
    expected = [any(low <= code <= high for low, high in ranges) for code in codes]
    assert True in expected and False in expected
    read = counting(monkeypatch, "FcFreeTypeQuery")
    assert fontconfig.face_has(path, index, codes) == expected
    assert read == []  # an installed face: from fontconfig's cache
    copy = tmp_path / "not-installed.ttc"
    copy.symlink_to(path)
    assert fontconfig.face_has(str(copy), index, codes) == expected
    assert len(read) == 1  # another file: read now
    assert fontconfig.face_has(str(tmp_path / "missing.ttf"), 0, [0x41, 0x3042]) == [False, False]


def test_the_tools_answer_when_the_library_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = fontconfig.match("Noto Sans CJK JP:weight=bold", FACE)
    without_library(monkeypatch)
    assert fontconfig.match("Noto Sans CJK JP:weight=bold", FACE) == asked
    assert fontconfig.face_has(asked.split("\t")[0], 0, [0x3042]) is None  # fc-query's ranges
    assert fontconfig.any_font(":charset=3042") is True
    assert fontconfig.any_font(":charset=10ffff") is False
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert fontconfig.match("Noto Sans CJK JP", FACE) == ""  # neither: nothing is installed
    assert fontconfig.any_font(":charset=3042") is False
