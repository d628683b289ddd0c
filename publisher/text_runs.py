"""tinyhtml5's patterns for runs of text, built once per process instead of once per run.

tinyhtml5, the HTML parser under WeasyPrint, reads each run of text up to the
next tag with a regular expression it builds from a set of characters, and
means to keep it in a cache (``characters_until_regex``). It files the
pattern under the pattern itself instead of under the characters it was
asked for, so the cache never answers and the pattern is built again for
every run: 14,001 times for the slide handout of 5 times the reference
notes, half the time of parsing it (bench/NOTES.md).

:func:`remember_text_patterns` puts a cache in its place that builds a
missing pattern as tinyhtml5 does and files it under what it was asked for.
It replaces only a cache that is still tinyhtml5's own plain dictionary, and
only when tinyhtml5 reads a sample alike with either cache, asking for the
keys this expects, so a tinyhtml5 that reads text otherwise is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_STOPS = ("<", "&", "\u0000")  # a run of text ends at a tag, a reference or a NUL
_AMPERSAND = frozenset("&")
_SPACES = frozenset(" \t")
_SAMPLE_TEXT = "text&& \tmore<tag>"
_SAMPLE_READING = ("text", "&&", " \t", "more")


def _pattern(characters: Iterable[str], opposite: bool) -> re.Pattern[str]:
    """tinyhtml5's pattern: a run of other characters (of ``characters``, when ``opposite``)."""
    escaped = "".join(f"\\x{ord(character):02x}" for character in characters)
    return re.compile(f"[{escaped}]+" if opposite else f"[^{escaped}]+")


class TextPatterns(dict[tuple[Any, bool], re.Pattern[str]]):
    """A cache that builds a missing pattern and keeps it under the key it was asked for."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        pattern = self[key] = _pattern(characters, opposite)
        return pattern


def remember_text_patterns() -> None:
    """Make tinyhtml5 build each of its text patterns once per process."""
    try:
        from tinyhtml5 import inputstream
    except ImportError:  # a WeasyPrint with another parser
        return
    cache = getattr(inputstream, "characters_until_regex", None)
    if type(cache) is not dict or not _reads_alike(inputstream):
        return  # already ours, or not the cache this was written for
    inputstream.characters_until_regex = TextPatterns()


def _reads_alike(inputstream: Any) -> bool:
    """Whether tinyhtml5 reads a sample alike with its own cache and with :class:`TextPatterns`,
    asking for the keys this expects (runs up to some characters, and runs of some)."""
    saved = inputstream.characters_until_regex
    ours = TextPatterns()
    caches: tuple[dict[Any, Any], ...] = ({}, ours)
    readings = []
    try:  # checked once, before this process parses a handout (builds fork, not threads)
        for cache in caches:
            inputstream.characters_until_regex = cache
            stream = inputstream.HTMLUnicodeInputStream(_SAMPLE_TEXT)
            readings.append(
                (
                    stream.chars_until(_STOPS),
                    stream.chars_until(_AMPERSAND, True),
                    stream.chars_until(_SPACES, True),
                    stream.chars_until(_STOPS),
                )
            )
    except Exception:  # a tinyhtml5 this was not written for
        return False
    finally:
        inputstream.characters_until_regex = saved
    expected = {(_STOPS, False), (_AMPERSAND, True), (_SPACES, True)}
    return readings[0] == readings[1] == _SAMPLE_READING and set(ours) == expected
