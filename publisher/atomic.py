"""Writing outputs so that a failed or interrupted build never leaves a broken file.

Every output is written to a temporary file in its own folder
(``.<name>.<random>.part``), flushed, and renamed over the old one in a single
step. Until the rename, the previous output is untouched; after it, the new
one is complete.

A build that is killed (``kill -9``, a power cut) cannot remove its temporary
file. The writer holds a lock on it while it lives (``flock``; the system
drops the lock when the process dies), so the next write of the same output
removes every unlocked ``.<name>.*.part`` beside it, and never one that another
build is still writing. Where there are no such locks (Windows), a file open in
another process cannot be removed anyway, and the attempt is skipped.

A build that writes several outputs first writes them into a staging folder
beside them (:func:`staging_folder`), locked the same way; the next build
removes the staging folders no live build holds.

A file system problem (a file where a folder is needed, no permission, a full
disk) is the user's to fix: it raises :class:`UserError` naming the output.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .diagnostics import Diagnostic, UserError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

PART_SUFFIX = ".part"


def cannot_write(path: Path, error: OSError) -> UserError:
    """The error for an output that cannot be written, saying what to do."""
    reason = error.strerror or str(error)
    where = f" ({error.filename})" if error.filename and str(error.filename) != str(path) else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "free some space and build again"
    else:
        hint = "choose an output folder you can write to (-o/--out)"
    message = f"cannot write this output: {reason}{where}; {hint}"
    return UserError(Diagnostic(str(path), None, "error", message))


def _lock(handle: int) -> bool:
    """Lock the open file ``handle`` for as long as this process keeps it open."""
    if fcntl is None:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _parts_of(folder: Path, name: str) -> list[Path]:
    try:
        return sorted(folder.glob(f".{name}.*{PART_SUFFIX}"))
    except OSError:
        return []


def remove_stale_parts(folder: Path, name: str = "*") -> list[Path]:
    """Remove the temporary files of outputs named ``name`` (a glob) that no live writer holds.

    Returns the files removed. Never raises: a file that cannot be checked or
    removed is left alone.
    """
    removed: list[Path] = []
    for part in _parts_of(folder, name):
        try:
            handle = os.open(part, os.O_RDONLY)
        except OSError:
            continue
        try:
            if fcntl is not None and not _lock(handle):
                continue  # another build is writing it
            os.unlink(part)
            removed.append(part)
        except OSError:
            continue
        finally:
            os.close(handle)
    return removed


STAGING_PREFIX = ".staging-"
_LOCK_NAME = ".lock"
_UNLOCKED_GRACE = 60.0  # seconds: a staging folder without its lock yet is being made


def _stale_staging(folder: Path) -> bool:
    """True when no live build holds ``folder`` (a staging folder) any more."""
    try:
        handle = os.open(folder / _LOCK_NAME, os.O_RDONLY)
    except FileNotFoundError:  # killed before it locked, or locked by nothing: by age
        try:
            return time.time() - folder.stat().st_mtime > _UNLOCKED_GRACE
        except OSError:
            return False
    except OSError:
        return False
    try:
        return fcntl is None or _lock(handle)
    finally:
        os.close(handle)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders in ``folder`` that builds killed half-way left behind."""
    removed = []
    try:
        candidates = sorted(folder.glob(f"{STAGING_PREFIX}*"))
    except OSError:
        return []
    for staging in candidates:
        if staging.is_dir() and not staging.is_symlink() and _stale_staging(staging):
            _remove_tree(staging)
            removed.append(staging)
    return removed


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def staging_folder(folder: Path) -> Iterator[Path]:
    """A new folder inside ``folder`` to write outputs into before they are moved into place.

    It is locked while this process lives and removed afterwards; the ones a
    killed build left are removed first. Moving from it into ``folder`` is a
    rename on the same file system, so each output appears whole.
    """
    import tempfile  # here and below: a rebuild with nothing to do writes nothing

    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(folder)
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder))
        handle = os.open(staging / _LOCK_NAME, os.O_WRONLY | os.O_CREAT, 0o644)
    except OSError as error:
        raise cannot_write(folder, error) from None
    _lock(handle)
    try:
        yield staging
    finally:
        _remove_tree(staging)
        os.close(handle)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into; renamed into place on success."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_parts(path.parent, glob.escape(path.name))  # names may hold [ and ]
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent
        )
    except OSError as error:
        raise cannot_write(path, error) from None
    lock = os.dup(handle)
    _lock(lock)
    finishing = False
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            finishing = True
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if finishing and isinstance(error, OSError):
            raise cannot_write(path, error) from None
        raise
    finally:
        os.close(lock)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step."""
    with atomic_output(path) as stream:
        try:
            stream.write(data)
        except OSError as error:
            raise cannot_write(path, error) from None
