"""HTML to PDF with WeasyPrint: only allowed files are read, and the result is reproducible.

Every resource goes through :class:`NotesFetcher`: ``data:`` URLs, files
inside the notes' folder, the templates and the configured font files, and
nothing else; web addresses only with ``allow_remote``. A refused or missing
resource becomes a warning with the notes' file and line (taken from the
``data-line`` attribute the templates put on pictures).

The PDF is tagged (PDF/UA-1), carries the title, author, language and the
event's date from the HTML, and no time of building: the same input gives
the same bytes.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from .atomic import write_atomic
from .diagnostics import Diagnostic
from .resources import is_within

if TYPE_CHECKING:
    from .config import Config
    from .images import ImageInfo
    from .layout import Deck
    from .model import Event

REMOTE_TIMEOUT = 5.0  # seconds, for --allow-remote
PDF_VARIANT = "pdf/ua-1"


@dataclass
class FetchLog:
    """What the fetcher refused or could not find, in order."""

    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    loaded: list[str] = field(default_factory=list)


def _fetcher_class() -> type:
    """:class:`NotesFetcher`, defined on first use so importing this module stays cheap."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class NotesFetcher(URLFetcher):  # type: ignore[misc]
        """A WeasyPrint fetcher that reads only what the build may read."""

        def __init__(
            self,
            *,
            roots: Iterable[Path],
            files: Iterable[Path],
            allow_remote: bool,
            log: FetchLog,
        ) -> None:
            protocols = ("http", "https", "data") if allow_remote else ("data",)
            super().__init__(timeout=REMOTE_TIMEOUT, allowed_protocols=protocols)
            self.roots = tuple(Path(r).resolve() for r in roots)
            self.files = frozenset(Path(f).resolve() for f in files)
            self.allow_remote = allow_remote
            self.log = log

        def _refuse(self, url: str, reason: str) -> ValueError:
            self.log.refused.append((url, reason))
            return ValueError(f"{reason}: {url[:200]}")

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                return self._fetch_file(url)
            if scheme in ("http", "https"):
                if not self.allow_remote:
                    raise self._refuse(url, "web addresses are not fetched without --allow-remote")
                try:
                    response = super().fetch(url, headers)
                except Exception as error:  # any network problem: report it, draw without
                    raise self._refuse(url, f"it could not be fetched ({error})") from error
                self.log.loaded.append(url)
                return response
            raise self._refuse(url, f"'{scheme or url}' addresses are never read")

        def _fetch_file(self, url: str) -> Any:
            parts = urlsplit(url)
            if parts.netloc not in ("", "localhost"):
                raise self._refuse(url, "files on other machines are never read")
            path = Path(url2pathname(unquote(parts.path))).resolve()
            allowed = path in self.files or any(is_within(path, r) for r in self.roots)
            if not allowed:
                raise self._refuse(url, "the file is outside the notes folder")
            if not path.is_file():
                raise self._refuse(url, "the file does not exist")
            self.log.loaded.append(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return NotesFetcher


class _SourceLines(HTMLParser):
    """Collects ``src``/``href`` → ``data-line`` from the HTML, to place fetch problems."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = values.get("data-line")
        target = values.get("src") or values.get("href")
        if line and line.isdigit() and target and target not in self.lines:
            self.lines[target] = int(line)


def iri_to_uri(url: str) -> str:
    """The address as WeasyPrint asks the fetcher for it."""
    from weasyprint.urls import iri_to_uri as weasy_iri_to_uri

    return str(weasy_iri_to_uri(url))


def source_lines(html: str, base_url: str = "") -> dict[str, int]:
    """Where each referenced resource of ``html`` came from in the notes (its line).

    Keys are the addresses as written and, with ``base_url``, as resolved.
    """
    if "data-line" not in html:
        return {}
    parser = _SourceLines()
    parser.feed(html)
    parser.close()
    lines = dict(parser.lines)
    if base_url:
        for target, line in parser.lines.items():
            lines.setdefault(iri_to_uri(urljoin(base_url, target)), line)
    return lines


@contextmanager
def _captured_log() -> Iterator[list[logging.LogRecord]]:
    """WeasyPrint's own warnings during one render, instead of on the console."""
    from weasyprint import LOGGER

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(logging.WARNING)
    propagate = LOGGER.propagate
    LOGGER.addHandler(handler)
    LOGGER.propagate = False
    try:
        yield records
    finally:
        LOGGER.removeHandler(handler)
        LOGGER.propagate = propagate


def _diagnostics(
    log: FetchLog, records: list[logging.LogRecord], lines: Mapping[str, int], source: str
) -> list[Diagnostic]:
    problems = []
    refused = {url for url, _ in log.refused}
    for url, reason in log.refused:
        shown = url if len(url) <= 80 else url[:79] + "…"
        line = lines.get(url) or lines.get(unquote(url))
        problems.append(Diagnostic(source, line, "warning", f"'{shown}' not read: {reason}"))
    for record in records:
        message = record.getMessage()
        if any(url[:200] in message for url in refused):
            continue  # already reported above, with its line
        first = message.splitlines()[0] if message else "unknown problem"
        problems.append(Diagnostic(source, None, "warning", f"PDF: {first}"))
    return problems


def base_url(base_dir: Path) -> str:
    """The address relative references in the HTML resolve against: the notes' folder."""
    return base_dir.resolve().as_uri() + "/"


def weasyprint_document(
    html: str,
    *,
    base_dir: Path,
    template_dirs: Iterable[Path] = (),
    font_files: Iterable[Path] = (),
    allow_remote: bool = False,
    log: FetchLog,
) -> Any:
    """WeasyPrint's document of ``html``, parsed and ready to lay out.

    Resources are read through :class:`NotesFetcher` (refusals go to ``log``);
    HTML from publisher's own templates gets the lean user-agent stylesheet
    (:mod:`publisher.user_agent`); pydyf, tinyhtml5 and WeasyPrint are
    mended first (:mod:`publisher.page_references`,
    :mod:`publisher.page_styles`, :mod:`publisher.stream_compression`,
    :mod:`publisher.page_streams`, :mod:`publisher.text_runs`,
    :mod:`publisher.font_files`).
    """
    from .font_files import read_font_files_when_needed
    from .handout import only_builtin_templates
    from .page_references import list_pages_once
    from .page_streams import compress_pages_when_drawn
    from .page_styles import style_pages_directly
    from .stream_compression import compress_at_default_level
    from .text_runs import remember_text_patterns
    from .user_agent import html_document

    list_pages_once()
    style_pages_directly()
    compress_at_default_level()
    compress_pages_when_drawn()
    remember_text_patterns()
    read_font_files_when_needed()
    template_dirs = tuple(template_dirs)
    fetcher = _fetcher_class()(
        roots=(base_dir, *template_dirs), files=font_files, allow_remote=allow_remote, log=log
    )
    return html_document(
        html,
        own_templates=only_builtin_templates(template_dirs),
        base_url=base_url(base_dir),
        url_fetcher=fetcher,
    )


def pdf_options(*, tagged: bool = True, cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """WeasyPrint's options for a handout: reproducible, compressed, tagged (PDF/UA-1)."""
    options: dict[str, Any] = {
        "pdf_identifier": True,  # derived from the content, so reproducible
        "uncompressed_pdf": False,
        "cache": cache if cache is not None else {},
    }
    if tagged:
        options["pdf_variant"] = PDF_VARIANT
    return options


def render_pdf(
    html: str | Sequence[str],
    *,
    base_dir: Path,
    source: str,
    allow_remote: bool = False,
    template_dirs: Iterable[Path] = (),
    font_files: Iterable[Path] = (),
    tagged: bool = True,
    cache: dict[str, Any] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """The PDF of ``html`` and what went wrong on the way (refused or missing resources).

    ``html`` is one document, or the parts of one laid out one after another
    (:func:`publisher.handout.render_slides_handout_parts`). HTML from
    publisher's own templates is written a page at a time
    (:mod:`publisher.pdf_parts`: each page's boxes let go once it is drawn),
    where the installed WeasyPrint allows it; a user's templates get
    WeasyPrint's own writer, which covers everything a template may use.
    ``base_dir`` is the notes' folder: relative references resolve there, and
    only files inside it, in ``template_dirs`` and in ``font_files`` are read.
    ``cache`` may be shared between documents of one build (pictures are
    decoded once).
    """
    from .handout import only_builtin_templates
    from .pdf_parts import parts_supported, pdf_of_parts

    parts = (html,) if isinstance(html, str) else tuple(html)
    template_dirs = tuple(template_dirs)
    font_files = tuple(font_files)
    log = FetchLog()
    options = pdf_options(tagged=tagged, cache=cache)

    def document(part: str) -> Any:
        return weasyprint_document(
            part,
            base_dir=base_dir,
            template_dirs=template_dirs,
            font_files=font_files,
            allow_remote=allow_remote,
            log=log,
        )

    with _captured_log() as records:
        if only_builtin_templates(template_dirs) and parts_supported():
            data = pdf_of_parts([functools.partial(document, part) for part in parts], options)
        elif len(parts) == 1:
            data = document(parts[0]).write_pdf(**options)
        else:
            raise ValueError("a handout in parts needs publisher.pdf_parts")
    lines: dict[str, int] = {}
    for part in parts:
        lines.update(source_lines(part, base_url(base_dir)))
    return data, _unique(_diagnostics(log, records, lines, source))


def _unique(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Each problem once (a refused picture is reported by every part that shows it)."""
    return list(dict.fromkeys(problems))


def write_pdf(
    html: str | Sequence[str],
    path: Path,
    *,
    base_dir: Path,
    source: str,
    allow_remote: bool = False,
    template_dirs: Iterable[Path] = (),
    font_files: Iterable[Path] = (),
    tagged: bool = True,
    cache: dict[str, Any] | None = None,
) -> list[Diagnostic]:
    """Render ``html`` and replace ``path`` with it in one step; return the warnings."""
    data, problems = render_pdf(
        html,
        base_dir=base_dir,
        source=source,
        allow_remote=allow_remote,
        template_dirs=template_dirs,
        font_files=font_files,
        tagged=tagged,
        cache=cache,
    )
    write_atomic(path, data)
    return problems


def write_handouts(
    event: Event,
    decks: Sequence[Deck],
    *,
    config: Config,
    base_dir: Path,
    images: Mapping[str, ImageInfo],
    handout: Path | None = None,
    slides: Path | None = None,
) -> list[Diagnostic]:
    """Write the reading handout and/or the slide handout; return every warning.

    The one call a build needs: it checks the fonts (raising
    :class:`~publisher.diagnostics.UserError` when the Japanese face is
    missing), warns about characters no font has and about slow font
    subsetting, renders the HTML and writes each PDF atomically. Pictures are
    decoded once for both PDFs.
    """
    from .fonts import harfbuzz_subset_warning
    from .handout import (
        glyph_diagnostics,
        handout_fonts_for,
        render_handout_html,
        render_slides_handout_parts,
        template_search_path,
    )

    fonts = handout_fonts_for(config, base_dir, event.source)
    problems = glyph_diagnostics(event, config=config, base_dir=base_dir)
    slow = harfbuzz_subset_warning()
    if slow:
        problems.append(Diagnostic(event.source, None, "warning", slow))
    common: dict[str, Any] = {
        "base_dir": base_dir,
        "source": event.source,
        "allow_remote": config.allow_remote,
        "template_dirs": template_search_path(config, base_dir),
        # checked pictures may lie outside the notes' folder: downloaded with --allow-remote
        "font_files": (*fonts.files, *(info.path for info in images.values())),
        "cache": {},
    }
    written: list[Diagnostic] = []
    if handout is not None:
        html = render_handout_html(event, config=config, images=images, base_dir=base_dir)
        written += write_pdf(html, handout, **common)
    if slides is not None:
        parts = render_slides_handout_parts(decks, config=config, event=event, base_dir=base_dir)
        written += write_pdf(parts, slides, **common)
    return problems + without_known_glyphs(written, problems)


def without_known_glyphs(problems: list[Diagnostic], known: list[Diagnostic]) -> list[Diagnostic]:
    """Drop WeasyPrint's missing-glyph warnings for characters already reported with a line.

    With such characters, WeasyPrint also warns that "too many glyphs" are missing
    from a face that has no unused glyph number left to stand for them (Noto Sans
    CJK uses them all): the characters it means are the ones reported. That warning
    names no character, so it is dropped whenever any character was reported.
    """
    reported = {code for d in known for code in re.findall(r"U\+[0-9A-F]{4,6}", d.message)}
    kept = []
    for problem in problems:
        codes = set(re.findall(r"U\+[0-9A-F]{4,6}", problem.message))
        if ".notdef" in problem.message and codes and codes <= reported:
            continue
        if reported and "Too many glyphs missing from" in problem.message:
            continue
        kept.append(problem)
    return kept
