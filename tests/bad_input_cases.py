"""Bad input and what publisher answers: one list of cases, two uses.

tests/test_bad_input.py runs every case through the real command and checks
its exit status, every message it prints, what it builds and that previous
outputs survive a failure; the same cases render the table in
docs/RELIABILITY.md (``PUBLISHER_REGENERATE=1`` rewrites it), so the
document cannot say something the tests do not check.

Every input is written at test time into the case's own folder; a case's
notes file is ``<name>/<name>.md`` (run from the folder above), so messages
read ``<name>/<name>.md:LINE: level: message``.
"""

from __future__ import annotations

import io
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from deck_words import xml_text
from pdf_inspect import RUNNING_HEADS, pdf_text


def publisher_command() -> list[str]:
    """The installed ``publisher`` script beside this Python, as a user runs it."""
    script = Path(sys.executable).with_name("publisher")
    return [str(script)] if script.exists() else [sys.executable, "-m", "publisher"]


# Writes the case's input into its folder; returns the arguments after the command.
Writer = Callable[[Path, str], list[str]]


ANY_LINE = 0  # a message printed on one or more lines, whichever


@dataclass(frozen=True)
class Said:
    """One message a case prints: its level, a phrase of it, and its line (None: no line).

    ``file`` is a pattern the FILE part must end with; empty: the notes file.
    ``level`` "usage" is the command line's own ``Error: ...`` (exit status 2).
    """

    level: str
    phrase: str
    line: int | None = None
    file: str = ""


@dataclass
class Ran:
    """What one case gave: exit status, its stderr lines, where its files are."""

    status: int
    lines: list[str]
    stdout: str
    folder: Path  # the case's input folder
    out: Path  # OUT/<name>: where its outputs go


@dataclass(frozen=True)
class Case:
    name: str  # also the notes file's stem and the output folder's name
    input: str  # what the user gives, for the table
    write: Writer
    status: int  # 0 built (perhaps with warnings), 1 not built: the input, 2 usage
    said: tuple[Said, ...] = ()
    decks: int = 0  # decks built (status 0, a command that builds decks)
    command: str = "build"
    why: str = ""  # why the command is not a full build
    alone: bool = False  # in a process of its own (options of its own)
    checks: tuple[Callable[[Ran], None], ...] = ()

    @property
    def notes(self) -> str:
        return f"{self.name}/{self.name}.md"

    def builds(self) -> tuple[str, ...]:
        """The kinds of output this case writes: "decks", "pdfs"."""
        if self.status != 0:
            return ()
        return {"build": ("decks", "pdfs"), "slides": ("decks",), "pdf": ("pdfs",)}.get(
            self.command, ()
        )


# --- writing inputs -------------------------------------------------------------------


def picture(width: int, height: int, kind: str = "PNG", color: str = "red") -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, kind)
    return out.getvalue()


def png(width: int, height: int, color: str = "red") -> bytes:
    return picture(width, height, "PNG", color)


def text(body: str, **files: bytes) -> Writer:
    """Notes ``body`` in UTF-8, and other files (``img__a_png`` → ``img/a.png``)."""
    return raw(body.encode("utf-8"), **files)


def raw(data: bytes, **files: bytes) -> Writer:
    def write(folder: Path, name: str) -> list[str]:
        (folder / f"{name}.md").write_bytes(data)
        for key, content in files.items():
            target = folder / key.replace("__", "/").replace("_", ".")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        return [f"{name}/{name}.md"]

    return write


def with_args(writer: Writer, *args: str) -> Writer:
    """``writer``, then ``args`` (``{dir}`` is the case folder) after the notes."""

    def write(folder: Path, name: str) -> list[str]:
        return [*writer(folder, name), *(a.replace("{dir}", name) for a in args)]

    return write


def talk(*bullets: str, title: str = "Talk") -> str:
    return f"# Event\n\n## {title}\n" + "".join(f"- {b}\n" for b in bullets)


