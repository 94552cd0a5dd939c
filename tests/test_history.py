"""Across issues: compare (nulls for unknown, never 0), history flags, cadence and overlap checks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import openpyxl
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


# --- tables to chart: wide first, long for programs, events beside every figure --------------------------------


def invoke(root: Path, *args: str):
    return CliRunner().invoke(app, ["--workspace", str(root), *args])


def test_the_history_workbook_leads_with_the_wide_table_an_analyst_charts(three_issues: Path, tmp_path: Path) -> None:
    assert invoke(three_issues, "history", "-o", str(tmp_path / "history.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "history.xlsx")
    assert book.sheetnames == ["Indices", "Long table", "Flags", "Sources"]
    sheet = book["Indices"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Issue", "Period", "Russia", "Russia events", "EU", "EU events", "National security",
                       "Regional tension", "Security events", "Tension level", "From")
    assert rows[1][:10] == ("No. 1", "January-February 2018", 2, 2, 1, 1, -1, -3, 1, "Green")
    assert rows[2][:10] == ("No. 2", "March-April 2018", 4, None, None, None, None, None, None, "Yellow")
    assert rows[3][:10] == ("No. 3", "May-June 2018", 7, 2, -2, 1, 0, -14, 3, "Orange")
    assert sheet["C3"].font.i and not sheet["C2"].font.i  # No. 2's Russia figure as printed
    assert sheet["C2"].number_format == "+0;-0;0" and sheet["D2"].number_format == "0"  # +2, and 2 events
    assert sheet.freeze_panes == "A2"
    assert "Empty: unknown, never 0" in str(sheet.cell(rows.index(rows[-1]) + 1, 1).value)
    long = list(book["Long table"].iter_rows(values_only=True))
    assert long[0][:4] == ("issue", "period", "track", "aggregate") and len(long) == 1 + 3 * 3


def test_the_compare_workbook_leads_with_the_issues_side_by_side(three_issues: Path, tmp_path: Path) -> None:
    assert invoke(three_issues, "compare", "1", "3", "-o", str(tmp_path / "compare.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "compare.xlsx")
    assert book.sheetnames == ["Compare", "Long table"]
    rows = list(book["Compare"].iter_rows(values_only=True))
    assert rows[0][0] == "Test Barometer No. 1 (January-February 2018) → Test Barometer No. 3 (May-June 2018)"
    assert rows[2][:6] == ("Relationship", "No. 1", "No. 3", "Change", "No. 1 events", "No. 3 events")
    assert rows[3][:6] == ("Russia", 2, 7, 5, 2, 2) and rows[4][:6] == ("EU", 1, -2, -3, 1, 1)
    assert rows[6][:6] == ("Regional tension", -3, -14, -11, 1, 3)
    level = rows.index(("Tension level", "No. 1", "No. 3", "Changed", *[None] * 8))
    assert rows[level + 1][:4] == ("Regional tension", "Green", "Orange", "yes")
    assert all(isinstance(value, int) for row in rows[3:7] for value in row[1:6] if value is not None)


def test_compare_csv_and_json_give_the_events_and_no_words_among_numbers(three_issues: Path) -> None:
    csv_text = invoke(three_issues, "compare", "2", "3", "--format", "csv").stdout.splitlines()
    assert csv_text[0] == "track,figure,from,to,change,from_events,to_events,from_source,to_source"
    assert "russia,aggregate,4,7,3,,2,printed,catalogue" in csv_text
    assert "security,level,Yellow,Orange,,,3,printed,catalogue" in csv_text
    data = json.loads(invoke(three_issues, "compare", "2", "3", "--format", "json").stdout)
    assert data["tracks"]["russia"]["events"] == {"from": None, "to": 2}
    assert data["titles"] == {"from": "", "to": ""} and data["security"]["events"] == {"from": None, "to": 3}


def test_the_terminal_gives_the_events_beside_the_figures(three_issues: Path) -> None:
    compared = invoke(three_issues, "compare", "1", "3").stdout
    assert re.search(r"Russia\s+\+2\s+\+7\s+\+5\s+2 → 2", compared)
    history = invoke(three_issues, "history").stdout
    assert re.search(r"^\s+events\s+2\s+1\s+3\s*$", history, re.MULTILINE)


def test_no_record_or_first_is_claimed_for_an_issue_being_entered(three_issues: Path) -> None:
    write_issue(three_issues, 4, ("2018-07", "2018-08"), {
        "russia.csv": "date,event,score\n2018-07-05,Dispute,-4\n", "eu.csv": "date,event,score\n",
        "security.csv": "date,event,national_security,regional_tension\n2018-07-07,War games,-5,-5\n"})
    entry = next(e for e in build_history(Workspace.open(three_issues)) if e.number == 4)
    assert entry.flags == [] and entry.unentered == ["eu"]  # -4 would be a record low, Green a level change
    shown = invoke(three_issues, "history").stdout
    assert "being entered (EU not yet): no record, level change or first is claimed" in " ".join(shown.split())
    assert "record low" not in shown.split("No. 4 —")[1]
    (three_issues / "events/004/eu.csv").write_text("date,event,score\n2018-08-01,Talks,+1\n", encoding="utf-8")
    entered = next(e for e in build_history(Workspace.open(three_issues)) if e.number == 4)
    assert ("record_low", "russia", -4) in {(f.kind, f.track, f.value) for f in entered.flags}
