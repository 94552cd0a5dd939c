"""Across issues: compare (nulls for unknown, never 0), history flags, cadence and overlap checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer import checks
from barometer.cli import app
from barometer.compare import compare_summaries
from barometer.history import build_history as history_of
from barometer.load import Loader, load_history
from barometer.workspace import Workspace

from conftest import REPO

CONFIG = """title = "Test Barometer"
country = "Belarus"
scale = "scales/regional-tension.toml"
[[tracks]]
id = "russia"
label = "Russia"
[[tracks]]
id = "eu"
label = "EU"
[[tracks]]
id = "security"
label = "Security"
kind = "security"
"""


def compare_issues(workspace: Workspace, before: int, after: int):
    loader = Loader(workspace)
    return compare_summaries(loader.summary(before), loader.summary(after))


def build_history(workspace: Workspace, first: int | None = None):
    return history_of(load_history(workspace), workspace.config.cadence.first_issue, first)


def write_issue(root: Path, number: int, period: tuple[str, str], files: dict[str, str]) -> Path:
    folder = root / "events" / f"{number:03d}"
    folder.mkdir(parents=True)
    toml = f'number = {number}\n[period]\nstart = "{period[0]}"\nend = "{period[1]}"\n' + files.pop("issue.toml", "")
    (folder / "issue.toml").write_text(toml, encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def three_issues(tmp_path: Path) -> Path:
    """No. 1 with catalogues, No. 2 known only by some printed figures, No. 3 with catalogues."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "barometer.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(REPO / "scales", root / "scales")
    write_issue(root, 1, ("2018-01", "2018-02"), {
        "russia.csv": "date,event,score\n2018-01-05,Talks,+3\n2018-02-10,Dispute,-1\n",
        "eu.csv": "date,event,score\n2018-01-20,Visit,+1\n",
        "security.csv": "date,event,national_security,regional_tension\n2018-01-07,Exercise,-1,-3\n",
    })
    write_issue(root, 2, ("2018-03", "2018-04"), {"issue.toml": (
        '[published]\nsource = "the publisher\'s summary of No. 2"\n'
        "[published.russia]\naggregate = 4\n"
        '[published.security]\nlevel = "Yellow"\n')})
    write_issue(root, 3, ("2018-05", "2018-06"), {
        "russia.csv": "date,event,score\n2018-05-05,Treaty,+5\nEarly June,Summit,+2\n",
        "eu.csv": "date,event,score\n2018-05-20,Sanctions,-2\n",
        "security.csv": ("date,event,national_security,regional_tension\nMay-June,Manoeuvres,0,-5\n"
                         "2018-05-12,Drills,0,-5\nLate June,Border incident,0,-4\n"),
    })
    return root


def test_compare_gives_null_for_a_figure_unknown_in_either_issue_never_zero(three_issues: Path) -> None:
    workspace = Workspace.open(three_issues)
    result = compare_issues(workspace, 2, 3).to_dict()
    assert result["from"] == 2 and result["to"] == 3
    assert result["tracks"]["russia"] == {**result["tracks"]["russia"], "from": 4, "to": 7, "change": 3}
    assert result["tracks"]["eu"]["from"] is None and result["tracks"]["eu"]["to"] == -2
    assert result["tracks"]["eu"]["change"] is None
    tension = result["security"]["regional_tension"]
    assert (tension["from"], tension["to"], tension["change"]) == (None, -14, None)
    assert (tension["from_level"], tension["to_level"]) == ("Yellow", "Orange")
    national = result["security"]["national_security"]
    assert (national["from"], national["change"]) == (None, None)


def test_compare_of_two_catalogued_issues_through_the_cli_equals_the_library(three_issues: Path) -> None:
    run = CliRunner().invoke(app, ["--workspace", str(three_issues), "compare", "1", "3", "--format", "json"])
    assert run.exit_code == 0, run.output
    shown = json.loads(run.output)
    assert shown == compare_issues(Workspace.open(three_issues), 1, 3).to_dict()
    assert shown["tracks"]["russia"] == {**shown["tracks"]["russia"], "from": 2, "to": 7, "change": 5}
    assert shown["security"]["national_security"]["change"] == 1
    assert shown["security"]["regional_tension"]["from_level"] == "Green"


