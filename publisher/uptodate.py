"""A rebuild with nothing changed, answered before the notes are parsed.

A build records what it was given (:class:`publisher.cache.Given`): the key
of the notes' bytes, the ``pyproject.toml`` beside them, the command line
and the program (:func:`publisher.buildkeys.given_key`), every file it read
besides (pictures, deck template, handout templates, font files,
fontconfig's caches) with what each gave, what loading the notes reported,
and its outputs. When the same notes are built again into the same folder
and all of that is as it was and every output is as the build left it, the
outputs are up to date: the rebuild reports what the build reported and
ends, without importing the parser or the model.

Anything else (another output folder set in the notes or the project, an
edited file, a missing or damaged record) is answered the usual way, by
loading the notes: this can only skip work that has nothing to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .buildkeys import given_key, still_the_same
from .cache import BuildCache
from .config import Config
from .diagnostics import Diagnostic
from .names import output_stem


@dataclass(frozen=True)
class UpToDate:
    """What the build that made the outputs reported, and the outputs."""

    loaded: tuple[Diagnostic, ...]  # loading the notes
    reported: tuple[Diagnostic, ...]  # building them
    outputs: tuple[Path, ...]


def up_to_date(
    notes: Path, command_line: Mapping[str, Any], wanted: Iterable[str]
) -> UpToDate | None:
    """The outputs of ``notes`` when nothing they are made from has changed, else None."""
    output = command_line.get("output") or Config.output
    cache = BuildCache.load(Path(output) / output_stem(notes.stem))
    given = cache.given
    if given is None or not cache.inputs:
        return None
    if given.key != given_key(notes, command_line, wanted):
        return None
    outputs = tuple(cache.folder / name for name in given.outputs)
    if not all(cache.intact(path) for path in outputs) or not still_the_same(given.checks):
        return None
    return UpToDate(given.loaded, tuple(cache.reported), outputs)
