"""An import says what it changes: per catalogue the events added, changed (each cell before and after) and
removed; an edited text is one changed event; catalogues the file leaves as they are are neither reported as
replaced nor written; a column the file lacks (pasted text has no Source) changes nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.dates import YearMonth, parse_event_date
from barometer.entry.diff import carries_catalogue, diff_catalogue, edited_words
from barometer.models import Event

from conftest import tree_hashes

runner = CliRunner()
EU = "events/018/eu.csv"


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def event(date: str, text: str, score: int = 1, line: int = 0, source: str = "") -> Event:
    when = parse_event_date(date, YearMonth(2020, 11), YearMonth(2020, 12))
    return Event.model_construct(date=when, text=text, score=score, source=source, extra={}, line=line)


def edited_template(workspace: Path, tmp_path: Path) -> Path:
    """A fresh template of No. 18 with, on the EU sheet, one score -3 → -2, one typo fixed and one row deleted."""
    path = tmp_path / "no18.xlsx"
    assert run(workspace, "template", "18", "-o", str(path)).exit_code == 0
    book = openpyxl.load_workbook(path)
    eu = book["EU"]
    assert eu["C4"].value == -3 and eu["B3"].value.startswith("Minsk's decisions")
    eu["C4"] = -2
    eu["B3"] = eu["B3"].value.replace("Eastern Partnership", "Eastern Partnership programme")
    assert eu["B5"].value.startswith("Uladzimir Makiej meets with French Ambassador")
    eu.delete_rows(5)
    book.save(path)
    return path


def test_replace_reports_each_change_and_writes_only_the_catalogue_that_changed(workspace: Path,
                                                                                tmp_path: Path) -> None:
    path = edited_template(workspace, tmp_path)
    others = {name: (workspace / "events/018" / name).stat().st_mtime_ns
              for name in ("russia.csv", "china.csv", "us.csv", "ukraine.csv", "security.csv")}
    result = run(workspace, "import", str(path), "--issue", "18", "--replace")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "EU: 12 in the file, 13 before — 2 changed, 1 removed, 10 unchanged",
        "  changed  17 November: text \"…the Eastern Partnership to the expert…\" → \"…the Eastern Partnership "
        "programme to the expert…\"",
        "  changed  17 November \"Statement by the Belarusian Foreign…\": score -3 → -2",
        "  removed  8 December: +1 Uladzimir Makiej meets with French Ambassador Nicolas de Lacoste as…",
    ]
    assert lines[4] == ("Already as in the file: Russia (18 events), China (15 events), U.S. (25 events), "
                        "Ukraine (50 events), Security (16 events)")
    assert lines[5] == "Wrote events/018/eu.csv" and "replaced" not in result.stdout
    assert {name: (workspace / "events/018" / name).stat().st_mtime_ns for name in others} == others
    catalogue = (workspace / EU).read_text(encoding="utf-8")
    assert "Eastern Partnership programme" in catalogue and "French Ambassador" not in catalogue
    assert catalogue.count("Minsk's decisions") == 1  # the edited text replaced the old one, nothing added


def test_a_dry_run_prints_the_same_report_and_writes_nothing(workspace: Path, tmp_path: Path) -> None:
    path = edited_template(workspace, tmp_path)
    before = tree_hashes(workspace)
    dry = run(workspace, "import", str(path), "--issue", "18", "--replace", "--dry-run")
    assert dry.exit_code == 0 and tree_hashes(workspace) == before
    done = run(workspace, "import", str(path), "--issue", "18", "--replace")
    assert dry.stdout.splitlines()[:5] == done.stdout.splitlines()[:5]
    assert dry.stdout.splitlines()[-1] == "Dry run: would write events/018/eu.csv; nothing was written"


def test_the_json_report_gives_each_changed_cell(workspace: Path, tmp_path: Path) -> None:
    path = edited_template(workspace, tmp_path)
    result = run(workspace, "import", str(path), "--issue", "18", "--replace", "--format", "json")
    tracks = {t["track"]: t for t in json.loads(result.stdout)["tracks"]}
    eu = tracks["eu"]
    assert [(c["line"], [(x["column"], x["from"], x["to"]) for x in c["cells"]]) for c in eu["changed"]] == [
        (3, [("event", tracks["eu"]["changed"][0]["event"], tracks["eu"]["changed"][0]["event"].replace(
            "Eastern Partnership", "Eastern Partnership programme"))]),
        (4, [("score", "-3", "-2")])]
    assert [(r["line"], r["date"]) for r in eu["removed"]] == [(5, "2020-12-08")]
    assert (eu["written"], eu["unchanged"]) == (True, 10)
    assert [t["written"] for name, t in tracks.items() if name != "eu"] == [False] * 5


def test_a_merge_of_the_edited_template_reports_what_it_does_not_take(workspace: Path, tmp_path: Path) -> None:
    path = edited_template(workspace, tmp_path)
    before = tree_hashes(workspace)
    result = run(workspace, "import", str(path), "--issue", "18")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == ("EU: 12 in the file, 13 before — 2 differ (not taken), 1 not in the file "
                                             "(kept), 10 unchanged (import with --replace to take the file's version)")
    assert "  differs  17 November \"Statement by the Belarusian Foreign…\": score -3 → -2" in result.stdout
    assert "  kept     8 December: +1 Uladzimir Makiej" in result.stdout
    assert "Nothing written" in result.stdout
    assert {k: v for k, v in tree_hashes(workspace).items() if ".backup" not in k} == before  # no edited duplicate


def test_a_file_of_new_events_is_merged_without_guessing_edits(workspace: Path, tmp_path: Path) -> None:
    source = tmp_path / "eu.csv"  # the same date as the French ambassador's, a text much alike: a new event
    source.write_text("date,event,score\n8 December,Uladzimir Makiej meets with German Ambassador Manfred Huterer "
                      "as the latter presents copies of his credentials,+1\n", encoding="utf-8")
    result = run(workspace, "import", str(source), "--issue", "18")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "EU: 1 in the file, 13 before — 1 added"
    assert "  added    8 December: +1 Uladzimir Makiej meets with German" in result.stdout
    assert (workspace / EU).read_text(encoding="utf-8").count("Makiej meets with") == 2


def test_pasted_text_neither_flags_nor_removes_the_catalogues_sources(workspace: Path, tmp_path: Path) -> None:
    catalogue = workspace / EU
    header, *rows = list(csv.reader(io.StringIO(catalogue.read_text(encoding="utf-8"))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[*header, "source"], *([*row, f"https://example.org/{n}"]
                                                                          for n, row in enumerate(rows))])
    catalogue.write_text(out.getvalue(), encoding="utf-8")
    with_sources = catalogue.read_bytes()
    pasted = tmp_path / "eu.txt"  # the catalogue as a bulletin prints it: no sources
    pasted.write_text("Relationship with the EU\nDate\tEvent\tScore\n" + "".join(
        f"{parse_event_date(date).render(2020)}\t{text}\t{score}\n" for date, text, score in rows), encoding="utf-8")
    for replace in ([], ["--replace"]):
        result = run(workspace, "import", str(pasted), "--issue", "18", *replace)
        assert result.exit_code == 0, result.output
        assert "Already as in the file: EU (13 events)" in result.stdout and "differ" not in result.stdout
        assert catalogue.read_bytes() == with_sources
    edited = pasted.read_text(encoding="utf-8").replace("\t-1\n", "\t-2\n", 1)
    pasted.write_text(edited, encoding="utf-8")
    result = run(workspace, "import", str(pasted), "--issue", "18", "--replace")
    assert "1 changed" in result.stdout and "score -1 → -2" in result.stdout
    assert catalogue.read_text(encoding="utf-8").count("https://example.org/") == 13  # sources kept


def test_a_reordered_file_is_written_in_its_order(workspace: Path, tmp_path: Path) -> None:
    catalogue = workspace / "events/018/russia.csv"
    header, *rows = catalogue.read_text(encoding="utf-8").splitlines()
    source = tmp_path / "russia.csv"
    source.write_text("\n".join([header, *reversed(rows)]) + "\n", encoding="utf-8")
    result = run(workspace, "import", str(source), "--issue", "18", "--replace")
    assert result.stdout.splitlines()[0] == "Russia: 18 in the file, 18 before — 18 unchanged, in the file's order"
    assert catalogue.read_text(encoding="utf-8").splitlines()[1:] == list(reversed(rows))


# --- the pairing itself -----------------------------------------------------------------------------------------


def test_events_pair_by_key_then_by_text_then_by_a_text_mostly_alike() -> None:
    old = [event("3 November", "Talks in Minsk", line=2), event("5 November", "Visit of the minister", line=3),
           event("9 November", "Negotiations on the gas price resumed", -1, line=4),
           event("9 November", "Something else entirely", line=5)]
    new = [event("3 November", "talks in minsk"), event("6 November", "Visit of the minister"),
           event("9 November", "Negotiations on the gas prices resumed", -1), event("12 November", "New")]
    diff = diff_catalogue(old, new, ["date", "event", "score"])
    assert [(c.before.line, [(x.column, x.before, x.after) for x in c.cells]) for c in diff.changed] == [
        (2, [("event", "Talks in Minsk", "talks in minsk")]),
        (3, [("date", "2020-11-05", "2020-11-06")]),
        (4, [("event", "Negotiations on the gas price resumed", "Negotiations on the gas prices resumed")])]
    assert [e.text for e in diff.added] == ["New"] and [e.line for e in diff.removed] == [5]
    assert diff.changed[1].describe(2020) == '5 November "Visit of the minister": date 5 November → 6 November'
    without = diff_catalogue(old, new, ["date", "event", "score"], edits=False)
    assert len(without.changed) == 1 and len(without.added) == 3


def test_a_column_the_file_lacks_is_not_compared() -> None:
    old = [event("3 November", "Talks", source="https://a.example")]
    new = [event("3 November", "Talks")]
    assert diff_catalogue(old, new, ["date", "event", "score"]).untouched
    changed = diff_catalogue(old, new, ["date", "event", "score", "source"]).changed
    assert [(c.column, c.before, c.after) for c in changed[0].cells] == [("source", "https://a.example", "")]
    assert changed[0].describe(2020) == '3 November "Talks": source https://a.example → (empty)'


@pytest.mark.parametrize(("old", "new", "carried"), [(4, 2, True), (4, 1, False), (0, 0, False)])
def test_a_file_carries_the_catalogue_when_it_holds_half_its_events(old: int, new: int, carried: bool) -> None:
    events = [event("3 November", f"Event {n}") for n in range(old)]
    assert carries_catalogue(events, events[:new] + [event("4 November", "New")]) is carried


def test_an_edited_text_is_shown_around_the_edit() -> None:
    before = "Minsk's deecisions to downgrade its participation in the Eastern Partnership to the expert level"
    after = before.replace("deecisions", "decisions")
    assert edited_words(before, after) == ("Minsk's deecisions to downgrade its…",
                                           "Minsk's decisions to downgrade its…")
    assert edited_words("a b c d e f g h", "a b c d e f g h i") == ("…f g h", "…f g h i")


def test_replace_after_merging_the_same_template_is_not_refused(workspace: Path, tmp_path: Path) -> None:
    path = edited_template(workspace, tmp_path)
    book = openpyxl.load_workbook(path)
    book["EU"].append(["21 December", "Consultations in Brussels", -1])
    book.save(path)
    merged = run(workspace, "import", str(path), "--issue", "18")
    assert "1 added" in merged.stdout
    replaced = run(workspace, "import", str(path), "--issue", "18", "--replace")
    assert replaced.exit_code == 0, replaced.output  # the event added since the template is in the file
    assert "catalogue-changed-since-template" not in replaced.output
    assert replaced.stdout.splitlines()[0] == "EU: 13 in the file, 14 before — 2 changed, 1 removed, 11 unchanged"
    assert run(workspace, "add", "18", "eu", "Late addition", "--date", "22 December", "--score", "-1").exit_code == 0
    refused = run(workspace, "import", str(path), "--issue", "18", "--replace")
    assert refused.exit_code == 1 and "catalogue-changed-since-template" in refused.output


def test_a_long_list_of_changes_is_cut_at_a_hundred(workspace: Path, tmp_path: Path) -> None:
    catalogue = workspace / "events/018/russia.csv"
    catalogue.write_text("date,event,score\n" + "".join(f"2020-11-{1 + n % 30:02d},Event {n},+1\n"
                                                         for n in range(150)), encoding="utf-8")
    source = tmp_path / "russia.csv"
    source.write_text("date,event,score\n2020-12-01,Only this,-1\n", encoding="utf-8")
    result = run(workspace, "import", str(source), "--issue", "18", "--replace", "--dry-run")
    lines = result.stdout.splitlines()
    assert lines[0] == "Russia: 1 in the file, 150 before — 1 added, 150 removed"
    assert sum(line.startswith("  removed") for line in lines) == 100
    assert "  … and 50 more (--format json lists them all)" in lines
