"""One full build of a notes file, timed stage by stage, in one fresh process, one core.

    .venv/bin/python bench/stages.py NOTES OUT      (prints JSON: [[stage, seconds, side]])

Each stage calls what ``publisher build`` calls, in the same order, without
forking: the times add up to the work a build does, wherever it runs. Every
stage is labelled with whose time it is: ``publisher`` (our code: imports,
reading, parsing, planning, HTML, checks), ``python-pptx`` or ``WeasyPrint``
(including their imports), so the share spent outside the two libraries can
be read off.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

OURS, PPTX, WEASYPRINT = "publisher", "python-pptx", "WeasyPrint"


def stage_breakdown(notes: Path, out: Path) -> list[tuple[str, float, str]]:
    """Seconds spent in each stage of one full build of ``notes`` (serial, in this process)."""
    timings: list[tuple[str, float, str]] = []

    def timed(name: str, side: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = work()
        timings.append((name, time.perf_counter() - start, side))
        return value

    def our_imports() -> None:
        import publisher.cli
        import publisher.fonts
        import publisher.load
        import publisher.parse
        import publisher.weasyprint_import  # noqa: F401

    timed("start-up: publisher's imports", OURS, our_imports)
    from publisher.load import load
    from publisher.parse import parse
    from publisher.read import read_notes

    text, _ = timed("read", OURS, lambda: read_notes(notes))
    timed("parse", OURS, lambda: parse(text, str(notes)))
    loaded = load(notes)  # read and parsed again, with the settings: not counted twice

    def pictures() -> Any:
        from publisher.images import collect_images

        return collect_images(loaded.event, loaded.base_dir)[0]

    images = timed("pictures", OURS, pictures)
    timed("python-pptx import", PPTX, lambda: __import__("pptx"))

    def deck_template() -> Any:
        from publisher.slides.template import load_template

        config = loaded.config
        return load_template(config.template or None, slide_size=config.slide_size)

    timed("deck template (python-pptx reads it)", PPTX, deck_template)  # kept for the plan
    from publisher.build import _plan

    template, decks = timed("plan (measure and paginate)", OURS, lambda: _plan(loaded, images))

    def write_decks() -> None:
        from publisher.build import Targets
        from publisher.slides.deck import write_deck

        paths = Targets.for_notes(notes, out).deck_paths(loaded)
        for deck, path in zip(decks, paths, strict=True):
            write_deck(deck, template, path)

    timed("decks (python-pptx)", PPTX, write_decks)
    from publisher.weasyprint_import import import_weasyprint  # as a build imports it

    timed("WeasyPrint import", WEASYPRINT, import_weasyprint)
    from publisher.printing import PdfSetup

    setup = timed("fonts, glyph check, templates", OURS, lambda: PdfSetup.prepare(loaded, images))

    def html() -> list[tuple[str, ...]]:
        from publisher.handout import render_handout_html, render_slides_handout_parts

        config, base = loaded.config, loaded.base_dir
        return [
            (render_handout_html(loaded.event, config=config, images=images, base_dir=base),),
            render_slides_handout_parts(decks, config=config, event=loaded.event, base_dir=base),
        ]

    handouts = timed("HTML (Jinja2)", OURS, html)
    from weasyprint.text.fonts import FontConfiguration

    from publisher.pdf import pdf_options
    from publisher.pdf_parts import full_options, write_documents

    options = full_options(pdf_options(cache=setup.pictures))

    def lay_out() -> list[list[Any]]:  # each handout's parts share their fonts, as in a build
        laid_out = []
        for parts in handouts:
            fonts = FontConfiguration()
            laid_out.append([_layout(setup, part, options, fonts) for part in parts])
        return laid_out

    laid_out = timed("WeasyPrint layout", WEASYPRINT, lay_out)
    # WeasyPrint's PDF writer, a page at a time as a build writes (publisher/pdf_parts.py)
    timed("PDF write", WEASYPRINT, lambda: [write_documents(d, options) for d in laid_out])
    return timings


def _layout(setup: Any, html: str, options: dict[str, Any], fonts: Any) -> Any:
    """The laid-out document, as :func:`publisher.pdf.render_pdf` makes it."""
    from publisher.pdf import FetchLog, weasyprint_document

    document = weasyprint_document(
        html,
        base_dir=setup.base_dir,
        template_dirs=setup.template_dirs,
        font_files=setup.font_files,
        log=FetchLog(),
    )
    return document.render(font_config=fonts, **options)


if __name__ == "__main__":
    from publisher.collector import collect_less_often

    collect_less_often()  # as the publisher command does
    result = stage_breakdown(Path(sys.argv[1]), Path(sys.argv[2]))
    json.dump(result, sys.stdout)
