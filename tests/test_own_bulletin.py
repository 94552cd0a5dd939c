"""Pasted text from a bulletin this tool made: its appendices, through `pdftotext` with and without `-layout`,
give back No. 18's catalogues; headings by any alias; Totals, notes and headers as this tool prints them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.io.bulletin_text import PastedBulletin, parse_bulletin_text, read_bulletin_text
from barometer.models import Catalogue
from barometer.workspace import Workspace

from browser import needed
from conftest import DATA, REPO, copy_workspace, validated

OWN_PLAIN = DATA / "pasted" / "own-bulletin-18-appendices.txt"  # pdftotext -f 33 -l 39 reports/018.pdf
OWN_LAYOUT = DATA / "pasted" / "own-bulletin-18-appendices-layout.txt"  # the same with -layout
runner = CliRunner()


def events_of(bulletin: PastedBulletin, ws: Workspace, shipped: Catalogue) -> tuple[dict[str, list], list]:
    events, problems = validated(bulletin, ws, shipped.issue)
    return events, [p for p in problems if p.severity == "error"]


def as_set(events: list) -> list[tuple]:
    """A catalogue's events, each as (date, text, scores), in date order: the bulletin prints catalogues in date
    order, where the shipped files keep the order they were entered in."""
    return sorted((e.date.iso, e.text, tuple(e.scores.values())) for e in events)


@pytest.mark.parametrize("path", [OWN_PLAIN, OWN_LAYOUT], ids=["plain", "layout"])
def test_our_own_bulletins_appendices_give_back_the_catalogues(path: Path, ws: Workspace,
                                                               shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(path, ws.config, shipped.issue.period)
    events, errors = events_of(bulletin, ws, shipped)
    assert errors == []
    assert list(events) == [t.id for t in ws.config.tracks]
    for track_id, expected in shipped.events.items():
        assert as_set(events[track_id]) == as_set(expected), track_id
    published = shipped.issue.published
    assert published is not None  # the figures as first published, from the notes beside the Totals
    assert bulletin.printed["russia"] == {"positive": 18, "negative": -4, "aggregate": 14}
    assert bulletin.printed["us"] == {"positive": 6, "negative": -20, "aggregate": -14}
    assert bulletin.printed["us"]["aggregate"] == published.tracks["us"].aggregate
    assert bulletin.printed["security"] == {"national_security": 0, "regional_tension": -8}
    assert bulletin.levels == {"security": "Yellow"}


def test_without_layout_pdftotext_drops_hyphens_at_line_ends_which_are_put_back_with_a_warning(
        ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(OWN_PLAIN, ws.config, shipped.issue.period)
    restored = [(p.code, p.value, p.severity) for p in bulletin.problems if p.code == "hyphen-restored"]
    assert restored == [("hyphen-restored", "antiBelarusian", "warning"), ("hyphen-restored", "OdessaBrody", "warning")]
    assert all("read as 'anti-Belarusian'" in p.message or "read as 'Odessa-Brody'" in p.message
               for p in bulletin.problems if p.code == "hyphen-restored")


@pytest.mark.parametrize("path", [OWN_PLAIN, OWN_LAYOUT], ids=["plain", "layout"])
def test_importing_them_into_an_empty_issue_writes_the_same_events_and_keeps_the_printed_figures(
        path: Path, tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    for track in ("russia", "eu", "china", "us", "ukraine", "security"):
        catalogue = root / "events/018" / f"{track}.csv"
        catalogue.write_text(catalogue.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    result = runner.invoke(app, ["--workspace", str(root), "import", str(path), "--issue", "18"])
    assert result.exit_code == 0, result.output
    assert "printed-replaced" not in result.output  # '+17' in the Total row, '+18' as published: +18 is kept
    for track in ("russia", "eu", "china", "us", "ukraine", "security"):
        written = (root / "events/018" / f"{track}.csv").read_text(encoding="utf-8").splitlines()
        assert sorted(written) == sorted((REPO / "events/018" / f"{track}.csv").read_text(
            encoding="utf-8").splitlines()), track
    summary = runner.invoke(app, ["--workspace", str(root), "summary", "18", "--format", "json"])
    shipped = runner.invoke(app, ["--workspace", str(REPO), "summary", "18", "--format", "json"])
    assert json.loads(summary.stdout)["mismatches"] == json.loads(shipped.stdout)["mismatches"]  # the same four


@pytest.mark.parametrize("layout", [False, True], ids=["plain", "layout"])
def test_the_bulletin_made_now_still_reads_back(layout: bool, tmp_path: Path, ws: Workspace,
                                                shipped: Catalogue) -> None:
    if shutil.which("pdftotext") is None:
        needed("pdftotext is not installed: `apt-get install -y poppler-utils` (.ci/run installs it)")
    root = copy_workspace(tmp_path / "ws")
    pdf = tmp_path / "018.pdf"
    assert runner.invoke(app, ["--workspace", str(root), "report", "18", "-o", str(pdf)]).exit_code == 0
    text = tmp_path / "018.txt"
    subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(pdf), str(text)], check=True, timeout=60)
    bulletin = read_bulletin_text(text, ws.config, shipped.issue.period)  # the whole bulletin, body and all
    events, errors = events_of(bulletin, ws, shipped)
    assert errors == []
    for track_id, expected in shipped.events.items():
        assert as_set(events[track_id]) == as_set(expected), track_id


# --- headings, Totals, notes and headers as this tool prints them ------------------------------------------------


ROW = "3 November\tTalks in Minsk\t+1\n"
SECURITY = "Date\tEvent\tNational security\tRegional tension\nDecember\tDrill\t+1\t-1\n"


@pytest.mark.parametrize("heading", ["Security Barometer", "security barometer", "## SECURITY BAROMETER",
                                     "Security", "# Catalogue of events underlying the security indices"])
def test_every_alias_is_a_heading_with_or_without_a_hash_in_any_case(heading: str, ws: Workspace,
                                                                      shipped: Catalogue) -> None:
    text = f"Relationship with Russia\nDate\tEvent\tScore\n{ROW}\n{heading}\n{SECURITY}"
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert [row.cells["event"] for row in bulletin.tables["security"].rows] == ["Drill"]


@pytest.mark.parametrize("heading", ["EU", "the European Union", "US", "U.S."])
def test_a_short_alias_is_a_heading_between_sections(heading: str, ws: Workspace, shipped: Catalogue) -> None:
    text = f"Russia\nDate\tEvent\tScore\n{ROW}Total\t\t+1\n\n{heading}\nDate\tEvent\tScore\n4 December\tVisit\t-1\n"
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert len(bulletin.tables) == 2
    assert [r.cells["event"] for r in bulletin.tables["russia"].rows] == ["Talks in Minsk"]


@pytest.mark.parametrize("wrapped", ["\t\tRussia", "Russia", "                    Russia"])
def test_a_wrapped_text_ending_in_a_tracks_name_stays_text(wrapped: str, ws: Workspace, shipped: Catalogue) -> None:
    text = ("Relationship with Ukraine\nDate\tEvent\tScore\n"
            f"3 November\tTalks on the supply of oil products from\t+1\n{wrapped}\n4 November\tVisit\t+1\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert [r.cells["event"] for r in bulletin.tables["ukraine"].rows] == [
        "Talks on the supply of oil products from Russia", "Visit"]


def test_a_security_header_under_a_relationship_says_a_heading_may_be_missing(ws: Workspace,
                                                                              shipped: Catalogue) -> None:
    text = f"Relationship with Russia\nDate\tEvent\tScore\n{ROW}\nSecurity Barometr\n{SECURITY}"
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    [mismatch] = [p for p in bulletin.problems if p.code == "header-mismatch"]
    assert mismatch.line == 6 and "is the heading of 'Security' (Security Barometer: status of national and " \
        "regional security) missing above it" in mismatch.message


@pytest.mark.parametrize(("total", "figures", "level"), [
    ("Total\tpositive +17 · negative −3\t+14", {"positive": 17, "negative": -3, "aggregate": 14}, None),
    ("Total\tpositive +6 · negative −22†\t−16‡", {"positive": 6, "negative": -22, "aggregate": -16}, None),
])
def test_totals_as_this_tool_prints_them(total: str, figures: dict, level: str | None, ws: Workspace,
                                         shipped: Catalogue) -> None:
    bulletin = parse_bulletin_text(f"Relationship with Russia\nDate\tEvent\tScore\n{ROW}{total}\n", ws.config,
                                   shipped.issue.period)
    assert bulletin.problems == [] and bulletin.printed == {"russia": figures}


def test_a_security_total_with_its_level_unbracketed(ws: Workspace, shipped: Catalogue) -> None:
    text = f"Security\n{SECURITY}Total\t0\t−8 Yellow\n"
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.printed == {"security": {"national_security": 0, "regional_tension": -8}}
    assert bulletin.levels == {"security": "Yellow"}


def test_a_note_of_the_figure_as_published_is_the_printed_figure(ws: Workspace, shipped: Catalogue) -> None:
    text = (f"Relationship with Russia\nDate\tEvent\tScore\n{ROW}Total\tpositive +17† · negative −3‡\t+14\n"
            "†\nAs published: +18; the catalogue sums to +17 (see “Note on printed figures”).\n"
            "‡ As published: −4; the catalogue sums to −3\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert bulletin.printed == {"russia": {"positive": 18, "negative": -4, "aggregate": 14}}


def test_prose_before_the_first_heading_is_a_warning_and_rows_there_an_error(ws: Workspace,
                                                                             shipped: Catalogue) -> None:
    prose = parse_bulletin_text(f"the relationship with other members of the organization.\n\nRussia\n{ROW}",
                                ws.config, shipped.issue.period)
    assert [(p.line, p.code, p.severity) for p in prose.problems] == [(1, "text-before-heading", "warning")]
    rows = parse_bulletin_text(f"Our notes\n{ROW}\nRussia\n{ROW}", ws.config, shipped.issue.period)
    assert [(p.line, p.code, p.severity) for p in rows.problems] == [
        (1, "text-before-heading", "warning"), (2, "text-before-heading", "error")]
