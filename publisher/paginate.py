"""Measured pagination: entries onto as many slides as they need, nothing clipped.

Each slide's body box holds parts stacked top-down (see
:func:`publisher.layout.part_boxes`). Entries are measured with the deck's
font and placed until the next one does not fit; the slide then ends at the
highest-level boundary it has (once it is 40 % full, when that costs no extra
slide), and the next slide repeats the parent bullets of its first entry
(muted) for context. An entry too tall for an empty slide is shrunk (text
down to ``body_min_size``) and then split at a sentence end; code and tables
are fitted by :mod:`publisher.blockfit`. Pictures are scaled to the room they
get. Only as much text is measured as a slide can hold, so the work grows
with the text, not with its square. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .blockfit import BlockFitter
from .entries import (
    CodeEntry,
    Entry,
    TableEntry,
    TextEntry,
    split_inlines,
    strip_inlines,
)
from .layout import Box, CodePart, ImagePart, Part, Style, TablePart, TextLine, TextPart
from .measure import MEMO_LIMIT, Measurer, Styled, sentence_cuts, styled, text_length
from .model import Inlines, Text, plain_text

# A slide may end early, at a higher-level boundary, once it is this full; the lowest
# share that does not cost an extra slide wins (1.0: fill every slide to the brim).
MIN_FILLS = (0.4, 0.7, 1.0)


@dataclass(frozen=True)
class Page:
    """The parts of one slide and the speaker notes of what is on it."""

    parts: tuple[Part, ...]
    notes: tuple[str, ...]


@dataclass
class _Slot:
    """What one entry (or a parent repeated for context) adds to a slide being filled."""

    entry: Entry | None  # None: a parent repeated for context
    part: TextLine | CodePart | TablePart | ImagePart
    height: float  # what the slot adds to the slide, part overhead included


class Paginator(BlockFitter):
    """Lays entries out in one body box with one style and one measurer."""

    def __init__(self, measurer: Measurer, style: Style, body: Box) -> None:
        super().__init__(measurer, style, body)
        # By id(line), the line kept so that its id is not reused: see line_text
        self._texts: dict[int, tuple[TextLine, Styled]] = {}
        self._counts: dict[int, tuple[TextLine, int]] = {}

    # --- measuring --------------------------------------------------------------

    def space_before(self, level: int) -> float:
        spaces = self.style.space_before
        return spaces[min(max(level, 1), len(spaces)) - 1]

    def line_text(self, line: TextLine, limit: int | None = None) -> Styled:
        """The text a paragraph shows, its ordered-list number included (``limit`` chars).

        A paragraph's whole text is made once: the same object every time, so
        the measurer's answers about it are found without hashing it again.
        """
        if limit is None:
            kept = self._texts.get(id(line))
            if kept is not None and kept[0] is line:
                return kept[1]
        inlines = line.inlines
        if line.number is not None and not line.continued:
            inlines = (Text(f"{line.number}. "), *inlines)
        text = styled(inlines, limit=limit)
        if limit is None and len(text.text) <= MEMO_LIMIT:  # long texts are not kept
            self._texts[id(line)] = (line, text)
        return text

    def text_length(self, line: TextLine) -> int:
        """Characters of the text a paragraph shows (its number included), not building it."""
        numbered = line.number is not None and not line.continued
        return text_length(line.inlines) + (len(f"{line.number}. ") if numbered else 0)

    def first_lines(self, line: TextLine, size: float, count: int) -> tuple[list[int], str]:
        """Where the first ``count`` + 1 lines start, and the text measured for that.

        Only as much text is measured as those lines can hold, so a paragraph
        of a megabyte costs no more per slide than a short one.
        """
        first, rest = self.line_widths(line)
        total = self.text_length(line)
        chars = (count + 1) * (int(max(first, rest) / size) + 8)  # full-width text; more below
        while True:
            text = self.line_text(line, chars if chars < total else None)
            starts = self.measurer.line_starts(text, size, rest, first, max_lines=count)
            if len(starts) > count or len(text.text) >= total or chars > total:
                return starts, text.text
            chars *= 2

    def line_widths(self, line: TextLine) -> tuple[float, float]:
        """Width of a paragraph's first line and of the others."""
        rest = self.text_width - self.style.left_margin(line.level, line.quote)
        rest = max(rest, 1.0)
        numbered = line.number is not None and not line.continued
        return (rest + self.style.bullet_hang if numbered else rest), rest

    def paragraph_lines(self, line: TextLine) -> int:
        """How many lines the whole paragraph takes at its size (worked out once per line)."""
        kept = self._counts.get(id(line))
        if kept is not None and kept[0] is line:
            return kept[1]
        first, rest = self.line_widths(line)
        count = self.measurer.count_lines(self.line_text(line), line.size, rest, first)
        self._counts[id(line)] = (line, count)
        return count

    def paragraph_height(self, line: TextLine) -> float:
        return self.space_before(line.level) + self.paragraph_lines(line) * self.pitch(line.size)

    def text_part(self, lines: Sequence[TextLine]) -> TextPart:
        height = 2 * self.style.inset_y + sum(self.paragraph_height(x) for x in lines)
        return TextPart(tuple(lines), height)

    # --- placing ----------------------------------------------------------------

    def _overhead(self, slots: Sequence[_Slot], text: bool) -> float:
        if text and slots and isinstance(slots[-1].part, TextLine):
            return 0.0
        gap = self.style.part_gap if slots else 0.0
        return gap + (2 * self.style.inset_y if text else 0.0)

    def _text_slot(self, entry: TextEntry | None, line: TextLine, slots: Sequence[_Slot]) -> _Slot:
        height = self.paragraph_height(line) + self._overhead(slots, True)
        return _Slot(entry, line, height)

    def _fitting_slot(
        self, entry: TextEntry, line: TextLine, slots: Sequence[_Slot], room: float
    ) -> _Slot | None:
        """The paragraph as a slot when it fits in ``room``, else None."""
        fixed = self._overhead(slots, True) + self.space_before(line.level)
        fit = int((room - fixed) // self.pitch(line.size))
        if fit < 1:
            return None
        if self.text_length(line) <= MEMO_LIMIT:  # asked again and again: counted once
            lines = self.paragraph_lines(line)
        else:  # only as many lines as the room holds are measured
            lines = len(self.first_lines(line, line.size, fit)[0])
        if lines > fit:
            return None
        return _Slot(entry, line, fixed + lines * self.pitch(line.size))

    def _place(self, entry: Entry, slots: Sequence[_Slot], room: float) -> _Slot | None:
        """The entry as it is, when it fits in ``room``; None when it does not."""
        if isinstance(entry, TextEntry):
            return self._fitting_slot(entry, entry.line, slots, room)
        overhead = self._overhead(slots, False)
        part: CodePart | TablePart | ImagePart
        if isinstance(entry, CodeEntry):
            size = entry.size or self.code_size(entry.code)
            part = self.code_part_within(entry.code, entry.language, size, room - overhead)
        elif isinstance(entry, TableEntry):
            part = self.table_part(entry)
        else:
            part = self.image_part(entry, self.capacity)
            if part.height + overhead > room:
                shrunk = self.image_part(entry, room - overhead)
                if shrunk.height < 0.5 * part.height or room < 0.4 * self.capacity:
                    return None
                part = shrunk
        if part.height + overhead > room:
            return None
        return _Slot(entry, part, part.height + overhead)

    # --- paginating -------------------------------------------------------------

    def paginate(self, entries: Sequence[Entry]) -> list[Page]:
        """Every entry on a slide, in order; the second and later slides continue.

        Slides end at the highest-level boundary they can, unless that makes
        more slides than filling each one would.
        """
        fullest, choice = self._paginate(entries, MIN_FILLS[-1])
        if not choice:  # no slide could have ended at a higher level: nothing to compare
            return fullest
        for share in MIN_FILLS[:-1]:
            pages, _ = self._paginate(entries, share)
            if len(pages) <= len(fullest):
                return pages
        return fullest

    def _paginate(self, entries: Sequence[Entry], min_fill: float) -> tuple[list[Page], bool]:
        """The slides, and whether any slide had a higher-level boundary to end at."""
        queue = list(reversed(entries))
        pages: list[Page] = []
        choice = False
        while queue:
            slots = self._context(queue[-1]) if pages else []
            choice = self._fill(slots, queue, min_fill) or choice
            pages.append(self._page(slots))
        return pages, choice

    def _fill(self, slots: list[_Slot], queue: list[Entry], min_fill: float) -> bool:
        """Move entries from the end of ``queue`` into ``slots`` until the slide is full.

        Returns whether the slide had a higher-level boundary it could end at.
        """
        while queue:
            entry = queue[-1]
            used = sum(s.height for s in slots)
            slot = self._place(entry, slots, self.capacity - used)
            if slot is not None:
                slots.append(slot)
                queue.pop()
                continue
            if any(s.entry is not None for s in slots):
                cut, choice = self._cut(slots, entry, min_fill)
                queue.extend(reversed([s.entry for s in slots[cut:] if s.entry is not None]))
                del slots[cut:]
                return choice
            queue.pop()
            alone = self._place(entry, [], self.capacity) if slots else None
            if alone is not None:  # it fits once the repeated parents make room
                slots[:] = [alone]
                continue
            if used > self.capacity / 2:
                slots.clear()
            forced, rest = self._force(entry, slots, self.capacity - sum(s.height for s in slots))
            slots.append(forced)
            queue.extend(reversed(rest))
            return False
        return False

    def _cut(self, slots: Sequence[_Slot], following: Entry, min_fill: float) -> tuple[int, bool]:
        """Where the slide ends: before the shallowest entry (the latest such) once
        ``min_fill`` full; and whether any shallower boundary was there at all."""
        candidates = [(following.depth, -len(slots))]
        used = 0.0
        choice = False
        first_real = next(i for i, s in enumerate(slots) if s.entry is not None)
        for index, slot in enumerate(slots):
            if index > first_real and slot.entry is not None:
                choice = choice or slot.entry.depth < following.depth
                if used >= min_fill * self.capacity:
                    candidates.append((slot.entry.depth, -index))
            used += slot.height
        return -min(candidates)[1], choice

    def _context(self, entry: Entry) -> list[_Slot]:
        slots: list[_Slot] = []
        for parent in entry.ancestors:
            line = replace(parent, context=True, inlines=self._one_line(parent))
            slots.append(self._text_slot(None, line, slots))
        return slots

    def _one_line(self, line: TextLine) -> Inlines:
        """A parent shown for context: kept whole up to two lines, else cut to one."""
        first, rest = self.line_widths(line)
        text = self.line_text(line)
        if self.measurer.count_lines(text, line.size, rest, first) <= 2:
            return line.inlines
        short = self.measurer.truncate(plain_text(line.inlines), line.size, min(first, rest))
        return (Text(short),)

    def _page(self, slots: Sequence[_Slot]) -> Page:
        parts: list[Part] = []
        lines: list[TextLine] = []
        notes: list[str] = []
        for slot in slots:
            if slot.entry is not None:
                notes.extend(slot.entry.notes)
            if isinstance(slot.part, TextLine):
                lines.append(slot.part)
                continue
            if lines:
                parts.append(self.text_part(lines))
                lines = []
            parts.append(slot.part)
        if lines:
            parts.append(self.text_part(lines))
        return Page(tuple(parts), tuple(notes))

    # --- shrinking and splitting ------------------------------------------------

    def _force(self, entry: Entry, slots: list[_Slot], room: float) -> tuple[_Slot, list[Entry]]:
        """An entry too tall for an empty slide: shrunk, then split; returns what is left."""
        if isinstance(entry, TextEntry):
            return self._force_text(entry, slots, room)
        overhead = self._overhead(slots, False)
        part: CodePart | TablePart | ImagePart
        rest: list[Entry] = []
        if isinstance(entry, CodeEntry):
            part, rest = self.fit_code(entry, room - overhead)
        elif isinstance(entry, TableEntry):
            part, rest = self.fit_table(entry, room - overhead)
        else:
            part = self.image_part(entry, max(room - overhead, 1.0))
        return _Slot(entry, part, part.height + overhead), rest

    def _force_text(
        self, entry: TextEntry, slots: list[_Slot], room: float
    ) -> tuple[_Slot, list[Entry]]:
        line = entry.line
        size = self.style.body_min_size
        if self._fitting_slot(entry, replace(line, size=size), slots, room) is not None:
            size = line.size  # it fits at the floor: find the largest size that fits
            while size > self.style.body_min_size:
                size = max(size - 1, self.style.body_min_size)
                slot = self._fitting_slot(entry, replace(line, size=size), slots, room)
                if slot is not None:
                    return slot, []
        line = replace(line, size=size)
        fixed = self._overhead(slots, True) + self.space_before(line.level)
        fit = max(int((room - fixed) // self.pitch(size)), 1)
        starts, text = self.first_lines(line, size, fit)
        if len(starts) <= fit:
            return self._text_slot(entry, line, slots), []
        cut = _sentence_cut(text, starts[fit])
        if line.number is not None and not line.continued:
            cut = max(cut - len(f"{line.number}. "), 1)
        head, tail = split_inlines(line.inlines, cut)
        head_line = replace(line, inlines=strip_inlines(head))
        tail_line = replace(line, inlines=strip_inlines(tail), continued=True, number=None)
        slot = self._text_slot(entry, head_line, slots)
        if not text_length(tail_line.inlines):
            return slot, []
        return slot, [TextEntry(tail_line, entry.ancestors)]


def _sentence_cut(text: str, limit: int) -> int:
    """The last sentence end at or before ``limit`` (when not too early), else ``limit``."""
    best = 0
    for cut in sentence_cuts(text[: limit + 2]):
        if cut <= limit:
            best = cut
    return best if best >= limit / 3 else limit
