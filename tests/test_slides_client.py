"""A real client opens every deck: LibreOffice renders it, and no word leaves its box.

Each deck is converted to PDF by LibreOffice (many decks per run); ``pdftotext
-bbox`` gives every word's box on every page, and each word must lie inside
its slide and inside the box of the shape whose text holds it. Runs in CI;
skips locally when LibreOffice or poppler is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLES, require_tool
from deck_support import (
    STYLE,
    bullets,
    corporate_template,
    event,
    measurer_or_skip,
    rich_event,
    session,
)
from deck_words import convert_to_pdf, overflow_problems

from publisher.images import collect_images
from publisher.layout import Deck
from publisher.model import CodeBlock, Event, Table, Text
from publisher.plan import plan_decks
from publisher.slides.deck import write_deck
from publisher.slides.template import Template, load_template


def _parsed(files: list[Path]) -> Iterator[tuple[str, Event, Path]]:
    try:
        from publisher.parse import parse
    except ImportError:
        return
    for path in files:
        notes, _ = parse(path.read_text(encoding="utf-8"), str(path))
        yield path.stem, notes, path.parent


def _hard_cases() -> Event:
    """Long titles, a very long bullet, a long code block, a long table, deep nesting,
    a table row taller than a slide."""
    deep: object = "最も深い項目"
    for level in range(7):
        deep = (f"第{level}階層の項目", [deep, "同じ階層の別の項目"])
    tall_row = ((Text("一行が一枚に収まらない行"),), (Text("とても長いセルの文。" * 150),))
    table_rows = (
        *(((Text(f"行{i}"),), (Text("セルの説明の文。" * (1 + i % 4)),)) for i in range(30)),
        tall_row,
    )
    talk = session(
        bullets("とても長い箇条書きの文です。" * 60, deep),  # type: ignore[arg-type]
        CodeBlock("\n".join(f"line_{i} = value({i})  # 説明" for i in range(70)), "python", 1),
        Table(((Text("名前"),), (Text("説明"),)), table_rows, ("left", ""), 1),
        title="長いタイトルが縮小されて二行に折り返されるかを確かめる発表" * 3,
    )
    return event(talk, title="難しい例")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Every deck of every group, written and converted to PDF in one LibreOffice run."""
    require_tool("soffice", "libreoffice-impress")
    require_tool("pdftotext", "poppler-utils")
    measurer = measurer_or_skip()
    folder = tmp_path_factory.mktemp("decks")
    builtin = load_template()
    rich, images = rich_event(folder)
    groups: dict[str, list[tuple[Deck, Template]]] = {
        "hand": [],
        "company": [],
        "examples": [],
        "corpus": [],
    }
    for notes, pictures in ((rich, images), (_hard_cases(), {})):
        for deck in plan_decks(
            notes, geometry=builtin.geometry(), style=STYLE, images=pictures, measurer=measurer
        ):
            groups["hand"].append((deck, builtin))
    company = load_template(str(corporate_template(folder)))
    for notes in (rich, _hard_cases()):
        for deck in plan_decks(
            notes, geometry=company.geometry(), style=STYLE, images=images, measurer=measurer
        ):
            groups["company"].append((deck, company))
    sources = {
        "examples": sorted(EXAMPLES.glob("*.md")) if EXAMPLES.is_dir() else [],
        "corpus": sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else [],
    }
    for group, files in sources.items():
        for _, notes, base in _parsed(files):
            found, _ = collect_images(notes, base)
            for deck in plan_decks(
                notes, geometry=builtin.geometry(), style=STYLE, images=found, measurer=measurer
            ):
                groups[group].append((deck, builtin))
    written: dict[str, list[Path]] = {}
    for group, decks in groups.items():
        written[group] = []
        for index, (deck, template) in enumerate(decks):
            path = folder / f"{group}-{index:03d}.pptx"
            write_deck(deck, template, path)
            written[group].append(path)
    everything = [p for paths in written.values() for p in paths]
    convert_to_pdf(everything, folder, tmp_path_factory.mktemp("profile"))
    return written


def _check(paths: list[Path]) -> None:
    problems = []
    for path in paths:
        pdf = path.with_suffix(".pdf")
        assert pdf.is_file(), f"LibreOffice did not render {path.name}"
        problems.extend(overflow_problems(path, pdf))
    assert problems == []


def test_hand_made_decks_fit_in_libreoffice(rendered: dict[str, list[Path]]) -> None:
    assert len(rendered["hand"]) == 2
    _check(rendered["hand"])


def test_company_template_decks_fit_in_libreoffice(rendered: dict[str, list[Path]]) -> None:
    _check(rendered["company"])


def test_example_decks_fit_in_libreoffice(rendered: dict[str, list[Path]]) -> None:
    assert rendered["examples"], "the bundled example gave no decks"
    _check(rendered["examples"])


def test_corpus_decks_fit_in_libreoffice(rendered: dict[str, list[Path]]) -> None:
    if not rendered["corpus"]:
        pytest.skip(f"no corpus at {CORPUS}")
    _check(rendered["corpus"])
