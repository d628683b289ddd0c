"""A saved .pptx made reproducible: fixed dates and attributes, its compressed data untouched.

python-pptx stamps every member of the archive with the time of saving. The
stamps are only in the archive's headers (each member's local header and its
entry in the central directory), so they are set in place, and nothing is
decompressed or compressed again (which took about a tenth of writing a deck).
An archive laid out otherwise than python-pptx writes it (ZIP64, a comment,
extra fields, members stored uncompressed or followed by data descriptors) is
written again member by member: either way the bytes are those of the rewrite.

Header layouts: PKWARE's APPNOTE.TXT, sections 4.3.7 (local file header),
4.3.12 (central directory header) and 4.3.16 (end of central directory).
"""

from __future__ import annotations

import io
import struct
import zipfile

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
ATTRIBUTES = 0o644 << 16  # rw-r--r--, in the high half: the Unix mode
_YEAR, _MONTH, _DAY, _HOUR, _MINUTE, _SECOND = FIXED_ZIP_TIME
_DOS_TIME = (_HOUR << 11) | (_MINUTE << 5) | (_SECOND // 2)
_DOS_DATE = ((_YEAR - 1980) << 9) | (_MONTH << 5) | _DAY

_LOCAL, _CENTRAL, _END = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_CENTRAL_SIZE, _END_SIZE = 46, 22
_NO_ZIP64 = 0xFFFF
_DATA_DESCRIPTOR = 0x08  # sizes after the data: written to a stream that cannot seek


def normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed dates and attributes, so equal content gives equal bytes."""
    return _stamped_in_place(data) or _rewritten(data)


def _stamped_in_place(data: bytes) -> bytes | None:
    """``data`` with its headers' dates and attributes set; None when laid out otherwise."""
    out = bytearray(data)
    end = len(out) - _END_SIZE
    if end < 0 or out[end : end + 4] != _END:
        return None  # a comment after the directory, or not an archive
    entries, _, directory, archive_comment = struct.unpack_from("<HLLH", out, end + 10)
    if entries == _NO_ZIP64 or archive_comment:
        return None
    position = directory
    for _ in range(entries):
        if out[position : position + 4] != _CENTRAL:
            return None
        flags, method = struct.unpack_from("<2H", out, position + 8)
        name, extra, comment = struct.unpack_from("<3H", out, position + 28)
        (local,) = struct.unpack_from("<L", out, position + 42)
        if flags & _DATA_DESCRIPTOR or method != zipfile.ZIP_DEFLATED:
            return None  # written again, these would change: give the rewrite's bytes
        if extra or comment or out[local : local + 4] != _LOCAL:
            return None
        if struct.unpack_from("<H", out, local + 28)[0]:  # the local header's extra field
            return None
        struct.pack_into("<2H", out, local + 10, _DOS_TIME, _DOS_DATE)
        struct.pack_into("<2H", out, position + 12, _DOS_TIME, _DOS_DATE)
        out[position + 5] = 0  # made on: MS-DOS (zipfile's create_system 0)
        struct.pack_into("<L", out, position + 38, ATTRIBUTES)
        position += _CENTRAL_SIZE + name
    return bytes(out) if position == end else None


def _rewritten(data: bytes) -> bytes:
    """Every member written again, with the fixed date and attributes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = ATTRIBUTES
            fixed.create_system = 0
            target.writestr(fixed, source.read(info))
    return out.getvalue()