def flags_of(root: Path, number: int) -> set[tuple[str, str, object]]:
    entry = next(e for e in build_history(Workspace.open(root)) if e.number == number)
    return {(f.kind, f.track, f.value) for f in entry.flags}


def test_history_flags_records_level_changes_and_first_times(three_issues: Path) -> None:
    assert flags_of(three_issues, 1) == set()
    second = flags_of(three_issues, 2)
    assert not any(kind.startswith("record") for kind, _, _ in second)  # one earlier figure makes no record
    assert ("level_change", "regional_tension", "Yellow") in second
    assert ("first_in_level", "regional_tension", "Yellow") in second
    third = flags_of(three_issues, 3)
    assert ("record_high", "russia", 7) in third  # above No. 1's +2 and No. 2's printed +4
    assert not any(track == "eu" for _, track, _ in third)  # only No. 1 knows the EU's figure
    assert ("level_change", "regional_tension", "Orange") in third
    assert ("first_in_level", "regional_tension", "Orange") in third
    assert not any(kind == "record_high" and track == "eu" for kind, track, _ in third)


def test_history_json_marks_where_each_figure_came_from(three_issues: Path) -> None:
    run = CliRunner().invoke(app, ["--workspace", str(three_issues), "history", "--format", "json"])
    assert run.exit_code == 0, run.output
    entries = json.loads(run.output)
    assert [e["issue"] for e in entries] == [1, 2, 3]
    assert [e["source"] for e in entries] == ["catalogue", "printed", "catalogue"]
    printed_only = entries[1]
    assert printed_only["tracks"]["russia"]["aggregate"] == 4
    assert printed_only["tracks"]["eu"]["aggregate"] is None
    assert printed_only["security"]["regional_tension"] is None
    assert entries[2]["tracks"]["russia"]["positive"] == 7


def test_history_from_to_keeps_records_against_earlier_issues(three_issues: Path) -> None:
    entries = build_history(Workspace.open(three_issues), first=3)
    assert [e.number for e in entries] == [3]
    assert any(f.kind == "record_high" and f.previous_issue == 2 for f in entries[0].flags)


def test_cadence_and_overlap_are_checked_across_issues(three_issues: Path) -> None:
    write_issue(three_issues, 4, ("2018-09", "2018-10"), {})  # the cadence gives No. 4 July-August
    write_issue(three_issues, 5, ("2018-06", "2018-07"), {})  # June is No. 3's
    result = checks.check_workspace(Workspace.open(three_issues))
    found = {(p.code, p.file, p.severity) for p in result.all_problems}
    assert ("cadence-period", "events/004/issue.toml", "warning") in found
    assert ("issues-overlap", "events/005/issue.toml", "error") in found
    overlap = next(p for p in result.all_problems if p.code == "issues-overlap")
    assert "No. 3" in overlap.message and "No. 5" in overlap.message and overlap.line == 2
    cadence = next(p for p in result.all_problems if p.code == "cadence-period" and "004" in p.file)
    assert cadence.value == "2018-09..2018-10" and "2018-07..2018-08" in cadence.expected


def test_the_shipped_history_lists_every_issue_with_its_source() -> None:
    entries = build_history(Workspace.open(REPO))
    assert [e.number for e in entries] == [3, 5, 6, 8, 14, 16, 18]
    assert all(e.summary.issue.published and e.summary.issue.published.source for e in entries)
    assert [e.source for e in entries] == ["printed"] * 6 + ["catalogue"]
    by_number = {e.number: e for e in entries}
    assert by_number[3].summary.tracks["us"].aggregate is None
    assert ("first_in_level", "Orange") in {(f.kind, f.value) for f in by_number[16].flags}
    assert checks.check_workspace(Workspace.open(REPO)).errors == []


def test_a_level_stated_in_lower_case_is_the_same_level(workspace: Path) -> None:
    toml = workspace / "events" / "005" / "issue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('previous_level = "Green"', 'previous_level = "green"'),
                    encoding="utf-8")
    fifth = next(e for e in build_history(Workspace.open(workspace)) if e.number == 5)
    change = next(f for f in fifth.flags if f.kind == "level_change")
    assert (change.previous, change.value, change.printed) == ("Green", "Yellow", True)
