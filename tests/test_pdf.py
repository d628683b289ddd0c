"""The PDF handouts themselves: text, fonts, outline, links, metadata, safety, reproducibility."""

from __future__ import annotations

import base64
import http.server
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from conftest import require_font, require_tool
from handout_samples import sample_decks, sample_event
from pdf_inspect import (
    catalog_lang,
    embedded_fonts,
    outline_titles,
    page_count,
    pdf_info,
    pdf_streams,
    pdf_text,
    squash,
    uri_links,
    word_boxes,
)

from publisher.config import Config
from publisher.handout import render_handout_html, render_slides_handout_html
from publisher.images import collect_images, images_in
from publisher.model import Emph, Event, Paragraph, Session, Strong, Text
from publisher.pdf import render_pdf, write_handouts, write_pdf


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (31, 95, 175)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture(autouse=True, scope="module")
def tools() -> None:
    require_tool("pdftotext", "poppler-utils")
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sample")
    event = sample_event(str(folder / "notes.md"))
    html = render_handout_html(event, config=Config(), base_dir=folder)
    problems = write_pdf(html, folder / "notes.pdf", base_dir=folder, source=event.source)
    assert problems == []
    return folder / "notes.pdf"


class Counting(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        Counting.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def loopback() -> Iterator[str]:
    """A web server on 127.0.0.1 that counts what it is asked for."""
    Counting.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --- the reading handout -----------------------------------------------------------------


def test_text_of_every_part_is_in_the_pdf(sample_pdf: Path) -> None:
    text = squash(pdf_text(sample_pdf))
    for expected in (
        "Sample Summit 2024 のまとめ",
        "Measure twice",
        "組織文化と投資",
        "心理的安全性の確保",
        "背景",
        'print("hello")',
        "チーム数",
        "また来年。",
        "公式サイト",
        "https://example.org/video",
        "アジェンダ",
    ):
        assert squash(expected) in text


def test_cjk_font_is_embedded(sample_pdf: Path) -> None:
    fonts = embedded_fonts(sample_pdf)
    assert any("CJK" in name and embedded for name, embedded in fonts)
    assert all(embedded for _, embedded in fonts)


def test_outline_has_one_entry_per_session(sample_pdf: Path) -> None:
    assert sorted(outline_titles(sample_pdf)) == sorted(
        ["1. Opening keynote", "2. クラウドとマイクロサービス", "まとめ"]
    )


def test_a_title_too_long_for_the_header_is_shortened_on_the_page(tmp_path: Path) -> None:
    talk = Session(1, "とても" * 300 + "おわり", 1, (Paragraph((Text("本文"),), 3),))
    event = Event("勉強会", str(tmp_path / "notes.md"), (talk,))
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "long.pdf", base_dir=tmp_path, source=event.source)
    top = [w for w, _, y in word_boxes(tmp_path / "long.pdf") if y < 60]  # the running heads
    header = squash("".join(top))
    assert "…" in header and "おわり" not in header and len(header) < 200
    body = squash(pdf_text(tmp_path / "long.pdf", margin=60))
    assert "とても" * 300 + "おわり" in body  # the heading itself is whole
    assert outline_titles(tmp_path / "long.pdf") == ["1. " + "とても" * 300 + "おわり"]  # whole


def test_a_long_english_title_takes_at_most_two_header_lines(tmp_path: Path) -> None:
    """Latin words wrap whole: the header's title is cut where its second line ends."""
    title = " ".join(["Understanding"] * 40) + " end"
    talk = Session(1, title, 1, (Paragraph((Text("body"),), 3),))
    event = Event("Conference", str(tmp_path / "notes.md"), (talk,), lang="en")
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "en.pdf", base_dir=tmp_path, source=event.source)
    words = word_boxes(tmp_path / "en.pdf")
    page_two = words[words.index(next(w for w in words if w[0] == "body")) :]
    header = [(word, top) for word, left, top in words if top < 60 and left > 200]
    assert header and "end" not in [w for w, _ in header]
    assert len({round(top) for _, top in header}) <= 2, header
    assert min(top for _, top in header) > 20  # on the page, above the rule
    assert page_two


