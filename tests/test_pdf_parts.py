"""A PDF written a page at a time, from parts laid out one after another: the same
document as WeasyPrint's own writer makes of the whole, holding one part at a time."""

from __future__ import annotations

import functools
import gc
import re
import subprocess
import weakref
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import require_font, require_tool
from handout_samples import planned_decks, sample_event
from pdf_inspect import pdf_text

from publisher import handout, pdf_parts
from publisher.config import Config
from publisher.handout_sheets import plan_sheets
from publisher.pdf import FetchLog, pdf_options, render_pdf, weasyprint_document

pytestmark = pytest.mark.skipif(
    not pdf_parts.parts_supported(), reason="WeasyPrint is not the one pdf_parts follows"
)


@pytest.fixture(autouse=True, scope="module")
def cjk_font() -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")


def reading(path: Path) -> dict[str, str]:
    """What a reader finds in the PDF: every text with its place, font and link, the
    outline, the document's information, and the structure tree (with its object numbers
    left out: the objects come in another order)."""
    require_tool("pdftohtml", "poppler-utils")
    done = subprocess.run(
        ["pdftohtml", "-xml", "-i", "-q", "-stdout", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    layout = done.stdout.replace(path.with_suffix(".html").name, "SELF")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    structure = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    )
    return {
        "layout": layout,
        "info": re.sub(r"File size:.*\n", "", info.stdout),
        # object numbers, and table headers' names, which hold one
        "structure": re.sub(r"Object \d+ 0|\b\d+(?=-\d+-\d+\b)", "N", structure.stdout),
    }


def weasyprints_own(html: str, base_dir: Path) -> bytes:
    """``html`` written by WeasyPrint's own PDF writer, as one document."""
    document = weasyprint_document(html, base_dir=base_dir, log=FetchLog())
    return bytes(document.write_pdf(**pdf_options()))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture(params=[3, 2])
def slides(request: pytest.FixtureRequest) -> tuple[Any, Any, Config]:
    """The sample notes' sessions twice, 3 slides to a page (with memo lines: SVG
    pictures) and 2."""
    sample = sample_event()
    sessions = (*sample.sessions, *sample.sessions)
    event = replace(
        sample, sessions=tuple(replace(s, number=n) for n, s in enumerate(sessions, start=1))
    )
    config = Config(per_page=request.param)
    return event, planned_decks(event, config), config


def test_a_slide_handout_in_parts_is_the_document_weasyprint_writes_of_the_whole(
    tmp_path: Path, slides: tuple[Any, Any, Config]
) -> None:
    event, decks, config = slides
    sheets = plan_sheets(decks, per_page=config.per_page, paper=config.paper)
    parts = handout.render_slides_handout_parts(
        decks, config=config, event=event, base_dir=tmp_path, sheets_per_part=2
    )
    assert len(sheets) >= 3 and len(parts) == (len(sheets) + 1) // 2  # a part of two pages
    ours, _ = render_pdf(parts, base_dir=tmp_path, source="notes.md")
    whole = handout.render_slides_handout_html(decks, config=config, event=event, base_dir=tmp_path)
    theirs = weasyprints_own(whole, tmp_path)
    ours_path, theirs_path = (
        write(tmp_path, "ours.pdf", ours),
        write(tmp_path, "theirs.pdf", theirs),
    )
    assert reading(ours_path) == reading(theirs_path)
    pages = pdf_text(ours_path).split("\f")[: len(sheets)]
    for number, page in enumerate(pages, start=1):  # numbered on from part to part
        assert f"{number} / {len(sheets)}" in page


def test_a_reading_handout_written_a_page_at_a_time_is_the_document_weasyprint_writes(
    tmp_path: Path,
) -> None:
    """Internal links (the agenda's page numbers), web links, a table, code, a quote."""
    html = handout.render_handout_html(sample_event(), config=Config(), base_dir=tmp_path)
    assert 'href="#' in html and "<table" in html and "<pre" in html
    ours, _ = render_pdf(html, base_dir=tmp_path, source="notes.md")
    theirs = weasyprints_own(html, tmp_path)
    assert reading(write(tmp_path, "ours.pdf", ours)) == reading(
        write(tmp_path, "theirs.pdf", theirs)
    )


@pytest.mark.parametrize("collecting", [True, False])
def test_each_part_is_let_go_before_the_next_is_laid_out(
    tmp_path: Path, slides: tuple[Any, Any, Config], collecting: bool
) -> None:
    """What a part parsed (its elements, which its boxes refer to) is gone when the next
    part is made: the PDF holds one part's boxes at a time. In a process that collects,
    and in one that has stopped collecting (a build's last work)."""
    event, decks, config = slides
    parts = handout.render_slides_handout_parts(
        decks, config=config, event=event, base_dir=tmp_path, sheets_per_part=1
    )
    before: list[list[weakref.ref[Any]]] = []
    alive_when_next_made: list[int] = []

    def document(html: str) -> Any:
        alive_when_next_made.append(sum(ref() is not None for refs in before for ref in refs))
        made = weasyprint_document(html, base_dir=tmp_path, log=FetchLog())
        before.append([weakref.ref(element) for element in made.etree_element.iter()])
        return made

    gc.collect()
    if not collecting:
        gc.disable()
    try:
        pdf_parts.pdf_of_parts([functools.partial(document, part) for part in parts], pdf_options())
    finally:
        gc.enable()
    assert len(alive_when_next_made) == len(parts) > 2
    assert alive_when_next_made == [0] * len(parts)


def test_one_part_when_short_made_by_a_users_templates_or_another_weasyprint(
    tmp_path: Path, slides: tuple[Any, Any, Config], monkeypatch: pytest.MonkeyPatch
) -> None:
    event, decks, config = slides

    def parts(config: Config, size: int) -> tuple[str, ...]:
        return handout.render_slides_handout_parts(
            decks, config=config, event=event, base_dir=tmp_path, sheets_per_part=size
        )

    whole = handout.render_slides_handout_html(decks, config=config, event=event, base_dir=tmp_path)
    assert parts(config, 100) == (whole,)
    assert len(parts(config, 2)) > 1
    (tmp_path / "mine").mkdir()
    users = Config(per_page=2, templates="mine")
    assert len(parts(users, 2)) == 1  # a user's pages need not be one a sheet
    monkeypatch.setattr(handout, "parts_supported", lambda: False)
    assert parts(config, 2) == (whole,)


def test_a_users_templates_get_weasyprints_own_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object) -> bytes:
        raise AssertionError("written a page at a time")

    monkeypatch.setattr(pdf_parts, "write_documents", refused)
    html = "<html lang='ja'><head><title>t</title></head><body><p>本文</p></body></html>"
    (tmp_path / "mine").mkdir()
    mine = (tmp_path / "mine", handout.builtin_templates())
    data, _ = render_pdf(html, base_dir=tmp_path, source="notes.md", template_dirs=mine)
    assert data.startswith(b"%PDF")
    with pytest.raises(AssertionError, match="a page at a time"):
        render_pdf(html, base_dir=tmp_path, source="notes.md")


