"""Faults: outputs that cannot be written, builds killed half-way, builds at the same time,
and a bug inside publisher.

What must hold: an output is always either the previous one or a complete new
one, a killed build's leftovers are cleared by the next build, builds at the
same time do not spoil each other, and a bug prints one line (``--debug``: the
traceback), never a traceback by default.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad_input_cases import publisher_command
from click.testing import CliRunner
from conftest import EXAMPLES, require_font
from deck_words import xml_text

from publisher.atomic import atomic_output, remove_stale_parts, write_atomic
from publisher.diagnostics import UserError

# --- writing one output -------------------------------------------------------------------


def test_a_killed_writers_temporary_file_is_removed_by_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "notes.pdf"
    left = tmp_path / ".notes.pdf.k1ll3d.part"
    left.write_bytes(b"half a PDF")
    other = tmp_path / ".other.pdf.k1ll3d.part"  # another output's: left for its own write
    other.write_bytes(b"half")
    write_atomic(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "notes.pdf"]


def test_only_the_outputs_own_temporary_files_are_removed_even_with_brackets(
    tmp_path: Path,
) -> None:
    mine = tmp_path / ".01-a[1].pptx.x.part"
    other = tmp_path / ".01-a1.pptx.x.part"  # what the name would match as a pattern
    for part in (mine, other):
        part.write_bytes(b"left by a killed build")
    write_atomic(tmp_path / "01-a[1].pptx", b"PK")
    assert sorted(p.name for p in tmp_path.iterdir()) == [other.name, "01-a[1].pptx"]


@pytest.fixture
def live_writer(tmp_path: Path) -> Iterator[Path]:
    """A temporary file held (locked) by another running process, as a build writing it."""
    part = tmp_path / ".notes.pdf.l1ve.part"
    part.write_bytes(b"being written")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time\n"
            "f = open(sys.argv[1], 'rb')\n"
            "fcntl.flock(f, fcntl.LOCK_EX)\n"
            "print('locked', flush=True)\n"
            "time.sleep(60)\n",
            str(part),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield part
    finally:
        holder.kill()
        holder.communicate()


def test_a_temporary_file_another_build_is_writing_is_left_alone(
    live_writer: Path, tmp_path: Path
) -> None:
    write_atomic(tmp_path / "notes.pdf", b"%PDF-mine")
    assert live_writer.exists()
    assert remove_stale_parts(tmp_path) == []


def test_a_temporary_file_is_locked_while_it_is_written(tmp_path: Path) -> None:
    with atomic_output(tmp_path / "deck.pptx") as stream:
        stream.write(b"PK")
        (part,) = tmp_path.glob(".deck.pptx.*.part")
        with part.open("rb") as other, pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        assert remove_stale_parts(tmp_path) == []
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_an_output_that_cannot_be_written_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file where a folder should be")
    target = tmp_path / "taken" / "out" / "notes.pdf"
    with pytest.raises(UserError) as raised:
        write_atomic(target, b"%PDF")
    (problem,) = raised.value.diagnostics
    assert problem.path == str(target) and problem.level == "error"
    assert "Not a directory" in problem.message and "-o" in problem.message


# --- a build killed half-way -------------------------------------------------------------


def _build(notes: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*publisher_command(), "build", str(notes), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the kill reaches its workers too
    )


def _complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and "ppt/presentation.xml" in archive.namelist()


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        str(p.relative_to(folder))
        for p in folder.rglob(".*")
        if p.name.endswith(".part") or p.name.startswith(".staging")
    )


def _outputs(folder: Path) -> dict[Path, bytes]:
    found = [folder / f"{folder.name}.pdf", folder / f"{folder.name}-slides.pdf"]
    found += sorted((folder / "slides").glob("*.pptx"))
    return {p: p.read_bytes() for p in found}


def _sessions(text: str, count: int) -> str:
    """The notes up to their ``count``-th talk (a shorter build to kill)."""
    heads = [i for i, line in enumerate(text.split("\n")) if line.startswith("## ")]
    return "\n".join(text.split("\n")[: heads[count]]) + "\n"


def test_a_killed_build_leaves_each_output_old_or_whole_and_the_next_build_cleans_up(
    tmp_path: Path,
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "notes.md"
    text = _sessions((EXAMPLES / "conference-notes.md").read_text(encoding="utf-8"), 3)
    notes.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    first = _build(notes, out)
    _, stderr = first.communicate(timeout=600)
    assert first.returncode == 0, stderr
    took = time.monotonic() - started
    previous = _outputs(out / "notes")
    assert len(previous) == 5
    notes.write_text(text.replace("\n- ", "\n- 改訂 "), encoding="utf-8")  # every deck changes
    killed_during_build = 0
    for share in (0.3, 0.55, 0.8):
        build = _build(notes, out)
        time.sleep(took * share)
        if build.poll() is None:
            killed_during_build += 1
        os.killpg(build.pid, signal.SIGKILL)
        build.communicate(timeout=60)
        now = _outputs(out / "notes")
        assert set(now) == set(previous), "an output is missing"
        for path, data in now.items():
            assert data == previous[path] or _complete(path), f"{path.name} is partial"
    assert killed_during_build >= 2, "the builds ended before the kills: nothing was shown"
    last = _build(notes, out)
    _, stderr = last.communicate(timeout=600)
    assert last.returncode == 0, stderr
    final = _outputs(out / "notes")
    assert all(_complete(p) and data != previous[p] for p, data in final.items())
    assert _leftovers(out) == []


# --- builds at the same time ---------------------------------------------------------------


def _talks(word: str) -> str:
    return "".join(f"## {word} talk {n}\n- {word} point {n}\n  - {word} detail\n" for n in (1, 2))


WORDS = ("alpha", "bravo", "charlie")


@pytest.fixture(scope="module")
def at_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Three notes built into one folder at once, the first of them twice (four processes)."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    root = tmp_path_factory.mktemp("at-once")
    for word in WORDS:
        (root / f"{word}.md").write_text(f"# {word} day\n\n{_talks(word)}", encoding="utf-8")
    out = root / "out"
    builds = [_build(root / f"{word}.md", out) for word in (*WORDS, WORDS[0])]
    errors = []
    for build in builds:
        _, stderr = build.communicate(timeout=600)
        errors.append(stderr if build.returncode else "")
    return out, errors


def test_builds_at_once_succeed_even_of_the_same_notes_and_leave_no_temporary_file(
    at_once: tuple[Path, list[str]],
) -> None:
    out, errors = at_once
    assert errors == ["", "", "", ""]
    assert _leftovers(out) == []


@pytest.mark.parametrize("word", WORDS)
def test_builds_of_different_notes_into_one_folder_at_once_do_not_interfere(
    at_once: tuple[Path, list[str]], word: str
) -> None:
    out, _ = at_once
    outputs = _outputs(out / word)
    assert len(outputs) == 4 and all(_complete(p) for p in outputs)
    text = " ".join(xml_text(p) for p in outputs if p.suffix == ".pptx")
    assert f"{word} point 1" in text and f"{word} point 2" in text
    assert not [w for w in WORDS if w != word and w in text]


# --- a bug inside publisher ------------------------------------------------------------


def _broken_build(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the renderer fell over")


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    import publisher.build

    monkeypatch.setattr(publisher.build, "build", _broken_build)
    notes = tmp_path / "notes.md"
    notes.write_text("# Day\n\n## Talk\n- point\n", encoding="utf-8")
    return notes


def test_an_internal_error_is_one_line_saying_where_to_report_it(broken: Path) -> None:
    from publisher.cli import REPORT_URL, main

    result = CliRunner().invoke(main, ["build", str(broken), "-o", str(broken.parent / "out")])
    assert result.exit_code == 3
    assert "Traceback" not in result.output
    lines = [x for x in result.stderr.splitlines() if "internal error" in x]
    assert len(lines) == 1
    assert "RuntimeError: the renderer fell over" in lines[0] and REPORT_URL in lines[0]


def test_debug_shows_the_traceback_of_an_internal_error(broken: Path) -> None:
    from publisher.cli import main

    args = ["build", "--debug", str(broken), "-o", str(broken.parent / "out")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "_broken_build" in result.stderr
