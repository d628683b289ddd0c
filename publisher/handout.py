"""The printed handouts as HTML: the notes for reading, and the decks N slides per page.

Templates are Jinja2 with autoescaping on, found first in the user's override
folder (the ``templates`` setting), then in the built-in ``templates/``. The
model holds no HTML, and every value reaches the page escaped, so nothing in
the notes can add markup, scripts or file references of its own.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .config import Config
from .diagnostics import Diagnostic, UserError
from .fonts import (
    EMOJI_FAMILIES,
    HandoutFonts,
    coverage_diagnostics,
    emphasis_slanted,
    handout_fonts,
)
from .handout_inlines import link_target
from .handout_marks import list_marks, shortened, text_width
from .handout_sheets import Page, Sheet, paper_size, plan_sheets
from .handout_styles import pt, slide_drawing
from .handout_text import (
    break_long_words,
    css_color,
    css_string,
    emphasis_words,
    highlight,
    labels_for,
    minutes_label,
    pygments_css,
)
from .images import ImageInfo
from .layout import Deck
from .model import (
    Block,
    BulletList,
    CodeBlock,
    Event,
    Heading,
    Image,
    Link,
    ListItem,
    Notes,
    Paragraph,
    Quote,
    Session,
    Table,
    links_in,
    plain_text,
    walk,
)
from .pdf_parts import parts_supported


def builtin_templates() -> Path:
    """The built-in templates: package data when installed, else the checkout's folder."""
    packaged = Path(__file__).resolve().parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[1] / "templates"


def only_builtin_templates(template_dirs: Iterable[Path]) -> bool:
    """Whether the HTML was made from publisher's own templates (no folder of the user's)."""
    builtin = builtin_templates().resolve()
    return all(Path(folder).resolve() == builtin for folder in template_dirs)


def template_search_path(config: Config, base_dir: Path) -> tuple[Path, ...]:
    """The user's override folder (if set and present), then the built-in templates."""
    if not config.templates:
        return (builtin_templates(),)
    folder = Path(config.templates)
    if not folder.is_absolute():
        folder = base_dir / folder
    if not folder.is_dir():
        raise UserError(
            Diagnostic(
                str(folder),
                None,
                "error",
                "the templates folder does not exist; create it or remove the templates setting",
            )
        )
    return (folder.resolve(), builtin_templates())


def _autoescape(name: str | None) -> bool:
    """Escape everything but stylesheets (which hold no values from the notes)."""
    return not (name or "").endswith(".css")


def _kind(value: object) -> str:
    return type(value).__name__


