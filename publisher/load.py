"""From a notes path to a checked model and its settings, before anything is written.

Gathers everything a build needs and reports every problem at once:
the text, the model, and the settings merged in one precedence
(command line > front matter > ``[tool.publisher]`` in a ``pyproject.toml``
beside the notes > defaults).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .config import (
    FONT_SUFFIXES,
    SETTING_KEYS,
    Config,
    check_settings,
    resolve,
    unknown_key_diagnostics,
)
from .diagnostics import Diagnostic, UserError, has_errors
from .model import Event
from .read import read_notes_and_bytes

# Settings whose value is a path: written relative to the file that sets them
# (the command line: relative to the current folder).
PATH_KEYS = ("template", "templates", "output")

# Settings that may name a font file instead of a family.
FONT_KEYS = ("font_ja", "font_latin", "font_mono")

COMMAND_LINE = "command line"

# Where a setting came from: the file (or "command line") and the line of its key.
Source = tuple[str, int | None]


@dataclass(frozen=True)
class Loaded:
    """A parsed notes file with its settings, ready to build."""

    path: Path
    event: Event
    config: Config
    diagnostics: tuple[Diagnostic, ...]
    # Where each setting that is not a default came from: (file or "command line", line).
    sources: Mapping[str, Source] = field(default_factory=dict)
    # The settings given on the command line, as given (for publisher.buildkeys.given_key).
    command_line: Mapping[str, Any] = field(default_factory=dict)
    # The bytes that were read and parsed (empty when not known: read the file again).
    notes_bytes: bytes = b""

    @property
    def base_dir(self) -> Path:
        return self.path.parent

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def project_settings(notes: Path) -> tuple[dict[str, Any], list[Diagnostic]]:
    """``[tool.publisher]`` of a ``pyproject.toml`` in the notes' folder, validated."""
    settings, _lines, problems = _project_layer(notes)
    return settings, problems


def _project_layer(notes: Path) -> tuple[dict[str, Any], dict[str, int], list[Diagnostic]]:
    """The valid settings of ``[tool.publisher]``, the line of each key, every problem."""
    pyproject = notes.parent / "pyproject.toml"
    if not pyproject.is_file():
        return {}, {}, []
    import tomllib  # only here: most notes have no pyproject.toml beside them

    shown = str(pyproject)
    try:
        source = pyproject.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return {}, {}, [_unreadable(shown, error)]
    table = data.get("tool", {}).get("publisher", {})
    lines = _toml_key_lines(source, "tool.publisher")
    if not isinstance(table, dict):
        problem = Diagnostic(shown, None, "error", "[tool.publisher] must be a table")
        return {}, {}, [problem]
    problems: list[Diagnostic] = []
    valid: dict[str, Any] = {}
    for key, value in table.items():
        line = lines.get(key)
        problems += [
            replace(d, message=d.message.replace("front matter key", "[tool.publisher] key"))
            for d in unknown_key_diagnostics([key], shown, line, known=SETTING_KEYS)
        ]
        found, invalid = check_settings({key: value}, shown, line, source="[tool.publisher]")
        valid.update(found)
        problems += invalid
    named = {key.replace("-", "_"): line for key, line in lines.items()}
    return _anchor_paths(valid, pyproject.parent), named, problems


