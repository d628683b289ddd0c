"""The ``publisher`` command: build, pdf, slides, check, inspect, watch, init.

Exit status: 0 built (perhaps with warnings), 1 not built because of the
input, 2 usage error, 3 internal error (a bug: please report it).

Imports stay lazy: ``publisher check`` loads neither WeasyPrint nor
python-pptx, Pillow, Pygments, Jinja2 or fontTools.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .console import Reporter
from .diagnostics import Diagnostic, UserError
from .options import cli_settings, common_options, settings_options

if TYPE_CHECKING:
    from .load import Loaded

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_URL = "https://github.com/publisher-notes/publisher/issues"


def _internal_error(error: Exception, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    click.echo(
        f"publisher: internal error: {error.__class__.__name__}: {error} "
        f"(please report it at {REPORT_URL}; --debug shows details)",
        err=True,
    )


def _run(reporter: Reporter, debug: bool, work: Callable[[], int]) -> None:
    """Run ``work``; turn user errors into messages and bugs into one line."""
    try:
        status = work()
    except UserError as error:
        reporter.show(error.diagnostics)
        status = EXIT_INPUT
    except KeyboardInterrupt:
        click.echo("interrupted; earlier outputs are unchanged", err=True)
        status = 130
    except Exception as error:
        _internal_error(error, debug)
        status = EXIT_INTERNAL
    sys.exit(status)


def _load(path: Path, settings: dict[str, Any], reporter: Reporter) -> Loaded | None:
    """The loaded notes, with every diagnostic shown; None when they cannot be built."""
    from .load import load

    try:
        loaded = load(path, settings)
    except UserError as error:
        reporter.show(error.diagnostics)
        return None
    reporter.show(loaded.diagnostics)
    return loaded


def _build_one(
    path: Path,
    settings: dict[str, Any],
    outputs: Sequence[str],
    reporter: Reporter,
    *,
    process_ends: bool = False,
) -> int:
    """Load and build one notes file; its exit status."""
    if _answered_up_to_date(path, settings, outputs, reporter):
        return EXIT_OK
    loaded = _load(path, settings, reporter)
    if loaded is None or not loaded.ok:
        return EXIT_INPUT
    return _build_loaded(loaded, outputs, reporter, process_ends=process_ends)


def _answered_up_to_date(
    path: Path, settings: dict[str, Any], outputs: Sequence[str], reporter: Reporter
) -> bool:
    """Report a rebuild with nothing changed as a build would, without parsing the notes."""
    from .uptodate import up_to_date

    try:
        found = up_to_date(path, settings, outputs)
    except (OSError, ValueError):  # answered the usual way, by loading the notes
        return False
    if found is None:
        return False
    reporter.show(found.loaded)
    reporter.show(found.reported)
    reporter.info(f"{path}: {_summary([], found.outputs)}")
    return True


def _build_loaded(
    loaded: Loaded,
    outputs: Sequence[str],
    reporter: Reporter,
    *,
    summary: bool = True,
    process_ends: bool = False,
) -> int:
    from .build import build

    path = loaded.path
    total = (len(loaded.event.sessions) if "slides" in outputs else 0) + 2 * ("pdf" in outputs)
    progress = reporter.progress(total, f"building {path.name}")
    try:
        result = build(
            loaded,
            Path(loaded.config.output),
            outputs,
            progress=progress,
            process_ends=process_ends,
        )
    except UserError as error:
        reporter.show(error.diagnostics)
        return EXIT_INPUT
    finally:
        progress.close()
    reporter.show(result.diagnostics)
    for written in result.written:
        reporter.detail(f"wrote {written}")
    if summary:
        unchanged = getattr(result, "unchanged", ())  # outputs a cached build did not rewrite
        reporter.info(f"{path}: {_summary(result.written, unchanged)}")
    return EXIT_OK


def _build_command(outputs: Sequence[str]) -> Callable[..., None]:
    def command(
        notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, **options: Any
    ) -> None:
        reporter = Reporter(quiet=quiet, verbose=verbose)
        settings = cli_settings(options)

        def work() -> int:
            last = len(notes) - 1  # the command ends after the last file's build
            statuses = [
                _build_one(
                    path, settings, outputs, reporter, process_ends=_command_ends and index == last
                )
                for index, path in enumerate(notes)
            ]
            return max(statuses, default=EXIT_OK)

        _run(reporter, debug, work)

    return command


def _summary(written: Sequence[Path], unchanged: Sequence[Path] = ()) -> str:
    """``built A.pdf, B.pdf, 5 decks in DIR`` (outputs a build found up to date count too)."""
    outputs = list(dict.fromkeys([*written, *unchanged]))
    decks = [p for p in outputs if p.suffix == ".pptx"]
    pdfs = sorted(
        (p for p in outputs if p.suffix == ".pdf"), key=lambda p: p.stem.endswith("-slides")
    )
    parts = [str(p) for p in pdfs]
    if decks:
        parts.append(f"{len(decks)} deck{'s' if len(decks) != 1 else ''} in {decks[0].parent}")
    if not parts:
        return "nothing to build"
    kept = f" ({len(unchanged)} up to date)" if unchanged and written else ""
    return ("built " if written else "up to date: ") + ", ".join(parts) + kept


# True in the ``publisher`` command, whose process ends with the command: its last
# build may then do its last job in this process (:func:`publisher.build.build`).
_command_ends = False


def run() -> None:
    """The ``publisher`` command (the console script, ``python -m publisher``).

    The garbage collector is set for a run that ends (:mod:`publisher.collector`),
    and the last build may print its slide handout in this process instead of a
    child; ``main`` itself does neither, for programs that call it.
    """
    global _command_ends
    from .collector import collect_less_often, keep_what_exists

    _command_ends = True
    collect_less_often()
    try:
        main()
    finally:
        _command_ends = False
        keep_what_exists()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="publisher")
def main() -> None:
    """Turn conference notes in Markdown into slide decks and PDF handouts.

    Settings come from the command line, then the notes' front matter, then
    [tool.publisher] in a pyproject.toml beside the notes, then the defaults.
    Exit status: 0 built, 1 errors in the input, 2 usage error, 3 internal error.

    \b
    Example:
      publisher init notes.md           # a starter notes file to edit
      publisher build notes.md          # decks and both PDFs into build/notes/
    """


_BUILD_HELP = {
    "build": (
        "Build the decks and both PDF handouts.",
        ("pdf", "slides"),
        "publisher build notes.md -o build",
    ),
    "pdf": (
        "Build the reading handout and the slide handout (PDF).",
        ("pdf",),
        "publisher pdf notes.md --per-page 6 --paper Letter",
    ),
    "slides": (
        "Build one .pptx deck per session.",
        ("slides",),
        "publisher slides notes.md --template company.pptx",
    ),
}

for _name, (_help, _outputs, _example) in _BUILD_HELP.items():
    _doc = f"{_help}\n\n\b\nExample:\n  {_example}"
    main.command(_name, help=_doc)(common_options(settings_options(_build_command(_outputs))))


@main.command()
@common_options
@settings_options
def check(notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, **options: Any) -> None:
    """Check notes and settings for problems without building anything.

    \b
    Example:
      publisher check notes.md
    """
    reporter = Reporter(quiet=quiet, verbose=verbose)
    settings = cli_settings(options)

    def work() -> int:
        status = EXIT_OK
        for path in notes:
            errors, warnings = reporter.errors, reporter.warnings
            loaded = _load(path, settings, reporter)
            if loaded is None or not loaded.ok:
                status = EXIT_INPUT
            if loaded is not None:
                reporter.show(_picture_problems(loaded))
                for line in _settings_lines(loaded):
                    reporter.detail(line)
            count = len(loaded.event.sessions) if loaded else 0
            reporter.info(
                f"{path}: {count} session{'s' if count != 1 else ''}, "
                f"{reporter.errors - errors} error(s), {reporter.warnings - warnings} warning(s)"
            )
        return status

    _run(reporter, debug, work)


def _settings_lines(loaded: Loaded) -> list[str]:
    """The settings that are not defaults, each with the place that set it (for ``-v``)."""
    from dataclasses import fields

    lines = []
    for key in (f.name for f in fields(loaded.config)):
        if key in loaded.sources:
            import json  # here: notes that set nothing never load it

            path, line = loaded.sources[key]
            where = f"{path}:{line}" if line else path
            value = json.dumps(getattr(loaded.config, key), ensure_ascii=False)
            lines.append(f"  {key} = {value}  ({where})")
    return [f"{loaded.path}: settings", *lines] if lines else []


def _picture_problems(loaded: Loaded) -> list[Diagnostic]:
    """Pictures a build would leave out because of where they are (their content is
    checked by the build, which opens them)."""
    from .images import images_in
    from .resources import resolve_reference

    event = loaded.event
    problems: list[Diagnostic] = []
    seen: set[str] = set()
    for image in images_in(event.blocks):
        if image.src in seen:
            continue
        seen.add(image.src)
        where = resolve_reference(
            image.src, loaded.base_dir, allow_remote=loaded.config.allow_remote
        )
        if where.kind in ("local", "remote"):
            continue
        reason = where.reason or "inline data pictures are shown as their description only"
        shown = image.src if len(image.src) <= 80 else image.src[:79] + "…"
        message = f"picture '{shown}' left out: {reason}"
        problems.append(Diagnostic(event.source, image.line, "warning", message))
    return problems


@main.command()
@common_options
@settings_options
def inspect(
    notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, **options: Any
) -> None:
    """Print the session model of the notes as JSON on stdout.

    \b
    Example:
      publisher inspect notes.md | jq '.sessions[].title'
    """
    reporter = Reporter(quiet=quiet, verbose=verbose)
    settings = cli_settings(options)

    def work() -> int:
        import json

        from .serialize import event_to_json

        models = []
        status = EXIT_OK
        for path in notes:
            loaded = _load(path, settings, reporter)
            if loaded is None or not loaded.ok:
                status = EXIT_INPUT
            if loaded is not None:
                models.append(event_to_json(loaded.event))
        if models:
            shown = models[0] if len(models) == 1 else models
            click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return status

    _run(reporter, debug, work)


@main.command(short_help="Build, then rebuild whenever the notes or what they use change.")
@common_options
@settings_options
@click.option(
    "--interval", type=click.FloatRange(0.05, 60), default=0.5, show_default=True,
    help="Seconds between looks at the files.",
)  # fmt: skip
@click.option("--polls", type=click.IntRange(0), default=None, hidden=True)
def watch(
    notes: tuple[Path, ...],
    quiet: bool,
    verbose: bool,
    debug: bool,
    interval: float,
    polls: int | None,
    **options: Any,
) -> None:
    """Build, then rebuild whenever the notes, their pyproject.toml, the
    template or a picture changes. Stop with Ctrl-C.

    \b
    Example:
      publisher watch notes.md -o build
    """
    from .watch import Job
    from .watch import watch as watch_loop

    reporter = Reporter(quiet=quiet, verbose=verbose)
    settings = cli_settings(options)
    jobs = [Job(path, _rebuild(path, settings, reporter, debug)) for path in notes]
    try:
        watch_loop(jobs, say=reporter.info, interval=interval, polls=polls)
    except KeyboardInterrupt:
        reporter.info("stopped watching")
    sys.exit(EXIT_OK)


def _rebuild(
    path: Path, settings: dict[str, Any], reporter: Reporter, debug: bool
) -> Callable[[], set[Path]]:
    """One build for ``watch``: errors are printed and watching goes on."""

    runs = 0

    def rebuild() -> set[Path]:
        from .build import OUTPUTS, Targets
        from .watch import OutputChanges, base_inputs, digests, inputs_of, output_files

        nonlocal runs
        runs += 1
        try:
            loaded = _load(path, settings, reporter)
            if loaded is None:
                reporter.info(f"{path}: not built; fix the errors above and save again")
                return base_inputs(path)
            if loaded.ok:
                folder = Targets.for_notes(path, Path(loaded.config.output)).folder
                before = digests(output_files(folder))
                _build_loaded(loaded, OUTPUTS, reporter, summary=runs == 1)
                if runs > 1:
                    changes = OutputChanges.between(before, digests(output_files(folder)))
                    reporter.info(f"{path}: {changes.describe(folder)}")
            else:
                reporter.info(f"{path}: not built; fix the errors above and save again")
            watched = inputs_of(loaded)
        except Exception as error:  # a bug: say so, and keep watching
            _internal_error(error, debug)
            return base_inputs(path)
        if runs == 1:
            reporter.info(f"watching {path} for changes (Ctrl-C to stop)")
            for name in sorted(str(p) for p in watched):
                reporter.detail(f"  {name}")
        return watched

    return rebuild


@main.command()
@click.argument("notes", type=click.Path(path_type=Path), default=Path("notes.md"))
@click.option(
    "--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
    help="Language of the starter notes.",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Replace the file if it exists.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def init(notes: Path, lang: str, force: bool, quiet: bool) -> None:
    """Write a starter notes file that shows every way of writing notes.

    It builds as it is; a picture it refers to is written next to it. An
    existing file is left alone unless --force is given.

    \b
    Example:
      publisher init notes.md --lang en && publisher build notes.md
    """
    reporter = Reporter(quiet=quiet)

    def work() -> int:
        from .starter import write_starter

        written = write_starter(notes, lang, force=force)
        reporter.info(f"wrote {', '.join(str(p) for p in written)}")
        reporter.info(f"next: edit {notes}, then run: publisher build {notes}")
        return EXIT_OK

    _run(reporter, False, work)