def _file_url(path: str | Path) -> str:
    return Path(path).resolve().as_uri()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (compiling them costs more than a small build).

    Jinja2's own per-user folder in the temporary directory (made private, or
    not used). A compiled template is used only for the same source text and
    the same program: the file names carry the program's key.
    """
    from .cache import program_key

    try:
        return jinja2.FileSystemBytecodeCache(pattern=f"__publisher_{program_key()[:16]}_%s.cache")
    except (OSError, RuntimeError):
        return None


@functools.lru_cache(maxsize=8)
def environment(search_path: tuple[Path, ...]) -> jinja2.Environment:
    """The Jinja2 environment for a template search path; built once per process.

    Compiled templates are kept, and compiled again when their file changes
    (a long-running ``watch``, a build after an edit in the same process).
    """
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(p)) for p in search_path]
    loaders.append(jinja2.PrefixLoader({"builtin": builtin}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        kind=_kind,
        css_string=css_string,
        highlight=highlight,
        break_long_words=break_long_words,
        emphasis_words=emphasis_words,
        minutes=minutes_label,
        link_target=link_target,
        plain=plain_text,
        pt=pt,
        css_color=css_color,
        file_url=_file_url,
    )
    env.globals.update(emoji_families=EMOJI_FAMILIES)
    return env


def render(name: str, search_path: tuple[Path, ...], context: Mapping[str, Any]) -> str:
    """Render template ``name``; a broken user template becomes a :class:`UserError`."""
    try:
        return environment(search_path).get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or name
        raise UserError(
            Diagnostic(where, error.lineno, "error", f"template: {error.message}")
        ) from None
    except jinja2.TemplateError as error:
        raise UserError(
            Diagnostic(name, None, "error", f"template cannot be rendered: {error}")
        ) from None
    except Exception as error:  # raised by a filter or function a user's template called
        line_at = _user_template_line(error, search_path[:-1])
        if line_at is None:  # not from the user's templates: publisher's own fault
            raise
        message = f"template cannot be rendered: {type(error).__name__}: {error}"
        raise UserError(Diagnostic(*line_at, "error", message)) from None


def _user_template_line(error: BaseException, folders: Sequence[Path]) -> tuple[str, int] | None:
    """The innermost line of a template in ``folders`` the error passed through.

    Jinja2 rewrites a rendering error's traceback so that template code shows
    as the template's own file and line.
    """
    found = None
    trace = error.__traceback__
    while trace is not None:
        path = Path(trace.tb_frame.f_code.co_filename)
        if any(path.is_relative_to(folder) for folder in folders):
            found = (str(path), trace.tb_lineno)
        trace = trace.tb_next
    return found


# --- the reading handout ---------------------------------------------------------------


# The running header: the event title at the left, the session's at the right.
HEADER_SIZE = 8.0  # pt, as handout.css sets it
HEADER_ROOM = 1.0  # em beyond a title's measured width, so that it never wraps early
HEADER_LINES = 2  # a longer title is shortened in the header ("…"): it has a line or two


@dataclass(frozen=True)
class HeaderWidths:
    """The widths of the running header's two boxes, in percent of the line."""

    event: float  # the event title's own width, as far as the session titles leave room
    session: float  # the rest of the line


def header_widths(event: Event, fonts: HandoutFonts, page: Page) -> HeaderWidths:
    """The running header's boxes: the event title's as wide as it is, the session's the rest.

    WeasyPrint shares the header line between boxes of automatic width by
    laying out their text at every place it may break (for Japanese, every
    character), on every page: 7 % of the reading handout at 20 times the
    reference notes. Given both widths it measures neither, and the event
    title stays on one line beside a long session title instead of both
    wrapping. The event title gets what it needs, up to half the line, or
    more when every session title leaves it room; the widths are shares of
    the line, so a header printed larger than ``HEADER_SIZE`` wraps sooner
    but never overlaps.
    """
    line = page.inner_width / HEADER_SIZE  # em
    labels = session_labels(event).values()
    widest = max((header_text_width(text, fonts) for text in labels), default=0.0)
    wanted = header_text_width(event.title, fonts)
    share = min(wanted, max(line / 2, line - widest)) / line * 100
    return HeaderWidths(round(share, 2), math.floor((100 - round(share, 2)) * 100) / 100)


@dataclass(frozen=True)
class HeaderTexts:
    """What the running header prints: the event title, and each session's title with its
    number, shortened to :data:`HEADER_LINES` lines of their boxes."""

    event: str
    sessions: tuple[str, ...]


def header_texts(
    event: Event, fonts: HandoutFonts, page: Page, widths: HeaderWidths
) -> HeaderTexts:
    """The header's texts, each at most :data:`HEADER_LINES` lines of its box.

    A title of any length stays out of the page (the header grows upwards), and
    WeasyPrint lays out a line or two of it on each page instead of all of it.
    """
    line = page.inner_width / HEADER_SIZE  # em

    def fitted(text: str, share: float) -> str:
        return shortened(text, line * share / 100 - HEADER_ROOM, fonts, lines=HEADER_LINES)

    return HeaderTexts(
        fitted(event.title, widths.event),
        tuple(fitted(text, widths.session) for text in session_labels(event).values()),
    )


def session_labels(event: Event) -> dict[int, str]:
    """Each session as the handouts' headers and outlines name it, by its
    :attr:`Session.number`: "3. Title" for a talk, the title alone for a section
    that is not one."""
    numbers = event.talk_numbers()
    return {
        s.number: f"{numbers[s.number]}. {s.title}" if s.is_talk else s.title
        for s in event.sessions
    }


