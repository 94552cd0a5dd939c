"""Messages in the analyst's words: no claim a command's output contradicts, places as the file's program names
them, values cut at a word with '…', flags without placeholders, and every --format offered works."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from barometer.cli import app
from barometer.errors import Code, Problem, clip, column_letter, sheet_reference

runner = CliRunner()


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def emptied(workspace: Path, *tracks: str) -> None:
    for track in tracks:
        path = workspace / "events/018" / f"{track}.csv"
        path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")


def test_summary_of_a_catalogue_without_printed_figures_says_what_its_figures_are(workspace: Path) -> None:
    text = (workspace / "events/018/issue.toml").read_text(encoding="utf-8")
    (workspace / "events/018/issue.toml").write_text(text.split("[published]")[0], encoding="utf-8")
    emptied(workspace, "eu", "china")
    shown = run(workspace, "summary", "18").stdout
    assert "every figure is unknown" not in shown
    assert "No printed figures to audit: the figures above are the catalogues' sums." in shown
    assert "Not entered yet: EU, China (their figures are unknown, never 0)." in shown


def test_summary_of_an_empty_issue_says_every_figure_is_unknown(workspace: Path) -> None:
    assert run(workspace, "new", "19").exit_code == 0
    shown = run(workspace, "summary", "19").stdout
    assert "No catalogue entered and no printed figures: every figure is unknown." in shown
    assert "Not entered yet" not in shown


@pytest.mark.parametrize(("args", "message"), [
    (["security", "--national", "0"], "track 'security' is scored twice: give --national N and --regional M (e.g. "
                                      "--national 0 --regional -1); --regional is missing"),
    (["security"], "--national and --regional are missing"),
    (["security", "--score", "+1"], "--national and --regional are missing; --score is for a relationship"),
    (["russia"], "track 'russia' is scored once: give --score N (e.g. --score +1 or --score -2); --score is missing"),
    (["russia", "--score", "+1", "--regional", "-1"], "--regional is for the security track"),
])
def test_add_names_only_the_score_options_given_wrongly_or_missing(workspace: Path, args: list[str],
                                                                   message: str) -> None:
    track, *options = args
    result = run(workspace, "add", "18", track, "Talks", "--date", "9 December", *options)
    assert result.exit_code == 2 and message in " ".join(result.output.split())
    assert ("not --score" in result.output) is False


def test_a_relationships_score_expects_no_zero(workspace: Path) -> None:
    result = run(workspace, "add", "18", "russia", "Talks", "--date", "9 December", "--score", "one")
    assert result.exit_code == 1
    assert "expected an integer from -5 to +5, not 0" in result.output and "or 0" not in result.output
    security = run(workspace, "add", "18", "security", "Drill", "--date", "9 December", "--national", "x",
                   "--regional", "0")
    assert "expected an integer from -5 to +5" in security.output and "not 0" not in security.output


def test_an_unknown_issue_says_how_to_make_it(workspace: Path) -> None:
    result = run(workspace, "add", "24", "russia", "Talks", "--date", "9 December", "--score", "+1")
    assert result.exit_code == 2 and "no issue 24 in events" in result.output
    assert "a new issue is made with: barometer new 24" in " ".join(result.output.split())


# --- places and values ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("problem", "place"), [
    (Problem(Code.SCORE_OUT_OF_BOUNDS, "m", file="no19.xlsx", sheet="Security", line=3, column=4,
             field="regional_tension", header="Regional tension"), "no19.xlsx Security!D3 (Regional tension)"),
    (Problem(Code.DATE_INVALID, "m", file="no19.xlsx", sheet="U.S.", line=12, column=1, field="date",
             header="Date"), "no19.xlsx 'U.S.'!A12 (Date)"),
    (Problem(Code.CELLS_MERGED, "m", file="b.xlsx", sheet="Russia", line=2), "b.xlsx Russia row 2"),
    (Problem(Code.SHEET_UNKNOWN, "m", file="b.xlsx", sheet="It's mine"), "b.xlsx 'It''s mine'"),
    (Problem(Code.SCORE_EMPTY, "m", file="events/018/russia.csv", line=2, column=3, field="score"),
     "events/018/russia.csv:2:3 (score)"),
    (Problem(Code.SCORE_EMPTY, "m", file="pasted.txt", line=40, field="score", header="Score"),
     "pasted.txt:40 (Score)"),
])
def test_places_read_as_the_files_program_names_them(problem: Problem, place: str) -> None:
    assert problem.place == place


def test_column_letters_and_sheet_references_follow_excel() -> None:
    assert [column_letter(n) for n in (1, 4, 26, 27, 52, 16384)] == ["A", "D", "Z", "AA", "AZ", "XFD"]
    assert [sheet_reference(n) for n in ("Russia", "U.S.", "Sheet 1", "2021")] == [
        "Russia", "'U.S.'", "'Sheet 1'", "'2021'"]


def test_a_long_value_is_cut_at_a_word_and_ends_in_an_ellipsis() -> None:
    text = "Statement by the Belarusian Foreign Ministry condemning the decision of the Council of the EU"
    assert clip(text) == "Statement by the Belarusian Foreign Ministry condemning the…"
    assert clip("short") == "short" and clip("x" * 80) == "x" * 59 + "…"
    assert all(len(clip(text, n)) <= n for n in range(10, 90))


def test_a_duplicate_events_text_is_shown_cut_with_an_ellipsis(workspace: Path) -> None:
    text = ("Statement by the Belarusian Foreign Ministry condemning the decision of the Council of the EU to "
            "impose additional restrictive measures against Minsk; Minsk's decision to mirror the move by "
            "expanding its sanctions list against the EU")
    result = run(workspace, "add", "18", "eu", text, "--date", "17 November", "--score", "-3")
    assert result.exit_code == 1
    assert "found 'Statement by the Belarusian Foreign Ministry condemning the…'" in result.output


# --- help ---------------------------------------------------------------------------------------------------------


def test_no_flag_shows_a_value_placeholder_in_help() -> None:
    for name in [None, *typer.main.get_command(app).commands]:  # type: ignore[attr-defined]
        shown = runner.invoke(app, [name, "--help"] if name else ["--help"], env={"COLUMNS": "150"}).output
        assert "<bool>" not in shown, name
        assert re.search(r"--help\s+Show this message", shown), name
    assert re.search(r"--dry-run\s+Show what the import", runner.invoke(
        app, ["import", "--help"], env={"COLUMNS": "150"}).output)


@pytest.mark.parametrize(("command", "default"), [
    (["compare", "16", "18"], "reports/compare-16-18.xlsx"), (["history"], "reports/history.xlsx"),
    (["summary", "18"], "reports/summary-018.xlsx"), (["check", "18"], "reports/check.xlsx"),
    (["scale"], "reports/scale.xlsx")])
def test_format_help_names_the_file_that_is_written(workspace: Path, command: list[str], default: str) -> None:
    panel = runner.invoke(app, [command[0], "--help"], env={"COLUMNS": "150"}).output
    shown = " ".join(re.sub(r"[│╭╮╰╯─]", " ", panel).split())
    named = re.search(r"xlsx without --output: (reports/\S+?\.xlsx)", shown)
    assert named is not None
    pattern = named[1].replace("FIRST", "16").replace("SECOND", "18").replace("NNN", "018")
    assert pattern == default
    result = run(workspace, *command, "--format", "xlsx")
    assert result.exit_code == 0 and f"wrote {default}" in result.output
    assert (workspace / default).is_file()


@pytest.mark.parametrize("args", [["import", "x.csv", "--issue", "18", "--format", "csv"],
                                  ["restore", "18", "latest", "--json"]])
def test_a_format_that_would_be_ignored_is_refused(workspace: Path, args: list[str]) -> None:
    (workspace / "x.csv").write_text("date,event,score\n", encoding="utf-8")
    assert run(workspace, "import", str(workspace / "events/018/russia.csv"), "--issue", "18").exit_code == 0
    result = runner.invoke(app, ["--workspace", str(workspace), *args])
    assert result.exit_code == 2, result.output


# --- found in the new-user trial -----------------------------------------------------------------------------------


def test_an_excel_date_in_another_issue_is_explained_with_that_issues_month(workspace: Path, tmp_path: Path) -> None:
    import datetime

    import openpyxl

    assert run(workspace, "new", "19").exit_code == 0
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Russia"
    sheet.append(["Date", "Event", "Score"])
    sheet.append([datetime.datetime(2026, 2, 3), "Visit of the deputy prime minister", 2])
    book.save(tmp_path / "no19.xlsx")
    result = run(workspace, "import", str(tmp_path / "no19.xlsx"), "--issue", "19")
    assert result.exit_code == 1
    assert "typed as '3 January' into a cell not formatted as Text (or pasted from elsewhere)" in result.output
    assert "November" not in result.output


def test_a_duplicate_added_says_how_it_is_scored_and_how_to_change_it(workspace: Path) -> None:
    result = run(workspace, "add", "18", "russia", "reduction in roaming fees", "--date", "1 November", "--score", "+2")
    assert result.exit_code == 1
    shown = " ".join(result.output.split())
    assert "an event of the same date and text (case aside) is already in the catalogue, scored +1" in shown
    assert "to change it, remove it (barometer remove 18 russia --line 2) and add it again" in shown


def test_a_partly_entered_issue_checks_as_what_it_is(workspace: Path) -> None:
    assert run(workspace, "new", "19").exit_code == 0
    assert run(workspace, "check", "19").stdout.splitlines()[0] == \
        "No. 19: ok — nothing entered yet (6 empty catalogue(s))"
    assert run(workspace, "add", "19", "eu", "Talks", "--date", "5 January", "--score", "+1").exit_code == 0
    line = " ".join(run(workspace, "check", "19").stdout.split())
    assert "No. 19: ok — 1 events in 1 catalogue(s); Russia, China, U.S., Ukraine, Security not entered yet" in line


def test_another_issues_file_is_refused_without_a_list_of_its_dates(workspace: Path, tmp_path: Path) -> None:
    assert run(workspace, "new", "19").exit_code == 0
    template = tmp_path / "no19.xlsx"
    assert run(workspace, "template", "19", "-o", str(template)).exit_code == 0
    import openpyxl

    book = openpyxl.load_workbook(template)
    for day in (5, 6, 7):
        book["EU"].append([f"{day} January", f"Event {day}", 1])
    book.save(template)
    result = run(workspace, "import", str(template), "--issue", "18")
    assert result.exit_code == 1 and "date-outside-period" not in result.output
    assert "3 of its dates lie outside November-December 2020 (not listed)" in " ".join(result.output.split())


def test_restore_list_says_what_a_backed_up_settings_file_is(workspace: Path, tmp_path: Path) -> None:
    pasted = tmp_path / "eu.txt"
    pasted.write_text("Relationship with the EU\nDate\tEvent\tScore\n9 December\tTalks\t+1\nTotal\t\t-13\n",
                      encoding="utf-8")
    assert run(workspace, "import", str(pasted), "--issue", "18").exit_code == 0
    listed = run(workspace, "restore", "18", "--list").stdout
    assert "issue.toml: its version from before that change" in listed and "kept as it was" not in listed


def test_a_fresh_template_is_proposed_beside_the_one_imported(workspace: Path) -> None:
    (workspace / "drafts").mkdir()
    assert run(workspace, "template", "18", "-o", str(workspace / "drafts/no18.xlsx")).exit_code == 0
    assert run(workspace, "add", "18", "eu", "Late addition", "--date", "20 December", "--score", "-1").exit_code == 0
    refused = run(workspace, "import", str(workspace / "drafts/no18.xlsx"), "--issue", "18", "--replace")
    assert refused.exit_code == 1
    assert "barometer template 18 -o drafts/no18-fresh.xlsx, a new file beside yours" in " ".join(
        refused.output.split())