@pytest.mark.parametrize(
    "option",
    [
        {"pdf_variant": "pdf/a-3b"},
        {"pdf_variant": "pdf/ua-2"},
        {"attachments": ["notes.md"]},
        {"custom_metadata": True},
        {"output_intent": "srgb"},
        {"pdf_forms": True},
    ],
)
def test_what_the_writer_does_not_make_is_refused(option: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="does not make"):
        pdf_parts.full_options({**pdf_options(), **option})
    assert pdf_parts.full_options(pdf_options())["pdf_tags"] is True


def test_only_the_weasyprint_it_follows(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pdf_parts.parts_supported()
    monkeypatch.setattr(pdf_parts, "WRITTEN_FOR", "0.")
    assert not pdf_parts.parts_supported()


def test_memory_is_given_back_as_pages_are_drawn_between_parts_and_before_the_fonts(
    tmp_path: Path, slides: tuple[Any, Any, Config], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every GIVE_BACK_EVERY pages drawn, after each part but the last is let go, and
    twice at the end (before the fonts are subset, and after)."""
    event, decks, config = slides
    parts = handout.render_slides_handout_parts(
        decks, config=config, event=event, base_dir=tmp_path, sheets_per_part=2
    )
    drawn: list[int] = []
    writers: list[Any] = []
    real_add = pdf_parts._Writer.add

    def add(writer: Any, document: Any) -> None:
        writers.append(writer)
        real_add(writer, document)

    monkeypatch.setattr(pdf_parts._Writer, "add", add)
    monkeypatch.setattr(
        pdf_parts,
        "give_back_free_memory",
        lambda: drawn.append(writers[-1].page_number if writers else -1) or True,
    )
    monkeypatch.setattr(pdf_parts, "GIVE_BACK_EVERY", 3)
    import weasyprint.pdf.fonts

    real_fonts = weasyprint.pdf.fonts.build_fonts_dictionary

    def fonts(*arguments: Any, **options: Any) -> Any:
        drawn.append(0)  # where the fonts are subset
        return real_fonts(*arguments, **options)

    monkeypatch.setattr(weasyprint.pdf.fonts, "build_fonts_dictionary", fonts)
    pdf = pdf_parts.pdf_of_parts(
        [
            functools.partial(weasyprint_document, part, base_dir=tmp_path, log=FetchLog())
            for part in parts
        ],
        pdf_options(),
    )
    pages = writers[-1].page_number
    sheets = plan_sheets(decks, per_page=config.per_page, paper=config.paper)
    assert pdf.startswith(b"%PDF") and pages == len(sheets) >= 4
    between_parts = [2 * n for n in range(1, len(parts))]  # after each part's 2 pages
    assert drawn == [*sorted([*range(3, pages + 1, 3), *between_parts, pages]), 0, pages]
