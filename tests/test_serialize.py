"""The model as JSON: every block and inline, and the session summary."""

from __future__ import annotations

import json

from publisher.model import Break, Code, Link, Strong, Text
from publisher.parse import parse
from publisher.serialize import event_to_json, inline_to_json, session_summary

NOTES = """---
title: Notes
per_page: 4
---
Intro with a [link](https://example.com).

## 【LT】Small tools 10:00-10:05
speaker: Jane Doe
- **bold** and `code`
  - nested

| a | b |
|---|--:|
| 1 | 2 |

![pic](p.png)

::: notes
say this
:::

---

```py
x = 1
```
"""


def test_event_to_json_is_json_and_complete() -> None:
    event, _ = parse(NOTES, "n.md")
    data = event_to_json(event)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert (data["title"], data["total_minutes"], data["settings"]) == ("Notes", 5, {"per_page": 4})
    (session,) = data["sessions"]
    assert session["time_range"] == ["10:00", "10:05"]
    assert session["speakers"] == ["Jane Doe"]
    assert session["speaker_details"][0]["name"] == "Jane Doe"
    types = [block["type"] for block in session["blocks"]]
    assert types == ["BulletList", "Table", "Image", "Notes", "SlideBreak", "CodeBlock"]
    item = session["blocks"][0]["items"][0]
    assert item["inlines"][0] == ["Strong", [["Text", "bold"]]]
    assert item["children"][0]["type"] == "BulletList"
    assert session["blocks"][1]["aligns"] == ["", "right"]
    assert data["intro"][0]["inlines"][1] == ["Link", "https://example.com", [["Text", "link"]]]


def test_inline_to_json() -> None:
    assert inline_to_json(Text("a")) == ["Text", "a"]
    assert inline_to_json(Code("c")) == ["Code", "c"]
    assert inline_to_json(Break()) == ["Break"]
    link = Link("u", (Strong((Text("s"),)),))
    assert inline_to_json(link) == ["Link", "u", [["Strong", [["Text", "s"]]]]]


def test_session_summary_keys() -> None:
    event, _ = parse(NOTES, "n.md")
    (summary,) = session_summary(event)
    assert set(summary) == {
        "number", "title", "category", "duration_minutes", "time_range", "speakers", "group",
        "line", "is_talk",
    }  # fmt: skip
    assert (summary["title"], summary["category"], summary["duration_minutes"]) == (
        "Small tools",
        "LT",
        5,
    )
