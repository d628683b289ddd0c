"""The keys of the build cache: digests of everything an output is made from.

Three kinds, from the cheapest to compute to the most precise:

- :func:`inputs_key`: the whole build, from its inputs as files (the notes'
  bytes, the settings, the deck template, the handout templates folder,
  pictures and font files, the program). Equal keys and untouched outputs
  mean there is nothing to do, found before anything is planned.
- :func:`deck_key`: one deck, from its plan (which holds the session and
  every measured line), the template file and the pictures it shows.
- :func:`pdf_key`: one PDF, from its HTML and what WeasyPrint reads besides
  (font files, pictures, the templates folder; see :mod:`publisher.printing`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import digest, file_digest, file_stamp, folder_digest, program_key
from .config import FONT_SUFFIXES

if TYPE_CHECKING:
    from .layout import Deck
    from .load import Loaded
    from .model import Event
    from .slides.template import Template

# Where fontconfig keeps what it found: rewritten when fonts are installed or removed.
FONTCONFIG_CACHES = (Path("/var/cache/fontconfig"), Path.home() / ".cache" / "fontconfig")


def _event_images(event: Event) -> Iterable[str]:
    from .images import images_in

    return dict.fromkeys(image.src for image in images_in(event.blocks))


def _picture_stamps(loaded: Loaded) -> list[str] | None:
    """The state of every picture the notes refer to; None when one is on the web."""
    from .resources import resolve_reference

    stamps = []
    for src in _event_images(loaded.event):
        where = resolve_reference(src, loaded.base_dir, allow_remote=loaded.config.allow_remote)
        if where.kind == "remote":
            return None  # it may change at any time: always fetch and build again
        stamps.append(f"{src}:{where.kind}:{file_stamp(where.path) if where.path else ''}")
    return stamps


def _setting_files(loaded: Loaded) -> list[str]:
    """The files the settings name: deck template, handout templates, font files."""
    config = loaded.config
    parts = []
    if config.template:
        parts.append(file_digest(Path(config.template).expanduser()))
    if config.templates:
        folder = Path(config.templates)
        parts.append(folder_digest(folder if folder.is_absolute() else loaded.base_dir / folder))
    for font in (config.font_ja, config.font_mono, config.font_latin):
        if font.lower().endswith(FONT_SUFFIXES):
            path = Path(font)
            parts.append(file_stamp(path if path.is_absolute() else loaded.base_dir / path))
    parts += [file_stamp(folder) for folder in FONTCONFIG_CACHES]
    return parts


def inputs_key(loaded: Loaded, wanted: Iterable[str]) -> str:
    """The key of a whole build; "" when it cannot be known (a picture from the web)."""
    try:
        notes = loaded.path.read_bytes()
    except OSError:
        return ""
    pictures = _picture_stamps(loaded)
    if pictures is None:
        return ""
    return digest(
        program_key(),
        ",".join(sorted(wanted)),
        str(loaded.path.resolve()),
        notes,
        repr(loaded.config),
        *_setting_files(loaded),
        *pictures,
    )


@functools.lru_cache(maxsize=4)
def _template_digest(source: str) -> str:
    """The user's template file (its bytes); the built-in one is part of the program."""
    return file_digest(Path(source).expanduser()) if source else "built-in"


def deck_key(deck: Deck, template: Template) -> str:
    """The key of one deck: its plan, the template and the pictures it shows."""
    from .layout import ImagePart

    pictures = [
        file_stamp(Path(part.path))
        for slide in deck.slides
        for part in slide.parts
        if isinstance(part, ImagePart) and part.path
    ]
    layouts = repr((template.title_at, template.content_at, template.boxes))
    return digest(program_key(), _template_digest(template.source), layouts, repr(deck), *pictures)


def pdf_key(html: str, read_besides: str) -> str:
    """The key of one PDF: its HTML, and the digest of what else WeasyPrint reads."""
    return digest(program_key(), read_besides, html)
