"""The lean user-agent stylesheet: the same rules but unused pseudo-elements, the same PDF."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import cssselect2
import pytest
import tinyhtml5
import weasyprint
import weasyprint.css
from conftest import require_font
from handout_samples import planned_decks, sample_event

from publisher import user_agent
from publisher.config import Config
from publisher.handout import (
    builtin_templates,
    only_builtin_templates,
    render_handout_html,
    render_slides_handout_html,
)
from publisher.pdf import render_pdf
from publisher.user_agent import (
    NOTE_PARTS,
    html_document,
    lean_stylesheet,
    needs_whole_stylesheet,
)

PAGE = """<html lang="ja"><title>t</title><body>
<section class="sheet"><header><div>見出し</div></header>
<div class="frame"><p class="tl">本文</p><pre><code>x = 1</code></pre></div>
<ol><li>一</li><li>二<ul><li>三</li></ul></li></ol>
<table><tr><th>a</th><td>b</td></tr></table><details><summary>s</summary>d</details>
</section></body></html>"""


def _whole() -> Any:
    (sheet,) = weasyprint.HTML._ua_stylesheets(None, forms=False)
    return sheet


def _elements(html: str) -> list[Any]:
    root = tinyhtml5.parse(html, namespace_html_elements=False)
    return list(cssselect2.ElementWrapper.from_html_root(root).iter_subtree())


def test_every_element_gets_the_same_rules_but_the_pseudo_elements_it_cannot_draw() -> None:
    whole = _whole()
    lean = lean_stylesheet(whole)
    assert lean is not None
    for element in _elements(PAGE):
        theirs = whole.matcher.match(element)
        ours = lean.matcher.match(element)
        kept = (None, "marker") if element.local_name == "li" else (None,)
        assert ours == [rule for rule in theirs if rule[2] in kept]
        assert {rule[2] for rule in theirs} >= {"marker", *NOTE_PARTS}
    assert whole.matcher.other_selectors != lean.matcher.other_selectors  # the original is kept


def _pseudo_styles(monkeypatch: pytest.MonkeyPatch, html: str) -> Counter[tuple[str, str]]:
    """(element, pseudo-element) of every style WeasyPrint computes for ``html``."""
    made: Counter[tuple[str, str]] = Counter()
    computed = weasyprint.css.StyleFor.set_computed_styles

    def counting(self: Any, element: Any, parent: Any, *args: Any, **options: Any) -> None:
        pseudo = options.get("pseudo_type")
        if pseudo and isinstance(getattr(element, "tag", None), str):
            made[element.tag, pseudo] += 1
        computed(self, element, parent, *args, **options)

    with monkeypatch.context() as patched:
        patched.setattr(weasyprint.css.StyleFor, "set_computed_styles", counting)
        html_document(html).render()
    return made


def test_only_list_items_get_a_marker_style_and_nothing_gets_a_footnote_style(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _pseudo_styles(monkeypatch, PAGE)
    assert made == {("li", "marker"): 3}

    monkeypatch.setattr(user_agent, "_lean_html_class", lambda: None)  # WeasyPrint's own
    whole = _pseudo_styles(monkeypatch, PAGE)
    assert whole["p", "footnote-call"] == 1 and whole["div", "marker"] == 2
    assert sum(whole.values()) > 6 * 15


@pytest.mark.parametrize(
    "html",
    [
        '<p>本文<span style="float: footnote">注</span></p>',
        "<style>.n { position: NOTE( side ) }</style><p class=n>注</p>",
        "<style>div { display: list-item }</style><div>一</div>",
        '<link rel="stylesheet" href="extra.css"><p>本文</p>',
        '<style>@import "extra.css";</style><p>本文</p>',
        "<style>li > p { display: inherit }</style><ol><li><p>一</p></li></ol>",
        "<style>li > p { all: inherit }</style><ol><li><p>一</p></li></ol>",
        "<style>p { display: var(--shown) }</style><p>一</p>",
    ],
)
def test_what_could_use_a_left_out_rule_gets_weasyprint_s_own_stylesheet(html: str) -> None:
    assert needs_whole_stylesheet(html)
    assert type(html_document(html)) is weasyprint.HTML


def test_html_from_a_user_s_templates_gets_weasyprint_s_own_stylesheet(tmp_path: Path) -> None:
    assert type(html_document(PAGE, own_templates=False)) is weasyprint.HTML
    assert type(html_document(PAGE)) is not weasyprint.HTML
    builtin = builtin_templates()
    assert only_builtin_templates(()) and only_builtin_templates((builtin,))
    assert not only_builtin_templates((tmp_path, builtin))


def test_forms_get_weasyprint_s_own_stylesheets() -> None:
    document = html_document(PAGE)
    assert document._ua_stylesheets(forms=True) == weasyprint.HTML._ua_stylesheets(None, True)
    assert document._ua_stylesheets() != weasyprint.HTML._ua_stylesheets(None)


def test_the_handouts_get_the_lean_stylesheet(tmp_path: Path) -> None:
    event = sample_event(str(tmp_path / "notes.md"))
    decks = planned_decks(event, Config())
    for html in (
        render_handout_html(event, config=Config(), base_dir=tmp_path),
        render_slides_handout_html(decks, config=Config(), event=event, base_dir=tmp_path),
    ):
        assert not needs_whole_stylesheet(html)
        assert type(html_document(html)) is not weasyprint.HTML
        assert isinstance(html_document(html), weasyprint.HTML)


def test_a_stylesheet_unlike_weasyprint_s_is_not_made_lean() -> None:
    parts = " ".join(f"::{part} {{ color: red }}" for part in ("marker", *sorted(NOTE_PARTS)))
    assert lean_stylesheet(weasyprint.CSS(string=f"li {{ display: list-item }} {parts}"))
    for unlike in (
        "li { display: list-item } ::marker { color: red } p { margin: 0 }",  # no note rules
        f"{parts}",  # no list items
        f"li, summary {{ display: list-item }} {parts}",  # another list item
        f"li {{ display: list-item }} {parts} ::footnote-call {{ color: blue }}",  # twice
    ):
        assert lean_stylesheet(weasyprint.CSS(string=unlike)) is None, unlike


def test_the_handouts_are_the_same_pdfs_with_either_stylesheet(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    event = sample_event(str(tmp_path / "notes.md"))
    decks = planned_decks(event, Config())
    pages = [
        render_handout_html(event, config=Config(), base_dir=tmp_path),
        render_slides_handout_html(decks, config=Config(), event=event, base_dir=tmp_path),
        PAGE,
    ]
    lean = [render_pdf(html, base_dir=tmp_path, source="notes.md") for html in pages]
    monkeypatch.setattr(user_agent, "_lean_html_class", lambda: None)
    whole = [render_pdf(html, base_dir=tmp_path, source="notes.md") for html in pages]
    assert lean == whole
    assert all(problems == [] for _, problems in lean)


def test_render_pdf_says_whether_the_html_is_from_publisher_s_own_templates(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    asked: list[bool] = []
    parse = user_agent.html_document

    def recording(html: str, *, own_templates: bool = True, **options: Any) -> Any:
        asked.append(own_templates)
        return parse(html, own_templates=own_templates, **options)

    monkeypatch.setattr(user_agent, "html_document", recording)
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, **options: b"%PDF")
    for folders in ((builtin_templates(),), (tmp_path / "mine", builtin_templates())):
        render_pdf("<p>x</p>", base_dir=tmp_path, source="notes.md", template_dirs=folders)
    assert asked == [True, False]
