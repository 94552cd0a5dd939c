"""`barometer import`: workbooks and CSVs, all or nothing; each bad file is a located error, nothing changes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.entry.importing import import_file
from barometer.errors import CatalogueInvalid
from barometer.io import xlsx_read
from barometer.load import Loader
from barometer.workspace import Workspace

from conftest import DATA, REPO, tree_hashes

BAD = DATA / "bad"
runner = CliRunner()


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def process(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "barometer", *args], cwd=workspace, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=60)


def places(workspace: Path, path: Path, **options: object) -> list[tuple[object, ...]]:
    with pytest.raises(CatalogueInvalid) as raised:
        import_file(Workspace.open(workspace), path, 18, **options)  # type: ignore[arg-type]
    return [(p.sheet, p.line, p.column, p.code) for p in raised.value.problems if p.severity == "error"]


def test_defusedxml_guards_openpyxl() -> None:
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(("name", "expected"), [
    ("score-7.xlsx", [("Russia", 3, 3, "score-out-of-bounds")]),
    ("formula-in-score.xlsx", [("Russia", 3, 3, "formula-not-allowed")]),
    ("day-not-in-month.xlsx", [("Russia", 3, 1, "date-invalid")]),
    ("date-outside-period.xlsx", [("Russia", 3, 1, "date-outside-period")]),
    ("unknown-sheet.xlsx", [("Belarus-Japan", None, None, "sheet-unknown")]),
    ("missing-header.xlsx", [("Russia", 1, 3, "column-missing")]),
    ("merged-cells.xlsx", [("Russia", 2, 2, "cells-merged"), ("Russia", 3, 2, "text-empty")]),
    ("truncated.xlsx", [(None, None, None, "xlsx-invalid")]),
    ("entity-bomb.xlsx", [(None, None, None, "xlsx-xml-entities")]),
    ("zip-bomb.xlsx", [(None, None, None, "xlsx-too-large")]),
])
def test_a_bad_workbook_is_a_located_error(workspace: Path, name: str, expected: list[tuple[object, ...]]) -> None:
    assert places(workspace, BAD / name) == expected


@pytest.mark.parametrize("name", ["score-7.xlsx", "formula-in-score.xlsx", "day-not-in-month.xlsx",
                                  "date-outside-period.xlsx", "unknown-sheet.xlsx", "missing-header.xlsx",
                                  "merged-cells.xlsx", "truncated.xlsx", "entity-bomb.xlsx", "zip-bomb.xlsx"])
def test_a_bad_workbook_exits_1_without_traceback_and_changes_nothing(workspace: Path, name: str) -> None:
    shutil.copy(BAD / name, workspace / name)
    before = tree_hashes(workspace)
    result = process(workspace, "import", name, "--issue", "18")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert name in result.stderr and "nothing was imported" in result.stderr
    assert tree_hashes(workspace) == before


def test_the_formula_is_named_and_never_evaluated(workspace: Path) -> None:
    result = run(workspace, "import", str(BAD / "formula-in-score.xlsx"), "--issue", "18")
    assert "formula-in-score.xlsx Russia!C3 (Score)" in result.output
    assert "'=1+1'" in result.output


def test_defusedxml_refuses_the_entity_bomb_when_the_prescan_is_off(workspace: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_read, "PROLOG_BYTES", 0)
    problems = places(workspace, BAD / "entity-bomb.xlsx")
    assert problems == [(None, None, None, "xlsx-xml-entities")]


def test_declared_sizes_are_checked_before_unpacking(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_read, "MAX_UNCOMPRESSED_BYTES", 1000)
    assert places(workspace, BAD / "score-7.xlsx") == [(None, None, None, "xlsx-too-large")]


def test_every_error_of_every_sheet_is_listed(workspace: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    russia = book.active
    russia.title = "Russia"
    russia.append(["Date", "Event", "Score"])
    russia.append(["3 November", "Fine", 1])
    russia.append([])
    russia.append(["31 November", "", 9])
    eu = book.create_sheet("European Union")
    eu.append(["Date", "Event", "Score"])
    eu.append(["4 December", "Also fine", "+1"])
    eu.append(["January", "Too late", "-1"])
    path = tmp_path / "several.xlsx"
    book.save(path)
    assert places(workspace, path) == [
        ("Russia", 4, 1, "date-invalid"), ("Russia", 4, 2, "text-empty"), ("Russia", 4, 3, "score-out-of-bounds"),
        ("European Union", 3, 1, "date-outside-period"),
    ]


def test_merge_skips_duplicates_and_backs_up(workspace: Path, tmp_path: Path) -> None:
    path = workspace / "events" / "018" / "russia.csv"
    before = path.read_text()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Russia"
    sheet.append(["Date", "Event", "Score", "Source"])
    sheet.append(["1 November", "Reduction in roaming fees", 1])  # already there
    sheet.append(["3 November", "Connection of the first unit of the Belarusian nuclear power plant to the "
                  "national grid", 3])  # there with +2
    sheet.append(["Late December", "New roaming agreement", 2, "https://example.org"])
    book.save(tmp_path / "more.xlsx")
    result = run(workspace, "import", str(tmp_path / "more.xlsx"), "--issue", "18", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    russia = data["tracks"][0]
    assert (russia["read"], len(russia["added"]), russia["unchanged"], russia["previous"]) == (3, 1, 1, 18)
    assert [(c["line"], c["cells"]) for c in russia["changed"]] == [(3, [{"column": "score", "from": "+2",
                                                                       "to": "+3"}])]  # reported, not taken
    backup = workspace / data["backup"]
    assert (backup / "russia.csv").read_text() == before
    after = path.read_text().splitlines()
    assert after[-1] == "2020-12-late,New roaming agreement,+2,https://example.org"
    assert len(after) == len(before.splitlines()) + 1
    assert run(workspace, "check", "18").exit_code == 0


def test_replace_replaces_and_keeps_the_previous_file(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "russia.csv"
    source.write_text("date,event,score\n2 December,Only this,-1\n")
    result = run(workspace, "import", str(source), "--issue", "18", "--replace")
    assert result.exit_code == 0, result.output
    assert (workspace / "events/018/russia.csv").read_text() == "date,event,score\n2020-12-02,Only this,-1\n"
    backups = list((workspace / "events/018/.backup").iterdir())
    assert (backups[0] / "russia.csv").read_bytes() == (REPO / "events/018/russia.csv").read_bytes()
    assert run(workspace, "check", "18").exit_code == 0  # the backup folder is ignored


def test_csv_track_comes_from_the_name_or_the_option(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "notes.csv"
    source.write_text("date,event,score\n2 December,Only this,-1\n")
    assert run(workspace, "import", str(source), "--issue", "18").exit_code == 2
    assert run(workspace, "import", str(source), "--issue", "18", "--track", "china").exit_code == 0
    assert (workspace / "events/018/china.csv").read_text().endswith("2020-12-02,Only this,-1\n")


def test_cp1251_csv_is_named_and_refused_then_converted_on_request(workspace: Path) -> None:
    before = tree_hashes(workspace)
    result = process(workspace, "import", str(BAD / "cp1251.csv"), "--issue", "18", "--track", "russia")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "cp1251.csv:2:" in result.stderr and "Windows-1251" in result.stderr
    assert tree_hashes(workspace) == before
    converted = process(workspace, "import", str(BAD / "cp1251.csv"), "--issue", "18", "--track", "russia",
                        "--encoding", "cp1251")
    assert converted.returncode == 0, converted.stderr
    assert "Посол в Москве" in (workspace / "events/018/russia.csv").read_text(encoding="utf-8")


def test_an_existing_catalogue_with_errors_is_not_merged_into(workspace: Path, tmp_path: Path) -> None:
    (workspace / "events/018/china.csv").write_text("date,event,score\n2 December,Broken,9\n")
    source = tmp_path / "china.csv"
    source.write_text("date,event,score\n3 December,Fine,1\n")
    before = tree_hashes(workspace)
    result = run(workspace, "import", str(source), "--issue", "18")
    assert result.exit_code == 1 and "events/018/china.csv:2:3" in result.output
    assert tree_hashes(workspace) == before


# --- pasted bulletin text ------------------------------------------------------------------------------------

PASTED = DATA / "pasted" / "minsk-barometer-18-appendices.txt"


def test_pasted_text_gives_the_catalogues_and_the_printed_totals(workspace: Path) -> None:
    originals = {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")}
    for path in (workspace / "events/018").glob("*.csv"):
        path.unlink()
    toml = workspace / "events/018/issue.toml"
    toml.write_text(toml.read_text().split("[published]")[0])
    result = process(workspace, "import", str(PASTED), "--issue", "18")
    assert result.returncode == 0, result.stderr
    assert {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")} == originals
    published = Loader(Workspace.open(workspace)).issue_file(18).issue.published
    assert published is not None and published.source == f"pasted bulletin text {PASTED.name}"
    assert published.tracks["us"].aggregate == -14 and published.security.level == "Yellow"
    audit = json.loads(process(workspace, "summary", "18", "--format", "json").stdout)
    assert [(m["track"], m["figure"], m["published"], m["computed"]) for m in audit["mismatches"]] == \
        [("us", "aggregate", -14, -16)]


def test_pasted_text_keeps_printed_figures_it_does_not_print(workspace: Path) -> None:
    result = run(workspace, "import", str(PASTED), "--issue", "18")
    assert result.exit_code == 0, result.output
    published = Loader(Workspace.open(workspace)).issue_file(18).issue.published
    assert published is not None
    assert (published.tracks["russia"].positive, published.tracks["russia"].aggregate) == (18, 14)


@pytest.mark.parametrize("name", ["pasted-date-invalid.txt", "pasted-cp1251.txt", "pasted-line-unrecognised.txt"])
def test_bad_pasted_text_changes_nothing(workspace: Path, name: str) -> None:
    before = tree_hashes(workspace)
    result = process(workspace, "import", str(BAD / name), "--issue", "18")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{name}:" in result.stderr
    assert tree_hashes(workspace) == before


def test_dates_as_excel_dates_serial_numbers_and_text(workspace: Path, tmp_path: Path) -> None:
    import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Relationship with China"
    sheet.append(["date", "EVENT", "score"])
    sheet.append([datetime.datetime(2020, 11, 9, 14, 30), "A dated cell with a time", 1])
    sheet.append([44180, "A date in a cell formatted as a number", "+2"])  # 2020-12-15
    sheet.append(["Mid-December", "A fuzzy date", -1.0])
    book.save(tmp_path / "dates.xlsx")
    assert run(workspace, "import", str(tmp_path / "dates.xlsx"), "--issue", "18").exit_code == 0
    lines = (workspace / "events/018/china.csv").read_text().splitlines()[-3:]
    assert lines == ["2020-11-09,A dated cell with a time,+1", "2020-12-15,A date in a cell formatted as a number,+2",
                     "2020-12-mid,A fuzzy date,-1"]


def test_printed_figures_that_cannot_be_rewritten_stop_the_import(workspace: Path) -> None:
    toml = workspace / "events/018/issue.toml"
    toml.write_text('number = 18\npublished = { source = "inline", russia = { aggregate = 3 } }\n\n'
                    '[period]\nstart = "2020-11"\nend = "2020-12"\n')
    before = tree_hashes(workspace)
    result = run(workspace, "import", str(PASTED), "--issue", "18")
    assert result.exit_code == 1 and "published-not-rewritable" in result.output
    assert tree_hashes(workspace) == before


def test_a_title_above_the_header_row_is_read_past(workspace: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "USA"
    sheet.append(["Catalogue of events: Belarus and the United States"])
    sheet.append([])
    sheet.append(["Date", "Description", "Score"])
    sheet.append(["8 December", "Statement on detained journalists", -1])
    book.save(tmp_path / "us.xlsx")
    result = run(workspace, "import", str(tmp_path / "us.xlsx"), "--issue", "18")
    assert result.exit_code == 0, result.output
    assert (workspace / "events/018/us.csv").read_text().endswith(
        "2020-12-08,Statement on detained journalists,-1\n")


def test_an_empty_date_cell_is_the_date_is_empty(workspace: Path) -> None:
    with pytest.raises(CatalogueInvalid) as raised:
        import_file(Workspace.open(workspace), BAD / "date-empty.xlsx", 18)
    [problem] = [p for p in raised.value.problems if p.severity == "error"]
    assert (problem.sheet, problem.line, problem.column, problem.code) == ("Russia", 3, 1, "date-empty")
    assert problem.message == "the date is empty" and "None" not in problem.describe()


def test_duplicate_differs_shows_both_scores(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "russia.csv"
    source.write_text("date,event,score\n3 November,Connection of the first unit of the Belarusian nuclear power "
                      "plant to the national grid,+3\n")
    result = run(workspace, "import", str(source), "--issue", "18")
    assert 'differs  3 November "Connection of the first unit of the…": score +2 → +3' in result.stdout
    assert "1 differ (not taken)" in result.stdout and "--replace" in result.stdout


def test_problems_read_top_to_bottom_in_sheet_order(workspace: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    eu = book.active
    eu.title = "EU"
    eu.append(["Date", "Event", "Score"])
    eu.append(["3 November", "Score out of bounds", 9])
    eu.append(["4 November", "Fine", 1])
    eu.append(["5 November", "A formula", None])
    eu["C4"] = "=1+1"
    russia = book.create_sheet("Russia")
    russia.append(["Date", "Event", "Score"])
    russia.append(["31 November", "Bad day", 1])
    path = tmp_path / "order.xlsx"
    book.save(path)
    assert places(workspace, path) == [("EU", 2, 3, "score-out-of-bounds"), ("EU", 4, 3, "formula-not-allowed"),
                                       ("Russia", 2, 1, "date-invalid")]


# --- template → import keeps what the catalogue holds -----------------------------------------------------------


def with_analyst_column(workspace: Path) -> bytes:
    """eu.csv with a further column, `Analyst`, filled in on some rows."""
    path = workspace / "events/018/eu.csv"
    lines = path.read_text().splitlines()
    rows = [f"{line},{'Anna' if index % 3 else ''}" for index, line in enumerate(lines[1:])]
    path.write_text("\n".join([f"{lines[0]},Analyst", *rows]) + "\n")
    return path.read_bytes()


def make_template(workspace: Path, tmp_path: Path) -> Path:
    path = tmp_path / "no18.xlsx"
    assert run(workspace, "template", "18", "-o", str(path)).exit_code == 0
    return path


@pytest.mark.parametrize("replace", [False, True])
def test_further_columns_survive_template_and_import(workspace: Path, tmp_path: Path, replace: bool) -> None:
    before = with_analyst_column(workspace)
    path = make_template(workspace, tmp_path)
    book = openpyxl.load_workbook(path)
    assert [c.value for c in book["EU"][1]] == ["Date", "Event", "Score", "Source", "Analyst"]
    book["EU"].append(["21 December", "Consultations in Brussels", -1, None, "Ivan"])
    book.save(path)
    result = run(workspace, "import", str(path), "--issue", "18", "--format", "json",
                 *(["--replace"] if replace else []))
    assert result.exit_code == 0, result.output
    eu = next(t for t in json.loads(result.stdout)["tracks"] if t["track"] == "eu")
    assert eu["changed"] == [] and eu["removed"] == []
    assert (workspace / "events/018/eu.csv").read_bytes() == before + b"2020-12-21,Consultations in Brussels,-1,Ivan\n"


def test_a_merge_does_not_differ_by_lacking_further_columns(workspace: Path, tmp_path: Path) -> None:
    before = with_analyst_column(workspace)
    result = run(workspace, "import", str(REPO / "events/018/eu.csv"), "--issue", "18", "--format", "json")
    assert result.exit_code == 0, result.output
    eu = json.loads(result.stdout)["tracks"][0]
    assert (eu["unchanged"], eu["changed"], eu["written"]) == (13, [], False)
    assert (workspace / "events/018/eu.csv").read_bytes() == before


# --- --replace never loses an event silently ----------------------------------------------------------------------


def test_replace_refuses_a_catalogue_changed_since_the_template(workspace: Path, tmp_path: Path) -> None:
    path = make_template(workspace, tmp_path)
    assert run(workspace, "add", "18", "EU", "Late addition", "--date", "20 December", "--score", "-1").exit_code == 0
    shutil.copy(path, workspace / "no18.xlsx")
    before = tree_hashes(workspace)
    result = process(workspace, "import", "no18.xlsx", "--issue", "18", "--replace")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "catalogue-changed-since-template" in result.stderr and "events/018/eu.csv" in result.stderr
    assert "EU:" in result.stderr and "2020-12-20 -1 Late addition" in result.stderr
    assert "--force" in result.stderr and "barometer template 18" in result.stderr
    assert tree_hashes(workspace) == before
    assert run(workspace, "import", "no18.xlsx", "--issue", "18", "--force").exit_code == 2


def test_replace_with_force_names_each_event_it_removes(workspace: Path, tmp_path: Path) -> None:
    path = make_template(workspace, tmp_path)
    assert run(workspace, "add", "18", "EU", "Late addition", "--date", "20 December", "--score", "-1").exit_code == 0
    catalogue = workspace / "events/018/eu.csv"
    with_late = catalogue.read_bytes()
    result = process(workspace, "import", str(path), "--issue", "18", "--replace", "--force")
    assert result.returncode == 0, result.stderr
    assert "  removed  20 December: -1 Late addition" in result.stdout
    assert "EU: 1 event of the catalogue not in the file was removed (kept in the backup events/018/.backup/" \
        in result.stderr
    assert b"Late addition" not in catalogue.read_bytes()
    [backup] = (workspace / "events/018/.backup").iterdir()
    assert (backup / "eu.csv").read_bytes() == with_late


def test_replace_of_an_unchanged_catalogue_takes_the_workbooks_edits(workspace: Path, tmp_path: Path) -> None:
    path = make_template(workspace, tmp_path)
    book = openpyxl.load_workbook(path)
    book["EU"]["C2"] = -2  # was -1
    book["EU"].delete_rows(3)
    book.save(path)
    result = run(workspace, "import", str(path), "--issue", "18", "--replace", "--format", "json")
    assert result.exit_code == 0, result.output
    eu = next(t for t in json.loads(result.stdout)["tracks"] if t["track"] == "eu")
    assert [(r["line"], r["score"]) for r in eu["removed"]] == [(3, "-2")]
    assert (workspace / "events/018/eu.csv").read_text().splitlines()[1].endswith(",-2")


def test_replace_by_a_file_without_the_further_columns_keeps_their_values(workspace: Path, tmp_path: Path) -> None:
    before = with_analyst_column(workspace)
    source = tmp_path / "eu.csv"
    source.write_bytes((REPO / "events/018/eu.csv").read_bytes())  # the catalogue without its Analyst column
    result = run(workspace, "import", str(source), "--issue", "18", "--replace")
    assert result.exit_code == 0, result.output
    assert (workspace / "events/018/eu.csv").read_bytes() == before


def test_the_imported_files_problems_come_before_the_catalogues(workspace: Path, tmp_path: Path) -> None:
    path = make_template(workspace, tmp_path)
    assert run(workspace, "add", "18", "EU", "Late addition", "--date", "20 December", "--score", "-1").exit_code == 0
    book = openpyxl.load_workbook(path)
    book["EU"].append([None, "No date", 1])
    book.save(path)
    with pytest.raises(CatalogueInvalid) as raised:
        import_file(Workspace.open(workspace), path, 18, replace=True)
    assert [(p.file, p.code) for p in raised.value.problems] == [
        (str(path), "date-empty"), ("events/018/eu.csv", "catalogue-changed-since-template")]


def test_a_further_column_named_like_an_alias_stays_a_further_column(workspace: Path, tmp_path: Path) -> None:
    path = workspace / "events/018/eu.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([f"{lines[0]},source,url", *(f"{line},https://a.example,https://b.example"
                                                           for line in lines[1:])]) + "\n")
    before = path.read_bytes()
    template = make_template(workspace, tmp_path)
    result = run(workspace, "import", str(template), "--issue", "18", "--replace")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before


# --- sheets of the author's own, misspelt sheets, places as Excel names them ------------------------------------


def workbook_with(tmp_path: Path, sheets: dict[str, list[list[object]]], name: str = "mixed.xlsx") -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / name)
    return tmp_path / name


def test_a_notes_sheet_is_left_alone_with_a_warning(workspace: Path, tmp_path: Path) -> None:
    path = workbook_with(tmp_path, {"Russia": [["Date", "Event", "Score"], ["9 December", "Talks", 1]],
                                    "Notes": [["Ask Olga about the 17 December event"], ["check sources"]],
                                    "Sheet2": []})
    result = run(workspace, "import", str(path), "--issue", "18")
    assert result.exit_code == 0, result.output
    shown = result.output.replace(str(tmp_path) + "/", "")
    assert "warning mixed.xlsx Notes  sheet-not-read\n    sheet 'Notes' names no track, so it is not read " \
        "(a sheet of notes may stay); found 'Notes'\n" in shown  # nothing to rename: no 'expected'
    assert "Sheet2" not in result.output and "Russia: 1 in the file, 18 before — 1 added" in result.output


@pytest.mark.parametrize(("title", "message"), [
    ("Rusia", "sheet 'Rusia' holds rows but names no catalogue of this workspace (did you mean 'Russia'?): its "
              "events would be lost"),
    ("Russia (2)", "did you mean 'Russia'?"),
    ("Belarus", "sheet 'Belarus' holds rows but names no catalogue of this workspace: its events would be lost; "
                "found 'Belarus'; expected a sheet named after its track (Russia, EU, China, U.S., Ukraine, Security): "
                "rename the sheet"),
])
def test_a_sheet_of_events_named_after_no_track_stops_the_import(workspace: Path, tmp_path: Path, title: str,
                                                                  message: str) -> None:
    path = workbook_with(tmp_path, {title: [["Date", "Event", "Score"], ["9 December", "Talks", 1]]})
    before = tree_hashes(workspace)
    result = run(workspace, "import", str(path), "--issue", "18")
    assert result.exit_code == 1 and "sheet-unknown" in result.output
    assert message in " ".join(result.output.split())
    assert tree_hashes(workspace) == before


def test_workbook_problems_are_placed_as_excel_names_cells(workspace: Path, tmp_path: Path) -> None:
    path = workbook_with(tmp_path, {
        "Security": [["Date", "Event", "National security", "Regional tension"], ["3 November", "Drill", 1, 9]],
        "U.S.": [["Date", "Event", "Score"], ["3 Novemebr", "Visit", 1]]})
    result = run(workspace, "import", str(path), "--issue", "18")
    assert result.exit_code == 1
    lines = [line.replace(str(tmp_path) + "/", "") for line in result.output.splitlines()]
    assert "error mixed.xlsx Security!D2 (Regional tension)  score-out-of-bounds" in lines
    assert "error mixed.xlsx 'U.S.'!A2 (Date)  date-invalid" in lines
    assert "    'Novemebr' is not a month name (did you mean 'November'?); found '3 Novemebr'" in \
        "\n".join(lines)
