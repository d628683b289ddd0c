"""Finding the handout's fonts, and telling the user what to install when they are missing."""

from __future__ import annotations

import ctypes
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import require_font, require_tool

from publisher import fontconfig, fonts
from publisher.diagnostics import UserError

CJK = "Noto Sans CJK JP"


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    fonts._lookup.cache_clear()
    yield
    fonts._lookup.cache_clear()


def installed_cjk() -> fonts.FontFace:
    require_font(CJK, fonts.CJK_PACKAGE)
    face = fonts.fc_match(CJK)
    assert face is not None
    return face


def test_finds_regular_and_bold_cjk_faces() -> None:
    regular = installed_cjk()
    found = fonts.handout_fonts(CJK, "Noto Sans Mono CJK JP")
    assert found.regular.path == regular.path and regular.path.is_file()
    assert found.bold.path.is_file()
    assert "bold" in found.bold.path.name.lower()
    assert "bold" not in found.regular.path.name.lower()
    assert found.files == ()  # installed fonts are used by name, not loaded from files


def test_an_answer_for_another_family_does_not_count() -> None:
    require_tool("fc-match", "fontconfig")
    # fc-match always answers with some font; a family that is not installed gets None.
    assert fonts.fc_match("No Such Family 7c1e") is None


def test_missing_cjk_font_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "fc_match", lambda family, bold=False: None)
    with pytest.raises(UserError) as raised:
        fonts.handout_fonts(CJK, source="talks.md")
    (problem,) = raised.value.diagnostics
    assert problem.level == "error" and problem.path == "talks.md"
    assert fonts.CJK_PACKAGE in problem.message and CJK in problem.message


def test_missing_font_file_setting_is_reported(tmp_path: Path) -> None:
    with pytest.raises(UserError) as raised:
        fonts.handout_fonts("fonts/Missing.otf", base_dir=tmp_path)
    assert "Missing.otf" in str(raised.value) and "does not exist" in str(raised.value)


def test_font_file_setting_is_declared_and_readable(tmp_path: Path) -> None:
    regular = installed_cjk()
    link = tmp_path / "Body.ttc"
    link.symlink_to(regular.path)
    found = fonts.handout_fonts("Body.ttc", base_dir=tmp_path)
    assert found.regular.declared and found.regular.path == regular.path.resolve()
    assert found.files == (regular.path.resolve(),)


def test_harfbuzz_subset_check_agrees_with_the_library() -> None:
    try:
        ctypes.CDLL("libharfbuzz-subset.so.0")
        loadable = True
    except OSError:
        loadable = False
    warning = fonts.harfbuzz_subset_warning()
    if loadable:
        assert warning is None
    else:
        assert warning is not None and fonts.HARFBUZZ_PACKAGE in warning


