"""One PDF from documents laid out one after another: each part's pages let go when drawn.

WeasyPrint lays out every page of a document before it draws the first, and
keeps every page's boxes until the PDF is written: the laid-out slide handout
of 20 times the reference notes (367 pages) held about 155 MiB, the largest
part of a build's peak memory (bench/NOTES.md). The slide handout's pages do
not depend on one another (publisher places every frame itself, and each
sheet is one page), so it can be laid out a part at a time.

:func:`pdf_of_parts` writes one PDF from WeasyPrint documents given one after
another. It is WeasyPrint's own PDF writer (``weasyprint.pdf.generate_pdf``)
taken apart so that it works a page at a time: each page is drawn, its links
and its part of the PDF/UA structure tree made, and its boxes let go, before
the next part is laid out. So a build holds one part's boxes at a time, not
the whole document's. What differs from one document written by WeasyPrint:
the order of the PDF's objects (the structure tree is made page by page,
between the pages, instead of at the end). The pages, their text, fonts,
links, outline, structure tree and metadata are the same (tested). As pages
are drawn, between parts, and before and after the fonts are subset, the
memory freed is given back to the system (:mod:`publisher.heap`).

It covers what publisher's own templates use: pages, text, pictures, links
(internal links only within a part), an outline, PDF/UA-1 tags and the
document's metadata; it refuses forms, attachments, colour profiles, output
intents and other PDF variants (:func:`full_options`). It uses WeasyPrint's
internals, so it is used only with the WeasyPrint it was written for
(:func:`parts_supported`); with another, or with a user's templates, the
handout is written whole by WeasyPrint's own writer.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .heap import give_back_free_memory

WRITTEN_FOR = "70."  # WeasyPrint's major version whose PDF writer this follows
SCALE = 0.75  # PDF points per CSS pixel (72 / 96), WeasyPrint's zoom 1
# Pages drawn between two returns of freed memory to the system (publisher.heap):
# each takes about a millisecond; every 16 pages kept the ×20 reading handout's
# drawing at 201 MiB instead of 218 (every 4: no lower).
GIVE_BACK_EVERY = 16


def parts_supported() -> bool:
    """Whether the installed WeasyPrint is the one this writer follows."""
    try:
        import weasyprint
        from weasyprint.pdf import tags
    except ImportError:
        return False
    return weasyprint.VERSION.startswith(WRITTEN_FOR) and hasattr(tags, "_build_box_tree")


def pdf_of_parts(parts: Sequence[Callable[[], Any]], options: Mapping[str, Any]) -> bytes:
    """The PDF of ``parts``, in order: each a function that gives a part's
    ``weasyprint.HTML`` document (parsed, not laid out).

    ``options`` are WeasyPrint's ``write_pdf`` options. A part is parsed and
    laid out only when the one before is drawn and let go; the metadata
    (title, authors, language, dates) is the first part's.
    """
    from weasyprint.text.fonts import FontConfiguration

    chosen = full_options(options)
    font_config = FontConfiguration()  # one for all parts: each face is embedded once

    def laid_out() -> Iterator[Any]:
        for index, part in enumerate(parts):
            if index:  # none after the last: the process lets it go with everything else
                _let_go_of_part(chosen["cache"])
            yield part().render(font_config=font_config, **chosen)

    return write_documents(laid_out(), chosen)


def full_options(options: Mapping[str, Any]) -> dict[str, Any]:
    """WeasyPrint's defaults with ``options``, and what their PDF variant implies, as
    ``write_pdf`` and its PDF writer read them."""
    from weasyprint import DEFAULT_OPTIONS
    from weasyprint.pdf import VARIANTS

    chosen = {**DEFAULT_OPTIONS, **options}
    if variant := chosen["pdf_variant"]:
        properties = VARIANTS[variant][1]
        for key, value in properties.items():
            if chosen.get(key) is None:
                chosen[key] = value
        chosen["pdf_tags"] = properties.get("pdf_tags", chosen["pdf_tags"])
    unmade = [name for name, values in _ACCEPTED.items() if chosen.get(name) not in values]
    if unmade:
        raise ValueError(f"a PDF written a page at a time does not make: {', '.join(unmade)}")
    return chosen


# Options whose other values ask for what WeasyPrint's writer makes and this one does
# not, each with the values this one accepts.
_ACCEPTED: dict[str, tuple[Any, ...]] = {
    "pdf_variant": (None, "pdf/ua-1"),
    "pdf_version": (None, "1.7"),  # PDF 2.0 tags need a namespace
    "attachments": (None, [], ()),
    "xmp_metadata": (None, [], ()),
    "custom_metadata": (False,),
    "output_intent": (None,),
    "pdf_forms": (None, False),
}


def write_documents(documents: Iterable[Any], options: Mapping[str, Any]) -> bytes:
    """The PDF of laid-out WeasyPrint ``documents``, in order, written a page at a time:
    each document's pages are let go once drawn, before the next document is asked for.

    ``options`` as :func:`full_options` gives them.
    """
    writer: _Writer | None = None
    for document in documents:
        if writer is None:
            writer = _Writer(document, dict(options))
        writer.add(document)
        del document  # before the next is laid out
    if writer is None:
        raise ValueError("no document to write")
    return writer.finish()


def _let_go_of_part(pictures: Any) -> None:
    """Free what the part before left: its parsed elements refer to one another, so
    only a collection frees them (its boxes go as soon as their pages are drawn).

    An SVG picture WeasyPrint keeps in the shared picture cache (the ruled memo
    lines) holds the layout of the part that first drew it, and with it that
    part's elements, styles and last page: it is dropped, to be read again by
    the next part that draws it (one small picture per size of memo).

    A process that has stopped collecting (its last work, :mod:`publisher.collector`)
    has everything made since in the youngest generation, so that one is enough and
    walks only the part; elsewhere the part may have been moved to older ones. What
    the part freed is then given back to the system (:mod:`publisher.heap`).
    """
    from weasyprint.images import SVGImage

    if isinstance(pictures, dict):
        for address in [a for a, picture in pictures.items() if isinstance(picture, SVGImage)]:
            del pictures[address]
    gc.collect(2 if gc.isenabled() else 0)
    give_back_free_memory()


class _Writer:
    """WeasyPrint's ``generate_pdf``, a page at a time (WeasyPrint 70)."""

    def __init__(self, first: Any, options: dict[str, Any]) -> None:
        import pydyf
        from tinycss2.color5 import D50, D65

        if first.color_profiles or first.metadata.attachments:
            raise ValueError("a PDF written a page at a time has no colour profiles or attachments")
        self.options = options
        self.compress = not options["uncompressed_pdf"]
        self.tagged = bool(options["pdf_tags"])
        self.metadata = first.metadata
        self.fonts: dict[Any, Any] = {}
        self.images: dict[str, Any] = {}
        self.names: list[Any] = []
        self.annot_files: dict[Any, Any] = {}
        self.page_streams: list[Any] = []
        self.page_number = 0
        self.bookmarks: list[Any] = []
        self._bookmark_state: tuple[list[Any], list[Any], int] = ([], [self.bookmarks], 0)
        self.pdf = pdf = pydyf.PDF()

        def lab(white_point: Any) -> Any:
            area = pydyf.Array((-125, 125, -125, 125))
            return pydyf.Array(
                ("/Lab", pydyf.Dictionary({"WhitePoint": pydyf.Array(white_point), "Range": area}))
            )

        lab_spaces = {"lab-d50": lab(D50), "lab-d65": lab(D65)}
        color_space = pydyf.Dictionary(lab_spaces)
        pdf.add_object(color_space)
        self.resources = pydyf.Dictionary(
            {
                "ExtGState": pydyf.Dictionary(),
                "XObject": pydyf.Dictionary(),
                "Pattern": pydyf.Dictionary(),
                "Shading": pydyf.Dictionary(),
                "ColorSpace": color_space.reference,
            }
        )
        pdf.add_object(self.resources)
        if self.tagged:
            self._start_tags()

    # --- pages -------------------------------------------------------------------------

    def add(self, document: Any) -> None:
        """Draw every page of ``document`` (one part), then let its boxes go."""
        from weasyprint.pdf.anchors import resolve_links

        for page, links_and_anchors in zip(
            document.pages, list(resolve_links(document.pages)), strict=True
        ):
            self._page(document, page, links_and_anchors)
        document.pages.clear()

    def _page(self, document: Any, page: Any, links_and_anchors: Any) -> None:
        import pydyf
        from weasyprint.anchors import make_page_bookmark_tree
        from weasyprint.matrix import Matrix
        from weasyprint.pdf.anchors import add_annotations, add_forms, add_links
        from weasyprint.pdf.stream import Stream

        pdf, scale, number = self.pdf, SCALE, self.page_number
        tags: dict[Any, Any] | None = {} if self.tagged else None
        matrix = Matrix(scale, 0, 0, -scale, 0, page.height * scale)
        bleed = page.bleed
        page_width = scale * (page.width + bleed["left"] + bleed["right"])
        page_height = scale * (page.height + bleed["top"] + bleed["bottom"])
        left = -scale * bleed["left"]
        top = -scale * bleed["top"]
        right = left + page_width
        bottom = top + page_height
        rectangle = (left / scale, top / scale, (right - left) / scale, (bottom - top) / scale)
        stream = Stream(
            self.fonts,
            rectangle,
            self.resources,
            self.images,
            tags,
            {},  # colour profiles: none in publisher's handouts
            None,  # output intent
            compress=self.compress,
        )
        stream.transform(d=-1, f=(page.height * scale))
        pdf.add_object(stream)
        self.page_streams.append(stream)
        pdf_page = pydyf.Dictionary(
            {
                "Type": "/Page",
                "Parent": pdf.pages.reference,
                "MediaBox": pydyf.Array([left, top, right, bottom]),
                "Contents": stream.reference,
                "Resources": self.resources.reference,
            }
        )
        if self.tagged:
            pdf_page["Tabs"] = "/S"
            pdf_page["StructParents"] = number
        pdf.add_page(pdf_page)
        add_links(links_and_anchors, matrix, pdf, pdf_page, self.names, tags)
        add_annotations(
            links_and_anchors[0], matrix, document, pdf, pdf_page, self.annot_files, self.compress
        )
        add_forms(
            page.forms, matrix, pdf, pdf_page, self.resources, stream,
            document.font_config.font_map,
        )  # fmt: skip
        page.paint(stream, scale)
        trim = {key: value * SCALE for key, value in bleed.items()}
        trim_left, trim_top = left + trim["left"], top + trim["top"]
        trim_right, trim_bottom = right - trim["right"], bottom - trim["bottom"]
        pdf_page["TrimBox"] = pydyf.Array([trim_left, trim_top, trim_right, trim_bottom])
        pdf_page["BleedBox"] = pydyf.Array(
            [
                trim_left - min(10, trim["left"]),
                trim_top - min(10, trim["top"]),
                trim_right + min(10, trim["right"]),
                trim_bottom + min(10, trim["bottom"]),
            ]
        )
        skipped, last_by_depth, previous = self._bookmark_state
        previous = make_page_bookmark_tree(
            page, skipped, last_by_depth, previous, number,
            Matrix(a=scale, d=-scale, f=page.height * scale),
        )  # fmt: skip
        self._bookmark_state = (skipped, last_by_depth, previous)
        if tags is not None:
            self._tag_page(page, tags)
        page._page_box = None  # drawn and tagged: nothing reads the boxes again
        self.page_number += 1
        if self.page_number % GIVE_BACK_EVERY == 0:
            give_back_free_memory()

    # --- PDF/UA structure, a page at a time (weasyprint.pdf.tags.add_tags) --------------

    def _start_tags(self) -> None:
        import pydyf

        pdf = self.pdf
        self.content_mapping = pydyf.Dictionary({"Nums": pydyf.Array()})
        pdf.add_object(self.content_mapping)
        root = pydyf.Dictionary(
            {"Type": "/StructTreeRoot", "ParentTree": self.content_mapping.reference}
        )
        pdf.add_object(root)
        self.structure = pydyf.Dictionary(
            {"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(), "P": root.reference}
        )
        pdf.add_object(self.structure)
        root["K"] = pydyf.Array([self.structure.reference])
        pdf.catalog["StructTreeRoot"] = root.reference
        self.annotations: list[Any] = []

    def _tag_page(self, page: Any, tags: dict[Any, Any]) -> None:
        import pydyf
        from weasyprint.pdf.tags import _build_box_tree

        number = self.page_number
        nums = self.content_mapping["Nums"]
        nums.append(number)
        nums.append(pydyf.Array())
        page_nums: dict[int, Any] = {}
        for element in _build_box_tree(
            page._page_box, self.structure, self.pdf, number, page_nums, self.annotations, tags
        ):
            self.structure["K"].append(element.reference)
        if tags:
            raise RuntimeError("marked content left out of the structure tree")
        nums[-1].extend(reference for _, reference in sorted(page_nums.items()))

    def _finish_tags(self) -> None:
        import pydyf

        nums = self.content_mapping["Nums"]
        for index, (reference, annotation) in enumerate(self.annotations, start=self.page_number):
            nums.append(index)
            nums.append(reference)
            annotation["StructParent"] = index
        catalog = self.pdf.catalog
        catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
        catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
        if "Lang" not in catalog:
            from weasyprint.logger import LOGGER

            LOGGER.error('Missing required "lang" attribute at the root of the document')
            catalog["Lang"] = pydyf.String()

    # --- the end: outline, metadata, fonts, names ----------------------------------------

    def finish(self) -> bytes:
        """The whole PDF, as WeasyPrint's ``write_pdf`` would write it."""
        import pydyf
        from weasyprint import VERSION
        from weasyprint.pdf import VARIANTS, _use_references, _w3c_date_to_pdf
        from weasyprint.pdf.anchors import add_outlines
        from weasyprint.pdf.fonts import build_fonts_dictionary

        give_back_free_memory()  # the pages' boxes, before the fonts are subset
        pdf, options, metadata = self.pdf, self.options, self.metadata
        add_outlines(pdf, self.bookmarks)
        pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION}")
        if metadata.title:
            pdf.info["Title"] = pydyf.String(metadata.title)
        if metadata.authors:
            pdf.info["Author"] = pydyf.String(", ".join(metadata.authors))
        if metadata.description:
            pdf.info["Subject"] = pydyf.String(metadata.description)
        if metadata.keywords:
            pdf.info["Keywords"] = pydyf.String(", ".join(metadata.keywords))
        if metadata.generator:
            pdf.info["Creator"] = pydyf.String(metadata.generator)
        for key, value, name in (
            ("CreationDate", metadata.created, "created"),
            ("ModDate", metadata.modified, "modified"),
        ):
            if value:
                pdf.info[key] = pydyf.String(_w3c_date_to_pdf(value, name))
        if metadata.lang:
            pdf.catalog["Lang"] = pydyf.String(metadata.lang)
        fonts = build_fonts_dictionary(
            pdf, self.fonts, self.compress, not options["full_fonts"], options
        )
        pdf.add_object(fonts)
        self.resources["Font"] = fonts.reference
        give_back_free_memory()  # what subsetting the fonts freed, before the PDF is written
        _use_references(pdf, self.resources, self.images, {})
        if self.names:
            names = pydyf.Array()
            for name, destination in sorted(self.names):
                names.append(pydyf.String(name))
                names.append(destination)
            pdf.catalog.setdefault("Names", pydyf.Dictionary())
            pdf.catalog["Names"]["Dests"] = pydyf.Dictionary({"Names": names})
        if self.tagged:
            self._finish_tags()
        if variant := options["pdf_variant"]:
            VARIANTS[variant][0](pdf, self, self.page_streams, [], self.compress)
        output = io.BytesIO()
        pdf.write(output, options["pdf_version"], options["pdf_identifier"], self.compress)
        return output.getvalue()
