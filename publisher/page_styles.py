"""Each page's margin-box styles looked up, instead of searched for among every element's.

To style a new page's margin boxes (header, footer), WeasyPrint goes through
the cascaded styles of every element of the document, looking for the page's
own (``weasyprint.layout.page.set_page_type_computed_styles``), once per page:
laying out took time in pages × elements. At 20 times the reference notes
that was about 3 % of the slide handout's time (367 pages, 15,000 elements)
and 1 % of the reading handout's (bench/NOTES.md).

:func:`style_pages_directly` puts in its place a function that does the same
work but asks for the page's entries by their keys: a margin box's styles are
filed under the page and ``@`` and the box's name, and WeasyPrint lists the
names its stylesheets may give (``PAGE_MARGIN_BOXES``). Each margin box's
style depends only on the page's, so the order they are made in does not
matter. A WeasyPrint whose function reads other names than the one this was
written for is left alone.
"""

from __future__ import annotations

import functools
from typing import Any

# What WeasyPrint 70's function reads; another list means another function.
_NAMES_READ = (
    "add_page_declarations",
    "set_computed_styles",
    "etree_element",
    "base_url",
    "get_cascaded_styles",
)
_ARGUMENTS = ("page_type", "html", "style_for")


@functools.cache
def _margin_boxes() -> tuple[str, ...]:
    from weasyprint.css import PAGE_MARGIN_BOXES

    return tuple(sorted(f"@{name}" for name in PAGE_MARGIN_BOXES))


def _set_page_type_computed_styles(page_type: Any, html: Any, style_for: Any) -> None:
    """Style the page of ``page_type`` and its margin boxes (WeasyPrint's, without the search)."""
    style_for.add_page_declarations(page_type)
    root = html.etree_element
    style_for.set_computed_styles(page_type, root=root, parent=root, base_url=html.base_url)
    cascaded = style_for.get_cascaded_styles()
    for pseudo_type in _margin_boxes():
        if (page_type, pseudo_type) in cascaded:
            style_for.set_computed_styles(
                page_type,
                pseudo_type=pseudo_type,
                root=root,
                parent=page_type,  # a margin box inherits from its page
                base_url=html.base_url,
            )


def style_pages_directly() -> None:
    """Make WeasyPrint find each page's margin-box styles by their keys."""
    from weasyprint.layout import page

    current = getattr(page, "set_page_type_computed_styles", None)
    if current is None or current is _set_page_type_computed_styles:
        return
    code = getattr(current, "__code__", None)
    if code is None or code.co_names != _NAMES_READ:
        return  # not the function this was written for
    if code.co_varnames[: code.co_argcount] != _ARGUMENTS:
        return
    try:
        _margin_boxes()
    except ImportError:  # the names of the margin boxes are kept elsewhere now
        return
    page.set_page_type_computed_styles = _set_page_type_computed_styles
