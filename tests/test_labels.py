"""The words publisher adds itself: one table, both languages, nothing mixed in the outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import require_font
from pdf_inspect import pdf_text

from publisher.labels import LABELS, label_lang, labels_for, minutes_label, parenthesised

JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef\u3000-\u303f]")


def test_both_languages_have_the_same_labels() -> None:
    assert set(LABELS["ja"]) == set(LABELS["en"])
    assert set(LABELS) == {"ja", "en"}


def test_english_labels_have_no_japanese_and_japanese_labels_are_japanese() -> None:
    assert not [v for v in LABELS["en"].values() if JAPANESE.search(v)]
    words = {k: v for k, v in LABELS["ja"].items() if re.search("[A-Za-z]", v)}
    assert words == {"number": "No."}  # the one Latin label, as Japanese agendas write it


def test_label_language_is_english_only_when_asked() -> None:
    assert label_lang("en") == label_lang("en-US") == label_lang("EN") == "en"
    assert label_lang("ja") == label_lang("") == label_lang("ja-JP") == "ja"
    assert labels_for("en-GB")["agenda"] == "Agenda"
    assert labels_for("ja")["continued"] == "（続き）"


def test_minutes_in_both_languages() -> None:
    assert minutes_label(None) == ""
    assert minutes_label(45) == "45分"
    assert minutes_label(90) == "90分（1時間30分）"
    assert minutes_label(90, hours=False) == "90分"
    assert minutes_label(60, "en") == "60 min (1 h)"
    assert minutes_label(90, "en", hours=False) == "90 min"
    assert parenthesised("10:30–11:10", "40分", "ja") == "10:30–11:10（40分）"
    assert parenthesised("10:30–11:10", "40 min", "en") == "10:30–11:10 (40 min)"


# --- the built outputs --------------------------------------------------------------

_LONG_EN = "This point is written out at length so that the slide fills up quickly"
_LONG_JA = "この項目はスライドがすぐにいっぱいになるように長めに書いてある説明の文です"


def _notes(lang: str) -> str:
    if lang == "en":
        bullets = "\n".join(f"- {_LONG_EN}, number {n}" for n in range(14))
        return (
            "---\ntitle: Spring Meetup\ndate: 2026-04-01\nauthor: Alex Doe\n"
            "handout_notes: true\n---\n\n# Spring Meetup\n\nNotes from the evening.\n\n"
            "## [Keynote] Building calm systems 10:30-11:10\n"
            "speaker: Alex Doe\n\n"
            f"{bullets}\n- See [the slides](https://example.com/slides)\n\n"
            "::: notes\nMention the outage story.\n:::\n\n"
            "## Testing without fear 30min\n- Start with the edges\n"
        )
    bullets = "\n".join(f"- {_LONG_JA}（{n}）" for n in range(14))
    return (
        "---\ntitle: 春の勉強会\ndate: 2026-04-01\nauthor: 山田 花子\n"
        "handout_notes: true\n---\n\n# 春の勉強会\n\n当日のメモです。\n\n"
        "## 【基調講演】落ち着いたシステムを作る 10:30-11:10\n"
        "発表者: 佐藤 一郎\n\n"
        f"{bullets}\n- [当日の資料](https://example.com/slides)を参照\n\n"
        "::: notes\n障害の話をする。\n:::\n\n"
        "## 【恐れずにテストする】30分\n- 端から始める\n"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str]]:
    """Per language: (text of both PDFs, text of every deck), built once."""
    return {lang: _build_text(tmp_path_factory.mktemp(lang), lang) for lang in ("ja", "en")}


def _build_text(tmp_path: Path, lang: str) -> tuple[str, str]:
    """(text of both PDFs, text of every deck) built from the notes in ``lang``."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from pptx import Presentation

    from publisher.build import build
    from publisher.load import load

    notes = tmp_path / f"{lang}.md"
    notes.write_text(_notes(lang), encoding="utf-8")
    loaded = load(notes)
    assert loaded.ok and loaded.event.lang == lang
    result = build(loaded, tmp_path / "out")
    pdfs = [p for p in result.written if p.suffix == ".pdf"]
    decks = [p for p in result.written if p.suffix == ".pptx"]
    assert len(pdfs) == 2 and len(decks) == 2
    pdf = "\n".join(pdf_text(p) for p in pdfs)
    words = []
    for deck in decks:
        for slide in Presentation(str(deck)).slides:
            words += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    return pdf, "\n".join(words)


def test_english_notes_get_no_japanese_label(built: dict[str, tuple[str, str]]) -> None:
    pdf, decks = built["en"]
    assert not JAPANESE.findall(pdf), JAPANESE.findall(pdf)
    assert not JAPANESE.findall(decks), JAPANESE.findall(decks)
    words = LABELS["en"]
    for label in ("agenda", "total", "links", "notes"):
        assert words[label] in pdf
    assert "Duration: 10:30–11:10 (40 min)" in decks
    assert "Speaker: Alex Doe" in decks
    assert words["continued"].strip() in decks


@pytest.mark.parametrize("where", ["pdf", "decks"])
def test_japanese_notes_get_no_english_label(built: dict[str, tuple[str, str]], where: str) -> None:
    pdf, decks = built["ja"]
    text = pdf if where == "pdf" else decks
    english = {v.strip() for k, v in LABELS["en"].items() if LABELS["ja"][k] != v}
    found = [w for w in english if re.search("[A-Za-z]", w) and w.lower() in text.lower()]
    assert found == []
    assert " min" not in text
    if where == "pdf":
        for label in ("agenda", "total", "links", "notes"):
            assert LABELS["ja"][label] in pdf
    else:
        assert "時間：10:30–11:10（40分）" in decks
        assert "登壇者：佐藤 一郎" in decks
        assert "（続き）" in decks
