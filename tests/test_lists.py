"""List helpers: marker columns, over-indented items, ・ pseudo-bullets."""

from __future__ import annotations

import pytest

from publisher.diagnostics import Diagnostic
from publisher.inlines import Lines
from publisher.lists import (
    ItemDraft,
    marker_columns,
    nest_over_indented,
    pseudo_list,
    split_pseudo,
    with_sublist,
)
from publisher.model import BulletList, Inline, ListItem, Text, plain_text


@pytest.mark.parametrize(
    ("line", "ordered", "columns"),
    [
        ("- a", False, (0, 2)),
        ("   - a", False, (3, 5)),
        ("\t- a", False, (4, 6)),
        ("  -    a", False, (2, 7)),
        ("  -        a", False, (2, 4)),  # five or more spaces: the text is code, one space counts
        ("10. a", True, (0, 4)),
        ("> - a", False, (2, 4)),
        ("-", False, (0, 2)),
        ("text", False, (None, 2)),
    ],
)
def test_marker_columns(line: str, ordered: bool, columns: tuple[int | None, int]) -> None:
    assert marker_columns(line, ordered) == columns


def draft(text: str, line: int, col: int | None, number: int | None = None) -> ItemDraft:
    return ItemDraft(ListItem((Text(text),), (), line), col, (col or 0) + 2, number)


def shape(items: tuple[ListItem, ...]) -> list[object]:
    result: list[object] = []
    for item in items:
        result.append(plain_text(item.inlines))
        for child in item.children:
            if isinstance(child, BulletList):
                result.append(shape(child.items))
    return result


def test_nest_over_indented_builds_levels() -> None:
    problems: list[Diagnostic] = []
    drafts = [
        draft("a", 1, 0),
        draft("b", 2, 1),
        draft("c", 3, 2),
        draft("d", 4, 1),
        draft("e", 5, 0),
    ]
    items = nest_over_indented(drafts, False, "n.md", problems, room=10)
    assert shape(items) == ["a", ["b", ["c"], "d"], "e"]
    assert [(p.line, p.level) for p in problems] == [(2, "warning"), (3, "warning")]


def test_nest_over_indented_respects_room() -> None:
    problems: list[Diagnostic] = []
    drafts = [draft("a", 1, 0), draft("b", 2, 1), draft("c", 3, 2)]
    items = nest_over_indented(drafts, False, "n.md", problems, room=1)
    assert shape(items) == ["a", ["b", "c"]]


def test_unknown_columns_stay_siblings() -> None:
    problems: list[Diagnostic] = []
    items = nest_over_indented([draft("a", 1, None), draft("b", 2, 3)], False, "n.md", problems, 5)
    assert shape(items) == ["a", "b"] and problems == []


def test_with_sublist_joins_a_trailing_list_of_the_same_kind() -> None:
    child = ListItem((Text("x"),), (), 2)
    parent = ListItem((Text("p"),), (BulletList((child,), 2),), 1)
    extra = ListItem((Text("y"),), (), 3)
    joined = with_sublist(parent, [extra], ordered=False)
    assert len(joined.children) == 1 and shape(joined.children[0].items) == ["x", "y"]  # type: ignore[union-attr]
    separate = with_sublist(parent, [extra], ordered=True)
    assert len(separate.children) == 2


def test_split_pseudo_lead_and_bullets() -> None:
    rows: list[list[Inline]] = [[Text("Lead")], [Text("・one")], [Text("more")], [Text("・ two")]]
    split = split_pseudo(Lines(rows, [True, False, True], []))
    assert split.lead == [[Text("Lead")]]
    assert [(plain_text(text), offset) for text, offset in split.bullets] == [
        ("one more", 1),
        ("two", 3),
    ]
    found = pseudo_list(split.bullets, line=10)
    assert found is not None and [i.line for i in found.items] == [11, 13]


def test_split_pseudo_from_the_second_line_for_list_items() -> None:
    rows: list[list[Inline]] = [[Text("・item text")], [Text("・child")]]
    split = split_pseudo(Lines(rows, [True], []), first=1)
    assert split.lead == [[Text("・item text")]] and len(split.bullets) == 1


def test_empty_pseudo_bullets_make_no_list() -> None:
    assert pseudo_list([((), 0)], line=1) is None
