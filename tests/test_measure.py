"""Text measurement: widths from the font file, line breaking with kinsoku rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_font
from deck_support import measurer_or_skip
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher import measure as measure_module
from publisher.measure import (
    AUTOSPACE,
    BOLD,
    MONO,
    NO_END,
    NO_START,
    REGULAR,
    Measurer,
    Styled,
    break_points,
    can_break,
    find_font,
    has_japanese,
    is_wide,
    sentence_cuts,
    styled,
    wrap,
)
from publisher.model import Break, Code, Link, Strong, Text


@pytest.fixture(scope="module")
def measurer() -> Measurer:
    return measurer_or_skip()


def lines_of(measurer: Measurer, value: str, size: float, width: float) -> list[str]:
    starts = measurer.line_starts(Styled.plain(value), size, width)
    ends = [*starts[1:], len(value)]
    return [value[a:b] for a, b in zip(starts, ends, strict=True)]


# --- widths -------------------------------------------------------------------------


def test_a_full_width_character_is_one_em(measurer: Measurer) -> None:
    assert measurer.width("あ", 24) == pytest.approx(24.0)
    assert measurer.width("漢字かなカナ", 10) == pytest.approx(60.0)


def test_latin_widths_come_from_the_font(measurer: Measurer) -> None:
    narrow, wide = measurer.width("i", 24), measurer.width("W", 24)
    assert 0 < narrow < wide < 24
    assert measurer.width("iiii", 24) == pytest.approx(4 * narrow)


def test_widths_scale_with_the_size(measurer: Measurer) -> None:
    assert measurer.width("Summit", 36) == pytest.approx(1.5 * measurer.width("Summit", 24))


def test_bold_runs_use_the_bold_face(measurer: Measurer) -> None:
    regular = measurer.width(Styled.plain("Wide Words", REGULAR), 24)
    bold = measurer.width(Styled.plain("Wide Words", BOLD), 24)
    assert bold > regular


def test_inline_code_uses_the_monospace_face(measurer: Measurer) -> None:
    code = styled((Code("iiii"),))
    assert code.faces == bytes([MONO]) * 4
    assert measurer.width(code, 20) == pytest.approx(4 * 10.0)  # half an em each
    assert measurer.width(styled((Code("WWWW"),)), 20) == pytest.approx(40.0)


def test_styled_text_follows_plain_text_and_nesting() -> None:
    value = styled((Text("a"), Strong((Text("b"), Code("c"))), Break(), Link("u", (Text("d"),))))
    assert value.text == "abc\nd"
    assert list(value.faces) == [REGULAR, BOLD, 3, REGULAR, REGULAR]


def test_a_quarter_em_between_japanese_and_latin(measurer: Measurer) -> None:
    alone = measurer.width("あ", 20) + measurer.width("S", 20)
    assert measurer.width("あS", 20) == pytest.approx(alone + AUTOSPACE * 20)
    # a space between them keeps the script of the character before it
    spaced = measurer.width("S あ", 20)
    assert spaced == pytest.approx(measurer.width("S ", 20) + 20 + AUTOSPACE * 20)


def test_japanese_is_recognised() -> None:
    assert has_japanese("AWS のまとめ")
    assert has_japanese("（")
    assert not has_japanese("Keynote — 40 min")


def test_an_unknown_family_is_not_found() -> None:
    assert find_font("No Such Family 12345") is None


# --- line breaking ------------------------------------------------------------------


def test_no_line_starts_with_closing_punctuation(measurer: Measurer) -> None:
    for value in (
        "あいうえお。かきくけこ",
        "あいうえ「お」かきくけこ",
        "あいうえおっかきく",
        "あいうえおーかきく",
        "あいうえお、かきくけこ",
        "あいうえお）かきく",
    ):
        lines = lines_of(measurer, value, 10, 50)  # five full-width characters a line
        assert len(lines) > 1
        assert all(line[0] not in NO_START for line in lines[1:]), lines
        assert "".join(lines) == value


def test_no_line_ends_with_an_opening_bracket(measurer: Measurer) -> None:
    lines = lines_of(measurer, "あいうえ「おかきくけこ」", 10, 50)
    assert all(line[-1] not in NO_END for line in lines), lines
    assert lines[0] == "あいうえ"


def test_latin_words_are_not_broken(measurer: Measurer) -> None:
    value = "alpha beta gamma delta epsilon zeta"
    lines = lines_of(measurer, value, 20, 120)
    assert len(lines) > 2
    words = set(value.split())
    assert all(word in words for line in lines for word in line.split())


def test_a_word_longer_than_a_line_is_broken_as_a_last_resort(measurer: Measurer) -> None:
    value = "x" * 120
    lines = lines_of(measurer, value, 20, 150)
    assert len(lines) > 1
    assert all(measurer.width(line, 20) <= 150 + 1e-6 for line in lines)
    assert "".join(lines) == value


def test_urls_break_after_slashes(measurer: Measurer) -> None:
    lines = lines_of(measurer, "see https://example.com/path/to/somewhere/else now", 20, 150)
    assert any(line.endswith("/") for line in lines)


def test_japanese_breaks_between_any_two_characters(measurer: Measurer) -> None:
    lines = lines_of(measurer, "漢字仮名交文章例示試験用", 10, 50)
    assert [len(x) for x in lines] == [5, 5, 2]


def test_a_break_starts_a_new_line(measurer: Measurer) -> None:
    value = Styled.plain("短い\n行")
    assert measurer.line_starts(value, 20, 500) == [0, 3]
    assert measurer.count_lines(value, 20, 500) == 2


def test_the_first_line_can_have_its_own_width(measurer: Measurer) -> None:
    value = Styled.plain("あ" * 20)
    assert measurer.line_starts(value, 10, 100, first_width=50) == [0, 5, 15]


def test_max_lines_stops_early(measurer: Measurer) -> None:
    starts = measurer.line_starts(Styled.plain("あ" * 1000), 10, 100, max_lines=3)
    assert starts == [0, 10, 20, 30]


def test_breaks_follow_the_rules() -> None:
    assert can_break("あ", "い")
    assert can_break(" ", "a")
    assert not can_break("a", "b")
    assert not can_break("あ", "。")
    assert not can_break("「", "あ")
    assert can_break("/", "p", "h")
    assert not can_break("/", "4", "0")


def test_sentence_ends() -> None:
    value = "一文目。二文目！ Third one. Fourth? 3.5 is a number"
    cuts = list(sentence_cuts(value))
    assert [value[:c].rstrip()[-1] for c in cuts] == ["。", "！", ".", "?"]


def test_truncate_adds_an_ellipsis_and_fits(measurer: Measurer) -> None:
    short = measurer.truncate("あ" * 100, 10, 100, 2)
    assert short.endswith("…")
    assert measurer.count_lines(Styled.plain(short), 10, 100) <= 2
    assert measurer.truncate("短い", 10, 100, 1) == "短い"
    assert measurer.truncate("あ" * 50, 10, 100, 1, suffix="（続き）").endswith("…（続き）")


JAPANESE = st.sampled_from(list("あいうえおかきくけこ漢字文化「」（）、。ーっ・！？"))
LATIN = st.sampled_from(list("abcdefWXYZ0123 /-.,()"))
# Japanese, Latin, breaks and the marks line breaking treats specially
MIXED_TEXTS = st.lists(
    st.one_of(JAPANESE, LATIN, st.sampled_from([" ", "\n", "/", "-", "1", "「"])), max_size=80
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(JAPANESE, LATIN), min_size=1, max_size=120),
    st.integers(min_value=3, max_value=30),
)
def test_wrapped_lines_fit_and_respect_kinsoku(chars: list[str], ems: int) -> None:
    measurer = measurer_or_skip()
    value = "".join(chars)
    width = ems * 10.0
    starts = measurer.line_starts(Styled.plain(value), 10, width)
    ends = [*starts[1:], len(value)]
    advances = measurer.advances(Styled.plain(value))
    assert starts == sorted(set(starts))
    for start, end in zip(starts, ends, strict=True):
        solid = value[start:end].rstrip(" ")
        used = sum(advances[start : start + len(solid)]) * 10
        assert used <= width + 1e-6 or len(solid) <= 1
        if start > 0 and can_break_somewhere(value, starts, start):
            assert value[start] not in NO_START


def can_break_somewhere(value: str, starts: list[int], start: int) -> bool:
    """True when the line before ``start`` had an allowed break (no last-resort cut)."""
    before = starts[starts.index(start) - 1]
    return any(
        can_break(value[i - 1], value[i], value[i - 2] if i > 1 else "")
        for i in range(before + 1, start + 1)
    )


def test_a_measurer_from_font_files(measurer: Measurer) -> None:
    from publisher.measure import measurer_from_files

    fonts = measurer.fonts
    given = measurer_from_files(fonts.regular.path, fonts.bold.path, fonts.mono.path)
    assert given.width("あW", 20) == pytest.approx(measurer.width("あW", 20))
    assert given.width(Styled.plain("W", BOLD), 20) == pytest.approx(
        measurer.width(Styled.plain("W", BOLD), 20)
    )


# --- a Latin font of its own ------------------------------------------------------------


def test_a_latin_font_measures_the_latin_characters(measurer: Measurer) -> None:
    """A deck names a Latin and a Japanese font for every run; PowerPoint draws
    each character in the one its script calls for, so each is measured in it."""
    require_font("Noto Serif CJK JP", "fonts-noto-cjk")
    from publisher.measure import measurer_for

    mixed = measurer_for("Noto Sans CJK JP", "Noto Sans Mono CJK JP", "Noto Serif CJK JP")
    assert mixed is not measurer
    latin, japanese = "Measure twice, cut once", "日本語の文章"
    assert mixed.width(latin, 10) > measurer.width(latin, 10) * 1.03  # the serif's Latin is wider
    assert mixed.width(japanese, 10) == measurer.width(japanese, 10)
    bold = Styled(latin, bytes([BOLD]) * len(latin))
    assert mixed.width(bold, 10) > mixed.width(latin, 10)  # the serif's bold
    code = Styled(latin, bytes([MONO]) * len(latin))
    assert mixed.width(code, 10) == measurer.width(code, 10)  # code keeps its font
    same = measurer_for("Noto Sans CJK JP", "Noto Sans Mono CJK JP", "Noto Sans CJK JP")
    assert same.width(latin, 10) == measurer.width(latin, 10)


def test_the_build_measures_with_the_latin_font_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from publisher import measure
    from publisher.build import _plan
    from publisher.load import load

    asked: list[tuple[str, ...]] = []
    real = measure.measurer_for

    def recording(*fonts: str) -> Measurer:
        asked.append(fonts)
        return real(*fonts)

    monkeypatch.setattr(measure, "measurer_for", recording)
    notes = tmp_path / "notes.md"
    front = "---\nfont_latin: Noto Serif CJK JP\n---\n"
    notes.write_text(front + "# E\n\n## T\n- a\n", encoding="utf-8")
    _plan(load(notes), {})
    assert asked == [("Noto Sans CJK JP", "Noto Sans Mono CJK JP", "Noto Serif CJK JP")]


def test_the_measurer_keeps_a_bounded_memo(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long ``watch`` session measures every version of a paragraph: the memo is bounded."""
    from publisher import measure

    measurer = measurer_or_skip()
    monkeypatch.setattr(measure, "MEMO_ENTRIES", 3)
    texts = [Styled.plain("行" * n) for n in range(1, 8)]
    for text in texts:
        assert measurer.advances(text) == measurer._measured(text)
        measurer.count_lines(text, 10, 20)
        assert len(measurer._advances) <= 3 and len(measurer._starts) <= 3
    long = Styled.plain("a" * (measure.MEMO_LIMIT + 1))
    measurer.advances(long)
    assert long not in measurer._advances


