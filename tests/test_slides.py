"""The .pptx renderer: Japanese-correct runs, explicit layout, every word kept, same bytes."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import CORPUS
from deck_support import STYLE, URL, bullets, event, measurer_or_skip, rich_event, session
from deck_words import squash, xml_text
from lxml import etree
from pptx import Presentation

from publisher.diagnostics import UserError
from publisher.layout import Deck
from publisher.measure import has_japanese
from publisher.model import (
    BulletList,
    Event,
    Heading,
    Link,
    Notes,
    Paragraph,
    Quote,
    plain_text,
)
from publisher.plan import plan_decks
from publisher.slides.deck import render_deck, write_deck
from publisher.slides.template import Template, load_template

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"a": A, "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Deck, Template, bytes]:
    measurer = measurer_or_skip()
    folder = tmp_path_factory.mktemp("rich")
    notes, images = rich_event(folder)
    template = load_template()
    (deck,) = plan_decks(
        notes, geometry=template.geometry(), style=STYLE, images=images, measurer=measurer
    )
    return deck, template, render_deck(deck, template)


def parts_xml(data: bytes, pattern: str = r"ppt/(slides|notesSlides)/\w+\.xml") -> list:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        return [
            etree.fromstring(archive.read(n))
            for n in archive.namelist()
            if re.fullmatch(pattern, n)
        ]


def saved(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    return path


# --- words and runs -----------------------------------------------------------------


def test_every_word_is_in_the_file(built: tuple[Deck, Template, bytes], tmp_path: Path) -> None:
    _, _, data = built
    found = squash(xml_text(saved(tmp_path, data)))
    expected = [
        "普通の文と",
        "太字",
        "斜体",
        "code()",
        "取り消し",
        "リンクの文字",
        "文化の話",
        "顧客志向で考える",
        "長期的思考",
        "失敗から学ぶ",
        "English bullet text",
        "1.手順その一",
        "2.手順その二",
        "引用された一文",
        "ここで補足を話す",
        "コードと表",
        "return f'こんにちは {name}'",
        "列A",
        "説明2",
        "全部入りの発表",
        "区分：LT",
        "登壇者：山田花子(@hanako)",
        "イベント：社内勉強会",
    ]
    for words in expected:
        assert squash(words) in found, words


def test_every_run_with_japanese_has_its_fonts_and_language(
    built: tuple[Deck, Template, bytes],
) -> None:
    _, _, data = built
    runs = [r for root in parts_xml(data) for r in root.iter(f"{{{A}}}r", f"{{{A}}}fld")]
    assert len(runs) > 30
    japanese = 0
    for run in runs:
        props = run.find("a:rPr", NS)
        value = "".join(run.itertext())
        assert props is not None and props.get("lang") in ("ja-JP", "en-US"), value
        for slot in ("latin", "ea", "cs"):
            assert props.find(f"a:{slot}", NS) is not None, (value, slot)
        if has_japanese(value):
            japanese += 1
            assert props.get("lang") == "ja-JP" and props.get("altLang") == "en-US"
            face = props.find("a:ea", NS).get("typeface")
            assert face in (STYLE.font_ja, STYLE.font_mono)  # code keeps the mono face
    assert japanese > 20


def test_no_autofit_and_no_justified_text(built: tuple[Deck, Template, bytes]) -> None:
    _, _, data = built
    for root in parts_xml(data, r"ppt/slides/\w+\.xml"):
        assert not list(root.iter(f"{{{A}}}normAutofit", f"{{{A}}}spAutoFit"))
        for body in root.iterfind(".//p:txBody/a:bodyPr", NS):
            assert body.find("a:noAutofit", NS) is not None
            assert body.get("wrap") == "square"
        for props in root.iter(f"{{{A}}}pPr"):
            assert props.get("algn") not in ("just", "dist", "thaiDist", "justLow")
            assert props.find("a:lnSpc/a:spcPts", NS) is not None
            assert props.find("a:spcBef/a:spcPts", NS) is not None
            assert props.get("marL") is not None and props.get("indent") is not None
    template = zipfile.ZipFile(__import__("io").BytesIO(load_template().data))
    for name in template.namelist():
        if name.endswith(".xml"):
            assert b"normAutofit" not in template.read(name), name


def test_sizes_and_spacing_come_from_the_plan(built: tuple[Deck, Template, bytes]) -> None:
    deck, _, data = built
    roots = parts_xml(data, r"ppt/slides/slide2\.xml")
    sizes = {int(r.get("sz")) / 100 for r in roots[0].iter(f"{{{A}}}rPr")}
    planned = {x.size for p in deck.slides[1].parts for x in getattr(p, "lines", ())}
    assert planned <= sizes
    pitches = {int(s.get("val")) / 100 for s in roots[0].iterfind(".//a:lnSpc/a:spcPts", NS)}
    assert {round(s * STYLE.line_spacing, 2) for s in planned} <= pitches


def test_inline_formatting_links_and_breaks(
    built: tuple[Deck, Template, bytes], tmp_path: Path
) -> None:
    _, _, data = built
    slide = Presentation(str(saved(tmp_path, data))).slides[1]
    runs = [
        r for s in slide.shapes if s.has_text_frame for p in s.text_frame.paragraphs for r in p.runs
    ]
    by_text = {r.text: r for r in runs}
    assert by_text["太字"].font.bold and by_text["斜体"].font.italic
    assert by_text["code()"]._r.find("a:rPr/a:latin", NS).get("typeface") == STYLE.font_mono
    assert by_text["取り消し"]._r.find("a:rPr", NS).get("strike") == "sngStrike"
    assert by_text["リンクの文字"].hyperlink.address == URL
    assert slide.shapes[1]._element.findall(".//a:br", NS)


def test_code_is_coloured_in_the_mono_face(built: tuple[Deck, Template, bytes]) -> None:
    _, _, data = built
    root = next(
        r for r in parts_xml(data, r"ppt/slides/slide\d+\.xml") if "greet" in "".join(r.itertext())
    )
    code = next(
        sp for sp in root.iterfind(".//p:sp", NS) if sp.find(".//p:cNvPr", NS).get("name") == "Code"
    )
    colors = {c.get("val") for c in code.iterfind(".//a:r/a:rPr/a:solidFill/a:srgbClr", NS)}
    faces = {f.get("typeface") for f in code.iterfind(".//a:r/a:rPr/a:latin", NS)}
    assert len(colors) >= 3 and faces == {STYLE.font_mono}


def test_tables_pictures_and_notes(built: tuple[Deck, Template, bytes], tmp_path: Path) -> None:
    _, _, data = built
    slides = Presentation(str(saved(tmp_path, data))).slides
    tables = [s for slide in slides for s in slide.shapes if s.has_table]
    assert len(tables) == 1
    header = tables[0].table.cell(0, 0)
    assert header.text == "列A" and header.text_frame.paragraphs[0].runs[0].font.bold
    pictures = [s for slide in slides for s in slide.shapes if s.shape_type == 13]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pictures] == ["青い長方形の図"]
    width, height = pictures[0].width, pictures[0].height
    assert width / height == pytest.approx(2.0, rel=0.01)
    noted = [s for s in slides if s.has_notes_slide and s.notes_slide.notes_text_frame.text]
    assert [s.notes_slide.notes_text_frame.text for s in noted] == ["ここで補足を話す"]


def test_layouts_footers_numbers_and_theme(
    built: tuple[Deck, Template, bytes], tmp_path: Path
) -> None:
    deck, template, data = built
    presentation = Presentation(str(saved(tmp_path, data)))
    title_layout = Template.layout(presentation, template.title_at)
    content_layout = Template.layout(presentation, template.content_at)
    layouts = [s.slide_layout for s in presentation.slides]
    assert layouts[0] == title_layout and all(x == content_layout for x in layouts[1:])
    assert len(presentation.slides) == len(deck.slides)
    for number, slide in enumerate(presentation.slides, start=1):
        fields = slide._element.findall(".//a:fld", NS)
        if number == 1:
            assert not fields
            continue
        assert [f.get("type") for f in fields] == ["slidenum"]
        assert fields[0].find("a:t", NS).text == str(number)
        assert any(s.has_text_frame and s.text_frame.text == deck.footer for s in slide.shapes)
    theme = next(
        p
        for p in presentation.part.package.iter_parts()
        if str(p.partname).startswith("/ppt/theme/")
    )
    fonts = etree.fromstring(theme.blob)
    for scheme in ("majorFont", "minorFont"):
        assert fonts.find(f".//a:{scheme}/a:latin", NS).get("typeface") == STYLE.font_latin
        assert fonts.find(f".//a:{scheme}/a:ea", NS).get("typeface") == STYLE.font_ja


# --- writing ------------------------------------------------------------------------


def test_the_same_deck_gives_the_same_bytes(
    built: tuple[Deck, Template, bytes], tmp_path: Path
) -> None:
    deck, template, data = built
    assert render_deck(deck, template) == data
    first, second = tmp_path / "a.pptx", tmp_path / "b.pptx"
    write_deck(deck, template, first)
    write_deck(deck, template, second)
    assert first.read_bytes() == second.read_bytes() == data
    with zipfile.ZipFile(first) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    core = Presentation(str(first)).core_properties
    assert core.modified.year == 2026 and core.title == deck.session.title


def test_a_failed_write_leaves_the_old_file(
    built: tuple[Deck, Template, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck, template, _ = built
    target = tmp_path / "01-deck.pptx"
    target.write_bytes(b"the previous deck")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(UserError, match="cannot write this output: disk full"):
        write_deck(deck, template, target)
    assert target.read_bytes() == b"the previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01-deck.pptx"]


def test_control_characters_are_dropped(tmp_path: Path) -> None:
    measurer = measurer_or_skip()
    talk = session(bullets("制御\x01文字\x1fを含む"), title="題\x07名")
    template = load_template()
    (deck,) = plan_decks(
        event(talk), geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    path = tmp_path / "deck.pptx"
    write_deck(deck, template, path)
    words = xml_text(path)
    assert "制御文字を含む" in words and "題名" in words and "\x01" not in words


def test_four_by_three(tmp_path: Path) -> None:
    measurer = measurer_or_skip()
    template = load_template(slide_size="4:3")
    talk = session(bullets(*[f"項目{i}の説明の文" for i in range(12)]))
    (deck,) = plan_decks(
        event(talk), geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    path = tmp_path / "deck.pptx"
    write_deck(deck, template, path)
    presentation = Presentation(str(path))
    assert presentation.slide_width == 9144000 and presentation.slide_height == 6858000


# --- the reference notes ------------------------------------------------------------


def model_words(notes: Event) -> list[str]:
    """Every bullet, heading and link text of the notes' sessions."""
    found: list[str] = []

    def walk(blocks: tuple) -> None:
        for block in blocks:
            if isinstance(block, BulletList):
                for item in block.items:
                    found.append(plain_text(item.inlines))
                    found.extend(plain_text(x.children) for x in _links(item.inlines))
                    walk(item.children)
            elif isinstance(block, (Heading, Paragraph)):
                found.append(plain_text(block.inlines))
            elif isinstance(block, (Quote, Notes)):
                walk(block.children)

    for talk in notes.sessions:
        found.append(talk.title)
        walk(talk.blocks)
    return [x for x in found if x.strip()]


