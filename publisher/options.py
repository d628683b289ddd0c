"""The command line's options: one per setting, validated like the other sources.

Every field of :class:`publisher.config.Config` has an option here (a test
checks it), so each setting can be given in all three places: the command
line, the front matter and ``[tool.publisher]`` of a ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def _check_option(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """Validate an option with the same rule as the front matter and pyproject.toml."""

    def callback(_ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        from .config import check_settings

        _valid, problems = check_settings({key: value}, "", None, source="option")
        if problems:
            raise click.BadParameter(problems[0].message.split(f"'{key}' ", 1)[-1])
        return value

    return callback


# Every setting of publisher.config.Config, as an option (tests check none is missing).
SETTING_OPTIONS: tuple[Callable[[F], F], ...] = (
    click.option(
        "-o", "--out", "output", type=click.Path(file_okay=False),
        help="Output folder (default: build).",
    ),
    click.option(
        "--template", type=click.Path(dir_okay=False),
        help="A company .pptx (or .potx) whose layouts the decks use.",
    ),
    click.option(
        "--templates", type=click.Path(file_okay=False),
        help="A folder of handout templates searched before the built-in ones.",
    ),
    click.option(
        "--lang", type=click.Choice(["ja", "en"]),
        help="Language of the labels (default: the front matter, else detected).",
    ),
    click.option(
        "--session-level", type=click.IntRange(1, 6),
        help="Heading level of one talk (default: detected).",
    ),
    click.option("--slide-size", type=click.Choice(["16:9", "4:3"]), help="Shape of the decks."),
    click.option(
        "--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False), metavar="[A4|Letter]",
        help="Paper of both PDFs (default: A4).",
    ),
    click.option(
        "--per-page", type=click.Choice(["1", "2", "3", "4", "6"]),
        help="Slides per page in the slide handout (default: 3).",
    ),
    click.option("--font-ja", help="Japanese font family (or a font file next to the notes)."),
    click.option("--font-latin", help="Latin font family of the decks."),
    click.option("--font-mono", help="Font family of code."),
    click.option(
        "--accent-color", callback=_check_option("accent_color"), metavar="#RRGGBB",
        help="Accent colour: titles' rule, bullets, the title slide's band.",
    ),
    click.option(
        "--text-color", callback=_check_option("text_color"), metavar="#RRGGBB",
        help="Colour of the text.",
    ),
    click.option(
        "--handout-notes/--no-handout-notes", default=None,
        help="Print speaker notes in the reading handout (default: no).",
    ),
    click.option(
        "--allow-remote/--no-allow-remote", default=None,
        help="Fetch pictures from the web (default: no).",
    ),
)  # fmt: skip


def settings_options(function: F) -> F:
    """Options that override settings from the front matter and pyproject.toml."""
    for option in reversed(SETTING_OPTIONS):
        function = option(function)
    return function


def common_options(function: F) -> F:
    options = [
        click.argument("notes", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("-q", "--quiet", is_flag=True, help="Print errors only."),
        click.option(
            "-v", "--verbose", is_flag=True, help="Also print notes, settings and files written."
        ),
        click.option("--debug", is_flag=True, help="Show the traceback of an internal error."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def cli_settings(options: dict[str, Any]) -> dict[str, Any]:
    """The settings given on the command line, in the schema's names."""
    from .config import SETTING_KEYS

    settings = {k: v for k, v in options.items() if v is not None and k in SETTING_KEYS}
    if "per_page" in settings:
        settings["per_page"] = int(settings["per_page"])
    if "paper" in settings:
        settings["paper"] = "A4" if settings["paper"].lower() == "a4" else "Letter"
    for key in ("template", "templates"):
        if key in settings:
            settings[key] = str(Path(settings[key]).resolve())
    return settings
