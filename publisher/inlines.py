"""markdown-it inline tokens → model inlines, split into source lines.

A paragraph is kept as its lines (split at soft and hard breaks) so that the
block builder can read a first line on its own (a speaker line, a bold
pseudo-heading) and lines that start with ``・``. Pictures are taken out of the
text and returned beside it: a slide shows them as pictures of their own.

Raw HTML never reaches the model: ``<br>`` becomes a break, comments are
reported as notes, every other tag is dropped with a warning on its line (the
text between tags stays; the content of ``<script>``, ``<iframe>``... does not).
A web address written out in the text (``https://...``) becomes a link to itself,
as it does on GitHub and in most blog editors.
Formatting nested deeper than ``MAX_DEPTH`` is flattened, so no later stage
can recurse without bound.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from markdown_it.token import Token

from .charclass import is_kana_or_kanji
from .diagnostics import Diagnostic, Level
from .model import Break, Code, Emph, Image, Inline, Inlines, Link, Strike, Strong, Text

MAX_DEPTH = 16
_SPACES = re.compile(" {2,}")
_BR = re.compile(r"^<br\s*/?>$", re.I)
_TAG = re.compile(r"^<(?P<close>/)?(?P<name>[A-Za-z][A-Za-z0-9-]*)")
# Tags whose content is code or an embedded page, not text for a reader.
SKIP_CONTENT = frozenset(
    {"script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "svg"}
)
# Characters XML (so slides and PDFs) cannot hold; the raw text is cleaned by
# parse.clean_text, these can still come from character references like ``&#12;``.
INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A web address written out: from its scheme up to a space, an angle bracket or a quote,
# or the first Japanese character or full-width punctuation ("https://example.comを参照").
_SCHEME = re.compile("https?://")
_ADDRESS_ENDS = frozenset("<>\"'`")
_TRAILING = ".,;:!?*_~"  # sentence punctuation after an address is not part of it
_OPENERS = {"strong_open": "strong", "em_open": "em", "s_open": "s", "link_open": "link"}
_CLOSERS = {"strong_close": "strong", "em_close": "em", "s_close": "s", "link_close": "link"}


@dataclass
class Lines:
    """A run of inline content as its source lines."""

    lines: list[list[Inline]] = field(default_factory=lambda: [[]])
    hard: list[bool] = field(default_factory=list)  # hard[i]: the break after lines[i] is hard
    images: list[Image] = field(default_factory=list)


@dataclass
class _Frame:
    """An open inline element while inline tokens are read: its nodes so far."""

    kind: str  # "root", "strong", "em", "s", "link", or "flat" (too deep: no node of its own)
    href: str = ""
    nodes: list[Inline | str] = field(default_factory=list)  # str: text not yet merged
    alts: list[str] = field(default_factory=list)


def html_tag(html: str) -> tuple[str, bool]:
    """The tag name in a piece of raw HTML (lower case) and whether it closes."""
    match = _TAG.match(html.strip())
    if match is None:
        return "", False
    return match["name"].lower(), bool(match["close"])


def _has_content(nodes: Sequence[Inline]) -> bool:
    return any(not isinstance(n, Text) or n.text.strip() for n in nodes)


def merge_text(nodes: Sequence[Inline | str]) -> list[Inline]:
    """Adjacent text (Text nodes or plain strings) as one Text; empty text dropped."""
    merged: list[Inline] = []
    pending: list[Inline | str] = []
    for node in nodes:
        if isinstance(node, str) or type(node) is Text:
            pending.append(node)
            continue
        if pending:
            _flush(pending, merged)
            pending = []
        merged.append(node)
    if pending:
        _flush(pending, merged)
    return merged


def _flush(pending: list[Inline | str], merged: list[Inline]) -> None:
    if len(pending) == 1 and isinstance(pending[0], Text):
        if pending[0].text:
            merged.append(pending[0])  # already one Text: keep the object
        return
    text = "".join(p if isinstance(p, str) else p.text for p in pending)  # type: ignore[union-attr]
    if "  " in text:
        text = _SPACES.sub(" ", text)  # as a browser shows it (and where a picture was taken out)
    if text:
        merged.append(Text(text))


def _image(token: Token, line: int) -> Image:
    alt = "".join(
        c.content if c.type != "softbreak" else " "
        for c in token.children or []
        if c.type in ("text", "text_special", "code_inline", "softbreak")
    )
    return Image(
        src=str(token.attrGet("src") or ""),
        alt=alt,
        title=str(token.attrGet("title") or ""),
        line=line,
    )


class _Reader:
    """One pass over an inline token's children; no recursion."""

    def __init__(self, path: str, line: int, diagnostics: list[Diagnostic]) -> None:
        self.path = path
        self.line = line
        self.diagnostics = diagnostics
        self.result = Lines()
        self.stack = [_Frame("root")]
        self.skip_until = ""  # inside <script>...</script>: drop everything

    def read(self, children: Sequence[Token]) -> Lines:
        index = 0
        while index < len(children):
            token = children[index]
            if self.skip_until:
                self._skip(token)
            elif token.type == "html_inline" and _BR.match(token.content.strip()):
                self._break(hard=True)
                if index + 1 < len(children) and children[index + 1].type == "softbreak":
                    index += 1
                    self.line += 1
            else:
                self._token(token)
            index += 1
        while len(self.stack) > 1:
            self._close(self.stack[-1].kind)
        self._end_line()
        return self.result

    def _skip(self, token: Token) -> None:
        if token.type in ("softbreak", "hardbreak"):
            self.line += 1
        elif token.type == "html_inline":
            self.line += token.content.count("\n")
            if html_tag(token.content) == (self.skip_until, True):
                self.skip_until = ""

    def _token(self, token: Token) -> None:
        kind = token.type
        if kind == "text" and not any(frame.kind == "link" for frame in self.stack):
            self.stack[-1].nodes.extend(web_addresses(self._clean(token.content)))
        elif kind in ("text", "text_special"):
            self.stack[-1].nodes.append(self._clean(token.content))
        elif kind == "code_inline":
            self.stack[-1].nodes.append(Code(token.content))
        elif kind == "softbreak":
            self._break(hard=False)
        elif kind == "hardbreak":
            self._break(hard=True)
        elif kind == "image":
            image = _image(token, self.line)
            image = replace(image, alt=self._clean(image.alt))
            self.result.images.append(image)
            self.stack[-1].alts.append(image.alt or image.src)
        elif kind == "html_inline":
            self._html(token.content)
        elif kind in _OPENERS:
            self._open(_OPENERS[kind], str(token.attrGet("href") or ""))
        elif kind in _CLOSERS:
            self._close(_CLOSERS[kind])
        elif token.content:
            self.stack[-1].nodes.append(token.content)

    def _break(self, hard: bool) -> None:
        if len(self.stack) == 1:
            self._end_line()
            self.result.lines.append([])
            self.result.hard.append(hard)
        elif hard:
            self.stack[-1].nodes.append(Break())
        else:
            self.stack[-1].nodes.append(" ")
        self.line += 1

    def _end_line(self) -> None:
        """Move the finished top-level nodes into the current line, trimmed."""
        frame = self.stack[0]
        nodes = merge_text(frame.nodes)
        frame.nodes = []
        if nodes and isinstance(nodes[0], Text):
            nodes[0] = Text(nodes[0].text.lstrip())
        if nodes and isinstance(nodes[-1], Text):
            nodes[-1] = Text(nodes[-1].text.rstrip())
        self.result.lines[-1].extend(n for n in nodes if not (isinstance(n, Text) and not n.text))

    def _open(self, kind: str, href: str) -> None:
        deep = sum(1 for f in self.stack if f.kind != "flat") > MAX_DEPTH
        self.stack.append(_Frame("flat" if deep and kind != "link" else kind, href))

    def _close(self, kind: str) -> None:
        if len(self.stack) == 1:
            return
        frame = self.stack.pop()
        nodes = merge_text(frame.nodes)
        parent = self.stack[-1]
        parent.alts.extend(frame.alts)
        if frame.kind == "flat":
            parent.nodes.extend(nodes)
        elif frame.kind == "link":
            if not _has_content(nodes):
                nodes = [Text(" ".join(frame.alts) or frame.href or "link")]
            parent.nodes.append(Link(frame.href, tuple(nodes)))
        elif nodes:
            parent.nodes.append(_styled(frame.kind, tuple(nodes)))

    def _html(self, html: str) -> None:
        line = self.line
        self.line += html.count("\n")
        stripped = html.strip()
        if stripped.startswith("<!--"):
            self._report(line, "note", "HTML comment left out")
            return
        name, closing = html_tag(stripped)
        if closing:
            return
        shown = f"<{name}>" if name else "raw HTML"
        message = f"{shown} left out: slides and handouts show Markdown only"
        self._report(line, "warning", message + "; use a Markdown link or picture instead")
        if name in SKIP_CONTENT and not stripped.endswith("/>"):
            self.skip_until = name

    def _clean(self, text: str) -> str:
        """``text`` without characters XML cannot hold, with a warning when some were there."""
        found = sorted(set(INVALID_CHARS.findall(text)))
        if not found:
            return text
        codes = ", ".join(f"U+{ord(c):04X}" for c in found[:3])
        self._report(
            self.line, "warning", f"character references to control characters ({codes}) removed"
        )
        return INVALID_CHARS.sub("", text)

    def _report(self, line: int, level: Level, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, level, message))


