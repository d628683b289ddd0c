"""Pictures the notes refer to: found, checked and measured once per build.

With ``--allow-remote``, a web picture is downloaded once (http or https
only, a 5-second timeout, at most 20 MB) into a folder of this process that
is removed when it exits, then checked like a local one; without it, nothing
is fetched.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .model import Block, Event, Image, walk
from .resources import resolve_reference

# Formats every output can show: PowerPoint, LibreOffice and WeasyPrint.
SUPPORTED_FORMATS = frozenset({"PNG", "JPEG", "GIF", "BMP"})
# Formats people save pictures in that Pillow does not open: told to export them.
_VECTOR_OR_NEW = frozenset({".svg", ".svgz", ".pdf", ".eps", ".heic", ".heif", ".avif"})
MAX_PIXELS = 40_000_000  # about 6300 × 6300; larger is refused as a likely decompression bomb
REMOTE_TIMEOUT = 5.0  # seconds
MAX_REMOTE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ImageInfo:
    """A usable local picture and its size in pixels."""

    path: Path
    width: int
    height: int
    format: str


def _check(path: Path) -> ImageInfo | str:
    """Open the file just enough to trust it; return its size, or why it is unusable."""
    from PIL import Image as PILImage
    from PIL import ImageFile, UnidentifiedImageError

    if path.stat().st_size == 0:
        return "the file is empty"
    # WeasyPrint tells Pillow to accept truncated files; the check must not.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(path) as picture:
                width, height = picture.size
                fmt = picture.format or ""
                if width * height > MAX_PIXELS:
                    return f"the picture is too large ({width} × {height} pixels)"
                if fmt not in SUPPORTED_FORMATS:
                    return f"{fmt or 'this'} pictures are not supported; use PNG or JPEG"
                picture.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        return "the picture is too large (a likely decompression bomb)"
    except UnidentifiedImageError:
        if path.suffix.lower() in _VECTOR_OR_NEW:
            return f"{path.suffix[1:].upper()} pictures cannot be read; export it as PNG or JPEG"
        return (
            "the file cannot be read as a picture (no PNG, JPEG, GIF or BMP data in it); "
            "replace it with a PNG or JPEG"
        )
    except (OSError, SyntaxError, ValueError) as error:
        return f"the picture cannot be read ({error.__class__.__name__}); is it truncated?"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return ImageInfo(path, width, height, fmt)


def images_in(blocks: Iterable[Block]) -> Iterator[Image]:
    """Every picture in ``blocks``, nested ones included."""
    return (block for block in walk(blocks) if isinstance(block, Image))


def collect_images(
    event: Event, base_dir: Path, *, allow_remote: bool = False
) -> tuple[dict[str, ImageInfo], list[Diagnostic]]:
    """Resolve and check every picture of ``event``; warn once per unusable one.

    Returns a map from the ``src`` as written to its checked file. Remote
    pictures are fetched only with ``allow_remote``; renderers leave out
    every picture not in the map, and the diagnostics say why.
    """
    found: dict[str, ImageInfo] = {}
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for image in images_in(event.blocks):
        if image.src in seen:
            continue
        seen.add(image.src)
        where = resolve_reference(image.src, base_dir, allow_remote=allow_remote)
        if where.kind == "local" and where.path is not None:
            checked = _check(where.path)
            if isinstance(checked, ImageInfo):
                found[image.src] = checked
                continue
            reason = checked
        elif where.kind == "remote":
            fetched = _fetch(where.url)
            checked = _check(fetched) if isinstance(fetched, Path) else fetched
            if isinstance(checked, ImageInfo):
                found[image.src] = checked
                continue
            reason = checked
        elif where.kind == "data":
            reason = "inline data pictures are shown as their description only"
        else:
            reason = where.reason
        problems.append(
            Diagnostic(
                event.source,
                image.line,
                "warning",
                f"picture '{_short(image.src)}' left out: {reason}",
            )
        )
    return found, problems


@functools.cache
def _download_folder() -> Path:
    import atexit
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="publisher-remote-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _opener() -> Any:
    """An opener for http and https only: no ``file:``, ``ftp:`` or ``data:``, even redirected."""
    from urllib import request

    opener = request.OpenerDirector()
    for handler in (
        request.ProxyHandler(),
        request.HTTPHandler(),
        request.HTTPSHandler(),
        request.HTTPRedirectHandler(),
        request.HTTPDefaultErrorHandler(),
        request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def _fetch(url: str) -> Path | str:
    """Download the picture at ``url``; its local copy, or why it could not be had."""
    import hashlib
    from http.client import HTTPException
    from urllib.error import HTTPError, URLError
    from urllib.request import Request

    from . import __version__

    request = Request(url, headers={"User-Agent": f"publisher/{__version__}"})
    try:
        with _opener().open(request, timeout=REMOTE_TIMEOUT) as response:
            data = response.read(MAX_REMOTE_BYTES + 1)
    except HTTPError as error:
        return f"the server answered {error.code} {error.reason}"
    except URLError as error:
        return f"it could not be fetched ({error.reason})"
    except (OSError, ValueError, HTTPException) as error:
        return f"it could not be fetched ({error.__class__.__name__}: {error})"
    if len(data) > MAX_REMOTE_BYTES:
        return f"the picture is larger than {MAX_REMOTE_BYTES // 2**20} MB"
    target = _download_folder() / hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    target.write_bytes(data)
    return target


def _short(src: str, limit: int = 80) -> str:
    return src if len(src) <= limit else src[: limit - 1] + "…"
