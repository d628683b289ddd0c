from __future__ import annotations

from pathlib import Path

import pytest

from publisher.diagnostics import UserError
from publisher.read import decode, read_notes

JAPANESE = "# 勉強会メモ\n\n## 【基調講演】20min\n- クラウドの価値は「価値提供」に集中できること\n"


def test_utf8_with_bom_and_crlf_just_work() -> None:
    data = b"\xef\xbb\xbf" + JAPANESE.replace("\n", "\r\n").encode("utf-8")
    text, notes = decode(data, "n.md")
    assert text == JAPANESE
    assert notes == []


def test_lone_carriage_returns_become_newlines() -> None:
    text, _ = decode(b"# a\r- b\r", "n.md")
    assert text == "# a\n- b\n"


def test_utf16_with_bom_is_read_with_a_note() -> None:
    text, notes = decode(JAPANESE.encode("utf-16"), "n.md")
    assert text == JAPANESE
    assert [d.level for d in notes] == ["note"]


def test_shift_jis_is_read_and_named() -> None:
    text, notes = decode(JAPANESE.encode("cp932"), "n.md")
    assert text == JAPANESE
    assert len(notes) == 1 and notes[0].level == "warning"
    assert "Shift_JIS" in notes[0].message and "iconv -f CP932 -t UTF-8" in notes[0].message


def test_euc_jp_is_read_and_named() -> None:
    text, notes = decode(JAPANESE.encode("euc_jp"), "n.md")
    assert text == JAPANESE
    assert "EUC-JP" in notes[0].message


def test_unknown_encoding_says_how_to_convert_with_the_line() -> None:
    data = b"# title\nplain line\n" + bytes([0xFF, 0xFE, 0x80, 0x81, 0x0A])
    with pytest.raises(UserError) as caught:
        decode(data, "n.md")
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.line == 3
    assert "UTF-8" in diagnostic.message and "iconv" in diagnostic.message


def test_binary_file_is_refused() -> None:
    with pytest.raises(UserError, match="not a text file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "n.md")


def test_folder_missing_and_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="folder"):
        read_notes(tmp_path)
    with pytest.raises(UserError, match="no such file"):
        read_notes(tmp_path / "absent.md")


def test_reads_a_file(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_bytes(JAPANESE.encode("utf-8"))
    assert read_notes(notes) == (JAPANESE, [])
