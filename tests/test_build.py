"""Builds: only what changed is written, in parallel or not the same bytes, failures clean."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_font

from publisher import workers
from publisher.build import Result, build
from publisher.cache import CACHE_NAME
from publisher.diagnostics import UserError
from publisher.load import load

NOTES = """\
---
title: 勉強会メモ
---
# 勉強会メモ

はじめに。

## 【最初の話】20min
- ひとつめの要点
  - 補足の説明
- ふたつめの要点

## 【次の話】30min
- 小さなチームで始める
- 計測してから直す

## 【最後の話】10min
- まとめ
"""


@pytest.fixture(autouse=True)
def _fonts() -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")


def _notes(folder: Path, text: str = NOTES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "notes.md"
    path.write_text(text, encoding="utf-8")
    return path


def _build(notes: Path, out: Path, settings: dict[str, object] | None = None) -> Result:
    loaded = load(notes, settings or {})
    assert loaded.ok, loaded.diagnostics
    return build(loaded, out)


def _state(out: Path) -> dict[str, tuple[bytes, int]]:
    """Every output file below ``out``: its bytes and modification time (not the cache)."""
    return {
        str(p.relative_to(out)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != CACHE_NAME
    }


def _changed(before: dict[str, tuple[bytes, int]], after: dict[str, tuple[bytes, int]]) -> set:
    return {name for name in after if before.get(name) != after[name]}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """One full build; each test copies it before changing anything."""
    root = tmp_path_factory.mktemp("first")
    notes = _notes(root / "notes")
    result = _build(notes, root / "out")
    assert len(result.written) == 5 and result.unchanged == []
    return notes, root / "out", _state(root / "out")


def _copy(first: tuple[Path, Path, dict], tmp_path: Path) -> tuple[Path, Path]:
    import shutil

    notes, out, _ = first
    shutil.copytree(notes.parent, tmp_path / "notes")
    shutil.copytree(out, tmp_path / "out")  # copy2: times kept, so the cache still trusts them
    return tmp_path / "notes" / "notes.md", tmp_path / "out"


def test_unchanged_rebuild_writes_nothing(first: tuple[Path, Path, dict], tmp_path: Path) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    result = _build(notes, out)
    assert result.written == []
    assert sorted(result.unchanged) == sorted(out / name for name in before)
    assert _state(out) == before


def test_one_changed_session_rewrites_only_its_deck(
    first: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    notes.write_text(
        NOTES.replace("計測してから直す", "計測してから直す（改善）"), encoding="utf-8"
    )
    result = _build(notes, out)
    changed = _changed(before, _state(out))
    assert changed == {"notes/slides/02-次の話.pptx", "notes/notes.pdf", "notes/notes-slides.pdf"}
    assert sorted(result.written) == sorted(out / name for name in changed)
    assert len(result.unchanged) == 2


def test_a_setting_rebuilds_what_it_changes(first: tuple[Path, Path, dict], tmp_path: Path) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    _build(notes, out, {"per_page": 6})
    assert _changed(before, _state(out)) == {"notes/notes-slides.pdf"}
    before = _state(out)
    _build(notes, out, {"per_page": 6, "accent_color": "#AA3300"})
    assert len(_changed(before, _state(out))) == 5  # every deck and both handouts


def test_a_deck_template_change_rebuilds_the_decks(
    first: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    _build(notes, out, {"slide_size": "4:3"})
    changed = _changed(before, _state(out))
    assert {name for name in changed if name.endswith(".pptx")} == {
        name for name in before if name.endswith(".pptx")
    }
    assert "notes/notes.pdf" not in changed  # the reading handout draws no slide


def test_a_handout_template_change_rebuilds_the_pdfs(
    first: tuple[Path, Path, dict], tmp_path: Path
) -> None:
    notes, out = _copy(first, tmp_path)
    templates = tmp_path / "notes" / "templates"
    templates.mkdir()
    (templates / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}{% block footer %}content: "A";{% endblock %}',
        encoding="utf-8",
    )
    _build(notes, out, {"templates": str(templates)})
    before = _state(out)
    (templates / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}{% block footer %}content: "B";{% endblock %}',
        encoding="utf-8",
    )
    _build(notes, out, {"templates": str(templates)})
    after = _state(out)
    # Any file of the folder may be read by either handout: both are made again.
    assert _changed(before, after) == {"notes/notes.pdf", "notes/notes-slides.pdf"}
    assert after["notes/notes-slides.pdf"][0] == before["notes/notes-slides.pdf"][0]
    assert after["notes/notes.pdf"][0] != before["notes/notes.pdf"][0]


def test_a_deleted_output_is_built_again(first: tuple[Path, Path, dict], tmp_path: Path) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    deck = out / "notes" / "slides" / "03-最後の話.pptx"
    deck.unlink()
    (out / "notes" / "notes.pdf").write_bytes(b"edited by hand")
    result = _build(notes, out)
    assert sorted(result.written) == [out / "notes" / "notes.pdf", deck]
    after = _state(out)
    assert _changed(before, after) == {"notes/slides/03-最後の話.pptx", "notes/notes.pdf"}
    assert after["notes/notes.pdf"][0] == before["notes/notes.pdf"][0]
    assert after["notes/slides/03-最後の話.pptx"][0] == before["notes/slides/03-最後の話.pptx"][0]


def test_a_corrupted_cache_is_ignored(first: tuple[Path, Path, dict], tmp_path: Path) -> None:
    notes, out = _copy(first, tmp_path)
    before = _state(out)
    (out / "notes" / CACHE_NAME).write_bytes(b'{"format": 1, "outputs": {"notes.pdf": 3}')
    result = _build(notes, out)
    assert len(result.written) == 5
    assert {k: v[0] for k, v in _state(out).items()} == {k: v[0] for k, v in before.items()}
    result = _build(notes, out)
    assert result.written == []  # and the cache is whole again


def test_a_removed_session_removes_its_deck(first: tuple[Path, Path, dict], tmp_path: Path) -> None:
    notes, out = _copy(first, tmp_path)
    notes.write_text(NOTES.split("## 【最後の話】")[0], encoding="utf-8")
    _build(notes, out)
    assert sorted(p.name for p in (out / "notes" / "slides").iterdir()) == [
        "01-最初の話.pptx",
        "02-次の話.pptx",
    ]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
@pytest.mark.parametrize("jobs", ["1", "3"])
def test_the_slide_handout_keeps_its_priority_and_the_others_step_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    """The slide handout, the longest job, gets a core; the reading handout and the decks
    share the other (a build run in one process changes no priority)."""
    from publisher.build import DECKS_STEP_BACK, READING_STEP_BACK

    asked = tmp_path / "asked"

    def recorded(by: int) -> int:
        with asked.open("a") as log:  # written by each forked job
            log.write(f"{by}\n")
        return by

    monkeypatch.setattr(os, "nice", recorded)
    monkeypatch.setenv(workers.JOBS_VARIABLE, jobs)
    _build(_notes(tmp_path / "in"), tmp_path / "out")
    steps = sorted(int(n) for n in asked.read_text().split()) if asked.exists() else []
    assert steps == ([] if jobs == "1" else sorted([READING_STEP_BACK, DECKS_STEP_BACK]))
    assert 0 < DECKS_STEP_BACK < READING_STEP_BACK  # the decks end first


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
def test_run_one_after_another_every_job_collects_as_usual(
    first: tuple[Path, Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without forks the reading handout comes after the slide handout in this process:
    the slide handout is not the process's last work, so nothing is frozen or stopped."""
    import gc

    notes, _, built = first
    monkeypatch.setenv(workers.JOBS_VARIABLE, "1")
    stopped: list[str] = []
    monkeypatch.setattr(workers, "keep_what_exists", lambda: stopped.append("freeze"))
    monkeypatch.setattr(workers, "stop_collecting", lambda: stopped.append("stop"))
    result = build(load(notes, {}), tmp_path / "out", process_ends=True)
    assert len(result.written) == 5 and stopped == [] and gc.isenabled()
    assert {k: v[0] for k, v in _state(tmp_path / "out").items()} == {
        k: v[0] for k, v in built.items()
    }


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
@pytest.mark.parametrize("process_ends", [False, True])
def test_the_slide_handout_is_printed_here_only_when_the_process_ends_with_the_build(
    first: tuple[Path, Path, dict],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    process_ends: bool,
) -> None:
    """A command that exits after the build prints the slide handout itself (one process
    fewer, holding the same libraries); anything that may fork again keeps it in a child."""
    import publisher.build as building

    notes, _, built = first
    monkeypatch.setenv(workers.JOBS_VARIABLE, "3")
    where = tmp_path / "where"
    frozen: list[str] = []
    monkeypatch.setattr(workers, "keep_what_exists", lambda: frozen.append("freeze"))
    monkeypatch.setattr(workers, "stop_collecting", lambda: frozen.append("stop"))

    def recorded(name: str) -> object:
        original = getattr(building._Build, name)

        def job(*args: object) -> object:
            with where.open("a") as log:  # written by each job, forked or not
                log.write(f"{name} {os.getpid()}\n")
            return original(*args)

        return job

    for name in ("_slides_handout", "_reading_handout", "_plan_and_decks"):
        monkeypatch.setattr(building._Build, name, recorded(name))
    loaded = load(notes, {})
    result = build(loaded, tmp_path / "out", process_ends=process_ends)
    assert len(result.written) == 5
    pids = dict(line.split() for line in where.read_text().splitlines())
    here = str(os.getpid())
    assert (pids["_slides_handout"] == here) is process_ends
    assert pids["_reading_handout"] != here and pids["_plan_and_decks"] != here
    assert len(set(pids.values())) == 3
    # printed here, it is the process's last work, as in a child: frozen, not collected
    assert frozen == (["freeze", "stop"] if process_ends else [])
    assert {k: v[0] for k, v in _state(tmp_path / "out").items()} == {
        k: v[0] for k, v in built.items()
    }


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
def test_parallel_and_serial_builds_give_the_same_bytes(
    first: tuple[Path, Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, _, built = first
    monkeypatch.setenv(workers.JOBS_VARIABLE, "1")
    _build(notes, tmp_path / "serial")
    monkeypatch.setenv(workers.JOBS_VARIABLE, "3")
    _build(notes, tmp_path / "parallel")
    serial, parallel = _state(tmp_path / "serial"), _state(tmp_path / "parallel")
    assert {k: v[0] for k, v in serial.items()} == {k: v[0] for k, v in parallel.items()}
    assert {k: v[0] for k, v in serial.items()} == {k: v[0] for k, v in built.items()}


BROKEN_TEMPLATE = (
    '{% extends "builtin/slides-handout.html.j2" %}'
    "{% block footer %}content: {{ no_such_value }};{% endblock %}"
)


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_failing_job_is_a_clean_error_and_keeps_the_outputs(
    first: tuple[Path, Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    notes, out = _copy(first, tmp_path)
    monkeypatch.setenv(workers.JOBS_VARIABLE, jobs)
    templates = tmp_path / "notes" / "templates"
    templates.mkdir()
    (templates / "slides-handout.html.j2").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    notes.write_text(NOTES.replace("まとめ", "まとめ（改）"), encoding="utf-8")
    before = _state(out)
    with pytest.raises(UserError) as raised:
        _build(notes, out, {"templates": str(templates)})
    assert [d.level for d in raised.value.diagnostics] == ["error"]
    assert "no_such_value" in raised.value.diagnostics[0].message
    assert _state(out) == before
    assert [p.name for p in (out / "notes").iterdir() if p.name.startswith(".")] == [CACHE_NAME]


@pytest.mark.parametrize("jobs", ["1", "3"])
def test_a_failing_job_through_the_command_line(tmp_path: Path, jobs: str) -> None:
    notes = _notes(tmp_path / "notes")
    templates = tmp_path / "notes" / "templates"
    templates.mkdir()
    (templates / "slides-handout.html.j2").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    env = {**os.environ, workers.JOBS_VARIABLE: jobs}
    command = [sys.executable, "-m", "publisher", "build", str(notes), "-o", str(tmp_path / "o")]
    done = subprocess.run(
        [*command, "--templates", str(templates)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "error: template cannot be rendered" in done.stderr and "no_such_value" in done.stderr
    assert not list((tmp_path / "o").rglob("*.pdf")) and not list((tmp_path / "o").rglob("*.pptx"))


def test_a_bug_in_a_job_keeps_its_type(
    first: tuple[Path, Path, dict], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, out = _copy(first, tmp_path)
    notes.write_text(NOTES + "- もう一行\n", encoding="utf-8")
    before = _state(out)

    def broken(*_args: object) -> None:
        raise ZeroDivisionError("planning went wrong")

    monkeypatch.setattr("publisher.build._plan", broken)
    with pytest.raises(ZeroDivisionError, match="planning went wrong"):
        _build(notes, out)
    assert _state(out) == before


def test_the_deck_writer_settles_the_plan_and_collects_after_each_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """python-pptx's package, parts and relationships refer to one another: a forked deck
    writer frees each deck as soon as it is written (tests/test_workers.py)."""
    calls: list[str] = []
    monkeypatch.setattr(workers.Channel, "settle", lambda self: calls.append("settle"))
    monkeypatch.setattr(workers.Channel, "collect", lambda self: calls.append("collect"))
    loaded = load(_notes(tmp_path / "in"))
    result = build(loaded, tmp_path / "out", outputs=("slides",))  # the decks in this process
    assert len(result.written) == 3
    assert calls == ["settle", "collect", "collect", "collect"]
