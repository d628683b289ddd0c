"""Every bad input of tests/bad_input_cases.py through the real command, in real processes.

Each case checks: the exit status; no traceback and no internal error; every
line printed is a ``FILE:LINE: level: message`` diagnostic (or the summary,
or click's usage text), every expected message is printed and nothing else at
warning or error level; what is built is complete; after a failure the
previous outputs are exactly as they were; no temporary ``.part`` file is left.

Cases that build and share no options run several notes per process (the
command takes many notes; each file's messages carry its path), so the whole
list takes a few processes instead of fifty.
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bad_input_cases import (
    ANY_LINE,
    CASES,
    TABLE_END,
    TABLE_START,
    Case,
    Ran,
    Said,
    deck_files,
    publisher_command,
    reliability_table,
)
from conftest import ROOT, require_font

DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?:(?P<line>\d+):)? (?P<level>error|warning|note): (?P<message>.+)$"
)
USAGE = re.compile(r"^(Usage: |Try '|Error: |$)")
PREVIOUS = b"previous output of "
RELIABILITY = ROOT / "docs" / "RELIABILITY.md"


@dataclass
class Job:
    cases: list[Case]
    command: str
    args: list[str]


def seed_previous(out: Path) -> dict[Path, bytes]:
    """Stand-ins for the outputs of an earlier good build in ``out`` (OUT/<stem>)."""
    files = {
        out / f"{out.name}.pdf": PREVIOUS + b"handout",
        out / f"{out.name}-slides.pdf": PREVIOUS + b"slide handout",
        out / "slides" / "00-previous.pptx": PREVIOUS + b"deck",
    }
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def _out_of(base: Path, case: Case, args: list[str]) -> Path:
    root = args[args.index("-o") + 1] if "-o" in args else "out"
    return base / root / case.name


@dataclass
class Results:
    ran: dict[str, Ran]
    seeds: dict[str, dict[Path, bytes]]  # the previous outputs of each case, as seeded
    unclaimed: list[str]  # lines of a shared process that belong to no case


def _jobs(base: Path) -> tuple[list[Job], Results]:
    """Write every case's input, seed its previous outputs, group the cases into processes."""
    jobs: list[Job] = []
    batches: dict[str, list[tuple[Case, list[str]]]] = {}
    results = Results({}, {}, [])
    for case in CASES:
        folder = base / case.name
        folder.mkdir()
        args = case.write(folder, case.name)
        out = _out_of(base, case, args)
        results.ran[case.name] = Ran(-1, [], "", folder, out)
        results.seeds[case.name] = {} if "-o" in args else seed_previous(out)
        if case.alone or case.status != 0:
            if case.command != "check" and "-o" not in args:
                args = [*args, "-o", "out"]
            jobs.append(Job([case], case.command, args))
        else:
            batches.setdefault(case.command, []).append((case, args))
    workers = os.cpu_count() or 2
    for command, members in batches.items():
        size = max(1, -(-len(members) // workers))
        for start in range(0, len(members), size):
            group = members[start : start + size]
            notes = [a for _, args in group for a in args]
            out = ["-o", "out"] if command != "check" else []
            jobs.append(Job([c for c, _ in group], command, [*notes, *out]))
    return jobs, results


def _run(job: Job, base: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*publisher_command(), job.command, *job.args],
        cwd=base,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _belongs(line: str, case: Case) -> bool:
    return line.startswith((f"{case.name}/", f"{case.name}:"))


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Results:
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    base = tmp_path_factory.mktemp("bad-input")
    jobs, found = _jobs(base)
    jobs.sort(key=lambda j: (not j.cases[0].alone, -len(j.cases)))  # the slowest first
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        done = list(pool.map(lambda job: _run(job, base), jobs))
    for job, process in zip(jobs, done, strict=True):
        lines = process.stderr.splitlines()
        for case in job.cases:
            ran = found.ran[case.name]
            ran.status, ran.stdout = process.returncode, process.stdout
            ran.lines = lines if len(job.cases) == 1 else [x for x in lines if _belongs(x, case)]
        if len(job.cases) > 1:
            found.unclaimed += [x for x in lines if not any(_belongs(x, c) for c in job.cases)]
    return found


def case_ids() -> list[str]:
    return [c.name for c in CASES]


def _case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


@pytest.mark.parametrize("name", case_ids())
def test_exit_status(results: Results, name: str) -> None:
    ran = results.ran[name]
    assert ran.status == _case(name).status, "\n".join(ran.lines)


@pytest.mark.parametrize("name", case_ids())
def test_no_traceback_and_nothing_on_stdout(results: Results, name: str) -> None:
    ran = results.ran[name]
    shown = "\n".join(ran.lines)
    assert "Traceback" not in shown
    assert "internal error" not in shown
    assert ran.stdout == ""


def _file_matches(said: Said, case: Case, file: str) -> bool:
    if not said.file:
        return file == case.notes
    pattern = said.file.replace("{name}", re.escape(case.name))
    return re.search(f"(^|/){pattern}$", file) is not None


def _matches(said: Said, case: Case, found: re.Match[str]) -> bool:
    line = int(found["line"]) if found["line"] else None
    return (
        found["level"] == said.level
        and (line == said.line or (said.line == ANY_LINE and line is not None))
        and said.phrase in found["message"]
        and _file_matches(said, case, found["file"])
    )


def _summary(line: str, case: Case) -> bool:
    """The one line a command prints about a notes file when it is done."""
    return line.startswith(f"{case.notes}: ") and DIAGNOSTIC.match(line) is None


@pytest.mark.parametrize("name", case_ids())
def test_says_what_is_wrong_and_nothing_else(results: Results, name: str) -> None:
    case = _case(name)
    ran = results.ran[name]
    expected = [s for s in case.said if s.level != "usage"]
    printed = []
    for line in ran.lines:
        found = DIAGNOSTIC.match(line)
        if found:
            printed.append(found)
        elif case.status == 2:
            assert USAGE.match(line), f"not click's usage text: {line!r}"
        else:
            assert _summary(line, case), f"neither a diagnostic nor the summary: {line!r}"
    for said in expected:
        assert any(_matches(said, case, p) for p in printed), f"{said} not in {ran.lines}"
    for found in printed:
        if found["level"] != "note":
            assert any(_matches(s, case, found) for s in expected), f"unexpected: {found[0]}"
    for said in case.said:
        if said.level == "usage":
            assert any(x.startswith("Error: ") and said.phrase in x for x in ran.lines)


def test_every_line_of_a_shared_process_belongs_to_a_case(results: Results) -> None:
    assert results.unclaimed == []


def _complete_pdf(path: Path) -> bool:
    data = path.read_bytes()
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]


def _complete_deck(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return archive.testzip() is None and "ppt/presentation.xml" in archive.namelist()


@pytest.mark.parametrize("name", case_ids())
def test_builds_complete_outputs_or_keeps_the_previous_ones(results: Results, name: str) -> None:
    case = _case(name)
    ran, seeds = results.ran[name], results.seeds[name]
    parts = [p for root in (ran.folder, ran.out) for p in root.rglob("*.part")]
    assert parts == [], "temporary files left"
    builds = case.builds()
    for path, previous in seeds.items():
        kind = "pdfs" if path.suffix == ".pdf" else "decks"
        if kind not in builds:
            assert path.read_bytes() == previous, f"{path.name} changed"
        elif kind == "pdfs":
            assert _complete_pdf(path), path
        else:
            assert not path.exists(), "the old deck of a build that has none is left"
    decks = deck_files(ran)
    if "decks" in builds:
        assert len(decks) == case.decks
        assert all(_complete_deck(d) for d in decks)
    else:
        assert [d for d in decks if not d.read_bytes().startswith(PREVIOUS)] == []
    if not seeds:  # an output folder of its own: nothing may appear in it
        assert not ran.out.exists()


@pytest.mark.parametrize("name", [c.name for c in CASES if c.checks])
def test_what_is_built_holds_the_notes(results: Results, name: str) -> None:
    ran = results.ran[name]
    for check in _case(name).checks:
        check(ran)


def test_the_cases_cover_the_issue() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    assert {c.status for c in CASES} == {0, 1, 2}


def test_reliability_table_matches_the_cases() -> None:
    """docs/RELIABILITY.md shows the cases as they are (PUBLISHER_REGENERATE=1 rewrites it)."""
    table = reliability_table()
    document = RELIABILITY.read_text(encoding="utf-8")
    start, end = document.index(TABLE_START), document.index(TABLE_END) + len(TABLE_END) + 1
    if os.environ.get("PUBLISHER_REGENERATE") == "1":
        RELIABILITY.write_text(document[:start] + table + document[end:], encoding="utf-8")
        document = RELIABILITY.read_text(encoding="utf-8")
    assert document[start : start + len(table)] == table, (
        "docs/RELIABILITY.md is out of date: PUBLISHER_REGENERATE=1 pytest tests/test_bad_input.py"
    )


@pytest.mark.parametrize(
    "body",
    ["word " * 20_000, "```\n" + "x" * 100_000 + "\n```"],
    ids=["paragraph", "code-line"],
)
def test_a_huge_line_is_measured_a_few_times_not_once_per_slide(
    body: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The 1 MB cases run as check: this is what keeps their decks linear in the text.

    Every character the planner measures is counted: paging a line measured
    whole for each of its slides would count it about as many times as there
    are slides (70 for the code line); measuring only what a slide holds
    counts it a few times.
    """
    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    from publisher.layout import Style
    from publisher.measure import Measurer, measurer_for
    from publisher.parse import parse
    from publisher.plan import plan_decks
    from publisher.slides.template import load_template

    measured = [0]
    advances = Measurer.advances

    def counting(self: Measurer, text: Any) -> list[float]:
        measured[0] += len(text.text)
        return advances(self, text)

    monkeypatch.setattr(Measurer, "advances", counting)
    event, _ = parse(f"# E\n\n## Long\n{body}\n", "long.md")
    decks = plan_decks(
        event,
        geometry=load_template(None).geometry(),
        style=Style(),
        images={},
        measurer=measurer_for("Noto Sans CJK JP", "Noto Sans Mono CJK JP"),
    )
    slides = len(decks[0].slides)
    assert slides > 30
    assert measured[0] <= 12 * len(body), f"{measured[0] / len(body):.0f} × the text"


HEAVY = [c.name for c in CASES if c.command != "build" and c.status == 0 and c.why]


@pytest.mark.skipif(
    os.environ.get("PUBLISHER_HEAVY") != "1",
    reason="the heavy cases built in full take minutes each: PUBLISHER_HEAVY=1 runs them",
)
@pytest.mark.parametrize("name", HEAVY)
def test_a_heavy_case_builds_in_full(name: str, tmp_path: Path) -> None:
    """What the table says of the cases checked but not built in the suite: they build.

    Exit status 0, no traceback, both PDFs and every deck complete, no
    temporary file left. The time each took is printed for docs/RELIABILITY.md.
    """
    import time

    require_font("Noto Sans CJK JP", "fonts-noto-cjk")
    case = _case(name)
    folder = tmp_path / name
    folder.mkdir()
    args = case.write(folder, name)
    out = tmp_path / "out" / name
    seed_previous(out)
    start = time.perf_counter()
    process = subprocess.run(
        [*publisher_command(), "build", *args, "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=3600,
        env={**os.environ, "NO_COLOR": "1"},
    )
    took = time.perf_counter() - start
    assert process.returncode == 0, process.stderr[-2000:]
    assert "Traceback" not in process.stderr and "internal error" not in process.stderr
    assert _complete_pdf(out / f"{name}.pdf") and _complete_pdf(out / f"{name}-slides.pdf")
    decks = deck_files(Ran(0, [], "", folder, out))
    assert decks and all(_complete_deck(d) for d in decks)
    assert [p for p in tmp_path.rglob("*.part")] == []
    print(f"{name}: built in {took:.0f} s, {len(decks)} decks")
