"""File names for outputs: readable, valid on Windows, macOS and Linux, short, unique."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

MAX_NAME_BYTES = 80

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u2028\u2029]')
_SPACES = re.compile(r"[\s\u3000_]+")
_DASHES = re.compile(r"-{2,}")
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


def _truncate_utf8(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def slugify(title: str, limit: int = MAX_NAME_BYTES) -> str:
    """A file-name-safe form of ``title`` of at most ``limit`` UTF-8 bytes.

    Japanese is kept (every current file system stores it); characters that
    Windows forbids, control characters, and leading or trailing dots and
    spaces are removed; the result is NFC, so macOS and Linux agree on it.
    """
    text = unicodedata.normalize("NFKC", title)
    text = _FORBIDDEN.sub(" ", text)
    text = _SPACES.sub("-", text.strip())
    text = _DASHES.sub("-", text).strip("-. ")
    text = _truncate_utf8(text, limit).rstrip("-. ")
    if not text or _WINDOWS_RESERVED.match(text):
        text = f"_{text}" if text else ""
    return unicodedata.normalize("NFC", text)


def deck_file_name(number: int, title: str, count: int) -> str:
    """``NN-<slug>.pptx``: numbered so names never collide, at most 80 bytes."""
    width = max(2, len(str(count)))
    prefix = f"{number:0{width}d}"
    suffix = ".pptx"
    room = MAX_NAME_BYTES - len(prefix) - 1 - len(suffix)
    slug = slugify(title, room)
    return f"{prefix}-{slug}{suffix}" if slug else f"{prefix}{suffix}"


def output_stem(notes_stem: str) -> str:
    """The folder and PDF name for a notes file, safe like a deck name."""
    return slugify(notes_stem, MAX_NAME_BYTES - len("-slides.pdf")) or "notes"


def output_folder(notes: Path, out: Path) -> Path:
    """The folder inside ``out`` that the outputs of ``notes`` go to."""
    return out / output_stem(notes.stem)
