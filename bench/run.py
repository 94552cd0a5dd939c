"""Benchmarks: median and spread of whole-process runs of barometer's commands, and the ratios we watch.

    python bench/run.py [--runs 7] [--scale] [--json FILE]

Each command runs as a fresh process (`python -m barometer ...`) in a scratch copy of the example
workspace, so imports and start-up count as a user feels them. `--scale` also builds synthetic
workspaces of 10%, 30% and 100% of 100 issues × 6 tracks × 500 events and times `check` and
`history` there, with peak memory (the largest process, via getrusage of the children). `--markdown` times
`report 18` with a narrative replaced by 1 MB of Markdown shaped to be slow (unclosed brackets, emphasis,
links, deep nesting, one huge paragraph).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate_workspace import generate  # noqa: E402

PASTED_TEXT = REPO / "tests" / "data" / "pasted" / "minsk-barometer-18-bulletin.txt"  # the whole bulletin


def timed(argv: list[str], cwd: Path, runs: int, prepare=None) -> dict[str, float]:
    """Median, min and max seconds of `runs` whole-process runs (after one warm-up run)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for attempt in range(runs + 1):
        if prepare:
            prepare()
        start = time.perf_counter()
        done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0,):
            raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
        if attempt:
            times.append(elapsed)
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": runs}


def peak_memory_mb(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of the largest process of one run."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    code = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "elapsed = time.perf_counter() - start\n"
        "print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, check=True)
    seconds, megabytes = done.stdout.split()
    return float(seconds), float(megabytes)


def barometer(*args: str) -> list[str]:
    return [sys.executable, "-m", "barometer", *args]


def available_commands() -> set[str]:
    sys.path.insert(0, str(REPO))
    import typer.main

    from barometer.cli import app

    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def command_benchmarks(runs: int, scratch: Path, only: list[str] | None = None) -> dict[str, dict[str, float]]:
    workspace = scratch / "example"
    workspace.mkdir()
    for part in ("barometer.toml", "events", "scales", "reports"):
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, workspace / part, ignore=shutil.ignore_patterns("*.pdf"))
        elif source.exists():
            shutil.copy2(source, workspace / part)
    have = available_commands()
    out = scratch / "charts"
    plan: list[tuple] = [
        ("python -c 'import pydantic, typer, rich'", [sys.executable, "-c", "import pydantic, typer, rich"], None),
        ("barometer --help", barometer("--help"), None),
        ("barometer summary 18", barometer("summary", "18"), None),
        ("barometer check", barometer("check"), None),
    ]
    if "report" in have:
        plan.append(("barometer report 18", barometer("report", "18", "-o", str(scratch / "18.pdf")), None))
    if "charts" in have:
        plan.append(("barometer charts 18", barometer("charts", "18", "--out", str(out)), None))
    if "report" in have:
        plan.append(("barometer report 18 --lang ru", barometer("report", "18", "--lang", "ru", "-o",
                                                               str(scratch / "18-ru.pdf")), None))
    if "site" in have:  # the web edition of every issue in both languages; each run replaces the last one's
        plan.append(("barometer site --lang en,ru", barometer("site", "--lang", "en,ru", "-o", str(scratch / "site")),
                     None))
    if "history" in have:
        plan.append(("barometer history", barometer("history"), None))
    if "import" in have and "new" in have and PASTED_TEXT.exists():
        entry = scratch / "entry"
        shutil.copytree(workspace, entry)

        def fresh_issue() -> None:
            shutil.rmtree(entry / "events" / "018", ignore_errors=True)
            subprocess.run(barometer("new", "18"), cwd=entry, check=True,
                           env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True)

        plan.append(("barometer import (No. 18 pasted text)",
                     barometer("import", str(PASTED_TEXT), "--issue", "18"), fresh_issue, entry))
    results = {}
    for label, argv, prepare, *where in plan:
        if only and not any(word in label for word in only):
            continue
        results[label] = timed(argv, where[0] if where else workspace, runs, prepare)
        figures = results[label]
        print(f"{label:42s} median {figures['median']:.3f} s  (min {figures['min']:.3f}, max {figures['max']:.3f})",
              flush=True)
    return results


def ratios(results: dict[str, dict[str, float]]) -> dict[str, float]:
    found = {}
    reference = "python -c 'import pydantic, typer, rich'"
    pairs = [("summary 18 / import pydantic, typer, rich", "barometer summary 18", reference, 2.0),
             ("--help / import pydantic, typer, rich", "barometer --help", reference, None),
             ("report 18 / charts 18", "barometer report 18", "barometer charts 18", 1.3)]
    for name, top, bottom, goal in pairs:
        if top in results and bottom in results:
            found[name] = results[top]["median"] / results[bottom]["median"]
            print(f"ratio {name:42s} {found[name]:.2f}" + (f" (goal ≤ {goal})" if goal else ""))
    return found


