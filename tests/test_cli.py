"""The command line: every command, its help, its messages and its exit status."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import fields
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from conftest import require_font

from publisher.cli import main
from publisher.config import Config

COMMANDS = ("build", "pdf", "slides", "check", "inspect", "watch", "init")
SMALL = "# 勉強会\n\n## 【最初の話】10min\n- 要点\n  - 補足\n\n## 【次の話】20min\n- まとめ\n"


def invoke(*args: str, cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(main, list(args))
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, list(args))
    finally:
        os.chdir(previous)


def small_notes(folder: Path, text: str = SMALL, name: str = "n.md") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- help and options -----------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = invoke(command, "--help")
    assert done.exit_code == 0
    assert "Example:" in done.stdout
    assert f"publisher {command} " in done.stdout


def test_the_group_lists_every_command_and_the_version() -> None:
    done = invoke("--help")
    for command in COMMANDS:
        assert f"  {command} " in done.stdout
    from publisher import __version__

    assert invoke("--version").stdout.strip() == f"publisher, version {__version__}"


@pytest.mark.parametrize("command", ["build", "pdf", "slides", "check", "inspect", "watch"])
def test_every_setting_has_an_option(command: str) -> None:
    group = main
    assert isinstance(group, click.Group)
    names = {p.name for p in group.commands[command].params}
    assert {f.name for f in fields(Config)} <= names


def test_an_invalid_option_is_a_usage_error_naming_the_rule(tmp_path: Path) -> None:
    notes = small_notes(tmp_path)
    done = invoke("check", str(notes), "--accent-color", "blue")
    assert done.exit_code == 2
    assert "must be a colour like #1F5FAF, not 'blue'" in done.stderr
    assert invoke("check", str(notes), "--per-page", "5").exit_code == 2
    assert invoke("frobnicate").exit_code == 2
    assert invoke("check").exit_code == 2


# --- check and inspect ------------------------------------------------------------------


def test_check_counts_sessions_and_problems_per_file(tmp_path: Path) -> None:
    good = small_notes(tmp_path)
    bad = small_notes(tmp_path, "---\nper_page: 5\ntitel: x\n---\n" + SMALL, "bad.md")
    done = invoke("check", str(good), str(bad))
    assert done.exit_code == 1
    assert f"{good}: 2 sessions, 0 error(s), 0 warning(s)" in done.stderr
    assert f"{bad}: 2 sessions, 1 error(s), 1 warning(s)" in done.stderr
    assert f"{bad}:2: error: front matter 'per_page' must be one of" in done.stderr
    assert f"{bad}:3: warning: unknown front matter key 'titel'" in done.stderr
    assert invoke("check", str(good)).exit_code == 0


def test_check_quiet_prints_errors_only(tmp_path: Path) -> None:
    notes = small_notes(tmp_path, "---\ntitel: x\n---\n" + SMALL)
    assert invoke("check", "-q", str(notes)).stderr == ""
    broken = small_notes(tmp_path, "---\nper_page: 9\n---\n" + SMALL, "b.md")
    lines = invoke("check", "-q", str(broken)).stderr.splitlines()
    assert len(lines) == 1 and ": error: " in lines[0]


def test_check_reports_pictures_a_build_would_leave_out(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(b"opened only by a build")
    notes = small_notes(
        tmp_path,
        SMALL + "\n![a](here.png)\n\n![b](gone.png)\n\n![c](../out.png)\n\n"
        "![d](https://example.com/d.png)\n\n![b again](gone.png)\n",
    )
    done = invoke("check", str(notes))
    assert done.exit_code == 0  # warnings only
    warnings = [line for line in done.stderr.splitlines() if ": warning: " in line]
    assert [w.split(": warning: ")[1].split(" left out: ")[0] for w in warnings] == [
        "picture 'gone.png'",
        "picture '../out.png'",
        "picture 'https://example.com/d.png'",
    ]
    assert warnings[0].startswith(f"{notes}:12: ")
    assert "build with --allow-remote" in warnings[2]
    allowed = invoke("check", str(notes), "--allow-remote")
    assert allowed.stderr.count(": warning: ") == 2


def test_check_of_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    done = invoke("check", str(tmp_path / "absent.md"))
    assert done.exit_code == 1
    assert str(tmp_path / "absent.md") in done.stderr and "error" in done.stderr


def test_diagnostics_are_plain_when_piped(tmp_path: Path) -> None:
    notes = small_notes(tmp_path, "---\ntitel: x\n---\n" + SMALL)
    done = subprocess.run(
        [sys.executable, "-m", "publisher", "check", str(notes)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "warning: unknown front matter key" in done.stderr
    assert "\x1b[" not in done.stderr


def test_check_imports_no_renderer(tmp_path: Path) -> None:
    (tmp_path / "here.png").write_bytes(b"opened only by a build")
    notes = small_notes(tmp_path, SMALL + "\n![a](here.png)\n")
    heavy = ("weasyprint", "pptx", "PIL", "pygments", "jinja2", "fontTools")
    script = (
        "import sys\nfrom publisher.cli import main\n"
        "try:\n    main(['check', '-q', sys.argv[1]])\nexcept SystemExit as e:\n    code = e.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({heavy!r})), code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(notes)], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[] 0"


def test_inspect_prints_json_on_stdout_and_problems_on_stderr(tmp_path: Path) -> None:
    notes = small_notes(tmp_path, "---\ntitel: x\n---\n" + SMALL)
    done = invoke("inspect", str(notes))
    assert done.exit_code == 0
    model = json.loads(done.stdout)
    assert [s["title"] for s in model["sessions"]] == ["最初の話", "次の話"]
    assert model["lang"] == "ja"
    assert "unknown front matter key" in done.stderr
    assert json.loads(invoke("inspect", "--lang", "en", str(notes)).stdout)["lang"] == "en"
    both = json.loads(invoke("inspect", str(notes), str(notes)).stdout)
    assert isinstance(both, list) and len(both) == 2


# --- init ---------------------------------------------------------------------------------


def test_init_writes_japanese_notes_that_check_cleanly(tmp_path: Path) -> None:
    done = invoke("init", cwd=tmp_path)
    assert done.exit_code == 0, done.output
    notes = tmp_path / "notes.md"
    assert "【" in notes.read_text(encoding="utf-8")
    assert (tmp_path / "publisher-picture.png").is_file()
    checked = invoke("check", "-v", str(notes))
    assert checked.exit_code == 0
    assert checked.stderr.splitlines() == [
        f"{notes}: settings",
        f'  lang = "ja"  ({notes}:7)',
        f"{notes}: 7 sessions, 0 error(s), 0 warning(s)",
    ]
    assert json.loads(invoke("inspect", str(notes)).stdout)["lang"] == "ja"


def test_init_in_english(tmp_path: Path) -> None:
    notes = tmp_path / "talks" / "spring.md"
    assert invoke("init", str(notes), "--lang", "en").exit_code == 0
    model = json.loads(invoke("inspect", str(notes)).stdout)
    assert model["lang"] == "en"
    assert (tmp_path / "talks" / "publisher-picture.png").is_file()
    assert invoke("check", "-v", str(notes)).stderr.count("warning") == 1  # "0 warning(s)"


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    notes = small_notes(tmp_path, "my own notes\n", "notes.md")
    done = invoke("init", str(notes))
    assert done.exit_code == 1
    assert f"{notes}: error: already exists; nothing was written (use --force" in done.stderr
    assert notes.read_text(encoding="utf-8") == "my own notes\n"
    assert invoke("init", str(notes), "--force").exit_code == 0
    assert notes.read_text(encoding="utf-8").startswith("---\n")
    assert invoke("init", str(tmp_path)).exit_code == 1  # a folder is not a notes file


# --- build, pdf, slides -------------------------------------------------------------------


@pytest.fixture
def fonts() -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")


@pytest.mark.usefixtures("fonts")
def test_build_writes_both_pdfs_and_a_deck_per_session(tmp_path: Path) -> None:
    notes = small_notes(tmp_path)
    out = tmp_path / "out"
    done = invoke("build", str(notes), "-o", str(out))
    assert done.exit_code == 0, done.output
    folder = out / "n"
    assert (folder / "n.pdf").is_file()
    assert (folder / "n-slides.pdf").is_file()
    assert len(list((folder / "slides").glob("*.pptx"))) == 2
    assert done.stderr == f"{notes}: built {folder / 'n.pdf'}, {folder / 'n-slides.pdf'}, " + (
        f"2 decks in {folder / 'slides'}\n"
    )  # and no progress line: stderr is not a terminal


def _visible(folder: Path) -> list[str]:
    """The outputs in ``folder`` (a build may keep hidden bookkeeping files there)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.mark.usefixtures("fonts")
