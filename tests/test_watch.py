"""Rebuild on save: what is watched, what counts as a change, and the polling loop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from publisher.load import load
from publisher.watch import (
    Job,
    OutputChanges,
    base_inputs,
    changed,
    digests,
    inputs_of,
    output_files,
    snapshot,
    stamp,
    watch,
)


def _touch(path: Path, text: str, tick: int) -> None:
    """Write ``text`` and give the file a modification time of its own."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_000_000_000 * tick, 1_000_000_000 * tick))


def test_a_missing_file_has_no_stamp_and_appearing_is_a_change(tmp_path: Path) -> None:
    target = tmp_path / "a.png"
    before = snapshot([target])
    assert before == {target: None}
    _touch(target, "x", 5)
    assert stamp(target) == (5_000_000_000, 1)
    assert changed(before, snapshot([target])) == [target]


def test_changes_are_content_saves_not_looks(tmp_path: Path) -> None:
    notes, other = tmp_path / "n.md", tmp_path / "p.toml"
    _touch(notes, "# a\n", 1)
    _touch(other, "", 1)
    first = snapshot([notes, other])
    assert changed(first, snapshot([notes, other])) == []
    _touch(notes, "# b\n", 2)
    assert changed(first, snapshot([notes, other])) == [notes]
    other.unlink()
    assert changed(first, snapshot([notes, other])) == [notes, other]


def test_inputs_are_the_notes_settings_template_and_pictures(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(b"not checked here")
    (tmp_path / "company.pptx").write_bytes(b"")
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "handout.css").write_text("", encoding="utf-8")
    (theme / "partials" / "blocks.j2").write_text("", encoding="utf-8")
    notes = tmp_path / "n.md"
    notes.write_text(
        "---\ntemplate: company.pptx\ntemplates: theme\n---\n# E\n\n## Talk\n"
        "- a\n\n![here](here.png)\n\n![later](pics/later.png)\n\n"
        "![web](https://example.com/x.png)\n",
        encoding="utf-8",
    )
    found = inputs_of(load(notes))
    root = tmp_path.resolve()
    assert found >= {
        root / "n.md",
        root / "pyproject.toml",  # watched before it exists: creating it rebuilds
        root / "company.pptx",
        root / "theme" / "handout.css",
        root / "theme" / "partials" / "blocks.j2",
        root / "here.png",
        root / "pics" / "later.png",  # missing: adding it rebuilds
    }
    assert not [p for p in found if "example.com" in str(p)]
    assert base_inputs(notes) == {root / "n.md", root / "pyproject.toml"}


def test_output_changes_name_what_a_rebuild_rewrote(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "n"
    (folder / "slides").mkdir(parents=True)
    a, b, c = folder / "n.pdf", folder / "slides" / "01-a.pptx", folder / "slides" / "02-b.pptx"
    for path in (a, b, c):
        path.write_bytes(path.name.encode())
    assert output_files(folder) == sorted([a, b, c])
    before = digests(output_files(folder))
    b.write_bytes(b"new")
    c.unlink()
    changes = OutputChanges.between(before, digests(output_files(folder)))
    assert changes == OutputChanges(updated=(b,), removed=(c,), unchanged=1)
    described = "updated slides/01-a.pptx; removed slides/02-b.pptx; 1 unchanged"
    assert changes.describe(folder) == described
    assert OutputChanges().describe(folder) == "no outputs"


class FakeClock:
    """A sleep that runs a script of edits, one per look, instead of waiting."""

    def __init__(self, edits: dict[int, object]) -> None:
        self.edits = edits
        self.looks = 0

    def __call__(self, seconds: float) -> None:
        assert 0 < seconds <= 0.5
        if seconds == 0.5:
            self.looks += 1
            edit = self.edits.get(self.looks)
            if callable(edit):
                edit()


def test_watch_rebuilds_only_the_job_whose_input_changed(tmp_path: Path) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    _touch(one, "1", 1)
    _touch(two, "2", 1)
    built: list[str] = []
    said: list[str] = []

    def job(path: Path) -> Job:
        def rebuild() -> set[Path]:
            built.append(path.name)
            return {path}

        return Job(path, rebuild)

    clock = FakeClock({2: lambda: _touch(two, "2b", 2), 4: lambda: _touch(one, "1b", 3)})
    watch([job(one), job(two)], say=said.append, polls=5, sleep=clock)
    assert built == ["one.md", "two.md", "two.md", "one.md"]
    assert [line.split(" ", 1)[1] for line in said] == ["changed: two.md", "changed: one.md"]


def test_a_failing_build_keeps_watching_the_notes(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    _touch(notes, "x", 1)
    runs: list[int] = []

    def rebuild() -> set[Path]:
        runs.append(len(runs))
        return base_inputs(notes)  # what the command returns after an error

    clock = FakeClock({1: lambda: _touch(notes, "y", 2), 3: lambda: _touch(notes, "z", 3)})
    watch([Job(notes, rebuild)], say=lambda _: None, polls=4, sleep=clock)
    assert runs == [0, 1, 2]


def test_a_save_during_a_build_rebuilds_again(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    _touch(notes, "x", 1)
    runs = 0

    def rebuild() -> set[Path]:
        nonlocal runs
        runs += 1
        if runs == 1:
            _touch(notes, "saved while building", 2)
        return {notes}

    watch([Job(notes, rebuild)], say=lambda _: None, polls=2, sleep=FakeClock({}))
    assert runs == 2


def test_interrupt_reaches_the_caller(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    _touch(notes, "x", 1)

    def stop(_seconds: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch([Job(notes, lambda: {notes})], say=lambda _: None, sleep=stop)


def test_outputs_are_never_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build" / "n").mkdir(parents=True)
    (tmp_path / "build" / "n" / "n.pdf").write_bytes(b"%PDF")
    (tmp_path / "style.css").write_text("", encoding="utf-8")
    notes = tmp_path / "n.md"
    notes.write_text("---\ntemplates: .\n---\n# E\n\n## Talk\n- a\n", encoding="utf-8")
    found = inputs_of(load(notes, {"output": "build"}))
    assert tmp_path.resolve() / "style.css" in found
    assert not [p for p in found if "build" in p.parts]
