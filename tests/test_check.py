"""`check`: every problem of a broken catalogue, with file, line, column and code; nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from barometer.checks import check_workspace
from barometer.load import check_issue
from barometer.workspace import Workspace

from conftest import DATA, tree_hashes

BAD = DATA / "bad"


def flatten(problems) -> list[tuple]:
    return [(p.file, p.line, p.column, p.code) for p in problems]


def broken(workspace: Path, fixture: str, target: str = "russia.csv") -> list[tuple]:
    shutil.copy(BAD / fixture, workspace / "events" / "018" / target)
    result = check_issue(Workspace.open(workspace), 18)
    assert result.catalogue is None
    return flatten(result.errors)


RUSSIA = "events/018/russia.csv"


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("score-out-of-bounds.csv", [(RUSSIA, 3, 3, "score-out-of-bounds")]),
        ("day-not-in-month.csv", [(RUSSIA, 2, 1, "date-invalid")]),
        ("date-after-period.csv", [(RUSSIA, 3, 1, "date-outside-period")]),
        ("empty-description.csv", [(RUSSIA, 2, 2, "text-empty")]),
        ("missing-column.csv", [(RUSSIA, 1, 3, "column-missing")]),
        ("score-not-integer.csv", [(RUSSIA, 2, 3, "score-not-integer"), (RUSSIA, 3, 3, "score-not-integer"),
                                   (RUSSIA, 4, 3, "score-not-integer")]),
        ("score-zero.csv", [(RUSSIA, 2, 3, "score-zero")]),
        ("duplicate-row.csv", [(RUSSIA, 3, 2, "event-duplicate")]),
        ("extra-cell.csv", [(RUSSIA, 2, 4, "cell-extra")]),
        ("cp1251.csv", [(RUSSIA, 2, 12, "file-not-utf8")]),
        ("nul-in-text.csv", [(RUSSIA, 2, 2, "text-control-character")]),
    ],
)
def test_each_failure_mode_is_located(workspace: Path, fixture: str, expected: list[tuple]) -> None:
    assert broken(workspace, fixture) == expected


def test_an_unbalanced_quote_is_located_at_the_row_it_opens(workspace: Path) -> None:
    assert broken(workspace, "unbalanced-quote.csv") == [(RUSSIA, 2, 2, "csv-unbalanced-quote")]


def test_security_scores_are_checked_in_both_columns(workspace: Path) -> None:
    assert broken(workspace, "security-score-out-of-bounds.csv", "security.csv") == [
        ("events/018/security.csv", 2, 4, "score-out-of-bounds"),
        ("events/018/security.csv", 3, 4, "score-empty"),
    ]


def test_messages_say_what_was_found_and_what_was_expected(workspace: Path) -> None:
    shutil.copy(BAD / "score-out-of-bounds.csv", workspace / "events" / "018" / "russia.csv")
    (problem,) = check_issue(Workspace.open(workspace), 18).errors
    assert problem.value == "7"
    assert problem.expected == "an integer from -5 to +5, not 0"
    assert problem.describe().startswith("events/018/russia.csv:3:3 (score): error [score-out-of-bounds]")


def test_cp1251_is_named_not_read_as_mojibake(workspace: Path) -> None:
    shutil.copy(BAD / "cp1251.csv", workspace / "events" / "018" / "russia.csv")
    (problem,) = check_issue(Workspace.open(workspace), 18).errors
    assert "Windows-1251" in problem.message


def test_a_file_for_an_unknown_track_is_an_error(workspace: Path) -> None:
    shutil.copy(BAD / "unknown-track.csv", workspace / "events" / "018" / "belarus.csv")
    result = check_issue(Workspace.open(workspace), 18)
    assert flatten(result.errors) == [("events/018/belarus.csv", None, None, "file-unknown")]
    assert "no track 'belarus'" in result.errors[0].message


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("issue-unknown-key.toml", [("events/018/issue.toml", 3, None, "toml-key-unknown")]),
        ("issue-toml-syntax.toml", [("events/018/issue.toml", 3, 17, "toml-syntax")]),
        ("issue-period-reversed.toml", [("events/018/issue.toml", 2, None, "toml-value-invalid")]),
    ],
)
def test_issue_toml_problems_are_located(workspace: Path, fixture: str, expected: list[tuple]) -> None:
    shutil.copy(BAD / fixture, workspace / "events" / "018" / "issue.toml")
    assert flatten(check_issue(Workspace.open(workspace), 18).errors) == expected


def test_all_problems_of_many_broken_rows_are_reported_at_once(workspace: Path) -> None:
    folder = workspace / "events" / "018"
    rows = (folder / "eu.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = "2020-11-11,Statement by the speakers,7"
    rows[2] = "31 November,Minsk's decisions,-2"
    rows[3] = "2021-02-01,A date after the period,-3"
    rows[4] = "2020-12-08,,+1"
    (folder / "eu.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "china.csv").write_text("date,event\n2020-11-02,Working group\n", encoding="utf-8")
    shutil.copy(BAD / "unknown-track.csv", folder / "belarus.csv")
    before = tree_hashes(workspace)
    result = check_workspace(Workspace.open(workspace))
    assert sorted(flatten(result.errors), key=str) == sorted([
        ("events/018/belarus.csv", None, None, "file-unknown"),
        ("events/018/china.csv", 1, 3, "column-missing"),
        ("events/018/eu.csv", 2, 3, "score-out-of-bounds"),
        ("events/018/eu.csv", 3, 1, "date-invalid"),
        ("events/018/eu.csv", 4, 1, "date-outside-period"),
        ("events/018/eu.csv", 5, 2, "text-empty"),
    ], key=str)
    assert tree_hashes(workspace) == before


def test_the_shipped_issue_is_valid_and_its_printed_figures_are_audited() -> None:
    result = check_workspace(Workspace.find(Path(__file__).parent))
    assert result.errors == []
    found = {(p.field, p.value) for p in result.warnings if p.code == "printed-differs"}
    assert {("published.russia.positive", "18"), ("published.russia.negative", "-4"),
            ("published.us.aggregate", "-14"), ("published.us.negative", "-20")} <= found


def test_system_files_are_ignored_and_other_files_are_warnings(workspace: Path) -> None:
    folder = workspace / "events" / "018"
    for name in ("~$russia.csv", "Thumbs.db", "desktop.ini", "notes.txt"):
        (folder / name).write_bytes(b"x")
    result = check_issue(Workspace.open(workspace), 18)
    assert [(p.value, p.severity) for p in result.problems if p.code == "file-unknown"] == [("notes.txt", "warning")]
    assert result.catalogue is not None


def test_a_semicolon_separated_csv_from_excel_is_read(workspace: Path) -> None:
    (workspace / "events" / "018" / "china.csv").write_text(
        "date;event;score\n2020-11-03;Talks, in Beijing;+2\n", encoding="utf-8")
    result = check_issue(Workspace.open(workspace), 18)
    assert result.catalogue is not None and result.catalogue.events["china"][0].text == "Talks, in Beijing"
