from __future__ import annotations

import unicodedata

import pytest

from publisher.names import MAX_NAME_BYTES, deck_file_name, output_stem, slugify

FORBIDDEN = set('/\\:*?"<>|')


@pytest.mark.parametrize(
    "title",
    [
        'a/b\\c:d*e?f"g<h>i|j',
        "..",
        "../../etc/passwd",
        "タイトル\x00\x01\x1f制御",
        "最高の" * 100,
        " . leading and trailing . ",
        "CON",
        "nul.txt",
        "",
        "\u3000\u3000",
    ],
)
def test_names_are_valid_everywhere(title: str) -> None:
    name = deck_file_name(7, title, 9)
    assert name.startswith("07") and name.endswith(".pptx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert not FORBIDDEN & set(name)
    assert all(ord(c) >= 0x20 for c in name)
    stem = name[: -len(".pptx")]
    assert not stem.endswith((".", " "))
    assert name == unicodedata.normalize("NFC", name)
    assert ".." not in name


def test_japanese_is_kept_and_cut_on_a_character_boundary() -> None:
    name = deck_file_name(1, "コンテナを有効活用したいあなたへ" * 5, 9)
    assert name.startswith("01-コンテナを有効活用")
    name.encode("utf-8").decode("utf-8")  # no broken character
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES


def test_same_titles_get_different_names() -> None:
    assert deck_file_name(1, "Q&A", 2) != deck_file_name(2, "Q&A", 2)


def test_numbers_widen_for_many_sessions() -> None:
    assert deck_file_name(42, "x", 5000) == "0042-x.pptx"


def test_windows_reserved_names_are_escaped() -> None:
    assert slugify("CON") == "_CON"
    assert slugify("aux.md") == "_aux.md"


def test_output_stem_leaves_room_for_suffixes() -> None:
    stem = output_stem("議事録" * 40)
    assert len((stem + "-slides.pdf").encode("utf-8")) <= MAX_NAME_BYTES
    assert output_stem("...") == "notes"
