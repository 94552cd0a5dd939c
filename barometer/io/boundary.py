"""The workspace as a boundary: every file the tool reads is a regular file, whose real path lies inside the
workspace (for a workspace file), no larger than its cap, and read without ever blocking.

A link out of the workspace, a folder, a named pipe, a device or a socket where a file is expected is a
located problem, never skipped and never a hang: the file is opened non-blocking, checked again through
the open descriptor (so a file swapped for a pipe between the check and the open is caught too), and at
most `limit + 1` bytes are read (a link to /dev/zero, or a file that grows while it is read, stops there).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from barometer.errors import Code, Problem

CHUNK = 1 << 20

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """'a folder', 'a named pipe', 'a device', 'a socket' — what a path is when it is not a regular file."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def exists(path: Path) -> bool:
    """True when anything is at `path`: a file, a folder, a pipe, or a link (even a broken one)."""
    return os.path.lexists(path)


def outside(path: Path, root: Path) -> Path | None:
    """The real path of `path` when it lies outside `root` (a link out of the workspace), else None."""
    real = Path(os.path.realpath(path))
    return None if real.is_relative_to(os.path.realpath(root)) else real


def file_problem(path: Path, file: str, root: Path | None, limit: int, what: str = "a file") -> Problem | None:
    """Why `path` may not be read as a file of at most `limit` bytes (inside `root` when given), or None."""
    if not exists(path):
        return Problem(Code.FILE_MISSING, "the file does not exist", file=file, expected=f"{what}")
    if root is not None and (real := outside(path, root)) is not None:
        return Problem(Code.FILE_OUTSIDE_WORKSPACE, "the file is a link to a file outside the workspace", file=file,
                       value=str(real), expected=f"{what} inside the workspace (copy it in instead of linking it)")
    try:
        info = os.stat(path)
    except OSError as error:
        reason = ("a link that leads back to itself" if error.errno == errno.ELOOP else
                  "a link to nothing" if path.is_symlink() else error.strerror)
        return Problem(Code.FILE_MISSING, f"cannot read the file: {reason}", file=file, expected=f"{what}")
    if not stat.S_ISREG(info.st_mode):
        return Problem(Code.FILE_NOT_REGULAR, f"this is {kind_of(info.st_mode)}, not a file", file=file,
                       expected=what)
    if info.st_size > limit:
        return too_large(file, info.st_size, limit, what)
    return None


def too_large(file: str, size: int | None, limit: int, what: str = "a file") -> Problem:
    shown = f"{size / 1e6:.1f} MB" if size is not None else f"more than {limit / 1e6:.0f} MB"
    return Problem(Code.FILE_TOO_LARGE, f"the file is too large to be {what}", file=file, value=shown,
                   expected=f"at most {_megabytes(limit)}")


def _megabytes(limit: int) -> str:
    return f"{limit / 1e6:.0f} MB" if limit >= 1e6 else f"{limit // 1000} KB"


def read_checked(path: Path, file: str, limit: int, root: Path | None = None,
                 what: str = "a file") -> tuple[bytes, list[Problem]]:
    """The bytes of `path`, or the problem that keeps it from being read (see the module's docstring)."""
    problem = file_problem(path, file, root, limit, what)
    if problem is not None:
        return b"", [problem]
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        return b"", [Problem(Code.FILE_MISSING, f"cannot read the file: {error.strerror}", file=file,
                             expected=f"a readable {what.removeprefix('a ')}")]
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):  # swapped between the check and the open
            return b"", [Problem(Code.FILE_NOT_REGULAR, f"this is {kind_of(mode)}, not a file", file=file,
                                 expected=what)]
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(handle, min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return b"", [too_large(file, None, limit, what)]
        return b"".join(chunks), []
    except OSError as error:
        return b"", [Problem(Code.FILE_MISSING, f"cannot read the file: {error.strerror}", file=file,
                             expected=f"a readable {what.removeprefix('a ')}")]
    finally:
        os.close(handle)


def tree_problems(folder: Path, root: Path, shown: str, limit: int = 2_000) -> list[Problem]:
    """Links out of the workspace, pipes and devices anywhere below `folder` (the bulletin template's folder:
    Typst reads its logos and fonts itself, so they are checked before it runs)."""
    problems: list[Problem] = []
    seen = 0
    for current, folders, files in os.walk(folder):
        for name in sorted([*folders, *files]):
            seen += 1
            if seen > limit:
                return problems
            path = Path(current) / name
            file = f"{shown}/{path.relative_to(folder).as_posix()}"
            if (real := outside(path, root)) is not None:
                problems.append(Problem(Code.FILE_OUTSIDE_WORKSPACE, "a link to a file outside the workspace",
                                        file=file, value=str(real), expected="files inside the workspace"))
                continue
            try:
                mode = os.stat(path).st_mode
            except OSError:
                problems.append(Problem(Code.FILE_MISSING, "a link to nothing", file=file, expected="a file"))
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                problems.append(Problem(Code.FILE_NOT_REGULAR, f"this is {kind_of(mode)}, not a file", file=file,
                                        expected="a file or a folder"))
        folders[:] = [f for f in folders if not (Path(current) / f).is_symlink()]
    return problems
