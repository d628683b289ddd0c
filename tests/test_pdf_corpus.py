"""Both PDF handouts of every notes file in the shared corpus, read back with poppler.

The notes are parsed and planned by the real parser and planner; the tests
skip (with a message) until those modules exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import corpus_files, require_corpus, require_font, require_tool
from handout_samples import planned_decks
from pdf_inspect import (
    RUNNING_HEADS,
    embedded_fonts,
    outline_titles,
    page_count,
    pdf_text,
    squash,
    uri_links,
)

from publisher.config import Config
from publisher.handout import render_handout_html, render_slides_handout_html
from publisher.layout import Deck, TextPart
from publisher.load import load
from publisher.model import (
    Block,
    Break,
    BulletList,
    Code,
    CodeBlock,
    Emph,
    Event,
    Heading,
    Image,
    Inlines,
    Link,
    Paragraph,
    Quote,
    Strike,
    Strong,
    Table,
    Text,
    links_in,
)
from publisher.pdf import write_pdf

REFERENCE = "ja-aws-summit-online-2020.md"


def _names() -> list[str]:
    names = [p.name for p in corpus_files() if p.name != "README.md"]
    return names or ["(corpus absent)"]


@dataclass(frozen=True)
class Built:
    notes: Path
    event: Event
    decks: tuple[Deck, ...]
    handout: Path
    slides: Path


@pytest.fixture(scope="module", params=_names())
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    notes = require_corpus(request.param)
    require_tool("pdftotext", "poppler-utils")
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    loaded = load(notes)
    decks = planned_decks(loaded.event, loaded.config)
    out = tmp_path_factory.mktemp(notes.stem)
    config = loaded.config
    html = render_handout_html(loaded.event, config=config, base_dir=notes.parent)
    write_pdf(html, out / "handout.pdf", base_dir=notes.parent, source=str(notes))
    slides_html = render_slides_handout_html(decks, config=config, event=loaded.event)
    write_pdf(slides_html, out / "slides.pdf", base_dir=notes.parent, source=str(notes))
    return Built(notes, loaded.event, decks, out / "handout.pdf", out / "slides.pdf")


# --- what the notes say, as runs of text that must print unbroken -----------------------


def _runs(inlines: Inlines) -> Iterator[str]:
    """Text runs; a link ends a run (its note number follows it in the PDF)."""
    current: list[str] = []
    for node in inlines:
        if isinstance(node, (Text, Code)):
            current.append(node.text)
        elif isinstance(node, Break):
            current.append(" ")
        elif isinstance(node, Link):
            yield "".join(current)
            yield from _runs(node.children)
            current = []
        elif isinstance(node, (Strong, Emph, Strike)):
            inner = list(_runs(node.children))
            current.append(inner[0] if inner else "")
            if len(inner) > 1:
                yield "".join(current)
                yield from inner[1:-1]
                current = [inner[-1]]
    yield "".join(current)


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            yield from _runs(block.inlines)
        elif isinstance(block, BulletList):
            for item in block.items:
                yield from _runs(item.inlines)
                yield from _texts(item.children)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from _runs(cell)
        elif isinstance(block, CodeBlock):
            yield from block.code.splitlines()
        elif isinstance(block, Image):
            yield block.alt or block.title
        elif isinstance(block, Quote):
            yield from _texts(block.children)


def _event_texts(event: Event) -> list[str]:
    texts = [event.title, *_texts(event.intro)]
    for session in event.sessions:
        texts.append(session.title)
        texts.extend(_texts(session.blocks))
    return [t for t in (squash(x) for x in texts) if t]


def _hrefs(event: Event) -> set[str]:
    found: set[str] = set()

    def walk(blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, (Paragraph, Heading)):
                found.update(link.href for link in links_in(block.inlines))
            elif isinstance(block, BulletList):
                for item in block.items:
                    found.update(link.href for link in links_in(item.inlines))
                    walk(item.children)
            elif isinstance(block, Quote):
                walk(block.children)

    walk(event.intro)
    for session in event.sessions:
        walk(session.blocks)
    return {h for h in found if h.startswith(("http://", "https://"))}


# --- the reading handout -------------------------------------------------------------------


def test_every_text_of_the_notes_is_printed(built: Built) -> None:
    printed = squash(pdf_text(built.handout, margin=RUNNING_HEADS))
    missing = [t for t in _event_texts(built.event) if t not in printed]
    assert missing == []


def test_reference_source_bullets_headings_and_links_are_printed(built: Built) -> None:
    if built.notes.name != REFERENCE:
        pytest.skip("checked against the reference input's own lines")
    printed = squash(pdf_text(built.handout, margin=RUNNING_HEADS))
    source = built.notes.read_text(encoding="utf-8")
    expected = []
    for line in source.splitlines():
        bullet = re.match(r"\s*[-*+]\s+(.*)", line)
        heading = re.match(r"#+\s+(.*)", line)
        if bullet:
            expected.extend(re.split(r"\[([^\]]*)\]\([^)]*\)", bullet.group(1)))
        elif heading:
            title = re.sub(r"\s*\d+\s*(min|分)\s*$", "", heading.group(1))
            expected.append(title.strip("【】"))
    expected.extend(re.findall(r"\[([^\]]+)\]\(", source))
    missing = [t for t in (squash(e) for e in expected) if t and t not in printed]
    assert missing == []


def test_cjk_font_is_embedded(built: Built) -> None:
    for pdf in (built.handout, built.slides):
        fonts = embedded_fonts(pdf)
        assert any("CJK" in name and embedded for name, embedded in fonts)


def test_outline_has_one_entry_per_session(built: Built) -> None:
    titles = outline_titles(built.handout)
    assert len(titles) == len(built.event.sessions)
    for session in built.event.sessions:
        assert any(session.title in title for title in titles), session.title


def test_every_link_is_a_link_annotation(built: Built) -> None:
    assert _hrefs(built.event) <= set(uri_links(built.handout))


# --- the slide handout ---------------------------------------------------------------------


def test_slide_handout_prints_every_slide_in_order(built: Built) -> None:
    slides = [(d, s) for d in built.decks for s in d.slides]
    per_page = Config().per_page
    pages = pdf_text(built.slides).split("\f")[:-1]
    assert len(pages) == -(-len(slides) // per_page)
    for index, (deck, slide) in enumerate(slides):
        page = squash(pages[index // per_page])
        assert squash(slide.title) in page
        for part in slide.parts:
            if isinstance(part, TextPart):
                for line in part.lines:
                    for run in _runs(line.inlines):
                        assert squash(run) in page, (deck.session.title, run)
    assert len(outline_titles(built.slides)) == len(built.decks)


@pytest.mark.parametrize("per_page", [1, 2, 4, 6])
def test_slide_handout_page_counts(built: Built, per_page: int, tmp_path: Path) -> None:
    slides = sum(len(d.slides) for d in built.decks)
    html = render_slides_handout_html(
        built.decks, config=Config(per_page=per_page), event=built.event
    )
    assert html.count('<div class="frame') == slides
    path = tmp_path / "slides.pdf"
    write_pdf(html, path, base_dir=built.notes.parent, source=str(built.notes))
    assert page_count(path) == -(-slides // per_page)
