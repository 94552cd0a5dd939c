"""The workspace: barometer.toml validated with places; many issues checked in parallel alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from barometer import checks, parallel
from barometer.errors import CatalogueInvalid
from barometer.load import load_history
from barometer.workspace import Workspace

from conftest import DATA, generator


def test_an_invalid_barometer_toml_lists_every_problem_with_its_line(workspace: Path) -> None:
    shutil.copy(DATA / "bad" / "barometer-invalid.toml", workspace / "barometer.toml")
    with pytest.raises(CatalogueInvalid) as caught:
        Workspace.open(workspace)
    found = [(p.file, p.line, p.field, p.code) for p in caught.value.problems]
    assert found == [
        ("barometer.toml", 3, "scores", "toml-value-invalid"),
        ("barometer.toml", 10, "tracks.0.kind", "toml-value-invalid"),
    ]


def test_another_country_with_other_bounds_is_a_change_of_configuration_only(tmp_path: Path) -> None:
    (tmp_path / "barometer.toml").write_text(
        'title = "Vilnius Barometer"\ncountry = "Lithuania"\n[scores]\nmin = -10\nmax = 10\n'
        '[[tracks]]\nid = "poland"\nlabel = "Poland"\n', encoding="utf-8")
    issue = tmp_path / "events" / "001"
    issue.mkdir(parents=True)
    (issue / "issue.toml").write_text('number = 1\n[period]\nstart = "2018-01"\nend = "2018-02"\n', encoding="utf-8")
    (issue / "poland.csv").write_text("date,event,score\n5 January,Summit,+9\n2018-02,Talks,-10\n", encoding="utf-8")
    result = checks.check_workspace(Workspace.open(tmp_path))
    assert result.errors == [] and result.issues[0].events == 2


def test_parallel_check_and_history_of_many_issues_equal_the_sequential_ones(tmp_path: Path, monkeypatch) -> None:
    root = generator().generate(tmp_path / "many", issues=18, events=12)
    workspace = Workspace.open(root)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 2)
    assert parallel.workers_for(18) == 2
    history_in_parallel = [s.to_dict() for s in load_history(workspace)]
    broken = root / "events" / "007" / "china.csv"
    broken.write_text(broken.read_text(encoding="utf-8") + "31 February,Impossible,+1\n", encoding="utf-8")
    in_parallel = checks.check_workspace(workspace)
    with pytest.raises(CatalogueInvalid) as caught:
        load_history(workspace)
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 10_000)
    sequential = checks.check_workspace(workspace)
    assert [r.number for r in in_parallel.issues] == list(range(1, 19))
    assert in_parallel.all_problems == sequential.all_problems
    assert [(p.file, p.line, p.code) for p in in_parallel.errors] == [("events/007/china.csv", 14, "date-invalid")]
    assert [(r.events, r.tracks) for r in in_parallel.issues] == [(r.events, r.tracks) for r in sequential.issues]
    assert [(p.file, p.line) for p in caught.value.problems] == [("events/007/china.csv", 14)]
    broken.write_text(broken.read_text(encoding="utf-8").replace("31 February,Impossible,+1\n", ""), encoding="utf-8")
    assert [s.to_dict() for s in load_history(workspace)] == history_in_parallel


def test_located_errors_survive_the_trip_between_processes() -> None:
    import pickle

    from barometer.errors import Problem

    error = CatalogueInvalid([Problem("score-zero", "zero", file="events/001/eu.csv", line=3)], "issue 1")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is CatalogueInvalid and str(copy) == str(error) and copy.problems == error.problems
