"""A rebuild with nothing changed, answered before the notes are parsed.

A build records what it was given (:class:`publisher.cache.Given`): the key
of the notes' bytes as they were parsed, the ``pyproject.toml`` beside them,
the command line, the current folder and the program
(:func:`publisher.buildkeys.given_key`); every file it read besides
(pictures, and where each picture's reference leads; deck template, handout
templates, font files, fontconfig's caches) with what each gave; what
loading the notes reported and what the build reported; the output folder
as it named it, and the outputs (one record for each set of outputs asked
for: ``make pdf slides`` asks for two; a build that rewrites outputs forgets
the records that listed them). When the same notes are built again into the
same folder and all of that is as it was and every output is as the build
left it, the outputs are up to date: the rebuild reports what the build reported and ends,
without importing the parser or the model.

Anything else is answered the usual way, by loading the notes: an edited
file, an output folder the notes or their project chose, a picture that was
refused (only parsing can tell that it may now be read) or is on the web, a
missing or damaged record. This can only skip work that has nothing to do.
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
from .names import output_folder


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
    cache = BuildCache.load(output_folder(notes, Path(output)))
    if not cache.inputs:
        return None
    key = given_key(notes, command_line, wanted)
    given = next((record for record in cache.given if record.key == key), None)
    if given is None or given.folder != str(cache.folder):
        return None  # none recorded, or by a build whose notes or project chose the folder
    outputs = tuple(cache.folder / name for name in given.outputs)
    if not all(cache.intact(path) for path in outputs) or not still_the_same(given.checks):
        return None
    return UpToDate(given.loaded, given.reported, outputs)
