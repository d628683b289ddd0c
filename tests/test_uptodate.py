"""A rebuild with nothing changed, answered without parsing; anything changed is not."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import require_font
from PIL import Image

from publisher import load as load_module
from publisher.build import OUTPUTS, build
from publisher.cache import CACHE_NAME, BuildCache
from publisher.cli import main
from publisher.load import load
from publisher.uptodate import up_to_date

NOTES = """# 勉強会

## 【最初の話】10min
- 要点
  - 補足
   - 深すぎる字下げ（警告になる）
- 図: ![青い図](figure.png)

## 【次の話】20min
- まとめ
"""


@pytest.fixture()
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, Any]]:
    """Notes with a picture and a warning, built once into ``out`` (the current folder
    is the notes' folder, as relative paths in the key are read from it)."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    monkeypatch.chdir(tmp_path)
    Image.new("RGB", (40, 20), (30, 90, 170)).save(tmp_path / "figure.png")
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    settings: dict[str, Any] = {"output": "out"}
    loaded = load(notes, settings)
    assert loaded.ok and loaded.diagnostics  # the deep indent
    build(loaded, Path("out"))
    return notes, settings


def test_a_rebuild_with_nothing_changed_is_answered_without_parsing(
    built: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, settings = built
    loaded = load(notes, settings)
    found = up_to_date(notes, settings, OUTPUTS)
    assert found is not None
    assert found.loaded == loaded.diagnostics
    folder = Path("out") / "notes"
    assert set(found.outputs) == {
        *(folder / "slides").glob("*.pptx"),
        folder / "notes.pdf",
        folder / "notes-slides.pdf",
    }
    assert len(found.outputs) == 4

    monkeypatch.setattr(load_module, "load", _no_parsing)
    done = CliRunner().invoke(main, ["build", str(notes), "-o", "out"])
    assert done.exit_code == 0, done.output
    assert "warning: this item is indented" in done.stderr
    assert "up to date: out/notes/notes.pdf, out/notes/notes-slides.pdf, 2 decks" in done.stderr


def _forget_what_was_given() -> None:
    cache = Path("out") / "notes" / CACHE_NAME
    data = json.loads(cache.read_text(encoding="utf-8"))
    data.pop("given")
    cache.write_text(json.dumps(data), encoding="utf-8")


def test_the_answer_says_what_the_usual_way_says(
    built: tuple[Path, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    notes, _ = built
    runner = CliRunner()
    arguments = ["build", str(notes), "-o", "out", "-v"]
    _forget_what_was_given()
    assert up_to_date(notes, {"output": "out"}, OUTPUTS) is None
    usual = runner.invoke(main, arguments)  # loads the notes, finds them up to date
    assert BuildCache.load(Path("out") / "notes").given != []  # and records it
    monkeypatch.setattr(load_module, "load", _no_parsing)
    quick = runner.invoke(main, arguments)
    assert usual.exit_code == quick.exit_code == 0
    assert "up to date: " in quick.stderr
    assert quick.stderr == usual.stderr
    assert quick.stdout == usual.stdout


def _no_parsing(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the notes were parsed")


def _edit_notes(notes: Path) -> None:
    notes.write_text(NOTES + "- 追記\n", encoding="utf-8")


def _project(notes: Path) -> None:
    (notes.parent / "pyproject.toml").write_text("[tool.publisher]\nper_page = 2\n")


def _picture(notes: Path) -> None:
    Image.new("RGB", (60, 30), (200, 30, 30)).save(notes.parent / "figure.png")


def _output_touched(notes: Path) -> None:
    deck = next((Path("out") / "notes" / "slides").glob("*.pptx"))
    deck.write_bytes(deck.read_bytes() + b"\0")


def _output_removed(notes: Path) -> None:
    (Path("out") / "notes" / "notes.pdf").unlink()


def _cache_damaged(notes: Path) -> None:
    cache = Path("out") / "notes" / CACHE_NAME
    cache.write_text(cache.read_text(encoding="utf-8")[:-20], encoding="utf-8")


def _elsewhere(notes: Path) -> None:
    (notes.parent / "sub").mkdir()
    os.chdir(notes.parent / "sub")  # the fixture's monkeypatch.chdir puts it back


@pytest.mark.parametrize(
    "change",
    [_edit_notes, _project, _picture, _output_touched, _output_removed, _cache_damaged],
    ids=lambda change: change.__name__.strip("_"),
)
def test_anything_changed_is_answered_the_usual_way(
    built: tuple[Path, dict[str, Any]], change: Callable[[Path], None]
) -> None:
    notes, settings = built
    change(notes)
    assert up_to_date(notes, settings, OUTPUTS) is None


def test_other_settings_outputs_or_folders_are_answered_the_usual_way(
    built: tuple[Path, dict[str, Any]],
) -> None:
    notes, settings = built
    assert up_to_date(notes, {**settings, "per_page": 2}, OUTPUTS) is None
    assert up_to_date(notes, settings, ("pdf",)) is None
    assert up_to_date(Path("notes.md"), settings, OUTPUTS) is None  # said otherwise
    _elsewhere(notes)
    assert up_to_date(notes, {"output": "../out"}, OUTPUTS) is None


def test_a_build_reading_a_picture_from_the_web_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes.md"
    notes.write_text("# 会\n\n## 【話】\n- ![図](http://127.0.0.1:9/a.png)\n", encoding="utf-8")
    settings = {"output": "out", "allow_remote": True}
    monkeypatch.setattr("publisher.images._fetch", lambda url: "not fetched in a test")
    loaded = load(notes, settings)
    build(loaded, Path("out"), ("slides",))
    assert BuildCache.load(Path("out") / "notes").given == []
    assert up_to_date(notes, settings, ("slides",)) is None


def test_a_picture_reached_through_a_link_that_now_points_elsewhere_is_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    monkeypatch.chdir(tmp_path)
    for name, colour in (("blue.png", (30, 90, 170)), ("red.png", (200, 30, 30))):
        Image.new("RGB", (40, 20), colour).save(tmp_path / name)  # the same size
        os.utime(tmp_path / name, ns=(10**18, 10**18))  # and the same time
    (tmp_path / "figure.png").symlink_to("blue.png")
    notes = tmp_path / "notes.md"
    notes.write_text("# 会\n\n## 【話】\n- ![図](figure.png)\n", encoding="utf-8")
    settings = {"output": "out"}
    build(load(notes, settings), Path("out"), ("slides",))
    assert up_to_date(notes, settings, ("slides",)) is not None
    (tmp_path / "figure.png").unlink()
    (tmp_path / "figure.png").symlink_to("red.png")
    assert up_to_date(notes, settings, ("slides",)) is None


def test_a_build_with_a_refused_picture_records_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only parsing can tell that a refused picture (missing, outside the folder, not
    readable) may now be read: such a build is never answered without it."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes.md"
    notes.write_text("# 会\n\n## 【話】\n- ![図](later.png)\n", encoding="utf-8")
    settings = {"output": "out"}
    result = build(load(notes, settings), Path("out"), ("slides",))
    assert any("does not exist" in d.message for d in result.diagnostics)
    assert BuildCache.load(Path("out") / "notes").given == []
    Image.new("RGB", (40, 20)).save(tmp_path / "later.png")
    assert up_to_date(notes, settings, ("slides",)) is None


def test_a_removed_templates_folder_is_a_change(built: tuple[Path, dict[str, Any]]) -> None:
    notes, settings = built
    (notes.parent / "own").mkdir()
    settings = {**settings, "templates": str(notes.parent / "own")}
    build(load(notes, settings), Path("out"), OUTPUTS)
    assert up_to_date(notes, settings, OUTPUTS) is not None
    (notes.parent / "own").rmdir()  # empty: only its absence changed
    assert up_to_date(notes, settings, OUTPUTS) is None


def test_an_output_folder_chosen_by_the_notes_is_answered_the_usual_way(
    built: tuple[Path, dict[str, Any]],
) -> None:
    notes, _ = built
    notes.write_text("---\noutput: build\n---\n" + NOTES, encoding="utf-8")
    runner = CliRunner()
    first = runner.invoke(main, ["build", str(notes)])
    again = runner.invoke(main, ["build", str(notes)])
    assert first.exit_code == again.exit_code == 0
    assert up_to_date(notes, {}, OUTPUTS) is None  # recorded for the folder the notes named
    assert "up to date: " + str(notes.parent / "build") in again.stderr


def test_without_an_output_option_the_default_folder_is_answered(
    built: tuple[Path, dict[str, Any]],
) -> None:
    notes, _ = built
    runner = CliRunner()
    runner.invoke(main, ["build", str(notes)])
    assert up_to_date(notes, {}, OUTPUTS) is not None  # build/ in the current folder


def test_a_build_from_a_removed_folder_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "notes.md"
    notes.write_text("# 会\n\n## 【話】\n- 要点\n", encoding="utf-8")
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    out = tmp_path / "out"
    done = CliRunner().invoke(main, ["slides", str(notes), "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert BuildCache.load(out / "notes").given == []  # the current folder is part of it


def test_each_set_of_outputs_asked_for_is_answered(built: tuple[Path, dict[str, Any]]) -> None:
    """``make pdf slides`` asks for the PDFs, then the decks: both are answered."""
    notes, settings = built
    for wanted in (("pdf",), ("slides",)):
        build(load(notes, settings), Path("out"), wanted)
    for wanted in (("pdf",), ("slides",), OUTPUTS):
        assert up_to_date(notes, settings, wanted) is not None, wanted


def test_a_record_whose_outputs_were_rewritten_since_is_forgotten(
    built: tuple[Path, dict[str, Any]],
) -> None:
    """The PDFs built from A, then rewritten from B by a whole build: with the notes back
    at A, the record of the PDFs from A no longer describes the files."""
    notes, settings = built
    build(load(notes, settings), Path("out"), ("pdf",))
    _edit_notes(notes)
    build(load(notes, settings), Path("out"), OUTPUTS)
    notes.write_text(NOTES, encoding="utf-8")
    assert up_to_date(notes, settings, ("pdf",)) is None
