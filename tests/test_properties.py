"""Properties over generated notes: nothing is lost, and nothing makes publisher raise.

Nothing lost: notes with nested lists, sub-headings, paragraphs, inline
formatting, speaker notes, Japanese and English are built for real, and every
piece of their text is read back from the decks (every shape, tables and
notes pages, with python-pptx) and from both PDFs (pdftotext). Each piece
carries a number of its own, so finding it once means it was not lost.

Nothing raises: random bytes and random Markdown go through the reader, the
parser and the planner; the only outcomes allowed are a model with
diagnostics, or (for bytes that are not text) a ``UserError`` saying so.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import require_font, require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_inspect import RUNNING_HEADS, pdf_text

from publisher.diagnostics import UserError

# Words no heading or speaker convention reads as anything but text (no "min", "h",
# "分", "by", "@", colon or bracket), so a piece can only be kept or lost.
WORDS = (
    "river", "window", "garden", "planet", "silver", "orange", "forest", "candle",
    "ladder", "pepper", "copper", "violet", "設計", "運用", "検証", "品質", "図書館",
    "新幹線", "桜並木", "天気予報", "夕焼け", "味噌汁", "言葉", "工夫",
)  # fmt: skip
STYLES = ("plain", "plain", "strong", "em", "code", "strike", "link")


@dataclass(frozen=True)
class Item:
    words: tuple[tuple[str, str], ...]  # (style, word)
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Talk:
    title: tuple[str, ...]
    blocks: tuple[tuple[str, Any], ...]  # ("bullets", items) ("paragraph", words) ...


@dataclass(frozen=True)
class Notes:
    event: tuple[str, ...]
    intro: tuple[tuple[str, str], ...]
    talks: tuple[Talk, ...]


words = st.sampled_from(WORDS)
styled = st.tuples(st.sampled_from(STYLES), words)
line = st.lists(styled, min_size=1, max_size=4).map(tuple)
plain = st.lists(words, min_size=1, max_size=3).map(tuple)
items = st.recursive(
    st.builds(Item, line),
    lambda inner: st.builds(Item, line, st.lists(inner, min_size=1, max_size=3).map(tuple)),
    max_leaves=8,
)
block = st.one_of(
    st.tuples(st.just("bullets"), st.lists(items, min_size=1, max_size=3).map(tuple)),
    st.tuples(st.just("paragraph"), line),
    st.tuples(st.just("heading"), plain),
    st.tuples(st.just("notes"), line),
)
talk = st.builds(Talk, plain, st.lists(block, min_size=1, max_size=3).map(tuple))
notes_strategy = st.builds(
    Notes,
    plain,
    st.lists(styled, max_size=3).map(tuple),
    st.lists(talk, min_size=1, max_size=3).map(tuple),
)


class Writer:
    """Markdown for generated notes, each piece numbered; remembers where each piece goes."""

    def __init__(self) -> None:
        self.count = 0
        self.everywhere: list[str] = []  # in the decks and both PDFs
        self.handout_only: list[str] = []  # the introduction: the reading handout's cover
        self.decks_only: list[str] = []  # speaker notes: the decks' notes pages

    def piece(self, word: str, where: list[str]) -> str:
        self.count += 1
        text = f"{word}{self.count}"
        where.append(text)
        return text

    def inline(self, pieces: tuple[tuple[str, str], ...], where: list[str]) -> str:
        marks = {"strong": "**{}**", "em": "*{}*", "code": "`{}`", "strike": "~~{}~~"}
        out = []
        for style, word in pieces:
            text = self.piece(word, where)
            if style == "link":
                out.append(f"[{text}](https://example.com/{self.count})")
            else:
                out.append(marks.get(style, "{}").format(text))
        return " ".join(out)

    def items(self, items: tuple[Item, ...], depth: int) -> list[str]:
        lines = []
        for item in items:
            lines.append("  " * depth + "- " + self.inline(item.words, self.everywhere))
            lines += self.items(item.children, depth + 1)
        return lines

    def block(self, kind: str, value: Any) -> str:
        if kind == "bullets":
            return "\n".join(self.items(value, 0))
        if kind == "paragraph":
            return self.inline(value, self.everywhere)
        if kind == "heading":
            return "### " + " ".join(self.piece(w, self.everywhere) for w in value)
        return "::: notes\n" + self.inline(value, self.decks_only) + "\n:::"

    def notes(self, notes: Notes) -> str:
        parts = ["# " + " ".join(self.piece(w, self.everywhere) for w in notes.event)]
        if notes.intro:
            parts.append(self.inline(notes.intro, self.handout_only))
        for talk in notes.talks:
            parts.append("## " + " ".join(self.piece(w, self.everywhere) for w in talk.title))
            parts += [self.block(kind, value) for kind, value in talk.blocks]
        return "\n\n".join(parts) + "\n"


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _shape_text(shape: Any) -> list[str]:
    found = []
    if shape.shape_type is not None and hasattr(shape, "shapes"):  # a group
        for inner in shape.shapes:
            found += _shape_text(inner)
    if shape.has_text_frame:
        found.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        found += [cell.text for row in shape.table.rows for cell in row.cells]
    return found


def deck_text(deck: Path) -> str:
    """Every shape's text (tables too) of every slide, and every notes page, via python-pptx."""
    from pptx import Presentation

    found = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            found += _shape_text(shape)
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(found)


