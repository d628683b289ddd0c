"""What each command loads: checking notes, or a rebuild with nothing to do, stays light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_font

HEAVY = ("weasyprint", "pptx", "PIL", "pygments", "jinja2", "fontTools")
# Standard modules only some notes need (settings in pyproject.toml, TOML front
# matter, pictures on the web, a progress bar, fonts, a misspelt key): a few
# milliseconds each.
ONLY_WHEN_NEEDED = ("json", "tomllib", "hashlib", "tempfile", "shutil", "ctypes", "difflib")
# What only writing outputs needs (temporary files, worker processes).
ONLY_TO_WRITE = ("tempfile", "shutil", "pickle", "signal")

# Runs the command in a fresh interpreter and prints the top-level modules it loaded.
PROBE = """
import sys
from publisher.cli import main
sys.argv = ["publisher", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


def _said(*arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "publisher", *arguments], capture_output=True, text=True
    )
    return done.stderr + done.stdout


def _loaded(*arguments: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, check=True
    )
    return set(done.stdout.strip().splitlines()[-1].split())


@pytest.mark.parametrize("notes", ["conference-notes.md", "no-front-matter.md"])
def test_check_loads_no_drawing_library(tmp_path: Path, notes: str) -> None:
    source = EXAMPLES / "conference-notes.md"
    path = tmp_path / notes
    text = source.read_text(encoding="utf-8")
    if notes == "no-front-matter.md":
        text = text.split("---\n", 2)[2]
    path.write_text(text, encoding="utf-8")
    loaded = _loaded("check", str(path))
    assert "publisher" in loaded and "markdown_it" in loaded
    assert not loaded & set(HEAVY)
    assert not loaded & set(ONLY_WHEN_NEEDED)
    if notes == "no-front-matter.md":
        assert "yaml" not in loaded  # only YAML front matter needs it


def test_rebuild_with_nothing_changed_loads_no_drawing_library(tmp_path: Path) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "notes.md"
    notes.write_text("# 勉強会\n\n## 【話】10min\n- 要点\n", encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "publisher", "build", str(notes), "-o", str(out)],
        check=True,
        capture_output=True,
    )
    loaded = _loaded("build", str(notes), "-o", str(out))
    assert "up to date" in _said("build", str(notes), "-o", str(out))
    assert not loaded & set(HEAVY)
    assert not loaded & set(ONLY_TO_WRITE)  # it writes nothing and starts no worker
    assert "markdown_it" not in loaded  # answered without parsing (publisher.uptodate)
