"""The workspace in a notebook: DataFrames of every event and every figure, and the README's example run as written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import barometer

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def readme_example() -> tuple[str, str]:
    """The code of the README's section "In a notebook" and the output it shows."""
    section = README.split("## In a notebook", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    return code, shown


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_the_readme_example_prints_what_the_readme_shows() -> None:
    code, shown = readme_example()
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                          env={**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(REPO)}, check=False)
    assert done.returncode == 0, done.stderr
    assert lines(done.stdout) == lines(shown)


def test_importing_barometer_imports_neither_pandas_nor_pydantic() -> None:
    code = ("import sys, barometer; light = 'pandas' in sys.modules or 'pydantic' in sys.modules; "
            "barometer.open('.'); print(light, 'pandas' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.split() == ["False", "False"]  # and opening the workspace does not need pandas either


def test_events_hold_every_catalogued_event_with_its_scores(workspace: Path) -> None:
    events = barometer.open(workspace).events()
    assert len(events) == 137
    assert list(events.columns[:10]) == ["issue", "track", "date", "start", "end", "text", "score",
                                        "national_security", "regional_tension", "source"]
    security = events[events.track == "security"]
    assert security.score.isna().all() and security.regional_tension.sum() == -8
    assert events[events.track == "russia"].score.sum() == 14
    first = events.iloc[0]
    assert (first.date, str(first.start.date())) == ("1 November", "2020-11-01")
    assert first.text == "Reduction in roaming fees"
    span = security[security.date == "November-December"].iloc[0]
    assert (str(span.start.date()), str(span.end.date())) == ("2020-11-01", "2020-12-31")


def test_events_carry_further_columns(workspace: Path) -> None:
    path = workspace / "events" / "018" / "china.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([rows[0] + ",topic", *(row + ",trade" for row in rows[1:])]) + "\n", encoding="utf-8")
    events = barometer.open(workspace).events()
    assert set(events[events.track == "china"].topic) == {"trade"}
    assert events[events.track == "russia"].topic.isna().all()


def test_figures_are_tidy_and_an_unknown_figure_has_no_row(workspace: Path) -> None:
    ws = barometer.open(workspace)
    figures = ws.figures()
    assert list(figures.columns) == ["issue", "track", "figure", "value", "origin"]
    assert not figures.duplicated(["issue", "track", "figure"]).any()
    eu = figures[(figures.track == "eu") & (figures.figure == "aggregate")]
    assert dict(zip(eu.issue, eu.value, strict=True)) == {3: 35, 18: -14}  # No. 5 to 16 printed none: no row
    assert set(figures[figures.issue == 3].origin) == {"printed"}
    assert set(figures[figures.issue == 18].origin) == {"catalogue"}
    us = figures[(figures.issue == 18) & (figures.track == "us") & (figures.figure == "aggregate")]
    assert list(us.value) == [-16]
    audited = ws.figures(printed=True)
    us = audited[(audited.issue == 18) & (audited.track == "us") & (audited.figure == "aggregate")]
    assert sorted(zip(us.origin, us.value, strict=True)) == [("catalogue", -16), ("printed", -14)]


def test_issues_give_each_level_and_where_it_came_from(workspace: Path) -> None:
    issues = barometer.open(workspace).issues().set_index("number")
    assert list(issues.index) == [3, 5, 6, 8, 14, 16, 18]
    assert (issues.loc[18, "level"], issues.loc[18, "level_origin"]) == ("Yellow", "catalogue")
    assert (issues.loc[16, "level"], issues.loc[16, "level_origin"]) == ("Orange", "printed")
    assert issues.level.isna().sum() == 2  # Nos. 8 and 14 printed no level
    assert str(issues.loc[18, "start"].date()) == "2020-11-01" and str(issues.loc[18, "end"].date()) == "2020-12-31"


def test_summary_is_the_commands_summary(workspace: Path) -> None:
    from barometer.load import issue_summary
    from barometer.workspace import Workspace

    assert barometer.open(workspace).summary(18).to_dict() == issue_summary(Workspace.open(workspace), 18).to_dict()