@pytest.fixture(scope="module", autouse=True)
def _one_process() -> Any:
    """Builds in this process: on a busy machine, faster than forking pytest's big process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PUBLISHER_JOBS", "1")
        yield


@cache
def _fonts_and_tools() -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    require_tool("pdftotext", "poppler-utils")


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(notes_strategy)
def test_every_piece_of_text_reaches_the_decks_and_both_pdfs(notes: Notes) -> None:
    _fonts_and_tools()
    from publisher.build import build
    from publisher.load import load

    writer = Writer()
    markdown = writer.notes(notes)
    with tempfile.TemporaryDirectory(prefix="publisher-property-") as folder:
        path = Path(folder) / "notes.md"
        path.write_text(markdown, encoding="utf-8")
        loaded = load(path)
        assert loaded.ok, loaded.diagnostics
        result = build(loaded, Path(folder) / "out")
        decks = squash(" ".join(deck_text(p) for p in result.written if p.suffix == ".pptx"))
        out = Path(folder) / "out" / "notes"
        handout = squash(pdf_text(out / "notes.pdf", margin=RUNNING_HEADS))
        slides = squash(pdf_text(out / "notes-slides.pdf"))
    lost = {
        "decks": [p for p in writer.everywhere + writer.decks_only if squash(p) not in decks],
        "reading handout": [
            p for p in writer.everywhere + writer.handout_only if squash(p) not in handout
        ],
        "slide handout": [p for p in writer.everywhere if squash(p) not in slides],
    }
    assert lost == {"decks": [], "reading handout": [], "slide handout": []}, markdown


# --- nothing raises ----------------------------------------------------------------------

MARKDOWN = (
    "#", "## ", "### ", "- ", "  - ", "    - ", "\t- ", "* ", "1. ", "  1) ", "> ", ">> ",
    "```", "~~~", ":::", "::: notes", "---", "+++", "***", "|", "| a | b |\n|---|---|\n",
    "**", "*", "_", "~~", "`", "[", "](", ")", "![", "<br>", "<script>", "</div>", "<!--",
    "-->", "\n", "\n\n", " ", "　", "日本語", "【", "】", "40min", "10:30-11:10", "by @x",
    "発表者: ", "\x0b", "\u2028", "\ufeff", "\r\n", "\r", "title: x\n", "session_level: 9\n",
    "template: /x\n", "&amp;", "&#12;", "&#xD800;", "\\", "http://a.b/c.png", "../x.png",
    "・", "word " * 12, "あ" * 40, "{", "}", "[^1]", "<", ">", "speaker: A", "](javascript:x)",
)  # fmt: skip
markdown_soup = st.lists(st.sampled_from(MARKDOWN), max_size=80).map("".join)


@cache
def _planner() -> Any:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from publisher.config import Config
    from publisher.measure import measurer_for
    from publisher.plan import plan_decks, style_from_config
    from publisher.slides.template import load_template

    geometry = load_template(None).geometry()
    measurer = measurer_for("Noto Sans CJK JP", "Noto Sans Mono CJK JP")
    style = style_from_config(Config())

    def plan(event: Any) -> Any:
        return plan_decks(event, geometry=geometry, style=style, images={}, measurer=measurer)

    return plan


def _read_parse_plan(text: str) -> None:
    from publisher.diagnostics import Diagnostic
    from publisher.parse import parse

    event, problems = parse(text, "fuzz.md")
    assert all(isinstance(p, Diagnostic) for p in problems)
    assert all(p.level in ("error", "warning", "note") for p in problems)
    decks = _planner()(event)
    assert len(decks) == len(event.sessions)


FUZZ = settings(max_examples=int(os.environ.get("PUBLISHER_FUZZ_EXAMPLES", "300")), deadline=None)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes_give_a_model_or_a_clear_error(data: bytes) -> None:
    from publisher.read import decode

    try:
        text, notes = decode(data, "fuzz.md")
    except UserError as error:
        assert error.diagnostics and all(d.level == "error" for d in error.diagnostics)
        return
    assert "\r" not in text
    assert all(n.level in ("warning", "note") for n in notes)
    _read_parse_plan(text)


@FUZZ
@given(markdown_soup)
def test_random_markdown_gives_a_model_and_diagnostics(text: str) -> None:
    _read_parse_plan(text)


@FUZZ
@given(st.text(max_size=400))
def test_random_unicode_gives_a_model_and_diagnostics(text: str) -> None:
    _read_parse_plan(text)


def test_the_fuzzing_reaches_the_planner() -> None:
    """A control: the soup's kind of text does become talks with slides."""
    from publisher.parse import parse

    event, _ = parse("# E\n\n## 【Talk】40min\n- a\n  - b\n\n```\ncode\n```\n", "fuzz.md")
    decks = _planner()(event)
    assert len(decks) == 1 and len(decks[0].slides) >= 2
    assert pytest.approx(40) == event.sessions[0].duration_minutes
