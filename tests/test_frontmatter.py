"""Front matter: YAML and TOML, line numbers kept, every problem reported."""

from __future__ import annotations

from publisher.frontmatter import read_fields, split_front_matter

YAML = """---
title: 勉強会メモ
subtitle: 第3回
date: 2024-05-01
author: [Hanako, Taro]
lang: ja
per_page: 4
---
# Body
"""

TOML = """+++
title = "Study notes"
date = 2024-05-01
session_level = 3
+++
## Body
"""


def test_yaml_values_and_blanked_lines() -> None:
    front = split_front_matter(YAML, "n.md")
    assert front.values["title"] == "勉強会メモ"
    body_lines = front.body.split("\n")
    assert body_lines[:8] == [""] * 8  # the front matter's lines stay, empty
    assert body_lines[8] == "# Body"
    fields, problems = read_fields(front, "n.md")
    assert problems == []
    assert (fields.title, fields.subtitle, fields.date) == ("勉強会メモ", "第3回", "2024-05-01")
    assert fields.author == "Hanako, Taro"
    assert fields.lang == "ja"
    assert dict(fields.settings) == {"lang": "ja", "per_page": 4}


def test_toml_values() -> None:
    front = split_front_matter(TOML, "n.md")
    fields, problems = read_fields(front, "n.md")
    assert problems == []
    assert (fields.title, fields.date, fields.session_level) == ("Study notes", "2024-05-01", 3)
    assert front.body.split("\n")[5] == "## Body"


def test_invalid_yaml_reports_its_line_and_is_ignored() -> None:
    text = "---\ntitle: ok\nbad: [unclosed\nnext: 1\n---\n## Talk\n"
    front = split_front_matter(text, "n.md")
    fields, problems = read_fields(front, "n.md")
    assert fields.title == ""
    assert [(p.level, p.line) for p in problems] == [("error", 4)]
    assert "not valid YAML" in problems[0].message
    assert front.body.split("\n")[5] == "## Talk"


def test_invalid_toml_reports_its_line() -> None:
    text = '+++\ntitle = "ok"\ndate = = 1\n+++\n## Talk\n'
    front = split_front_matter(text, "n.md")
    _, problems = read_fields(front, "n.md")
    assert [(p.level, p.line) for p in problems] == [("error", 3)]
    assert "not valid TOML" in problems[0].message


def test_invalid_date_is_an_error_not_a_crash() -> None:
    front = split_front_matter("---\ndate: 2019-02-30\n---\n# T\n", "n.md")
    _, problems = read_fields(front, "n.md")
    assert [p.level for p in problems] == ["error"]


def test_front_matter_that_is_not_a_mapping() -> None:
    for text, line in (("---\ntitle: a\n- b\n---\n# T\n", 3), ("---\n- a\n- b\n---\n# T\n", 2)):
        front = split_front_matter(text, "n.md")
        _, problems = read_fields(front, "n.md")
        assert [(p.level, p.line) for p in problems] == [("error", line)], text
        assert front.body.split("\n")[4] == "# T"


def test_rules_around_markdown_are_not_front_matter() -> None:
    text = "---\n# Title\nSome text\n---\n"
    front = split_front_matter(text, "n.md")
    assert front.body == text and front.values == {} and front.diagnostics == ()


def test_unclosed_front_matter_is_a_warning() -> None:
    front = split_front_matter("---\ntitle: x\n\n# T\n", "n.md")
    assert [(d.level, d.line) for d in front.diagnostics] == [("warning", 1)]
    assert front.values == {}


def test_unknown_keys_each_on_their_line_and_blog_keys_as_one_note() -> None:
    text = "---\ntitel: x\ntags: [a]\nlayout: post\nfoo: 1\n---\n# T\n"
    _, problems = read_fields(split_front_matter(text, "n.md"), "n.md")
    found = [(p.level, p.line) for p in problems]
    assert found == [("warning", 2), ("warning", 5), ("note", 3)]
    assert "did you mean 'title'" in problems[0].message
    assert "tags, layout" in problems[2].message


def test_invalid_settings_are_errors_on_their_line() -> None:
    text = "---\nper_page: 5\ntemplate: [a, b]\ntitle: {x: 1}\n---\n# T\n"
    fields, problems = read_fields(split_front_matter(text, "n.md"), "n.md")
    assert [(p.level, p.line) for p in problems] == [("error", 2), ("error", 3), ("error", 4)]
    assert fields.settings == () and fields.title == ""


def test_no_front_matter() -> None:
    front = split_front_matter("# Title\n", "n.md")
    assert front.values == {} and front.body == "# Title\n"


def test_deeply_nested_yaml_does_not_crash() -> None:
    text = "---\nx: " + "[" * 1500 + "]" * 1500 + "\n---\n# T\n"
    _, problems = read_fields(split_front_matter(text, "n.md"), "n.md")
    assert [(p.level, p.line) for p in problems] == [("error", 1)]
    assert "nests too deeply" in problems[0].message
