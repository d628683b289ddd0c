"""Shared test helpers: real components, the corpus, the bundled example."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLES = ROOT / "examples"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(command: str, package: str = "") -> str:
    """The path of ``command``; skip the test when it is missing (fail in CI)."""
    found = shutil.which(command)
    if found:
        return found
    hint = f" (install {package})" if package else ""
    message = f"'{command}' is not installed{hint}"
    if in_ci():
        pytest.fail(message + "; CI must have it")
    pytest.skip(message)


def corpus_files() -> list[Path]:
    """The shared corpus's notes files; empty when the folder is absent."""
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.glob("*.md"), key=lambda p: p.name)


def require_corpus(name: str = "") -> Path:
    """The corpus folder (or one file in it); skip when it is absent."""
    target = CORPUS / name if name else CORPUS
    if not target.exists():
        pytest.skip(f"corpus not found at {target}")
    return target


def require_font(family: str, package: str) -> None:
    """Skip the test when fontconfig has no ``family`` (fail in CI)."""
    require_tool("fc-match", "fontconfig")
    from publisher.fonts import fc_match

    if fc_match(family) is None:
        message = f"the font {family} is not installed (install {package})"
        if in_ci():
            pytest.fail(message + "; CI must have it")
        pytest.skip(message)
