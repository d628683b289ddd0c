"""Every word publisher writes itself, in Japanese and English: one table.

The notes supply the content; the decks and handouts add a few words of their
own (the agenda's headings, "（続き）" on continuation slides, "登壇者：" on a
title slide, page numbers). They all come from :data:`LABELS`, chosen by the
build's language (``lang`` in the front matter or on the command line, else
detected from the text), so an English notes file gets no Japanese label and
a Japanese one no English label.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

LANGS = ("ja", "en")

_JA = {
    # the title slide of a deck: "時間：40分"
    "category": "区分",
    "duration": "時間",
    "speaker": "登壇者",
    "speakers": "登壇者",
    "event": "イベント",
    "date": "日付",
    "author": "作成",
    "sep": "：",  # between a label and its value
    "and": "、",  # between names
    # a content slide that goes on: "タイトル（続き）"
    "continued": "（続き）",
    # the reading handout
    "agenda": "アジェンダ",
    "number": "No.",
    "session": "セッション",
    "page": "ページ",
    "total": "合計",
    "links": "リンク",
    "notes": "スピーカーノート",
    "picture": "画像",
    # page footers: page_before + X + page_between + Y + page_after
    "page_before": "",
    "page_between": " / ",
    "page_after": " ページ",
}

_EN = {
    "category": "Category",
    "duration": "Duration",
    "speaker": "Speaker",
    "speakers": "Speakers",
    "event": "Event",
    "date": "Date",
    "author": "By",
    "sep": ": ",
    "and": ", ",
    "continued": " (cont.)",
    "agenda": "Agenda",
    "number": "No.",
    "session": "Session",
    "page": "Page",
    "total": "Total",
    "links": "Links",
    "notes": "Speaker notes",
    "picture": "Picture",
    "page_before": "page ",
    "page_between": " / ",
    "page_after": "",
}

LABELS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"ja": MappingProxyType(_JA), "en": MappingProxyType(_EN)}
)


def label_lang(lang: str) -> str:
    """``en`` for English (``en``, ``en-US``...), else ``ja``: the two label languages."""
    return "en" if lang.lower().startswith("en") else "ja"


def labels_for(lang: str) -> Mapping[str, str]:
    """The fixed words in ``lang`` (Japanese unless English is asked for)."""
    return LABELS[label_lang(lang)]


def minutes_label(minutes: int | None, lang: str = "ja", *, hours: bool = True) -> str:
    """``40分`` / ``40 min``; with ``hours``, from one hour up: ``272分（4時間32分）``."""
    if minutes is None:
        return ""
    whole, rest = divmod(minutes, 60)
    if label_lang(lang) == "en":
        text = f"{minutes} min"
        if hours and whole:
            text += f" ({whole} h {rest:02d} min)" if rest else f" ({whole} h)"
        return text
    text = f"{minutes}分"
    if hours and whole:
        text += f"（{whole}時間{rest}分）" if rest else f"（{whole}時間）"
    return text


def parenthesised(text: str, inner: str, lang: str) -> str:
    """``text（inner）`` in Japanese, ``text (inner)`` in English."""
    return f"{text}（{inner}）" if label_lang(lang) == "ja" else f"{text} ({inner})"
