"""Deck templates: the built-in design or a user's .pptx, and the boxes they give.

A template is read once per process. Its title layout and its title-and-
content layout are found by the placeholders they hold (title + subtitle;
title + one body or content placeholder), never by position or name, so a
corporate template with its own layout order and names works. The boxes of
those placeholders become the :class:`publisher.layout.Geometry` the planner
measures against. Slides already in the template are not part of any deck.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from ..diagnostics import Diagnostic, UserError
from ..layout import EMU_PER_PT, Box, Geometry

PresentationType = Any  # python-pptx's Presentation object
LayoutAt = tuple[int, int]  # (master index, layout index)

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_NOT_CONTENT = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
FOUR_THREE_WIDTH = 720.0  # points: 10 in
COVER_ACCENTS = ("Accent band", "Accent rule")  # the built-in title layout's shapes, by name


def builtin_path() -> Path:
    """The built-in template: package data when installed, else the repository's."""
    installed = Path(__file__).resolve().parents[1] / "templates" / "deck.pptx"
    if installed.is_file():
        return installed
    return Path(__file__).resolve().parents[2] / "templates" / "deck.pptx"


@dataclass(frozen=True)
class Template:
    """A deck template, read and checked: open it once per deck with :meth:`open`."""

    source: str  # the user's file, or "" for the built-in template
    data: bytes  # the .pptx without any slides
    title_at: LayoutAt
    content_at: LayoutAt
    boxes: Geometry

    @property
    def builtin(self) -> bool:
        return not self.source

    def geometry(self) -> Geometry:
        """Slide size and the boxes of the title, body, cover and footer placeholders."""
        return self.boxes

    def open(self) -> PresentationType:
        """A fresh presentation from the template, with no slides."""
        return Presentation(io.BytesIO(self.data))

    @staticmethod
    def layout(presentation: PresentationType, where: LayoutAt) -> Any:
        return presentation.slide_masters[where[0]].slide_layouts[where[1]]


