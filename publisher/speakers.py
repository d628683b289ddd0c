"""Who gave a talk, as note-takers write it: small named rules.

Three places say who spoke: the end of the heading (``by @handle``,
``― Name``, ``@ Name(Org)``), the line under it (``発表者: [Name](url)``,
``Name - @handle``, ``by @handle (Company)``), or the first bullet
(``speaker: Name``, ``**発表者**: Name``). Honorifics (さん, 氏, 様) are
dropped from names: a slide shows the speaker's name, not the note-taker's
politeness.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .charclass import is_kana_or_kanji
from .model import Speaker

MAX_LINE = 200  # a longer line is prose, not a speaker line

HANDLE = r"@\w[\w.\-]*"
_HANDLE = re.compile(rf"(?<![\w.@])(?:{HANDLE})")
_PAREN_TAIL = re.compile(r"\s*[(（](?P<inner>[^()（）]{1,60})[)）]\s*$")
_HONORIFIC = re.compile(r"\s*(?:さん|氏|様|殿)\s*$")
_WORD = r"(?:[A-Z][a-z'’\-]+(?:[A-Z][a-z]+)?|[A-Z]\.?)"
_LATIN_NAME = re.compile(rf"{_WORD}(?:\s+(?:{_WORD}|[a-z]{{2,3}})){{0,2}}\s+{_WORD}")
_NAME_MARKS = frozenset("々〆ー・ 　")  # besides kana and kanji, in a Japanese name
_NOT_NAME_START = frozenset(
    {
        "the", "a", "an", "how", "why", "what", "when", "where", "who", "part", "day", "vol",
        "chapter", "episode", "my", "our", "your", "with", "from", "into", "about", "beyond",
        "beginning", "introduction",
    }
)  # fmt: skip
_NOT_NAME_CJK = re.compile(
    r"(?:編|版|篇|章|部|回|目|入門|講座|とは|について|のための|まとめ|概要)$|とは|について"
)


def _strip_honorific(text: str) -> str:
    return _HONORIFIC.sub("", text).strip()


def looks_like_person(text: str) -> bool:
    """A handle, ``Name (Org)``, two or three capitalised words, or a short Japanese name."""
    text = text.strip()
    if _HANDLE.search(text):
        return True
    had_honorific = bool(_HONORIFIC.search(text))
    text = _strip_honorific(text)
    paren = _PAREN_TAIL.search(text)
    if paren:
        text = _strip_honorific(text[: paren.start()])
    if not text or len(text) > 40:
        return False
    if had_honorific or paren:
        return True
    if _LATIN_NAME.fullmatch(text):
        return text.split()[0].lower().strip(".") not in _NOT_NAME_START
    return _looks_like_japanese_name(text) and not _NOT_NAME_CJK.search(text)


def _looks_like_japanese_name(text: str) -> bool:
    """2 to 12 characters, each a kana, a kanji, an iteration mark or a space."""
    return 2 <= len(text) <= 12 and all(c in _NAME_MARKS or is_kana_or_kanji(c) for c in text)


def parse_person(text: str, url: str = "") -> Speaker | None:
    """``Name(@handle)さん``, ``@handle (Org)``, ``Name (Org)``, ``Name @handle`` → a Speaker."""
    text = _strip_honorific(" ".join(text.split()))
    handle = affiliation = ""
    paren = _PAREN_TAIL.search(text)
    if paren:
        inner = paren["inner"].strip()
        if _HANDLE.fullmatch(inner):
            handle = inner
        else:
            affiliation = inner
        text = _strip_honorific(text[: paren.start()])
    found = _HANDLE.search(text)
    if found and not handle:
        handle = found.group(0).rstrip(".-")
        text = (text[: found.start()] + text[found.end() :]).strip()
    name = _strip_honorific(text.strip(" -–—―:：/／,、|｜"))
    if not name and not handle:
        return None
    return Speaker(name=name or handle, handle=handle, affiliation=affiliation, url=url)


_PEOPLE_SEPARATOR = re.compile(r"\s*(?:,|、|，|;|；|&|＆|\band\b)\s*")


def split_people(text: str) -> list[str]:
    """Split ``A, B and C`` / ``A、B`` / ``A & B`` outside brackets."""
    parts: list[str] = []
    depth = start = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char in "(（[【":
            depth += 1
        elif char in ")）]】":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = _PEOPLE_SEPARATOR.match(text, index)
            if match and match.end() > index:
                parts.append(text[start:index])
                start = index = match.end()
                continue
        index += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _people(text: str) -> tuple[Speaker, ...]:
    return tuple(s for s in (parse_person(p) for p in split_people(text)) if s is not None)


# --- on the heading -----------------------------------------------------------------

_WHO_ORG = r"(?:\s*[(（][^()（）]{1,40}[)）])?"
_BY_HANDLE = re.compile(
    rf"\s+by\s+(?P<who>(?:{HANDLE}){_WHO_ORG}(?:\s*(?:,|、|&|＆|and)\s*(?:{HANDLE}){_WHO_ORG})*)\s*$",
    re.I,
)
_BY_NAME_ORG = re.compile(
    r"\s+by\s+(?P<who>[^@()（）]{1,40}?\s*[(（][^()（）]{1,40}[)）])\s*$", re.I
)
_AT_NAME_ORG = re.compile(
    r"\s+[@＠]\s+(?P<who>[^@＠()（）]{1,40}?\s*[(（][^()（）]{1,40}[)）])\s*$"
)
_DASH_NAME = re.compile(r"\s*[―—]{1,2}\s*(?P<who>[^―—]{1,40}?)\s*$")
_PAREN_HANDLE = re.compile(rf"\s*[(（](?P<who>{HANDLE})[)）]\s*$")

HeadingSpeakerRule = Callable[[str], "tuple[str, tuple[Speaker, ...]] | None"]


def _tail_rule(
    pattern: re.Pattern[str], check: Callable[[str], bool] | None = None
) -> HeadingSpeakerRule:
    def apply(title: str) -> tuple[str, tuple[Speaker, ...]] | None:
        match = pattern.search(title)
        if match is None or (check is not None and not check(match["who"])):
            return None
        rest = title[: match.start()].rstrip(" \t\u3000-–—―|｜/／:：")
        speakers = _people(match["who"])
        return (rest, speakers) if rest and speakers else None

    return apply


HEADING_SPEAKER_RULES: tuple[tuple[str, HeadingSpeakerRule], ...] = (
    ("by_handle", _tail_rule(_BY_HANDLE)),
    ("by_name_org", _tail_rule(_BY_NAME_ORG)),
    ("at_name_org", _tail_rule(_AT_NAME_ORG)),
    ("dash_name", _tail_rule(_DASH_NAME, looks_like_person)),
    ("paren_handle", _tail_rule(_PAREN_HANDLE)),
)


def heading_speaker(title: str) -> tuple[str, tuple[Speaker, ...]] | None:
    """The title without the speaker written at its end, and that speaker."""
    if len(title) > MAX_LINE:
        return None
    for _name, apply in HEADING_SPEAKER_RULES:
        found = apply(title)
        if found is not None:
            return found
    return None


# --- on the line under the heading, or in the first bullet ------------------------------

SPEAKER_LABELS = (
    "発表者", "登壇者", "講演者", "講師", "スピーカー", "speaker", "speakers", "presenter",
    "presenters", "presented by", "talk by",
)  # fmt: skip
_LABEL_LINE = re.compile(
    rf"^\s*(?:{'|'.join(re.escape(w) for w in SPEAKER_LABELS)})\s*[:：]\s*(?P<who>\S.*)$", re.I
)
_BY_LINE = re.compile(r"^\s*by\s+(?P<who>\S.*)$", re.I)
_NAME_DASH_HANDLE = re.compile(
    rf"^\s*(?P<name>[^\s@][^@]{{0,40}}?)\s+[-–—―]\s+(?P<handle>{HANDLE})"
    r"(?:\s*[(（](?P<org>[^()（）]{1,40})[)）])?\s*$"
)
_LEFTOVER = re.compile(r"^(?:\s|さん|氏|様|,|、|，|&|＆|and|/)*$")


def _from_links(who: str, links: Sequence[tuple[str, str]]) -> tuple[Speaker, ...] | None:
    """Speakers written as links: each link is one person, its target their page."""
    inside = [(text, href) for text, href in links if text and text in who]
    if not inside:
        return None
    leftover = who
    for text, _href in inside:
        leftover = leftover.replace(text, " ", 1)
    if not _LEFTOVER.match(leftover):
        return None
    found = (parse_person(text, href) for text, href in inside)
    return tuple(s for s in found if s is not None) or None


def label_line(text: str, links: Sequence[tuple[str, str]]) -> tuple[Speaker, ...] | None:
    """``発表者: [Name](url)``, ``登壇者：Name``, ``Speaker: Name``, ``speaker: A, B``."""
    match = _LABEL_LINE.match(text)
    if match is None:
        return None
    return _from_links(match["who"], links) or _people(match["who"]) or None


def by_line(text: str, links: Sequence[tuple[str, str]]) -> tuple[Speaker, ...] | None:
    """``by @handle (Company)``, ``by Jane Doe``: only when what follows names a person."""
    match = _BY_LINE.match(text)
    if match is None:
        return None
    linked = _from_links(match["who"], links)
    if linked:
        return linked
    people = split_people(match["who"])
    if not people or not all(looks_like_person(p) for p in people):
        return None
    return _people(match["who"]) or None


def name_dash_handle(text: str, links: Sequence[tuple[str, str]]) -> tuple[Speaker, ...] | None:
    """``Jane Doe - @jane`` or ``Jane Doe - @jane (Company)``."""
    match = _NAME_DASH_HANDLE.match(text)
    if match is None:
        return None
    url = links[0][1] if len(links) == 1 else ""
    name = _strip_honorific(match["name"])
    return (Speaker(name=name, handle=match["handle"], affiliation=match["org"] or "", url=url),)


SpeakerLineRule = Callable[[str, Sequence[tuple[str, str]]], "tuple[Speaker, ...] | None"]
SPEAKER_LINE_RULES: tuple[tuple[str, SpeakerLineRule], ...] = (
    ("label_line", label_line),
    ("by_line", by_line),
    ("name_dash_handle", name_dash_handle),
)


def speaker_line(text: str, links: Sequence[tuple[str, str]] = ()) -> tuple[Speaker, ...] | None:
    """The speakers a line names, or None when the line is not a speaker line.

    ``links`` are the line's links as ``(visible text, target)``.
    """
    text = " ".join(text.split())
    if not text or len(text) > MAX_LINE:
        return None
    for _name, apply in SPEAKER_LINE_RULES:
        found = apply(text, links)
        if found:
            return found
    return None
