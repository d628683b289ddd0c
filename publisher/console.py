"""What the command prints on the terminal: diagnostics, messages, a progress line.

Everything goes to stderr (stdout is kept for ``inspect``'s JSON). Colours
only on a terminal, and never with ``NO_COLOR`` set; the progress line only
on a terminal, outside CI, without ``-q``, and only once a build has taken
more than a second.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

import click

from .diagnostics import Diagnostic

_LEVEL_COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}


def in_ci() -> bool:
    """True in continuous integration (``CI=true``, as GitHub, GitLab and others set it)."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _colour() -> bool | None:
    """False when ``NO_COLOR`` is set; otherwise click decides (colours on a terminal)."""
    return False if os.environ.get("NO_COLOR") else None


class Reporter:
    """Prints diagnostics on stderr: coloured on a terminal, plain when piped."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.errors = 0
        self.warnings = 0

    def show(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Print ``diagnostics`` file by file in line order (a file's own first)."""
        for diagnostic in sorted(diagnostics, key=lambda d: (d.path, d.line or 0)):
            if diagnostic.level == "error":
                self.errors += 1
            elif diagnostic.level == "warning":
                self.warnings += 1
            if diagnostic.level == "note" and not self.verbose:
                continue
            if self.quiet and diagnostic.level != "error":
                continue
            where = f"{diagnostic.path}:{diagnostic.line}" if diagnostic.line else diagnostic.path
            level = click.style(
                f"{diagnostic.level}:", fg=_LEVEL_COLOURS[diagnostic.level], bold=True
            )
            line = f"{click.style(where, bold=True)}: {level} {diagnostic.message}"
            click.echo(line, err=True, color=_colour())

    def info(self, message: str) -> None:
        """A message for people (not shown with ``-q``)."""
        if not self.quiet:
            click.echo(message, err=True, color=_colour())

    def detail(self, message: str) -> None:
        """A message shown only with ``-v``."""
        if self.verbose and not self.quiet:
            click.echo(message, err=True, color=_colour())

    def progress(self, total: int, label: str) -> Progress:
        stream = sys.stderr
        shown = not self.quiet and not in_ci() and stream.isatty()
        return Progress(total, label, stream=stream if shown else None)


def fit_width(text: str, columns: int) -> str:
    """``text`` cut and padded to ``columns`` terminal cells (wide characters take two)."""
    out, used = [], 0
    for char in text:
        cells = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used + cells > columns:
            break
        out.append(char)
        used += cells
    return "".join(out) + " " * (columns - used)


class Progress:
    """A one-line bar on stderr, drawn from the first output written after ``delay`` seconds.

    Called (from any thread) with the path of each output as it is written;
    :meth:`close` wipes the line. With no ``stream`` it only counts.
    """

    WIDTH = 24

    def __init__(
        self,
        total: int,
        label: str,
        *,
        stream: TextIO | None,
        delay: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.drawn = False
        self._lock = threading.Lock()

    def __call__(self, written: str) -> None:
        with self._lock:
            self.done += 1
            if self.stream is None or self.clock() - self.started < self.delay:
                return
            self.stream.write("\r" + self.line(Path(written).name))
            self.stream.flush()
            self.drawn = True

    def line(self, name: str) -> str:
        """The bar as drawn: ``label [#####-----] 3/7 name``, cut to the terminal's width."""
        filled = min(self.WIDTH, self.WIDTH * self.done // self.total)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        text = f"{self.label} [{bar}] {min(self.done, self.total)}/{self.total} {name}"
        return fit_width(text, _columns() - 1)

    def close(self) -> None:
        with self._lock:
            if self.stream is not None and self.drawn:
                width = _columns() - 1
                self.stream.write("\r" + " " * width + "\r")
                self.stream.flush()
            self.drawn = False


def _columns() -> int:
    """The terminal's width in characters (80 when it cannot be told)."""
    import shutil  # only for a progress bar: a check or a quiet build never loads it

    return shutil.get_terminal_size((80, 24)).columns