def load_template(path: str | None = None, *, slide_size: str = "16:9") -> Template:
    """The built-in template (``path`` empty or None) or the user's .pptx at ``path``.

    ``slide_size`` "4:3" narrows the built-in template to 10 × 7.5 in; a
    user's template keeps its own size. Raises UserError saying what is wrong
    with the file and what to do.
    """
    if not path:
        return _load(str(builtin_path()), "", slide_size == "4:3", 0, 0)
    target = Path(path).expanduser()
    try:
        stat = target.stat()
    except OSError as error:
        raise _problem(
            path,
            f"cannot read the template ({error.strerror or error}); check the 'template' setting",
        ) from error
    return _load(str(target.resolve()), path, False, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _load(file: str, source: str, narrow: bool, _mtime: int, _size: int) -> Template:
    shown = source or file
    try:
        raw = Path(file).read_bytes()
    except OSError as error:
        raise _problem(shown, f"cannot read the template ({error.strerror or error})") from error
    presentation = _open(raw, shown)
    _drop_slides(presentation)
    if narrow:
        _narrow(presentation)
    title_at = _find_layout(presentation, _title_score)
    content_at = _find_layout(presentation, _content_score)
    if content_at is None:
        raise _problem(
            shown,
            "the template has no layout with a title and one content (body) "
            "placeholder; add a 'Title and Content' layout in Slide Master view",
        )
    if title_at is None:
        raise _problem(
            shown,
            "the template has no layout with a title and a subtitle "
            "placeholder; add a 'Title Slide' layout in Slide Master view",
        )
    geometry = _geometry(presentation, title_at, content_at, shown)
    out = io.BytesIO()
    presentation.save(out)
    return Template(source, out.getvalue(), title_at, content_at, geometry)


def _problem(path: str, message: str) -> UserError:
    return UserError(Diagnostic(path, None, "error", message))


def _open(raw: bytes, shown: str) -> PresentationType:
    """python-pptx's presentation of ``raw``; a .potx is read as the .pptx it holds."""
    if not zipfile.is_zipfile(io.BytesIO(raw)):
        raise _problem(
            shown,
            "the template is not a PowerPoint file; save it from PowerPoint "
            "or LibreOffice as .pptx and name that file",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            types = archive.read("[Content_Types].xml")
    except (KeyError, zipfile.BadZipFile, OSError):
        types = b""
    if _TEMPLATE_TYPE in types:
        raw = _as_presentation(raw)
    try:
        return Presentation(io.BytesIO(raw))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise _problem(
            shown,
            f"the template is not a readable .pptx ({error}); open it in "
            "PowerPoint or LibreOffice and save it again as .pptx",
        ) from error
    except Exception as error:  # lxml and python-pptx raise many kinds on broken parts
        raise _problem(
            shown,
            f"the template is damaged ({error.__class__.__name__}); open it "
            "in PowerPoint or LibreOffice and save it again as .pptx",
        ) from error


def _as_presentation(raw: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(_TEMPLATE_TYPE, _DECK_TYPE)
            target.writestr(info, data)
    return out.getvalue()


def _drop_slides(presentation: PresentationType) -> None:
    id_list = presentation.slides._sldIdLst
    for slide_id in list(id_list):
        id_list.remove(slide_id)
        presentation.part.drop_rel(slide_id.rId)


def _narrow(presentation: PresentationType) -> None:
    """4:3: the slide 10 in wide, every box on the master and layouts scaled across."""
    scale = FOUR_THREE_WIDTH * EMU_PER_PT / presentation.slide_width
    presentation.slide_width = round(FOUR_THREE_WIDTH * EMU_PER_PT)
    for master in presentation.slide_masters:
        for holder in (master, *master.slide_layouts):
            for shape in holder.shapes:
                xfrm = shape._element.find(".//{*}xfrm")
                if xfrm is None:
                    continue
                off, ext = xfrm.find("{*}off"), xfrm.find("{*}ext")
                if off is not None:
                    off.set("x", str(round(int(off.get("x")) * scale)))
                if ext is not None:
                    ext.set("cx", str(round(int(ext.get("cx")) * scale)))


# --- finding layouts by their placeholders -------------------------------------------


def _kinds(layout: Any) -> list[tuple[PP_PLACEHOLDER, Any]]:
    found = []
    for shape in layout.placeholders:
        kind = shape.placeholder_format.type
        if kind not in _NOT_CONTENT:
            found.append((kind, shape))
    return found


def _vertical(shape: Any) -> bool:
    ph = shape._element.find(".//{*}ph")
    return ph is not None and ph.get("orient") == "vert"


def _title_score(layout: Any) -> float | None:
    kinds = _kinds(layout)
    titles = [s for k, s in kinds if k in (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)]
    subtitles = [s for k, s in kinds if k == PP_PLACEHOLDER.SUBTITLE]
    if len(titles) != 1 or len(subtitles) != 1 or _vertical(titles[0]):
        return None
    centre = kinds and any(k == PP_PLACEHOLDER.CENTER_TITLE for k, _ in kinds)
    return 2.0 if centre else 1.0


def _content_score(layout: Any) -> float | None:
    kinds = _kinds(layout)
    titles = [s for k, s in kinds if k == PP_PLACEHOLDER.TITLE]
    bodies = [(k, s) for k, s in kinds if k in (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)]
    if len(titles) != 1 or len(bodies) != 1 or len(kinds) != 2:
        return None
    kind, body = bodies[0]
    if _vertical(titles[0]) or _vertical(body) or body.width is None or body.height is None:
        return None
    area = float(body.width * body.height) / (EMU_PER_PT**2 * 1e6)
    return area + (1000.0 if kind == PP_PLACEHOLDER.OBJECT else 0.0)


def _find_layout(presentation: PresentationType, score: Any) -> LayoutAt | None:
    best: tuple[float, LayoutAt] | None = None
    for m, master in enumerate(presentation.slide_masters):
        for n, layout in enumerate(master.slide_layouts):
            value = score(layout)
            if value is not None and (best is None or value > best[0]):
                best = (value, (m, n))
    return best[1] if best else None


# --- the boxes ----------------------------------------------------------------------


def _box(shape: Any) -> Box | None:
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(v is None for v in values):
        return None
    x, y, w, h = (v / EMU_PER_PT for v in values)
    return Box(x, y, w, h)


def _placeholder_box(layout: Any, kinds: tuple[PP_PLACEHOLDER, ...]) -> Box | None:
    for shape in layout.placeholders:
        if shape.placeholder_format.type in kinds:
            return _box(shape)
    return None


def _geometry(
    presentation: PresentationType, title_at: LayoutAt, content_at: LayoutAt, shown: str
) -> Geometry:
    content = Template.layout(presentation, content_at)
    cover = Template.layout(presentation, title_at)
    title = _placeholder_box(content, (PP_PLACEHOLDER.TITLE,))
    body = _placeholder_box(content, (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY))
    cover_title = _placeholder_box(cover, (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE))
    cover_subtitle = _placeholder_box(cover, (PP_PLACEHOLDER.SUBTITLE,))
    if title is None or body is None or cover_title is None or cover_subtitle is None:
        raise _problem(
            shown,
            "a placeholder of the title or content layout has no position; "
            "move it once in Slide Master view and save the template again",
        )
    accent = next((_box(s) for s in content.shapes if s.name == "Accent line"), None)
    cover_boxes = (_box(s) for s in cover.shapes if s.name in COVER_ACCENTS)
    cover_accents = tuple(box for box in cover_boxes if box is not None)
    return Geometry(
        slide_width=presentation.slide_width / EMU_PER_PT,
        slide_height=presentation.slide_height / EMU_PER_PT,
        title=title,
        body=body,
        cover_title=cover_title,
        cover_subtitle=cover_subtitle,
        footer=_placeholder_box(content, (PP_PLACEHOLDER.FOOTER,)),
        slide_number=_placeholder_box(content, (PP_PLACEHOLDER.SLIDE_NUMBER,)),
        accent=accent,
        cover_accents=cover_accents,
    )
