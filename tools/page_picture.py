"""One page of a PDF as a small PNG for docs/images (pdftoppm, 60 dpi)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def save_page(pdf: Path, page: int, target: Path, dpi: int = 60) -> None:
    """Write page ``page`` (from 1) of ``pdf`` to ``target`` (a .png) and print its path."""
    with tempfile.TemporaryDirectory() as work:
        stem = Path(work) / "page"
        pages = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", *pages, str(pdf), str(stem)],
            check=True,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f"{stem}.png", target)
    print(target)
