"""Which files and URLs a build may touch, decided in one place.

A notes file may use pictures in its own folder (and below). Nothing else is
read: no ``file://`` URL, no absolute path, no ``..`` that leaves the folder,
no symbolic link that points outside it, and no network address unless the
user asked for it with ``--allow-remote``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Resolved:
    """Where a reference leads: a local file, a remote URL, or a refusal."""

    kind: str  # "local", "remote", "data" or "refused"
    path: Path | None = None
    url: str = ""
    reason: str = ""


def is_within(path: Path, root: Path) -> bool:
    """True when ``path`` (already resolved) lies inside ``root`` (resolved)."""
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def path_in_notes(src: str) -> str:
    """The file a relative reference names, as written in the notes (``%20``, ``?``, ``#``
    read as in a web address)."""
    return unquote(urlsplit(src).path) if "%" in src or "?" in src or "#" in src else src


def resolve_reference(src: str, base_dir: Path, *, allow_remote: bool = False) -> Resolved:
    """Decide what a picture or link reference in the notes may load.

    ``base_dir`` is the folder of the notes file; only files inside it (after
    following symbolic links) are allowed.
    """
    src = src.strip()
    if not src:
        return Resolved("refused", reason="the picture has no address")
    if src.startswith("data:"):
        return Resolved("data", url=src)
    scheme_match = _SCHEME.match(src)
    if scheme_match and not _WINDOWS_DRIVE.match(src):
        scheme = scheme_match.group(1).lower()
        if scheme in ("http", "https"):
            if allow_remote:
                return Resolved("remote", url=src)
            return Resolved(
                "refused",
                url=src,
                reason="remote pictures are not fetched; download it next to the notes "
                "or build with --allow-remote",
            )
        return Resolved(
            "refused",
            url=src,
            reason=f"'{scheme}:' addresses are not read; "
            "put the file next to the notes and use a relative path",
        )
    relative = path_in_notes(src)
    if relative.startswith(("/", "\\")) or _WINDOWS_DRIVE.match(relative):
        return Resolved(
            "refused", reason="absolute paths are not read; use a path relative to the notes"
        )
    root = base_dir.resolve()
    candidate = (root / relative).resolve()
    if not is_within(candidate, root):
        return Resolved(
            "refused", reason="the file is outside the notes folder; copy it next to the notes"
        )
    if not candidate.is_file():
        return Resolved("refused", path=candidate, reason="the file does not exist")
    if not os.access(candidate, os.R_OK):
        return Resolved("refused", path=candidate, reason="the file cannot be read")
    return Resolved("local", path=candidate)
