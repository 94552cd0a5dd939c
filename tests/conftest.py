"""Shared fixtures: a private copy of the example workspace for every test that may write."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
WORKSPACE_PARTS = ("barometer.toml", "events", "scales", "reports")


def copy_workspace(target: Path) -> Path:
    """Copy the example workspace (config, events, scales, templates) into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in WORKSPACE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("*.pdf"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    return target


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file below root: proves a failed command changed nothing."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def walk_pdf(start: Iterable[object], children: Callable[[dict], Iterable[object]]) -> list[dict]:
    """Every PDF dictionary reachable from `start` through `children` (each indirect object once)."""
    from pypdf.generic import DictionaryObject, IndirectObject

    found: list[dict] = []
    seen: set[int] = set()
    stack = list(start)
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            found.append(item)
            stack.extend(children(item))
        elif isinstance(item, list):
            stack.extend(item)
    return found


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A writable copy of the example workspace."""
    return copy_workspace(tmp_path / "ws")
