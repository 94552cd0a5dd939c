"""Concurrent writers: WRITERS imports at once into one large catalogue, TRIALS times; how long each waited for
the workspace's lock, and whether every event is there.

    python bench/concurrent_imports.py [--trials 5] [--writers 4] [--events 20000] [--wait SECONDS]

Each trial copies the example workspace, gives No. 18's Russia catalogue `--events` events, and starts
`--writers` processes of `barometer import writerN.csv --issue 18 --track russia` (50 new events each) at
once. It prints per trial the wall time, each writer's time and exit code, and the events found against those
expected; a writer refused (exit 1, with `--wait 0`) must have written none of its events.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from conftest import copy_workspace, large_catalogue  # noqa: E402

PER_WRITER = 50


def trial(root: Path, writers: int, events: int, wait: str | None) -> tuple[float, list[tuple[int, float]], int, int]:
    """One trial: wall time, (exit code, seconds) per writer, events found, events expected."""
    shutil.rmtree(root, ignore_errors=True)
    copy_workspace(root)
    catalogue = large_catalogue(root, events, writers, PER_WRITER)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if wait is not None:
        env["BAROMETER_LOCK_WAIT"] = wait
    start = time.perf_counter()
    processes = [(subprocess.Popen([sys.executable, "-m", "barometer", "import", str(root.parent / f"writer{w}.csv"),
                                    "--issue", "18", "--track", "russia"], cwd=root, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), time.perf_counter())
                 for w in range(writers)]
    finished = []
    for process, started in processes:
        code = process.wait()
        finished.append((code, time.perf_counter() - started))
    wall = time.perf_counter() - start
    text = catalogue.read_text(encoding="utf-8")
    found = sum(f"Writer {w} event {i}," in text for w in range(writers) for i in range(PER_WRITER))
    expected = PER_WRITER * sum(code == 0 for code, _ in finished)
    return wall, finished, found, expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--wait", default=None, help="BAROMETER_LOCK_WAIT for the writers (default: 10 s)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="barometer-concurrent-"))
    try:
        for number in range(1, args.trials + 1):
            wall, finished, found, expected = trial(scratch / "ws", args.writers, args.events, args.wait)
            writers = ", ".join(f"{seconds:.2f} s (exit {code})" for code, seconds in finished)
            verdict = "every event there" if found == expected else f"LOST {expected - found}"
            print(f"trial {number}: {wall:.2f} s; writers {writers}; {found}/{expected} events: {verdict}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
