"""Work on many issues at once: one process per core, when there are enough issues to pay for starting them.

A task is a module-level function `task(workspace, context, number)`; `prepare(workspace)` builds the
context (e.g. the colour scale) once per process. Results come back in the order of `numbers`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from barometer.workspace import Workspace

PARALLEL_FROM = 8  # issues per worker below which one process is faster than starting more

Result = TypeVar("Result")
Task = Callable[[Workspace, Any, int], Result]

_worker: tuple[Workspace, Any, Callable[[Workspace, Any, int], Any]] | None = None


def _start_worker(root: Path, task: Callable[[Workspace, Any, int], Any], prepare: Callable[[Workspace], Any]) -> None:
    global _worker
    workspace = Workspace.open(root)
    _worker = (workspace, prepare(workspace), task)


def _run_in_worker(number: int) -> Any:
    assert _worker is not None
    workspace, context, task = _worker
    return task(workspace, context, number)


def workers_for(count: int) -> int:
    """How many processes `count` issues are worth on this machine (1: stay in this process)."""
    return max(1, min(os.cpu_count() or 1, count // PARALLEL_FROM))


def map_issues(workspace: Workspace, numbers: Sequence[int], task: Task[Result],
               prepare: Callable[[Workspace], Any], context: Any = None,
               on_progress: Callable[[int, int], None] | None = None) -> list[Result]:
    """`task` for every issue number, in parallel processes when there are many issues.

    `context` is this process's already prepared context, used when the work stays here;
    `on_progress(done, total)` is called as results come in."""
    workers = workers_for(len(numbers))
    if workers == 1:
        prepared = prepare(workspace) if context is None else context
        return _collect((task(workspace, prepared, number) for number in numbers), len(numbers), on_progress)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(numbers) // (workers * 8))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(workspace.root, task, prepare)) as pool:
        return _collect(pool.map(_run_in_worker, numbers, chunksize=chunk), len(numbers), on_progress)


def _collect(results: Iterable[Result], total: int, on_progress: Callable[[int, int], None] | None) -> list[Result]:
    collected = []
    for result in results:
        collected.append(result)
        if on_progress is not None:
            on_progress(len(collected), total)
    return collected
