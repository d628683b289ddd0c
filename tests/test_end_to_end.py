"""The real command on real files: what a user types, what a user gets."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_corpus, require_font

PUBLISHER = [sys.executable, "-m", "publisher"]
REFERENCE_TITLES = [
    "基調講演",
    "Amazon Culture of Innovationとマイクロサービスアーキテクチャ",
    "2つのDXによるデジタル変革の実現",
    "新しい常識としてのクラウドコンプライアンス",
    "モダンアプリケーションのためのアーキテクチャデザインパターンと実装",
    "AWSの継続的インテグレーション／デリバリー総まとめ！"
    "モダンアプリケーション構築のための CI / CD ベストプラクティス！",
    "Let’s dive deep into AWS Lambda error handling",
    "コンテナを有効活用したいあなたへ AWS コンテナサービス入門 2020",
    '最高の "Kubernetes on AWS" を実現するために',
]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PUBLISHER, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_inspect_reads_the_reference_notes_as_nine_talks() -> None:
    notes = require_corpus("ja-aws-summit-online-2020.md")
    done = run("inspect", str(notes))
    assert done.returncode == 0, done.stderr
    model = json.loads(done.stdout)
    sessions = model["sessions"]
    assert [s["title"] for s in sessions] == REFERENCE_TITLES
    assert [s["duration_minutes"] for s in sessions] == [12, 40, 32, 28, 30, 30, 30, 32, 38]
    assert [s["number"] for s in sessions] == list(range(1, 10))
    assert all({"speakers", "group", "line"} <= set(s) for s in sessions)
    assert model["title"].startswith("AWS Summit Online")
    warnings = [line for line in done.stderr.splitlines() if ": warning: " in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{notes}:70: warning:")


def test_the_over_indented_line_becomes_a_child_of_the_line_above() -> None:
    notes = require_corpus("ja-aws-summit-online-2020.md")
    model = json.loads(run("inspect", str(notes)).stdout)
    text = json.dumps(model["sessions"][3]["blocks"], ensure_ascii=False)
    parent = text.index("クラウドサービス")
    child = text.index("IT所有")
    sibling = text.index("DevOps")
    # Serialised depth-first, the child comes after its parent and before the next sibling,
    # and sits one list deeper than the parent.
    assert parent < child < sibling
    assert text[parent:child].count('"BulletList"') == 1


def test_unknown_duration_is_null(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("# 勉強会\n\n## 【最初の話】\n- 要点\n", encoding="utf-8")
    model = json.loads(run("inspect", str(notes)).stdout)
    assert model["sessions"][0]["duration_minutes"] is None


def test_build_of_the_example_gives_both_pdfs_and_a_deck_per_session(tmp_path: Path) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    example = EXAMPLES / "conference-notes.md"
    done = run("build", str(example), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    folder = tmp_path / "out" / "conference-notes"
    assert (folder / "conference-notes.pdf").stat().st_size > 10_000
    assert (folder / "conference-notes-slides.pdf").stat().st_size > 10_000
    decks = sorted(p.name for p in (folder / "slides").glob("*.pptx"))
    model = json.loads(run("inspect", str(example)).stdout)
    assert len(decks) == len(model["sessions"]) == 5
    assert [d[:3] for d in decks] == ["01-", "02-", "03-", "04-", "05-"]


def test_exit_statuses(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [unclosed\n---\n# x\n## y\n- z\n", encoding="utf-8")
    done = run("check", str(broken))
    assert done.returncode == 1
    assert f"{broken}:2: error:" in done.stderr
    assert run("build", "--per-page", "5", str(broken)).returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("check", str(tmp_path / "absent.md")).returncode == 1


@pytest.mark.parametrize("command", ["build", "pdf", "slides", "check", "inspect"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert "Example" in done.stdout and f"publisher {command}" in done.stdout


def test_a_web_address_written_out_is_clickable_in_the_deck_and_both_pdfs(tmp_path: Path) -> None:
    """Notes often give a talk's slides as a bare address on a bullet of its own."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from pdf_inspect import uri_links

    address = "https://speakerdeck.com/someone/talk-slides"
    notes = tmp_path / "notes.md"
    notes.write_text(f"# 勉強会\n\n## 【発表】10min\n- 資料\n  - {address}\n", encoding="utf-8")
    done = run("build", str(notes), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "out" / "notes"
    (deck,) = (folder / "slides").glob("*.pptx")
    with zipfile.ZipFile(deck) as archive:
        relations = "".join(
            archive.read(name).decode() for name in archive.namelist() if name.endswith(".rels")
        )
    assert f'Target="{address}" TargetMode="External"' in relations
    assert address in uri_links(folder / "notes.pdf")
    assert address in uri_links(folder / "notes-slides.pdf")


def test_a_character_no_font_has_is_reported_once_at_its_line(tmp_path: Path) -> None:
    """The glyph check names the character and its line; WeasyPrint's own warnings about
    the same characters (its .notdef glyph, "too many glyphs missing") are not repeated."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "odd.md"
    odd = "\U0010fffd"  # private use, plane 16: no font draws it
    notes.write_text(f"# E\n\n## Talk 🚀\n\n- ふつう\n- 記号 {odd}\n", encoding="utf-8")
    done = run("pdf", str(notes), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "warning:" in line]
    assert f"{notes}:6: warning: no installed font has '{odd}'" in "\n".join(warnings)
    assert all(line.startswith(f"{notes}:") for line in warnings), warnings  # each has a line
    assert not [line for line in warnings if "glyph" in line], warnings