def scale_benchmarks(scratch: Path) -> dict[str, dict[str, float]]:
    have = available_commands()
    results = {}
    for share in (0.1, 0.3, 1.0):
        issues = round(100 * share)
        root = generate(scratch / f"synthetic-{issues}", issues=issues, events=500)
        events = issues * 6 * 500
        for command in ("check", "history"):
            if command not in have:
                continue
            seconds, megabytes = peak_memory_mb(barometer(command), root)
            key = f"{command} {events} events"
            results[key] = {"seconds": seconds, "peak_mb": megabytes, "events": events}
            print(f"{key:42s} {seconds:.2f} s  peak {megabytes:.0f} MB  "
                  f"({seconds / events * 1e6:.1f} µs per event)", flush=True)
        shutil.rmtree(root)
    return results


def coded_workspace(scratch: Path, events: int = 500, coders: int = 3) -> Path:
    """One issue of `events` events over the six tracks, scored by `coders` analysts (the catalogue and
    `coders - 1` others, each of whom scores a quarter of the events one point apart)."""
    import csv
    import random

    per_track = -(-events // 6)
    root = generate(scratch / "coded", issues=1, events=per_track)
    rng = random.Random(7)
    issue = root / "events" / "001"
    for coder in range(1, coders):
        folder = issue / "coders" / f"coder{coder}"
        folder.mkdir(parents=True)
        for catalogue in sorted(issue.glob("*.csv")):
            with catalogue.open(encoding="utf-8", newline="") as stream:
                rows = list(csv.reader(stream))
            for row in rows[1:]:
                for column in range(2, len(row)):
                    if rng.random() < 0.25:
                        value = int(row[column]) + rng.choice((-1, 1))
                        row[column] = str(value if value or column > 2 or len(row) > 3 else 1)
            with (folder / catalogue.name).open("w", encoding="utf-8", newline="") as stream:
                csv.writer(stream, lineterminator="\n").writerows(rows)
    return root


def method_benchmarks(runs: int, scratch: Path) -> dict[str, dict[str, float]]:
    """`agreement` of 500 events scored by 3 coders, whole process."""
    root = coded_workspace(scratch)
    key = "barometer agreement (500 events x 3 coders)"
    results = {key: timed(barometer("agreement", "1"), root, runs)}
    print(f"{key:60s} median {results[key]['median']:.3f} s", flush=True)
    return results


MEGABYTE = 1_000_000
PATHOLOGICAL_MARKDOWN = {  # shapes that make naive Markdown parsers quadratic, or deep recursion crash them
    "1 MB of '['": "[" * MEGABYTE,
    "1 MB of unclosed '*a'": "*a " * (MEGABYTE // 3),
    "1 MB of links '[a](b'": "[a](b " * (MEGABYTE // 6),
    "5,000 nested '>' then 1 MB": "> " * 5000 + "word " * (MEGABYTE // 5),
    "1 MB paragraph, a line break every 80": ("word " * 16 + "\n") * (MEGABYTE // 81),
}


def markdown_benchmarks(runs: int, scratch: Path) -> dict[str, dict[str, float]]:
    """`report 18` with one narrative replaced by 1 MB of a pathological shape: the whole process."""
    results = {}
    for label, text in PATHOLOGICAL_MARKDOWN.items():
        workspace = scratch / "markdown"
        shutil.rmtree(workspace, ignore_errors=True)
        shutil.copytree(scratch / "example", workspace)
        (workspace / "events" / "018" / "text" / "russia.md").write_text(text, encoding="utf-8")
        key = f"report 18, {label}"
        results[key] = timed(barometer("report", "18", "-o", str(workspace / "md.pdf")), workspace, runs)
        print(f"{key:60s} median {results[key]['median']:.3f} s", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scale", action="store_true", help="also time check and history at 30k-300k events")
    parser.add_argument("--markdown", action="store_true", help="also time report 18 on 1 MB pathological narratives")
    parser.add_argument("--method", action="store_true", help="also time agreement of 500 events x 3 coders")
    parser.add_argument("--only", nargs="*", help="time only the commands whose label contains one of these words")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}")
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        results: dict[str, object] = {"commands": command_benchmarks(args.runs, scratch, args.only)}
        results["ratios"] = ratios(results["commands"])  # type: ignore[arg-type]
        if args.method:
            results["method"] = method_benchmarks(args.runs, scratch)
        if args.markdown:
            results["markdown"] = markdown_benchmarks(min(args.runs, 3), scratch)
        if args.scale:
            results["scale"] = scale_benchmarks(scratch)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
