"""Entering an issue: `new`, `add`, and the editor's whole path from template to summary."""

from __future__ import annotations

import datetime
import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.entry.new import create_issue
from barometer.workspace import Workspace

from conftest import DATA, REPO, tree_hashes

runner = CliRunner()


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def process(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "barometer", *args], cwd=workspace, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


# --- new -----------------------------------------------------------------------------------------------------


def test_new_follows_the_cadence_and_writes_empty_catalogues(workspace: Path) -> None:
    result = run(workspace, "new", "19")
    assert result.exit_code == 0, result.output
    folder = workspace / "events" / "019"
    assert "start = \"2021-01\"" in (folder / "issue.toml").read_text()
    assert (folder / "russia.csv").read_text() == "date,event,score\n"
    assert (folder / "security.csv").read_text() == "date,event,national_security,regional_tension\n"
    assert sorted(p.name for p in (workspace / "events").iterdir() if p.name.startswith(".")) == []
    check = run(workspace, "check", "19")
    assert check.exit_code == 0 and "No. 19: ok — nothing entered yet (6 empty catalogue(s))" in check.stdout


def test_new_with_a_period(workspace: Path) -> None:
    assert run(workspace, "new", "40", "--period", "2024-03..2024-04").exit_code == 0
    summary = json.loads(run(workspace, "summary", "40", "-f", "json").stdout)
    assert summary["period"] == {"start": "2024-03", "end": "2024-04"}


def test_new_follows_on_from_a_previous_issue_that_departs_from_the_cadence(workspace: Path) -> None:
    toml = workspace / "events" / "018" / "issue.toml"
    toml.write_text(toml.read_text().replace('start = "2020-11"', 'start = "2020-10"')
                    .replace('end = "2020-12"', 'end = "2020-11"'))
    created = create_issue(Workspace.open(workspace), 19)
    assert (str(created.period.start), str(created.period.end)) == ("2020-12", "2021-01")
    assert "follows on from it" in created.notes[0]


def test_new_refuses_an_existing_issue_and_changes_nothing(workspace: Path) -> None:
    before = tree_hashes(workspace)
    result = process(workspace, "new", "18")
    assert result.returncode == 1
    assert "issue 18 already exists" in result.stderr and "Traceback" not in result.stderr
    assert tree_hashes(workspace) == before


def test_new_refuses_a_period_another_issue_covers(workspace: Path) -> None:
    before = tree_hashes(workspace)
    result = run(workspace, "new", "21", "--period", "2020-12..2021-01")
    assert result.exit_code == 1
    assert "issues-overlap" in result.output
    assert tree_hashes(workspace) == before


def test_new_with_a_bad_period_is_a_usage_error(workspace: Path) -> None:
    assert run(workspace, "new", "19", "--period", "2021-13..2021-02").exit_code == 2
    assert not (workspace / "events" / "019").exists()


# --- add -----------------------------------------------------------------------------------------------------


def test_add_stores_the_iso_date_and_keeps_existing_rows(workspace: Path) -> None:
    path = workspace / "events" / "018" / "russia.csv"
    before = path.read_bytes()
    result = run(workspace, "add", "18", "russia", "Gas price talks stall", "--date", "5 December",
                 "--score", "-2", "--source", "https://example.org/a")
    assert result.exit_code == 0, result.output
    after = path.read_text()
    # a new column (source) was needed: every existing row is the same apart from the added empty cell
    old_lines, new_lines = before.decode().splitlines(), after.splitlines()
    assert new_lines[0] == "date,event,score,source"
    assert [line.removesuffix(",") for line in new_lines[1:-1]] == old_lines[1:]
    assert new_lines[-1] == "2020-12-05,Gas price talks stall,-2,https://example.org/a"


def test_add_appends_bytes_when_the_header_has_every_column(workspace: Path) -> None:
    path = workspace / "events" / "018" / "eu.csv"
    before = path.read_bytes()
    assert run(workspace, "add", "18", "eu", "Sanctions, third package", "--date", "Mid-December",
               "--score", "-3").exit_code == 0
    assert path.read_bytes() == before + b'2020-12-mid,"Sanctions, third package",-3\n'


def test_add_negative_score_from_the_shell(workspace: Path) -> None:
    result = process(workspace, "add", "18", "us", "Statement on sanctions", "--date", "1-18 December",
                     "--score", "-2")
    assert result.returncode == 0, result.stderr
    assert (workspace / "events" / "018" / "us.csv").read_text().endswith(
        "2020-12-01..2020-12-18,Statement on sanctions,-2\n")


