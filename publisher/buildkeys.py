"""The keys of the build cache: digests of everything an output is made from.

Four kinds, from the cheapest to compute to the most precise:

- :func:`given_key`: the whole build, from what is known before the notes are
  parsed (their bytes, the ``pyproject.toml`` beside them, the command line,
  the program). With the files the last build read besides still the same
  (:data:`publisher.cache.Check`, recorded in the cache) and its outputs
  untouched, a rebuild has nothing to do, found without parsing
  (:mod:`publisher.uptodate`).
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
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Check, digest, file_digest, file_stamp, folder_digest, program_key
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


def _looked_at(how: str, path: Path) -> str:
    if how == "digest":
        return file_digest(path)
    if how == "folder":
        return folder_digest(path)
    if how == "resolves":
        try:
            target = path.resolve()
        except (OSError, RuntimeError):
            return "cannot be resolved"
        return f"{target}:{os.access(target, os.R_OK)}"
    return file_stamp(path)


def _check(how: str, path: Path) -> Check:
    return (how, str(path), _looked_at(how, path))


def still_the_same(checks: Iterable[Check]) -> bool:
    """Whether every file of ``checks`` still gives what it gave."""
    return all(_looked_at(how, Path(path)) == value for how, path, value in checks)


@dataclass(frozen=True)
class Inputs:
    """What the pictures resolved to, and every file besides the notes a build reads."""

    resolved: str  # each picture's reference and what became of it
    checks: tuple[Check, ...]
    complete: bool  # False when a picture was refused: only parsing can tell it changed


def _picture_checks(loaded: Loaded) -> Inputs | None:
    """How each picture the notes refer to resolved, and its files; None when one is on
    the web. A local picture is looked at where it resolved and where the notes point
    (a symbolic link there may point elsewhere later)."""
    from .resources import path_in_notes, resolve_reference

    resolved, checks, complete = [], [], True
    root = loaded.base_dir.resolve()
    for src in _event_images(loaded.event):
        where = resolve_reference(src, loaded.base_dir, allow_remote=loaded.config.allow_remote)
        if where.kind == "remote":
            return None  # it may change at any time: always fetch and build again
        resolved.append(f"{src}:{where.kind}")
        complete = complete and where.kind != "refused"
        if where.path:
            checks.append(_check("stamp", where.path))
        if where.kind == "local":
            checks.append(_check("resolves", root / path_in_notes(src)))
    return Inputs("\n".join(resolved), tuple(checks), complete)


def _setting_checks(loaded: Loaded) -> list[Check]:
    """The files the settings name: deck template, handout templates, font files."""
    config = loaded.config
    checks = []
    if config.template:
        checks.append(_check("digest", Path(config.template).expanduser()))
    if config.templates:
        folder = Path(config.templates)
        where = folder if folder.is_absolute() else loaded.base_dir / folder
        checks.append(_check("folder", where))
    for font in (config.font_ja, config.font_mono, config.font_latin):
        if font.lower().endswith(FONT_SUFFIXES):
            path = Path(font)
            checks.append(_check("stamp", path if path.is_absolute() else loaded.base_dir / path))
    checks += [_check("stamp", folder) for folder in FONTCONFIG_CACHES]
    return checks


def input_checks(loaded: Loaded) -> Inputs | None:
    """What the pictures resolved to, and every file besides the notes a build reads
    (pictures, deck template, handout templates, font files, fontconfig's caches);
    None when a picture is on the web."""
    pictures = _picture_checks(loaded)
    if pictures is None:
        return None
    checks = (*_setting_checks(loaded), *pictures.checks)
    return Inputs(pictures.resolved, checks, pictures.complete)


def _notes_bytes(loaded: Loaded) -> bytes | None:
    """The bytes the notes were parsed from (read again only when not kept)."""
    if loaded.notes_bytes:
        return loaded.notes_bytes
    try:
        return loaded.path.read_bytes()
    except OSError:
        return None


def inputs_key(loaded: Loaded, wanted: Iterable[str], found: Inputs | None) -> str:
    """The key of a whole build, ``found`` being :func:`input_checks`; "" when it cannot
    be known (a picture from the web)."""
    notes = _notes_bytes(loaded)
    if notes is None or found is None:
        return ""
    return digest(
        program_key(),
        ",".join(sorted(wanted)),
        str(loaded.path.resolve()),
        notes,
        repr(loaded.config),
        found.resolved,
        *(value for _, _, value in found.checks),
    )


def loaded_key(loaded: Loaded, wanted: Iterable[str]) -> str:
    """:func:`given_key` of loaded notes, from the bytes they were parsed from."""
    notes = _notes_bytes(loaded)
    if notes is None:
        return ""
    return given_key(loaded.path, loaded.command_line, wanted, notes)


def given_key(
    notes: Path,
    command_line: Mapping[str, Any],
    wanted: Iterable[str],
    notes_bytes: bytes | None = None,
) -> str:
    """The key of a build from what is known before the notes are read as notes: the
    program, the outputs wanted, the notes' path as given and their bytes (read now
    unless given), the ``pyproject.toml`` beside them, the command line's settings and
    the current folder (relative paths); "" when one of them cannot be read."""
    try:
        if notes_bytes is None:
            notes_bytes = notes.read_bytes()
        absolute = notes.resolve()
        here = os.getcwd()
    except (OSError, RuntimeError):
        return ""
    try:
        project = (notes.parent / "pyproject.toml").read_bytes()
    except FileNotFoundError:
        project = b"none"
    except OSError:
        return ""
    return digest(
        program_key(),
        ",".join(sorted(wanted)),
        str(notes),
        str(absolute),
        here,
        notes_bytes,
        project,
        repr(sorted(command_line.items())),
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


def pdf_key(html: str | Sequence[str], read_besides: str) -> str:
    """The key of one PDF: its HTML (a document, or its parts), and the digest of what
    else WeasyPrint reads."""
    parts = (html,) if isinstance(html, str) else tuple(html)
    return digest(program_key(), read_besides, *parts)
