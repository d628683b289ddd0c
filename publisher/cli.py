"""The ``publisher`` command: build, pdf, slides, check, inspect.

Exit status: 0 built (perhaps with warnings), 1 not built because of the
input, 2 usage error, 3 internal error (a bug: please report it).
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .diagnostics import Diagnostic, UserError

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_URL = "https://github.com/publisher-notes/publisher/issues"

F = TypeVar("F", bound=Callable[..., Any])

_LEVEL_COLOURS = {"error": "red", "warning": "yellow", "note": "cyan"}


class Reporter:
    """Prints diagnostics on stderr: coloured on a terminal, plain when piped."""

    def __init__(self, *, quiet: bool = False, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose
        self.errors = 0
        self.warnings = 0

    def show(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
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
            click.echo(f"{click.style(where, bold=True)}: {level} {diagnostic.message}", err=True)

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)


def _settings_options(function: F) -> F:
    """Options that override settings from the front matter and pyproject.toml."""
    options = [
        click.option(
            "-o",
            "--out",
            "output",
            type=click.Path(file_okay=False),
            help="Output folder (default: build).",
        ),
        click.option(
            "--template",
            type=click.Path(dir_okay=False),
            help="A .pptx whose layouts the decks use.",
        ),
        click.option(
            "--templates",
            type=click.Path(file_okay=False),
            help="A folder of handout templates searched before the built-in ones.",
        ),
        click.option("--lang", type=click.Choice(["ja", "en"]), help="Language of labels."),
        click.option(
            "--session-level",
            type=click.IntRange(1, 6),
            help="Heading level of one talk (default: detected).",
        ),
        click.option("--slide-size", type=click.Choice(["16:9", "4:3"])),
        click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False)),
        click.option(
            "--per-page",
            type=click.Choice(["1", "2", "3", "4", "6"]),
            help="Slides per page in the slide handout.",
        ),
        click.option("--font-ja", help="Japanese font of the decks."),
        click.option("--font-latin", help="Latin font of the decks."),
        click.option(
            "--allow-remote",
            is_flag=True,
            default=None,
            help="Fetch remote pictures (off by default).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _common_options(function: F) -> F:
    options = [
        click.argument("notes", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
        click.option("-v", "--verbose", is_flag=True, help="Print notes and every file written."),
        click.option("--debug", is_flag=True, help="Show the traceback of an internal error."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _cli_settings(options: dict[str, Any]) -> dict[str, Any]:
    """The settings given on the command line, in the schema's names."""
    settings = {k: v for k, v in options.items() if v is not None}
    if "per_page" in settings:
        settings["per_page"] = int(settings["per_page"])
    if "paper" in settings:
        settings["paper"] = "A4" if settings["paper"].lower() == "a4" else "Letter"
    for key in ("template", "templates"):
        if key in settings:
            settings[key] = str(Path(settings[key]).resolve())
    return settings


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
        if debug:
            traceback.print_exc()
        click.echo(
            f"publisher: internal error: {error.__class__.__name__}: {error} "
            f"(please report it at {REPORT_URL}; --debug shows details)",
            err=True,
        )
        status = EXIT_INTERNAL
    sys.exit(status)


def _build_command(outputs: Sequence[str]) -> Callable[..., None]:
    def command(
        notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, **options: Any
    ) -> None:
        reporter = Reporter(quiet=quiet, verbose=verbose)
        settings = _cli_settings(options)

        def work() -> int:
            from .build import build
            from .load import load

            status = EXIT_OK
            for path in notes:
                try:
                    loaded = load(path, settings)
                except UserError as error:
                    reporter.show(error.diagnostics)
                    status = EXIT_INPUT
                    continue
                reporter.show(loaded.diagnostics)
                if not loaded.ok:
                    status = EXIT_INPUT
                    continue
                out = Path(loaded.config.output)
                try:
                    result = build(loaded, out, outputs)
                except UserError as error:
                    reporter.show(error.diagnostics)
                    status = EXIT_INPUT
                    continue
                reporter.show(result.diagnostics)
                for written in result.written:
                    if verbose:
                        reporter.info(f"wrote {written}")
                reporter.info(f"{path}: {_summary(result.written)}")
            return status

        _run(reporter, debug, work)

    return command


def _summary(written: Sequence[Path]) -> str:
    decks = sum(1 for p in written if p.suffix == ".pptx")
    pdfs = [p for p in written if p.suffix == ".pdf"]
    parts = [str(p) for p in pdfs]
    if decks:
        folder = next(p for p in written if p.suffix == ".pptx").parent
        parts.append(f"{decks} deck{'s' if decks != 1 else ''} in {folder}")
    return "built " + ", ".join(parts) if parts else "nothing to build"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="publisher")
def main() -> None:
    """Turn conference notes in Markdown into slide decks and PDF handouts.

    \b
    Example:
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
        "publisher pdf notes.md --per-page 6",
    ),
    "slides": (
        "Build one .pptx deck per session.",
        ("slides",),
        "publisher slides notes.md --template company.pptx",
    ),
}

for _name, (_help, _outputs, _example) in _BUILD_HELP.items():
    _doc = f"{_help}\n\n\b\nExample:\n  {_example}"
    main.command(_name, help=_doc)(_common_options(_settings_options(_build_command(_outputs))))


@main.command()
@_common_options
@click.option("--session-level", type=click.IntRange(1, 6))
def check(
    notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, session_level: int | None
) -> None:
    """Check notes for problems without building anything.

    \b
    Example:
      publisher check notes.md
    """
    reporter = Reporter(quiet=quiet, verbose=verbose)
    settings = {"session_level": session_level} if session_level else {}

    def work() -> int:
        from .load import load

        status = EXIT_OK
        for path in notes:
            try:
                loaded = load(path, settings)
            except UserError as error:
                reporter.show(error.diagnostics)
                status = EXIT_INPUT
                continue
            reporter.show(loaded.diagnostics)
            if not loaded.ok:
                status = EXIT_INPUT
            count = len(loaded.event.sessions)
            reporter.info(
                f"{path}: {count} session{'s' if count != 1 else ''}, "
                f"{reporter.errors} error(s), {reporter.warnings} warning(s)"
            )
        return status

    _run(reporter, debug, work)


@main.command()
@_common_options
@click.option("--session-level", type=click.IntRange(1, 6))
def inspect(
    notes: tuple[Path, ...], quiet: bool, verbose: bool, debug: bool, session_level: int | None
) -> None:
    """Print the session model of the notes as JSON on stdout.

    \b
    Example:
      publisher inspect notes.md | jq '.sessions[].title'
    """
    reporter = Reporter(quiet=quiet, verbose=verbose)
    settings = {"session_level": session_level} if session_level else {}

    def work() -> int:
        from .load import load
        from .serialize import event_to_json

        models = []
        status = EXIT_OK
        for path in notes:
            try:
                loaded = load(path, settings)
            except UserError as error:
                reporter.show(error.diagnostics)
                status = EXIT_INPUT
                continue
            reporter.show(loaded.diagnostics)
            if not loaded.ok:
                status = EXIT_INPUT
            models.append(event_to_json(loaded.event))
        if models:
            shown = models[0] if len(models) == 1 else models
            click.echo(json.dumps(shown, ensure_ascii=False, indent=2))
        return status

    _run(reporter, debug, work)
