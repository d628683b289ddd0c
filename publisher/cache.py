"""What the last build of a notes file wrote, so a rebuild skips what has not changed.

``OUT/<stem>/.publisher-cache.json`` maps each output (its name inside the
folder) to the key of what it was made from, and the size and modification
time it was left with::

    {"format": 1, "inputs": "…", "outputs": {"slides/01-intro.pptx":
        {"key": "…", "size": 48211, "mtime_ns": 1700000000000000000,
         "diagnostics": [["notes.md", 12, "warning", "…"]]}},
     "given": [{"key": "…", "checks": [["stamp", "/…/a.png", "…"]],
                "loaded": [["notes.md", 3, "warning", "…"]], "reported": [],
                "folder": "build/notes", "outputs": ["…"]}]}

``given`` lets a rebuild with nothing changed answer without parsing the
notes (:mod:`publisher.uptodate`): one record for each set of outputs asked
for (``publisher pdf``, ``slides``, ``build``).

An output is *fresh* when its key is the one recorded and the file is still
there, unmodified (same size and time). Keys are SHA-256 digests of
everything the output is made from (see :mod:`publisher.build`), including
this package's own code and the versions of the libraries that draw, so a
changed template, setting or program makes a new key. The cache can only
save work: a missing, unreadable or foreign file is an empty cache, and an
output that is not fresh is built again.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .diagnostics import Diagnostic, UserError

CACHE_NAME = ".publisher-cache.json"
FORMAT = 1


def digest(*parts: str | bytes) -> str:
    """A SHA-256 of ``parts``, each length-prefixed so no two lists give the same bytes."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def file_stamp(path: Path) -> str:
    """Size and modification time of ``path``, or "missing"."""
    try:
        status = path.stat()
    except OSError:
        return f"{path}:missing"
    return f"{path}:{status.st_size}:{status.st_mtime_ns}"


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, or "missing"."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return "missing"


def folder_digest(folder: Path) -> str:
    """SHA-256 over every file below ``folder``: names and contents ("missing" when it is
    not a folder, so that removing an empty one is a change)."""
    if not folder.is_dir():
        return "missing"
    parts: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        parts += [str(path.relative_to(folder)), file_digest(path)]
    return digest(*parts)


@functools.cache
def program_key() -> str:
    """Stands for the program that builds: this package's files and the drawing libraries.

    Made from file stamps (size and time), not contents, so it costs a few
    milliseconds: editing, upgrading or checking out another version changes it,
    and so does installing, upgrading or removing a library.
    """
    package = Path(__file__).resolve().parent
    stamps = [file_stamp(p) for p in sorted(package.rglob("*.py"))]
    stamps += [file_stamp(p) for p in sorted(_builtin_templates().rglob("*")) if p.is_file()]
    # Installing, upgrading or removing a library adds or removes folders in these.
    stamps += [file_stamp(Path(folder)) for folder in sorted(_library_folders())]
    return digest(*stamps)


def _library_folders() -> set[str]:
    import site

    folders = set(site.getsitepackages()) | {site.getusersitepackages()}
    return {folder for folder in folders if os.path.isdir(folder)}


def _builtin_templates() -> Path:
    """The built-in templates, found as :func:`publisher.handout.builtin_templates` does
    (that module imports Jinja2, which a rebuild with nothing to do does not need)."""
    packaged = Path(__file__).resolve().parent / "templates"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[1] / "templates"


def _as_diagnostics(items: Any) -> list[Diagnostic]:
    found = []
    for item in items if isinstance(items, list) else []:
        if (
            isinstance(item, list)
            and len(item) == 4
            and isinstance(item[0], str)
            and (item[1] is None or isinstance(item[1], int))
            and item[2] in ("error", "warning", "note")
            and isinstance(item[3], str)
        ):
            found.append(Diagnostic(item[0], item[1], item[2], item[3]))
    return found


def _as_lists(diagnostics: Iterable[Diagnostic]) -> list[list[Any]]:
    return [[d.path, d.line, d.level, d.message] for d in diagnostics]


# A file an input key was made from: (how it was looked at, its path, what that gave).
# How: "digest" (its bytes), "folder" (every file below it), "stamp" (size and time) or
# "resolves" (where a path leads once links are followed, and whether it can be read):
# publisher.buildkeys looks, a Given record keeps what it saw.
Check = tuple[str, str, str]


