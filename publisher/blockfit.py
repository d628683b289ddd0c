"""Sizes of code blocks, tables and pictures, and how they split over slides.

Code is measured in the monospace face, one paragraph per source line (a
line too wide for the box wraps); it shrinks to ``code_min_size`` and is then
split by lines. Tables get column widths shared by what their cells need and
rows as tall as their tallest cell; they split by rows, the header repeated.
Pictures keep their proportions. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .entries import CodeEntry, Entry, ImageEntry, TableEntry, split_inlines, strip_inlines
from .layout import Box, CodePart, ImagePart, Style, TablePart
from .measure import BOLD, MONO, REGULAR, Measurer, Styled, styled
from .model import Inlines, Table, plain_text

MAX_UPSCALE = 2.0  # a small picture is enlarged at most this much
PX_TO_PT = 0.75  # pictures are sized as if shown at 96 dpi


class BlockFitter:
    """Measures the parts of one body box with one style and one measurer."""

    def __init__(self, measurer: Measurer, style: Style, body: Box) -> None:
        self.measurer = measurer
        self.style = style
        self.body = body
        keep = 1.0 - style.fit_margin
        self.capacity = body.height * keep
        self.text_width = (body.width - 2 * style.inset_x) * keep
        self.code_width = (body.width - 2 * style.code_pad) * keep

    def pitch(self, size: float) -> float:
        return size * self.style.line_spacing

    def code_line_count(self, line: str, size: float) -> int:
        text = Styled.plain(line.expandtabs(4) or " ", MONO)
        return self.measurer.count_lines(text, size, self.code_width)

    def code_line_starts(self, line: str, size: float, limit: int) -> tuple[list[int], str]:
        """Where the first ``limit`` + 1 wrapped lines of one code line start, and its text.

        Only as much of the line is measured as those lines can hold, so a
        megabyte on one line costs no more per slide than a short one.
        """
        text = line.expandtabs(4) or " "
        chars = (limit + 1) * (2 * int(self.code_width / size) + 8)  # half-width characters
        while True:
            part = Styled.plain(text[:chars], MONO)
            starts = self.measurer.line_starts(part, size, self.code_width, max_lines=limit)
            if len(starts) > limit or chars >= len(text):
                return starts, text
            chars *= 2

    def code_lines_upto(self, code: str, size: float, limit: int) -> int:
        """Wrapped lines of ``code`` at ``size``: exact up to ``limit``, else ``limit`` + 1."""
        used = 0
        for line in code.split("\n"):
            used += min(len(self.code_line_starts(line, size, limit - used)[0]), limit - used + 1)
            if used > limit:
                break
        return used

    def code_part_within(self, code: str, language: str, size: float, room: float) -> CodePart:
        """Like :meth:`code_part` when the code fits in ``room``; else a part taller than ``room``.

        Counting stops past what the room holds: a huge block is never measured whole.
        """
        pad = 2 * self.style.code_pad
        limit = max(int((room - pad) // self.pitch(size)), 0)
        count = self.code_lines_upto(code, size, limit)
        return CodePart(code, language, size, pad + count * self.pitch(size))

    def code_part(self, code: str, language: str, size: float) -> CodePart:
        count = sum(self.code_line_count(line, size) for line in code.split("\n"))
        height = 2 * self.style.code_pad + count * self.pitch(size)
        return CodePart(code, language, size, height)

    def code_size(self, code: str) -> float:
        """The largest code size (down to the floor) at which no line wraps."""
        widest = max(
            (
                self.measurer.width(Styled.plain(x.expandtabs(4), MONO), 1.0)
                for x in code.split("\n")
            ),
            default=0.0,
        )
        size = self.style.code_size
        if widest > 0:
            size = min(size, float(int(self.code_width / widest)))
        return max(size, self.style.code_min_size)

    def column_widths(self, table: Table, size: float) -> tuple[float, ...]:
        """Column widths that add up to the body width, shared by what the cells need."""
        columns = max(len(table.header), *(len(row) for row in table.rows), 1)
        natural = [2 * self.style.inset_x + 1.0] * columns
        for index, row in enumerate((table.header, *table.rows)):
            face = BOLD if index == 0 else REGULAR
            for column, cell in enumerate(row):
                width = self.measurer.width(styled(cell, face), size) / (1 - self.style.fit_margin)
                natural[column] = max(natural[column], width + 2 * self.style.inset_x + 1.0)
        return share_widths(natural, self.body.width)

    def row_height(
        self, row: Sequence[Inlines], widths: Sequence[float], size: float, face: int
    ) -> float:
        keep = 1 - self.style.fit_margin
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            room = (width - 2 * self.style.inset_x) * keep
            lines = max(lines, self.measurer.count_lines(styled(cell, face), size, room))
        return lines * self.pitch(size) + 2 * self.style.inset_y

    def split_row(
        self, row: Sequence[Inlines], widths: Sequence[float], size: float, room: float
    ) -> tuple[tuple[Inlines, ...], tuple[Inlines, ...]]:
        """``row`` as the lines of each cell that fit in ``room``, and the rest of each cell."""
        keep = 1 - self.style.fit_margin
        fit = max(int((room - 2 * self.style.inset_y) // self.pitch(size)), 1)
        heads: list[Inlines] = []
        tails: list[Inlines] = []
        for cell, width in zip(row, widths, strict=False):
            text = styled(cell, REGULAR)
            starts = self.measurer.line_starts(text, size, (width - 2 * self.style.inset_x) * keep)
            cut = starts[fit] if len(starts) > fit else len(text.text)
            head, tail = split_inlines(cell, cut)
            heads.append(strip_inlines(head))
            tails.append(strip_inlines(tail))
        heads += list(row[len(heads) :])  # cells past the last column width, as they were
        return tuple(heads), tuple(tails)

    def table_part(self, entry: TableEntry, size: float | None = None) -> TablePart:
        table = entry.table
        size = size or entry.size or self.style.table_size
        widths = entry.widths or self.column_widths(table, size)
        heights = (
            self.row_height(table.header, widths, size, BOLD),
            *(self.row_height(row, widths, size, REGULAR) for row in table.rows),
        )
        return TablePart(
            table.header,
            table.rows,
            table.aligns,
            size,
            sum(heights),
            entry.continued,
            widths,
            heights,
        )

    def image_part(self, entry: ImageEntry, room: float) -> ImagePart:
        width, height = (v * PX_TO_PT for v in entry.pixels)
        scale = min(self.body.width / width, room / height, MAX_UPSCALE)
        return ImagePart(entry.path, entry.alt, width * scale, height * scale)

    def fit_code(self, entry: CodeEntry, room: float) -> tuple[CodePart, list[Entry]]:
        """Code too tall for ``room``: shrunk to the floor, then split by lines."""
        size = entry.size or self.code_size(entry.code)
        pad = 2 * self.style.code_pad
        while size >= self.style.code_min_size:
            part = self.code_part_within(entry.code, entry.language, size, room)
            if part.height <= room:
                return part, []
            size -= 1
        size = self.style.code_min_size
        lines = entry.code.split("\n")
        fit = max(int((room - pad) // self.pitch(size)), 1)
        taken = used = 0
        while taken < len(lines):
            used += self.code_lines_upto(lines[taken], size, fit - used)
            if used > fit:
                break
            taken += 1
        if taken == 0:  # one line wraps past the slide: cut it where a wrapped line starts
            starts, text = self.code_line_starts(lines[0], size, fit)
            cut = starts[fit] if len(starts) > fit else len(text)
            lines = [text[:cut], text[cut:], *lines[1:]]
            taken = 1
        head = self.code_part("\n".join(lines[:taken]), entry.language, size)
        rest = "\n".join(lines[taken:])
        tail: list[Entry] = []
        if taken < len(lines):
            tail.append(CodeEntry(rest, entry.language, entry.ancestors, size=size))
        return head, tail

    def fit_table(self, entry: TableEntry, room: float) -> tuple[TablePart, list[Entry]]:
        """A table too tall for ``room``: its header and the rows that fit, then the rest."""
        rows = entry.table.rows
        size = entry.size or self.style.table_size
        while True:
            part = self.table_part(replace(entry, widths=()), size)
            used = part.row_heights[0]
            taken = 0
            while taken < len(rows) and used + part.row_heights[taken + 1] <= room:
                used += part.row_heights[taken + 1]
                taken += 1
            if taken > 0 or size <= self.style.table_min_size:
                break
            size = max(size - 1, self.style.table_min_size)
        if taken == 0 and rows:  # one row taller than a slide: its first lines, then the rest
            first, rest = self.split_row(rows[0], part.col_widths, size, room - part.row_heights[0])
            rows = (first, rest, *rows[1:]) if any(map(plain_text, rest)) else (first, *rows[1:])
            taken = 1
        table = entry.table
        head = replace(
            entry, table=replace(table, rows=rows[:taken]), size=size, widths=part.col_widths
        )
        head_part = self.table_part(head)
        tail: list[Entry] = []
        if rows[taken:]:
            tail.append(
                replace(head, table=replace(table, rows=rows[taken:]), continued=True, notes=())
            )
        return head_part, tail


def share_widths(natural: Sequence[float], total: float) -> tuple[float, ...]:
    """Split ``total`` among columns: narrow ones get what they need, wide ones the rest
    (each at least half of an equal share of it)."""
    if sum(natural) <= total:
        scale = total / sum(natural)
        return tuple(w * scale for w in natural)
    widths = [0.0] * len(natural)
    open_columns = set(range(len(natural)))
    left = total
    while open_columns:
        share = left / len(open_columns)
        narrow = [i for i in open_columns if natural[i] <= share]
        if not narrow:
            break
        for index in narrow:
            widths[index] = natural[index]
            left -= natural[index]
            open_columns.discard(index)
    # Wide columns share the rest by what they need, but none gets less than half an
    # equal share: one very long cell must not squeeze its neighbours to a letter.
    floor = left / max(len(open_columns), 1) / 2
    needed = sum(natural[i] for i in open_columns)
    starved = {i for i in open_columns if left * natural[i] / needed < floor}
    for index in starved:
        widths[index] = floor
    rest = open_columns - starved
    room = left - floor * len(starved)
    wide = sum(natural[i] for i in rest)
    for index in rest:
        widths[index] = room * natural[index] / wide
    return tuple(widths)
