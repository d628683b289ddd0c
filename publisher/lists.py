"""Lists as their authors meant them.

Two habits of note-takers that CommonMark reads differently from the author:

- An item indented a little deeper than the item above (``   - child`` under
  ``  - parent``) is a sibling in CommonMark; the author meant a child. Such an
  item becomes a child of the item above, with a warning on its line.
- Lines starting with ``・`` inside a paragraph or a bullet's text are bullets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .conventions import PSEUDO_BULLETS
from .diagnostics import Diagnostic
from .inlines import Lines, join_lines
from .model import Block, BulletList, Inline, Inlines, ListItem, Notes, Quote, Text

_ORDERED_MARKER = re.compile(r"\d{1,9}[.)]")


@dataclass
class ItemDraft:
    """A finished list item with where its marker stood in the source."""

    item: ListItem
    col: int | None  # column of the marker; None when it cannot be told
    content_col: int  # column where the item's text starts
    number: int | None = None


@dataclass
class _Node:
    """An item while the list is rebuilt from its indentation: the items it adopted."""

    draft: ItemDraft
    adopted: list[_Node] = field(default_factory=list)


def marker_columns(source_line: str, ordered: bool) -> tuple[int | None, int]:
    """The marker's column and the text's column on an item's first line."""
    text = source_line.expandtabs(4)
    col = 0
    while col < len(text) and text[col] in " >":
        col += 1
    rest = text[col:]
    match = _ORDERED_MARKER.match(rest) if ordered else None
    width = len(match.group(0)) if match else (1 if not ordered and rest[:1] in "-*+" else 0)
    if not width:
        return None, col + 2
    after = rest[width:]
    spaces = len(after) - len(after.lstrip(" "))
    if not after.strip() or spaces > 4:
        return col, col + width + 1
    return col, col + width + spaces


def with_sublist(item: ListItem, items: Sequence[ListItem], ordered: bool) -> ListItem:
    """``item`` with ``items`` added as a nested list (joining a list it ends with)."""
    if not items:
        return item
    children = list(item.children)
    last = children[-1] if children else None
    if isinstance(last, BulletList) and last.ordered == ordered:
        children[-1] = replace(last, items=last.items + tuple(items))
    else:
        children.append(BulletList(tuple(items), items[0].line, ordered))
    return replace(item, children=tuple(children))


def _effective_col(draft: ItemDraft, previous: ItemDraft | None) -> int | None:
    """An ordered item that continues the numbering stays beside the item above."""
    if previous is None or draft.number is None or previous.number is None:
        return draft.col
    return previous.col if draft.number == previous.number + 1 else draft.col


def _deeper(col: int | None, than: int | None) -> bool:
    return col is not None and than is not None and col > than


def nest_over_indented(
    drafts: Sequence[ItemDraft], ordered: bool, path: str, diagnostics: list[Diagnostic], room: int
) -> tuple[ListItem, ...]:
    """Make each item indented deeper than the item above a child of it.

    ``room`` is how many more list levels may be added (nesting stays bounded).
    """
    top: list[_Node] = []
    chain: list[tuple[int | None, _Node]] = []
    previous: ItemDraft | None = None
    for draft in drafts:
        node = _Node(draft)
        col = _effective_col(draft, previous)
        while chain and not _deeper(col, chain[-1][0]):
            chain.pop()
        del chain[room:]  # no deeper than ``room`` levels: stay beside the deepest allowed
        if chain:
            chain[-1][1].adopted.append(node)
            if previous is not None and _deeper(col, previous.col):
                diagnostics.append(_over_indent(path, draft, previous))
        else:
            top.append(node)
        chain.append((col, node))
        previous = draft
    return _build(top, ordered)


def _over_indent(path: str, draft: ItemDraft, above: ItemDraft) -> Diagnostic:
    message = (
        f"this item is indented {draft.col} spaces, deeper than the item above ({above.col}): "
        f"read as its child; indent it by {above.content_col} to say so"
    )
    return Diagnostic(path, draft.item.line, "warning", message)


def _build(top: list[_Node], ordered: bool) -> tuple[ListItem, ...]:
    """Adopted items folded into their parents, children first, without recursion."""
    order: list[_Node] = []
    stack = list(reversed(top))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(reversed(node.adopted))
    built: dict[int, ListItem] = {}
    for node in reversed(order):
        sub = [built.pop(id(child)) for child in node.adopted]
        built[id(node)] = with_sublist(node.draft.item, sub, ordered)
    return tuple(built[id(node)] for node in top)