def web_addresses(text: str) -> list[Inline | str]:
    """``text`` with every web address written out in it made a link to itself."""
    if "://" not in text:
        return [text]
    pieces: list[Inline | str] = []
    start = 0
    for begin, end in address_spans(text):
        address = _trimmed(text[begin:end])
        if len(address) <= len("https://"):
            continue
        pieces += [text[start:begin], Link(address, (Text(address),))]
        start = begin + len(address)
    pieces.append(text[start:])
    return [piece for piece in pieces if piece != ""]


def address_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each web address written out in ``text`` begins and ends, left to right.

    Checked character by character: a regular expression with the kanji range
    in a character class takes milliseconds to compile at every start.
    """
    end = 0
    for scheme in _SCHEME.finditer(text):
        if scheme.start() < end:  # inside the address before
            continue
        stop = scheme.end()
        while stop < len(text) and not _ends_address(text[stop]):
            stop += 1
        if stop > scheme.end():
            end = stop
            yield scheme.start(), stop


def _ends_address(char: str) -> bool:
    code = ord(char)
    return (
        char.isspace()
        or char in _ADDRESS_ENDS
        or 0x3000 <= code <= 0x303F  # Japanese punctuation: 、。「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or is_kana_or_kanji(char)
    )


def _trimmed(address: str) -> str:
    """Without the punctuation that ends the sentence, or a bracket opened before it."""
    while address:
        last = address[-1]
        unopened = last == ")" and address.count(")") > address.count("(")
        if last not in _TRAILING and not unopened:
            break
        address = address[:-1]
    return address


def _styled(kind: str, children: Inlines) -> Inline:
    if kind == "strong":
        return Strong(children)
    return Emph(children) if kind == "em" else Strike(children)


def read_inline(token: Token, line: int, path: str, diagnostics: list[Diagnostic]) -> Lines:
    """The inline token's content as lines; problems are appended to ``diagnostics``."""
    return _Reader(path, line, diagnostics).read(token.children or [])


