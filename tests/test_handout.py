"""The handouts as HTML: templates, escaping, agenda, link notes, pictures, slide pages."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import require_font
from handout_samples import event_with_images, planned_decks, sample_decks, sample_event

from publisher import handout
from publisher.config import Config
from publisher.diagnostics import UserError
from publisher.handout_marks import text_width
from publisher.handout_sheets import ARRANGEMENTS, paper_size, plan_sheets
from publisher.handout_text import css_string, minutes_label
from publisher.images import ImageInfo
from publisher.model import Event, Heading, Link, Paragraph, Session, Text, plain_text


@pytest.fixture(autouse=True, scope="module")
def cjk_font() -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")


def html_of(event: Event, **config: object) -> str:
    return handout.render_handout_html(event, config=Config(**config), base_dir=Path("."))  # type: ignore[arg-type]


def text_of(html: str) -> str:
    """The visible text of ``html``: tags dropped, entities kept."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<[^>]+>", "", body)


# --- the template search path ----------------------------------------------------------


def test_override_folder_template_wins(tmp_path: Path) -> None:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}'
        '{% block cover %}<p class="mine">OWN COVER {{ event.title }}</p>{% endblock %}',
        encoding="utf-8",
    )
    config = Config(templates="my-templates")
    assert handout.template_search_path(config, tmp_path)[0] == folder.resolve()
    html = handout.render_handout_html(sample_event(), config=config, base_dir=tmp_path)
    assert '<p class="mine">OWN COVER Sample Summit 2024 のまとめ</p>' in html
    assert 'class="cover"' not in html  # the built-in cover was replaced...
    assert 'class="agenda-table"' in html  # ...and the rest is still built in


def test_override_folder_can_replace_the_stylesheet(tmp_path: Path) -> None:
    (tmp_path / "handout.css").write_text("body { color: #123456; }", encoding="utf-8")
    config = Config(templates=str(tmp_path))
    html = handout.render_handout_html(sample_event(), config=config, base_dir=Path("."))
    assert "#123456" in html and "bookmark-level: 1" not in html


def test_missing_override_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as raised:
        handout.template_search_path(Config(templates="nowhere"), tmp_path)
    assert "nowhere" in str(raised.value) and "does not exist" in str(raised.value)


def test_broken_user_template_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "handout.html.j2").write_text("<p>\n{% if %}\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        handout.render_handout_html(
            sample_event(), config=Config(templates=str(tmp_path)), base_dir=Path(".")
        )
    (problem,) = raised.value.diagnostics
    assert problem.path.endswith("handout.html.j2") and problem.line == 2


def test_environment_is_built_once_per_search_path() -> None:
    path = (handout.builtin_templates(),)
    assert handout.environment(path) is handout.environment(path)
    assert handout.builtin_templates().joinpath("handout.html.j2").is_file()


# --- escaping ----------------------------------------------------------------------------


def test_everything_from_the_notes_is_escaped() -> None:
    nasty = "<script>alert(1)</script>"
    session = Session(
        1,
        nasty,
        3,
        blocks=(
            Paragraph((Text('<img src="file:///etc/passwd">'),), 4),
            Paragraph((Link("javascript:alert(1)", (Text("click"),)),), 5),
            Paragraph((Link('https://example.org/"><script>', (Text("x"),)),), 6),
        ),
    )
    event = Event(nasty, "notes.md", sessions=(session,), author='"><b>')
    html = html_of(event)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html  # not a link: the text is kept, unlinked
    assert "click" in text_of(html)
    assert 'href="https://example.org/&#34;&gt;&lt;script&gt;"' in html


def test_css_strings_cannot_close_the_style() -> None:
    value = css_string('a"b\\c</style><script>')
    assert value.startswith('"') and value.endswith('"')
    inner = str(value)[1:-1]
    assert not set(inner) & set('"<>/\\'.replace("\\", "")) and "</" not in inner


# --- agenda, sessions, notes -----------------------------------------------------------


def test_agenda_lists_each_session_with_its_duration_and_a_total() -> None:
    event = sample_event()
    html = html_of(event)
    agenda = html.split('class="agenda-table"', 1)[1].split("</table>", 1)[0]
    body = agenda.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>\s*<td class=\"num\">(.*?)</td>.*?</tr>", body, re.S)
    assert rows == ["1", "2", ""]  # the closing section is not a numbered talk
    assert "40分" in agenda and "32分" in agenda
    assert f"{event.total_minutes}分（1時間12分）" in agenda
    assert agenda.count('class="page-ref" href="#session-') == len(event.sessions)
    for number in range(1, len(event.sessions) + 1):
        assert f'id="session-{number}"' in html


