"""Code, table and picture sizes: column sharing, code sizes, splitting by lines and rows."""

from __future__ import annotations

import pytest
from deck_support import GEOMETRY, STYLE, measurer_or_skip, text

from publisher.blockfit import BlockFitter, share_widths
from publisher.entries import CodeEntry, ImageEntry, TableEntry
from publisher.model import Table


@pytest.fixture(scope="module")
def fitter() -> BlockFitter:
    return BlockFitter(measurer_or_skip(), STYLE, GEOMETRY.body)


def test_narrow_columns_keep_what_they_need() -> None:
    widths = share_widths([50, 900, 60], 600)
    assert sum(widths) == pytest.approx(600)
    assert widths[0] == 50 and widths[2] == 60
    assert share_widths([100, 100], 400) == (200, 200)


def test_one_very_long_cell_does_not_squeeze_its_neighbours_to_a_letter() -> None:
    widths = share_widths([200, 24_000], 324)
    assert sum(widths) == pytest.approx(324)
    assert widths[0] == pytest.approx(81)  # half of an equal share, not 324 * 200 / 24,200
    widths = share_widths([40, 500, 30_000, 30_000], 600)
    assert sum(widths) == pytest.approx(600)
    assert widths[0] == 40 and min(widths[1:]) >= (600 - 40) / 3 / 2 - 1e-9


def test_code_shrinks_until_no_line_wraps(fitter: BlockFitter) -> None:
    assert fitter.code_size("short = 1") == STYLE.code_size
    wide = "x" * 120
    size = fitter.code_size(wide)
    assert STYLE.code_min_size <= size < STYLE.code_size
    assert fitter.code_part(wide, "", size).height == pytest.approx(
        2 * STYLE.code_pad + size * STYLE.line_spacing
    )


def test_code_splits_by_lines_at_the_floor(fitter: BlockFitter) -> None:
    code = "\n".join(f"line {i}" for i in range(100))
    part, rest = fitter.fit_code(CodeEntry(code, "text"), 200)
    assert part.size == STYLE.code_min_size and part.height <= 200
    (tail,) = rest
    assert isinstance(tail, CodeEntry) and tail.size == STYLE.code_min_size
    assert part.code + "\n" + tail.code == code


def test_one_enormous_code_line_is_cut_where_a_line_wraps(fitter: BlockFitter) -> None:
    part, rest = fitter.fit_code(CodeEntry("y" * 20000, ""), 200)
    assert part.height <= 200 and len(rest) == 1
    assert part.code + rest[0].code == "y" * 20000  # type: ignore[union-attr]


def test_tables_split_with_fixed_columns(fitter: BlockFitter) -> None:
    rows = tuple((text(f"r{i}"), text("説明")) for i in range(50))
    table = Table((text("名前"), text("説明")), rows, ("", ""), 1)
    part, rest = fitter.fit_table(TableEntry(table), 200)
    assert part.height <= 200 and 0 < len(part.rows) < 50
    (tail,) = rest
    assert isinstance(tail, TableEntry) and tail.continued
    assert tail.widths == part.col_widths
    assert part.rows + tail.table.rows == rows


def test_pictures_keep_their_proportions(fitter: BlockFitter) -> None:
    small = fitter.image_part(ImageEntry("a.png", "", (100, 50)), fitter.capacity)
    assert (small.width, small.height) == (150, 75)  # 96 dpi, enlarged at most twice
    big = fitter.image_part(ImageEntry("b.png", "", (6000, 3000)), 100)
    assert big.height == pytest.approx(100) and big.width == pytest.approx(200)
