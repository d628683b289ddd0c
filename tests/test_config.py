from __future__ import annotations

from publisher.config import (
    SETTING_KEYS,
    Config,
    check_settings,
    resolve,
    unknown_key_diagnostics,
)


def test_valid_settings_are_normalised() -> None:
    valid, problems = check_settings(
        {"paper": "letter", "per-page": "6", "lang": "ja-JP", "slide_size": "4:3"},
        "n.md",
        1,
        source="front matter",
    )
    assert problems == []
    assert valid == {"paper": "Letter", "per_page": 6, "lang": "ja", "slide_size": "4:3"}


def test_every_invalid_setting_is_reported_at_once() -> None:
    valid, problems = check_settings(
        {"per_page": 5, "accent_color": "blue", "allow_remote": "yes"},
        "n.md",
        2,
        source="front matter",
    )
    assert valid == {}
    assert len(problems) == 3
    assert all(p.level == "error" and p.line == 2 for p in problems)
    assert "per_page" in problems[0].message and "1, 2, 3, 4, 6" in problems[0].message


def test_unknown_keys_get_a_suggestion_and_blog_keys_one_note() -> None:
    problems = unknown_key_diagnostics(
        ["titel", "tags", "permalink", "zzz"], "n.md", 1, known=("title", *SETTING_KEYS)
    )
    levels = [(p.level, p.message) for p in problems]
    assert ("warning", "unknown front matter key 'titel'; did you mean 'title'?") in levels
    assert any(level == "warning" and "'zzz'" in m for level, m in levels)
    notes = [m for level, m in levels if level == "note"]
    assert notes == ["front matter keys for blog engines ignored: tags, permalink"]


def test_precedence_is_later_layers_first() -> None:
    project = {"per_page": 2, "paper": "Letter"}
    front = {"per_page": 4}
    cli = {"per_page": 6}
    assert resolve(project, front, cli).per_page == 6
    assert resolve(project, front).per_page == 4
    assert resolve(project).per_page == 2
    assert resolve(project, front, cli).paper == "Letter"
    assert resolve().per_page == Config().per_page