@pytest.mark.parametrize("library", [True, False], ids=["fontconfig-library", "fontconfig-tools"])
def test_characters_no_font_has_are_found(library: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    installed_cjk()
    found = fonts.handout_fonts(CJK, "Noto Sans Mono CJK JP")
    if not library:
        require_tool("fc-query", "fontconfig")
        monkeypatch.setattr(fontconfig, "_library", lambda: None)
    unassigned = "\U0010fffd"  # private use, plane 16: no font draws it
    text = "日本語の文、English.\u200d\ufe0f" + unassigned
    assert fonts.missing_characters(text, found) == [unassigned]


def test_coverage_warning_gives_the_first_line_using_the_character() -> None:
    installed_cjk()
    found = fonts.handout_fonts(CJK)
    odd = "\U0010fffd"
    problems = fonts.coverage_diagnostics(
        [(3, "ふつうの行"), (7, f"記号 {odd}"), (9, odd)], found, "talks.md"
    )
    assert [(p.line, p.level) for p in problems] == [(7, "warning")]
    assert "U+10FFFD" in problems[0].message and fonts.EMOJI_PACKAGE in problems[0].message


def test_fontconfig_charset_agrees_with_the_font_cmap() -> None:
    face = installed_cjk()
    require_tool("fc-query", "fontconfig")
    ranges = fonts._charset(face.path, face.index)
    cmap = fonts._cmap(face.path, face.index)
    assert fonts._ranges(sorted(cmap)) == ranges


QUICK_IMPORT = """
import ctypes.util, json, subprocess, sys
thorough = ctypes.util.find_library
ldconfig_runs, slow = [], []
real_popen_init = subprocess.Popen.__init__
def counting_popen(self, args, *rest, **options):
    if str(args[0]).endswith("ldconfig"):
        ldconfig_runs.append(args)
    real_popen_init(self, args, *rest, **options)
subprocess.Popen.__init__ = counting_popen
real_gcc = ctypes.util._findLib_gcc
def counting_gcc(library):  # the slow question, asked only when ldconfig's cache misses
    slow.append(library)
    return real_gcc(library)
ctypes.util._findLib_gcc = counting_gcc
{setup}
from publisher.weasyprint_import import import_weasyprint
import_weasyprint()
from weasyprint.text.ffi import fontconfig, harfbuzz, pango
print(json.dumps({{
    "ldconfig": len(ldconfig_runs), "slow": len(slow),
    "restored": ctypes.util.find_library is thorough,
}}))
"""

FAIL_ONCE = """
import importlib.abc
class FailOnce(importlib.abc.MetaPathFinder):
    failed = False
    def find_spec(self, name, path, target=None):
        if name == "weasyprint.text.ffi" and not FailOnce.failed:
            FailOnce.failed = True
            raise OSError("cannot load library 'libpango'")
        return None
sys.meta_path.insert(0, FailOnce())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick lookup is Linux's")
@pytest.mark.parametrize(
    ("setup", "thorough"), [("", False), (FAIL_ONCE, True)], ids=["quick", "falls-back"]
)
def test_weasyprint_loads_its_libraries_through_ldconfig_alone(setup: str, thorough: bool) -> None:
    """Each library asked of ldconfig's cache, ldconfig run once for all of them (no
    gcc or ld run for a miss); if the import fails that way, it is tried again the
    usual way (ldconfig once per name, gcc and ld for each miss); ctypes is left as
    it was."""
    done = subprocess.run(
        [sys.executable, "-c", QUICK_IMPORT.format(setup=setup)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["restored"] is True
    assert (result["slow"] > 0) is thorough  # gcc and ld only on the way that falls back
    if thorough:
        assert result["ldconfig"] > 4  # once per name: gobject, pango, harfbuzz, fontconfig...
    else:
        assert result["ldconfig"] == 1


def test_a_variable_face_is_told_from_a_static_one(tmp_path: Path) -> None:
    """WeasyPrint fixes a variable face's axes with fontTools' instancer: a build
    imports it before the handouts fork when a face is variable."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    from publisher.fonts import FontFace, is_variable

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((0, 100))
    pen.lineTo((100, 0))
    pen.closePath()
    builder.setupGlyf({".notdef": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Var", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    static = tmp_path / "static.ttf"
    builder.save(str(static))
    builder.setupFvar(axes=[("wght", 100, 400, 900, "Weight")], instances=[])
    variable = tmp_path / "variable.ttf"
    builder.save(str(variable))
    assert is_variable(FontFace("Var", variable))
    assert not is_variable(FontFace("Var", static))
    assert not is_variable(FontFace("Var", tmp_path / "missing.ttf"))


def test_emphasis_is_slanted_only_where_no_face_has_an_italic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    installed_cjk()
    found = fonts.handout_fonts(CJK)
    assert not fonts.has_italic(CJK)  # Noto Sans CJK has no italic face
    assert fonts.emphasis_slanted(found) == (True, True)
    italic = {"Some Latin": True}
    monkeypatch.setattr(fonts, "has_italic", lambda family: italic.get(family, False))
    from dataclasses import replace

    # a Latin face with an italic prints Latin emphasis; Japanese is still slanted
    assert fonts.emphasis_slanted(replace(found, latin="Some Latin")) == (True, False)
    assert fonts.emphasis_slanted(replace(found, latin="Other Latin")) == (True, True)