def test_agenda_total_is_left_out_when_no_duration_is_known() -> None:
    event = sample_event()
    unknown = tuple(replace(s, duration_minutes=None) for s in event.sessions)
    event = replace(event, sessions=unknown)
    assert "<tfoot>" not in html_of(event)


def test_english_labels_and_durations() -> None:
    html = html_of(replace(sample_event(), lang="en"))
    assert '<html lang="en">' in html and "Agenda" in html and "72 min (1 h 12 min)" in html


def test_links_are_numbered_per_session_and_printed_as_notes() -> None:
    html = html_of(sample_event())
    sessions = html.split('<section class="session')[1:]
    first, second = sessions[0], sessions[1]
    assert re.findall(r'<sup class="note-ref">(\d+)</sup>', first) == ["1", "2"]
    assert re.findall(r'class="link-notes".*?</aside>', first, re.S)
    notes = re.findall(r'<li><a href="([^"]+)">', first.split('class="link-notes"')[1])
    assert notes == ["https://example.org/slides", "https://example.org/video"]
    # numbering starts again in the next session; an address seen before keeps one number
    assert re.findall(r'<sup class="note-ref">(\d+)</sup>', second) == ["1"]


def test_link_notes_skip_links_that_show_their_address() -> None:
    links = [
        Link("https://a.example/", (Text("https://a.example/"),)),
        Link("https://b.example/", (Text("b"),)),
        Link("https://b.example/", (Text("again"),)),
        Link("#local", (Text("here"),)),
        Link("notes.md", (Text("relative"),)),
    ]
    notes = handout.link_notes(links)
    assert notes.hrefs == ("https://b.example/",) and notes.numbers == {"https://b.example/": 1}


def test_links_without_notes_when_asked() -> None:
    event = sample_event()
    html = handout.render_handout_html(
        event, config=Config(), base_dir=Path("."), links_as_notes=False
    )
    assert 'class="note-ref"' not in html and 'class="link-notes"' not in html
    assert 'href="https://example.org/video"' in html


def test_speaker_notes_only_when_the_setting_asks() -> None:
    assert "Say hello to the room" not in html_of(sample_event())
    assert "Say hello to the room" in html_of(sample_event(), handout_notes=True)


def test_every_bullet_heading_and_code_line_is_in_the_html() -> None:
    html = html_of(sample_event())
    text = text_of(html)
    for expected in ("Measure twice", "Ship weekly", "心理的安全性の確保", "背景", "また来年。"):
        assert expected in text
    assert '<ul class="level-2">' in html and 'class="hl-' in html  # nesting and colours
    assert re.search(r"<h3 class=\"sub-heading\">背景</h3>", html)


