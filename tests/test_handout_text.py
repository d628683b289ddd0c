"""Text helpers of the handout templates: words longer than a line get break points."""

from __future__ import annotations

import re

from publisher import handout_text
from publisher.handout_text import (
    BREAK_EVERY,
    LONG_WORD,
    SLANTED_TEXT_LIMIT,
    SLANTED_WORD_LIMIT,
    break_long_words,
    emphasis_words,
    highlight,
)

ZWSP = "\u200b"


def test_ordinary_text_is_left_as_it_is() -> None:
    for text in (
        "short words in a sentence",
        "x" * (LONG_WORD - 1),
        "日本語の長い文章" * 100,  # a line may break between any two of these
        " ".join(["word"] * 1000),
    ):
        assert break_long_words(text) == text


def test_the_long_word_pattern_is_compiled_only_for_a_long_text() -> None:
    handout_text._long_word.cache_clear()
    assert break_long_words("short words, 日本語") == "short words, 日本語"
    assert handout_text._long_word.cache_info().currsize == 0
    assert break_long_words("x" * LONG_WORD).count(ZWSP) == LONG_WORD // BREAK_EVERY - 1
    assert handout_text._long_word.cache_info().currsize == 1


def test_a_word_longer_than_a_line_gets_a_break_every_few_characters() -> None:
    word = "abcdefghij" * 100
    broken = break_long_words(f"before {word} after")
    assert broken.replace(ZWSP, "") == f"before {word} after"
    pieces = broken.split(" ")[1].split(ZWSP)
    assert len(pieces) == len(word) // BREAK_EVERY
    assert {len(piece) for piece in pieces} == {BREAK_EVERY}


def test_combining_marks_and_joined_emoji_stay_with_their_character() -> None:
    accented = "e\u0301" * LONG_WORD  # e + combining acute
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467" * (LONG_WORD // 5 + 1)
    for word in (accented, family):
        broken = break_long_words(word)
        assert broken.replace(ZWSP, "") == word
        assert not re.search(ZWSP + "[\u0301\u200d]", broken)
        assert not re.search("\u200d" + ZWSP, broken)


def test_highlighted_code_keeps_its_text_and_gets_the_same_break_points() -> None:
    code = "data = '" + "A" * 500 + "'\n"
    for language in ("python", ""):
        html = str(highlight(code, language))
        text = re.sub(r"<[^>]+>", "", html).replace("&#39;", "'")
        assert text.replace(ZWSP, "") == code
        assert max(len(run) for run in re.split(f"[{ZWSP}\\s]", text)) <= LONG_WORD


def test_each_word_of_an_emphasis_is_a_block_cut_where_a_line_may_break() -> None:
    long = "x" * (SLANTED_WORD_LIMIT + 1)
    html = str(emphasis_words(f"Rich  <tracebacks> 強調「語」。 API呼び {long}"))
    blocks = re.findall(r'<span class="(em-\w+)">(.*?)</span>', html)
    assert blocks == [
        ("em-word", "Rich"),
        ("em-word", "&lt;tracebacks&gt;"),
        ("em-wide", "強"),
        ("em-wide", "調"),
        ("em-wide", "「語」。"),  # never before 」。 nor after 「
        ("em-word", "API"),
        ("em-wide", "呼"),
        ("em-wide", "び"),
    ]
    assert "Rich</span>  <span" in html and f"</span> {long}" in html  # spaces between
    assert str(emphasis_words("")) == ""


def test_a_character_and_its_marks_stay_one_block() -> None:
    for cluster in ("か\u3099", "👩\u200d💻", "👍🏽", "❤\ufe0f"):
        html = str(emphasis_words(f"前{cluster}後"))
        assert re.search(f'<span class="em-(wide|word)">{cluster}</span>', html), html


def test_a_very_long_emphasis_stays_text() -> None:
    text = "長" * (SLANTED_TEXT_LIMIT + 1)
    assert "em-wide" not in str(emphasis_words(text))
    assert str(emphasis_words("長" * SLANTED_TEXT_LIMIT)).count("em-wide") == SLANTED_TEXT_LIMIT
