"""Outputs never replace a user's file unasked.

Every file a command writes for people — a workbook from `template` or `export`, the bulletin, a chart, a
table written with `--output` or `--format xlsx` — goes through `write_output`. A file already at the path is
replaced only when it is the tool's own earlier output, byte for byte as the tool wrote it (a record of what
it wrote, `.barometer/outputs.json`, holds a SHA-256 of each file), or when the command was given `--force`.
Anything else — a workbook an author filled in, a PDF edited by hand, a file of the same name that the tool
never wrote — is refused with `output-exists`, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from barometer.atomic import atomic_write_bytes
from barometer.errors import BarometerError, Code, Problem
from barometer.io.boundary import exists, read_checked
from barometer.lock import STATE_DIR, workspace_lock
from barometer.workspace import Workspace

RECORD = Path(STATE_DIR) / "outputs.json"
MAX_RECORD_BYTES = 2_000_000
MAX_HASHED_BYTES = 500_000_000  # a larger file is never recognised as the tool's own
KEPT = 2_000  # outputs remembered; the oldest are forgotten first


class OutputExists(BarometerError):
    """The output path holds a file the tool did not write, or one changed since; nothing was written."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _record(workspace: Workspace) -> dict[str, str]:
    path = workspace.root / RECORD
    if not exists(path):
        return {}
    data, problems = read_checked(path, workspace.display(path), MAX_RECORD_BYTES, workspace.root)
    try:
        record = json.loads(data) if not problems else {}
    except (ValueError, RecursionError):
        return {}
    return {str(k): str(v) for k, v in record.items()} if isinstance(record, dict) else {}


def _current_digest(path: Path) -> str | None:
    data, problems = read_checked(path, str(path), MAX_HASHED_BYTES)
    return None if problems else digest(data)


def is_own_output(workspace: Workspace, path: Path) -> bool:
    """True when `path` holds exactly what the tool last wrote there."""
    known = _record(workspace).get(_key(path))
    return known is not None and known == _current_digest(path)


def refusal(workspace: Workspace, path: Path, option: str) -> OutputExists:
    shown = workspace.display(path)
    return OutputExists(f"{shown} exists; nothing was written", [Problem(
        Code.OUTPUT_EXISTS, "the file exists and is not the tool's own earlier output as it wrote it (it may hold "
        "someone's work)", file=shown,
        expected=f"another {option}, or --force to replace it (the file is then lost)")])


def claim(workspace: Workspace, paths: Iterable[Path], force: bool, option: str = "--output") -> None:
    """Refuse (`OutputExists`) when any of `paths` holds a file that `write_output` may not replace; a folder,
    a pipe or a device in the way is refused even with --force."""
    for path in paths:
        if not exists(path):
            continue
        if path.is_dir() or not (path.is_file() or path.is_symlink()):
            shown = workspace.display(path)
            raise OutputExists(f"{shown} is not a file; nothing was written", [Problem(
                Code.OUTPUT_EXISTS, "something other than a file is at the output's path", file=shown,
                expected=f"another {option}")])
        if not force and not is_own_output(workspace, path):
            raise refusal(workspace, path, option)


def remember(workspace: Workspace, written: dict[Path, bytes]) -> None:
    """Note what the tool wrote where, so that the next run may replace it; never fails a command."""
    with workspace_lock(workspace.root):
        record = _record(workspace)
        for path, data in written.items():
            record.pop(_key(path), None)
            record[_key(path)] = digest(data)
        kept = dict(list(record.items())[-KEPT:])
        with suppress(OSError):  # without the record the next run asks for --force: safe, only less convenient
            atomic_write_bytes(workspace.root / RECORD, json.dumps(kept, indent=0).encode("utf-8"))


def write_output(workspace: Workspace, path: Path, data: bytes, force: bool = False,
                 option: str = "--output") -> None:
    """Write an output atomically, unless it would replace a file the tool may not replace (see `claim`)."""
    write_outputs(workspace, {path: data}, force, option)


def write_outputs(workspace: Workspace, files: dict[Path, bytes], force: bool = False,
                  option: str = "--output") -> None:
    """Several outputs (an issue's charts): every one is claimed before any is written."""
    claim(workspace, files, force, option)
    for path, data in files.items():
        atomic_write_bytes(path, data)
    remember(workspace, files)


def write_rendered(workspace: Workspace, folder: Path, render: Callable[[Path], dict[str, Path]], force: bool,
                   option: str = "--out") -> dict[str, Path]:
    """Files a renderer writes into a folder (the charts: matplotlib writes them itself), drawn in a scratch
    folder first, then claimed and written into `folder` as outputs; returns them by name at their place."""
    scratch = Path(tempfile.mkdtemp(prefix="barometer-outputs-"))
    try:
        drawn = render(scratch)
        files = {}
        for path in drawn.values():
            data, problems = read_checked(path, str(path), MAX_HASHED_BYTES)
            if problems:
                raise BarometerError(f"cannot read the drawn file {path.name}", problems)
            files[folder / path.name] = data
        write_outputs(workspace, files, force, option)
        return {name: folder / path.name for name, path in drawn.items()}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
