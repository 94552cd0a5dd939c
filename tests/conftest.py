"""Shared fixtures: a private copy of the example workspace for every test that may write."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
WORKSPACE_PARTS = ("barometer.toml", "events", "scales", "reports")


def copy_workspace(target: Path, published: bool = False) -> Path:
    """Copy the example workspace (config, events, scales, templates) into `target`. No. 18 ships published
    (its catalogues frozen, every change to be recorded with a reason); a test that is not about the revision
    ledger gets it unpublished, as an issue being entered, unless `published`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in WORKSPACE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("*.pdf", ".backup"))
        elif source.is_file():
            shutil.copy2(source, target / part)
    if not published:
        for issue in (target / "events").iterdir():
            unpublish(issue)
    return target


def unpublish(issue: Path) -> None:
    """An issue folder as before `barometer publish`: no publication date, no frozen copy, no revision log."""
    toml = issue / "issue.toml"
    if toml.is_file():
        text = toml.read_text(encoding="utf-8")
        toml.write_text("".join(line for line in text.splitlines(keepends=True)
                                if not line.startswith("published_on")), encoding="utf-8")
    shutil.rmtree(issue / "published", ignore_errors=True)
    (issue / "revisions.csv").unlink(missing_ok=True)


LOCK = ".barometer/lock"  # the workspace's lock: an empty file that stays once a writer has run (no data)


def tree_hashes(root: Path) -> dict[str, str]:
    """sha256 of every file below root (the empty lock file aside): proves a failed command changed nothing."""
    return {
        name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and (name := path.relative_to(root).as_posix()) != LOCK
    }


def generator() -> ModuleType:
    """bench/generate_workspace.py as a module: synthetic workspaces of any size."""
    spec = importlib.util.spec_from_file_location("generate_workspace", REPO / "bench" / "generate_workspace.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["generate_workspace"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


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


def large_catalogue(root: Path, events: int = 20_000, writers: int = 4, per_writer: int = 50) -> Path:
    """No. 18's Russia catalogue with `events` events, and beside the workspace `writers` files writerN.csv of
    `per_writer` new events each (for concurrent imports, in the tests and `bench/concurrent_imports.py`)."""
    rows = [f"2020-11-{1 + i % 30:02d},Event number {i} of a large catalogue,+1" for i in range(events)]
    catalogue = root / "events" / "018" / "russia.csv"
    catalogue.write_text("date,event,score\n" + "\n".join(rows) + "\n", encoding="utf-8")
    for writer in range(writers):
        (root.parent / f"writer{writer}.csv").write_text("date,event,score\n" + "".join(
            f"2020-12-{1 + i % 28:02d},Writer {writer} event {i},-1\n" for i in range(per_writer)), encoding="utf-8")
    return catalogue


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A writable copy of the example workspace."""
    return copy_workspace(tmp_path / "ws")


@pytest.fixture(scope="module")
def ws():
    """The example workspace, read only."""
    from barometer.workspace import Workspace

    return Workspace.open(REPO)


@pytest.fixture(scope="module")
def shipped(ws):
    """No. 18's catalogue as shipped."""
    from barometer.load import load_catalogue

    return load_catalogue(ws, 18)


def validated(bulletin, ws, issue) -> tuple[dict[str, list], list]:
    """A pasted bulletin's events per track and every problem: the reader's and validation's."""
    from barometer.catalogue import validate_table
    from barometer.models import EventContext

    context = EventContext(ws.config.scores, issue.period)
    events, problems = {}, list(bulletin.problems)
    for track_id, table in bulletin.tables.items():
        events[track_id], found = validate_table(table, ws.require_track(track_id), context)
        problems.extend(found)
    return events, problems
