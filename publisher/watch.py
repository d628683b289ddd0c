"""Rebuild on save: poll the files a build reads, rebuild when one changes.

No file-system events and no extra dependency: every ``interval`` seconds the
modification time and size of each input are compared with the last look.
The inputs of a notes file are the notes, the ``pyproject.toml`` beside them,
the deck template, the handout templates folder, font files named in the
settings, and every local picture the notes refer to (missing ones too, so
that adding the file rebuilds). They are read again after every build, since
an edit may add a picture.

The loop knows nothing about building: each :class:`Job` brings its own
``rebuild`` that builds, reports, and returns the inputs to watch next.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load import Loaded

Stamp = tuple[int, int] | None  # (mtime in ns, size), or None when the file is missing
Snapshot = dict[Path, Stamp]

MAX_TEMPLATE_FILES = 500  # a templates folder is a handful of files; never walk a whole disk


def stamp(path: Path) -> Stamp:
    """What a save changes about ``path``: its modification time and size."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def snapshot(paths: Iterable[Path]) -> Snapshot:
    return {path: stamp(path) for path in paths}


def changed(before: Mapping[Path, Stamp], after: Mapping[Path, Stamp]) -> list[Path]:
    """Paths added, removed or modified between two snapshots, in order."""
    keys = sorted(set(before) | set(after), key=str)
    return [p for p in keys if before.get(p, ()) != after.get(p, ())]


def base_inputs(notes: Path) -> set[Path]:
    """What every build of ``notes`` reads, even one that failed early."""
    return {notes.resolve(), (notes.parent / "pyproject.toml").resolve()}


def inputs_of(loaded: Loaded) -> set[Path]:
    """Every file a build of ``loaded`` reads."""
    from .config import FONT_SUFFIXES
    from .images import images_in
    from .resources import resolve_reference

    found = base_inputs(loaded.path)
    config = loaded.config
    if config.template:
        found.add(Path(config.template))
    if config.templates:
        found |= _files_under(Path(config.templates))
    for font in (config.font_ja, config.font_latin, config.font_mono):
        if font.lower().endswith(FONT_SUFFIXES):
            found.add((loaded.base_dir / font).resolve())
    for image in images_in(loaded.event.blocks):
        resolved = resolve_reference(image.src, loaded.base_dir)
        if resolved.path is not None:
            found.add(resolved.path)
    # Never the outputs (a templates folder could hold them): a build would trigger the next.
    out = Path(config.output).resolve()
    return {p for p in found if not p.is_relative_to(out)}


def _files_under(folder: Path) -> set[Path]:
    found = {folder}
    if folder.is_dir():
        for index, path in enumerate(sorted(folder.rglob("*"))):
            if index >= MAX_TEMPLATE_FILES:
                break
            if path.is_file():
                found.add(path)
    return found


def digests(paths: Iterable[Path]) -> dict[Path, str]:
    """A content digest of each existing file (outputs: to tell what a build changed)."""
    found: dict[Path, str] = {}
    for path in paths:
        try:
            found[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            continue
    return found


def output_files(folder: Path) -> list[Path]:
    """The outputs of one notes file: its PDFs and its decks."""
    if not folder.is_dir():
        return []
    return sorted([*folder.glob("*.pdf"), *folder.glob("slides/*.pptx")])


@dataclass(frozen=True)
class OutputChanges:
    """What a rebuild did to the outputs."""

    updated: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    unchanged: int = 0

    @classmethod
    def between(cls, before: Mapping[Path, str], after: Mapping[Path, str]) -> OutputChanges:
        updated = tuple(p for p in sorted(after) if before.get(p) != after[p])
        removed = tuple(p for p in sorted(before) if p not in after)
        return cls(updated, removed, len(after) - len(updated))

    def describe(self, folder: Path) -> str:
        def name(path: Path) -> str:
            try:
                return str(path.relative_to(folder))
            except ValueError:
                return str(path)

        parts = []
        if self.updated:
            parts.append("updated " + ", ".join(name(p) for p in self.updated))
        if self.removed:
            parts.append("removed " + ", ".join(name(p) for p in self.removed))
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        return "; ".join(parts) if parts else "no outputs"


@dataclass
class Job:
    """One notes file to keep built: ``rebuild`` builds it and returns the inputs to watch."""

    notes: Path
    rebuild: Callable[[], set[Path]]
    inputs: Snapshot = field(default_factory=dict)

    def run(self) -> None:
        """Build, then remember the inputs as they were when the build started."""
        before = snapshot(self.inputs)
        watched = self.rebuild()
        now = snapshot(watched)
        # A file saved during the build keeps its old stamp, so the next look rebuilds.
        self.inputs = {p: before[p] if p in before else now[p] for p in watched}


def watch(
    jobs: Sequence[Job],
    *,
    say: Callable[[str], None],
    interval: float = 0.5,
    polls: int | None = None,
    sleep: Callable[[float], None] | None = None,
) -> None:
    """Build every job, then rebuild a job whenever one of its inputs changes.

    Runs until interrupted (Ctrl-C raises KeyboardInterrupt to the caller), or
    for ``polls`` looks when given (for tests).
    """
    pause = sleep or time.sleep
    for job in jobs:
        job.inputs = snapshot(base_inputs(job.notes))
        job.run()
    count = 0
    while polls is None or count < polls:
        count += 1
        pause(interval)
        for job in jobs:
            moved = changed(job.inputs, snapshot(job.inputs))
            if not moved:
                continue
            pause(min(interval, 0.1))  # let an editor finish writing
            say(f"{time.strftime('%H:%M:%S')} changed: {_names(moved, job.notes.parent)}")
            job.run()


def _names(paths: Sequence[Path], folder: Path) -> str:
    root = folder.resolve()
    shown = []
    for path in paths:
        try:
            shown.append(str(path.relative_to(root)))
        except ValueError:
            shown.append(str(path))
    return ", ".join(shown)