def test_a_template_of_your_own_without_the_header_attributes_keeps_its_header(
    tmp_path: Path,
) -> None:
    """The documented override of the cover (docs/handouts.md) writes its own h1: the
    header and outline take the headings' text, as before the shortened titles."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "handout.html.j2").write_text(
        '{% extends "builtin/handout.html.j2" %}\n'
        '{% block cover %}\n<section class="cover">\n'
        '  <h1 class="event-title">{{ event.title }}</h1>\n</section>\n{% endblock %}\n'
        '{% block session_header %}<h2 class="session-title" id="session-{{ loop.index }}">'
        "{{ view.session.title }}</h2>{% endblock %}\n",
        encoding="utf-8",
    )
    talks = tuple(Session(n, f"講演{n}", n, (Paragraph((Text("本文"),), n),)) for n in (1, 2))
    event = Event("社内勉強会", str(tmp_path / "notes.md"), talks)
    config = Config(templates=str(folder))
    html = render_handout_html(event, config=config, base_dir=tmp_path)
    assert "data-header" not in html.split("<body", 1)[1].split("agenda", 1)[0]
    write_pdf(html, tmp_path / "own.pdf", base_dir=tmp_path, source=event.source)
    assert outline_titles(tmp_path / "own.pdf") == ["講演1", "講演2"]
    heads = squash("".join(w for w, _, top in word_boxes(tmp_path / "own.pdf") if top < 60))
    assert "社内勉強会" in heads and "講演1" in heads


def test_emphasis_is_slanted_and_keeps_its_words(tmp_path: Path) -> None:
    """Noto Sans CJK has no italic and WeasyPrint does not slant a face: each word is
    drawn slanted (a skew in the page's drawing operations), the text reads as
    written, and no second copy of the face (an 'Oblique' one) is embedded."""
    strong = Emph((Strong((Text("both at once"),)),))
    words = (Emph((Text("Rich tracebacks everywhere"),)), Text(" と "), Emph((Text("強調"),)))
    talk = Session(1, "話", 1, (Paragraph(words, 3), Paragraph((strong,), 4)))
    event = Event("E", str(tmp_path / "notes.md"), (talk,))
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "em.pdf", base_dir=tmp_path, source=event.source)
    read = " ".join(pdf_text(tmp_path / "em.pdf", mode="layout").split())  # by position
    assert "Rich tracebacks everywhere と 強調" in read and "both at once" in read
    assert not [name for name, _ in embedded_fonts(tmp_path / "em.pdf") if "Oblique" in name]
    skews = re.findall(rb"1 0 (-?0\.21\d*) 1 [-\d.]+ [-\d.]+ cm", pdf_streams(tmp_path / "em.pdf"))
    assert len(skews) == 3 + 2 + 3  # one a word (or Japanese character) drawn slanted
    plain = Event(
        "E",
        str(tmp_path / "notes.md"),
        (Session(1, "話", 1, (Paragraph((Text("Rich tracebacks"),), 3),)),),
    )
    html = render_handout_html(plain, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "plain.pdf", base_dir=tmp_path, source=plain.source)
    assert not re.findall(
        rb"1 0 (-?0\.21\d*) 1 [-\d.]+ [-\d.]+ cm", pdf_streams(tmp_path / "plain.pdf")
    )


def test_links_are_clickable(sample_pdf: Path) -> None:
    links = set(uri_links(sample_pdf))
    expected = {"https://example.org/", "https://example.org/slides", "https://example.org/video"}
    assert expected <= links


def test_metadata_comes_from_the_notes(sample_pdf: Path) -> None:
    info = pdf_info(sample_pdf)
    assert info["Title"] == "Sample Summit 2024 のまとめ"
    assert info["Author"] == "Sample Author"
    assert info["CreationDate"].startswith("2024-05-17")
    assert info["Tagged"] == "yes"
    assert info["Page size"].startswith("595.28 x 841.89")
    assert catalog_lang(sample_pdf) == "ja"


def test_agenda_gives_the_page_each_session_starts_on(sample_pdf: Path) -> None:
    agenda = pdf_text(sample_pdf, mode="layout").split("アジェンダ", 1)[1].split("合計", 1)[0]
    rows = [line.split() for line in agenda.splitlines() if "Opening keynote" in line]
    assert rows and rows[0][-1].isdigit()
    page = int(rows[0][-1])
    pages = pdf_text(sample_pdf).split("\f")
    assert "1.Openingkeynote" in squash(pages[page - 1])


def test_footer_counts_pages(sample_pdf: Path) -> None:
    pages = pdf_text(sample_pdf).split("\f")[:-1]
    total = page_count(sample_pdf)
    assert len(pages) == total
    for number, page in enumerate(pages, start=1):
        assert f"{number}/{total}ページ" in squash(page)


def test_rebuild_is_byte_identical(tmp_path: Path, sample_pdf: Path) -> None:
    event = sample_event(str(sample_pdf.parent / "notes.md"))
    html = render_handout_html(event, config=Config(), base_dir=sample_pdf.parent)
    data, _ = render_pdf(html, base_dir=sample_pdf.parent, source=event.source)
    assert data == sample_pdf.read_bytes()


def test_letter_paper(tmp_path: Path) -> None:
    event = sample_event(str(tmp_path / "notes.md"))
    html = render_handout_html(event, config=Config(paper="Letter"), base_dir=tmp_path)
    write_pdf(html, tmp_path / "out.pdf", base_dir=tmp_path, source=event.source)
    assert pdf_info(tmp_path / "out.pdf")["Page size"].startswith("612 x 792")


def test_japanese_punctuation_never_starts_a_line(tmp_path: Path) -> None:
    sentence = "これは、句読点の位置を確かめる文です。「括弧」も、行頭に来てはいけません。" * 12
    html = (
        '<html lang="ja"><head><style>@page { size: 60mm 200mm; margin: 5mm }'
        'body { font-family: "Noto Sans CJK JP"; font-size: 9pt }</style></head>'
        f"<body><p>{sentence}</p></body></html>"
    )
    write_pdf(html, tmp_path / "narrow.pdf", base_dir=tmp_path, source="narrow")
    lines = [ln.strip() for ln in pdf_text(tmp_path / "narrow.pdf").splitlines() if ln.strip()]
    assert len(lines) > 10
    assert not [ln for ln in lines if ln[0] in "、。」）"]
    assert not [ln for ln in lines if ln[-1] in "「（"]


@pytest.mark.parametrize(
    ("indent", "latin"), [("", ""), ("  ", ""), ("    ", ""), ("      ", ""), ("  ", "DejaVu Sans")]
)
def test_a_bulleted_item_that_wraps_lines_up_under_its_first_word(
    tmp_path: Path, indent: str, latin: str
) -> None:
    """Bullets are text at the start of the item, hanging by their width (measured in the
    face that prints them, a Latin face included): every line's text starts in one column."""
    from publisher.parse import parse

    if latin:
        require_font(latin, "fonts-dejavu-core")

    words = " ".join(f"w{i:02d}" for i in range(80))
    nesting = "".join(f"{'  ' * depth}- level {depth + 1}\n" for depth in range(len(indent) // 2))
    event, _ = parse(f"# E\n\n## Talk\n\n{nesting}{indent}- {words}\n", str(tmp_path / "n.md"))
    html = render_handout_html(event, config=Config(font_latin=latin), base_dir=tmp_path)
    write_pdf(html, tmp_path / "n.pdf", base_dir=tmp_path, source=event.source)
    boxes = [box for box in word_boxes(tmp_path / "n.pdf") if re.fullmatch(r"w\d\d", box[0])]
    starts = [left for word, left, top in boxes if word == "w00"]
    lines: dict[float, float] = {}
    for _, left, top in boxes:
        lines[top] = min(left, lines.get(top, left))
    assert len(starts) == 1 and len(lines) >= 3  # the item wraps onto several lines
    assert all(abs(left - starts[0]) < 0.5 for left in lines.values()), (starts, lines)
    mark = "•◦▪▪"[len(indent) // 2]
    text = pdf_text(tmp_path / "n.pdf")
    assert f"{mark} w00" in text or f"{mark}\xa0w00" in text  # the mark, before the first word


# --- the slide handout -------------------------------------------------------------------


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 6])
def test_slide_handout_pages(tmp_path: Path, per_page: int) -> None:
    event = sample_event(str(tmp_path / "notes.md"))
    decks = sample_decks(event)
    slides = sum(len(d.slides) for d in decks)
    html = render_slides_handout_html(decks, config=Config(per_page=per_page), event=event)
    path = tmp_path / "slides.pdf"
    assert write_pdf(html, path, base_dir=tmp_path, source=event.source) == []
    assert page_count(path) == -(-slides // per_page)
    assert sorted(outline_titles(path)) == sorted(  # as in the reading handout
        ["1. Opening keynote", "2. クラウドとマイクロサービス", "まとめ"]
    )
    text = squash(pdf_text(path))
    for deck in decks:
        for slide in deck.slides:
            assert squash(slide.title) in text
    width, _, height = pdf_info(path)["Page size"].split()[:3]
    assert (float(width) > float(height)) == (per_page in (1, 4))


@pytest.mark.parametrize("depth", [0, 1])
def test_a_slide_bullet_hangs_as_in_the_deck(tmp_path: Path, depth: int) -> None:
    """A bullet on a slide is text, not a box: every line of the paragraph starts in one
    column, and the bullet sits the deck's hanging indent to the left of it (within a
    tenth of an em)."""
    from handout_samples import planned_decks

    from publisher.handout_sheets import plan_sheets
    from publisher.parse import parse

    words = " ".join(f"w{i:02d}" for i in range(40))
    nesting = "- parent\n" if depth else ""
    notes = f"# E\n\n## Talk\n\n{nesting}{'  ' * depth}- {words}\n"
    event, _ = parse(notes, str(tmp_path / "n.md"))
    config = Config(per_page=1)
    decks = planned_decks(event, config)
    html = render_slides_handout_html(decks, config=config, event=event, base_dir=tmp_path)
    write_pdf(html, tmp_path / "s.pdf", base_dir=tmp_path, source=event.source)
    zoom = plan_sheets(decks, per_page=1, paper=config.paper)[0].frames[0].scale
    line = next(ln for ln in decks[0].slides[1].parts[0].lines if ln.level == depth + 1)
    boxes = word_boxes(tmp_path / "s.pdf")
    ours = [(w, x, y) for w, x, y in boxes if re.fullmatch(r"w\d\d", w)]
    first = next((x, y) for w, x, y in ours if w == "w00")
    starts = {y: x for w, x, y in reversed(ours)}  # the leftmost word of each line
    assert len(starts) >= 2 and all(abs(x - first[0]) < 0.5 for x in starts.values()), starts
    mark = next(x for w, x, y in boxes if w in ("•", "–") and abs(y - first[1]) < 2)
    expected = first[0] - decks[0].style.bullet_hang * zoom
    assert abs(mark - expected) < 0.1 * line.size * zoom + 0.5, (mark, expected)


# --- what the PDF writer may read ----------------------------------------------------------


def _picture_notes(notes: Path, sources: tuple[str, ...]) -> Event:
    """Notes with one picture per line from line 3; parsed when the parser exists."""
    lines = ["# Pictures", "## Pictures"] + [f"![picture {i}]({s})" for i, s in enumerate(sources)]
    notes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from publisher.parse import parse

    event, _ = parse(notes.read_text(encoding="utf-8"), str(notes))
    return event


def test_pictures_outside_the_notes_are_never_read(tmp_path: Path, loopback: str) -> None:
    notes_dir = tmp_path / "a" / "b"
    notes_dir.mkdir(parents=True)
    (tmp_path / "secret.png").write_bytes(PNG)
    (notes_dir / "inside.png").write_bytes(PNG)
    sources = ("file:///etc/passwd", "../../secret.png", f"{loopback}/x.png", "inside.png")
    event = _picture_notes(notes_dir / "notes.md", sources)
    pictures = list(images_in(event.sessions[0].blocks))
    # A parser may keep a "file:" picture as text (CommonMark refuses the address).
    assert {p.src for p in pictures} >= set(sources[1:])
    images, problems = collect_images(event, notes_dir)
    html = render_handout_html(event, config=Config(), images=images, base_dir=notes_dir)
    addresses = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert (notes_dir / "inside.png").as_uri() in addresses
    assert not [a for a in addresses if "passwd" in a or "secret" in a or "127.0.0.1" in a]
    problems += write_pdf(html, tmp_path / "out.pdf", base_dir=notes_dir, source=event.source)
    assert Counting.requests == []
    warned = sorted(p.line or 0 for p in problems if p.level == "warning")
    assert warned == sorted(p.line for p in pictures if p.src != "inside.png")
    assert set(images) == {"inside.png"}


def test_fetcher_refuses_what_the_html_should_never_ask_for(tmp_path: Path, loopback: str) -> None:
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    notes_dir = tmp_path / "notes"
    notes_dir.mkdir()
    (notes_dir / "link.png").symlink_to(outside)
    html = (
        '<html lang="en"><head>'
        f'<link rel="stylesheet" href="{loopback}/style.css"></head><body>'
        '<img src="file:///etc/passwd" data-line="3" alt="a">'
        f'<img src="{outside.as_uri()}" data-line="4" alt="b">'
        '<img src="link.png" data-line="5" alt="c">'
        f'<img src="{loopback}/y.png" data-line="6" alt="d">'
        '<img src="ftp://127.0.0.1/z.png" data-line="7" alt="e">'
        "</body></html>"
    )
    _, problems = render_pdf(html, base_dir=notes_dir, source="notes.md")
    assert Counting.requests == []
    assert sorted(p.line or 0 for p in problems) == [0, 3, 4, 5, 6, 7]
    assert all(p.path == "notes.md" and p.level == "warning" for p in problems)


def test_allow_remote_fetches_web_pictures_only(tmp_path: Path, loopback: str) -> None:
    html = (
        f'<html lang="en"><body><img src="{loopback}/y.png" data-line="2" alt="a">'
        '<img src="file:///etc/hostname" data-line="3" alt="b">'
        '<img src="http://127.0.0.1:9/closed.png" data-line="4" alt="c"></body></html>'
    )
    _, problems = render_pdf(html, base_dir=tmp_path, source="notes.md", allow_remote=True)
    assert Counting.requests == ["/y.png"]
    assert [p.line for p in problems] == [3, 4]
    assert "could not be fetched" in problems[1].message


def test_data_urls_and_local_pictures_are_drawn(tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG)
    html = (
        '<html lang="en"><body><img src="dot.png" alt="a dot">'
        f'<img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" alt="a pixel">'
        "</body></html>"
    )
    _, problems = render_pdf(html, base_dir=tmp_path, source="notes.md")
    assert problems == []


def test_untagged_output_when_asked(tmp_path: Path) -> None:
    event = replace(sample_event(str(tmp_path / "notes.md")), date="")
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "plain.pdf", base_dir=tmp_path, source="notes.md", tagged=False)
    info = pdf_info(tmp_path / "plain.pdf")
    assert info["Tagged"] == "no" and "CreationDate" not in info


def test_write_handouts_writes_both_and_warns_about_unprintable_characters(
    tmp_path: Path,
) -> None:
    event = sample_event(str(tmp_path / "notes.md"))
    odd = Paragraph((Text("記号 \U0010fffd"),), 40)
    closing = replace(event.sessions[-1], blocks=(*event.sessions[-1].blocks, odd))
    event = replace(event, sessions=(*event.sessions[:-1], closing))
    problems = write_handouts(
        event,
        sample_decks(event),
        config=Config(),
        base_dir=tmp_path,
        images={},
        handout=tmp_path / "out" / "notes.pdf",
        slides=tmp_path / "out" / "notes-slides.pdf",
    )
    assert [(p.line, p.level) for p in problems] == [(40, "warning")]
    assert "U+10FFFD" in problems[0].message
    assert page_count(tmp_path / "out" / "notes.pdf") >= 3
    assert page_count(tmp_path / "out" / "notes-slides.pdf") == -(-9 // 3)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes-slides.pdf", "notes.pdf"]


def test_rebuild_in_another_process_is_byte_identical(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "sys.path[:0] = [sys.argv[1], sys.argv[1] + '/tests']\n"
        "from handout_samples import sample_decks, sample_event\n"
        "from publisher.config import Config\n"
        "from publisher.pdf import write_handouts\n"
        "out = Path(sys.argv[2]); event = sample_event(str(out / 'notes.md'))\n"
        "write_handouts(event, sample_decks(event), config=Config(), base_dir=out, images={},\n"
        "               handout=out / 'a.pdf', slides=out / 'b.pdf')\n"
    )
    root = Path(__file__).resolve().parents[1]
    builds = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(root), str(out)], env=env, check=True)
        builds.append(((out / "a.pdf").read_bytes(), (out / "b.pdf").read_bytes()))
    assert builds[0] == builds[1]


def test_a_long_session_title_leaves_the_event_title_on_one_line(tmp_path: Path) -> None:
    """The running header: the event title keeps its width; the session title wraps beside it."""
    from publisher.parse import parse

    title = "社内勉強会のまとめ（全セッション）"
    talk = (
        "とても長いセッションの題名で見出しの右側に"
        "一行では収まらないほどの長さがあるものを書いた場合"
    )
    event, _ = parse(f"# {title}\n\n## 【{talk}】30min\n\n- 本文\n", str(tmp_path / "n.md"))
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "n.pdf", base_dir=tmp_path, source=event.source)
    margin = 20 * 72 / 25.4
    header = [box for box in word_boxes(tmp_path / "n.pdf") if box[2] < margin - 5]
    event_words = [box for box in header if box[0] == title]
    assert event_words, header  # the whole title as one word: on one line
    session_words = [box for box in header if box[0] != title]
    assert len({top for _, _, top in session_words}) == 2  # the session title wraps
    assert "".join(word for word, _, _ in session_words) == f"1.{talk}"
    assert min(left for _, left, _ in session_words) > event_words[0][1] + 100


def test_a_long_event_title_beside_short_session_titles_stays_on_one_line(tmp_path: Path) -> None:
    from publisher.parse import parse

    title = "Annual Symposium on Distributed Systems and Cloud Infrastructure 2024"
    event, _ = parse(f"# {title}\n\n## Intro\n\n- text\n", str(tmp_path / "n.md"))
    html = render_handout_html(event, config=Config(), base_dir=tmp_path)
    write_pdf(html, tmp_path / "n.pdf", base_dir=tmp_path, source=event.source)
    margin = 20 * 72 / 25.4
    header = [box for box in word_boxes(tmp_path / "n.pdf") if box[2] < margin - 5]
    event_words = [box for box in header if box[0] in title.split()]
    words = [word for word, _, _ in event_words]
    assert words and words == title.split() * (len(words) // len(title.split()))
    assert len({top for _, _, top in event_words}) == 1  # one line, on every page
