"""Writing the web edition's folder whole, or not at all, without losing a file of anyone else's.

Every file is first written into a scratch folder beside the target; the target is then moved aside and the
scratch folder renamed into its place, so a reader (or a web server) sees the old site or the new one, never
a mix, and a failure at any moment leaves the old site as it was. What else the target holds (a `.git` folder,
a CNAME, a page of the editor's own) is moved into the new site as it is. A file of the target at a path the
new site writes is replaced only when it is the tool's own unchanged earlier output (see `outputs`), or with
`--force`; the tool's earlier pages that the new site no longer has are removed — those its last build listed
in the folder's manifest (`.barometer-site.json`), never another output of the tool's (a bulletin PDF).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from barometer.atomic import atomic_write_bytes, umask
from barometer.errors import Code, Problem
from barometer.io.boundary import exists
from barometer.outputs import OutputExists, is_own_output, refusal, remember
from barometer.workspace import Workspace

MANIFEST = ".barometer-site.json"  # the files the last build wrote: only those may go when a page is dropped


def manifest(names: list[str]) -> bytes:
    return json.dumps(sorted(names), indent=0).encode("utf-8")


def _earlier_pages(folder: Path) -> set[str]:
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return set()
    return {name for name in listed if isinstance(name, str)} if isinstance(listed, list) else set()


def folders_of(names: list[str]) -> set[str]:
    """Every folder the files `names` lie in ("data", "ru", "assets/fonts"), the top one ("") aside."""
    found = set()
    for name in names:
        parts = name.split("/")[:-1]
        found |= {"/".join(parts[:depth]) for depth in range(1, len(parts) + 1)}
    return found


def plan(workspace: Workspace, folder: Path, names: list[str], force: bool) -> list[str]:
    """What of `folder` goes into the new site as it is (paths relative to it); `OutputExists` naming every
    file in the way of the new site that is not the tool's own unchanged output (none with `force`), and when
    `folder` is no folder at all."""
    if not exists(folder):
        return []
    if folder.is_symlink() or not folder.is_dir():
        shown = workspace.display(folder)
        raise OutputExists(f"{shown} is not a folder; nothing was written", [Problem(
            Code.OUTPUT_EXISTS, "something other than a folder is at the web edition's path", file=shown,
            expected="a folder, or a path where none is yet")])
    files, folders = set(names), folders_of(names)
    earlier = _earlier_pages(folder)
    kept: list[str] = []
    in_the_way: list[Path] = []

    def own(path: Path) -> bool:
        return path.is_file() and not path.is_symlink() and is_own_output(workspace, path)

    def visit(path: Path, name: str) -> bool:
        """Sort `path` (at `name` in the site) into what is kept and what is in the way; True when it is, or
        holds, an output of the tool's own."""
        is_folder = path.is_dir() and not path.is_symlink()
        if name in files:  # the new site writes a file here
            mine = not is_folder and own(path)
            if not mine:
                in_the_way.append(path)
            return mine
        if not is_folder:
            if name in earlier and own(path):
                return True  # an earlier page the new site no longer has: removed
            if name in folders:
                in_the_way.append(path)  # a file where the new site needs a folder
            else:
                kept.append(name)
            return False
        if path.name.startswith(".") and name and name != MANIFEST:
            kept.append(name)  # the tool writes no hidden file: .git and the like go over as they are
            return False
        before = len(kept)
        mine = any([visit(entry, f"{name}/{entry.name}" if name else entry.name) for entry in sorted(path.iterdir())])
        if name and name not in folders and not mine:
            del kept[before:]
            kept.append(name)  # a folder of someone else's: carried over whole
        return mine

    visit(folder, "")
    if in_the_way and not force:
        problems = [p for path in in_the_way for p in refusal(workspace, path, "--output").problems]
        raise OutputExists(f"{workspace.display(folder)} holds files the new site would replace; nothing was "
                           "written", problems)
    return kept


def publish(workspace: Workspace, folder: Path, files: dict[str, bytes], force: bool = False) -> None:
    """Write the site `files` (path in the site → bytes) as the folder `folder` (see the module's docstring)."""
    files = {**files, MANIFEST: manifest(list(files))}
    kept = plan(workspace, folder, list(files), force)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _scratch(folder, "new") as scratch:
        for name, data in files.items():
            atomic_write_bytes(scratch / name, data)
        if not exists(folder):
            os.rename(scratch, folder)
        else:
            _swap(folder, scratch, kept)
    remember(workspace, {folder / name: data for name, data in files.items()})


def _swap(folder: Path, scratch: Path, kept: list[str]) -> None:
    """Put `scratch` in the place of `folder`, with the entries `kept` of `folder` moved into it; on any
    failure, `folder` as it was."""
    with _scratch(folder, "old") as old:
        os.rename(folder, old)  # onto the empty folder mkdtemp made
        carried: list[str] = []
        try:
            for name in kept:
                (scratch / name).parent.mkdir(parents=True, exist_ok=True)
                os.rename(old / name, scratch / name)
                carried.append(name)
            os.rename(scratch, folder)
        except BaseException:
            for name in reversed(carried):
                os.rename(scratch / name, old / name)
            os.rename(old, folder)
            raise


@contextmanager
def _scratch(folder: Path, purpose: str) -> Iterator[Path]:
    """An empty folder beside `folder` (so a rename never crosses file systems), removed with whatever is left
    in it once done."""
    path = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=f".{purpose}", dir=folder.parent))
    try:
        os.chmod(path, 0o777 & ~umask())
        yield path
    finally:
        if exists(path):
            shutil.rmtree(path, ignore_errors=True)
