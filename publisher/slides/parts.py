"""The parts of a content slide as shapes: bullets, code, tables and pictures."""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import Any

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Emu

from ..layout import Box, CodePart, ImagePart, Style, TablePart, TextLine
from ..model import Inlines, Text
from .text import (
    ParagraphFormat,
    RunFormat,
    add_inlines,
    add_paragraph,
    add_run,
    clean,
    clear_frame,
    emu,
    end_paragraph,
    format_frame,
    format_paragraph,
)

BULLETS = ("•", "–", "•", "–")  # narrower than the hanging indent at every size
CODE_BACKGROUND = "#F3F5F8"
CODE_STYLE = "default"  # Pygments colour scheme of code blocks
QUOTE_COLOR = "#4A5260"
STRIPE_COLOR = "#EEF2F7"
HEADER_TEXT = "#FFFFFF"
_ALIGN = {"left": "l", "center": "ctr", "right": "r", "": "l"}


def _rgb(color: str) -> RGBColor:
    value = color.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def _box(box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(emu(box.x)), Emu(emu(box.y)), Emu(emu(box.width)), Emu(emu(box.height))


def _fonts(style: Style) -> tuple[str, str, str]:
    return (style.font_latin, style.font_ja, style.font_mono)


# --- bullets and paragraphs ---------------------------------------------------------


def paragraph_format(line: TextLine, style: Style) -> ParagraphFormat:
    """Indent, bullet and spacing of one planned paragraph (see Style.left_margin)."""
    spaces = style.space_before
    before = spaces[min(max(line.level, 1), len(spaces)) - 1]
    margin = style.left_margin(line.level, line.quote)
    numbered = line.number is not None and not line.continued
    bulleted = line.level >= 1 and not line.continued and not numbered
    bullet = BULLETS[(line.level - 1) % len(BULLETS)] if bulleted else ""
    color = style.accent_color if line.level == 1 and not line.context else style.muted_color
    return ParagraphFormat(
        line_pitch=line.size * style.line_spacing,
        space_before=before,
        margin_left=margin,
        indent=-style.bullet_hang if (bulleted or numbered) else 0.0,
        level=max(line.level - 1, 0),
        bullet=bullet,
        bullet_color=color,
        bullet_font=style.font_latin,
    )


def fill_lines(frame: Any, lines: Sequence[TextLine], style: Style, lang: str) -> None:
    """Write planned paragraphs into a text frame (a placeholder's or a text box's)."""
    format_frame(frame, (style.inset_x, style.inset_y, style.inset_x, style.inset_y), "t")
    clear_frame(frame)
    for index, line in enumerate(lines):
        paragraph = add_paragraph(frame, index == 0)
        format_paragraph(paragraph, paragraph_format(line, style))
        color = style.text_color
        if line.context:
            color = style.muted_color
        elif line.quote:
            color = QUOTE_COLOR
        run = RunFormat(line.size, _fonts(style), lang, color)
        inlines: Inlines = line.inlines
        if line.number is not None and not line.continued:
            inlines = (Text(f"{line.number}. "), *inlines)
        add_inlines(paragraph, inlines, run)
        end_paragraph(paragraph, run)


# --- code ---------------------------------------------------------------------------


@functools.cache
def _token_colors() -> dict[Any, str]:
    from pygments.styles import get_style_by_name

    style = get_style_by_name(CODE_STYLE)
    return {token: f"#{info['color']}" for token, info in style if info["color"]}


def _color(token: Any, default: str) -> str:
    colors = _token_colors()
    while token is not None:
        if token in colors:
            return colors[token]
        token = token.parent
    return default


def code_lines(code: str, language: str) -> Iterator[list[tuple[Any, str]]]:
    """The code's lines as (token type, text) pairs; tabs expanded to 4 columns.

    Pygments is imported here, by the first deck with code: most notes have none.
    """
    from pygments import lex
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    source = "\n".join(line.expandtabs(4) for line in code.split("\n"))
    try:
        lexer = get_lexer_by_name(language or "text", stripnl=False, ensurenl=False)
    except ClassNotFound:
        lexer = get_lexer_by_name("text", stripnl=False, ensurenl=False)
    line: list[tuple[Any, str]] = []
    for token, text in lex(source, lexer):
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            if index:
                yield line
                line = []
            if piece:
                line.append((token, piece))
    yield line


def add_code(page: Any, part: CodePart, box: Box, style: Style, lang: str) -> None:
    """A shaded text box, one paragraph per line, tokens coloured, monospace face."""
    shape = page.shapes.add_textbox(*_box(box))
    shape.name = "Code"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(CODE_BACKGROUND)
    pad = style.code_pad
    frame = shape.text_frame
    format_frame(frame, (pad, pad, pad, pad), "t")
    clear_frame(frame)
    base = RunFormat(part.size, _fonts(style), lang, style.text_color, mono=True)
    layout = ParagraphFormat(part.size * style.line_spacing)
    lines = list(code_lines(part.code, part.language))
    for index, tokens in enumerate(lines[: len(part.code.split("\n"))]):
        paragraph = add_paragraph(frame, index == 0)
        format_paragraph(paragraph, layout)
        for token, text in tokens:
            add_run(
                paragraph,
                text,
                RunFormat(part.size, base.fonts, lang, _color(token, style.text_color), mono=True),
            )
        end_paragraph(paragraph, base)


# --- tables -------------------------------------------------------------------------


def add_table(page: Any, part: TablePart, box: Box, style: Style, lang: str) -> None:
    """A native table: planned column widths and row heights, a coloured header row."""
    rows = (part.header, *part.rows)
    columns = len(part.col_widths)
    frame = page.shapes.add_table(
        len(rows), columns, *_box(Box(box.x, box.y, box.width, part.height))
    )
    frame.name = "Table"
    table = frame.table
    table.first_row = True
    table.horz_banding = False
    for index, width in enumerate(part.col_widths):
        table.columns[index].width = Emu(emu(width))
    for index, height in enumerate(part.row_heights):
        table.rows[index].height = Emu(emu(height))
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = table.cell(r, c)
            inlines = row[c] if c < len(row) else ()
            align = _ALIGN.get(part.aligns[c] if c < len(part.aligns) else "", "l")
            _fill_cell(cell, inlines, r, align, part.size, style, lang)


def _fill_cell(
    cell: Any, inlines: Inlines, row: int, align: str, size: float, style: Style, lang: str
) -> None:
    cell.margin_left = cell.margin_right = Emu(emu(style.inset_x))
    cell.margin_top = cell.margin_bottom = Emu(emu(style.inset_y))
    cell.vertical_anchor = MSO_ANCHOR.TOP
    cell.fill.solid()
    if row == 0:
        cell.fill.fore_color.rgb = _rgb(style.accent_color)
    else:
        cell.fill.fore_color.rgb = _rgb(STRIPE_COLOR if row % 2 == 0 else "#FFFFFF")
    color = HEADER_TEXT if row == 0 else style.text_color
    run = RunFormat(size, _fonts(style), lang, color, bold=row == 0)
    paragraph = clear_frame(cell.text_frame)
    format_paragraph(paragraph, ParagraphFormat(size * style.line_spacing, align=align))
    add_inlines(paragraph, inlines, run)
    end_paragraph(paragraph, run)


# --- pictures -----------------------------------------------------------------------


def add_image(page: Any, part: ImagePart, box: Box, style: Style, lang: str) -> None:
    """The picture at its planned size, with its description as alt text."""
    try:
        picture = page.shapes.add_picture(part.path, *_box(box))
    except (OSError, ValueError, KeyError, AttributeError, ZeroDivisionError):
        shape = page.shapes.add_textbox(*_box(box))
        frame = shape.text_frame
        format_frame(frame, (style.inset_x, style.inset_y, style.inset_x, style.inset_y), "t")
        paragraph = clear_frame(frame)
        run = RunFormat(style.body_size(0), _fonts(style), lang, style.muted_color)
        format_paragraph(paragraph, ParagraphFormat(run.size * style.line_spacing))
        add_run(paragraph, f"[{part.alt or part.path}]", run)
        end_paragraph(paragraph, run)
        return
    properties = picture._element.nvPicPr.cNvPr
    properties.set("descr", clean(part.alt))
    properties.set("name", clean(f"Picture: {part.alt}"[:80]) if part.alt else "Picture")
