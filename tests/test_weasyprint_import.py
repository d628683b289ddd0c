"""WeasyPrint imported without fontTools' subsetter and instancer, which still work when used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_font, require_tool

from publisher.fonts import fc_match

IMPORTED = """
import json, sys
from publisher.weasyprint_import import import_weasyprint
import_weasyprint()
from weasyprint.pdf import fonts
deferred = ("fontTools.subset", "fontTools.varLib")
print(json.dumps({
    "loaded": sorted(m for m in sys.modules if m.startswith(deferred)),
    "subset": type(fonts.subset).__name__,
}))
"""

USED = """
import json, sys
from publisher.weasyprint_import import import_weasyprint
import_weasyprint()
from fontTools.ttLib import TTFont
from weasyprint.pdf import fonts
options = fonts.subset.Options()
try:
    fonts.instantiateVariableFont(TTFont(), {})
    refused = ""
except ValueError as error:
    refused = str(error)
print(json.dumps({"options": type(options).__module__, "refused": refused}))
"""

# WeasyPrint subsets with fontTools when HarfBuzz cannot: the deferred subsetter is used.
FONTTOOLS_SUBSET = """
import sys
from publisher.weasyprint_import import import_weasyprint
import_weasyprint()
from weasyprint.pdf import fonts
fonts.harfbuzz_subset = None
from weasyprint import HTML
HTML(string="<p style='font-family: Noto Sans CJK JP'>日本語の文</p>").write_pdf(sys.argv[1])
print(type(sys.modules["fontTools.subset"]).__name__)  # the real one, imported to subset
"""


LOADED_BEFORE_THE_FORK = """
import json, sys
from publisher.weasyprint_import import SUBSETTER, import_weasyprint, load_deferred
import_weasyprint()
from weasyprint.pdf import fonts
before = SUBSETTER in sys.modules, type(fonts.subset).__name__
load_deferred(SUBSETTER)
import fontTools.subset
print(json.dumps({
    "before": before,
    "loaded": type(sys.modules[SUBSETTER]).__name__,
    "package": fontTools.subset is sys.modules[SUBSETTER],
    "used": type(fonts.subset.Options()).__module__,
}))
"""

# A build whose fonts will be subset with fontTools imports it before the handouts fork.
PREPARED_SLOW = """
import sys
from pathlib import Path
import publisher.fonts
publisher.fonts.harfbuzz_subset_warning = lambda: "subset slowly"
from publisher.load import load
from publisher.printing import PdfSetup
PdfSetup.prepare(load(Path(sys.argv[1])), {})
print(type(sys.modules["fontTools.subset"]).__name__)
"""


def _run(script: str, *arguments: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *arguments], capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_subsetter_and_the_instancer_are_not_imported_with_weasyprint() -> None:
    found = json.loads(_run(IMPORTED))
    assert found["loaded"] == []
    assert found["subset"] == "Deferred"


def test_each_is_imported_when_weasyprint_uses_it() -> None:
    found = json.loads(_run(USED))
    assert found["options"] == "fontTools.subset"
    assert "fvar" in found["refused"]  # fontTools' own answer to a font that is not variable


def test_a_pdf_subset_with_fonttools_still_embeds_its_font(tmp_path: Path) -> None:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    pdffonts = require_tool("pdffonts", "poppler-utils")
    pdf = tmp_path / "fonttools.pdf"
    assert _run(FONTTOOLS_SUBSET, str(pdf)) == "module"
    listing = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True)
    embedded = [line for line in listing.stdout.splitlines() if "CJK" in line]
    assert embedded and all(" yes yes " in line for line in embedded)  # embedded, subset


def test_a_build_that_needs_the_subsetter_imports_it_once_before_the_fork(tmp_path: Path) -> None:
    found = json.loads(_run(LOADED_BEFORE_THE_FORK))
    assert found == {
        "before": [False, "Deferred"],  # only WeasyPrint holds the stand-in, until used
        "loaded": "module",
        "package": True,  # ``import fontTools.subset`` finds the same module
        "used": "fontTools.subset",
    }
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "notes.md"
    notes.write_text("# E\n\n## 話\n\n- 要点\n", encoding="utf-8")
    assert _run(PREPARED_SLOW, str(notes)) == "module"


# Records every module imported by a thread other than the main one, during the
# preparation of a build's PDFs (where the font checks run beside WeasyPrint's import).
THREAD_IMPORTS = """
import sys, threading
from pathlib import Path

class Record:
    seen = []
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread():
            self.seen.append(name)
        return None

sys.meta_path.insert(0, Record())
from publisher.load import load
from publisher.printing import PdfSetup
PdfSetup.prepare(load(Path(sys.argv[1])), {})
print(" ".join(Record.seen) or "-")
"""


def test_the_font_checks_beside_the_weasyprint_import_import_nothing(tmp_path: Path) -> None:
    """Two threads importing one package at once can fail in Python's import system
    (a KeyError naming the package): the thread must find everything imported."""
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    notes = tmp_path / "notes.md"
    notes.write_text("# E\n\n## 話\n\n- 要点\n", encoding="utf-8")
    assert _run(THREAD_IMPORTS, str(notes)) == "-"
    font = tmp_path / "face.ttc"  # a font named by its file: read with fontTools in the thread
    installed = fc_match("Noto Sans CJK JP")
    assert installed is not None
    font.write_bytes(installed.path.read_bytes())
    notes.write_text(f"---\nfont_ja: {font.name}\n---\n# E\n\n## 話\n\n- 要点\n", encoding="utf-8")
    assert _run(THREAD_IMPORTS, str(notes)) == "-"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig's cache is Linux's")
def test_one_ldconfig_run_answers_as_ctypes_asks_it_for_each_name() -> None:
    """The cached listing finds what ctypes' own question to ldconfig finds, name by
    name: libraries that exist, under their Linux names, and names that miss."""
    import ctypes.util

    from publisher.weasyprint_import import LdconfigCache

    ask_ctypes = ctypes.util._findSoname_ldconfig  # type: ignore[attr-defined]
    if ask_ctypes("c") is None:
        pytest.skip("ctypes finds nothing in ldconfig's cache here (no /sbin/ldconfig -p)")
    cache = LdconfigCache()
    names = ["c", "m", "z", "pango-1.0", "glib-2.0", "gobject-2.0", "fontconfig", "harfbuzz"]
    misses = ["glib-2.0-0", "libpango-1.0-0", "no-such-library"]  # WeasyPrint's other names
    answers = {name: cache.find(name) for name in names + misses}
    assert answers == {name: ask_ctypes(name) for name in names + misses}
    assert answers["c"] is not None and answers["c"].startswith("libc.so")
    assert all(answers[name] is None for name in misses)


def test_the_module_alone_starts_nothing() -> None:
    """A build imports this module at its start: WeasyPrint, and what finding its
    libraries needs (subprocess, to run ldconfig), come only with the import itself."""
    probe = (
        "import sys, publisher.weasyprint_import;"
        "print(sorted({'weasyprint', 'subprocess', 'ctypes'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
