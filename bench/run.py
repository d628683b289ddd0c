"""The benchmark: publisher's builds side by side with what a user would pick instead.

    make bench                       (or: .venv/bin/python bench/run.py [-n 5])

Every case is run once to warm up, then ``n`` rounds run every case once each,
in turn, so a machine that gets busier or quieter affects all of them alike.
Reported: median, min–max, peak memory of the whole process tree, and the
ratios the project aims for; a breakdown of one build by stage (medians of
``n`` fresh processes); whether a
rebuild rewrote only what changed. Written to bench/results.md (bench/NOTES.md,
the record of what was tried, is appended). Nothing here is asserted by tests.

The commands run with Python writing bytecode (a default installation does;
this sandbox's PYTHONDONTWRITEBYTECODE is removed for them) and with the
virtual environment's ``bin`` first on PATH, so pandoc uses the same
WeasyPrint as publisher; its engine is also given by absolute path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Run, Series, run_once
from report import render

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "corpus" / "ja-aws-summit-online-2020.md"
EXAMPLE = ROOT / "examples" / "conference-notes.md"
BIN = Path(sys.executable).parent
PUBLISHER = [str(BIN / "publisher")]
FONT = "Noto Sans CJK JP"


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


def scaled_notes(source: Path, times: int, target: Path) -> Path:
    """``source`` with its sessions repeated ``times`` times (front matter and intro once)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("## "))
    head, body = "".join(lines[:first]), "".join(lines[first:])
    target.write_text(head + body * times, encoding="utf-8")
    return target


def touch_one_session(notes: Path, counter: list[int]) -> None:
    """Change one bullet of the last session, differently each time."""
    counter[0] += 1
    text = notes.read_text(encoding="utf-8")
    marker = "\n- bench edit "
    base = text.split(marker)[0].rstrip("\n")
    notes.write_text(f"{base}{marker}{counter[0]}\n", encoding="utf-8")


