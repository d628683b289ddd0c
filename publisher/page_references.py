"""pydyf's list of page references, made once per PDF instead of once per use.

pydyf, the PDF writer under WeasyPrint, makes the references of all pages
anew each time one is asked for (``PDF.page_references`` is a property), and
WeasyPrint asks once for every tagged element and every link. Writing a
tagged PDF so took time in pages × elements: at 20 times the reference
notes, about 2 s of each handout's 9–13 s of writing (bench/NOTES.md).

:func:`list_pages_once` gives the property a memory: when pages have been
added since, only theirs are listed (:mod:`publisher.pdf_parts` adds a page
between uses). It changes only a property that is
still pydyf's own and answers as the memo does (checked on a small PDF first),
so a pydyf that keeps its pages differently is left alone.
"""

from __future__ import annotations

from typing import Any

_MEMO = "_publisher_page_references"


def _page_references(pdf: Any) -> tuple[bytes, ...]:
    kids = pdf.pages["Kids"]  # [number, 0, "R", number, 0, "R", ...]
    made: tuple[list[Any], int, tuple[bytes, ...]] | None = pdf.__dict__.get(_MEMO)
    if made is None or made[0] is not kids or made[1] > len(kids):
        made = (kids, len(kids), _listed(kids))
        pdf.__dict__[_MEMO] = made
    elif made[1] < len(kids):  # pages added since: only theirs listed (a PDF written
        made = (kids, len(kids), made[2] + _listed(kids[made[1] :]))  # a page at a time)
        pdf.__dict__[_MEMO] = made
    return made[2]


def _listed(kids: list[Any]) -> tuple[bytes, ...]:
    return tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])


def list_pages_once() -> None:
    """Make pydyf list a PDF's page references once, not at every use."""
    import pydyf

    current = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(current, property) or current.fget is _page_references:
        return
    if getattr(current.fget, "__module__", None) != pydyf.__name__:
        return  # not pydyf's own any more
    if not _same_answers(pydyf, current):
        return  # pydyf keeps its pages otherwise now: leave it be
    pydyf.PDF.page_references = property(_page_references, doc=current.__doc__)


def _same_answers(pydyf: Any, current: property) -> bool:
    """Whether the memo answers as pydyf does: for two pages, then for a third added."""
    pdf = pydyf.PDF()
    try:
        for pages in (2, 1):
            for _ in range(pages):
                pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
            if current.fget is None or current.fget(pdf) != _page_references(pdf):
                return False
    except Exception:  # a pydyf this was not written for
        return False
    return True
