"""One writer at a time: every command that changes the workspace holds its lock while it reads what it changes
and writes it, so two imports into one catalogue can never lose each other's events.

The lock is an OS file lock (`filelock`: `flock` on Unix, `msvcrt` on Windows) on `.barometer/lock` in the
workspace: the OS releases it when its process ends, however it ends (kill -9 included), so a lock is never
left stale. Beside it, `.barometer/holder.json` says which command holds it (the command line, its process
id and since when), so a writer that waits can say what it waits for. A second writer waits up to
`WAIT_SECONDS`, saying so once, then gives up with exit code 1, naming the command that holds the lock.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from barometer.errors import BarometerError

STATE_DIR = ".barometer"  # the tool's own notes in a workspace: this lock, and the record of its outputs
LOCK_FILE = f"{STATE_DIR}/lock"  # empty; it stays (removing a lock file on release would race with a waiter)
HOLDER_FILE = f"{STATE_DIR}/holder.json"
WAIT_SECONDS = 10.0  # an import into a 20,000-event catalogue takes about a second
WAIT_VARIABLE = "BAROMETER_LOCK_WAIT"  # seconds, for scripts that would rather wait longer (or not at all)

_held: dict[Path, int] = {}  # roots this process holds, with how deeply (a locked call inside another)
_on_wait: list[Callable[[str], None]] = []


class WorkspaceBusy(BarometerError):
    """Another command holds the workspace's lock; nothing was written."""


def on_wait(callback: Callable[[str], None]) -> None:
    """Say through `callback` (the command line's standard error) that a writer waits for the lock."""
    _on_wait[:] = [callback]


def command_line() -> str:
    """This process's command as typed: `barometer import no19.xlsx --issue 19`."""
    name = Path(sys.argv[0]).name if sys.argv else "python"
    name = "barometer" if name in ("barometer", "__main__.py", "-m") else name
    return shlex.join([name, *sys.argv[1:]])


def holder(root: Path) -> str:
    """Who holds the lock, as its holder file says: "`barometer import …` (process 123, since 10:04:05 UTC)"."""
    try:
        data = json.loads((root / HOLDER_FILE).read_text(encoding="utf-8")[:4096])
        return (f"`{data['command']}` (process {data['pid']}, since {data['since']})"
                if isinstance(data, dict) else "another command")
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return "another command"


def wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_VARIABLE, WAIT_SECONDS)))
    except ValueError:
        return WAIT_SECONDS


@contextmanager
def workspace_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the workspace's lock for the block; a block inside another of the same process just goes on."""
    from filelock import FileLock, Timeout

    root = Path(os.path.realpath(root))
    if _held.get(root):
        _held[root] += 1
        try:
            yield
        finally:
            _held[root] -= 1
        return
    try:
        (root / STATE_DIR).mkdir(exist_ok=True)
        lock = FileLock(root / LOCK_FILE, thread_local=False)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            seconds = wait_seconds() if wait is None else wait
            for say in _on_wait:
                say(f"waiting up to {seconds:.0f} s for {holder(root)} to finish writing the workspace")
            try:
                lock.acquire(timeout=seconds)
            except Timeout:
                raise WorkspaceBusy(
                    f"the workspace is busy: {holder(root)} is writing it; nothing was written — run this "
                    f"command again when that one has finished") from None
    except OSError as error:
        raise BarometerError(f"cannot lock the workspace {root} for writing ({error.strerror or error}); "
                             "nothing was written — is the folder read-only?") from None
    _held[root] = 1
    try:
        _write_holder(root)
        yield
    finally:
        _held.pop(root, None)
        try:
            (root / HOLDER_FILE).unlink(missing_ok=True)
        finally:
            lock.release()


def _write_holder(root: Path) -> None:
    record = {"command": command_line(), "pid": os.getpid(),
              "since": datetime.now(UTC).strftime("%H:%M:%S UTC"), "started": time.time()}
    with suppress(OSError):  # the lock holds without its note; a waiter then says "another command"
        (root / HOLDER_FILE).write_text(json.dumps(record), encoding="utf-8")
