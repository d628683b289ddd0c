"""What to build, in which order, and where: the one place that writes outputs.

Layout of one build of ``notes.md`` into ``OUT``::

    OUT/<stem>/<stem>.pdf               reading handout
    OUT/<stem>/<stem>-slides.pdf        the decks printed N slides per page
    OUT/<stem>/slides/NN-<slug>.pptx    one deck per session

Everything is planned before anything is written; every file is written
atomically, so a build that fails leaves the previous outputs as they were.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import remove_stale_parts
from .diagnostics import Diagnostic
from .load import Loaded
from .names import deck_file_name, output_stem

if TYPE_CHECKING:
    from .images import ImageInfo
    from .layout import Deck
    from .slides.template import Template

OUTPUTS = ("pdf", "slides")


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
        folder = out / stem
        return cls(folder, folder / f"{stem}.pdf", folder / f"{stem}-slides.pdf", folder / "slides")


@dataclass
class Result:
    """What a build wrote and what it noticed."""

    written: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def build(
    loaded: Loaded,
    out: Path,
    outputs: Iterable[str] = OUTPUTS,
    *,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Build the requested outputs of one loaded notes file into ``out``.

    ``progress`` is called with the path of every output once it is written.
    """
    from .images import collect_images

    wanted = set(outputs)
    targets = Targets.for_notes(loaded.path, out)
    result = Result()
    images, image_problems = collect_images(
        loaded.event, loaded.base_dir, allow_remote=loaded.config.allow_remote
    )
    result.diagnostics.extend(image_problems)
    template, decks = _plan(loaded, images)
    if "slides" in wanted:
        _write_decks(loaded, template, decks, targets, result, progress)
    if "pdf" in wanted:
        _write_pdfs(loaded, decks, images, targets, result)
        for path in result.written[-2:]:
            if progress is not None:
                progress(str(path))
    return result


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
        measurer=measurer_for(config.font_ja, config.font_mono),
    )
    return template, decks


def _write_decks(
    loaded: Loaded,
    template: Template,
    decks: tuple[Deck, ...],
    targets: Targets,
    result: Result,
    progress: Callable[[str], None] | None = None,
) -> None:
    from .slides.deck import write_deck

    count = len(loaded.event.sessions)
    keep: set[Path] = set()
    for deck in decks:
        path = targets.decks / deck_file_name(deck.session.number, deck.session.title, count)
        write_deck(deck, template, path)
        keep.add(path)
        result.written.append(path)
        if progress is not None:
            progress(str(path))
    for stale in targets.decks.glob("*.pptx"):
        if stale not in keep:
            stale.unlink(missing_ok=True)  # a build of the same notes may have removed it
    remove_stale_parts(targets.decks)  # of decks no longer built, left by a killed build


def _write_pdfs(
    loaded: Loaded,
    decks: tuple[Deck, ...],
    images: Mapping[str, ImageInfo],
    targets: Targets,
    result: Result,
) -> None:
    from .pdf import write_handouts

    result.diagnostics.extend(
        write_handouts(
            loaded.event,
            decks,
            config=loaded.config,
            base_dir=loaded.base_dir,
            images=images,
            handout=targets.handout,
            slides=targets.slides_handout,
        )
    )
    result.written += [targets.handout, targets.slides_handout]