def pdf_pages(path: Path) -> int:
    try:
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    except OSError:
        return 0
    return next(
        (int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:")), 0
    )


def outputs_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Each output below ``folder``: digest of its bytes and its modification time."""
    return {
        str(p.relative_to(folder)): (
            hashlib.sha256(p.read_bytes()).hexdigest(),
            p.stat().st_mtime_ns,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@dataclass
class Case:
    key: str
    name: str
    command: list[str]
    before_each: Callable[[], None] | None = None


def side_by_side(cases: list[Case], rounds: int, env: dict[str, str]) -> dict[str, Series]:
    """One warm-up per case, then ``rounds`` rounds of every case in turn."""
    runs: dict[str, list[Run]] = {case.key: [] for case in cases}
    for step in range(rounds + 1):
        for case in cases:
            if case.before_each:
                case.before_each()
            run = run_once(case.command, env=env)
            if step:
                runs[case.key].append(run)
        print(f"  round {step}/{rounds} done" if step else "  warm-up done", flush=True)
    results = {case.key: Series(case.name, tuple(runs[case.key])) for case in cases}
    for series in results.values():
        print(f"  {series.name}: median {series.median:.3f} s, peak {series.peak_mib:.0f} MiB")
    return results


def stage_medians(
    notes: Path, work: Path, env: dict[str, str], rounds: int
) -> list[tuple[str, float, str]]:
    """Each stage's median over ``rounds`` builds, each in a fresh process (bench/stages.py):
    one build alone varies too much on a shared machine."""
    runs = []
    for round_ in range(rounds):
        done = subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "stages.py"),
                str(notes),
                str(work / f"stages{round_}"),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout))
    return [
        (name, statistics.median(run[i][1] for run in runs), side)
        for i, (name, _, side) in enumerate(runs[0])
    ]


def pandoc_cases(pandoc: str, work: Path, sources: dict[str, Path]) -> list[Case]:
    engine = str(BIN / "weasyprint")
    cases = []
    for key, source in sources.items():
        label = key.split("_")[-1]
        cases.append(
            Case(
                f"pandoc_pdf_{label}",
                f"pandoc → PDF (WeasyPrint) {label}",
                [
                    pandoc,
                    str(source),
                    "-o",
                    str(work / f"pandoc-{label}.pdf"),
                    f"--pdf-engine={engine}",
                    "-M",
                    "title=notes",
                    "-M",
                    "lang=ja",
                    "-V",
                    f"mainfont={FONT}",
                ],
            )
        )
        cases.append(
            Case(
                f"pandoc_pptx_{label}",
                f"pandoc → PPTX {label}",
                [pandoc, str(source), "-o", str(work / f"pandoc-{label}.pptx"), "--slide-level=2"],
            )
        )
    return cases


def rebuild_check(notes: Path, out: Path, env: dict[str, str]) -> dict[str, list[str]]:
    """Which outputs a rebuild rewrote: with nothing changed, then with one session changed."""
    command = [*PUBLISHER, "build", str(notes), "-o", str(out)]
    subprocess.run(command, env=env, check=True, capture_output=True)
    before = outputs_state(out)
    subprocess.run(command, env=env, check=True, capture_output=True)
    same = outputs_state(out)
    touch_one_session(notes, [1000])
    subprocess.run(command, env=env, check=True, capture_output=True)
    after = outputs_state(out)
    return {
        "nothing changed": sorted(k for k in same if same[k] != before.get(k)),
        "one session changed": sorted(k for k in after if after[k] != same.get(k)),
        "kept (bytes and time)": sorted(k for k in after if after[k] == same.get(k)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--rounds", type=int, default=5)
    args = parser.parse_args()
    env = bench_env()
    seed = REFERENCE if REFERENCE.is_file() else EXAMPLE
    work = Path(tempfile.mkdtemp(prefix="publisher-bench-"))
    notes = work / seed.name
    shutil.copy(seed, notes)
    edited = work / "edited" / seed.name
    edited.parent.mkdir()
    shutil.copy(seed, edited)
    x20 = scaled_notes(seed, 20, work / f"{seed.stem}-x20.md")
    tiny = work / "tiny.md"
    tiny.write_text("# t\n\n## a\n- b\n", encoding="utf-8")
    print(f"benchmark on {seed.name}: {args.rounds} rounds after a warm-up", flush=True)

    def fresh(out: Path) -> Callable[[], None]:
        return lambda: shutil.rmtree(out, ignore_errors=True)

    def build(source: Path, out: Path) -> list[str]:
        return [*PUBLISHER, "build", str(source), "-o", str(out)]

    counter = [0]
    subprocess.run(build(edited, work / "re"), env=env, check=True, capture_output=True)
    cases = [
        Case(
            "startup",
            "start-up (build of a one-bullet file)",
            build(tiny, work / "t"),
            fresh(work / "t"),
        ),
        Case("check", "publisher check ×1", [*PUBLISHER, "check", str(notes)]),
        Case(
            "full", "full build ×1 (2 PDFs, decks)", build(notes, work / "o1"), fresh(work / "o1")
        ),
        Case("rebuild", "rebuild ×1, nothing changed", build(edited, work / "re")),
        Case(
            "rebuild_one",
            "rebuild ×1, one session changed",
            build(edited, work / "re"),
            lambda: touch_one_session(edited, counter),
        ),
        Case("full20", "full build ×20", build(x20, work / "o20"), fresh(work / "o20")),
    ]
    pandoc = shutil.which("pandoc")
    if pandoc:
        cases += pandoc_cases(pandoc, work, {"source_×1": notes, "source_×20": x20})
    else:
        print("  pandoc is not installed: no comparison (make bench installs it as root)")
    results = side_by_side(cases, args.rounds, env)
    stem = notes.stem
    pages = {
        "×1": pdf_pages(work / "o1" / stem / f"{stem}.pdf")
        + pdf_pages(work / "o1" / stem / f"{stem}-slides.pdf"),
        "×20": pdf_pages(work / "o20" / x20.stem / f"{x20.stem}.pdf")
        + pdf_pages(work / "o20" / x20.stem / f"{x20.stem}-slides.pdf"),
        "pandoc ×1": pdf_pages(work / "pandoc-×1.pdf"),
        "pandoc ×20": pdf_pages(work / "pandoc-×20.pdf"),
    }
    (work / "check").mkdir()
    shutil.copy(seed, work / "check" / seed.name)
    rewritten = rebuild_check(work / "check" / seed.name, work / "check-out", env)
    stages = stage_medians(notes, work, env, args.rounds)
    report = render(results, stages, seed, args.rounds, pages, rewritten, pandoc is not None)
    notes_file = ROOT / "bench" / "NOTES.md"
    if notes_file.is_file():
        report += "\n" + notes_file.read_text(encoding="utf-8")
    (ROOT / "bench" / "results.md").write_text(report, encoding="utf-8")
    print(f"wrote {ROOT / 'bench' / 'results.md'}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