def header_text_width(text: str, fonts: HandoutFonts) -> float:
    """The width ``text`` takes in the header, in em, with room to spare."""
    return text_width(text, fonts, unknown=1.0) + HEADER_ROOM


@dataclass(frozen=True)
class LinkNotes:
    """The links of one part of the handout, numbered for the notes printed after it."""

    numbers: Mapping[str, int]
    hrefs: tuple[str, ...]


@dataclass(frozen=True)
class SessionView:
    """A session as the reading handout's template shows it: its link notes and heading levels."""

    session: Session
    notes: LinkNotes
    heading_levels: Mapping[int, int]  # Markdown heading level → HTML heading level


def _block_links(blocks: Iterable[Block], with_notes: bool) -> Iterator[Link]:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            yield from links_in(block.inlines)
        elif isinstance(block, BulletList):
            for item in block.items:
                yield from _item_links(item, with_notes)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    yield from links_in(cell)
        elif isinstance(block, Quote) or (isinstance(block, Notes) and with_notes):
            yield from _block_links(block.children, with_notes)


def _item_links(item: ListItem, with_notes: bool) -> Iterator[Link]:
    yield from links_in(item.inlines)
    yield from _block_links(item.children, with_notes)


def code_colours(event: Event) -> dict[str, Markup]:
    """The colours of highlighted code, for both templates: the reading handout's
    and the decks' (Pygments' default style, as publisher.slides.parts draws them).

    Empty when the notes have no code block: they do not import Pygments.
    """
    if not any(isinstance(block, CodeBlock) for block in walk(event.blocks)):
        return {"pygments_css": Markup(""), "slides_pygments_css": Markup("")}
    return {
        "pygments_css": Markup(pygments_css()),
        "slides_pygments_css": Markup(pygments_css("default", ".frame .code")),
    }


def link_notes(links: Iterable[Link]) -> LinkNotes:
    """Number each distinct linked address once, in reading order.

    A link whose text is its own address gets no note: the address is printed.
    """
    numbers: dict[str, int] = {}
    for link in links:
        href = link_target(link.href)
        if not href or href.startswith("#") or href in numbers:
            continue
        if plain_text(link.children).strip() == href:
            continue
        numbers[href] = len(numbers) + 1
    return LinkNotes(numbers, tuple(numbers))


def _heading_levels(blocks: Iterable[Block], first: int) -> dict[int, int]:
    """Map the heading levels used to consecutive HTML levels from ``first`` (at most 6)."""
    used = sorted({b.level for b in blocks if isinstance(b, Heading)})
    return {level: min(first + i, 6) for i, level in enumerate(used)}


def session_view(session: Session, *, notes: bool, links_as_notes: bool) -> SessionView:
    links: list[Link] = []
    if session.title_link:
        links.append(Link(session.title_link, ()))
    links.extend(_block_links(session.blocks, notes))
    numbered = link_notes(links) if links_as_notes else LinkNotes({}, ())
    return SessionView(session, numbered, _heading_levels(session.blocks, 3))


W3C_DATE = re.compile(r"(\d{4})(?:\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?)?")


def w3c_date(text: str) -> str:
    """``2020-09-07`` from ``2020/9/7``, ``2020年9月7日``...; "" when there is no date."""
    match = W3C_DATE.search(text)
    if not match:
        return ""
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12:
        return year
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts)


def _lang(event: Event, config: Config) -> str:
    return config.lang or event.lang or "ja"


def _image_urls(images: Mapping[str, ImageInfo]) -> dict[str, str]:
    return {src: info.path.resolve().as_uri() for src, info in images.items()}


def handout_fonts_for(config: Config, base_dir: Path, source: str) -> HandoutFonts:
    """The faces the handouts print with (cached); UserError when Japanese has none."""
    return handout_fonts(
        config.font_ja,
        config.font_mono,
        font_latin=config.font_latin,
        base_dir=base_dir,
        source=source,
    )


