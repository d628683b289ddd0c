from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image as PILImage

from publisher.images import collect_images
from publisher.model import BulletList, Event, Image, ListItem, Session, Text


def _event(*sources: str) -> Event:
    images = tuple(Image(src, f"alt {i}", "", 10 + i) for i, src in enumerate(sources))
    nested = BulletList((ListItem((Text("x"),), images[-1:], 30),), 30)
    session = Session(1, "talk", 5, blocks=(*images[:-1], nested))
    return Event("event", "notes.md", sessions=(session,))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    PILImage.new("RGB", (40, 20), "red").save(tmp_path / "ok.png")
    full = tmp_path / "full.png"
    PILImage.new("RGB", (400, 300), "blue").save(full)
    (tmp_path / "truncated.png").write_bytes(full.read_bytes()[:60])
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "text.png").write_text("not a picture")
    PILImage.new("RGB", (8, 8)).save(tmp_path / "pic.webp", "WEBP")
    PILImage.new("1", (8000, 8000)).save(tmp_path / "bomb.png")
    return tmp_path


def test_good_pictures_are_measured(folder: Path) -> None:
    found, problems = collect_images(_event("ok.png"), folder)
    assert problems == []
    info = found["ok.png"]
    assert (info.width, info.height, info.format) == (40, 20, "PNG")


@pytest.mark.parametrize(
    ("src", "reason"),
    [
        ("missing.png", "does not exist"),
        ("truncated.png", "truncated"),
        ("empty.png", "empty"),
        ("text.png", "cannot be read"),
        ("pic.webp", "not supported"),
        ("bomb.png", "too large"),
        ("https://example.com/x.png", "remote"),
        ("../outside.png", "outside the notes folder"),
    ],
)
def test_unusable_pictures_are_left_out_with_a_warning_on_their_line(
    folder: Path, src: str, reason: str
) -> None:
    found, problems = collect_images(_event("ok.png", src), folder)
    assert src not in found and "ok.png" in found
    assert len(problems) == 1
    assert problems[0].level == "warning" and problems[0].line == 11
    assert reason in problems[0].message


def test_truncated_pictures_are_refused_even_after_weasyprint_is_imported(folder: Path) -> None:
    import weasyprint  # noqa: F401  (it makes Pillow lenient for the whole process)

    found, problems = collect_images(_event("ok.png", "truncated.png"), folder)
    assert "truncated.png" not in found
    assert "truncated" in problems[0].message
