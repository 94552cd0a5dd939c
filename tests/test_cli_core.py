"""CLI of the core: exit codes, JSON equal to the library's result, messages without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.load import issue_summary
from barometer.workspace import Workspace

from conftest import DATA, REPO, tree_hashes

runner = CliRunner()


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def test_summary_json_equals_the_library_result(workspace: Path) -> None:
    result = run(workspace, "summary", "18", "--format", "json")
    assert result.exit_code == 0
    from barometer.load import Loader
    from barometer.robustness import robustness, with_robustness

    loader = Loader(Workspace.open(workspace))
    held = robustness(loader.config, loader.loaded(18).catalogue, loader.scale)
    assert json.loads(result.stdout) == with_robustness(issue_summary(Workspace.open(workspace), 18).to_dict(), held)


def test_summary_json_has_the_sums_and_the_differences(workspace: Path) -> None:
    data = json.loads(run(workspace, "summary", "18", "-f", "json").stdout)
    assert data["period"] == {"start": "2020-11", "end": "2020-12"}
    assert {k: data["tracks"]["russia"][k] for k in ("positive", "negative", "aggregate", "events")} == \
        {"positive": 17, "negative": -3, "aggregate": 14, "events": 18}
    assert data["security"]["level"] == "Yellow"
    assert {"track": "russia", "figure": "positive", "published": 18, "computed": 17} in data["mismatches"]


def test_summary_csv_has_a_row_per_track(workspace: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(workspace, "summary", "18", "-f", "csv").stdout)))
    assert [r["track"] for r in rows] == ["russia", "eu", "china", "us", "ukraine", "security"]
    assert rows[3]["aggregate"] == "-16"
    assert rows[5]["regional_tension"] == "-8"


def test_summary_table_names_the_differences(workspace: Path) -> None:
    result = run(workspace, "summary", "18")
    assert "U.S. aggregate: printed -14, catalogue sums to -16" in result.stdout
    assert "Yellow" in result.stdout


def test_strict_turns_printed_differences_into_exit_1(workspace: Path) -> None:
    assert run(workspace, "summary", "18").exit_code == 0
    assert run(workspace, "summary", "18", "--strict").exit_code == 1
    assert run(workspace, "check").exit_code == 0
    assert run(workspace, "check", "--strict").exit_code == 1


def test_invalid_data_through_the_runner_exits_1_with_places(workspace: Path) -> None:
    shutil.copy(DATA / "bad" / "score-zero.csv", workspace / "events" / "018" / "russia.csv")
    result = run(workspace, "summary", "18")
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "events/018/russia.csv:2:3 (score)" in result.stderr


def test_check_json_lists_problems_with_places(workspace: Path) -> None:
    shutil.copy(DATA / "bad" / "score-out-of-bounds.csv", workspace / "events" / "018" / "russia.csv")
    result = run(workspace, "check", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    errors = [(p["file"], p["line"], p["column"], p["code"]) for p in data["problems"] if p["severity"] == "error"]
    assert errors == [("events/018/russia.csv", 3, 3, "score-out-of-bounds")]
    assert data["valid"] is False


def test_scale_value_band_and_json(workspace: Path) -> None:
    assert "Yellow" in run(workspace, "scale", "-8").stdout
    data = json.loads(run(workspace, "scale", "-1", "--format", "json").stdout)
    assert (data["value"], data["name"]) == (-1, "White")
    listing = run(workspace, "scale").stdout
    assert [name for name in ("White", "Green", "Yellow", "Orange", "Red") if name in listing] == \
        ["White", "Green", "Yellow", "Orange", "Red"]


def test_usage_errors_exit_2(workspace: Path) -> None:
    missing = run(workspace, "summary", "99")
    assert missing.exit_code == 2 and "no issue 99" in missing.stderr
    assert run(workspace, "summary", "eighteen").exit_code == 2
    assert run(workspace, "frobnicate").exit_code == 2


def process(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "barometer", *args], cwd=workspace, env=env,
                          capture_output=True, text=True, check=False)


def test_broken_catalogue_from_the_shell_exits_1_without_traceback(workspace: Path) -> None:
    folder = workspace / "events" / "018"
    shutil.copy(DATA / "bad" / "day-not-in-month.csv", folder / "russia.csv")
    shutil.copy(DATA / "bad" / "unknown-track.csv", folder / "belarus.csv")
    before = tree_hashes(workspace)
    done = process(workspace, "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "events/018/russia.csv:2:1 (date)" in done.stdout
    assert "November 2020 has 30 days, not 31" in done.stdout
    assert "events/018/belarus.csv" in done.stdout
    summary = process(workspace, "summary", "18")
    assert summary.returncode == 1 and "Traceback" not in summary.stderr
    assert "russia.csv:2:1" in summary.stderr
    assert tree_hashes(workspace) == before


def test_unknown_issue_from_the_shell_is_a_usage_error(workspace: Path) -> None:
    done = process(workspace, "summary", "99")
    assert done.returncode == 2
    assert "no issue 99" in done.stderr and "Traceback" not in done.stderr


def test_outside_a_workspace_says_where_it_looked(tmp_path: Path) -> None:
    done = process(tmp_path, "summary", "18")
    assert done.returncode == 1
    assert "barometer.toml" in done.stderr and "--workspace" in done.stderr


def test_workspace_is_found_from_a_subfolder(workspace: Path) -> None:
    done = process(workspace / "events" / "018", "summary", "18", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout)["issue"] == 18


@pytest.mark.parametrize("command", [["--help"], ["summary", "18"]])
def test_help_and_summary_do_not_import_heavy_libraries(workspace: Path, command: list[str]) -> None:
    code = ("import sys, runpy; sys.argv = ['barometer', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('barometer', run_name='__main__')\nexcept SystemExit: pass\n"
            "heavy = [m for m in ('matplotlib', 'openpyxl', 'typst', 'pandas') if m in sys.modules]\n"
            "print('HEAVY', heavy, file=sys.stderr)")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code, *command], cwd=workspace, env=env,
                          capture_output=True, text=True, check=False)
    assert "HEAVY []" in done.stderr


def test_every_public_name_resolves_and_import_stays_light() -> None:
    code = ("import sys, barometer\n"
            "heavy = [m for m in ('matplotlib', 'openpyxl', 'typst', 'pandas') if m in sys.modules]\n"
            "missing = [n for n in barometer.__all__ if getattr(barometer, n, None) is None]\n"
            "print(heavy, missing)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "PYTHONPATH": str(REPO)}, check=True)
    assert done.stdout.strip() == "[] []"


def test_check_and_scale_give_csv_for_other_programs(workspace: Path) -> None:
    problems = list(csv.DictReader(io.StringIO(run(workspace, "check", "18", "--format", "csv").output)))
    printed = [(p["file"], p["line"]) for p in problems if p["code"] == "printed-differs"]
    lines = (workspace / "events" / "018" / "issue.toml").read_text(encoding="utf-8").splitlines()
    russia = lines.index("[published.russia]") + 1
    assert printed[:2] == [("events/018/issue.toml", str(russia + 2)), ("events/018/issue.toml", str(russia + 3))]
    assert [(p["file"], p["line"]) for p in problems if p["code"] == "event-out-of-order"][0] == \
        ("events/018/russia.csv", "14")
    band = list(csv.DictReader(io.StringIO(run(workspace, "scale", "-8", "--format", "csv").output)))
    assert band == [{**band[0], "value": "-8", "name": "Yellow", "min": "-12", "max": "-7"}]


def test_an_output_file_names_its_format_and_a_table_cannot_go_to_one(workspace: Path) -> None:
    assert run(workspace, "history", "-o", str(workspace / "history.txt")).exit_code == 2
    assert run(workspace, "compare", "16", "18", "-o", str(workspace / "compare.json")).exit_code == 0
    assert json.loads((workspace / "compare.json").read_text(encoding="utf-8"))["to"] == 18


def test_an_issue_just_created_is_unknown_not_zero(workspace: Path) -> None:
    assert run(workspace, "new", "17").exit_code == 0
    data = json.loads(run(workspace, "summary", "17", "--format", "json").output)
    assert data["tracks"]["russia"]["aggregate"] is None and data["security"]["regional_tension"] is None
    change = json.loads(run(workspace, "compare", "17", "18", "--format", "json").output)
    assert change["tracks"]["eu"]["change"] is None
    history = json.loads(run(workspace, "history", "--format", "json").output)
    assert [f for entry in history if entry["issue"] == 18 for f in entry["flags"]
            if f["previous_issue"] == 17] == []


def test_no_output_may_land_among_the_catalogues(workspace: Path) -> None:
    before = tree_hashes(workspace)
    target = workspace / "events" / "018" / "russia.csv"
    assert run(workspace, "compare", "16", "18", "-f", "csv", "-o", str(target)).exit_code == 2
    assert run(workspace, "history", "-f", "json", "-o", str(workspace / "events" / "h.json")).exit_code == 2
    assert tree_hashes(workspace) == before