def test_pdf_and_slides_write_only_their_outputs(tmp_path: Path) -> None:
    notes = small_notes(tmp_path)
    assert invoke("pdf", str(notes), "-o", str(tmp_path / "p"), "-q").exit_code == 0
    assert _visible(tmp_path / "p" / "n") == ["n-slides.pdf", "n.pdf"]
    done = invoke("slides", str(notes), "-o", str(tmp_path / "s"), "-v")
    assert done.exit_code == 0
    assert _visible(tmp_path / "s" / "n") == ["slides"]
    assert done.stderr.count("wrote ") == 2  # -v names every file written


@pytest.mark.usefixtures("fonts")
def test_quiet_build_prints_nothing_and_errors_stop_only_that_file(tmp_path: Path) -> None:
    good = small_notes(tmp_path)
    bad = small_notes(tmp_path, "---\npaper: A3\n---\n" + SMALL, "bad.md")
    done = invoke("slides", "-q", str(bad), str(good), "-o", str(tmp_path / "o"))
    assert done.exit_code == 1
    assert done.stderr.splitlines() == [
        f"{bad}:2: error: front matter 'paper' must be one of A4, Letter, not 'A3'"
    ]
    assert len(list((tmp_path / "o" / "n" / "slides").glob("*.pptx"))) == 2
    assert not (tmp_path / "o" / "bad").exists()
    ok = invoke("slides", "-q", str(good), "-o", str(tmp_path / "o"))
    assert ok.exit_code == 0 and ok.stderr == ""