def _links(inlines: tuple) -> list[Link]:
    from publisher.model import links_in

    return list(links_in(inlines))


def test_the_reference_notes_keep_every_word(tmp_path: Path) -> None:
    source = CORPUS / "ja-aws-summit-online-2020.md"
    if not source.is_file():
        pytest.skip(f"corpus not found at {source}")
    parse = pytest.importorskip("publisher.parse").parse
    measurer = measurer_or_skip()
    notes, _ = parse(source.read_text(encoding="utf-8"), str(source))
    template = load_template()
    decks = plan_decks(
        notes, geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    assert len(decks) == 9
    everything = ""
    for deck in decks:
        path = tmp_path / f"{deck.session.number:02d}.pptx"
        write_deck(deck, template, path)
        everything += squash(xml_text(path))
        presentation = Presentation(str(path))
        everything += squash(
            "".join(
                s.text_frame.text
                for slide in presentation.slides
                for s in slide.shapes
                if s.has_text_frame
            )
        )
    for words in model_words(notes):
        assert squash(words) in everything, words


def test_newlines_become_line_breaks_and_tabs_spaces(tmp_path: Path) -> None:
    measurer = measurer_or_skip()
    talk = session(bullets("一行目\n二行目\tタブ"))
    template = load_template()
    (deck,) = plan_decks(
        event(talk), geometry=template.geometry(), style=STYLE, images={}, measurer=measurer
    )
    root = parts_xml(render_deck(deck, template), r"ppt/slides/slide2\.xml")[0]
    body = next(sp for sp in root.iterfind(".//p:sp", NS) if "一行目" in "".join(sp.itertext()))
    assert len(body.findall(".//a:br", NS)) == 1
    assert [t.text for t in body.iterfind(".//a:t", NS)] == ["一行目", "二行目 タブ"]


def test_run_and_paragraph_properties_are_fresh_copies_of_one_made_per_format() -> None:
    """Made once per format and language, handed out as copies: changing one run's
    properties (as adding a hyperlink does) never reaches another run's."""
    from pptx.util import Pt

    from publisher.slides.text import ParagraphFormat, RunFormat, format_paragraph, run_properties

    fmt = RunFormat(18.0, ("Noto Sans", "Noto Sans CJK JP", "Noto Sans Mono"), "en", color="333333")
    first, second = run_properties("a:rPr", fmt, "text"), run_properties("a:rPr", fmt, "text")
    assert first is not second and etree.tostring(first) == etree.tostring(second)
    first.set("b", "1")
    third = run_properties("a:rPr", fmt, "text")
    assert third.get("b") == "0" and third.get("lang") == "en-US"
    assert (
        run_properties("a:rPr", fmt, "日本語").get("lang") == "ja-JP"
    )  # the language still counts

    deck = Presentation()
    frame = deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_textbox(0, 0, Pt(100), Pt(50))
    one, two = frame.text_frame.paragraphs[0], frame.text_frame.add_paragraph()
    style = ParagraphFormat(line_pitch=20.0, bullet="•")
    format_paragraph(one, style)
    format_paragraph(two, style)
    assert one._p.pPr is not two._p.pPr
    assert etree.tostring(one._p.pPr) == etree.tostring(two._p.pPr)
    format_paragraph(one, ParagraphFormat(line_pitch=30.0))
    assert two._p.pPr.find(".//{*}buChar") is not None  # the second kept its own


DECK_IMPORTS = """
import sys
from pathlib import Path
from publisher.measure import default_measurer
from publisher.parse import parse
from publisher.plan import plan_decks
from publisher.slides.deck import render_deck
from publisher.slides.template import load_template
from publisher.config import Config
from publisher.plan import style_from_config
event, _ = parse(sys.argv[1], "notes.md")
template = load_template()
(deck,) = plan_decks(event, geometry=template.geometry(), style=style_from_config(Config()),
                     images={}, measurer=default_measurer())
render_deck(deck, template)
print("pygments" in sys.modules)
"""


@pytest.mark.parametrize(
    ("notes", "imported"),
    [
        ("# E\n\n## Talk\n\n- a point\n- `inline code` is not a code block\n", False),
        ("# E\n\n## Talk\n\n```python\nprint('hi')\n```\n", True),
    ],
)
def test_pygments_is_imported_only_for_a_deck_with_code(notes: str, imported: bool) -> None:
    """Code colours come from Pygments: a deck without a code block needs none of it."""
    import subprocess
    import sys

    measurer_or_skip()
    done = subprocess.run(
        [sys.executable, "-c", DECK_IMPORTS, notes], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == [str(imported)]
