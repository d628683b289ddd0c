"""Independent readers of built decks: text from the .pptx XML, word boxes from a PDF.

Shared by the deck tests; nothing here imports the code under test.
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation

EMU_PER_PT = 12700
BULLETS = set("•–◦▪·")
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def squash(text: str) -> str:
    """Text compared without spaces, in NFKC form (how PDF text extraction returns it)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def xml_text(path: Path) -> str:
    """Every ``a:t`` of every slide and notes page, read straight from the zip."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"ppt/(slides|notesSlides)/\w+\.xml", name):
                xml = archive.read(name).decode("utf-8")
                found.extend(html.unescape(t) for t in re.findall(r"<a:t>([^<]*)</a:t>", xml))
    return "\n".join(found)


@dataclass(frozen=True)
class ShapeBox:
    x: float
    y: float
    right: float
    bottom: float
    text: str  # squashed

    def holds(self, word: WordBox, slack: float) -> bool:
        return (
            word.x0 >= self.x - slack
            and word.x1 <= self.right + slack
            and word.y0 >= self.y - slack
            and word.y1 <= self.bottom + slack
        )


@dataclass(frozen=True)
class WordBox:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def _shape_text(shape: object) -> str:
    if getattr(shape, "has_table", False):
        table = shape.table  # type: ignore[attr-defined]
        return "".join(cell.text for row in table.rows for cell in row.cells)
    if getattr(shape, "has_text_frame", False):
        return str(shape.text_frame.text)  # type: ignore[attr-defined]
    return ""


def shape_boxes(path: Path) -> list[list[ShapeBox]]:
    """Per slide, the box (points) and squashed text of every shape that holds text."""
    slides: list[list[ShapeBox]] = []
    for slide in Presentation(str(path)).slides:
        boxes = []
        for shape in slide.shapes:
            text = squash(_shape_text(shape))
            if not text or shape.left is None:
                continue
            x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
            boxes.append(
                ShapeBox(x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT, text)
            )
        slides.append(boxes)
    return slides


def pdf_words(pdf: Path) -> list[tuple[float, float, list[WordBox]]]:
    """Per page: width, height and every word's box, from ``pdftotext -bbox``."""
    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages: list[tuple[float, float, list[WordBox]]] = []
    for chunk in out.split("<page ")[1:]:
        size = _PAGE.search("<page " + chunk)
        assert size is not None
        words = [
            WordBox(float(a), float(b), float(c), float(d), html.unescape(t))
            for a, b, c, d, t in _WORD.findall(chunk)
        ]
        pages.append((float(size.group(1)), float(size.group(2)), words))
    return pages


def overflow_problems(pptx: Path, pdf: Path, slack: float = 2.0) -> list[str]:
    """Words of the rendered deck outside their slide or outside the shape holding them."""
    shapes = shape_boxes(pptx)
    pages = pdf_words(pdf)
    problems: list[str] = []
    if len(shapes) != len(pages):
        return [f"{pptx.name}: {len(shapes)} slides but {len(pages)} pages"]
    for number, (boxes, (width, height, words)) in enumerate(zip(shapes, pages, strict=True), 1):
        for word in words:
            where = f"{pptx.name} slide {number}: {word.text!r} at ({word.x0:.1f}, {word.y0:.1f})"
            if (
                word.x0 < -slack
                or word.y0 < -slack
                or word.x1 > width + slack
                or word.y1 > height + slack
            ):
                problems.append(f"{where} lies outside the slide")
                continue
            text = squash(word.text)
            if not text:
                continue
            owners = [b for b in boxes if text in b.text or set(text) <= BULLETS]
            if not owners:
                problems.append(f"{where} is in no shape's text")
            elif not any(b.holds(word, slack) for b in owners):
                problems.append(f"{where} overflows its shape")
    return problems


def convert_to_pdf(decks: list[Path], out: Path, profile: Path) -> None:
    """LibreOffice renders many decks to PDF in one run (a private profile, headless)."""
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, decks),
        ],
        capture_output=True,
        check=True,
        timeout=600,
    )
