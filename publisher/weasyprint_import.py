"""Importing WeasyPrint without the work few builds need.

A build imports WeasyPrint once, in the parent process, before either
handout can start, so its import is part of every build's wait. Two parts of
it serve only some documents (bench/NOTES.md has the measurements):

- WeasyPrint looks for each C library under its Windows, macOS and Linux
  names in turn; on Linux each miss makes ctypes run ldconfig, gcc and ld
  (16 misses, about 0.3 s). During the import only ldconfig's cache is
  asked, which is where ctypes finds these libraries anyway, and ldconfig is
  run once for all of them instead of once per name (22 names); should that
  leave one out, the import is tried again the thorough way.
- WeasyPrint imports fontTools' subsetter and variable-font instancer (about
  110 modules, 0.15 s) for fonts HarfBuzz cannot subset and for variable
  fonts. Each is replaced during the import by a stand-in that imports the
  real module the first time it is used in a process. A build that knows it
  will need one (:func:`load_deferred`) imports it before the handouts are
  forked, so both have it.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Modules WeasyPrint imports at start but uses only for some fonts, with the
# functions it takes from them by name.
SUBSETTER = "fontTools.subset"
INSTANCER = "fontTools.varLib.instancer"
DEFERRED: dict[str, tuple[str, ...]] = {SUBSETTER: (), INSTANCER: ("instantiateVariableFont",)}
_LOCK = threading.RLock()  # one thread replaces a stand-in (its import may ask for another)


class Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is asked for."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # asked by the import system itself
            raise AttributeError(name)
        return getattr(_real(self.__name__), name)


def _real(module: str) -> types.ModuleType:
    """The module itself, imported now if only its stand-in was."""
    with _LOCK:
        stand_in = sys.modules.get(module)
        if isinstance(stand_in, Deferred):
            del sys.modules[module]
            _unlink(module, stand_in)
        return importlib.import_module(module)


def load_deferred(*modules: str) -> None:
    """Import ``modules`` (of :data:`DEFERRED`) now: a build that will use them."""
    for module in modules:
        _real(module)


def _unlink(module: str, stand_in: Deferred) -> None:
    """Take ``stand_in`` off its package, where :func:`_deferred` put it."""
    package, _, name = module.rpartition(".")
    parent = sys.modules.get(package)
    if parent is not None and getattr(parent, name, None) is stand_in:
        delattr(parent, name)


def _calling(module: str, name: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        function: Callable[..., Any] = getattr(_real(module), name)
        return function(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


@contextmanager
def _deferred(modules: dict[str, tuple[str, ...]]) -> Iterator[None]:
    """Stand-ins for ``modules`` (those not imported yet) while the block runs.

    A stand-in is in ``sys.modules`` and, when its package is imported, an
    attribute of the package, as an imported module is; both are taken away
    after the block, so a later import finds the real module.
    """
    placed: dict[str, Deferred] = {}
    for module, functions in modules.items():
        if module in sys.modules:
            continue
        stand_in = Deferred(module)
        for name in functions:
            setattr(stand_in, name, _calling(module, name))
        placed[module] = sys.modules[module] = stand_in
        package, _, name = module.rpartition(".")
        if package in sys.modules:
            setattr(sys.modules[package], name, stand_in)
    try:
        yield
    finally:
        with _LOCK:
            for module, stand_in in placed.items():
                if sys.modules.get(module) is stand_in:
                    del sys.modules[module]
                _unlink(module, stand_in)


def import_weasyprint() -> None:
    """Import WeasyPrint, its C libraries found quickly and its rarely used parts deferred."""
    if "weasyprint" in sys.modules:
        return
    import ctypes.util

    with _deferred(DEFERRED):
        # Where ctypes itself asks ldconfig's cache (Linux, CPython's own ctypes.util),
        # the same question is answered from one run of ldconfig; elsewhere, as usual.
        if not hasattr(ctypes.util, "_findSoname_ldconfig") or not sys.platform.startswith("linux"):
            import weasyprint

            return
        thorough = ctypes.util.find_library
        ctypes.util.find_library = LdconfigCache().find
        try:
            import weasyprint
        except OSError:
            ctypes.util.find_library = thorough
            import weasyprint  # noqa: F401
        finally:
            ctypes.util.find_library = thorough


# ldconfig's name for the C library's ABI on each machine, as ctypes has it.
_ABI_TYPES = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


class LdconfigCache:
    """ctypes' question to ldconfig's cache (``_findSoname_ldconfig`` on Linux), with
    ``ldconfig -p`` run once for every library asked instead of once per name."""

    def __init__(self) -> None:
        import struct  # here: not every command that imports this module asks

        self._listing: bytes | None = None
        bits = "-32" if struct.calcsize("l") == 4 else "-64"
        self._abi = _ABI_TYPES.get(os.uname().machine + bits, "libc6")

    def find(self, name: str) -> str | None:
        """The file name of library ``name`` (``pango-1.0`` → ``libpango-1.0.so.0``)."""
        pattern = rb"\s+(lib%s\.[^\s]+)\s+\(%s" % (
            re.escape(os.fsencode(name)),
            self._abi.encode(),
        )
        found = re.search(pattern, self.listing())
        return os.fsdecode(found.group(1)) if found else None

    def listing(self) -> bytes:
        import subprocess

        if self._listing is None:
            try:
                self._listing = subprocess.run(
                    ["/sbin/ldconfig", "-p"],
                    stdin=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    env={"LC_ALL": "C", "LANG": "C"},
                    check=False,
                ).stdout
            except OSError:
                self._listing = b""
        return self._listing
