from __future__ import annotations

import os
from pathlib import Path

import pytest

from publisher.resources import resolve_reference


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    (folder / "img").mkdir(parents=True)
    (folder / "img" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.png").write_bytes(b"secret")
    return folder


def test_a_file_beside_the_notes_is_allowed(notes_dir: Path) -> None:
    found = resolve_reference("img/a.png", notes_dir)
    assert found.kind == "local" and found.path == (notes_dir / "img" / "a.png").resolve()


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "/etc/passwd",
        "../secret.png",
        "img/../../secret.png",
        "C:\\Windows\\win.ini",
        "javascript:alert(1)",
        "ftp://example.com/x.png",
        "",
    ],
)
def test_everything_outside_is_refused(notes_dir: Path, src: str) -> None:
    found = resolve_reference(src, notes_dir)
    assert found.kind == "refused" and found.reason


def test_a_symlink_pointing_outside_is_refused(notes_dir: Path) -> None:
    os.symlink(notes_dir.parent / "secret.png", notes_dir / "link.png")
    assert resolve_reference("link.png", notes_dir).kind == "refused"


def test_remote_needs_permission(notes_dir: Path) -> None:
    assert resolve_reference("http://127.0.0.1:9/x.png", notes_dir).kind == "refused"
    allowed = resolve_reference("https://example.com/x.png", notes_dir, allow_remote=True)
    assert allowed.kind == "remote"


def test_missing_file_says_so(notes_dir: Path) -> None:
    found = resolve_reference("img/none.png", notes_dir)
    assert found.kind == "refused" and "does not exist" in found.reason


def test_data_urls_are_inline(notes_dir: Path) -> None:
    assert resolve_reference("data:image/png;base64,AAAA", notes_dir).kind == "data"