def test_add_security_scores_twice(workspace: Path) -> None:
    assert run(workspace, "add", "18", "security", "Air defence drill", "--date", "Late December",
               "--national", "0", "--regional", "-1").exit_code == 0
    assert (workspace / "events" / "018" / "security.csv").read_text().endswith(
        "2020-12-late,Air defence drill,0,-1\n")
    assert run(workspace, "add", "18", "security", "Another drill", "--date", "Late December",
               "--score", "-1").exit_code == 2


@pytest.mark.parametrize(("args", "codes"), [
    (["--date", "31 November", "--score", "+1"], ["date-invalid"]),
    (["--date", "5 January", "--score", "+1"], ["date-outside-period"]),
    (["--date", "5 December", "--score", "7"], ["score-out-of-bounds"]),
    (["--date", "5 December", "--score", "0"], ["score-zero"]),
    (["--date", "32 December", "--score", "x"], ["date-invalid", "score-not-integer"]),
])
def test_add_refuses_an_invalid_event_and_changes_nothing(workspace: Path, args: list[str],
                                                          codes: list[str]) -> None:
    before = tree_hashes(workspace)
    result = run(workspace, "add", "18", "russia", "Some event", *args)
    assert result.exit_code == 1
    assert [code for code in codes if code in result.output] == codes
    assert tree_hashes(workspace) == before


def test_add_refuses_a_duplicate(workspace: Path) -> None:
    before = tree_hashes(workspace)
    result = run(workspace, "add", "18", "russia", "reduction in roaming fees", "--date", "1 November",
                 "--score", "+1")
    assert result.exit_code == 1
    assert "events/018/russia.csv:2" in result.output and "event-duplicate" in result.output
    assert tree_hashes(workspace) == before


# --- all or nothing ------------------------------------------------------------------------------------------


# --- the editor's path -----------------------------------------------------------------------------------------


def test_the_editors_path_from_new_to_summary(workspace: Path) -> None:
    import openpyxl

    assert process(workspace, "new", "19").returncode == 0
    book_path = workspace / "no19.xlsx"
    made = process(workspace, "template", "19", "-o", str(book_path))
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(book_path)
    russia, eu, security = book["Russia"], book["EU"], book["Security"]
    russia.append([datetime.datetime(2021, 1, 12), "Lukashenka and Putin meet in Sochi", 3])
    russia.append(["Late February", "Gas price for 2021 agreed", "+2"])
    russia.append(["1-18 January", "Oil supply interrupted", -4, "https://example.org/oil"])
    eu.append(["February", "Sanctions extended", -2])
    security.append(["January-February", "Exercises near the border", -1, -3])
    security.append(["Early January", "Confidence-building visit", 1, 0])
    book.save(book_path)

    imported = process(workspace, "import", str(book_path), "--issue", "19")
    assert imported.returncode == 0, imported.stderr
    summary = json.loads(process(workspace, "summary", "19", "--format", "json").stdout)
    russia_figures = summary["tracks"]["russia"]
    assert (russia_figures["positive"], russia_figures["negative"], russia_figures["events"]) == (3 + 2, -4, 3)
    assert summary["tracks"]["eu"]["aggregate"] == -2
    assert summary["tracks"]["china"]["aggregate"] is None  # nothing typed for China: unknown, not 0
    assert (summary["security"]["national_security"], summary["security"]["regional_tension"]) == (0, -3)
    stored = (workspace / "events" / "019" / "russia.csv").read_text().splitlines()
    assert stored[1:] == ["2021-01-12,Lukashenka and Putin meet in Sochi,+3,",
                          "2021-02-late,Gas price for 2021 agreed,+2,",
                          "2021-01-01..2021-01-18,Oil supply interrupted,-4,https://example.org/oil"]
    assert process(workspace, "check", "19").returncode == 0




def test_the_published_bulletin_text_imports_to_the_shipped_catalogues_and_audit(workspace: Path) -> None:
    import shutil

    from barometer.load import issue_summary

    shutil.rmtree(workspace / "events" / "018")
    assert run(workspace, "new", "18").exit_code == 0
    bulletin = REPO / "tests" / "data" / "pasted" / "minsk-barometer-18-bulletin.txt"
    result = run(workspace, "import", str(bulletin), "--issue", "18")
    assert result.exit_code == 0, result.output
    for shipped in sorted((REPO / "events" / "018" / "published").glob("*.csv")):  # as published
        assert (workspace / "events" / "018" / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name
    imported = issue_summary(Workspace.open(workspace), 18)
    expected = issue_summary(Workspace.open(REPO), 18)
    assert imported.mismatches == expected.mismatches and len(imported.mismatches) == 4
    assert imported.security is not None and imported.security.level == "Yellow"


# --- found in a user trial ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "file"), [("EU", "eu.csv"), ("U.S.", "us.csv"), ("European Union", "eu.csv"),
                                             ("Relationship with China", "china.csv"), ("RUSSIA", "russia.csv")])
