"""Web addresses written out in the text: found character by character, as the regular
expression they replace found them."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.inlines import address_spans, web_addresses
from publisher.model import Link, Text

WEB_ADDRESS = re.compile(
    r"https?://[^\s<>\"'`\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+"
)
PIECES = st.sampled_from(
    ["http://", "https://", "http:/", "ex.com", "/a?b=1", " ", "\u3000", "\n", "<", ">", '"',
     "'", "`", "を", "漢", "、", "（", "Ａ", "\uf900", "\uff61", ")", ".", "x", "\u00a0"]
)  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30))
def test_addresses_are_found_where_the_regular_expression_found_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert list(address_spans(text)) == [m.span() for m in WEB_ADDRESS.finditer(text)]


def test_an_address_ends_at_japanese_text_and_sentence_punctuation() -> None:
    assert web_addresses("詳細はhttps://example.com/a。を参照") == [
        "詳細は",
        Link("https://example.com/a", (Text("https://example.com/a"),)),
        "。を参照",
    ]
    assert web_addresses("see https://example.com/x.") == [
        "see ",
        Link("https://example.com/x", (Text("https://example.com/x"),)),
        ".",
    ]