def font_context(fonts: HandoutFonts) -> dict[str, Any]:
    """The template values for fonts: the faces and the CSS font-family lists.

    A Latin face comes first, so Latin text prints in the face the decks name
    for it (as PowerPoint draws it) and Japanese falls through to the body face.
    """
    first = [fonts.latin] if fonts.latin else []
    families = [*first, fonts.regular.family, *EMOJI_FAMILIES]
    body = ", ".join(css_string(f) for f in families) + ", sans-serif"
    mono_first = [fonts.mono.family] if fonts.mono else []
    mono = ", ".join(css_string(f) for f in [*mono_first, *families]) + ", monospace"
    slant_japanese, slant_latin = emphasis_slanted(fonts)
    return {
        "fonts": fonts,
        "font_stack": Markup(body),
        "mono_stack": Markup(mono),
        "slant_japanese": slant_japanese,
        "slant_latin": slant_latin,
    }


def render_handout_html(
    event: Event,
    *,
    config: Config,
    images: Mapping[str, ImageInfo] | None = None,
    base_dir: Path | None = None,
    links_as_notes: bool = True,
) -> str:
    """The reading handout as HTML: cover, agenda, then every session in full.

    ``images`` maps a picture's ``src`` as written to its checked file (from
    :func:`publisher.images.collect_images`); a picture not in it is shown as
    its description. Only those files are referenced by the HTML.
    """
    base = base_dir if base_dir is not None else Path(event.source).parent
    if images is None:
        from .images import collect_images

        images, _ = collect_images(event, base, allow_remote=config.allow_remote)
    lang = _lang(event, config)
    fonts = handout_fonts_for(config, base, event.source)
    page = paper_size(config.paper)
    header = header_widths(event, fonts, page)
    views = [
        session_view(s, notes=config.handout_notes, links_as_notes=links_as_notes)
        for s in event.sessions
    ]
    intro_notes = (
        link_notes(_block_links(event.intro, config.handout_notes))
        if links_as_notes
        else LinkNotes({}, ())
    )
    context = {
        "event": event,
        "sessions": views,
        "intro_notes": intro_notes,
        "intro_levels": _heading_levels(event.intro, 2),
        "show_notes": config.handout_notes,
        "images": _image_urls(images),
        "lang": lang,
        "labels": labels_for(lang),
        "date": w3c_date(event.date),
        "config": config,
        "page": page,
        "header": header,
        "header_texts": header_texts(event, fonts, page, header),
        "talk_numbers": event.talk_numbers(),
        "session_labels": session_labels(event),
        "list_marks": list_marks(fonts),
        **code_colours(event),
        **font_context(fonts),
    }
    return render("handout.html.j2", template_search_path(config, base), context)


def _pieces(blocks: Iterable[Block]) -> Iterator[tuple[int | None, str]]:
    for block in blocks:
        if isinstance(block, (Paragraph, Heading)):
            yield block.line, plain_text(block.inlines)
        elif isinstance(block, BulletList):
            for item in block.items:
                yield item.line, plain_text(item.inlines)
                yield from _pieces(item.children)
        elif isinstance(block, Table):
            cells = [c for row in (block.header, *block.rows) for c in row]
            yield block.line, " ".join(plain_text(c) for c in cells)
        elif isinstance(block, CodeBlock):
            yield block.line, block.code
        elif isinstance(block, Image):
            yield block.line, block.alt
        elif isinstance(block, (Quote, Notes)):
            yield from _pieces(block.children)


def text_pieces(event: Event) -> Iterator[tuple[int | None, str]]:
    """Every text of the event with the line it comes from, for the glyph check."""
    yield 1, " ".join((event.title, event.subtitle, event.date, event.author))
    yield from _pieces(event.intro)
    for session in event.sessions:
        speakers = " ".join(s.display for s in session.speakers)
        yield session.line, " ".join((session.title, session.category, session.group, speakers))
        yield from _pieces(session.blocks)