def _bomb() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # 144 megapixels, a few kilobytes
    return out.getvalue()


def _template_without_layouts(folder: Path, name: str) -> list[str]:
    from pptx import Presentation

    deck = Presentation()
    for layout in list(deck.slide_layouts):
        if layout.name != "Blank":
            deck.slide_layouts.remove(layout)
    deck.save(str(folder / "bare.pptx"))
    return [*text(talk("x"))(folder, name), "--template", f"{name}/bare.pptx"]


def _symlinked_notes(folder: Path, name: str) -> list[str]:
    (folder / "real").mkdir()
    (folder / "real" / "talks.md").write_text(talk("linked text"), encoding="utf-8")
    (folder / f"{name}.md").symlink_to(Path("real") / "talks.md")
    return [f"{name}/{name}.md"]


def _output_under_a_file(folder: Path, name: str) -> list[str]:
    (folder / "taken.txt").write_text("a file where the output folder should be\n")
    return [*text(talk("x"))(folder, name), "-o", f"{name}/taken.txt/out"]


def _missing_notes(folder: Path, name: str) -> list[str]:
    return [f"{name}/none.md"]


def _notes_folder(folder: Path, name: str) -> list[str]:
    (folder / "inside.md").write_text(talk("x"), encoding="utf-8")
    return [name]


def _outside_pictures(folder: Path, name: str) -> list[str]:
    secret = folder.parent / f"{name}-outside"
    secret.mkdir()
    (secret / "secret.png").write_bytes(png(37, 23, "blue"))
    (folder / "link.png").symlink_to(secret / "secret.png")
    body = (
        "# Event\n\n## Talk\n"
        f"![up](../{name}-outside/secret.png)\n\n"
        f"![absolute]({secret / 'secret.png'})\n\n"
        f"![url](file://{secret / 'secret.png'})\n\n"
        "![link](link.png)\n\n"
        "- text\n"
    )
    return text(body)(folder, name)


# --- checks on what was built ------------------------------------------------------------


def deck_files(ran: Ran) -> list[Path]:
    return sorted((ran.out / "slides").glob("*.pptx"))


def deck_text(ran: Ran) -> str:
    return "\n".join(xml_text(p) for p in deck_files(ran))


def pictures_in_decks(ran: Ran) -> int:
    count = 0
    for deck in deck_files(ran):
        with zipfile.ZipFile(deck) as archive:
            count += sum(1 for n in archive.namelist() if n.startswith("ppt/media/"))
    return count


def squash(text: str) -> str:
    """Without white space: text split into runs (code colouring) compares as one."""
    return "".join(text.split())


