"""WeasyPrint's user-agent stylesheet without the rules a handout cannot use.

WeasyPrint's stylesheet for HTML gives *every* element six pseudo-element
rules: ``::marker`` and the five of footnotes and notes (``::footnote-call``,
``::footnote-marker``, ``::note-call``, ``::note-marker``,
``::note-callback``). WeasyPrint computes a style for each of them on each
element, and keeps them all until the PDF is written. Only a list item ever
draws a marker, and only an element floated as a footnote (``float:
footnote``) or placed as a note (``position: note()``) draws the others. At 20
times the reference notes the slide handout computed 89,000 such styles for
15,000 elements: a quarter of its memory (bench/NOTES.md).

:func:`html_document` parses a handout made from publisher's own templates
with a copy of that stylesheet whose ``::marker`` rule is kept for ``li``
only (the one element it makes a list item) and whose footnote and note
rules are left out. publisher's templates use none of them, so the PDF is
the same, byte for byte (tested). A templates folder of the user's may hold
any CSS, and gets WeasyPrint's own stylesheet; so does any HTML in which a
quick look finds something that could use a rule left out
(:func:`needs_whole_stylesheet`). The copy shares WeasyPrint's parsed rules;
only their index (cssselect2's :class:`~cssselect2.Matcher`) is new. Should
WeasyPrint's stylesheet or its classes look otherwise than this was written
for, documents get WeasyPrint's own stylesheet.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

NOTE_PARTS = frozenset(
    {"footnote-call", "footnote-marker", "note-call", "note-marker", "note-callback"}
)
MARKED_ELEMENTS = ("li",)  # the elements WeasyPrint's stylesheet makes list items

# What in a document could use a rule left out: footnotes or notes, an element
# made a list item by the document's own CSS (also by inheriting its parent's
# display), and stylesheets not in the HTML. (CSS escapes could spell these
# otherwise: publisher's templates write none, and a user's get the whole sheet.)
_USES_LEFT_OUT = re.compile(
    r"footnote|note\s*\(|list-item|<link\b|@import"
    r"|\bdisplay\s*:\s*(?:inherit|unset|revert|var\s*\()|\ball\s*:",
    re.IGNORECASE,
)


def needs_whole_stylesheet(html: str) -> bool:
    """Whether ``html`` might use a rule the lean stylesheet leaves out.

    Deliberately coarse: the words anywhere in the HTML (its text included)
    are enough, since WeasyPrint's own stylesheet is always right.
    """
    return _USES_LEFT_OUT.search(html) is not None


def html_document(html: str, *, own_templates: bool = True, **options: Any) -> Any:
    """``weasyprint.HTML(string=html, **options)``, with the lean stylesheet when it is safe.

    ``own_templates`` says the HTML comes from publisher's built-in templates
    only; HTML from a user's templates always gets WeasyPrint's stylesheet.
    """
    from weasyprint import HTML

    lean = _lean_html_class() if own_templates else None
    if lean is None or needs_whole_stylesheet(html):
        return HTML(string=html, **options)
    return lean(string=html, **options)


@functools.cache
def _lean_html_class() -> type | None:
    """A subclass of ``weasyprint.HTML`` that uses the lean stylesheet, or None."""
    from weasyprint import HTML

    if not callable(getattr(HTML, "_ua_stylesheets", None)):
        return None
    try:
        (whole,) = HTML._ua_stylesheets(None, forms=False)
        sheet = lean_stylesheet(whole)
    except Exception:  # a WeasyPrint this was not written for
        return None
    if sheet is None:
        return None

    class LeanHTML(HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            if forms:
                return list(super()._ua_stylesheets(forms=True))
            return [sheet]

    return LeanHTML


def lean_stylesheet(whole: Any) -> Any | None:
    """A copy of the parsed stylesheet ``whole`` with its index made lean, or None.

    None when the stylesheet does not hold exactly what this expects: one
    universal ``::marker`` rule and one universal rule for each part of
    :data:`NOTE_PARTS`, all indexed among cssselect2's "other" selectors, and
    no element made a list item but those of :data:`MARKED_ELEMENTS`.
    """
    matcher = whole.matcher
    universal = [entry for entry in matcher.other_selectors if entry[3] is not None]
    parts = sorted(entry[3] for entry in universal)
    if parts != sorted({"marker", *NOTE_PARTS}) or not _list_items_only(matcher):
        return None
    (marker,) = (entry for entry in universal if entry[3] == "marker")
    element = _any_element()
    if not all(entry[0](element) for entry in universal):
        return None  # not universal after all
    # The other indexes are shared with WeasyPrint's sheet: nothing adds rules to it.
    lean_matcher = copy.copy(matcher)
    lean_matcher.other_selectors = [entry for entry in matcher.other_selectors if entry[3] is None]
    by_name = {name: list(entries) for name, entries in matcher.lower_local_name_selectors.items()}
    for name in MARKED_ELEMENTS:
        by_name.setdefault(name, []).append(marker)
    lean_matcher.lower_local_name_selectors = by_name
    lean = copy.copy(whole)
    lean.matcher = lean_matcher
    return lean


def _any_element() -> Any:
    import xml.etree.ElementTree as ElementTree

    import cssselect2

    return cssselect2.ElementWrapper.from_html_root(ElementTree.fromstring("<p/>"))


def _list_items_only(matcher: Any) -> bool:
    """Whether the stylesheet makes list items of the elements of :data:`MARKED_ELEMENTS`,
    by name, and of nothing else."""
    made = set()
    for bucket, entries in _indexed(matcher):
        for entry in entries:
            declarations = entry[4][0]  # payload: (declarations, layer)
            for name, value, *_ in declarations:
                if name == "display" and "list-item" in repr(value):
                    made.add(bucket)
    return made == set(MARKED_ELEMENTS)


def _indexed(matcher: Any) -> list[tuple[str | None, list[Any]]]:
    """Every (element name or None, entries) of a cssselect2 matcher."""
    indexed: list[tuple[str | None, list[Any]]] = [
        (name, entries) for name, entries in matcher.lower_local_name_selectors.items()
    ]
    for index in (matcher.id_selectors, matcher.class_selectors, matcher.namespace_selectors):
        indexed += [(None, entries) for entries in index.values()]
    indexed += [(None, matcher.lang_attr_selectors), (None, matcher.other_selectors)]
    return indexed
