from __future__ import annotations

from pathlib import Path

import pytest

from publisher.atomic import atomic_output, write_atomic


def test_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.pdf"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["a.pdf"]


def test_failure_keeps_the_previous_output_and_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "a.pptx"
    write_atomic(target, b"good")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pptx"]