# --- joining lines ------------------------------------------------------------------


def _wide(char: str) -> bool:
    if not char:
        return False
    if "\uac00" <= char <= "\ud7af" or "\u1100" <= char <= "\u11ff":
        return False  # Hangul keeps its spaces
    return unicodedata.east_asian_width(char) in ("F", "W", "H")


def edge_char(nodes: Sequence[Inline], last: bool) -> str:
    """The first (or last) visible character of ``nodes``."""
    current: Sequence[Inline] = nodes
    for _ in range(MAX_DEPTH + 2):
        if not current:
            return ""
        node = current[-1] if last else current[0]
        if isinstance(node, (Text, Code)):
            return node.text[-1:] if last else node.text[:1]
        if isinstance(node, Break):
            return "\n"
        current = node.children
    return ""


def soft_join(before: str, after: str) -> str:
    """What a line break inside a paragraph becomes: nothing between two wide
    (Japanese) characters, a space otherwise (CSS Text 3, segment breaks)."""
    return "" if _wide(before) and _wide(after) else " "


def join_lines(lines: Sequence[Sequence[Inline]], hard: Sequence[bool]) -> Inlines:
    """Lines back into one run of inlines: hard breaks as Break, soft ones as a space or nothing."""
    nodes: list[Inline] = []
    kept = [(i, line) for i, line in enumerate(lines) if line]
    for position, (index, line) in enumerate(kept):
        if position:
            previous_index = kept[position - 1][0]
            if any(hard[previous_index:index]):
                nodes.append(Break())
            else:
                nodes.append(Text(soft_join(edge_char(nodes, True), edge_char(line, False))))
        nodes.extend(line)
    return tuple(merge_text(nodes))