def test_an_internal_error_is_one_line_and_status_3(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publisher.build

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(publisher.build, "build", broken)
    done = invoke("slides", str(small_notes(tmp_path)), "-o", str(tmp_path / "o"))
    assert done.exit_code == 3
    assert "publisher: internal error: RuntimeError: boom (please report it" in done.stderr
    assert "Traceback" not in done.stderr


# --- watch --------------------------------------------------------------------------------


@pytest.mark.usefixtures("fonts")
def test_watch_rebuilds_on_save_and_survives_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = small_notes(tmp_path)
    looks = [0]

    def save(text: str) -> None:
        notes.write_text(text, encoding="utf-8")
        stat = notes.stat()
        os.utime(notes, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9 * (looks[0] + 1)))

    def fake_sleep(seconds: float) -> None:
        if seconds < 0.5:
            return
        looks[0] += 1
        if looks[0] == 1:
            save(SMALL + "- 追加した行\n")
        elif looks[0] == 3:
            save("---\nper_page: 7\n---\n" + SMALL)
        elif looks[0] == 5:
            save(SMALL)
        elif looks[0] == 7:
            raise KeyboardInterrupt

    monkeypatch.setattr(time, "sleep", fake_sleep)
    done = invoke("watch", str(notes), "-o", str(tmp_path / "out"))
    assert done.exit_code == 0, done.output
    lines = done.stderr.splitlines()
    assert lines[0].startswith(f"{notes}: built ")
    assert lines[1] == f"watching {notes} for changes (Ctrl-C to stop)"
    assert lines[2].endswith(" changed: n.md")
    assert lines[3] == f"{notes}: updated n-slides.pdf, n.pdf, slides/02-次の話.pptx; 1 unchanged"
    rule = "front matter 'per_page' must be one of 1, 2, 3, 4, 6, not 7"
    assert lines[5] == f"{notes}:2: error: {rule}"
    assert lines[6] == f"{notes}: not built; fix the errors above and save again"
    assert lines[8] == f"{notes}: updated n-slides.pdf, n.pdf, slides/02-次の話.pptx; 1 unchanged"
    assert lines[-1] == "stopped watching"


@pytest.mark.usefixtures("fonts")
def test_ctrl_c_stops_watch_with_status_0(tmp_path: Path) -> None:
    notes = small_notes(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "publisher", "watch", str(notes), "--interval", "0.1", "-o", "o"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert process.stderr is not None
    try:
        for line in process.stderr:
            if line.startswith("watching "):
                break
        process.send_signal(signal.SIGINT)
        rest = process.communicate(timeout=60)[1]
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert rest.strip().endswith("stopped watching")
    assert (tmp_path / "o" / "n" / "n.pdf").is_file()


def test_the_summary_names_the_pdfs_and_counts_the_decks() -> None:
    from publisher.cli import _summary

    folder = Path("out/n")
    decks = [folder / "slides" / "01-a.pptx", folder / "slides" / "02-b.pptx"]
    pdfs = [folder / "n-slides.pdf", folder / "n.pdf"]
    assert _summary([*decks, *pdfs]) == (
        "built out/n/n.pdf, out/n/n-slides.pdf, 2 decks in out/n/slides"
    )
    assert _summary(pdfs[:1], [*decks, pdfs[1]]) == (
        "built out/n/n.pdf, out/n/n-slides.pdf, 2 decks in out/n/slides (3 up to date)"
    )
    assert _summary([], [*decks, *pdfs]).startswith("up to date: out/n/n.pdf, ")
    assert _summary(decks[:1]) == "built 1 deck in out/n/slides"
    assert _summary([]) == "nothing to build"
