"""Reading back the PDFs we write: text (poppler), fonts, page counts, outline and links."""

from __future__ import annotations

import html
import re
import subprocess
import zlib
from pathlib import Path

from conftest import require_tool

RUNNING_HEADS = 52.0  # points cut off the top and bottom of handout pages: header and footer


def squash(text: str) -> str:
    """``text`` without whitespace or variation selectors (the PDF's text has neither)."""
    return re.sub(r"[\s\ufe00-\ufe0f]+", "", text)


def pdf_info(path: Path) -> dict[str, str]:
    require_tool("pdfinfo", "poppler-utils")
    out = subprocess.run(
        ["pdfinfo", "-isodates", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def page_count(path: Path) -> int:
    return int(pdf_info(path)["Pages"])


def pdf_text(path: Path, *, margin: float = 0.0, mode: str = "raw") -> str:
    """The text of every page, pages ending in a form feed.

    ``mode`` is ``raw`` (drawing order) or ``layout`` (table rows kept on one
    line); ``margin`` points are cut off top and bottom (the running heads).
    """
    require_tool("pdftotext", "poppler-utils")
    width, height = (float(v) for v in pdf_info(path)["Page size"].split()[0:3:2])
    command = ["pdftotext", "-enc", "UTF-8", f"-{mode}"]
    if margin:
        command += [
            "-x",
            "0",
            "-y",
            str(int(margin)),
            "-W",
            str(int(width)),
            "-H",
            str(int(height - 2 * margin)),
        ]
    done = subprocess.run([*command, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def word_boxes(path: Path) -> list[tuple[str, float, float]]:
    """Every word pdftotext finds, in reading order: (word, left, top) in points."""
    require_tool("pdftotext", "poppler-utils")
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"], capture_output=True, check=True
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', done.stdout.decode("utf-8")
    )
    return [(html.unescape(word), float(left), float(top)) for left, top, word in found]


def embedded_fonts(path: Path) -> list[tuple[str, bool]]:
    """(name, embedded) for each font of the PDF, from ``pdffonts``."""
    require_tool("pdffonts", "poppler-utils")
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        columns = line.split()
        # name ... emb sub uni object ID: "yes"/"no" columns come 5th and 4th from the end
        fonts.append((columns[0], columns[-5] == "yes"))
    return fonts


def _objects(data: bytes) -> bytes:
    """The file with every compressed stream (object streams included) inflated after it."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def _pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode("ascii"))
        if raw.startswith(b"\xfe\xff"):
            return raw[2:].decode("utf-16-be")
        return raw.decode("latin-1")
    body = token[1:-1]
    body = re.sub(rb"\\([()\\])", rb"\1", body)
    if body.startswith(b"\xfe\xff"):
        return body[2:].decode("utf-16-be")
    return body.decode("latin-1")


_DICT = rb"<<(?:(?!<<|>>).)*?>>"
_STRING = rb"(\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]*>)"


def outline_titles(path: Path) -> list[str]:
    """The titles of the PDF's bookmarks (outline items have a /Parent and a /Title)."""
    found = []
    for match in re.finditer(_DICT, _objects(path.read_bytes()), re.S):
        item = match.group(0)
        title = re.search(rb"/Title\s*" + _STRING, item, re.S)
        if title and b"/Parent" in item:
            found.append(_pdf_string(title.group(1)))
    return found


def uri_links(path: Path) -> list[str]:
    """The address of every link annotation."""
    data = _objects(path.read_bytes())
    return [_pdf_string(m.group(1)) for m in re.finditer(rb"/URI\s*" + _STRING, data, re.S)]


def catalog_lang(path: Path) -> str:
    match = re.search(rb"/Lang\s*" + _STRING, _objects(path.read_bytes()), re.S)
    return _pdf_string(match.group(1)) if match else ""


def pdf_streams(path: Path) -> bytes:
    """The file's bytes with every compressed stream inflated after them (drawing
    operations included)."""
    return _objects(path.read_bytes())