def test_no_word_reaches_weasyprint_longer_than_a_line() -> None:
    """A word longer than a line costs WeasyPrint a layout of the rest per line: hours at 1 MB."""
    from publisher.handout_text import LONG_WORD
    from publisher.parse import parse

    word = "k" * 5000
    notes = (
        f"# E\n\n## Talk\n\n{word}\n\n- `{word}`\n- [{word}](https://example.com/{word})\n"
        f"- <https://example.com/{word}>\n\n```python\nx = '{word}'\n```\n\n```\n{word}\n```\n"
    )
    event, _ = parse(notes, "long.md")
    text = text_of(html_of(event)).replace("\u200b", " ")
    assert text.count("k" * (LONG_WORD // 2)) == 0
    assert text.replace(" ", "").count("k" * 5000) >= 5  # every place still prints it whole


def test_heading_levels_follow_on_without_gaps() -> None:
    blocks = (Heading((Text("a"),), 4, 1), Heading((Text("b"),), 6, 2))
    assert handout._heading_levels(blocks, 3) == {4: 3, 6: 4}


def test_pictures_come_only_from_checked_files(tmp_path: Path) -> None:
    picture = tmp_path / "ok.png"
    picture.write_bytes(b"not read here")
    event = event_with_images("notes.md", ("ok.png", "../secret.png"))
    images = {"ok.png": ImageInfo(picture, 10, 10, "PNG")}
    html = handout.render_handout_html(event, config=Config(), images=images, base_dir=tmp_path)
    assert f'src="{picture.resolve().as_uri()}"' in html
    assert "secret.png" not in re.findall(r'src="([^"]*)"', html)
    assert re.search(r'class="picture-missing" data-line="4"', html)


def test_date_normalised_for_metadata() -> None:
    assert handout.w3c_date("2020/9/7") == "2020-09-07"
    assert handout.w3c_date("2020年9月7日〜8日") == "2020-09-07"
    assert handout.w3c_date("May 2019") == "2019"
    assert handout.w3c_date("2019-13-01") == "2019"
    assert handout.w3c_date("someday") == ""
    html = html_of(replace(sample_event(), date="2024年5月17日"))
    assert '<meta name="dcterms.created" content="2024-05-17">' in html


def test_minutes_labels() -> None:
    assert minutes_label(None) == ""
    assert minutes_label(45) == "45分"
    assert minutes_label(120) == "120分（2時間）"
    assert minutes_label(272, "en") == "272 min (4 h 32 min)"


def test_letter_paper() -> None:
    html = html_of(sample_event(), paper="Letter")
    assert "size: 612.00pt 792.00pt" in html


# --- the slide handout -------------------------------------------------------------------


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
@pytest.mark.parametrize("count", [1, 5, 12, 13])
def test_sheets_hold_per_page_slides_in_order(per_page: int, count: int) -> None:
    event = sample_event()
    (deck,) = sample_decks(replace(event, sessions=event.sessions[:1]))
    deck = replace(deck, slides=tuple(deck.slides[i % len(deck.slides)] for i in range(count)))
    sheets = plan_sheets((deck,), per_page=per_page, paper="A4")
    assert len(sheets) == math.ceil(count / per_page)
    assert [f.number for s in sheets for f in s.frames] == list(range(1, count + 1))
    page = sheets[0].page
    way = ARRANGEMENTS[per_page]
    assert (page.width > page.height) == way.landscape
    ratio = deck.geometry.slide_width / deck.geometry.slide_height
    for sheet in sheets:
        assert len(sheet.memos) == (len(sheet.frames) if way.memo else 0)
        for frame in sheet.frames:
            assert frame.width / frame.height == pytest.approx(ratio)
            assert frame.x >= 0 and frame.x + frame.width <= page.inner_width + 1e-6
            assert frame.y >= 0 and frame.y + frame.height <= sheet.height + 1e-6
        for memo in sheet.memos:
            assert memo.x + memo.width <= page.inner_width + 1e-6 and memo.lines >= 3


def test_letter_sheets_use_letter_paper() -> None:
    assert paper_size("Letter").width == 612.0
    decks = sample_decks(sample_event())
    assert plan_sheets(decks, per_page=4, paper="Letter")[0].page.height == 612.0


def test_slide_handout_draws_every_slide_title_and_line() -> None:
    event = sample_event()
    decks = sample_decks(event)
    html = handout.render_slides_handout_html(decks, config=Config(per_page=3), event=event)
    text = text_of(html)
    assert html.count('<div class="frame') == sum(len(d.slides) for d in decks)
    for deck in decks:
        for slide in deck.slides:
            assert slide.title in text
            for part in slide.parts:
                for line in getattr(part, "lines", ()):
                    assert plain_text(line.inlines) in text
    assert html.count('<div class="memo ') == sum(len(d.slides) for d in decks)
    assert html.count("data-bookmark=") == len(decks)
    assert "transform" not in html.split("<body", 1)[1]


def test_agenda_has_a_speakers_column_only_when_some_talk_names_one() -> None:
    event = sample_event()
    assert 'class="speakers"' in html_of(event)
    nobody = tuple(replace(s, speakers=()) for s in event.sessions)
    assert 'class="speakers"' not in html_of(replace(event, sessions=nobody))


def test_agenda_has_a_time_column_only_when_some_duration_is_known() -> None:
    event = sample_event()
    unknown = tuple(replace(s, duration_minutes=None) for s in event.sessions)
    html = html_of(replace(event, sessions=unknown))
    assert 'class="duration"' not in html and 'class="page-ref"' in html


def test_latin_text_prints_in_the_latin_font_the_decks_name() -> None:
    """A Latin-only family comes first in the font list; Japanese falls through to the
    Japanese face. A family with Japanese of its own would print the Japanese too, so
    it is left out, as are the Japanese face itself and a family not installed."""
    require_font("DejaVu Sans", "fonts-dejavu-core")
    first = re.search(
        r"html \{ font-family: ([^,]+),", html_of(sample_event(), font_latin="DejaVu Sans")
    )
    assert first and "DejaVu" in first.group(1)
    for latin in ("Noto Serif CJK JP", "Noto Sans CJK JP", "Not An Installed Font"):
        first = re.search(
            r"html \{ font-family: ([^,]+),", html_of(sample_event(), font_latin=latin)
        )
        assert first and "Noto" in first.group(1) and "Sans" in first.group(1), latin


def test_memo_lines_are_one_path_with_a_line_at_the_foot_of_each_pitch() -> None:
    from urllib.parse import unquote

    from publisher.handout_styles import memo_image

    svg = unquote(memo_image(100.0, 4, 20.0, 1.0, "#c3c7cd"))
    assert svg.count("<path") == 1 and "<rect" not in svg
    path = re.search(r'd="([^"]+)"', svg)
    assert path is not None
    feet = [float(y) for y in re.findall(r"M0 ([\d.]+)h100\.00", path.group(1))]
    assert feet == [19.5, 39.5, 59.5, 79.5]  # the middle of a 1 pt rule at the foot


def test_a_planned_box_and_size_are_written_at_the_frame_s_zoom() -> None:
    """What partials/slide.j2 writes for each part's place and each text size."""
    from publisher.handout_styles import box_style, pt, size_style
    from publisher.layout import Box

    place = Box(x=36.0, y=100.5, width=648.0, height=300.0)
    expected = "left: 18.00pt; top: 50.25pt; width: 324.00pt; height: 150.00pt"
    assert box_style(place, 0.5) == expected
    assert size_style(28.0, 0.25) == "font-size: 7.00pt" and pt(1 / 3) == "0.33pt"
    event = sample_event()
    decks = sample_decks(event)
    config = Config()
    html = handout.render_slides_handout_html(decks, config=config, event=event)
    sheets = plan_sheets(decks, per_page=config.per_page, paper=config.paper)
    frame = next(f for f in sheets[0].frames if f.slide.kind != "title")
    for declarations in (
        box_style(frame.deck.geometry.title, frame.scale),
        size_style(frame.slide.title_size, frame.scale),
    ):  # each a class of its own in the page
        assert re.search(r"\.s\d+ \{ " + re.escape(declarations) + r" \}", html), declarations


@pytest.mark.parametrize("code", [False, True])
def test_code_colours_only_in_handouts_of_notes_with_code(cjk_font: None, code: bool) -> None:
    """Notes without code need none of these (and do not import Pygments to make them)."""
    from handout_samples import planned_decks

    from publisher.parse import parse

    block = "  - a list\n    > quoted\n    > ```python\n    > x = 1\n    > ```\n" if code else ""
    event, _ = parse(f"# E\n\n## Talk\n\n- a point\n{block}", "notes.md")
    reading = html_of(event)
    config = Config(per_page=3)
    decks = planned_decks(event, config)
    slides = handout.render_slides_handout_html(decks, config=config, event=event)
    style = reading.split("</style>")[0], slides.split("</style>")[0]
    assert (".code .hl-k" in style[0]) is code  # nested in a quote in a list: still found
    assert (".frame .code .hl-k" in style[1]) is code
    assert ('class="hl-' in reading) is code


def test_notes_without_code_do_not_import_pygments(cjk_font: None) -> None:
    """Code colours come from Pygments: notes without code need neither."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from publisher.config import Config\n"
        "from publisher.handout import code_colours, render_handout_html\n"
        "from publisher.parse import parse\n"
        "event, _ = parse('# E\\n\\n## Talk\\n\\n- a point\\n', 'notes.md')\n"
        "render_handout_html(event, config=Config())\n"
        "empty = all(v == '' for v in code_colours(event).values())\n"
        "print(empty, 'pygments' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "False"]


# --- the running header ------------------------------------------------------------------


def test_running_header_gives_the_event_title_its_width_and_the_session_the_rest(
    tmp_path: Path,
) -> None:
    """Both header boxes get a width, so WeasyPrint measures neither on every page: the
    event title its own (at least half the line when it needs it, more when the session
    titles leave room), the session title the rest, as shares of the line."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    fonts = handout.handout_fonts_for(Config(), tmp_path, "notes.md")
    page = paper_size("A4")
    line = page.inner_width / handout.HEADER_SIZE  # em

    def widths(title: str, *talks: str) -> handout.HeaderWidths:
        sessions = tuple(Session(n, t, n) for n, t in enumerate(talks, start=1))
        return handout.header_widths(Event(title, "notes.md", sessions), fonts, page)

    short = widths("勉強会", "話")
    assert short.event == pytest.approx((3 + handout.HEADER_ROOM) / line * 100, abs=0.01)
    assert short.event + short.session <= 100
    assert short.session > 100 - short.event - 0.02
    assert widths("勉強会のまとめ（全セッション）", "話").event > short.event
    assert widths("長" * 200, "話" * 30).event == pytest.approx(50, abs=0.01)  # half the line
    roomy = widths("長" * 200, "話")  # the session titles are short: the event title gets more
    session_room = handout.header_text_width("1. 話", fonts) / line * 100
    assert roomy.event == pytest.approx(100 - session_room, abs=0.01) and roomy.event > 90
    assert widths("勉強会 🎉🎉🎉", "話").event > widths("勉強会 ", "話").event + 2.9 / line * 100

    event = Event("勉強会", "notes.md", (Session(1, "話", 3),))
    html = handout.render_handout_html(event, config=Config(), base_dir=tmp_path)
    assert f"width: {short.event}%" in html and f"width: {short.session}%" in html


def test_a_title_slide_frame_has_the_deck_s_band_and_rule(cjk_font: None) -> None:
    event = sample_event("notes.md")
    decks = planned_decks(event, Config())  # on the built-in template
    html = handout.render_slides_handout_html(decks, config=Config(per_page=1), event=event)
    frames = html.split('<div class="frame ')[1:]
    title_frames = [f for f in frames if "cover-title" in f]
    content_frames = [f for f in frames if "cover-title" not in f]
    assert title_frames and content_frames
    assert all(f.count('"box accent ') == 2 for f in title_frames)  # band and rule
    assert all(f.count('"box accent ') == 1 for f in content_frames)  # the title's line


def test_the_header_shortens_a_title_too_long_for_its_lines(tmp_path: Path) -> None:
    """A title of any length prints a line or two in the running header, with "…"."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    fonts = handout.handout_fonts_for(Config(), tmp_path, "notes.md")
    page = paper_size("A4")
    line = page.inner_width / handout.HEADER_SIZE  # em
    talks = (Session(1, "ふつうの題", 1), Session(2, "長" * 5000, 5))
    event = Event("勉強会" * 2000, "notes.md", talks)
    widths = handout.header_widths(event, fonts, page)
    texts = handout.header_texts(event, fonts, page, widths)
    assert texts.sessions[0] == "1. ふつうの題"
    for text, share in ((texts.sessions[1], widths.session), (texts.event, widths.event)):
        room = handout.HEADER_LINES * (line * share / 100 - handout.HEADER_ROOM)
        assert text.endswith("…") and 0.9 * room < text_width(text, fonts) <= room
    assert texts.sessions[1].startswith("2. 長長")

    html = handout.render_handout_html(event, config=Config(), base_dir=tmp_path)
    assert f'data-header="{texts.sessions[1]}"' in html
    assert f'data-header="{texts.event}"' in html


def test_the_agenda_s_duration_column_is_as_wide_as_its_labels(tmp_path: Path) -> None:
    """Short durations leave the room to the titles; the total takes the row's end."""

    def agenda(*minutes: int) -> str:
        talks = tuple(Session(n, f"話{n}", n, duration_minutes=m) for n, m in enumerate(minutes, 1))
        html = handout.render_handout_html(
            Event("E", "n.md", talks), config=Config(), base_dir=tmp_path
        )
        return html[html.index('<table class="agenda-table">') : html.index("</table>")]

    short, long = agenda(30, 40), agenda(30, 90)
    assert '<th class="duration" scope="col">' in short
    assert '<th class="duration with-hours" scope="col">' in long
    assert '<td class="total" colspan="2">70分（1時間10分）</td>' in short


def test_a_break_between_talks_takes_no_number(tmp_path: Path) -> None:
    talks = (
        Session(1, "最初の講演", 3),
        Session(2, "Lunch", 9, (Paragraph((Text("休憩"),), 10),), is_talk=False),
        Session(3, "午後の講演", 12),
    )
    event = Event("勉強会", "notes.md", talks)
    html = handout.render_handout_html(event, config=Config(), base_dir=tmp_path)
    assert '<span class="session-number">2.</span> 午後の講演' in html
    assert 'data-header="2. 午後の講演"' in html and 'data-header="Lunch"' in html
    numbers = re.findall(r'<td class="num">(\d*)</td>', html)
    assert numbers == ["1", "", "2"]


def test_handout_titles_get_break_points_inside_a_very_long_word() -> None:
    """A heading's word longer than a line breaks every few characters, as body text does:
    WeasyPrint would otherwise lay the rest of it out again for every printed line."""
    word = "a" * 1000
    event = Event(word, "notes.md", (Session(1, word, 3, (Paragraph((Text("x"),), 5),)),))
    reading = handout.render_handout_html(event, config=Config(), base_dir=Path("."))
    heading = reading[reading.index('<h2 class="session-title"') :]
    heading = heading[heading.index(">") : heading.index("</h2>")]
    assert word not in heading and heading.replace("\u200b", "").endswith(word)
    cover = reading[reading.index('<h1 class="event-title"') :]
    assert word not in cover[cover.index(">") : cover.index("</h1>")]
    agenda = reading[reading.index('<td class="title">') :]
    assert word not in agenda[: agenda.index("</td>")]


def test_no_white_space_ends_a_list_items_text() -> None:
    """WeasyPrint lays a line out a second time when it ends with a space, so the item's text
    runs straight into its nested list or its end tag."""
    from publisher.parse import parse

    event, _ = parse("# E\n\n## Talk\n\n- one\n  - two **bold**\n    - three\n- four\n", "n.md")
    html = handout.render_handout_html(event, config=Config(), base_dir=Path("."))
    items = html[html.index('<ul class="level-1">') :]
    assert "one<ul" in items and "bold</strong><ul" in items and "three</li>" in items
    assert not re.search(r"[^>\s]\s+(</li>|<ul|<ol)", items)


def test_every_margin_box_of_both_handouts_has_a_width() -> None:
    """A margin box of automatic width is measured by WeasyPrint on every page, at every
    place its text may break; with a width it is not."""
    event = sample_event("notes.md")
    for html in (
        handout.render_handout_html(event, config=Config(), base_dir=Path(".")),
        handout.render_slides_handout_html(sample_decks(event), config=Config(), event=event),
    ):
        page_style = html[html.index("@page {\n  size") :]
        boxes = re.findall(
            r"@(top|bottom)-(left|center|right) \{([^}]*content:[^}]*)\}", page_style
        )
        assert boxes
        for side, where, rule in boxes:
            assert "width:" in rule or "content: none" in rule, f"@{side}-{where}: {rule}"


def test_a_function_misused_in_a_user_template_is_reported_at_its_line(tmp_path: Path) -> None:
    """A filter or function raising inside the user's template: FILE:LINE, not an internal error."""
    (tmp_path / "slides-handout.html.j2").write_text(
        '{% extends "builtin/slides-handout.html.j2" %}\n'
        "{% block styles %}{{ super() }}\n{{ text_line(1) }}{% endblock %}\n",
        encoding="utf-8",
    )
    event = sample_event()
    config = Config(templates=str(tmp_path))
    with pytest.raises(UserError) as raised:
        handout.render_slides_handout_html(sample_decks(event), config=config, event=event)
    [problem] = raised.value.diagnostics
    assert (problem.path, problem.line, problem.level) == (
        str(tmp_path.resolve() / "slides-handout.html.j2"),
        3,
        "error",
    )
    assert "TypeError" in problem.message and "text_line" in problem.message


def test_an_error_not_from_a_user_template_is_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Raised by publisher's own code under the built-in templates: a bug, kept as it is."""

    def broken(*_args: object) -> str:
        raise ValueError("a bug")

    monkeypatch.setattr(handout, "css_color", broken)
    handout.environment.cache_clear()
    event = sample_event()
    try:
        with pytest.raises(ValueError, match="a bug"):
            handout.render_handout_html(event, config=Config(templates=str(tmp_path)))
    finally:
        handout.environment.cache_clear()
