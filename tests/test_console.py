"""Terminal output: coloured diagnostics on a terminal only, a progress line for slow builds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.console import Progress, Reporter


def _warned(tmp_path: Path) -> Path:
    notes = tmp_path / "n.md"
    notes.write_text("---\ntitel: x\n---\n# E\n\n## Talk\n- a\n", encoding="utf-8")
    return notes


def test_diagnostics_are_coloured_on_a_terminal(tmp_path: Path) -> None:
    done = CliRunner().invoke(main, ["check", str(_warned(tmp_path))], color=True)
    assert "\x1b[33m" in done.stderr  # yellow "warning:"
    plain = CliRunner().invoke(main, ["check", str(_warned(tmp_path))])
    assert "\x1b[" not in plain.stderr and "warning: unknown front matter key" in plain.stderr


def test_diagnostics_come_in_line_order(capsys: pytest.CaptureFixture[str]) -> None:
    from publisher.diagnostics import Diagnostic

    Reporter().show(
        [
            Diagnostic("b.md", 3, "warning", "third of b"),
            Diagnostic("a.md", 30, "warning", "late in a"),
            Diagnostic("a.md", None, "warning", "about a as a whole"),
            Diagnostic("a.md", 4, "error", "early in a"),
        ]
    )
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == ["a.md", "a.md:4", "a.md:30", "b.md:3"]


def test_no_colour_with_no_color(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    done = CliRunner().invoke(main, ["check", str(_warned(tmp_path))], color=True)
    assert "\x1b[" not in done.stderr and "warning:" in done.stderr


def test_notes_only_when_verbose(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("---\ntags: [a]\n---\n# E\n\n## Talk\n- a\n", encoding="utf-8")
    assert "note:" not in CliRunner().invoke(main, ["check", str(notes)]).stderr
    verbose = CliRunner().invoke(main, ["check", "-v", str(notes)]).stderr
    assert "note: front matter keys for blog engines ignored: tags" in verbose


class Screen:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_appears_only_after_a_second_and_is_wiped() -> None:
    now = [0.0]
    screen = Screen()
    bar = Progress(4, "building n.md", stream=screen, clock=lambda: now[0])  # type: ignore[arg-type]
    bar("out/slides/01-a.pptx")
    assert screen.text == ""  # a fast build shows no bar
    now[0] = 1.5
    bar("out/slides/02-b.pptx")
    assert "building n.md [############------------] 2/4 02-b.pptx" in screen.text
    bar.close()
    assert screen.text.endswith("\r")
    assert bar.done == 2


def test_no_progress_in_ci_or_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("CI", "true")
    assert Reporter().progress(3, "x").stream is None
    monkeypatch.delenv("CI")
    assert Reporter(quiet=True).progress(3, "x").stream is None
    assert Reporter().progress(3, "x").stream is sys.stderr


def test_the_line_fits_the_terminal_with_wide_characters() -> None:
    from publisher.console import fit_width

    assert fit_width("abc", 5) == "abc  "
    assert fit_width("あいう", 5) == "あい "  # two cells each; the third does not fit
    assert fit_width("aあい", 4) == "aあ "
