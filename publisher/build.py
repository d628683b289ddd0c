"""What to build, in which order, and where: the one place that writes outputs.

Layout of one build of ``notes.md`` into ``OUT``::

    OUT/<stem>/<stem>.pdf               reading handout
    OUT/<stem>/<stem>-slides.pdf        the decks printed N slides per page
    OUT/<stem>/slides/NN-<slug>.pptx    one deck per session
    OUT/<stem>/.publisher-cache.json    what each output was made from

Three pieces of work are independent once the notes are planned, and run at
the same time on a machine with more than one core (:mod:`publisher.workers`):

    parent ─ load ─ fork ─ import WeasyPrint ─ fork ─ reading handout ─ commit
                     └─ plan ─▶ (decks sent) ─ write decks ─┘        │
                                               └─ slide handout ─────┘

When the process ends with the build (``process_ends``: a ``publisher
build`` of one notes file, or the last of several) and the jobs run in
parallel, the slide handout, the last job, is printed in the parent instead
of in a third child: the parent would only wait, and a child would hold
everything it inherits a second time (×20 the reference notes: peak memory
of the process tree about 557 → 510 MiB, bench/NOTES.md). A crash inside a
C library while printing it (a signal, not an exception) then ends the
command itself, where a child's crash was reported as an internal error.

Every output is first written into a staging folder inside ``OUT/<stem>``
and moved into place only when all of them are done, so a build that fails
leaves the previous outputs as they were. Outputs whose inputs have not
changed are not written at all (:mod:`publisher.cache`): a rebuild with
nothing changed returns after loading the notes.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import cannot_write, staging_folder
from .buildkeys import Inputs, deck_key, input_checks, inputs_key, loaded_key, pdf_key
from .cache import BuildCache, Given
from .diagnostics import Diagnostic
from .load import Loaded
from .names import deck_file_name, output_folder, output_stem

if TYPE_CHECKING:
    from .images import ImageInfo
    from .layout import Deck
    from .printing import PdfSetup
    from .slides.template import Template
    from .workers import Channel, Job

OUTPUTS = ("pdf", "slides")
Progress = Callable[[str], None]
# Three jobs share the cores (two, usually): the slide handout, the longest,
# keeps its priority, so that it has a core of its own (a build of 20 times the
# reference notes kept two cores busier: CPU seconds per second of wall 1.74 →
# 1.93). The other two share the second core: the decks, about a third of the
# slide handout's work, step back a little and the reading handout further, so
# the decks end first and the deck writer's memory is given back before the
# handouts reach their peak, which comes as they are written (×20: peak
# 632 → 582 MiB, bench/NOTES.md).
DECKS_STEP_BACK = 2
READING_STEP_BACK = 5


@dataclass(frozen=True)
class Targets:
    """The files one notes file builds into."""

    folder: Path
    handout: Path
    slides_handout: Path
    decks: Path

    @classmethod
    def for_notes(cls, notes: Path, out: Path) -> Targets:
        stem = output_stem(notes.stem)
        folder = output_folder(notes, out)
        return cls(folder, folder / f"{stem}.pdf", folder / f"{stem}-slides.pdf", folder / "slides")

    def deck_paths(self, loaded: Loaded) -> list[Path]:
        """The deck of each session, in order (names from the session's number and title)."""
        sessions = loaded.event.sessions
        return [self.decks / deck_file_name(s.number, s.title, len(sessions)) for s in sessions]


@dataclass
class Result:
    """What a build wrote, what it kept because it was up to date, and what it noticed."""

    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Made:
    """One output of a worker: where it goes, its key, and its staged file ("" when fresh)."""

    path: Path
    key: str
    staged: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()


def build(
    loaded: Loaded,
    out: Path,
    outputs: Iterable[str] = OUTPUTS,
    *,
    progress: Progress | None = None,
    process_ends: bool = False,
) -> Result:
    """Build the requested outputs of one loaded notes file into ``out``.

    ``progress`` is called with the path of each output once it is written
    or found up to date. ``process_ends`` says that the calling process does
    nothing after this build but exit, so the build's last job may run in it:
    nothing forks after it, and what it holds is given back at the exit.
    """
    wanted = frozenset(outputs) & frozenset(OUTPUTS)
    targets = Targets.for_notes(loaded.path, out)
    cache = BuildCache.load(targets.folder)
    run = _Build(loaded, targets, wanted, cache, progress, process_ends=process_ends)
    return run.up_to_date() or run.everything()


class _Build:
    def __init__(
        self,
        loaded: Loaded,
        targets: Targets,
        wanted: frozenset[str],
        cache: BuildCache,
        progress: Progress | None,
        *,
        process_ends: bool = False,
    ) -> None:
        self.process_ends = process_ends  # the slide handout may be printed here (see build)
        self.loaded = loaded
        self.targets = targets
        self.wanted = wanted
        self.cache = cache
        self.progress = progress or (lambda _path: None)
        self.expected: list[Path] = []
        if "slides" in wanted:
            self.expected += targets.deck_paths(loaded)
        if "pdf" in wanted:
            self.expected += [targets.handout, targets.slides_handout]
        found = input_checks(loaded)
        self.inputs = inputs_key(loaded, wanted, found)
        outputs = [cache.name(path) for path in self.expected]
        self.given = _given(loaded, wanted, found, targets.folder, outputs)

    def up_to_date(self) -> Result | None:
        """The result of a build that has nothing to do, or None when something changed."""
        cache = self.cache
        if not self.inputs or cache.inputs != self.inputs:
            return None
        if not all(cache.intact(path) for path in self.expected):
            return None
        if self.given:  # the next rebuild need not parse
            given = replace(self.given, reported=tuple(cache.reported))
            if given not in cache.given:
                cache.remember(given)
                cache.save()
        for path in self.expected:
            self.progress(str(path))
        return Result(diagnostics=list(cache.reported), unchanged=list(self.expected))

    def everything(self) -> Result:
        from .images import collect_images

        loaded = self.loaded
        images, problems = collect_images(
            loaded.event, loaded.base_dir, allow_remote=loaded.config.allow_remote
        )
        with _staging(self.targets.folder) as staging:
            made, shared = self._make(images, staging)
            return self._commit(made, [*problems, *shared])

    # --- making, in up to three processes ------------------------------------------------

    def _make(
        self, images: Mapping[str, ImageInfo], staging: Path
    ) -> tuple[list[Made], list[Diagnostic]]:
        """Plan and write the decks in one job, each PDF in another.

        The parent prepares (imports WeasyPrint, checks fonts) and waits: it
        draws no text before its last fork, so every process it forks, for this
        notes file or the next one (``watch``, several files), starts with no
        text library in use. When the process ends with this build, it prints
        the slide handout itself once the others are forked.
        """
        from .workers import start  # here: a rebuild with nothing to do starts none

        pdf = "pdf" in self.wanted
        planner: Job[list[Made]] = start(
            lambda channel: self._plan_and_decks(images, staging, channel),
            fork=None if pdf else False,  # without PDFs nothing runs beside it
        )
        jobs = [planner]
        try:
            if not pdf:
                return planner.result(), []
            from .printing import PdfSetup

            setup = PdfSetup.prepare(self.loaded, images)
            jobs.append(
                start(lambda channel: [self._reading_handout(setup, images, staging, channel)])
            )
            decks: tuple[Deck, ...] = planner.receive()
            jobs.append(
                start(
                    lambda channel: [self._slides_handout(setup, decks, staging, channel)],
                    last=self.process_ends,
                )
            )
            return [m for job in reversed(jobs) for m in job.result()], list(setup.problems)
        except BaseException:
            for job in jobs:
                job.cancel()
            raise

    def _plan_and_decks(
        self, images: Mapping[str, ImageInfo], staging: Path, channel: Channel
    ) -> list[Made]:
        template, decks = _plan(self.loaded, images)
        channel.send(decks)
        if "slides" not in self.wanted:
            return []
        channel.step_back(DECKS_STEP_BACK)
        channel.settle()  # the plan: kept to the end, not walked by each collection below
        from .slides.deck import write_deck

        made = []
        for deck, path in zip(decks, self.targets.deck_paths(self.loaded), strict=True):
            key = deck_key(deck, template)
            if self.cache.fresh(path, key):
                made.append(Made(path, key))
                continue
            staged = staging / path.relative_to(self.targets.folder)
            write_deck(deck, template, staged)
            channel.collect()  # python-pptx's package of the deck refers to itself
            made.append(Made(path, key, str(staged)))
        return made

    def _reading_handout(
        self, setup: PdfSetup, images: Mapping[str, ImageInfo], staging: Path, channel: Channel
    ) -> Made:
        from .handout import render_handout_html

        channel.step_back(READING_STEP_BACK)
        channel.last_work()
        loaded = self.loaded
        html = render_handout_html(
            loaded.event, config=loaded.config, images=images, base_dir=loaded.base_dir
        )
        return self._pdf(setup, html, self.targets.handout, staging)

    def _slides_handout(
        self, setup: PdfSetup, decks: tuple[Deck, ...], staging: Path, channel: Channel
    ) -> Made:
        from .handout import render_slides_handout_parts

        channel.last_work()
        loaded = self.loaded
        parts = render_slides_handout_parts(
            decks, config=loaded.config, event=loaded.event, base_dir=loaded.base_dir
        )
        return self._pdf(setup, parts, self.targets.slides_handout, staging)

    def _pdf(self, setup: PdfSetup, html: str | tuple[str, ...], path: Path, staging: Path) -> Made:
        key = pdf_key(html, setup.read_besides)
        if self.cache.fresh(path, key):
            return Made(path, key)
        staged = staging / path.relative_to(self.targets.folder)
        problems = setup.write(html, staged)
        return Made(path, key, str(staged), tuple(problems))

    # --- putting the outputs in place ----------------------------------------------------

    def _commit(self, made: list[Made], diagnostics: list[Diagnostic]) -> Result:
        """Move every staged output into place, forget removed decks, save the cache."""
        result = Result(diagnostics=list(diagnostics))
        cache = self.cache
        for item in sorted(made, key=lambda m: str(m.path)):
            if item.staged:
                try:
                    item.path.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(item.staged, item.path)
                except OSError as error:
                    raise cannot_write(item.path, error) from None
                cache.record(item.path, item.key, item.diagnostics)
                result.written.append(item.path)
                result.diagnostics += _new(result.diagnostics, item.diagnostics)
            else:
                result.unchanged.append(item.path)
                result.diagnostics += _new(result.diagnostics, cache.diagnostics(item.path))
            self.progress(str(item.path))
        if "slides" in self.wanted:
            keep = set(self.targets.deck_paths(self.loaded))
            for stale in self.targets.decks.glob("*.pptx"):
                if stale not in keep:
                    stale.unlink(missing_ok=True)  # a build of the same notes may have gone first
                    cache.forget(stale)
        cache.inputs = self.inputs
        cache.reported = list(result.diagnostics)
        reported = tuple(result.diagnostics)
        cache.remember(self.given and replace(self.given, reported=reported), result.written)
        cache.save()
        return result


def _given(
    loaded: Loaded, wanted: Iterable[str], found: Inputs | None, folder: Path, outputs: list[str]
) -> Given | None:
    """What a build is given (taken before it starts), so that a rebuild can answer
    without parsing; None when a picture is on the web or was refused."""
    key = loaded_key(loaded, wanted) if found and found.complete else ""
    if not found or not key:
        return None
    return Given(key, found.checks, loaded.diagnostics, str(folder), tuple(outputs))


def _new(seen: list[Diagnostic], more: Iterable[Diagnostic]) -> list[Diagnostic]:
    return [d for d in more if d not in seen]


@contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A folder beside the outputs (same file system: moving is atomic), removed after;
    locked while this build lives, so the next build removes it if this one is killed."""
    with staging_folder(folder) as staging:
        yield staging


def _plan(loaded: Loaded, images: Mapping[str, ImageInfo]) -> tuple[Template, tuple[Deck, ...]]:
    """The decks of every session, planned on the template's layouts."""
    from .measure import measurer_for
    from .plan import plan_decks, style_from_config
    from .slides.template import load_template

    config = loaded.config
    template = load_template(config.template or None, slide_size=config.slide_size)
    decks = plan_decks(
        loaded.event,
        geometry=template.geometry(),
        style=style_from_config(config),
        images=images,
        measurer=measurer_for(config.font_ja, config.font_mono, config.font_latin),
    )
    return template, decks
