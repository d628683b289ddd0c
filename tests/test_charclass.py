"""Kana and kanji told by code point: the same answers as the character classes they replace."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from publisher.charclass import count_letters, is_japanese_writing, is_kana_or_kanji
from publisher.conventions import detect_lang
from publisher.speakers import looks_like_person

KANA_OR_KANJI = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def test_every_character_of_the_basic_plane_is_told_as_the_character_class_tells_it() -> None:
    for code in range(0x10000):
        char = chr(code)
        assert is_kana_or_kanji(char) == bool(KANA_OR_KANJI.match(char)), hex(code)
    assert not is_kana_or_kanji("\U00020000")  # extension B: not counted, as before


def test_japanese_writing_is_told_as_the_reader_s_character_class_told_it() -> None:
    japanese = re.compile("[\u3000-\u30ff\u3400-\u9fff\uff01-\uff9f]")
    for code in range(0x10000):
        char = chr(code)
        assert is_japanese_writing(char) == bool(japanese.match(char)), hex(code)
    assert is_japanese_writing("。") and is_japanese_writing("Ａ") and not is_japanese_writing("é")


@given(st.text(alphabet=st.sampled_from(list("あア漢字々ーabcXYZ 0-_。、\n\u00e9\uff21"))))
def test_letters_are_counted_as_the_regular_expressions_counted_them(text: str) -> None:
    japanese = len(KANA_OR_KANJI.findall(text))
    latin = len(re.findall("[A-Za-z]", text))
    assert count_letters(text) == (japanese, latin)


def test_the_language_of_notes() -> None:
    assert detect_lang("# 勉強会メモ\n\n- AWS の話") == "ja"
    assert detect_lang("# Notes\n\n- a talk about deploying services on AWS, いろ") == "en"
    assert detect_lang("1234 !!") == "en"


def test_a_short_japanese_name_is_a_person_and_a_title_word_is_not() -> None:
    assert looks_like_person("山田 太郎")
    assert looks_like_person("佐々木")
    assert not looks_like_person("山")  # one character
    assert not looks_like_person("山田太郎山田太郎山田太郎山")  # thirteen
    assert not looks_like_person("Kubernetes入門")
    assert not looks_like_person("クラウド入門")