# --- ・ pseudo-bullets ---------------------------------------------------------------


def _bullet_start(line: Sequence[Inline]) -> bool:
    first = line[0] if line else None
    return isinstance(first, Text) and first.text.lstrip().startswith(PSEUDO_BULLETS)


def _without_bullet(line: Sequence[Inline]) -> list[Inline]:
    first = line[0]
    assert isinstance(first, Text)
    text = first.text.lstrip()[1:].lstrip()
    return ([Text(text)] if text else []) + list(line[1:])


@dataclass
class PseudoSplit:
    """A run of lines split into its lead and the ``・`` bullets after it."""

    lead: list[list[Inline]]
    lead_hard: list[bool]
    bullets: list[tuple[Inlines, int]]  # (text, line offset from the first line)


def split_pseudo(lines: Lines, first: int = 0) -> PseudoSplit:
    """Lines from index ``first`` on that start with ``・`` become bullets;
    a line that does not start with one continues the bullet above."""
    rows, hard = lines.lines, lines.hard
    start = next((i for i in range(first, len(rows)) if _bullet_start(rows[i])), None)
    if start is None:
        return PseudoSplit(rows, hard, [])
    bullets: list[tuple[Inlines, int]] = []
    current: list[list[Inline]] = []
    current_hard: list[bool] = []
    current_start = start
    for index in range(start, len(rows)):
        if _bullet_start(rows[index]):
            if current:
                bullets.append((join_lines(current, current_hard), current_start))
            current, current_hard, current_start = [_without_bullet(rows[index])], [], index
        else:
            current_hard.append(hard[index - 1])
            current.append(rows[index])
    bullets.append((join_lines(current, current_hard), current_start))
    return PseudoSplit(rows[:start], hard[: max(0, start - 1)], bullets)


def pseudo_list(bullets: Sequence[tuple[Inlines, int]], line: int) -> BulletList | None:
    """The ``・`` bullets as a list (empty bullets left out)."""
    items = tuple(ListItem(text, (), line + offset) for text, offset in bullets if text)
    return BulletList(items, items[0].line) if items else None


# --- a bound on depth ----------------------------------------------------------------


def cap_depth(
    items: Sequence[ListItem], limit: int, depth: int = 1
) -> tuple[tuple[ListItem, ...], int | None]:
    """The items of a list ``depth`` levels deep, no list in them deeper than ``limit``.

    Items below the limit are hung, in order, in the list at the limit. Returns
    the items and the line of the first item moved (None when none was).
    Markdown's own nesting and over-indented items can each add levels; this
    keeps every later stage (and the build's cache and workers) far from
    Python's recursion limit.
    """
    if depth >= limit:
        return _flatten(items)
    out: list[ListItem] = []
    first: int | None = None
    for item in items:
        children: list[Block] = []
        for block in item.children:
            capped, line = _cap_block(block, limit, depth)
            children.append(capped)
            first = first if first is not None else line
        out.append(replace(item, children=tuple(children)))
    return tuple(out), first


def _cap_block(block: Block, limit: int, depth: int) -> tuple[Block, int | None]:
    if isinstance(block, BulletList):
        items, line = cap_depth(block.items, limit, depth + 1)
        return replace(block, items=items), line
    if isinstance(block, (Quote, Notes)):
        children: list[Block] = []
        first: int | None = None
        for child in block.children:
            capped, line = _cap_block(child, limit, depth)
            children.append(capped)
            first = first if first is not None else line
        return replace(block, children=tuple(children)), first
    return block, None


def _flatten(items: Sequence[ListItem]) -> tuple[tuple[ListItem, ...], int | None]:
    """Every item of ``items`` and of the lists inside them, as one list, in order."""
    flat: list[ListItem] = []
    first: int | None = None
    stack: list[tuple[ListItem, bool]] = [(item, False) for item in reversed(items)]
    while stack:
        item, moved = stack.pop()
        if moved and first is None:
            first = item.line
        lists = [b for b in item.children if isinstance(b, BulletList)]
        flat.append(replace(item, children=tuple(b for b in item.children if b not in lists)))
        for sub in reversed(lists):
            stack.extend((child, True) for child in reversed(sub.items))
    return tuple(flat), first
