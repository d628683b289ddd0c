"""One precedence for every setting: command line > front matter > pyproject.toml > defaults.

Each key is set in every place with a different value and the winner is
checked, through ``load`` and through the real command; for ``per_page``,
``paper`` and ``lang`` the built handouts are read back too.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import require_font
from pdf_inspect import page_count, pdf_info, pdf_text

from publisher.cli import main
from publisher.config import Config
from publisher.load import load

# Talks at level 3 under days at level 2: both levels make sense.
DAYS = "# E\n\n## Day 1\n\n### Talk A\n- a\n\n### Talk B\n- b\n\n## Day 2\n\n### Talk C\n- c\n"
BODY = (
    "# 勉強会\n\n## 【最初の話】10min\n- 要点\n  - 補足\n\n---\n\n- 次のスライド\n\n"
    "## 【次の話】20min\n- まとめ\n"
)

# key: (pyproject value, front matter value, command line value), all valid and different.
VALUES: dict[str, tuple[Any, Any, Any]] = {
    "lang": ("en", "ja", "en"),
    "session_level": (2, 3, 2),
    "template": ("p.pptx", "f.pptx", "c.pptx"),
    "templates": ("p-theme", "f-theme", "c-theme"),
    "font_latin": ("Latin P", "Latin F", "Latin C"),
    "font_ja": ("Ja P", "Ja F", "Ja C"),
    "font_mono": ("Mono P", "Mono F", "Mono C"),
    "accent_color": ("#111111", "#222222", "#333333"),
    "text_color": ("#444444", "#555555", "#666666"),
    "slide_size": ("4:3", "16:9", "4:3"),
    "paper": ("Letter", "A4", "Letter"),
    "per_page": (6, 2, 4),
    "handout_notes": (True, False, True),
    "output": ("p-out", "f-out", "c-out"),
    "allow_remote": (True, False, True),
}
PATHS = ("template", "templates", "output")


def test_every_setting_is_covered() -> None:
    assert set(VALUES) == {f.name for f in fields(Config)}


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else json.dumps(value)


def _yaml(value: Any) -> str:
    return _toml(value)


def _place(folder: Path, key: str, where: set[str]) -> Path:
    """Notes setting ``key`` in the places named in ``where``; the files paths point to."""
    project, front, _cli = VALUES[key]
    for value in VALUES[key] if key in PATHS else ():
        target = folder / value
        if key == "template":
            target.write_bytes(b"")
        elif key == "templates":
            target.mkdir(exist_ok=True)
    if "pyproject" in where:
        (folder / "pyproject.toml").write_text(
            f'[project]\nname = "x"\n\n[tool.publisher]\n{key} = {_toml(project)}\n',
            encoding="utf-8",
        )
    head = f"---\n{key}: {_yaml(front)}\n---\n" if "front" in where else ""
    notes = folder / "n.md"
    notes.write_text(head + (DAYS if key == "session_level" else BODY), encoding="utf-8")
    return notes


def _expected(folder: Path, key: str, index: int) -> Any:
    value = VALUES[key][index]
    if key in PATHS and index < 2:  # files name paths relative to themselves
        return str((folder / value).resolve())
    return value


@pytest.mark.parametrize("key", sorted(VALUES))
def test_each_place_overrides_the_one_below(tmp_path: Path, key: str) -> None:
    default = getattr(Config(), key)
    cli_value = VALUES[key][2]
    cli = {key: str((tmp_path / cli_value).resolve()) if key in PATHS[:2] else cli_value}
    cases = [
        (set(), None, default),
        ({"pyproject"}, None, _expected(tmp_path, key, 0)),
        ({"pyproject", "front"}, None, _expected(tmp_path, key, 1)),
        ({"front"}, None, _expected(tmp_path, key, 1)),
        ({"pyproject", "front"}, cli, cli[key]),
    ]
    for where, given, expected in cases:
        notes = _place(tmp_path, key, where)
        loaded = load(notes, given)
        assert not [d for d in loaded.diagnostics if d.level != "note"], (where, loaded.diagnostics)
        assert getattr(loaded.config, key) == expected, where
        (tmp_path / "pyproject.toml").unlink(missing_ok=True)


def test_session_level_from_each_place_changes_what_is_a_talk(tmp_path: Path) -> None:
    text = DAYS
    notes = tmp_path / "n.md"
    notes.write_text(text, encoding="utf-8")
    assert len(load(notes).event.sessions) == 3  # detected: the H3s
    (tmp_path / "pyproject.toml").write_text("[tool.publisher]\nsession_level = 2\n")
    assert [s.title for s in load(notes).event.sessions] == ["Day 1", "Day 2"]
    notes.write_text("---\nsession_level: 3\n---\n" + text, encoding="utf-8")
    assert len(load(notes).event.sessions) == 3
    assert len(load(notes, {"session_level": 2}).event.sessions) == 2


def test_lang_from_each_place_sets_the_event_language(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text(BODY, encoding="utf-8")
    assert load(notes).event.lang == "ja"  # detected
    (tmp_path / "pyproject.toml").write_text('[tool.publisher]\nlang = "en"\n')
    assert load(notes).event.lang == "en"
    notes.write_text("---\nlang: ja\n---\n" + BODY, encoding="utf-8")
    assert load(notes).event.lang == "ja"
    assert load(notes, {"lang": "en"}).event.lang == "en"


def test_every_problem_of_every_place_is_reported_at_once_with_its_place(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.publisher]\nper_page = 5\npaper = "A3"\ncolour = "red"\n',
        encoding="utf-8",
    )
    notes = tmp_path / "n.md"
    notes.write_text(
        "---\ntitle: T\naccent_color: blue\ntemplate: missing.pptx\nslide_size: 3:2\n---\n" + BODY,
        encoding="utf-8",
    )
    done = CliRunner().invoke(main, ["check", str(notes), "--templates", str(tmp_path / "nope")])
    assert done.exit_code == 1
    pyproject = tmp_path / "pyproject.toml"
    expected = [
        f"{pyproject}:5: error: [tool.publisher] 'per_page' must be one of 1, 2, 3, 4, 6, not 5",
        f"{pyproject}:6: error: [tool.publisher] 'paper' must be one of A4, Letter, not 'A3'",
        f"{pyproject}:7: warning: unknown [tool.publisher] key 'colour'",
        f"{notes}:3: error: front matter 'accent_color' must be a colour like #1F5FAF",
        f"{notes}:5: error: front matter 'slide_size' must be one of 16:9, 4:3",
        f"{notes}:4: error: 'template': no such file: {tmp_path / 'missing.pptx'}",
        f"command line: error: --templates: no such folder: {tmp_path / 'nope'}",
    ]
    lines = done.stderr.splitlines()
    for start in expected:
        assert [line for line in lines if line.startswith(start)], start
    assert lines[-1] == f"{notes}: 2 sessions, 6 error(s), 1 warning(s)"


# --- the built outputs --------------------------------------------------------------------


def _slide_count(folder: Path) -> int:
    from pptx import Presentation

    return sum(len(Presentation(str(p)).slides) for p in folder.glob("slides/*.pptx"))


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ((), (3, "A4", "ja")),
        (("pyproject",), (6, "letter", "en")),
        (("pyproject", "front"), (2, "A4", "ja")),
        (("pyproject", "front", "cli"), (1, "letter", "en")),
    ],
)
def test_the_winner_shapes_the_built_handouts(
    tmp_path: Path, where: tuple[str, ...], expected: tuple[int, str, str]
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    if "pyproject" in where:
        (tmp_path / "pyproject.toml").write_text(
            '[tool.publisher]\nper_page = 6\npaper = "Letter"\nlang = "en"\n', encoding="utf-8"
        )
    head = "---\nper_page: 2\npaper: A4\nlang: ja\n---\n" if "front" in where else ""
    notes = tmp_path / "n.md"
    notes.write_text(head + BODY, encoding="utf-8")
    args = ["build", str(notes), "-o", str(tmp_path / "out"), "-q"]
    if "cli" in where:
        args += ["--per-page", "1", "--paper", "letter", "--lang", "en"]
    done = CliRunner().invoke(main, args)
    assert done.exit_code == 0, done.output
    folder = tmp_path / "out" / "n"
    per_page, paper, lang = expected
    slides = folder / "n-slides.pdf"
    assert page_count(slides) == math.ceil(_slide_count(folder) / per_page)
    assert pdf_info(slides)["Page size"].endswith(f"({paper})")
    assert pdf_info(folder / "n.pdf")["Page size"].endswith(f"({paper})")
    agenda = {"ja": "アジェンダ", "en": "Agenda"}
    text = pdf_text(folder / "n.pdf")
    assert agenda[lang] in text
    assert agenda["en" if lang == "ja" else "ja"] not in text


def test_check_verbose_names_the_place_of_every_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pyproject.toml").write_text(
        '[tool.publisher]\nper_page = 6\npaper = "Letter"\nlang = "en"\n', encoding="utf-8"
    )
    Path("n.md").write_text("---\ntitle: T\nper_page: 2\n---\n" + BODY, encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "-v", "n.md", "--per-page", "4"])
    assert done.stderr.splitlines()[:4] == [
        "n.md: settings",
        '  lang = "en"  (pyproject.toml:4)',
        '  paper = "Letter"  (pyproject.toml:3)',
        "  per_page = 4  (command line)",
    ]
    done = CliRunner().invoke(main, ["check", "-v", "n.md"])
    assert "  per_page = 2  (n.md:3)" in done.stderr.splitlines()
