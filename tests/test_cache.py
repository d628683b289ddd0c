"""The build cache file: what it trusts, what it ignores."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from publisher.cache import CACHE_NAME, BuildCache, digest, program_key
from publisher.diagnostics import Diagnostic


def _output(folder: Path, name: str = "out.pdf", data: bytes = b"%PDF") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_digest_keeps_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("x") == digest(b"x")
    assert len(digest()) == 64


def test_recorded_output_is_fresh_for_its_key_only(tmp_path: Path) -> None:
    path = _output(tmp_path)
    cache = BuildCache(tmp_path)
    assert not cache.fresh(path, "k1")
    cache.record(path, "k1")
    assert cache.fresh(path, "k1") and cache.intact(path)
    assert not cache.fresh(path, "k2")


def test_a_modified_or_deleted_output_is_not_fresh(tmp_path: Path) -> None:
    path = _output(tmp_path)
    cache = BuildCache(tmp_path)
    cache.record(path, "k")
    path.write_bytes(b"%PDF changed")
    assert not cache.fresh(path, "k")
    cache.record(path, "k")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert not cache.fresh(path, "k")  # same size, other time: touched by someone else
    cache.record(path, "k")
    path.unlink()
    assert not cache.fresh(path, "k") and not cache.intact(path)


def test_round_trip_with_diagnostics(tmp_path: Path) -> None:
    deck = _output(tmp_path, "slides/01-a.pptx", b"PK")
    warning = Diagnostic("notes.md", 4, "warning", "picture 'a.png' left out")
    cache = BuildCache(tmp_path)
    cache.inputs = "inputs-key"
    cache.reported = [warning]
    cache.record(deck, "deck-key", [warning])
    cache.save()
    again = BuildCache.load(tmp_path)
    assert again.inputs == "inputs-key"
    assert again.reported == [warning]
    assert again.fresh(deck, "deck-key")
    assert again.diagnostics(deck) == [warning]
    assert "slides/01-a.pptx" in json.loads((tmp_path / CACHE_NAME).read_text())["outputs"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b"[1, 2, 3]",
        b'{"format": 999, "inputs": "x", "outputs": {}}',
        b'{"format": 1, "inputs": 7, "outputs": [], "diagnostics": [["a", "b"]]}',
        b'{"format": 1, "inputs": "x", "outputs": {"out.pdf": "not a dict"}}',
        b'{"format": 1, "inputs": "x", "diagnostics": [[1, 2, "loud", null]]}',
    ],
)
def test_a_damaged_cache_is_an_empty_one(tmp_path: Path, content: bytes) -> None:
    path = _output(tmp_path)
    (tmp_path / CACHE_NAME).write_bytes(content)
    cache = BuildCache.load(tmp_path)
    assert not cache.fresh(path, "x")
    assert cache.reported == []
    assert cache.inputs in ("", "x")


def test_keep_only_and_forget(tmp_path: Path) -> None:
    first, second = _output(tmp_path, "a.pdf"), _output(tmp_path, "b.pdf")
    cache = BuildCache(tmp_path)
    cache.record(first, "1")
    cache.record(second, "2")
    cache.keep_only([second])
    assert not cache.fresh(first, "1") and cache.fresh(second, "2")
    cache.forget(second)
    assert not cache.fresh(second, "2")


def test_saving_into_a_folder_that_cannot_be_written_is_not_an_error(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / "missing" / "deeper")
    (tmp_path / "missing").write_text("a file where the folder should be")
    cache.save()  # nothing to save into: the next build simply builds again


def test_program_key_is_stable_in_a_process() -> None:
    assert program_key() == program_key()
    assert len(program_key()) == 64