def shows(*words: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        found = squash(deck_text(ran))
        missing = [w for w in words if squash(w) not in found]
        assert not missing, f"not in the decks: {missing}"

    check.__doc__ = "decks show " + ", ".join(words)
    return check


def prints_in_handout(*words: str) -> Callable[[Ran], None]:
    """The reading handout's text (pdftotext) holds each of ``words`` whole."""

    def check(ran: Ran) -> None:
        found = squash(pdf_text(ran.out / f"{ran.out.name}.pdf", margin=RUNNING_HEADS))
        missing = [w[:40] for w in words if squash(w) not in found]
        assert not missing, f"not in the reading handout: {missing}"

    check.__doc__ = "the reading handout prints " + ", ".join(w[:20] for w in words)
    return check


def hides(*words: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        found = deck_text(ran)
        assert not [w for w in words if w in found], found[:500]

    return check


def pictures(count: int) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        assert pictures_in_decks(ran) == count

    return check


_WINDOWS_FORBIDDEN = re.compile(r'[\x00-\x1f<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$", re.IGNORECASE)


def portable_names(ran: Ran) -> None:
    """Deck names valid on Windows, macOS and Linux, unique (also ignoring case), ≤ 80 bytes."""
    names = [p.name for p in deck_files(ran)]
    for name in names:
        stem = name.removesuffix(".pptx")
        assert len(name.encode("utf-8")) <= 80, name
        assert not _WINDOWS_FORBIDDEN.search(name), name
        assert not stem.endswith((".", " ")) and not name.startswith(" "), name
        assert not _RESERVED.match(stem), name
        assert ".." not in name, name
        assert unicodedata.normalize("NFC", name) == name, name
    assert len({n.casefold() for n in names}) == len(names), names


def names_are(*expected: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        assert [p.name for p in deck_files(ran)] == list(expected)

    return check


def prints(phrase: str) -> Callable[[Ran], None]:
    def check(ran: Ran) -> None:
        assert any(phrase in line for line in ran.lines), ran.lines

    return check


def no_control_characters(ran: Ran) -> None:
    for deck in deck_files(ran):
        with zipfile.ZipFile(deck) as archive:
            for part in archive.namelist():
                if part.endswith(".xml"):
                    xml = archive.read(part).decode("utf-8")
                    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), part


# --- the cases ----------------------------------------------------------------------------

NOTES_EMPTY = "the notes are empty"
DEEP = "".join("  " * i + f"- level{i + 1}\n" for i in range(50))
JAPANESE_300 = "日本語の長いタイトル" * 30
ORDERED_200 = "".join("  " * i + f"1. n{i}\n" for i in range(200))
ONE_MB_WORDS = "word " * 200_000
TABLE = (
    "| "
    + " | ".join(f"h{c}" for c in range(10))
    + " |\n|"
    + "---|" * 10
    + "\n"
    + "".join("| " + " | ".join(f"r{r}c{c}" for c in range(10)) + " |\n" for r in range(300))
)
CODE_2000 = "```python\n" + "".join(f"x{i} = {i}\n" for i in range(2000)) + "```\n"
RAW_HTML = (
    "<script>alert('x')</script>\n\n"
    '<iframe src="https://example.com/"></iframe>\n\n'
    "<style>body { display: none }</style>\n\n"
    '- kept <img src="file:///etc/passwd"> text\n\n'
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">\n'
)
PICTURES = (
    "# E\n\n## Talk\n"
    + "\n\n".join(
        f"![{alt}]({src})"
        for alt, src in (
            ("good", "ok.png"),
            ("missing", "img/none.png"),
            ("remote", "http://127.0.0.1:9/a.png"),
            ("half", "half.png"),
            ("zero", "zero.png"),
            ("svg", "v.svg"),
            ("webp", "w.webp"),
            ("bomb", "bomb.png"),
        )
    )
    + "\n\n- after the pictures\n"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>'


# fmt: off
CASES: tuple[Case, ...] = (
    # --- no content ---
    Case("empty", "an empty file", text(""), 1, (Said("error", NOTES_EMPTY, 1),)),
    Case("whitespace", "only spaces, tabs and blank lines", text("  \n\t\n   \n"), 1,
         (Said("error", NOTES_EMPTY, 1),)),
    Case("front-matter-only", "front matter and nothing else", text("---\ntitle: x\n---\n"), 1,
         (Said("error", NOTES_EMPTY, 1),)),
    Case("no-headings", "paragraphs and bullets, no heading",
         text("Some notes.\n\n- a point\n  - a detail\n"), 0,
         (Said("warning", "no headings found: the whole notes become one session", 1),),
         decks=1, checks=(shows("a point", "a detail"),)),
    Case("headings-only", "talk headings with nothing under them",
         text("# Event\n\n## First\n\n## Second\n"), 0,
         (Said("warning", "session has no content", 3),
          Said("warning", "session has no content", 5)),
         decks=2),
    # --- front matter ---
    Case("yaml-invalid", "YAML front matter that does not parse",
         text("---\ntitle: [unclosed\n---\n" + talk("x")), 1,
         (Said("error", "the front matter is not valid YAML", 2),)),
    Case("toml-invalid", "TOML front matter that does not parse",
         text('+++\ntitle = "x"\nlang = [1,\ndate = 3\n+++\n' + talk("x")), 1,
         (Said("error", "the front matter is not valid TOML", 4),)),
    Case("front-matter-list", "front matter that is a list, not keys",
         text("---\n- a\n- b\n---\n" + talk("x")), 1,
         (Said("error", "the front matter must be 'key: value' lines", 2),)),
    Case("unknown-keys", "unknown front matter keys (one a typo)",
         text("---\ntitel: Notes\nfoo: 1\n---\n" + talk("x")), 0,
         (Said("warning", "unknown front matter key 'titel'; did you mean 'title'?", 2),
          Said("warning", "unknown front matter key 'foo'", 3)),
         decks=1),
    Case("setting-invalid", "a setting with a wrong value (per_page: 5)",
         text("---\nper_page: 5\n---\n" + talk("x")), 1,
         (Said("error", "front matter 'per_page' must be one of 1, 2, 3, 4, 6", 2),)),
    Case("setting-control-characters", 'a font name with a control character ("\\x0b")',
         text('---\nfont_ja: "Noto\\x0bSans"\n---\n' + talk("x")), 1,
         (Said("error", "front matter 'font_ja' must not hold control characters", 2),)),
    # --- encodings and line ends ---
    Case("shift-jis", "a Shift_JIS (CP932) file from Windows",
         raw(talk("日本語のメモ", title="勉強会の発表").encode("cp932")), 0,
         (Said("warning", "the file is not UTF-8; read it as Shift_JIS (CP932)"),
          Said("warning", "iconv -f CP932 -t UTF-8")),
         decks=1, checks=(shows("勉強会の発表", "日本語のメモ"),)),
    Case("euc-jp", "an EUC-JP file",
         raw(talk("日本語のテキストです", title="勉強会の発表").encode("euc_jp")), 0,
         (Said("warning", "read it as EUC-JP"),), decks=1, checks=(shows("日本語のテキストです"),)),
    Case("unknown-encoding", "a Latin-1 file (not UTF-8, not Japanese)",
         raw(talk("café ©").encode("latin-1")), 1,
         (Said("error", "the file is not UTF-8 and its encoding could not be recognised", 4),
          Said("error", "iconv -f CP932 -t UTF-8", 4))),
    Case("utf-16", "UTF-16 with a byte-order mark", raw(talk("テキスト").encode("utf-16")), 0,
         decks=1, checks=(shows("テキスト"),)),
    Case("bom-crlf", "UTF-8 with a BOM and CRLF line ends",
         raw(("\ufeff" + talk("first", "second")).replace("\n", "\r\n").encode("utf-8")), 0,
         decks=1, checks=(shows("Talk", "first", "second"), hides("\ufeff", "\r"))),
    Case("binary", "a picture renamed .md (NUL bytes)", raw(png(4, 4)), 1,
         (Said("error", "this is not a text file"),)),
    # --- shapes of text ---
    Case("tabs-mixed-indent", "tabs and mixed tabs/spaces in list indents",
         text("# E\n\n## Talk\n- alpha\n\t- bravo\n  \t- charlie\n    - delta\n"), 0,
         decks=1, checks=(shows("alpha", "bravo", "charlie", "delta"),)),
    Case("nesting-50", "a list nested 50 levels deep", text("# E\n\n## Deep\n" + DEEP), 0,
         decks=1, checks=(shows("level1", "level9", "level25", "level50"),)),
    Case("nesting-ordered-200", "200 numbered items, each indented 2 more than the one above",
         text("# E\n\n## Deep\n" + ORDERED_200), 0,
         (Said("warning", "deeper than the item above", ANY_LINE),
          Said("warning", "lists nest more than 64 levels deep here", 100),
          Said("warning", "the notes nest too deeply here; the deepest lines are left out", 187)),
         decks=1, checks=(shows("n0", "n60", "n95"),)),
    Case("line-1mb", "one line of 1 MB (200,000 words)",
         text("# E\n\n## Long\n" + ONE_MB_WORDS + "\n"), 0, command="check",
         why="check only in the suite: a full build makes 660 slides in 41 s (PUBLISHER_HEAVY=1 "
             "runs it); line-100kb builds the same line at a tenth, and a test checks that "
             "planning measures it a few times, not once per slide",
         checks=(prints("1 session"),)),
    Case("line-100kb", "one line of 100 KB (20,000 words)",
         text("# E\n\n## Long\n" + ONE_MB_WORDS[:100_000] + "\n"), 0, decks=1,
         checks=(shows("word word word"), prints_in_handout("word" * 1000))),
    Case("code-line-1mb", "a code block holding one line of 1 MB",
         text("# E\n\n## Code\n```\n" + "x" * 1_000_000 + "\n```\n"), 0, command="check",
         why="check only in the suite: a full build makes 350 slides in 2 min "
             "(PUBLISHER_HEAVY=1 runs it); code-line-100kb builds the same line at a tenth, "
             "and a test checks that planning measures it a few times, not once per slide",
         checks=(prints("1 session"),)),
    Case("code-line-100kb", "a code block holding one word of 100 KB",
         text("# E\n\n## Code\n```\n" + "x" * 100_000 + "\n```\n"), 0, decks=1,
         checks=(prints_in_handout("x" * 100_000),)),
    Case("sessions-5000", "5,000 talks",
         text("# E\n\n" + "".join(f"## Talk {i}\n- point {i}\n" for i in range(5000))), 0,
         command="check", why="check only in the suite: a full build writes 5,000 decks in "
         "9 min (PUBLISHER_HEAVY=1 runs it)",
         checks=(prints("5000 sessions"),)),
    Case("code-2000-lines", "a code block of 2,000 lines", text("# E\n\n## Code\n" + CODE_2000),
         0, decks=1,
         checks=(shows("x0 = 0", "x1999 = 1999"),)),
    Case("table-huge", "a table of 300 rows × 10 columns", text("# E\n\n## Table\n" + TABLE), 0,
         decks=1,
         checks=(shows("h0", "r0c0", "r299c9"),)),
    # --- titles and file names ---
    Case("same-title", "two talks with the same title",
         text("# E\n\n## Same\n- a\n\n## Same\n- b\n"), 0, decks=2,
         checks=(names_are("01-Same.pptx", "02-Same.pptx"),)),
    Case("title-forbidden-characters", 'titles with / \\ : * ? " < > |, "..", "CON"',
         text('# E\n\n## a/b\\c:d*e?f"g < h > i|j\n- a\n\n## ..\n- b\n\n## CON\n- c\n'), 0,
         decks=3, checks=(portable_names, shows('a/b\\c:d*e?f"g < h > i|j', ".."))),
    Case("title-control-characters", "a title with control characters (U+0001, U+0002)",
         text("# E\n\n## ctl\x01\x02title\n- a\n"), 0,
         (Said("warning", "invisible control characters (U+0001, U+0002) removed", 3),),
         decks=1, checks=(portable_names, shows("ctltitle"), no_control_characters)),
    Case("title-300-japanese", "a title of 300 Japanese characters",
         text(f"# E\n\n## {JAPANESE_300}\n- a\n"), 0, decks=1, checks=(portable_names,)),
    # --- characters XML cannot hold ---
    Case("vertical-tab", "U+000B and U+000C inside the text",
         text("# E\n\n## Talk\n- a\x0bb\n- c\x0cd\n"), 0,
         (Said("warning", "invisible control characters (U+000B) removed", 4),
          Said("warning", "invisible control characters (U+000C) removed", 5)),
         decks=1, checks=(shows("ab", "cd"), no_control_characters)),
    Case("character-references", "control characters as references (&#12;) and YAML escapes",
         text('---\ntitle: "Ev\\x0bent"\n---\n# E\n\n## Talk &#12; one\n- a &#12; b\n'), 0,
         (Said("warning", "control characters (U+000B) removed from front matter 'title'", 2),
          Said("warning", "character references to control characters (U+000C) removed", 6),
          Said("warning", "character references to control characters (U+000C) removed", 7)),
         decks=1, checks=(no_control_characters,)),
    # --- raw HTML ---
    Case("raw-html", "<script>, <iframe>, <style>, <img src=file:///etc/passwd>, <link>",
         text("# E\n\n## Talk\n" + RAW_HTML), 0,
         (Said("warning", "<script> left out", 4), Said("warning", "<iframe> left out", 6),
          Said("warning", "<style> left out", 8), Said("warning", "<img> left out", 10),
          Said("warning", "<link> left out", 12)),
         decks=1, checks=(shows("kept", "text"), hides("alert", "display", "passwd"))),
    # --- pictures ---
    Case("image-problems", "pictures: one good, one missing, a web address without "
         "--allow-remote, a PNG cut short, a file of zero bytes, an SVG, a WebP, and a "
         "decompression bomb (12,000 × 12,000 pixels in a few KB)",
         text(PICTURES, ok_png=png(40, 30), half_png=png(300, 200)[:200], zero_png=b"",
              v_svg=SVG, w_webp=picture(9, 9, "WEBP"), bomb_png=_bomb()), 0,
         (Said("warning", "picture 'img/none.png' left out: the file does not exist", 6),
          Said("warning", "remote pictures are not fetched; download it next to the notes "
               "or build with --allow-remote", 8),
          Said("warning", "picture 'half.png' left out: the picture cannot be read", 10),
          Said("warning", "picture 'zero.png' left out: the file is empty", 12),
          Said("warning", "SVG pictures cannot be read; export it as PNG or JPEG", 14),
          Said("warning", "WEBP pictures are not supported; use PNG or JPEG", 16),
          Said("warning", "picture 'bomb.png' left out: the picture is too large", 18)),
         decks=1, checks=(pictures(1), shows("after the pictures"))),
    Case("image-outside", "pictures outside the notes' folder: ../, absolute path, "
         "file:// (left as text by Markdown), a symlink to outside",
         _outside_pictures, 0,
         (Said("warning", "the file is outside the notes folder", 4),
          Said("warning", "absolute paths are not read", 6),
          Said("warning", "the file is outside the notes folder", 10)),
         decks=1, checks=(pictures(0),)),
    # --- templates ---
    Case("template-not-pptx", "--template naming a text file",
         with_args(text(talk("x"), fake_pptx=b"not a deck\n"), "--template", "{dir}/fake.pptx"),
         1, (Said("error", "the template is not a PowerPoint file", file=r"fake\.pptx"),),
         alone=True),
    Case("template-missing", "--template naming no file",
         with_args(text(talk("x")), "--template", "{dir}/none.pptx"), 1,
         (Said("error", "no such file", file="command line"),), alone=True),
    Case("template-folder", "--template naming a folder",
         with_args(text(talk("x")), "--template", "{dir}"), 2,
         (Said("usage", "is a directory"),), alone=True),
    Case("template-without-layouts", "a .pptx with no title and no content layout",
         _template_without_layouts, 1,
         (Said("error", "the template has no layout with a title and one content",
               file=r"bare\.pptx"),), alone=True),
    Case("template-outside", "front matter 'template: ../../x.pptx'",
         text("---\ntemplate: ../../x.pptx\n---\n" + talk("x")), 1,
         (Said("error", "front matter 'template' points outside the notes folder", 2),)),
    Case("font-outside", "front matter 'font_ja: ../fonts/x.ttf' (a font file outside)",
         text("---\nfont_ja: ../fonts/x.ttf\n---\n" + talk("x")), 1,
         (Said("error", "front matter 'font_ja' points outside the notes folder", 2),)),
    # --- paths and options ---
    Case("output-under-a-file", "-o OUT where a file is in the way (OUT=taken.txt/out)",
         _output_under_a_file, 1,
         (Said("error", "cannot write this output: Not a directory", file=r"taken\.txt/out/.*"),),
         alone=True),
    Case("notes-folder", "a folder instead of the notes file", _notes_folder, 1,
         (Said("error", "this is a folder; give the notes file inside it", file="{name}"),),
         alone=True),
    Case("notes-missing", "a notes file that does not exist", _missing_notes, 1,
         (Said("error", "no such file", file=r"none\.md"),), alone=True),
    Case("notes-symlink", "the notes file is a symbolic link", _symlinked_notes, 0, decks=1,
         checks=(shows("linked text"),)),
    Case("pyproject-invalid", "a pyproject.toml beside the notes that does not parse",
         text(talk("x"), pyproject_toml=b"[tool.publisher]\nper_page = \n"), 1,
         (Said("error", "cannot read settings: Invalid value; fix the file", 2,
               file=r"pyproject\.toml"),)),
    Case("output-is-a-file", "-o naming a file", with_args(text(talk("x")), "-o", "{dir}/{dir}.md"),
         2, (Said("usage", "is a file"),), alone=True),
    Case("session-level-9", "--session-level 9",
         with_args(text(talk("x")), "--session-level", "9"), 2,
         (Said("usage", "9 is not in the range 1<=x<=6"),), alone=True),
    Case("per-page-5", "--per-page 5", with_args(text(talk("x")), "--per-page", "5"), 2,
         (Said("usage", "'5' is not one of"),), alone=True),
    Case("unknown-option", "an option that does not exist (--frobnicate)",
         with_args(text(talk("x")), "--frobnicate"), 2, (Said("usage", "No such option"),),
         alone=True),
)
# fmt: on


# --- the table in docs/RELIABILITY.md ---------------------------------------------------------

TABLE_START = "<!-- cases: generated from tests/bad_input_cases.py; do not edit by hand -->"
TABLE_END = "<!-- end of cases -->"


def _cell(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _code(value: str) -> str:
    return "`" + value.replace("|", "\\|").replace("`", "'") + "`"


def _said(said: Said, case: Case) -> str:
    level = "usage error" if said.level == "usage" else said.level
    where = {None: "", ANY_LINE: " (on many lines)"}.get(said.line, f" (line {said.line})")
    if said.file:  # about another file than the notes: which one, as the pattern reads
        shown = said.file.replace("{name}", case.name).replace(".*", "…").replace("\\", "")
        where += f" on {_code(shown)}"
    return f"{level}{where}: {_code(said.phrase)}"


def _built(case: Case) -> str:
    if case.status != 0:
        return "nothing; previous outputs kept"
    if case.command == "check":
        return "checked, not built: " + case.why.split(": ", 1)[-1]
    made = []
    if "decks" in case.builds():
        made.append(f"{case.decks} deck{'s' if case.decks != 1 else ''}")
    if "pdfs" in case.builds():
        made.append("both PDFs")
    text = " and ".join(made)
    return f"{text} ({case.why})" if case.why else text


def reliability_table(cases: Sequence[Case] = CASES) -> str:
    """The table of cases, as docs/RELIABILITY.md shows it (between its markers)."""
    rows = [
        TABLE_START,
        "",
        "| # | Input | Command | Exit | What publisher says | What is built |",
        "|---|---|---|---|---|---|",
    ]
    for number, case in enumerate(cases, 1):
        said = "<br>".join(_said(s, case) for s in case.said) or "nothing (no warning)"
        rows.append(
            f"| {number} | {_cell(case.input)} | `{case.command}` | {case.status} "
            f"| {said} | {_cell(_built(case))} |"
        )
    rows += ["", TABLE_END]
    return "\n".join(rows) + "\n"
