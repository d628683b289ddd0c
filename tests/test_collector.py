"""The garbage collector as the command sets it: fewer collections, nothing inherited walked."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from publisher import cli
from publisher.collector import OLDER_THRESHOLDS, YOUNG_THRESHOLD
from publisher.workers import start


def test_the_command_collects_less_often_and_freezes_everything_before_it_exits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: calls.append(("threshold", values)))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(("freeze",)))
    monkeypatch.setattr(cli, "main", lambda: calls.append(("command",)))
    cli.run()
    assert calls == [
        ("threshold", (YOUNG_THRESHOLD, *OLDER_THRESHOLDS)),
        ("command",),
        ("freeze",),
    ]


def test_the_command_freezes_even_when_it_exits_with_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: None)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(sys, "argv", ["publisher", "no-such-command"])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 2 and frozen == [True]


def test_python_dash_m_publisher_runs_with_the_command_s_collector(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Event\n\n## Talk\n\n- a point\n", encoding="utf-8")
    script = (
        "import atexit, gc, runpy, sys\n"
        "atexit.register(lambda: print(gc.get_threshold(), gc.get_freeze_count() > 0))\n"
        "sys.argv = ['publisher', 'check', '-q', sys.argv[1]]\n"
        "runpy.run_module('publisher', run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(notes)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)} True"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system")
def test_a_forked_worker_leaves_what_it_inherited_out_of_its_collections() -> None:
    before = gc.get_freeze_count()
    tracked = len(gc.get_objects())
    frozen_in_child = start(lambda _channel: gc.get_freeze_count(), fork=True).result()
    assert frozen_in_child - before >= 0.9 * tracked  # about all the parent had
    assert gc.get_freeze_count() == before  # the parent's collector is as it was


def test_only_the_command_s_last_build_may_print_in_its_own_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``publisher build a.md b.md`` ends after b.md's build; a program calling ``main``
    (or ``watch``) goes on, and may fork again."""
    from click.testing import CliRunner

    import publisher.build as building

    asked: list[tuple[str, bool]] = []

    def recorded(loaded: object, out: object, outputs: object, **options: object) -> object:
        asked.append((Path(loaded.path).name, bool(options["process_ends"])))  # type: ignore[attr-defined]
        return building.Result()

    monkeypatch.setattr(building, "build", recorded)
    monkeypatch.setattr(gc, "set_threshold", lambda *values: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    names = []
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text("# Event\n\n## Talk\n\n- a point\n", encoding="utf-8")
        names.append(str(tmp_path / name))
    monkeypatch.setattr(sys, "argv", ["publisher", "build", "-q", "-o", str(tmp_path), *names])
    with pytest.raises(SystemExit) as stopped:
        cli.run()
    assert stopped.value.code == 0
    assert asked == [("a.md", False), ("b.md", True)]
    asked.clear()
    done = CliRunner().invoke(cli.main, ["build", "-q", "-o", str(tmp_path), *names])
    assert done.exit_code == 0, done.output
    assert asked == [("a.md", False), ("b.md", False)]