def test_add_takes_a_tracks_label_section_or_alias(workspace: Path, typed: str, file: str) -> None:
    result = run(workspace, "add", "18", typed, "Consultations in Minsk", "--date", "9 December", "--score", "+1")
    assert result.exit_code == 0, result.output
    assert (workspace / "events/018" / file).read_text().endswith("2020-12-09,Consultations in Minsk,+1\n")


def test_add_to_an_unknown_track_lists_the_tracks_and_suggests_the_closest(workspace: Path) -> None:
    before = tree_hashes(workspace)
    result = process(workspace, "add", "18", "rusia", "Talks", "--date", "9 December", "--score", "+1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "did you mean 'russia'?" in result.stderr and "us (U.S.)" in result.stderr
    assert tree_hashes(workspace) == before


def test_import_track_option_takes_a_label(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "notes.csv"
    source.write_text("date,event,score\n2 December,Only this,-1\n")
    assert run(workspace, "import", str(source), "--issue", "18", "--track", "U.S.").exit_code == 0
    assert (workspace / "events/018/us.csv").read_text().endswith("2020-12-02,Only this,-1\n")


@pytest.mark.parametrize("name", ["windows-1251", "Windows-1251", "CP1251", "1251"])
def test_every_name_of_windows_1251_is_accepted(workspace: Path, name: str) -> None:
    result = run(workspace, "import", str(DATA / "bad" / "cp1251.csv"), "--issue", "18", "--track", "russia",
                 "--encoding", name)
    assert result.exit_code == 0, result.output
    assert "Посол в Москве" in (workspace / "events/018/russia.csv").read_text(encoding="utf-8")


def test_an_unknown_encoding_is_a_usage_error(workspace: Path) -> None:
    result = run(workspace, "import", str(DATA / "bad" / "cp1251.csv"), "--issue", "18", "--track", "russia",
                 "--encoding", "koi8-r")
    assert result.exit_code == 2 and "windows-1251" in result.output


def test_new_prints_a_complete_add_command_that_works(workspace: Path) -> None:
    result = process(workspace, "new", "19")
    hint = next(line.strip() for line in result.stdout.splitlines() if line.strip().startswith("barometer add"))
    assert hint == 'barometer add 19 russia "What happened" --date "5 January" --score +1'
    added = process(workspace, *shlex.split(hint)[1:])
    assert added.returncode == 0, added.stderr


def test_add_keeps_a_crlf_catalogue_byte_for_byte(workspace: Path) -> None:
    path = workspace / "events/018/russia.csv"
    shutil.copy(DATA / "crlf-catalogue.csv", path)
    before = path.read_bytes()
    assert run(workspace, "add", "18", "russia", "Talks", "--date", "9 December", "--score", "+1").exit_code == 0
    assert path.read_bytes() == before + b"2020-12-09,Talks,+1\r\n"
    assert run(workspace, "add", "18", "russia", "More", "--date", "9 December", "--score", "+1",
               "--source", "https://example.org").exit_code == 0
    assert path.read_bytes().count(b"\r\n") == 4 and b"\n" not in path.read_bytes().replace(b"\r\n", b"")


def test_add_keeps_a_byte_order_mark(workspace: Path) -> None:
    path = workspace / "events/018/russia.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / "crlf-catalogue.csv").read_bytes())
    assert run(workspace, "add", "18", "russia", "Talks", "--date", "9 December", "--score", "+1",
               "--source", "https://example.org").exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfdate,event,score,source\r\n")
    assert data.endswith(b"\r\n2020-12-09,Talks,+1,https://example.org\r\n")


def test_a_dry_run_reports_the_import_and_writes_nothing(workspace: Path) -> None:
    for path in (workspace / "events" / "018").glob("*.csv"):
        path.unlink()
    pasted = str(DATA / "pasted" / "minsk-barometer-18-appendices.txt")
    before = tree_hashes(workspace)
    dry = run(workspace, "import", pasted, "--issue", "18", "--dry-run", "--format", "json")
    assert dry.exit_code == 0, dry.output
    assert tree_hashes(workspace) == before
    planned = json.loads(dry.stdout)
    assert planned["dry_run"] is True and planned["backup"] is None
    done = run(workspace, "import", pasted, "--issue", "18", "--format", "json")
    assert done.exit_code == 0, done.output
    imported = json.loads(done.stdout)
    assert planned["tracks"] == imported["tracks"] and planned["written"] == imported["written"]
    assert [len(t["added"]) for t in planned["tracks"]] == [18, 13, 15, 25, 50, 16]
    shown = run(workspace, "import", pasted, "--issue", "18", "--dry-run")
    assert "Nothing would be written" in shown.stdout and tree_hashes(workspace) != before
    assert "Already as in the file: Russia (18 events), EU (13 events)" in shown.stdout
