"""Crash safety: a failure at the most dangerous moment — after the first file is in place — leaves the
workspace exactly as it was, for an import (several catalogues and issue.toml) and for a report."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer import atomic
from barometer.cli import app
from barometer.entry.importing import import_file
from barometer.entry.store import WriteFailed
from barometer.workspace import Workspace

from conftest import DATA, REPO, large_catalogue, tree_hashes

WHOLE_BULLETIN = DATA / "pasted" / "minsk-barometer-18-bulletin.txt"


class Interrupted(KeyboardInterrupt):
    """Ctrl-C at the worst moment."""


def fail_after_first_file(monkeypatch: pytest.MonkeyPatch, failure: BaseException) -> list[Path]:
    """Let the first temporary file be renamed into place, then fail; returns the files renamed."""
    real_replace = os.replace
    renamed: list[Path] = []

    def replace(source: object, target: object) -> None:
        if str(source).endswith(".tmp"):
            if renamed:
                raise failure
            renamed.append(Path(str(target)))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    return renamed


def emptied_issue(root: Path) -> Path:
    """No. 18 with empty catalogues and no printed figures: an import will rewrite every file."""
    folder = root / "events" / "018"
    for csv in folder.glob("*.csv"):
        csv.write_text(csv.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (folder / "issue.toml").write_text('number = 18\n[period]\nstart = "2020-11"\nend = "2020-12"\n',
                                       encoding="utf-8")
    return root


@pytest.mark.parametrize(("failure", "raised"), [(Interrupted(), Interrupted),
                                                 (OSError(28, "No space left on device"), WriteFailed)],
                         ids=["ctrl-c", "disk-full"])
def test_an_import_stopped_after_its_first_file_leaves_the_workspace_as_it_was(
        workspace: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException, raised: type) -> None:
    root = emptied_issue(workspace)
    before = tree_hashes(root)
    renamed = fail_after_first_file(monkeypatch, failure)
    with pytest.raises(raised):
        import_file(Workspace.open(root), WHOLE_BULLETIN, 18)
    assert len(renamed) == 1  # the failure came after one file was in place
    assert tree_hashes(root) == before
    assert not [p for p in root.rglob("*") if p.name.endswith((".tmp", ".old"))]


def test_the_cli_says_nothing_was_written_when_the_disk_fills(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = emptied_issue(workspace)
    before = tree_hashes(root)
    fail_after_first_file(monkeypatch, OSError(28, "No space left on device"))
    result = CliRunner().invoke(app, ["--workspace", str(root), "import", str(WHOLE_BULLETIN), "--issue", "18"])
    assert result.exit_code == 1 and "every file is as it was" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert tree_hashes(root) == before


def test_the_same_import_without_a_failure_writes_every_file(workspace: Path) -> None:
    root = emptied_issue(workspace)
    before = tree_hashes(root)
    import_file(Workspace.open(root), WHOLE_BULLETIN, 18)
    changed = {name for name, digest in tree_hashes(root).items() if before.get(name) != digest}
    assert {f"events/018/{track}.csv" for track in ("russia", "eu", "china", "us", "ukraine", "security")} <= changed
    assert "events/018/issue.toml" in changed


def test_a_report_stopped_as_its_pdf_is_put_in_place_leaves_the_workspace_as_it_was(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from barometer.report.build import build_report

    (workspace / "reports" / "018.pdf").write_bytes(b"%PDF-1.7 the previous bulletin")
    before = tree_hashes(workspace)
    real_replace = os.replace

    def replace(source: object, target: object) -> None:
        if str(target).endswith("018.pdf"):
            raise Interrupted()
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(Interrupted):
        build_report(Workspace.open(workspace), 18, force=True)
    assert tree_hashes(workspace) == before
    assert not [p for p in workspace.rglob("*")
                if p.parent.name == ".barometer" and p.name.startswith("report-") or p.suffix == ".tmp"]


# --- concurrent writers and kill -9 ----------------------------------------------------------------------------

WRITERS = 4
PER_WRITER = 50


def big_catalogue(root: Path, events: int = 20_000) -> Path:
    return large_catalogue(root, events, WRITERS, PER_WRITER)


def start_import(root: Path, writer: int, wait: str | None = None) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if wait is not None:
        env["BAROMETER_LOCK_WAIT"] = wait
    return subprocess.Popen([sys.executable, "-m", "barometer", "import", str(root.parent / f"writer{writer}.csv"),
                             "--issue", "18", "--track", "russia"], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("wait", [None, "0"], ids=["writers-wait", "writers-refused"])
def test_four_concurrent_imports_into_one_large_catalogue_lose_nothing(workspace: Path, wait: str | None) -> None:
    catalogue = big_catalogue(workspace)
    processes = [start_import(workspace, writer, wait) for writer in range(WRITERS)]
    results = [(process.wait(timeout=300), *process.communicate()) for process in processes]
    text = catalogue.read_text(encoding="utf-8")
    for writer, (code, stdout, stderr) in enumerate(results):
        present = sum(f"Writer {writer} event {i}," in text for i in range(PER_WRITER))
        assert "Traceback" not in stderr
        if code == 0:
            assert f"{PER_WRITER} added" in stdout and present == PER_WRITER
        else:  # refused: exit 1, naming the command that holds the lock, nothing of its own written
            assert code == 1 and wait == "0", stderr
            assert "the workspace is busy: `barometer import" in stderr and "nothing was written" in stderr
            assert present == 0
    written = sum(code == 0 for code, _, _ in results)
    assert written >= 1 and (wait is not None or written == WRITERS)
    assert text.count("\n") == 1 + 20_000 + written * PER_WRITER


def test_an_import_killed_at_any_moment_leaves_the_catalogue_whole_and_the_lock_free(workspace: Path) -> None:
    catalogue = big_catalogue(workspace)
    for attempt, delay in enumerate((0.05, 0.2, 0.35, 0.5, 0.7, 0.9)):
        before = catalogue.read_bytes()
        process = start_import(workspace, attempt % WRITERS)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after = catalogue.read_bytes()
        assert after == before or after.startswith(before)  # the old file, or the old one with the events added
        assert after.count(b"\n") in (before.count(b"\n"), before.count(b"\n") + PER_WRITER)
    check = subprocess.run([sys.executable, "-m", "barometer", "check", "18"], cwd=workspace, capture_output=True,
                           text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert check.returncode == 0 and "0 error(s)" in check.stdout, check.stdout
    follow = start_import(workspace, 0, wait="5")  # nobody holds the lock after a kill -9
    assert follow.wait(timeout=120) == 0, follow.communicate()
