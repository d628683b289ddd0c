"""How one talk is written in real notes: a table of small, named rules.

Nothing here knows about Markdown. The parser hands over the plain text of a
heading (or of a first line) and gets data back: a title without its
decorations, a category, a duration, a time range. Each habit of note-takers
is one named rule in a table, tested with cases that must match and cases
that must not; a new habit is one more row. Speakers live in ``speakers.py``,
the shape of the whole notes (talk level, title heading) in ``outline.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .charclass import count_letters
from .model import Speaker
from .speakers import heading_speaker

# Characters that start a bullet written without Markdown (common in Japanese notes).
PSEUDO_BULLETS = ("・", "･", "•")

# Longer headings are taken as written: no rule reads them (and no regex can be slow).
MAX_RULE_TEXT = 300


@dataclass(frozen=True)
class HeadingInfo:
    """What a talk heading says: its title, and what was written around it."""

    title: str
    category: str = ""
    duration_minutes: int | None = None
    time_range: tuple[str, str] | None = None
    speakers: tuple[Speaker, ...] = ()
    label: str = ""  # the author's own numbering: "A", "1", "①"


HeadingRule = Callable[[HeadingInfo], HeadingInfo | None]

# --- durations and times ------------------------------------------------------------

_DURATION = (
    r"(?:(?P<h>\d{1,2})\s*(?:hours?|hrs?|h|時間)"
    r"(?:\s*(?P<hm>\d{1,2})\s*(?:minutes?|mins?|m|分間?))?"
    r"|(?P<m>\d{1,3})\s*(?:minutes?|mins?|分間?))(?![A-Za-z])"
)
_PAREN_DURATION = re.compile(rf"[(（\[【]\s*{_DURATION}\s*[)）\]】]", re.I)
_TRAILING_DURATION = re.compile(rf"(?<![A-Za-z0-9.,:])\s*{_DURATION}\s*$", re.I)
_TIME = r"(?:[01]?\d|2\d)[:：][0-5]\d"
_TIME_RANGE = re.compile(
    rf"(?P<open>[(（\[【])?\s*(?P<start>{_TIME})\s*[-–—〜～~－]\s*(?P<end>{_TIME})\s*"
    r"(?(open)[)）\]】])"
)
_SEPARATORS = " \t\u3000:：-–—|｜/／・,、"


def _minutes(match: re.Match[str]) -> int | None:
    if match.group("m"):
        value = int(match.group("m"))
    else:
        value = int(match.group("h")) * 60 + int(match.group("hm") or 0)
    return value if 0 < value <= 24 * 60 else None


def _clock(text: str) -> tuple[int, int]:
    hours, minutes = text.replace("：", ":").split(":")
    return int(hours), int(minutes)


def _cut(text: str, start: int, end: int) -> str:
    """``text`` without ``text[start:end]``, separators at the seam trimmed."""
    head = text[:start].rstrip(" \t\u3000")
    tail = text[end:].lstrip(" \t\u3000")
    joined = f"{head} {tail}" if head and tail else head + tail
    return joined.strip(_SEPARATORS)


def time_range(info: HeadingInfo) -> HeadingInfo | None:
    """``10:30-11:10``, ``10:30 - 11:10``, ``10:30〜11:10`` (also gives the duration)."""
    match = _TIME_RANGE.search(info.title)
    if match is None:
        return None
    (h1, m1), (h2, m2) = _clock(match["start"]), _clock(match["end"])
    minutes = (h2 * 60 + m2 - h1 * 60 - m1) % (24 * 60)
    rest = _cut(info.title, match.start(), match.end())
    if not rest:
        return None
    shown = (f"{h1}:{m1:02d}", f"{h2}:{m2:02d}")
    duration = info.duration_minutes or (minutes or None)
    return replace(info, title=rest, time_range=shown, duration_minutes=duration)


def _with_duration(info: HeadingInfo, match: re.Match[str]) -> HeadingInfo | None:
    minutes = _minutes(match)
    rest = _cut(info.title, match.start(), match.end())
    if minutes is None or not rest:
        return None
    return replace(info, title=rest, duration_minutes=info.duration_minutes or minutes)


def paren_duration(info: HeadingInfo) -> HeadingInfo | None:
    """A duration in brackets anywhere: ``(40分)``, ``（40分）``, ``[30min]``."""
    match = _PAREN_DURATION.search(info.title)
    return _with_duration(info, match) if match else None


def trailing_duration(info: HeadingInfo) -> HeadingInfo | None:
    """A duration at the end: ``40min``, ``40 min``, ``40分``, ``1h30m``, ``1時間30分``."""
    match = _TRAILING_DURATION.search(info.title)
    return _with_duration(info, match) if match else None


# --- speakers written on the heading --------------------------------------------------


def heading_speakers(info: HeadingInfo) -> HeadingInfo | None:
    """``by @handle``, ``― Name``, ``@ Name(Org)``, ``(@handle)`` at the end of the title."""
    found = heading_speaker(info.title)
    if found is None:
        return None
    rest, speakers = found
    return replace(info, title=rest, speakers=info.speakers + speakers)


# --- wrappers, categories and numbering --------------------------------------------

_LENTICULAR_TITLE = re.compile(r"^【(?P<t>[^【】]+)】$")
_CORNER_TITLE = re.compile(r"^(?:「(?P<t>[^「」]+)」|『(?P<u>[^『』]+)』)$")
_LENTICULAR_LEAD = re.compile(r"^【(?P<cat>[^【】]{1,20})】\s*(?P<rest>\S.*)$")
_LENTICULAR_TAIL = re.compile(r"^(?P<rest>.*\S)\s*【(?P<cat>[^【】]{1,20})】$")
_SQUARE_LEAD = re.compile(r"^\[(?P<cat>[^\[\]]{1,20})\]\s*(?P<rest>\S.*)$")

# Words that say what kind of talk it is; kept as the session's category.
CATEGORY_WORDS = (
    "Keynote", "Opening Keynote", "Closing Keynote", "Lightning Talk", "LT", "Workshop",
    "Panel", "Panel Discussion", "Tutorial", "Hands-on", "Sponsor Session", "Sponsor Talk",
    "Sponsor LT", "Invited Talk", "基調講演", "特別講演", "招待講演", "一般講演",
    "スポンサーセッション", "スポンサーLT", "パネル", "パネルディスカッション",
    "ワークショップ", "ハンズオン", "チュートリアル", "ライトニングトーク",
)  # fmt: skip
# Words that only number the talks ("Session 3:"); stripped, not kept as a category.
NUMBERING_WORDS = ("Session", "Talk", "Part", "セッション", "講演", "発表")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_TAIL = r"\s*#?(?P<num>\d{1,3})?\s*(?:[:：]|\s[-–—|｜]\s)\s*(?P<rest>\S.*)$"
_CATEGORY_PREFIX = re.compile(rf"^(?P<cat>{_alternation(CATEGORY_WORDS)}){_PREFIX_TAIL}", re.I)
_NUMBERING_PREFIX = re.compile(rf"^(?:{_alternation(NUMBERING_WORDS)}){_PREFIX_TAIL}", re.I)
_DAY_PREFIX = re.compile(
    r"^(?P<num>(?:第?[0-9０-９]+日目)|(?:day\s*[0-9]+(?![0-9])))\s*[:：\-–—]?\s*(?P<rest>\S.*)$",
    re.I,
)
_NUMBERED = re.compile(
    r"^(?:(?P<a>[A-Z]|[0-9０-９]{1,3})[.)．）]|[(（](?P<b>[A-Z]|[0-9]{1,3})[)）]|#(?P<c>[0-9]{1,3})"
    r"|(?P<d>[①-⑳]))\s+(?P<rest>\S.*)$"
)
_CIRCLED = re.compile(r"^(?P<d>[①-⑳])\s*(?P<rest>\S.*)$")


def lenticular_title(info: HeadingInfo) -> HeadingInfo | None:
    """``【Title】``: brackets around the whole title are decoration."""
    match = _LENTICULAR_TITLE.match(info.title)
    return replace(info, title=match["t"].strip()) if match and match["t"].strip() else None


def corner_title(info: HeadingInfo) -> HeadingInfo | None:
    """``「Title」`` or ``『Title』`` around the whole title (not one inside a longer title)."""
    match = _CORNER_TITLE.match(info.title)
    if match is None:
        return None
    inner = (match["t"] or match["u"]).strip()
    return replace(info, title=inner) if inner else None


def bracket_category(info: HeadingInfo) -> HeadingInfo | None:
    """``【LT】Title``, ``Title【LT】``, ``[基調講演] Title``: the bracket is the category."""
    for pattern in (_LENTICULAR_LEAD, _LENTICULAR_TAIL, _SQUARE_LEAD):
        match = pattern.match(info.title)
        if match:
            cat = match["cat"].strip()
            return replace(info, title=match["rest"].strip(), category=info.category or cat)
    return None


def category_prefix(info: HeadingInfo) -> HeadingInfo | None:
    """``Keynote: Title``, ``LT: Title``, ``基調講演：Title``, ``Keynote1: Title``."""
    match = _CATEGORY_PREFIX.match(info.title)
    if match is None:
        return None
    return replace(
        info,
        title=match["rest"].strip(),
        category=info.category or match["cat"],
        label=info.label or (match["num"] or ""),
    )


def numbering_prefix(info: HeadingInfo) -> HeadingInfo | None:
    """``A. Title``, ``1. Title``, ``1) Title``, ``(2) Title``, ``#3``, ``Session 3: Title``."""
    match = _NUMBERED.match(info.title) or _CIRCLED.match(info.title)
    if match:
        groups = match.groupdict()
        label = next((groups[k] for k in "abcd" if groups.get(k)), "")
        return replace(info, title=match["rest"].strip(), label=info.label or label)
    match = _NUMBERING_PREFIX.match(info.title)
    if match and match["num"]:
        return replace(info, title=match["rest"].strip(), label=info.label or match["num"])
    return None


