"""A progress bar that appears only on work that is still running after a second."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from barometer.cli.common import err

ProgressCallback = Callable[[int, int], None]  # (done, total)


@contextmanager
def progress_after(description: str, delay: float = 1.0) -> Iterator[ProgressCallback]:
    """Yield a `(done, total)` callback; a bar on standard error shows once `delay` seconds have passed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    started = time.monotonic()
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True)
    task: list[int] = []

    def update(done: int, total: int) -> None:
        if not task:
            if time.monotonic() - started < delay:
                return
            progress.start()
            task.append(progress.add_task(description, total=total))
        progress.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            progress.stop()
