"""Nothing read or fetched that should not be.

A marker picture lies outside the notes' folder, with a size no other
picture has; the notes reference it every way a user might (``../``, an
absolute path, ``file://``, a symbolic link to it, a link to its folder, a
percent-encoded ``..``, raw HTML). It must reach no deck and no PDF, each
reference must be reported, and the build must never open it (every file a
build opens is recorded with an audit hook). A loopback web server counts
requests: none without ``--allow-remote``; with it, only the picture.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bad_input_cases import png, publisher_command
from click.testing import CliRunner
from conftest import ROOT, require_font, require_tool
from deck_words import squash
from pdf_inspect import pdf_text

SECRET = (37, 23)  # the marker outside the notes' folder
INSIDE = (41, 29)  # a picture the notes may use
REMOTE = (43, 31)  # served by the loopback server


def deck_picture_sizes(folder: Path) -> list[tuple[int, int]]:
    import io

    from PIL import Image

    sizes = []
    for deck in sorted(folder.glob("slides/*.pptx")):
        with zipfile.ZipFile(deck) as archive:
            for name in archive.namelist():
                if name.startswith("ppt/media/"):
                    with Image.open(io.BytesIO(archive.read(name))) as picture:
                        sizes.append(picture.size)
    return sizes


def pdf_picture_sizes(pdf: Path) -> list[tuple[int, int]]:
    require_tool("pdfimages", "poppler-utils")
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    return [(int(row.split()[3]), int(row.split()[4])) for row in listing if row.split()]


def build(notes: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*publisher_command(), "build", str(notes), "-o", str(out), *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


# --- files ------------------------------------------------------------------------------


def outside_notes(root: Path) -> tuple[Path, Path]:
    """The notes folder with every way to point outside it, and the outside folder."""
    notes, outside = root / "notes", root / "outside"
    notes.mkdir()
    outside.mkdir()
    secret = outside / "secret.png"
    secret.write_bytes(png(*SECRET, color="blue"))
    (notes / "inside.png").write_bytes(png(*INSIDE, color="green"))
    (notes / "link.png").symlink_to(secret)
    (notes / "linked-folder").symlink_to(outside, target_is_directory=True)
    (notes / "notes.md").write_text(
        "# Security day\n\n## Pictures\n"
        "![inside](inside.png)\n\n"  # 4
        "![up](../outside/secret.png)\n\n"  # 6
        f"![absolute]({secret})\n\n"  # 8
        f"![url](file://{secret})\n\n"  # 10: Markdown leaves it as text
        "![link](link.png)\n\n"  # 12
        "![folder](linked-folder/secret.png)\n\n"  # 14
        "![encoded](..%2Foutside%2Fsecret.png)\n\n"  # 16
        f'- raw <img src="file://{secret}"> html\n\n'  # 18
        '<img src="../outside/secret.png">\n',  # 20
        encoding="utf-8",
    )
    return notes / "notes.md", outside


@pytest.fixture(scope="module")
def outside_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    root = tmp_path_factory.mktemp("outside")
    notes, _ = outside_notes(root)
    done = build(notes, root / "out")
    assert done.returncode == 0, done.stderr
    return root / "out" / "notes", done.stderr


def test_pictures_outside_the_notes_folder_are_reported_on_their_lines(
    outside_build: tuple[Path, str],
) -> None:
    _, stderr = outside_build
    warned = {int(x.split(":")[1]) for x in stderr.splitlines() if ": warning: " in x}
    assert warned == {6, 8, 12, 14, 16, 18, 20}
    assert "left out: the file is outside the notes folder" in stderr
    assert "left out: absolute paths are not read" in stderr


def test_the_marker_outside_reaches_no_deck(outside_build: tuple[Path, str]) -> None:
    folder, _ = outside_build
    assert deck_picture_sizes(folder) == [INSIDE]  # the picture inside does arrive


@pytest.mark.parametrize("pdf", ["notes.pdf", "notes-slides.pdf"])
def test_the_marker_outside_reaches_no_pdf(outside_build: tuple[Path, str], pdf: str) -> None:
    folder, _ = outside_build
    assert set(pdf_picture_sizes(folder / pdf)) == {INSIDE}


@dataclass
class Opened:
    """Every path opened in this process while ``on``, recorded by an audit hook."""

    on: bool = False
    paths: list[str] = field(default_factory=list)


_OPENED = Opened()


def _record(event: str, args: tuple[object, ...]) -> None:
    if _OPENED.on and event == "open" and isinstance(args[0], (str, bytes, Path)):
        name = args[0]
        _OPENED.paths.append(name.decode() if isinstance(name, bytes) else str(name))


@pytest.fixture(scope="module")
def opened() -> Opened:
    sys.addaudithook(_record)  # cannot be removed: it records only while ``on``
    return _OPENED


def _allowed_roots(notes: Path, out: Path) -> list[Path]:
    import publisher

    home_cache = Path.home() / ".cache"
    return [
        notes.parent.resolve(),
        out.resolve(),
        ROOT / "templates",
        Path(publisher.__file__).resolve().parent,
        Path(sys.prefix).resolve(),
        Path(sys.base_prefix).resolve(),
        Path("/usr/share/fonts"),
        Path("/etc/fonts"),
        Path("/etc/mime.types"),  # how the PDF writer names the type of a picture
        Path("/dev"),
        home_cache,
    ]


def test_a_build_opens_no_file_outside_the_notes_and_its_own(
    tmp_path: Path, opened: Opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from publisher.build import build as build_notes
    from publisher.load import load

    notes, outside = outside_notes(tmp_path)
    out = tmp_path / "out"
    monkeypatch.setenv("PUBLISHER_JOBS", "1")  # every read in this process, where it is seen
    opened.paths.clear()
    opened.on = True
    try:
        loaded = load(notes)
        result = build_notes(loaded, out)
    finally:
        opened.on = False
    assert len(result.written) == 3
    assert any(Path(p).name == "inside.png" for p in opened.paths)  # the recording works
    assert [p for p in opened.paths if Path(p).name == "secret.png"] == []
    # Relative names are opened beside a folder descriptor (removing a folder): skipped.
    paths = [Path(p).resolve() for p in opened.paths if Path(p).is_absolute()]
    assert [p for p in paths if p.is_relative_to(outside.resolve())] == []
    assert Path("/etc/passwd") not in paths
    roots = _allowed_roots(notes, out)
    strays = [p for p in paths if not any(p.is_relative_to(r) for r in roots) and not _own_temp(p)]
    assert strays == []


def _own_temp(path: Path) -> bool:
    """The temporary folder itself, files made in it, and caches of the libraries in it."""
    temporary = Path(tempfile.gettempdir()).resolve()
    if path == temporary:
        return True
    if not path.is_relative_to(temporary):
        return False
    first = path.relative_to(temporary).parts[0]
    return first.startswith(("tmp", "_jinja2-cache", "publisher-"))


@pytest.mark.parametrize(
    ("setting", "value", "phrase"),
    [
        ("template", "../../x.pptx", "front matter 'template' points outside the notes folder"),
        ("template", "/etc/x.pptx", "front matter 'template' points outside the notes folder"),
        ("templates", "../", "front matter 'templates' points outside the notes folder"),
        ("font_ja", "../x.ttf", "front matter 'font_ja' points outside the notes folder"),
    ],
)
def test_front_matter_names_no_file_outside_the_notes_folder(
    tmp_path: Path, setting: str, value: str, phrase: str
) -> None:
    from publisher.cli import main

    notes = tmp_path / "notes.md"
    notes.write_text(f"---\n{setting}: {value}\n---\n# Day\n\n## Talk\n- x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(notes)])
    assert result.exit_code == 1
    assert f"{notes}:2: error: {phrase}" in result.stderr


def test_a_folder_given_as_the_template_is_a_clear_error(tmp_path: Path) -> None:
    from publisher.cli import main

    (tmp_path / "design").mkdir()
    notes = tmp_path / "notes.md"
    notes.write_text("---\ntemplate: design\n---\n# Day\n\n## Talk\n- x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["slides", str(notes), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert ": error: " in result.stderr and "template" in result.stderr
    assert not (tmp_path / "out").exists()


# --- the network -----------------------------------------------------------------------


class Server:
    """A web server on 127.0.0.1 that serves one picture and records every request."""

    def __init__(self) -> None:
        picture = png(*REMOTE, color="orange")
        requests: list[str] = []
        self.requests = requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                if self.path == "/slow.png":
                    time.sleep(3)
                if self.path == "/to-file.png":
                    self.send_response(302)
                    self.send_header("Location", "file:///etc/passwd")
                    self.end_headers()
                    return
                body = picture if self.path.endswith(".png") else b"body { display: none }"
                kind = "image/png" if self.path.endswith(".png") else "text/css"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


def remote_notes(url: str, raw_html: bool) -> str:
    raw = (
        f'<link rel="stylesheet" href="{url}/link.css">\n\n'
        f'<style>@import url("{url}/import.css"); body {{ display: none }}</style>\n\n'
        f'<img src="{url}/raw.png">\n\n'
        if raw_html
        else ""
    )
    return (
        "# Remote day\n\n## Pictures from the web\n"
        f"![chart]({url}/chart.png)\n\n"
        f"- a [page]({url}/page.html) is a link, never fetched\n"
        "- text after the picture\n\n" + raw
    )


@pytest.fixture(scope="module")
def remote_builds(
    server: Server, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[Path, list[str], str]]:
    """Three builds at once, each with its own addresses on the server: without the flag;
    with it; with it and raw HTML pointing at the server."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    runs = {}
    for name, flag, raw_html in (
        ("plain", False, False),
        ("allowed", True, False),
        ("raw", True, True),
    ):
        root = tmp_path_factory.mktemp(name)
        notes = root / "notes.md"
        notes.write_text(remote_notes(f"{server.url}/{name}", raw_html), encoding="utf-8")
        args = [*publisher_command(), "build", str(notes), "-o", str(root / "out")]
        process = subprocess.Popen(
            [*args, *(["--allow-remote"] if flag else [])],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        runs[name] = (root, process)
    found = {}
    for name, (root, process) in runs.items():
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        asked = [r.removeprefix(f"/{name}") for r in server.requests if r.startswith(f"/{name}/")]
        found[name] = (root / "out" / "notes", asked, stderr)
    return found


def test_nothing_is_fetched_without_allow_remote(remote_builds: dict) -> None:
    folder, requests, stderr = remote_builds["plain"]
    assert requests == []
    assert "build with --allow-remote" in stderr
    assert deck_picture_sizes(folder) == []


def test_with_allow_remote_the_picture_is_fetched_once_and_shown_everywhere(
    remote_builds: dict,
) -> None:
    folder, requests, stderr = remote_builds["allowed"]
    assert requests == ["/chart.png"]
    assert ": warning: " not in stderr
    assert deck_picture_sizes(folder) == [REMOTE]
    for pdf in ("notes.pdf", "notes-slides.pdf"):
        assert pdf_picture_sizes(folder / pdf) == [REMOTE]


def test_raw_html_fetches_nothing_and_changes_nothing_in_the_pdfs(remote_builds: dict) -> None:
    allowed, _, _ = remote_builds["allowed"]
    folder, requests, stderr = remote_builds["raw"]
    assert requests == ["/chart.png"]  # not the style sheets, not the raw picture
    assert stderr.count("left out: slides and handouts show Markdown only") == 3
    for pdf in ("notes.pdf", "notes-slides.pdf"):
        printed = squash(pdf_text(folder / pdf)).replace("/raw/", "/")  # the addresses differ
        assert printed == squash(pdf_text(allowed / pdf)).replace("/allowed/", "/")
        assert pdf_picture_sizes(folder / pdf) == [REMOTE]


def test_a_remote_picture_that_does_not_come_in_time_is_left_out(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import publisher.images
    from publisher.parse import parse

    monkeypatch.setattr(publisher.images, "REMOTE_TIMEOUT", 0.5)
    text = (
        f"# Day\n\n## Talk\n![slow]({server.url}/slow.png)\n\n![file]({server.url}/to-file.png)\n"
    )
    event, _ = parse(text, str(tmp_path / "notes.md"))
    found, problems = publisher.images.collect_images(event, tmp_path, allow_remote=True)
    assert found == {}
    messages = [p.message for p in problems]
    assert len(messages) == 2
    assert "timed out" in messages[0]
    assert "302" in messages[1]  # a redirect to file:///etc/passwd is not followed
