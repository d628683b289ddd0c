"""bench/results.md from the measured series: the machine, the table, the targets, the stages."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import subprocess
from pathlib import Path

from measure import Series

MIB, MB = 1024 * 1024, 1000 * 1000

LIBRARIES = ("publisher", "weasyprint", "python-pptx", "markdown-it-py", "jinja2", "fonttools")


def versions() -> list[str]:
    import importlib.metadata as md

    found = [f"Python {platform.python_version()}"]
    for name in LIBRARIES:
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
    load = ""
    with contextlib.suppress(OSError):
        load = (
            " (load average at the end: "
            + " ".join(os.getloadavg().__repr__()[1:-1].split(", "))
            + ")"
        )
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}{load}"


def _ratio_row(name: str, value: float, goal: float, shown: str = "") -> tuple[str, str, str, bool]:
    return (name, shown or f"{value:.2f}", f"≤ {goal:g}", value <= goal)


def targets(
    results: dict[str, Series],
    stages: list[tuple[str, float, str]],
    pages: dict[str, int],
    rewritten: dict[str, list[str]],
) -> list[tuple[str, str, str, bool]]:
    rows: list[tuple[str, str, str, bool]] = []
    full, full20 = results["full"].median, results["full20"].median
    start = results["startup"].median
    if "pandoc_pdf_×1" in results:
        pdf1, pdf20 = results["pandoc_pdf_×1"].median, results["pandoc_pdf_×20"].median
        rows.append(_ratio_row("full build ×1 / pandoc PDF ×1", full / pdf1, 1.0))
        rows.append(_ratio_row("full build ×20 / pandoc PDF ×20", full20 / pdf20, 1.0))
        ours = full20 / max(pages["×20"], 1)
        theirs = pdf20 / max(pages["pandoc ×20"], 1)
        rows.append(
            _ratio_row(
                "seconds per printed page ×20, publisher / pandoc",
                ours / theirs,
                1.0,
                f"{ours:.3f} / {theirs:.3f} = {ours / theirs:.2f}",
            )
        )
    total = sum(seconds for _, seconds, _ in stages) or 1.0
    outside = sum(seconds for _, seconds, side in stages if side == "publisher")
    rows.append(
        _ratio_row(
            "time outside WeasyPrint and python-pptx / one build's work",
            outside / total,
            0.10,
            f"{outside:.3f} s / {total:.3f} s = {100 * outside / total:.2f} %",
        )
    )
    rows.append(
        _ratio_row(
            "rebuild, nothing changed / full build ×1", results["rebuild"].median / full, 0.1
        )
    )
    changed = rewritten.get("one session changed", [])
    decks = [name for name in changed if name.endswith(".pptx")]
    rows.append(
        (
            "one session changed: outputs rewritten",
            f"{len(decks)} deck, {len(changed) - len(decks)} PDFs; "
            f"{len(rewritten.get('kept (bytes and time)', []))} kept",
            "1 deck",
            len(decks) == 1 and not rewritten.get("nothing changed"),
        )
    )
    peak_mb = results["full20"].peak_mib * MIB / MB  # the goal is in MB: 400 MB = 381.5 MiB
    rows.append(
        _ratio_row(
            "peak memory ×20 (MB, whole process tree)",
            peak_mb,
            400,
            f"{peak_mb:.1f} ({results['full20'].peak_mib:.1f} MiB)",
        )
    )
    rows.append(
        _ratio_row(
            "publisher check ×1 (s)", results["check"].median, 0.3, f"{results['check'].median:.3f}"
        )
    )
    growth = (full20 - start) / max(full - start, 1e-9)
    rows.append(_ratio_row("(×20 − start-up) / (×1 − start-up)", growth, 22, f"{growth:.1f}"))
    return rows


def render(
    results: dict[str, Series],
    stages: list[tuple[str, float, str]],
    seed: Path,
    rounds: int,
    pages: dict[str, int],
    rewritten: dict[str, list[str]],
    with_pandoc: bool,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); the numbers below are from its last run.",
        "",
        f"Machine: {machine()}  ",
        "Versions: " + ", ".join(versions()) + "  ",
        f"Input: `{seed.name}` (×1) and its sessions repeated 20 times (×20). "
        f"Every case once to warm up, then {rounds} rounds of all cases in turn; seconds, "
        "wall clock; peak memory is the resident memory of the whole process tree.",
        "",
        "| case | median | min–max | peak MiB |",
        "|---|---:|---:|---:|",
    ]
    for series in results.values():
        flag = "" if series.ok else " (failed)"
        lines.append(
            f"| {series.name}{flag} | {series.median:.3f} | {series.low:.3f}–{series.high:.3f} "
            f"| {series.peak_mib:.0f} |"
        )
    if not with_pandoc:
        lines += ["", "pandoc is not installed: no comparison (`make bench` installs it as root)."]
    lines += ["", "## Targets", "", "| target | measured | goal | met |", "|---|---:|---:|:-:|"]
    for name, value, goal, ok in targets(results, stages, pages, rewritten):
        lines.append(f"| {name} | {value} | {goal} | {'yes' if ok else 'no'} |")
    lines += [
        "",
        f"Pages printed: publisher ×1 {pages['×1']} (both PDFs), ×20 {pages['×20']}; "
        f"pandoc ×1 {pages['pandoc ×1']}, ×20 {pages['pandoc ×20']}.",
        "",
        "Rebuilds (outputs whose bytes or modification time changed):",
        "",
    ]
    for case, names in rewritten.items():
        shown = ", ".join(f"`{n}`" for n in names) if names else "none"
        lines.append(f"- {case}: {shown}")
    total = sum(seconds for _, seconds, _ in stages) or 1.0
    lines += [
        "",
        "## One full build by stage (×1, one process, one core: the work, wherever it runs)",
        "",
        f"Each stage's median over {rounds} builds, each in a fresh process.",
        "",
        "| stage | whose | seconds | share |",
        "|---|---|---:|---:|",
    ]
    for name, seconds, side in stages:
        lines.append(f"| {name} | {side} | {seconds:.3f} | {100 * seconds / total:.0f} % |")
    lines.append(f"| total | | {total:.3f} | 100 % |")
    lines.append("")
    return "\n".join(lines)
