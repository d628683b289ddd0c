"""tinyhtml5's text patterns built once per process: the same tree, each pattern built once."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import Any

import pytest
import tinyhtml5
from tinyhtml5 import inputstream

from publisher import text_runs
from publisher.text_runs import TextPatterns, remember_text_patterns

PAGE = (
    "<html><body>"
    + "".join(
        f"<p class='x'>段落 {n} &amp; <b>太字</b> text\t{n}</p><pre>  a\n b </pre><!-- c -->"
        for n in range(200)
    )
    + "<script>if (a < b) {}</script></body></html>"
)


def _tree(html: str) -> bytes:
    return ElementTree.tostring(tinyhtml5.parse(html, namespace_html_elements=False))


@pytest.fixture()
def own_cache(monkeypatch: pytest.MonkeyPatch) -> dict[Any, Any]:
    """tinyhtml5's cache as it comes, put back after the test."""
    cache: dict[Any, Any] = {}
    monkeypatch.setattr(inputstream, "characters_until_regex", cache)
    return cache


def test_each_pattern_is_built_once_and_the_tree_is_the_same(
    own_cache: dict[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = _tree(PAGE)
    built: list[tuple[Any, bool]] = []
    pattern = text_runs._pattern
    monkeypatch.setattr(
        text_runs,
        "_pattern",
        lambda chars, opposite: built.append((chars, opposite)) or pattern(chars, opposite),
    )
    remember_text_patterns()
    assert isinstance(inputstream.characters_until_regex, TextPatterns)
    built.clear()  # the sample read to check tinyhtml5's own pattern
    ours = _tree(PAGE)
    assert ours == theirs
    assert 0 < len(built) == len(set(built)) <= 6  # 200 paragraphs, a few kinds of run
    remember_text_patterns()  # a second call leaves the cache in place
    assert len(inputstream.characters_until_regex) == len(built)


def test_a_cache_that_is_not_tinyhtml5_s_dictionary_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Other(dict[Any, Any]):
        pass

    kept = Other()
    monkeypatch.setattr(inputstream, "characters_until_regex", kept)
    remember_text_patterns()
    assert inputstream.characters_until_regex is kept


def test_a_tinyhtml5_that_builds_other_patterns_is_left_alone(
    own_cache: dict[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_runs, "_pattern", lambda chars, opposite: re.compile("[a-z]+"))
    remember_text_patterns()
    assert inputstream.characters_until_regex is own_cache


def test_a_tinyhtml5_that_keys_its_cache_otherwise_is_left_alone(
    own_cache: dict[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = inputstream.HTMLUnicodeInputStream.chars_until

    def keyed_otherwise(self: Any, characters: Any, opposite: bool = False) -> str:
        cache = inputstream.characters_until_regex
        try:
            cache[opposite, characters]
        except KeyError:
            cache[opposite, characters] = None
        text: str = reads(self, characters, opposite)
        return text

    monkeypatch.setattr(inputstream.HTMLUnicodeInputStream, "chars_until", keyed_otherwise)
    remember_text_patterns()
    assert inputstream.characters_until_regex is own_cache
