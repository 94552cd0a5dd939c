"""Work on many issues at once: one process per core, when there are enough issues to pay for starting them.

A task is a module-level function `task(context, number)`. In this process it gets `context` (the loader
of the command); each worker process builds its own once, with `prepare(root)`. Results come back in the
order of `numbers`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

PARALLEL_FROM = 8  # issues per worker below which one process is faster than starting more

Result = TypeVar("Result")

_worker: tuple[Any, Callable[[Any, int], Any]] | None = None


def _start_worker(root: Path, task: Callable[[Any, int], Any], prepare: Callable[[Path], Any]) -> None:
    global _worker
    _worker = (prepare(root), task)


def _run_in_worker(number: int) -> Any:
    assert _worker is not None
    context, task = _worker
    return task(context, number)


def workers_for(count: int) -> int:
    """How many processes `count` issues are worth on this machine (1: stay in this process)."""
    return max(1, min(os.cpu_count() or 1, count // PARALLEL_FROM))


def map_issues(root: Path, numbers: Sequence[int], task: Callable[[Any, int], Result], context: Any,
               prepare: Callable[[Path], Any], on_progress: Callable[[int, int], None] | None = None
               ) -> list[Result]:
    """`task(context, number)` for every issue number, in parallel processes when there are many issues;
    `on_progress(done, total)` is called as results come in."""
    workers = workers_for(len(numbers))
    if workers == 1:
        return _collect((task(context, number) for number in numbers), len(numbers), on_progress)
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(numbers) // (workers * 8))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(root, task, prepare)) as pool:
        return _collect(pool.map(_run_in_worker, numbers, chunksize=chunk), len(numbers), on_progress)


def _collect(results: Iterable[Result], total: int, on_progress: Callable[[int, int], None] | None) -> list[Result]:
    collected = []
    for result in results:
        collected.append(result)
        if on_progress is not None:
            on_progress(len(collected), total)
    return collected