def day_prefix(info: HeadingInfo) -> HeadingInfo | None:
    """``1日目基調講演``, ``Day 2: Title``: the day belongs to the group, not the title."""
    match = _DAY_PREFIX.match(info.title)
    return replace(info, title=match["rest"].strip()) if match else None


# Applied in order, again and again, until none changes the title. A rule that
# would leave an empty title does not apply.
HEADING_RULES: tuple[tuple[str, HeadingRule], ...] = (
    ("time_range", time_range),
    ("paren_duration", paren_duration),
    ("trailing_duration", trailing_duration),
    ("heading_speakers", heading_speakers),
    ("lenticular_title", lenticular_title),
    ("corner_title", corner_title),
    ("bracket_category", bracket_category),
    ("category_prefix", category_prefix),
    ("day_prefix", day_prefix),
    ("numbering_prefix", numbering_prefix),
)


def rule(name: str) -> HeadingRule:
    """The heading rule called ``name`` (for tests and documentation)."""
    return dict(HEADING_RULES)[name]


def read_heading(text: str) -> HeadingInfo:
    """A talk heading's title without its decorations, and what they said."""
    title = " ".join(text.split())
    info = HeadingInfo(title=title)
    if not title or len(title) > MAX_RULE_TEXT:
        return info
    for _ in range(4 * len(HEADING_RULES)):
        for _name, apply in HEADING_RULES:
            found = apply(info)
            if found is not None and found.title and found.title != info.title:
                info = found
                break
        else:
            break
    return info


