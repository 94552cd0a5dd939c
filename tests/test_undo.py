"""Undo: every change is backed up with its command, `restore` lists and puts back backups atomically (backing
up what it replaces), and `remove` takes one event out, validated, every other byte kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from barometer.cli import app

from conftest import DATA, REPO, tree_hashes

runner = CliRunner()
NEW_EVENTS = "date,event,score\n2020-11-05,A new event for the undo test,+2\n2020-12-05,Another new one,-1\n"


def invoke(root: Path, *args: str):  # noqa: ANN201 — click's Result
    return runner.invoke(app, ["--workspace", str(root), *args])


def backups(root: Path, number: str = "018") -> list[Path]:
    folder = root / "events" / number / ".backup"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_an_import_is_listed_with_its_command_and_restored_byte_for_byte(workspace: Path, tmp_path: Path) -> None:
    china = workspace / "events/018/china.csv"
    original = china.read_bytes()
    source = tmp_path / "china.csv"
    source.write_text(NEW_EVENTS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    imported = subprocess.run([sys.executable, "-m", "barometer", "import", str(source), "--issue", "18"],
                              cwd=workspace, capture_output=True, text=True, env=env)
    assert imported.returncode == 0, imported.stderr
    after_import = china.read_bytes()
    listed = invoke(workspace, "restore", "18", "--list", "--json")
    assert listed.exit_code == 0, listed.output
    [entry] = json.loads(listed.stdout)
    assert entry["command"].startswith("barometer import") and "--issue 18" in entry["command"]
    assert entry["files"] == [{"file": "china.csv", "events": 15, "events_now": 17, "created": False}]
    restored = invoke(workspace, "restore", "18", "latest")
    assert restored.exit_code == 0, restored.output
    assert china.read_bytes() == original
    assert len(backups(workspace)) == 2  # the restore backed up what it replaced
    newest = backups(workspace)[-1].name
    assert invoke(workspace, "restore", "18", newest[:18]).exit_code == 0  # a unique beginning is enough
    assert china.read_bytes() == after_import


def test_a_restore_removes_the_files_the_change_created(workspace: Path, tmp_path: Path) -> None:
    assert invoke(workspace, "new", "19").exit_code == 0
    (workspace / "events/019/china.csv").unlink()
    source = tmp_path / "china.csv"
    source.write_text("date,event,score\n2021-01-05,Created by an import,+1\n", encoding="utf-8")
    assert invoke(workspace, "import", str(source), "--issue", "19").exit_code == 0
    assert (workspace / "events/019/china.csv").exists()
    listed = invoke(workspace, "restore", "19")
    assert "created by that change" in listed.output
    restored = invoke(workspace, "restore", "19", "latest")
    assert restored.exit_code == 0, restored.output
    assert "Removed events/019/china.csv" in restored.output
    assert not (workspace / "events/019/china.csv").exists()
    assert invoke(workspace, "restore", "19", "latest").exit_code == 0  # and back again
    assert (workspace / "events/019/china.csv").exists()


def test_a_backup_holding_a_stranger_or_a_name_matching_none_is_refused(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "china.csv"
    source.write_text(NEW_EVENTS, encoding="utf-8")
    assert invoke(workspace, "import", str(source), "--issue", "18").exit_code == 0
    (backups(workspace)[0] / "notes.txt").write_text("not a file of the issue", encoding="utf-8")
    before = tree_hashes(workspace)
    stranger = invoke(workspace, "restore", "18", "latest")
    assert stranger.exit_code == 1 and "backup-invalid" in stranger.output and "notes.txt" in stranger.output
    unknown = invoke(workspace, "restore", "18", "1999")
    assert unknown.exit_code == 2 and "no backup '1999'" in unknown.output
    assert tree_hashes(workspace) == before
    assert invoke(workspace, "restore", "16", "--list").output.startswith("No. 16 has no backups")


def test_remove_takes_one_event_named_as_add_took_it_and_keeps_every_other_byte(workspace: Path) -> None:
    russia = workspace / "events/018/russia.csv"
    russia.write_bytes(b"\xef\xbb\xbf" + russia.read_bytes().replace(b"\n", b"\r\n"))  # saved on Windows
    original = russia.read_bytes()
    lines = original.split(b"\r\n")
    result = invoke(workspace, "remove", "18", "Russia", "REDUCTION IN ROAMING FEES", "--date", "1 November")
    assert result.exit_code == 0, result.output
    assert "line 2: 2020-11-01 +1 Reduction in roaming fees" in result.output
    assert russia.read_bytes() == b"\r\n".join([lines[0], *lines[2:]])
    [backup] = backups(workspace)
    assert (backup / "russia.csv").read_bytes() == original
    assert invoke(workspace, "check", "18").exit_code == 0


def test_remove_by_line_clears_a_duplicate_row_check_reports(workspace: Path) -> None:
    china = workspace / "events/018/china.csv"
    china.write_bytes((DATA / "bad" / "duplicate-row.csv").read_bytes())
    assert invoke(workspace, "check", "18").exit_code == 1
    result = invoke(workspace, "remove", "18", "china", "--line", "3")
    assert result.exit_code == 0, result.output
    assert invoke(workspace, "check", "18").exit_code == 0


def test_remove_refuses_an_event_that_is_not_there_listing_that_dates_events(workspace: Path) -> None:
    before = tree_hashes(workspace)
    missing = invoke(workspace, "remove", "18", "russia", "Nothing like this", "--date", "3 November")
    assert missing.exit_code == 1 and "event-not-found" in missing.output
    assert "events/018/russia.csv" in missing.output and "line 3: 2020-11-03" in missing.output
    no_line = invoke(workspace, "remove", "18", "russia", "--line", "400")
    assert no_line.exit_code == 1 and "events/018/russia.csv:400" in no_line.output
    bad_date = invoke(workspace, "remove", "18", "russia", "x", "--date", "31 November")
    assert bad_date.exit_code == 1 and "date-invalid" in bad_date.output and "(--date)" in bad_date.output
    disagree = invoke(workspace, "remove", "18", "russia", "Reduction in roaming fees", "--date", "1 November",
                      "--line", "5")
    assert disagree.exit_code == 2 and "line 2" in disagree.output
    unnamed = invoke(workspace, "remove", "18", "russia")
    assert unnamed.exit_code == 2
    assert tree_hashes(workspace) == before


def test_a_backup_note_that_is_no_note_lists_without_its_command(workspace: Path) -> None:
    backup = workspace / "events/018/.backup/20260101T000000000000Z"
    backup.mkdir(parents=True)
    (backup / "backup.json").write_bytes(b"[" * 100_000)  # nested too deep for any JSON reader
    (backup / "china.csv").write_bytes((workspace / "events/018/china.csv").read_bytes())
    listed = invoke(workspace, "restore", "18", "--list")
    assert listed.exit_code == 0 and "(command not recorded)" in listed.output


def test_a_backup_never_puts_another_issues_settings_in_place(workspace: Path) -> None:
    backup = workspace / "events/018/.backup/20260101T000000000000Z"
    backup.mkdir(parents=True)
    (backup / "issue.toml").write_text('number = 16\n[period]\nstart = "2020-07"\nend = "2020-08"\n',
                                       encoding="utf-8")
    before = tree_hashes(workspace)
    refused = invoke(workspace, "restore", "18", "latest")
    assert refused.exit_code == 1 and "backup-invalid" in refused.output and "No. 16's" in refused.output
    assert tree_hashes(workspace) == before
