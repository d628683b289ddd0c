"""One build of a notes file, timed stage by stage in one process."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def stage_breakdown(notes: Path, out: Path) -> list[tuple[str, float]]:
    """Seconds spent in each stage of one full build of ``notes``."""
    timings: list[tuple[str, float]] = []

    def timed(name: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = work()
        timings.append((name, time.perf_counter() - start))
        return value

    from publisher.build import Targets, _plan
    from publisher.images import collect_images
    from publisher.parse import parse
    from publisher.read import read_notes

    text, _ = timed("read", lambda: read_notes(notes))
    timed("parse", lambda: parse(text, str(notes)))
    from publisher.load import load

    loaded = load(notes)
    images, _ = collect_images(loaded.event, loaded.base_dir)
    template, decks = timed("plan", lambda: _plan(loaded, images))
    from publisher.slides.deck import write_deck

    targets = Targets.for_notes(notes, out)
    timed(
        "decks (python-pptx)",
        lambda: [
            write_deck(d, template, targets.decks / f"{d.session.number:02d}.pptx") for d in decks
        ],
    )
    from publisher.handout import render_handout_html, render_slides_handout_html

    html = timed(
        "HTML (Jinja2)",
        lambda: (
            render_handout_html(
                loaded.event, config=loaded.config, images=images, base_dir=loaded.base_dir
            ),
            render_slides_handout_html(
                decks, config=loaded.config, event=loaded.event, base_dir=loaded.base_dir
            ),
        ),
    )
    import weasyprint

    documents = timed(
        "WeasyPrint layout",
        lambda: [
            weasyprint.HTML(string=h, base_url=loaded.base_dir.resolve().as_uri() + "/").render(
                pdf_variant="pdf/ua-1"
            )
            for h in html
        ],
    )
    timed("PDF write", lambda: [d.write_pdf(pdf_variant="pdf/ua-1") for d in documents])
    return timings
