"""The benchmark: publisher's builds side by side with what a user would pick instead.

    make bench                       (or: .venv/bin/python bench/run.py [-n 5])

Writes bench/results.md: the machine, versions, a table of medians, min–max and
peak memory (the whole process tree), the ratios the project aims for, and a
breakdown of one build by stage. Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from measure import Series, repeat
from stages import stage_breakdown

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "corpus" / "ja-aws-summit-online-2020.md"
EXAMPLE = ROOT / "examples" / "conference-notes.md"
PUBLISHER = [str(Path(sys.executable).parent / "publisher")]


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


@dataclass
class Case:
    notes: Path
    label: str


def versions() -> list[str]:
    import importlib.metadata as md

    found = [f"Python {platform.python_version()}"]
    for name in ("publisher", "weasyprint", "python-pptx", "markdown-it-py", "fonttools"):
        try:
            found.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    pandoc = shutil.which("pandoc")
    if pandoc:
        first = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        found.append(first.splitlines()[0])
    else:
        found.append("pandoc: not installed")
    return found


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    import os

    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", "--repetitions", type=int, default=5)
    args = parser.parse_args()
    n = args.repetitions
    seed = REFERENCE if REFERENCE.is_file() else EXAMPLE
    work = Path(tempfile.mkdtemp(prefix="publisher-bench-"))
    notes = work / seed.name
    shutil.copy(seed, notes)
    x20 = scaled_notes(seed, 20, work / f"{seed.stem}-x20.md")
    tiny = work / "tiny.md"
    tiny.write_text("# t\n\n## a\n- b\n", encoding="utf-8")
    print(f"benchmark on {seed.name} ({n} repetitions each, after a warm-up)")

    def fresh(out: Path):
        return lambda: shutil.rmtree(out, ignore_errors=True)

    out = work / "out"
    results: dict[str, Series] = {}
    results["startup"] = repeat(
        "start-up (build of a one-bullet file)",
        [*PUBLISHER, "build", str(tiny), "-o", str(work / "t")],
        repetitions=n,
        before_each=fresh(work / "t"),
    )
    results["check"] = repeat("publisher check", [*PUBLISHER, "check", str(notes)], repetitions=n)
    results["full"] = repeat(
        "full build ×1",
        [*PUBLISHER, "build", str(notes), "-o", str(out)],
        repetitions=n,
        before_each=fresh(out),
    )
    pages_x1 = pdf_pages(out / notes.stem / f"{notes.stem}.pdf") + pdf_pages(
        out / notes.stem / f"{notes.stem}-slides.pdf"
    )
    results["rebuild"] = repeat(
        "rebuild, nothing changed", [*PUBLISHER, "build", str(notes), "-o", str(out)], repetitions=n
    )
    counter = [0]
    results["rebuild_one"] = repeat(
        "rebuild, one session changed",
        [*PUBLISHER, "build", str(notes), "-o", str(out)],
        repetitions=n,
        before_each=lambda: touch_one_session(notes, counter),
    )
    shutil.copy(seed, notes)
    out20 = work / "out20"
    results["full20"] = repeat(
        "full build ×20",
        [*PUBLISHER, "build", str(x20), "-o", str(out20)],
        repetitions=n,
        before_each=fresh(out20),
    )
    pages_x20 = pdf_pages(out20 / x20.stem / f"{x20.stem}.pdf") + pdf_pages(
        out20 / x20.stem / f"{x20.stem}-slides.pdf"
    )
    pandoc = shutil.which("pandoc")
    pandoc_pages = {}
    if pandoc:
        for key, source in (("pandoc_pdf", notes), ("pandoc_pdf20", x20)):
            target = work / f"{key}.pdf"
            results[key] = repeat(
                f"pandoc → PDF (weasyprint) {'×20' if '20' in key else '×1'}",
                [
                    pandoc,
                    str(source),
                    "-o",
                    str(target),
                    "--pdf-engine=weasyprint",
                    "--metadata",
                    "title=bench",
                    "-V",
                    "mainfont=Noto Sans CJK JP",
                ],
                repetitions=n,
            )
            pandoc_pages[key] = pdf_pages(target)
        results["pandoc_pptx"] = repeat(
            "pandoc → PPTX ×1",
            [pandoc, str(notes), "-o", str(work / "p.pptx"), "--slide-level=2"],
            repetitions=n,
        )
    else:
        print("  pandoc is not installed: comparisons skipped (make bench installs it as root)")
    stages = stage_breakdown(notes, work / "stages")
    report = render(results, stages, seed, n, pages_x1, pages_x20, pandoc_pages)
    (ROOT / "bench" / "results.md").write_text(report, encoding="utf-8")
    print(f"wrote {ROOT / 'bench' / 'results.md'}")
    shutil.rmtree(work, ignore_errors=True)


def render(
    results: dict[str, Series],
    stages: list[tuple[str, float]],
    seed: Path,
    n: int,
    pages_x1: int,
    pages_x20: int,
    pandoc_pages: dict[str, int],
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}  ",
        "Versions: " + ", ".join(versions()) + "  ",
        f"Input: `{seed.name}` (×1) and the same sessions "
        f"repeated 20 times (×20); {n} runs each after one warm-up run; times in seconds.",
        "",
        "| case | median | min–max | peak memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for series in results.values():
        flag = "" if series.ok else " (failed)"
        lines.append(
            f"| {series.name}{flag} | {series.median:.3f} | {series.low:.3f}–"
            f"{series.high:.3f} | {series.peak_mib:.0f} |"
        )
    lines += ["", "## Targets", "", "| target | measured | goal | met |", "|---|---:|---:|:-:|"]
    for name, value, goal, ok in targets(results, pages_x1, pages_x20, pandoc_pages):
        lines.append(f"| {name} | {value} | {goal} | {'yes' if ok else 'no'} |")
    total = sum(t for _, t in stages) or 1.0
    lines += [
        "",
        "## One full build by stage (in one process, ×1 input)",
        "",
        "| stage | seconds | share |",
        "|---|---:|---:|",
    ]
    for name, seconds in stages:
        lines.append(f"| {name} | {seconds:.3f} | {100 * seconds / total:.0f} % |")
    lines += [
        "",
        f"Pages printed: ×1 {pages_x1}, ×20 {pages_x20}; pandoc ×1 "
        f"{pandoc_pages.get('pandoc_pdf', 0)}, ×20 {pandoc_pages.get('pandoc_pdf20', 0)}.",
        "",
    ]
    notes_file = ROOT / "bench" / "NOTES.md"
    if notes_file.is_file():
        lines += [notes_file.read_text(encoding="utf-8")]
    return "\n".join(lines)


def targets(
    results: dict[str, Series], pages_x1: int, pages_x20: int, pandoc_pages: dict[str, int]
) -> list[tuple[str, str, str, bool]]:
    rows: list[tuple[str, str, str, bool]] = []
    full, full20 = results["full"].median, results["full20"].median
    start = results["startup"].median
    if "pandoc_pdf" in results:
        ratio = full / results["pandoc_pdf"].median
        rows.append(("full build ×1 / pandoc PDF ×1", f"{ratio:.2f}", "≤ 1.0", ratio <= 1.0))
        ratio20 = full20 / results["pandoc_pdf20"].median
        rows.append(("full build ×20 / pandoc PDF ×20", f"{ratio20:.2f}", "≤ 1.0", ratio20 <= 1.0))
        ours = full20 / max(pages_x20, 1)
        theirs = results["pandoc_pdf20"].median / max(pandoc_pages.get("pandoc_pdf20", 1), 1)
        rows.append(
            (
                "seconds per printed page ×20: publisher / pandoc",
                f"{ours:.3f} / {theirs:.3f}",
                "≤ 1.0",
                ours <= theirs,
            )
        )
    rebuild = results["rebuild"].median / full
    rows.append(("rebuild unchanged / full build", f"{rebuild:.2f}", "≤ 0.1", rebuild <= 0.1))
    peak = results["full20"].peak_mib
    rows.append(("peak memory ×20 (MiB)", f"{peak:.0f}", "≤ 400", peak <= 400))
    check = results["check"].median
    rows.append(("publisher check ×1 (s)", f"{check:.3f}", "≤ 0.3", check <= 0.3))
    growth = (full20 - start) / max(full - start, 1e-9)
    rows.append(("(×20 − start-up) / (×1 − start-up)", f"{growth:.1f}", "≤ 22", growth <= 22))
    return rows


if __name__ == "__main__":
    main()
