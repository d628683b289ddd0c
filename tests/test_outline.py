"""The shape of the notes: talk level and title heading."""

from __future__ import annotations

from publisher.outline import outline


def test_outline_most_headings_win_and_a_leading_h1_titles() -> None:
    shape = outline([(1, "Event"), (2, "a"), (2, "b"), (2, "c"), (1, "Links")])
    assert (shape.session_level, shape.title_index) == (2, 0)


def test_outline_tie_goes_to_the_shallower_level() -> None:
    shape = outline([(2, "a"), (3, "x"), (2, "b"), (3, "y")])
    assert shape.session_level == 2


def test_outline_days_are_groups_not_titles() -> None:
    shape = outline([(1, "Day 1"), (2, "a"), (2, "b"), (1, "Day 2"), (2, "c")])
    assert (shape.session_level, shape.title_index) == (2, None)


def test_outline_lifts_talks_above_their_slide_headings() -> None:
    headings = [(1, "Event"), (2, "Talk A"), (3, "x"), (3, "y"), (2, "Talk B"), (3, "z"), (3, "w")]
    shape = outline(headings)
    assert (shape.session_level, shape.title_index, shape.talks_above_most) == (2, 0, True)


def test_outline_does_not_lift_a_single_container() -> None:
    shape = outline([(1, "Event"), (2, "Sessions"), (3, "x"), (3, "y")])
    assert (shape.session_level, shape.talks_above_most) == (3, False)


def test_outline_title_before_days() -> None:
    headings = [(1, "Conference"), (1, "Day 1"), (2, "a"), (2, "b"), (1, "Day 2"), (2, "c")]
    assert outline(headings) == outline(headings, forced_level=2)
    assert outline(headings).title_index == 0


def test_outline_keeps_talks_under_tracks() -> None:
    headings = [(1, "Event"), (2, "Track A"), (3, "x"), (3, "y"), (2, "Track B"), (3, "z")]
    shape = outline(headings)
    assert (shape.session_level, shape.talks_above_most) == (3, False)


def test_outline_lone_first_heading_is_not_counted() -> None:
    shape = outline([(1, "Conference"), (2, "Only talk")])
    assert (shape.session_level, shape.title_index) == (2, 0)


def test_outline_single_heading_is_a_talk() -> None:
    assert outline([(1, "Only talk")]) == outline([(1, "Only talk")], forced_level=1)


def test_outline_forced_level() -> None:
    shape = outline([(1, "Event"), (2, "Talk A"), (3, "x"), (3, "y")], forced_level=3)
    assert shape.session_level == 3


def test_outline_without_headings() -> None:
    assert outline([]).title_index is None
