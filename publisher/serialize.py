"""The model as JSON-able data, for ``publisher inspect`` and golden files.

Blocks become ``{"type": name, field: value, ...}``; inlines become nested
lists: ``["Text", "..."]``, ``["Strong", [...]]``, ``["Link", href, [...]]``.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from typing import Any

from .model import Block, Break, Code, Emph, Event, Inline, Link, Session, Strike, Strong, Text

Json = Any
_INLINES = (Text, Code, Break, Strong, Emph, Strike, Link)


def inline_to_json(node: Inline) -> list[Json]:
    """One inline as a list: its type name, then its data."""
    if isinstance(node, (Text, Code)):
        return [type(node).__name__, node.text]
    if isinstance(node, Break):
        return ["Break"]
    children = [inline_to_json(child) for child in node.children]
    if isinstance(node, Link):
        return ["Link", node.href, children]
    return [type(node).__name__, children]


def _value(value: Any) -> Json:
    if isinstance(value, _INLINES):
        return inline_to_json(value)
    if is_dataclass(value) and not isinstance(value, type):
        return _record(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    return value


def _record(obj: Any) -> dict[str, Json]:
    data: dict[str, Json] = {"type": type(obj).__name__}
    for spec in fields(obj):
        data[spec.name] = _value(getattr(obj, spec.name))
    return data


def block_to_json(block: Block) -> dict[str, Json]:
    """One block as a dict: ``type`` and every field, nested values converted too."""
    return _record(block)


def _speakers(session: Session) -> list[str]:
    return [speaker.display for speaker in session.speakers]


def session_summary(event: Event) -> list[dict[str, Json]]:
    """What each session is, without its content (the golden files' facts)."""
    return [
        {
            "number": s.number,
            "title": s.title,
            "category": s.category,
            "duration_minutes": s.duration_minutes,
            "time_range": list(s.time_range) if s.time_range else None,
            "speakers": _speakers(s),
            "group": s.group,
            "line": s.line,
            "is_talk": s.is_talk,
        }
        for s in event.sessions
    ]


def event_to_json(event: Event) -> dict[str, Json]:
    """The whole model: event facts, the intro and every session with its blocks."""
    sessions = []
    for summary, session in zip(session_summary(event), event.sessions, strict=True):
        sessions.append(
            {
                **summary,
                "title_link": session.title_link,
                "speaker_details": [_value(sp) for sp in session.speakers],
                "blocks": [block_to_json(b) for b in session.blocks],
            }
        )
    return {
        "title": event.title,
        "subtitle": event.subtitle,
        "date": event.date,
        "author": event.author,
        "lang": event.lang,
        "source": event.source,
        "total_minutes": event.total_minutes,
        "settings": {key: _value(value) for key, value in event.settings},
        "intro": [block_to_json(b) for b in event.intro],
        "sessions": sessions,
    }
