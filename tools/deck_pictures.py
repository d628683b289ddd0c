"""Render the deck pictures of docs/images from the bundled example.

    .venv/bin/python tools/deck_pictures.py [NOTES]

Builds the decks of NOTES (default: examples/conference-notes.md),
has LibreOffice render one of them to PDF, and saves a title slide, a
content slide and a continuation slide as small PNGs (pdftoppm, 60 dpi).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from page_picture import save_page  # noqa: E402

from publisher.layout import Deck, Slide, Style, TextPart  # noqa: E402
from publisher.measure import default_measurer  # noqa: E402
from publisher.parse import parse  # noqa: E402
from publisher.plan import plan_decks  # noqa: E402
from publisher.slides.deck import write_deck  # noqa: E402
from publisher.slides.template import load_template  # noqa: E402

REFERENCE = ROOT / "examples" / "conference-notes.md"
OUT = ROOT / "docs" / "images"


def _pick(decks: tuple[Deck, ...]) -> tuple[Deck, int, int]:
    """A deck with a continuation slide (one repeating a parent if any), and slide numbers."""

    def repeats_parent(slide: Slide) -> bool:
        first = slide.parts[0] if slide.parts else None
        return isinstance(first, TextPart) and first.lines[0].context

    candidates = [
        (deck, number, slide)
        for deck in decks
        for number, slide in enumerate(deck.slides, start=1)
        if slide.continued
    ]
    candidates.sort(key=lambda c: not repeats_parent(c[2]))
    for deck, number, _ in candidates:
        content = next(
            i
            for i, s in enumerate(deck.slides, start=1)
            if s.kind == "content" and len(s.parts) > 0 and i != number
        )
        return deck, content, number
    raise SystemExit("no continuation slide in these notes")


def main(notes: Path) -> None:
    event, _ = parse(notes.read_text(encoding="utf-8"), str(notes))
    template = load_template()
    decks = plan_decks(
        event, geometry=template.geometry(), style=Style(), images={}, measurer=default_measurer()
    )
    deck, content, continued = _pick(decks)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        pptx = folder / "deck.pptx"
        write_deck(deck, template, pptx)
        profile = (folder / "profile").as_uri()
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(pptx),
            ],
            check=True,
            capture_output=True,
        )
        for name, page in (
            ("deck-title", 1),
            ("deck-content", content),
            ("deck-continued", continued),
        ):
            save_page(folder / "deck.pdf", page, OUT / f"{name}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REFERENCE)
