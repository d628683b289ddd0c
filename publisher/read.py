"""Reading a notes file: bytes to text, whatever editor wrote it.

UTF-8 with or without a byte-order mark, UTF-16 with one, and CRLF or CR
line endings just work. A Windows (Shift_JIS / CP932) or EUC-JP file is read
when its bytes decode as Japanese text, with a warning; anything else gets an
error that says how to convert the file.
"""

from __future__ import annotations

from pathlib import Path

from .charclass import is_japanese_writing
from .diagnostics import Diagnostic, UserError


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_japanese(text: str) -> bool:
    """True when most non-ASCII characters are kana, kanji or full-width forms."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii:
        return False
    japanese = sum(1 for c in non_ascii if is_japanese_writing(c))
    return japanese / len(non_ascii) >= 0.9


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """Text of ``data`` with LF line endings, and what was noticed on the way."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(
            Diagnostic(
                path,
                None,
                "error",
                "this is not a text file (it contains NUL bytes); give a Markdown notes file",
            )
        )
    notes: list[Diagnostic] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UserError(
                Diagnostic(
                    path,
                    None,
                    "error",
                    f"the file starts like UTF-16 but does not "
                    f"decode ({error.reason}); save it as UTF-8",
                )
            ) from None
        notes.append(Diagnostic(path, None, "note", "read as UTF-16; UTF-8 is preferred"))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            text = _decode_legacy(data, path, error, notes)
    return text.replace("\r\n", "\n").replace("\r", "\n"), notes


def _decode_legacy(
    data: bytes, path: str, error: UnicodeDecodeError, notes: list[Diagnostic]
) -> str:
    for codec, name in (("cp932", "Shift_JIS (CP932)"), ("euc_jp", "EUC-JP")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _looks_japanese(text):
            notes.append(
                Diagnostic(
                    path,
                    None,
                    "warning",
                    f"the file is not UTF-8; read it as {name}. "
                    f"Save it as UTF-8 to be sure (iconv -f {codec.upper()} -t UTF-8)",
                )
            )
            return text
    line = _line_of(data, error.start)
    raise UserError(
        Diagnostic(
            path,
            line,
            "error",
            "the file is not UTF-8 and its encoding could not be "
            "recognised; save it as UTF-8 (for a Windows Japanese file: "
            f"iconv -f CP932 -t UTF-8 {Path(path).name} > utf8.md)",
        )
    )


def read_notes(path: Path) -> tuple[str, list[Diagnostic]]:
    """The text of the notes at ``path``; a clear error when it cannot be read."""
    _, text, diagnostics = read_notes_and_bytes(path)
    return text, diagnostics


def read_notes_and_bytes(path: Path) -> tuple[bytes, str, list[Diagnostic]]:
    """The bytes of the notes at ``path`` and their text, as :func:`read_notes` reads them."""
    shown = str(path)
    if path.is_dir():
        raise UserError(
            Diagnostic(shown, None, "error", "this is a folder; give the notes file inside it")
        )
    if not path.exists():
        raise UserError(Diagnostic(shown, None, "error", "no such file"))
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(
            Diagnostic(shown, None, "error", f"cannot read the file: {error.strerror}")
        ) from None
    return (data, *decode(data, shown))