_TABLE = re.compile(r"^\s*\[\s*(?P<name>[^\[\]]+?)\s*\]\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"^\s*[\"']?(?P<key>[A-Za-z0-9_\-]+)[\"']?\s*=")


def _toml_key_lines(source: str, table: str) -> dict[str, int]:
    """The line of every key written directly in ``[table]`` (1-based)."""
    found: dict[str, int] = {}
    inside = False
    for number, line in enumerate(source.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            inside = header["name"].replace(" ", "").strip("\"'") == table
            continue
        key = _TOML_KEY.match(line) if inside else None
        if key:
            found.setdefault(key["key"], number)
    return found


def _unreadable(shown: str, error: Exception) -> Diagnostic:
    """A pyproject.toml that cannot be read: where, why, and what to do."""
    found = re.search(r"\(at line (\d+), column \d+\)", str(error))
    reason = str(error).replace(found[0], "").strip() if found else str(error)
    message = f"cannot read settings: {reason}; fix the file or move it away from the notes"
    return Diagnostic(shown, int(found[1]) if found else None, "error", message)


def _anchor_paths(settings: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Make path settings absolute, relative to the file that gave them."""
    anchored = dict(settings)
    for key in PATH_KEYS:
        if anchored.get(key):
            anchored[key] = str((folder / anchored[key]).resolve())
    return anchored


_OUTSIDE_HINT = {
    "output": "write the outputs inside the notes folder or pass --out on the command line",
    "template": "copy it next to the notes or pass --template on the command line",
    "templates": "copy it next to the notes or pass --templates on the command line",
}


def _check_front_matter_paths(
    settings: dict[str, Any], notes: Path, lines: Mapping[str, int]
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """Front matter may only name files and folders inside the notes' folder."""
    from .resources import is_within

    root = notes.parent.resolve()
    anchored = _anchor_paths(settings, root)
    problems: list[Diagnostic] = []
    for key in PATH_KEYS:
        value = anchored.get(key)
        if value and not is_within(Path(value), root):
            message = f"front matter '{key}' points outside the notes folder; {_OUTSIDE_HINT[key]}"
            problems.append(Diagnostic(str(notes), lines.get(key, 1), "error", message))
            del anchored[key]
    for key in FONT_KEYS:  # a font file (not a family name) is read and embedded in the PDFs
        value = anchored.get(key)
        if _is_font_file(value) and not is_within((root / str(value)).resolve(), root):
            flag = "--" + key.replace("_", "-")
            message = (
                f"front matter '{key}' points outside the notes folder; "
                f"copy the font next to the notes or pass {flag} on the command line"
            )
            problems.append(Diagnostic(str(notes), lines.get(key, 1), "error", message))
            del anchored[key]
    return anchored, problems


def _is_font_file(value: Any) -> bool:
    return isinstance(value, str) and value.lower().endswith(FONT_SUFFIXES)


def _front_matter_lines(text: str, notes: Path) -> dict[str, int]:
    """The line of every front matter key, by its setting name."""
    from .frontmatter import split_front_matter

    lines = split_front_matter(text, str(notes)).key_lines
    return {key.replace("-", "_"): line for key, line in lines.items()}


def _check_files(config: Config, sources: Mapping[str, Source]) -> list[Diagnostic]:
    """The template file and the templates folder exist, before anything is built."""
    problems: list[Diagnostic] = []

    def report(key: str, message: str) -> None:
        path, line = sources.get(key, (COMMAND_LINE, None))
        setting = f"--{key}" if path == COMMAND_LINE else f"'{key}'"
        problems.append(Diagnostic(path, line, "error", f"{setting}: {message}"))

    if config.template and not Path(config.template).is_file():
        report("template", f"no such file: {config.template}")
    if config.templates and not Path(config.templates).is_dir():
        report("templates", f"no such folder: {config.templates}")
    return problems


def load(notes: Path, cli_settings: Mapping[str, Any] | None = None) -> Loaded:
    """Read, parse and configure ``notes``. Raises UserError when it cannot be read.

    Settings are merged in one precedence: ``cli_settings`` > front matter >
    ``[tool.publisher]`` in a ``pyproject.toml`` beside the notes > defaults.
    Every problem of every source is in the result's diagnostics.
    """
    from .parse import parse

    cli = dict(cli_settings or {})
    data, text, diagnostics = read_notes_and_bytes(notes)
    project, project_lines, project_problems = _project_layer(notes)
    level = int(cli.get("session_level") or 0)
    event, parse_problems = parse(text, str(notes), session_level=level)
    front = dict(event.settings)
    if not level and "session_level" not in front and project.get("session_level"):
        event, parse_problems = parse(text, str(notes), session_level=project["session_level"])
    front_lines = _front_matter_lines(text, notes) if front else {}
    front, path_problems = _check_front_matter_paths(front, notes, front_lines)
    config = resolve(project, front, cli)
    if config.lang:
        event = replace(event, lang=config.lang)
    sources: dict[str, Source] = {}
    pyproject = str(notes.parent / "pyproject.toml")
    sources.update((key, (pyproject, project_lines.get(key))) for key in project)
    sources.update((key, (str(notes), front_lines.get(key))) for key in front)
    sources.update((key, (COMMAND_LINE, None)) for key in cli)
    everything = (
        diagnostics
        + project_problems
        + parse_problems
        + path_problems
        + _check_files(config, sources)
    )
    return Loaded(notes, event, config, tuple(everything), sources, cli, data)


def load_or_raise(notes: Path, cli_settings: Mapping[str, Any] | None = None) -> Loaded:
    """Like :func:`load`, but a model with errors raises UserError with all of them."""
    loaded = load(notes, cli_settings)
    if not loaded.ok:
        raise UserError(*loaded.diagnostics)
    return loaded
