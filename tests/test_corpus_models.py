"""Every corpus file against its golden model summary (tests/golden/<stem>.json).

The goldens hold facts, not prose: session titles, speakers, groups, durations
and counts of bullets, links and pictures per session. To regenerate them after
a deliberate change, run

    PUBLISHER_UPDATE_GOLDEN=1 PYTHONPATH=. .venv/bin/pytest tests/test_corpus_models.py

and review the diff by eye before committing.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, corpus_files

from publisher.model import (
    Block,
    Break,
    BulletList,
    Event,
    Heading,
    Image,
    Inlines,
    Notes,
    Paragraph,
    Quote,
    Table,
    links_in,
)
from publisher.parse import parse
from publisher.serialize import session_summary

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("PUBLISHER_UPDATE_GOLDEN") == "1"
NOTES = [p for p in corpus_files() if p.name != "README.md"]


def _walk(blocks: Sequence[Block]) -> Iterator[tuple[Block, int]]:
    """Every block with its list depth, without recursion."""
    stack = [(block, 0) for block in reversed(blocks)]
    while stack:
        block, depth = stack.pop()
        yield block, depth
        if isinstance(block, BulletList):
            for item in reversed(block.items):
                stack.extend((child, depth + 1) for child in reversed(item.children))
        elif isinstance(block, (Quote, Notes)):
            stack.extend((child, depth) for child in reversed(block.children))


def _inlines(block: Block) -> list[Inlines]:
    if isinstance(block, (Paragraph, Heading)):
        return [block.inlines]
    if isinstance(block, BulletList):
        return [item.inlines for item in block.items]
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row)]
    return []


def counts(blocks: Sequence[Block]) -> dict[str, int]:
    """Bullets, links, pictures, breaks and the deepest list level in ``blocks``."""
    found = {"blocks": len(blocks), "bullets": 0, "links": 0, "images": 0, "breaks": 0, "depth": 0}
    for block, depth in _walk(blocks):
        if isinstance(block, BulletList):
            found["bullets"] += len(block.items)
            found["depth"] = max(found["depth"], depth + 1)
        found["images"] += isinstance(block, Image)
        for inlines in _inlines(block):
            found["links"] += len(links_in(inlines))
            found["breaks"] += sum(isinstance(node, Break) for node in inlines)
    return found


def summary(event: Event, diagnostics: Sequence[Any]) -> dict[str, Any]:
    return {
        "title": event.title,
        "lang": event.lang,
        "total_minutes": event.total_minutes,
        "intro": counts(event.intro),
        "sessions": session_summary(event),
        "counts": [{"number": s.number, **counts(s.blocks)} for s in event.sessions],
        "diagnostics": [f"{d.line}: {d.level}: {d.message}" for d in diagnostics],
    }


def _read(path: Path) -> tuple[Event, list[Any]]:
    return parse(path.read_text(encoding="utf-8"), path.name)


@pytest.fixture(params=NOTES or [None], ids=lambda p: p.stem if p else "no-corpus")
def notes(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        pytest.skip(f"corpus not found at {CORPUS}")
    path: Path = request.param
    return path


def test_matches_golden(notes: Path) -> None:
    event, diagnostics = _read(notes)
    found = summary(event, diagnostics)
    golden = GOLDEN / f"{notes.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True)
        golden.write_text(text + "\n", encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}; create it with PUBLISHER_UPDATE_GOLDEN=1")
    assert found == json.loads(golden.read_text(encoding="utf-8"))


def test_no_errors_and_every_session_numbered(notes: Path) -> None:
    event, diagnostics = _read(notes)
    assert [str(d) for d in diagnostics if d.level == "error"] == []
    assert [s.number for s in event.sessions] == list(range(1, len(event.sessions) + 1))
    assert all(s.title.strip() for s in event.sessions)


def _reference() -> Path:
    path = CORPUS / "ja-aws-summit-online-2020.md"
    if not path.exists():
        pytest.skip(f"reference notes not found at {path}")
    return path


def test_reference_input_as_the_design_expects() -> None:
    event, diagnostics = _read(_reference())
    assert [s.duration_minutes for s in event.sessions] == [12, 40, 32, 28, 30, 30, 30, 32, 38]
    assert event.total_minutes == 272
    assert not any(s.title.startswith("【") or s.title.endswith("min") for s in event.sessions)
    intro = counts(event.intro)
    assert (intro["links"], intro["breaks"]) == (1, 2)
    assert [counts(s.blocks)["links"] for s in event.sessions] == [0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert [counts(s.blocks)["depth"] for s in event.sessions] == [1, 4, 3, 3, 4, 4, 3, 3, 4]
    assert [(d.level, d.line) for d in diagnostics] == [("warning", 70)]


def test_reference_over_indented_line_is_a_child() -> None:
    source = _reference().read_text(encoding="utf-8").split("\n")
    event, _ = _read(_reference())
    session = event.sessions[3]
    first = session.blocks[0]
    assert isinstance(first, BulletList)
    nested = first.items[0].children[0]
    assert isinstance(nested, BulletList)
    parent = next(item for item in nested.items if item.line == 69)
    assert source[68].startswith("  - ") and source[69].startswith("   - ")
    child_list = parent.children[0]
    assert isinstance(child_list, BulletList)
    assert [item.line for item in child_list.items] == [70]
