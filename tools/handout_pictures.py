"""Render the handout pictures of docs/images from the bundled example.

    .venv/bin/python tools/handout_pictures.py [NOTES]

Builds both PDFs of NOTES (default: examples/conference-notes.md) and saves
the cover, the agenda, the first session page and the first page of the
3-per-page slide handout as small PNGs (pdftoppm, 60 dpi).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from page_picture import save_page

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "conference-notes.md"
OUT = ROOT / "docs" / "images"
PICTURES = (  # (which PDF, page, picture)
    ("handout", 1, "handout-cover.png"),
    ("handout", 2, "handout-agenda.png"),
    ("handout", 3, "handout-session.png"),
    ("slides", 1, "slides-handout-3.png"),
)


def main(notes: Path) -> None:
    publisher = Path(sys.executable).parent / "publisher"
    with tempfile.TemporaryDirectory() as work:
        out = Path(work)
        subprocess.run(
            [str(publisher), "pdf", str(notes), "-o", str(out), "--per-page", "3", "-q"],
            check=True,
        )
        folder = out / notes.stem
        pdfs = {
            "handout": folder / f"{notes.stem}.pdf",
            "slides": folder / f"{notes.stem}-slides.pdf",
        }
        for which, page, name in PICTURES:
            save_page(pdfs[which], page, OUT / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else EXAMPLE)
