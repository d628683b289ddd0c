"""From a notes path to a checked model and its settings, before anything is written.

Gathers everything a build needs and reports every problem at once:
the text, the model, and the settings merged in one precedence
(command line > front matter > ``[tool.publisher]`` in a ``pyproject.toml``
beside the notes > defaults).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .config import SETTING_KEYS, Config, check_settings, resolve, unknown_key_diagnostics
from .diagnostics import Diagnostic, UserError, has_errors
from .model import Event
from .read import read_notes

# Settings whose value is a path: written relative to the file that sets them.
PATH_KEYS = ("template", "templates")


@dataclass(frozen=True)
class Loaded:
    """A parsed notes file with its settings, ready to build."""

    path: Path
    event: Event
    config: Config
    diagnostics: tuple[Diagnostic, ...]

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def project_settings(notes: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """``[tool.publisher]`` of a ``pyproject.toml`` in the notes' folder, validated."""
    pyproject = notes.parent / "pyproject.toml"
    if not pyproject.is_file():
        return {}, []
    shown = str(pyproject)
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, [Diagnostic(shown, None, "error", f"cannot read settings: {error}")]
    table = data.get("tool", {}).get("publisher", {})
    if not isinstance(table, dict):
        return {}, [Diagnostic(shown, None, "error", "[tool.publisher] must be a table")]
    problems = [
        replace(d, message=d.message.replace("front matter key", "[tool.publisher] key"))
        for d in unknown_key_diagnostics(list(table), shown, None, known=SETTING_KEYS)
    ]
    valid, invalid = check_settings(table, shown, None, source="[tool.publisher]")
    return _anchor_paths(valid, pyproject.parent), problems + invalid


def _anchor_paths(settings: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make path settings absolute, relative to the file that gave them."""
    anchored = dict(settings)
    for key in PATH_KEYS:
        if anchored.get(key):
            anchored[key] = str((folder / anchored[key]).resolve())
    return anchored


def _check_front_matter_paths(
    settings: dict[str, Any], notes: Path
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Front matter may only name files inside the notes' folder."""
    from .resources import is_within

    root = notes.parent.resolve()
    anchored = _anchor_paths(settings, root)
    problems: list[Diagnostic] = []
    for key in PATH_KEYS:
        value = anchored.get(key)
        if value and not is_within(Path(value), root):
            problems.append(
                Diagnostic(
                    str(notes),
                    1,
                    "error",
                    f"front matter '{key}' points outside the "
                    "notes folder; copy it next to the notes or pass it on the command line",
                )
            )
            del anchored[key]
    return anchored, problems


def load(notes: Path, cli_settings: Mapping[str, Any] | None = None) -> Loaded:
    """Read, parse and configure ``notes``. Raises UserError when it cannot be read."""
    from .parse import parse

    cli = dict(cli_settings or {})
    text, diagnostics = read_notes(notes)
    project, project_problems = project_settings(notes)
    level = int(cli.get("session_level") or 0)
    event, parse_problems = parse(text, str(notes), session_level=level)
    front = dict(event.settings)
    if not level and "session_level" not in front and project.get("session_level"):
        event, parse_problems = parse(text, str(notes), session_level=project["session_level"])
    front, path_problems = _check_front_matter_paths(front, notes)
    config = resolve(project, front, cli)
    if config.lang:
        event = replace(event, lang=config.lang)
    everything = diagnostics + project_problems + parse_problems + path_problems
    return Loaded(notes, event, config, tuple(everything))


def load_or_raise(notes: Path, cli_settings: Mapping[str, Any] | None = None) -> Loaded:
    """Like :func:`load`, but a model with errors raises UserError with all of them."""
    loaded = load(notes, cli_settings)
    if not loaded.ok:
        raise UserError(*loaded.diagnostics)
    return loaded