@dataclass(frozen=True)
class Given:
    """What a build was given, for a rebuild that need not parse the notes.

    ``key`` is :func:`publisher.buildkeys.given_key`; ``checks`` the files it
    read besides, each with what it gave; ``loaded`` what loading the notes
    reported and ``reported`` what the build reported; ``folder`` the output
    folder as the build named it; ``outputs`` the outputs' names in it.
    """

    key: str
    checks: tuple[Check, ...]
    loaded: tuple[Diagnostic, ...]
    folder: str
    outputs: tuple[str, ...]
    reported: tuple[Diagnostic, ...] = ()

    @classmethod
    def read(cls, data: Any) -> Given | None:
        """The record in the cache file; None when there is none or it is damaged."""
        if not isinstance(data, dict) or not all(
            isinstance(data.get(name), str) for name in ("key", "folder")
        ):
            return None
        checks, outputs = data.get("checks"), data.get("outputs")
        if not isinstance(checks, list) or not isinstance(outputs, list):
            return None
        if not all(
            isinstance(c, list) and len(c) == 3 and all(isinstance(x, str) for x in c)
            for c in checks
        ) or not all(isinstance(name, str) for name in outputs):
            return None
        return cls(
            data["key"],
            tuple((c[0], c[1], c[2]) for c in checks),
            tuple(_as_diagnostics(data.get("loaded"))),
            data["folder"],
            tuple(outputs),
            tuple(_as_diagnostics(data.get("reported"))),
        )

    def written(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "checks": [list(check) for check in self.checks],
            "loaded": _as_lists(self.loaded),
            "folder": self.folder,
            "outputs": list(self.outputs),
            "reported": _as_lists(self.reported),
        }


class BuildCache:
    """The cache file of one output folder: read once, updated, saved after the outputs."""

    def __init__(self, folder: Path, data: Mapping[str, Any] | None = None) -> None:
        self.folder = folder
        self.path = folder / CACHE_NAME
        data = data or {}
        inputs = data.get("inputs")
        self.inputs: str = inputs if isinstance(inputs, str) else ""
        self.reported: list[Diagnostic] = _as_diagnostics(data.get("diagnostics"))
        records = data.get("given")
        found = [Given.read(item) for item in (records if isinstance(records, list) else [])]
        self.given: list[Given] = [record for record in found if record is not None]
        outputs = data.get("outputs")
        self.outputs: dict[str, dict[str, Any]] = {}
        if isinstance(outputs, dict):
            self.outputs = {k: v for k, v in outputs.items() if isinstance(v, dict)}

    @classmethod
    def load(cls, folder: Path) -> BuildCache:
        """The cache of ``folder``; empty when there is none or it cannot be trusted."""
        try:
            data = json.loads((folder / CACHE_NAME).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return cls(folder)
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return cls(folder)
        return cls(folder, data)

    def name(self, output: Path) -> str:
        """How ``output`` is named in the cache: its path inside the folder."""
        return output.relative_to(self.folder).as_posix()

    def fresh(self, output: Path, key: str) -> bool:
        """True when ``output`` was made from ``key`` and is still as it was written."""
        entry = self.outputs.get(self.name(output)) or {}
        return entry.get("key") == key and self.intact(output)

    def intact(self, output: Path) -> bool:
        """True when ``output`` is still the file the last build left (size and time)."""
        entry = self.outputs.get(self.name(output))
        if not entry:
            return False
        try:
            status = output.stat()
        except OSError:
            return False
        return bool(
            entry.get("size") == status.st_size and entry.get("mtime_ns") == status.st_mtime_ns
        )

    def diagnostics(self, output: Path) -> list[Diagnostic]:
        """What making ``output`` reported, to report again when it is kept."""
        entry = self.outputs.get(self.name(output)) or {}
        return _as_diagnostics(entry.get("diagnostics"))

    def record(self, output: Path, key: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        """Remember that ``output`` (just written) was made from ``key``."""
        status = output.stat()
        self.outputs[self.name(output)] = {
            "key": key,
            "size": status.st_size,
            "mtime_ns": status.st_mtime_ns,
            "diagnostics": _as_lists(diagnostics),
        }

    def remember(self, given: Given | None, rewritten: Iterable[Path] = ()) -> None:
        """Keep ``given`` (in place of a record of the same outputs) and forget the records
        whose outputs were just ``rewritten``: they describe them no more."""
        names = {self.name(path) for path in rewritten}
        self.given = [
            record
            for record in self.given
            if not names & set(record.outputs)
            and (given is None or set(record.outputs) != set(given.outputs))
        ]
        if given is not None:
            self.given.append(given)

    def forget(self, output: Path) -> None:
        self.outputs.pop(self.name(output), None)

    def keep_only(self, outputs: Iterable[Path]) -> None:
        """Forget every output not in ``outputs`` (removed decks, outputs not built)."""
        names = {self.name(o) for o in outputs}
        self.outputs = {k: v for k, v in self.outputs.items() if k in names}

    def save(self) -> None:
        """Write the cache next to the outputs (atomically); a failure only costs a rebuild."""
        data = {
            "format": FORMAT,
            "inputs": self.inputs,
            "diagnostics": _as_lists(self.reported),
            "outputs": self.outputs,
            "given": [record.written() for record in self.given],
        }
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        try:
            write_atomic(self.path, text.encode("utf-8"))
        except (OSError, UserError):
            with contextlib.suppress(OSError):
                os.unlink(self.path)