# --- sections that are not talks ----------------------------------------------------

# Breaks in a programme: a heading of one of these with nothing under it is on purpose.
_BREAK_WORDS = frozenset(
    {
        "ランチ", "昼食", "昼休み", "休憩", "懇親会", "lunch", "lunchbreak", "break",
        "coffeebreak", "networking", "party", "afterparty",
    }
)  # fmt: skip

# Sections that are not talks: the breaks, and openings, closings and summaries.
_NOT_TALK_WORDS = _BREAK_WORDS | frozenset(
    {
        "はじめに", "始めに", "まえがき", "前置き", "概要", "イベント概要", "まとめ", "総括",
        "感想", "所感", "雑感", "さいごに", "最後に", "おわりに", "終わりに", "あとがき",
        "opening", "closing", "オープニング", "クロージング", "開会", "閉会", "intro",
        "introduction", "summary", "conclusion", "conclusions", "wrapup", "overview", "links",
        "references", "参考", "参考リンク", "リンク", "お知らせ", "告知", "目次", "余談",
        "thanks", "acknowledgements", "openingremarks", "closingremarks", "welcome",
        "welcomeremarks", "開会挨拶", "閉会挨拶", "開会の挨拶", "閉会の挨拶",
    }
)  # fmt: skip
_PUNCTUATION = re.compile(r"[\s!！?？.。、,:：\-–—・~〜～「」【】()（）\[\]]+")
_OVERVIEW_SUFFIX = re.compile(r"(?:^|\s)(?:イベント)?概要$")
_CLOSING_SUFFIX = re.compile(
    r"(?:の|と)(?:まとめ|感想|所感)$|^(?:まとめ|感想)と(?:感想|まとめ|所感)$"
)


def _squeeze(title: str) -> str:
    return _PUNCTUATION.sub("", title).lower()


NOT_TALK_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("intro_or_closing_word", lambda title: _squeeze(title) in _NOT_TALK_WORDS),
    ("overview_at_end", lambda title: bool(_OVERVIEW_SUFFIX.search(title.strip()))),
    ("closing_phrase", lambda title: bool(_CLOSING_SUFFIX.search(title.strip(" !！")))),
)


def is_break(title: str) -> bool:
    """True for a break in the programme: Lunch, 休憩, 懇親会, Coffee break..."""
    return _squeeze(title) in _BREAK_WORDS


def is_talk(title: str) -> bool:
    """False for sections that are evidently not talks: はじめに, まとめ, Lunch, Summary..."""
    return not any(test(title) for _name, test in NOT_TALK_RULES)


_GROUP = re.compile(
    r"^(?:day\s*0*\d+|第?[0-9０-９]+日目|(?:track|room)\s*(?:[a-z]|\d{1,2})(?![a-z\d])|トラック\s*\S{1,3}"
    r"|(?:午前|午後)(?:の部)?|(?:morning|afternoon|evening)(?:\s+sessions?)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}/\d{1,2}|\d{1,2}月\d{1,2}日)(?:[\s(（:：].*)?$",
    re.I,
)


def looks_like_group(title: str) -> bool:
    """A day or track heading: ``DAY 01``, ``2日目``, ``Track A``, ``午後の部``, ``5/8(火)``."""
    return bool(_GROUP.match(title.strip())) and len(title) <= 60


# --- language -----------------------------------------------------------------------


def detect_lang(text: str) -> str:
    """``ja`` when kana and kanji make at least a tenth of the letters, else ``en``."""
    japanese, latin = count_letters(text)
    letters = japanese + latin
    return "ja" if letters and japanese >= 0.1 * letters else "en"
