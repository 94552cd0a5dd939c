"""A method a reviewer trusts: the revision ledger, coder agreement, why a figure moved, how firmly it holds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer.agreement import CATALOGUE_CODER, Unit, reliability
from barometer.cli import app
from barometer.drivers import explain_all
from barometer.load import Loader, check_issue
from barometer.models import Catalogue
from barometer.report import build_report
from barometer.robustness import robustness
from barometer.workspace import Workspace

from conftest import copy_workspace, generator, tree_hashes

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the reliability data of section C: four
# coders, twelve units, missing values; he gives alpha = 0.849 at the interval level.
TEXTBOOK = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}


def run(workspace: Path, *args: str):
    return CliRunner().invoke(app, ["--workspace", str(workspace), *args])


def textbook_units() -> list[Unit]:
    return [Unit("t", None, "score", {coder: values[i] for coder, values in TEXTBOOK.items()  # type: ignore[arg-type]
                                      if values[i] is not None}) for i in range(12)]


def test_alpha_is_krippendorffs_textbook_value() -> None:
    found = reliability(textbook_units())
    assert round(found.alpha, 3) == 0.849
    assert found.low <= found.alpha <= found.high and found.events == 11  # unit 12 has one coder only
    assert found.coders == ["A", "B", "C", "D"]


def test_identical_codings_agree_perfectly() -> None:
    units = [Unit("t", None, "score", {CATALOGUE_CODER: v, "second": v}) for v in (1, -2, 3, 3, -1)]
    assert reliability(units).alpha == 1.0
    same = [Unit("t", None, "score", {CATALOGUE_CODER: 1, "second": 1}) for _ in range(4)]  # no variation at all
    assert reliability(same).alpha == 1.0


def write_coder(root: Path, coder: str, track: str, change: dict[str, str]) -> Path:
    """A second coder's file: the catalogue's events with the scores of the events named in `change`."""
    source = root / "events" / "018" / f"{track}.csv"
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    fields = [name for name in rows[0] if name != "source"]
    folder = root / "events" / "018" / "coders" / coder
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{track}.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "score": change.get(row["event"], row.get("score", ""))})
    return folder / f"{track}.csv"


def test_agreement_of_a_second_coder_is_measured_and_the_disputed_events_ranked(workspace: Path) -> None:
    write_coder(workspace, "kulai", "russia", {"Reduction in roaming fees": "+3", "Lavrov's visit to Minsk": "-1"})
    result = run(workspace, "agreement", "18", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    russia = data["tracks"]["russia"]
    assert russia["coders"] == ["catalogue", "kulai"] and russia["events"] == 18
    assert 0 < russia["alpha"] < 1 and russia["low"] <= russia["alpha"] <= russia["high"]
    assert data["tracks"]["eu"]["alpha"] is None  # no second coder there
    assert [(d["event"], d["scores"]) for d in data["disputed"]] == [
        ("Reduction in roaming fees", {"catalogue": 1, "kulai": 3}), ("Lavrov's visit to Minsk", {"catalogue": 1,
                                                                                                "kulai": -1})]
    assert run(workspace, "agreement", "18", "--format", "json").output == result.output  # a fixed seed


def test_a_coded_event_the_catalogue_lacks_is_a_warning(workspace: Path) -> None:
    path = write_coder(workspace, "kulai", "china", {})
    with path.open("a", encoding="utf-8") as stream:
        stream.write("2020-11-20,An event nobody catalogued,+1\n")
    result = check_issue(Workspace.open(workspace), 18)
    assert [(p.code, p.file, p.line, p.severity) for p in result.problems if p.code == "coder-event-unknown"] == [
        ("coder-event-unknown", "events/018/coders/kulai/china.csv", 17, "warning")]


def test_level_holds_for_a_single_event_and_the_same_data_give_the_same_figures(workspace: Path) -> None:
    loader = Loader(Workspace.open(workspace))
    catalogue = loader.loaded(18).catalogue
    first = robustness(loader.config, catalogue, loader.scale)
    assert first == robustness(loader.config, catalogue, loader.scale)
    assert first.level_holds is not None and 0 < first.level_holds < 1
    low, high = first.tracks["russia"].interval  # type: ignore[misc]
    assert low <= 14 <= high and first.tracks["russia"].mean == pytest.approx(14 / 18)
    one = Catalogue.model_construct(issue=catalogue.issue, events={**catalogue.events,
                                                                   "security": catalogue.events["security"][:1]})
    assert robustness(loader.config, one, loader.scale).level_holds == 1.0


def test_coders_widen_the_interval(workspace: Path) -> None:
    loader = Loader(Workspace.open(workspace))
    catalogue = loader.loaded(18).catalogue
    alone = robustness(loader.config, catalogue, loader.scale).tracks["china"].interval
    scores = {("china", e.key): [(-1,)] for e in catalogue.events["china"]}  # a coder who scores every event −1
    both = robustness(loader.config, catalogue, loader.scale, scores).tracks["china"].interval
    assert alone == (15, 15) and both[0] < alone[0]  # type: ignore[index]


def test_drivers_sum_exactly_to_every_change(tmp_path: Path) -> None:
    root = generator().generate(tmp_path / "many", issues=6, events=15)
    loader = Loader(Workspace.open(root))
    loaded = {n: loader.loaded(n) for n in range(1, 7)}
    checked = 0
    for first, second in zip(range(1, 6), range(2, 7), strict=True):
        before, after = loaded[first], loaded[second]
        years = (before.issue.period.end.year, after.issue.period.end.year)
        for key, explanation in explain_all(loader.config, (first, before.catalogue), (second, after.catalogue),
                                            years).items():
            track, _, name = key.partition(".")
            old = getattr(before.summary.security, name) if name else before.summary.tracks[track].aggregate
            new = getattr(after.summary.security, name) if name else after.summary.tracks[track].aggregate
            assert explanation.known and sum(d.contribution for d in explanation.drivers) == new - old
            assert explanation.change == new - old
            sizes = [abs(d.contribution) for d in explanation.drivers]
            assert sizes == sorted(sizes, reverse=True)
            checked += 1
    assert checked == 5 * 7


def test_a_change_from_an_issue_known_only_by_print_is_not_explained(workspace: Path) -> None:
    loader = Loader(Workspace.open(workspace))
    explanations = explain_all(loader.config, (16, None), (18, loader.loaded(18).catalogue), (2020, 2020))
    assert all(not e.known and e.drivers == [] for e in explanations.values())


# --- the revision ledger --------------------------------------------------------------------------------------


def test_no18_ships_published_and_its_catalogues_are_as_published(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    issue = Loader(Workspace.open(root)).issue_file(18).issue
    assert issue.published_on == "2021-01"
    for track in ("russia", "eu", "china", "us", "ukraine", "security"):
        assert (root / "events" / "018" / "published" / f"{track}.csv").read_bytes() == \
            (root / "events" / "018" / f"{track}.csv").read_bytes()
    assert check_issue(Workspace.open(root), 18).errors == []


def test_a_hand_edit_of_a_published_issue_fails_check_at_its_line_and_summary_warns(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    catalogue = root / "events" / "018" / "russia.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if "Reduction in roaming fees" in line)
    lines[number - 1] = lines[number - 1].replace(",+1", ",+2")
    lines.append("2020-12-30,An event added by hand,+1\n")
    catalogue.write_text("".join(lines), encoding="utf-8")
    result = run(root, "check", "18")
    assert result.exit_code == 1
    assert f"events/018/russia.csv:{number} (score)  revision-unrecorded" in result.output
    assert "(+1 → +2)" in result.output
    assert f"events/018/russia.csv:{len(lines)}  revision-unrecorded" in result.output
    summary = run(root, "summary", "18", "--format", "json")
    assert summary.exit_code == 0 and json.loads(summary.output)["tracks"]["russia"]["aggregate"] == 16


def test_the_bulletin_as_published_and_as_revised(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    catalogue = root / "events" / "018" / "russia.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("Reduction in roaming fees,+1",
                                                                       "Reduction in roaming fees,+3"),
                         encoding="utf-8")
    with (root / "events" / "018" / "revisions.csv").open("a", encoding="utf-8") as stream:
        stream.write("2021-02-01T10:00:00Z,russia,2020-11-01,Reduction in roaming fees,score,1,3,"
                     "\"The fee cut was larger than first reported\"\n")
    assert check_issue(Workspace.open(root), 18).errors == []  # the record covers the change
    workspace = Workspace.open(root)
    revised = build_report(workspace, 18, root / "revised.pdf")
    published = build_report(workspace, 18, root / "published.pdf", as_published=True)
    assert revised.summary.tracks["russia"].aggregate == 16 and published.summary.tracks["russia"].aggregate == 14
    from pypdf import PdfReader

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(root / "revised.pdf").pages)
    assert "1 change has been made since, listed below with its reason." in text
    assert "The fee cut was larger than first reported" in text
    before = tree_hashes(root)
    assert run(root, "publish", "18").exit_code == 1  # published already: refused, nothing written
    assert tree_hashes(root) == before


def test_publishing_freezes_the_catalogues_atomically(workspace: Path) -> None:
    result = run(workspace, "publish", "18", "--date", "2021-01-15")
    assert result.exit_code == 0, result.output
    folder = workspace / "events" / "018"
    assert 'published_on = "2021-01-15"' in (folder / "issue.toml").read_text(encoding="utf-8")
    assert (folder / "revisions.csv").read_text(encoding="utf-8").startswith("when,track,date,event,field,old,new")
    assert sorted(p.name for p in (folder / "published").iterdir()) == [
        "china.csv", "eu.csv", "russia.csv", "security.csv", "ukraine.csv", "us.csv"]
    assert run(workspace, "publish", "18", "--date", "15 January").exit_code == 2


def test_the_bulletin_names_what_moved_the_indices_since_the_issue_before(workspace: Path) -> None:
    folder = workspace / "events" / "019"
    folder.mkdir()
    (folder / "issue.toml").write_text('number = 19\n[period]\nstart = "2021-01"\nend = "2021-02"\n', encoding="utf-8")
    (folder / "russia.csv").write_text("date,event,score\n2021-01-12,Talks in Sochi,+3\n2021-02-25,Trade dispute,-2\n",
                                       encoding="utf-8")
    from pypdf import PdfReader

    result = build_report(Workspace.open(workspace), 19)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(result.path).pages)
    assert "What moved the indices since No. 18" in text
    # Russia fell from +14 to +1: what moved it down are No. 18's +2 events, which no longer count
    assert "Russia −13 Lukashenka approves the plan for the use of the joint force grouping (No. 18: +2, no longer " \
           "counted)" in text


def test_a_change_to_a_published_issue_needs_a_reason_and_is_recorded(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    before = tree_hashes(root)
    refused = run(root, "add", "18", "russia", "Consultations in Minsk", "--date", "9 December", "--score", "+1")
    assert refused.exit_code == 1 and "issue-published" in refused.output and "--reason" in refused.output
    assert tree_hashes(root) == before
    added = run(root, "add", "18", "russia", "Consultations in Minsk", "--date", "9 декабря", "--score", "+1",
                "--reason", "Left out of the printed catalogue")
    assert added.exit_code == 0, added.output
    removed = run(root, "remove", "18", "china", "Jury Sianko appointed ambassador of Belarus to China", "--date",
                  "19 November", "--reason", "Not a relations event")
    assert removed.exit_code == 0, removed.output
    with (root / "events" / "018" / "revisions.csv").open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert [(r["track"], r["date"], r["event"], r["field"], r["new"], r["reason"]) for r in records] == [
        ("russia", "2020-12-09", "Consultations in Minsk", "added", "Consultations in Minsk",
         "Left out of the printed catalogue"),
        ("russia", "2020-12-09", "Consultations in Minsk", "score", "1", "Left out of the printed catalogue"),
        ("china", "2020-11-19", "Jury Sianko appointed ambassador of Belarus to China", "removed", "",
         "Not a relations event")]
    assert run(root, "check", "18").exit_code == 0  # every difference is recorded
    revised = json.loads(run(root, "summary", "18", "--format", "json").output)
    published = json.loads(run(root, "summary", "18", "--format", "json", "--as-published").output)
    assert (published["tracks"]["russia"]["aggregate"], revised["tracks"]["russia"]["aggregate"]) == (14, 15)
    assert (published["tracks"]["china"]["aggregate"], revised["tracks"]["china"]["aggregate"]) == (15, 14)
    history = json.loads(run(root, "history", "--format", "json", "--as-published").output)
    assert [e for e in history if e["issue"] == 18][0]["tracks"]["russia"]["aggregate"] == 14


def test_an_import_into_a_published_issue_records_each_changed_field(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    edited = tmp_path / "russia.csv"
    text = (root / "events" / "018" / "russia.csv").read_text(encoding="utf-8")
    edited.write_text(text.replace("Reduction in roaming fees,+1", "Reduction in roaming fees,+2"), encoding="utf-8")
    assert run(root, "import", str(edited), "--issue", "18", "--replace").exit_code == 1
    result = run(root, "import", str(edited), "--issue", "18", "--replace", "--reason", "Fee cut larger")
    assert result.exit_code == 0, result.output
    with (root / "events" / "018" / "revisions.csv").open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    assert [(r["event"], r["field"], r["old"], r["new"], r["reason"]) for r in records] == [
        ("Reduction in roaming fees", "score", "1", "2", "Fee cut larger")]
    assert check_issue(Workspace.open(root), 18).errors == []


def test_a_blind_template_goes_to_a_second_coder_and_comes_back_as_their_scores(workspace: Path,
                                                                               tmp_path: Path) -> None:
    import openpyxl

    blind = tmp_path / "blind.xlsx"
    assert run(workspace, "template", "18", "--blind", "-o", str(blind)).exit_code == 0
    book = openpyxl.load_workbook(blind)
    russia = book["Russia"]
    header = [cell.value for cell in russia[1]]
    rows = [[cell.value for cell in row] for row in russia.iter_rows(min_row=2) if row[0].value]
    assert len(rows) == 18 and all(row[header.index("Score")] is None for row in rows)
    for row in russia.iter_rows(min_row=2):
        if row[0].value:
            row[header.index("Score")].value = 1  # this coder scores every Russia event +1
    for name in ("EU", "China", "U.S.", "Ukraine", "Security"):
        del book[name]
    book.save(blind)
    result = run(workspace, "import", str(blind), "--issue", "18", "--coder", "kulai")
    assert result.exit_code == 0, result.output
    stored = (workspace / "events" / "018" / "coders" / "kulai" / "russia.csv").read_text(encoding="utf-8")
    assert stored.count(",+1") == 18
    data = json.loads(run(workspace, "agreement", "18", "--format", "json").output)
    assert data["tracks"]["russia"]["coders"] == ["catalogue", "kulai"]
    assert run(workspace, "import", str(blind), "--issue", "18", "--coder", "Kulai Olga").exit_code == 2


def test_compare_explain_gives_drivers_that_sum_to_each_change(workspace: Path) -> None:
    folder = workspace / "events" / "019"
    folder.mkdir()
    (folder / "issue.toml").write_text('number = 19\n[period]\nstart = "2021-01"\nend = "2021-02"\n', encoding="utf-8")
    (folder / "russia.csv").write_text("date,event,score\n2021-01-12,Talks in Sochi,+3\n", encoding="utf-8")
    data = json.loads(run(workspace, "compare", "18", "19", "--explain", "--format", "json").output)
    russia = data["tracks"]["russia"]
    assert russia["explained"] and sum(d["contribution"] for d in russia["drivers"]) == russia["change"] == 3 - 14
    assert russia["drivers"][0]["contribution"] in (-2, +3) and {d["issue"] for d in russia["drivers"]} == {18, 19}
    assert data["tracks"]["eu"]["explained"] is False and data["tracks"]["eu"]["drivers"] == []
    printed_only = json.loads(run(workspace, "compare", "16", "18", "--explain", "--format", "json").output)
    assert all(not t["explained"] for t in printed_only["tracks"].values())


def test_summary_gives_how_firmly_each_figure_holds(workspace: Path) -> None:
    data = json.loads(run(workspace, "summary", "18", "--format", "json").output)
    russia = data["tracks"]["russia"]
    assert russia["mean"] == round(14 / 18, 3) and russia["interval"][0] <= 14 <= russia["interval"][1]
    assert 0 < data["security"]["level_holds"] < 1 and data["resamples"] == 2000
    table = CliRunner().invoke(app, ["--workspace", str(workspace), "summary", "18"], env={"COLUMNS": "160"}).output
    low, high = russia["interval"]
    assert f"+{low} to +{high}" in table and f"the level holds in {round(data['security']['level_holds'] * 100)} %" \
        in table


@pytest.mark.parametrize("edit", ["score of an event added with a reason", "another event of a removed one's text",
                                  "a record of an unknown track", "a record without a reason"])
def test_the_log_is_replayed_so_no_hand_edit_hides_behind_a_record(tmp_path: Path, edit: str) -> None:
    root = copy_workspace(tmp_path / "ws", published=True)
    russia = root / "events" / "018" / "russia.csv"
    log = root / "events" / "018" / "revisions.csv"
    if edit == "score of an event added with a reason":
        assert run(root, "add", "18", "russia", "Test", "--date", "5 November", "--score", "+2", "--reason",
                   "r").exit_code == 0
        russia.write_text(russia.read_text(encoding="utf-8").replace(",Test,+2", ",Test,+5"), encoding="utf-8")
        expected = ("revision-unrecorded", "events/018/russia.csv")
    elif edit == "another event of a removed one's text":
        assert run(root, "remove", "18", "russia", "--line", "5", "--reason", "duplicate").exit_code == 0
        lines = russia.read_text(encoding="utf-8").splitlines(keepends=True)
        russia.write_text("".join(line for line in lines if not line.startswith("2020-11-30,Telephone")),
                          encoding="utf-8")
        expected = ("revision-unrecorded", "events/018/published/russia.csv")
    else:
        track, reason = ("belarus", "why") if "track" in edit else ("russia", "")
        log.write_text(log.read_text(encoding="utf-8") + f"2021-02-01T10:00:00Z,{track},2020-11-01,Reduction in "
                       f"roaming fees,score,1,2,{reason}\n", encoding="utf-8")
        expected = ("revision-invalid", "events/018/revisions.csv")
    result = check_issue(Workspace.open(root), 18)
    assert expected in [(p.code, p.file) for p in result.errors]
    assert Loader(Workspace.open(root)).summary(18) is not None  # the figures still sum; summary warns


def test_a_missing_frozen_copy_is_named(tmp_path: Path) -> None:
    import shutil

    root = copy_workspace(tmp_path / "ws", published=True)
    shutil.rmtree(root / "events" / "018" / "published")
    errors = check_issue(Workspace.open(root), 18).errors
    assert {(p.code, p.file) for p in errors} == {("published-copy-missing", f"events/018/published/{t}.csv")
                                                  for t in ("russia", "eu", "china", "us", "ukraine", "security")}
    assert run(root, "summary", "18", "--as-published").exit_code == 1


def test_undoing_a_publication_puts_the_issue_back_as_it_was(workspace: Path) -> None:
    before = tree_hashes(workspace)
    assert run(workspace, "publish", "18", "--date", "2021-01").exit_code == 0
    assert run(workspace, "restore", "18", "latest").exit_code == 0
    after = {name: digest for name, digest in tree_hashes(workspace).items() if "/.backup/" not in name}
    assert after == before


def test_the_method_page_says_only_what_the_ledger_holds(tmp_path: Path) -> None:
    from pypdf import PdfReader

    root = copy_workspace(tmp_path / "ws", published=True)
    assert run(root, "add", "18", "russia", "Consultations in Minsk", "--date", "9 December", "--score", "+1",
               "--reason", "Left out").exit_code == 0
    russia = root / "events" / "018" / "russia.csv"
    russia.write_text(russia.read_text(encoding="utf-8").replace("Reduction in roaming fees,+1",
                                                                 "Reduction in roaming fees,+3"), encoding="utf-8")

    def page(*options: str) -> tuple[str, str]:
        result = CliRunner().invoke(app, ["--workspace", str(root), "report", "18", "-o", str(root / "b.pdf"),
                                          "--force", *options], env={"COLUMNS": "200"})
        assert result.exit_code == 0, result.output
        text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(root / "b.pdf").pages)
        return text, result.output

    revised, printed = page()
    assert "Published: January 2021. 1 change has been made since, listed below with its reason. The catalogues " \
           "also differ from the catalogues as published in 1 place that no revision record explains." in revised
    assert "revision-unrecorded" in printed  # the report warns
    published, _ = page("--as-published")
    assert "This edition gives the issue as published; 1 change made since is not included." in published


@pytest.mark.parametrize(("date", "why"), [("2021-02-30", "no day of the calendar"), ("2020-11", "before the end"),
                                           ("2999-01-01", "in the future"), ("15 January", "no publication date")])
def test_a_publication_date_must_be_a_day_after_the_issue(workspace: Path, date: str, why: str) -> None:
    result = run(workspace, "publish", "18", "--date", date)
    assert result.exit_code == 2 and why in result.output


def test_a_draft_is_not_published_and_a_wrong_date_in_issue_toml_is_located(workspace: Path) -> None:
    folder = workspace / "events" / "019"
    folder.mkdir()
    (folder / "issue.toml").write_text('number = 19\n[period]\nstart = "2021-01"\nend = "2021-02"\n', encoding="utf-8")
    (folder / "russia.csv").write_text("date,event,score\n2021-01-12,Talks in Sochi,+3\n", encoding="utf-8")
    (folder / "eu.csv").write_text("date,event,score\n", encoding="utf-8")
    result = run(workspace, "publish", "19", "--date", "2021-03")
    assert result.exit_code == 1 and "is a draft: EU not entered yet" in result.output
    (folder / "issue.toml").write_text('number = 19\npublished_on = "2021-02-30"\n[period]\nstart = "2021-01"\n'
                                       'end = "2021-02"\n', encoding="utf-8")
    checked = run(workspace, "check", "19")
    assert checked.exit_code == 1 and "events/019/issue.toml:2" in checked.output and "no day of the calendar" in \
        checked.output and "Traceback" not in checked.output