@settings(max_examples=200, deadline=None)
@given(
    MIXED_TEXTS,
    st.floats(min_value=0.5, max_value=30),
    st.floats(min_value=0.5, max_value=30),
)
def test_break_points_worked_out_once_wrap_as_asked_character_by_character(
    chars: list[str], first: float, rest: float
) -> None:
    """Texts up to MEMO_LIMIT wrap on break points worked out once; longer ones ask
    can_break as they go: the same lines either way."""
    value = "".join(chars)
    advances = [1.0 if is_wide(c) else 0.55 for c in value]
    once = wrap(value, advances, first, rest)
    flags = break_points(value)
    assert [i for i, flag in enumerate(flags) if flag] == [
        i
        for i in range(1, len(value))
        if can_break(value[i - 1], value[i], value[i - 2] if i > 1 else "")
    ]
    original = measure_module.MEMO_LIMIT
    measure_module.MEMO_LIMIT = -1  # every text is long: no break points worked out
    try:
        as_it_goes = wrap(value, advances, first, rest)
    finally:
        measure_module.MEMO_LIMIT = original
    assert once == as_it_goes


@settings(max_examples=200, deadline=None)
@given(
    MIXED_TEXTS,
    st.integers(min_value=6, max_value=120),
    st.integers(min_value=0, max_value=12),
)
def test_the_first_lines_of_a_kept_wrap_are_the_lines_asked_for(
    chars: list[str], width: int, max_lines: int
) -> None:
    """The measurer keeps a text's whole wrap and answers a question about its first
    lines from it: the same offsets as wrapping only those lines."""
    measurer = measurer_or_skip()
    text = Styled.plain("".join(chars))
    advances = measurer.advances(text)
    whole = measurer.line_starts(text, 10, width, width * 0.8)
    assert whole == wrap(text.text, advances, width * 0.08, width / 10)
    assert measurer.count_lines(text, 10, width, width * 0.8) == len(whole)
    first = measurer.line_starts(text, 10, width, width * 0.8, max_lines=max_lines)
    assert first == wrap(text.text, advances, width * 0.08, width / 10, max_lines)
    first.append(-1)  # an answer is the caller's own: the kept wrap is not changed
    assert measurer.line_starts(text, 10, width, width * 0.8) == whole


def test_a_long_text_wraps_only_the_lines_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph longer than MEMO_LIMIT is not wrapped whole for its first lines."""
    measurer = measurer_or_skip()
    wrapped: list[int | None] = []
    real = measure_module.wrap

    def recording(*args: object) -> list[int]:
        wrapped.append(args[4])  # type: ignore[arg-type]
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(measure_module, "wrap", recording)
    long = Styled.plain("字" * (measure_module.MEMO_LIMIT + 1))
    assert len(measurer.line_starts(long, 10, 100, max_lines=2)) == 3
    assert measurer.count_lines(long, 10, 100) == measurer.count_lines(long, 10, 100)
    assert wrapped == [2, None]  # the count is kept; its lines are not
    assert not any(key[0] is long for key in measurer._starts)
