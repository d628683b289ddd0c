"""What both PDF handouts of a build share, made ready once before the work is shared out.

:meth:`PdfSetup.prepare` checks the fonts (a missing Japanese face is an
error before anything is written), finds characters no font can print,
imports WeasyPrint and compiles the handout templates. It runs in the parent
process before the handouts are forked off, so each child starts with all
of that done, and before anything draws text: Pango, HarfBuzz and
WeasyPrint's own fontconfig set-up are first used after the forks, in each
process on its own (the parent itself prints the slide handout only after
its last fork, :mod:`publisher.build`). Before then it only asks fontconfig
questions (which file, which characters), in a thread that has ended before
the next fork.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .cache import digest, file_stamp, folder_digest
from .diagnostics import Diagnostic
from .weasyprint_import import INSTANCER, SUBSETTER, load_deferred

if TYPE_CHECKING:
    from .fonts import HandoutFonts
    from .images import ImageInfo
    from .load import Loaded

T = TypeVar("T")

HANDOUT_TEMPLATES = ("handout.html.j2", "slides-handout.html.j2")


@dataclass(frozen=True)
class PdfSetup:
    """Fonts, allowed files and warnings shared by the reading and the slide handout."""

    source: str
    base_dir: Path
    allow_remote: bool
    template_dirs: tuple[Path, ...]
    font_files: tuple[Path, ...]
    problems: tuple[Diagnostic, ...]
    read_besides: str  # digest of the files WeasyPrint reads besides the HTML
    pictures: dict[str, Any] = field(default_factory=dict, compare=False)  # decoded once

    @classmethod
    def prepare(cls, loaded: Loaded, images: Mapping[str, ImageInfo]) -> PdfSetup:
        """Check fonts and characters, load WeasyPrint and the templates; UserError on a
        missing Japanese face."""
        from .fonts import harfbuzz_subset_warning, is_variable
        from .handout import (
            environment,
            glyph_diagnostics,
            handout_fonts_for,
            template_search_path,
        )

        config, base_dir, source = loaded.config, loaded.base_dir, loaded.event.source

        def font_checks() -> tuple[HandoutFonts, list[Diagnostic]]:
            fonts = handout_fonts_for(config, base_dir, source)
            return fonts, glyph_diagnostics(loaded.event, config=config, base_dir=base_dir)

        # fontconfig's library answers without holding Python's lock: ask it while
        # WeasyPrint loads. What the checks import is imported first, here: two
        # threads importing one package at once can fail in Python's import system.
        import ctypes.util  # noqa: F401  (fontconfig through ctypes)

        import fontTools.ttLib  # noqa: F401  (font files named in the settings)

        checks = _Background(font_checks)
        slow = harfbuzz_subset_warning()  # imports WeasyPrint
        search_path = template_search_path(config, base_dir)
        for name in HANDOUT_TEMPLATES:
            environment(search_path).get_template(name)
        fonts, problems = checks.result()
        if slow:
            problems.append(Diagnostic(source, None, "warning", slow))
        faces = [fonts.regular, fonts.bold] + ([fonts.mono] if fonts.mono else [])
        # Parts of fontTools WeasyPrint will use: imported here, once for both handouts.
        load_deferred(
            *([SUBSETTER] if slow else []),
            *([INSTANCER] if any(is_variable(face) for face in faces) else []),
        )
        read_besides = digest(
            str(config.allow_remote),
            *(file_stamp(face.path) for face in faces),
            *(file_stamp(info.path) for info in images.values()),
            *(folder_digest(folder) for folder in search_path[:-1]),  # the user's folder
        )
        return cls(
            source=source,
            base_dir=base_dir,
            allow_remote=config.allow_remote,
            template_dirs=search_path,
            # checked pictures may lie outside the notes' folder: downloaded with --allow-remote
            font_files=(*fonts.files, *(info.path for info in images.values())),
            problems=tuple(problems),
            read_besides=read_besides,
        )

    def write(self, html: str | Sequence[str], path: Path) -> list[Diagnostic]:
        """Render ``html`` (a document, or its parts) to ``path``; WeasyPrint's warnings,
        less those already reported."""
        from .pdf import without_known_glyphs, write_pdf

        written = write_pdf(
            html,
            path,
            base_dir=self.base_dir,
            source=self.source,
            allow_remote=self.allow_remote,
            template_dirs=self.template_dirs,
            font_files=self.font_files,
            cache=self.pictures,
        )
        return without_known_glyphs(written, list(self.problems))


class _Background(Generic[T]):
    """``work()`` in a thread; :meth:`result` waits and raises what it raised.

    Only for work that leaves Python's lock to the main thread (waiting, or
    calls into a C library through ctypes) and imports nothing (the caller
    imports it first); the thread has ended before the build forks again.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self._value: T | None = None
        self._error: BaseException | None = None

        def run() -> None:
            try:
                self._value = work()
            except BaseException as error:  # raised again by result()
                self._error = error

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value
