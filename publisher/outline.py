"""The shape of the notes: which heading level holds the talks, which heading titles them.

Read from the headings alone (level and plain text), before any block is built:
the level of a talk decides what every other heading is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .conventions import looks_like_group


@dataclass(frozen=True)
class Outline:
    """Which headings are talks, which one is the event title."""

    session_level: int
    title_index: int | None  # index of the heading that titles the whole notes
    talks_above_most: bool = False  # the level was lifted above the most common one


def _parents(levels: Sequence[int]) -> list[int | None]:
    """For each heading, the index of the nearest shallower heading before it."""
    parents: list[int | None] = []
    stack: list[int] = []
    for index, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            stack.pop()
        parents.append(stack[-1] if stack else None)
        stack.append(index)
    return parents


def _ancestor_at(
    index: int, level: int, levels: Sequence[int], parents: Sequence[int | None]
) -> int | None:
    current = parents[index]
    while current is not None and levels[current] > level:
        current = parents[current]
    return current if current is not None and levels[current] == level else None


def _title_index(headings: Sequence[tuple[int, str]], level: int) -> int | None:
    """The first heading titles the notes when it sits above the talks and is no group.

    It is a group instead (``# Day 1`` before ``# Day 2``) when it looks like
    one, or when it holds talks while another heading at its level does too.
    """
    levels = [lv for lv, _ in headings]
    first_level, first_title = headings[0]
    if first_level >= level or first_level != min(levels) or looks_like_group(first_title):
        return None
    if level not in levels:
        return None  # no talk at all: nothing for a title to stand above
    parents = _parents(levels)
    holders = {
        _ancestor_at(i, first_level, levels, parents) for i, lv in enumerate(levels) if lv == level
    }
    return None if 0 in holders and len(holders - {None}) > 1 else 0


def _lifted_level(headings: Sequence[tuple[int, str]], most: int, title: int | None) -> int | None:
    """A shallower level whose two or more (non-group) headings hold every heading at ``most``."""
    levels = [lv for lv, _ in headings]
    parents = _parents(levels)
    for candidate in sorted({lv for lv in levels if lv < most}):
        above = [i for i, lv in enumerate(levels) if lv == candidate and i != title]
        if len(above) < 2 or any(looks_like_group(headings[i][1]) for i in above):
            continue
        holders = [
            _ancestor_at(i, candidate, levels, parents) for i, lv in enumerate(levels) if lv == most
        ]
        if all(a is not None and a != title for a in holders):
            return candidate
    return None


def _counted(headings: Sequence[tuple[int, str]]) -> list[int]:
    """Levels of the headings that may be talks: not days or tracks, not a leading title."""
    top = min(level for level, _ in headings)
    counted = [
        level
        for index, (level, title) in enumerate(headings)
        if not looks_like_group(title) and not (index == 0 and level == top)
    ]
    return counted or [level for level, _ in headings]


def outline(headings: Sequence[tuple[int, str]], forced_level: int = 0) -> Outline:
    """Read the shape of the notes from their headings ``(level, plain text)``.

    The talks sit at the level with the most headings (the shallower on a tie),
    unless ``forced_level`` says otherwise. Day and track headings and a first
    heading at the top level (a title) are not counted. When two or more
    shallower headings that are not days or tracks hold every heading at that
    level (``## Talk`` with ``### point`` headings inside), they are the talks.
    """
    if not headings:
        return Outline(forced_level or 2, None)
    if forced_level:
        return Outline(forced_level, _title_index(headings, forced_level))
    counts = Counter(_counted(headings))
    most = min(counts, key=lambda lv: (-counts[lv], lv))
    title = _title_index(headings, most)
    lifted = _lifted_level(headings, most, title)
    if lifted is None:
        return Outline(most, title)
    return Outline(lifted, _title_index(headings, lifted), talks_above_most=True)