def glyph_diagnostics(
    event: Event, *, config: Config, base_dir: Path | None = None
) -> list[Diagnostic]:
    """A warning for each character of the notes that no installed font can print."""
    base = base_dir if base_dir is not None else Path(event.source).parent
    fonts = handout_fonts_for(config, base, event.source)
    return coverage_diagnostics(text_pieces(event), fonts, event.source)


# --- the slide handout -----------------------------------------------------------------


# Sheets (pages) of the slide handout laid out at a time when it is printed in parts
# (publisher.pdf_parts): about twice the reference notes' slide handout. Peak memory of
# the ×20 slide handout alone (367 pages, bench/NOTES.md): 272 MiB whole, 167 in parts.
SHEETS_PER_PART = 40


@dataclass(frozen=True)
class SlidesPart:
    """Where one part of a slide handout printed in parts stands in the whole."""

    first_page: int  # the number printed on the part's first page
    page_count: int  # pages of the whole handout


def render_slides_handout_html(
    decks: Iterable[Deck], *, config: Config, event: Event, base_dir: Path | None = None
) -> str:
    """The decks drawn N slides per page (``config.per_page``), slide for slide as planned."""
    decks = tuple(decks)
    sheets = plan_sheets(decks, per_page=config.per_page, paper=config.paper)
    return _slides_handout(decks, sheets, None, config=config, event=event, base_dir=base_dir)


def render_slides_handout_parts(
    decks: Iterable[Deck],
    *,
    config: Config,
    event: Event,
    base_dir: Path | None = None,
    sheets_per_part: int = SHEETS_PER_PART,
) -> tuple[str, ...]:
    """The slide handout's HTML in parts of ``sheets_per_part`` pages, to be printed one
    after another into one PDF (:func:`publisher.pdf_parts.pdf_of_parts`).

    Each part numbers its pages on from the part before and prints the whole
    handout's number of pages. One part, the whole handout, when it is no
    longer than a part, when a user's templates make it (their pages need not
    be one a sheet) or when the installed WeasyPrint is not the one
    :mod:`publisher.pdf_parts` was written for.
    """
    decks = tuple(decks)
    sheets = plan_sheets(decks, per_page=config.per_page, paper=config.paper)
    base = base_dir if base_dir is not None else Path(event.source).parent
    own = only_builtin_templates(template_search_path(config, base))
    if len(sheets) <= sheets_per_part or not own or not parts_supported():
        return (_slides_handout(decks, sheets, None, config=config, event=event, base_dir=base),)
    return tuple(
        _slides_handout(
            decks,
            sheets[start : start + sheets_per_part],
            SlidesPart(first_page=start + 1, page_count=len(sheets)),
            config=config,
            event=event,
            base_dir=base,
        )
        for start in range(0, len(sheets), sheets_per_part)
    )


def _slides_handout(
    decks: tuple[Deck, ...],
    sheets: tuple[Sheet, ...],
    part: SlidesPart | None,
    *,
    config: Config,
    event: Event,
    base_dir: Path | None,
) -> str:
    base = base_dir if base_dir is not None else Path(event.source).parent
    lang = _lang(event, config)
    fonts = handout_fonts_for(config, base, event.source)
    context = {
        "event": event,
        "decks": decks,
        "sheets": sheets,
        "part": part,
        "lang": lang,
        "labels": labels_for(lang),
        "date": w3c_date(event.date),
        "config": config,
        "page": sheets[0].page if sheets else paper_size(config.paper),
        "per_page": config.per_page,
        "session_labels": session_labels(event),
        **code_colours(event),
        **font_context(fonts),
        **slide_drawing(fonts),
    }
    return render("slides-handout.html.j2", template_search_path(config, base), context)


__all__ = [
    "builtin_templates",
    "environment",
    "glyph_diagnostics",
    "handout_fonts_for",
    "link_notes",
    "only_builtin_templates",
    "render_handout_html",
    "render_slides_handout_html",
    "render_slides_handout_parts",
    "template_search_path",
    "w3c_date",
]
