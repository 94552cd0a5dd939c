"""The bulletin as its reader gets it: read back from the PDF's text, links and structure tree."""

from __future__ import annotations

import csv
import re
import statistics
import tomllib
from pathlib import Path

import pytest
from pypdf import PdfReader

from barometer.dates import YearMonth, parse_event_date
from barometer.load import Loader, check_issue
from barometer.report import build_report
from barometer.report.content import build_report_data
from barometer.report.markdown import parse_markdown, plain_text
from barometer.workspace import Workspace

from conftest import copy_workspace, walk_pdf

SOURCE = "https://www.belta.by/politics/view/roaming-2020"
TRACKS = ("russia", "eu", "china", "us", "ukraine", "security")


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """No. 18 with a source given for one event."""
    root = copy_workspace(tmp_path_factory.mktemp("bulletin") / "ws")
    path = root / "events" / "018" / "russia.csv"
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        row["source"] = SOURCE if row["event"] == "Reduction in roaming fees" else ""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["date", "event", "score", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return root


@pytest.fixture(scope="module")
def pdf(workspace: Path) -> PdfReader:
    return PdfReader(build_report(Workspace.open(workspace), 18).path)


@pytest.fixture(scope="module")
def pages(pdf: PdfReader) -> list[str]:
    return [page.extract_text() for page in pdf.pages]


def structure(pdf: PdfReader) -> list[dict]:
    """Every element of the PDF's structure tree."""
    return walk_pdf([pdf.trailer["/Root"]["/StructTreeRoot"]], lambda element: [element.get("/K", [])])


def test_authors_acknowledgement_and_citation_are_printed(workspace: Path, pages: list[str]) -> None:
    config = tomllib.loads((workspace / "barometer.toml").read_text(encoding="utf-8"))
    issue = tomllib.loads((workspace / "events" / "018" / "issue.toml").read_text(encoding="utf-8"))
    text = normalise(" ".join(pages))
    authors = next(page for page in pages if page.splitlines()[1:2] == ["Authors"])
    people = {person["id"]: person["name"] for person in config["people"]}
    names = [people[person] for person in issue["authors"]]
    assert len(names) == 6 and all(name in authors for name in names)
    assert [authors.index(name) for name in names] == sorted(authors.index(name) for name in names)
    assert normalise(config["imprint"]["acknowledgement"]) in text
    assert "Suggested citation. Minsk Barometer: Monitoring of foreign policy and regional security. No. 18 " \
           "(November and December 2020)." in text


def test_a_corrected_figure_carries_its_printed_value_on_the_same_page(pages: list[str]) -> None:
    summary = next(page for page in pages if page.splitlines()[1:2] == ["Summary of the issue"])
    russia = next(line for line in summary.splitlines() if line.startswith("Russia +14"))
    assert russia.split()[:4] == ["Russia", "+14", "+17\u2020", "\u22123\u2021"]
    assert "\u2020As published: +18; the catalogue sums to +17" in summary
    assert "\u2021As published: \u22124; the catalogue sums to \u22123" in summary
    section = next(page for page in pages if "Relationship with Russia\nAGGREGATE" in page)
    assert "POSITIVE +17\u2020" in section and "As published: +18" in section
    appendix = next(page for page in pages if "Reduction in roaming fees" in page and "Total" in page)
    assert "As published: +18" in appendix


def test_no_figure_is_printed_with_a_hyphen_minus(pages: list[str]) -> None:
    text = "\n".join(pages)
    assert re.findall(r"(?<![\w\-\u2013/.])-\s?\d", text) == []
    assert text.count("\u2212") > 100  # every negative figure: tables, tiles, charts, notes


def test_every_figure_has_alternative_text_from_its_data(pdf: PdfReader) -> None:
    figures = [element for element in structure(pdf) if element.get("/S") == "/Figure"]
    alts = [str(element.get("/Alt", "")) for element in figures]
    assert len(figures) == 7  # the overview, the tension chart and five cumulative charts
    assert all(len(alt) > 60 for alt in alts)
    assert any("Russia +14 (positive +17, negative \u22123)" in alt for alt in alts)
    assert any(alt.startswith("Line chart of the cumulative score of Ukraine") and "50 events" in alt for alt in alts)


def test_pdf_ua_1_is_declared(pdf: PdfReader) -> None:
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r"<pdfuaid:part>1</pdfuaid:part>|pdfuaid:part=\"1\"", xmp)
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]
    assert str(pdf.trailer["/Root"]["/Lang"]) == "en"


def test_no_near_empty_page_but_the_cover_and_the_closing_page(pages: list[str]) -> None:
    lines = [len([line for line in page.splitlines() if line.strip()]) for page in pages]
    assert [number for number, count in enumerate(lines, start=1) if count < 10] in ([1, len(pages)], [len(pages)])


def test_running_text_is_sixty_to_seventy_five_characters_a_line(workspace: Path, pages: list[str]) -> None:
    folder = workspace / "events" / "018" / "text"
    paragraphs = [normalise(line) for track in TRACKS
                  for line in plain_text(parse_markdown((folder / f"{track}.md").read_text(encoding="utf-8")))
                  .splitlines() if len(line) > 300]
    running = [normalise(line) for page in pages for line in page.splitlines()
               if len(normalise(line)) > 10 and any(normalise(line) in paragraph for paragraph in paragraphs)]
    assert len(running) > 500
    assert 60 <= statistics.median(len(line) for line in running) <= 75


def test_an_event_source_is_a_link(pdf: PdfReader, pages: list[str]) -> None:
    uris = [annotation.get_object()["/A"].get("/URI") for page in pdf.pages
            for annotation in page.get("/Annots", []) if "/A" in annotation.get_object()]
    assert SOURCE in uris
    assert all(str(uri).startswith(("https://", "http://", "mailto:")) for uri in uris)
    assert any("Reduction in roaming fees" in page and "belta.by" in page for page in pages)


def test_appendix_prints_each_catalogue_in_date_order(workspace: Path) -> None:
    data = build_report_data(Loader(Workspace.open(workspace)).issue_data(18))
    catalogues = [relation["catalogue"] for relation in data["relations"]] + [data["security"]["catalogue"]]
    period = (YearMonth(2020, 11), YearMonth(2020, 12))
    for catalogue in catalogues:
        dates = [parse_event_date(row["date"].replace("\u2013", "-"), *period) for row in catalogue["rows"]]
        starts = [when.start for when in dates if not when.precision.value.startswith("month")]
        assert starts == sorted(starts)
    ukraine = [row["event"] for row in catalogues[4]["rows"]]  # events/018/ukraine.csv lists 9 December first
    assert ukraine.index("Amkodor delivers its first harvester to Ukraine") - 1 == \
        ukraine.index("Anti-Trust Committee of Ukraine allows selling a controlling stake in BTA Bank in Ukraine "
                      "to Belarusian businessman Varabiej")


def test_a_half_entered_issue_is_a_draft_that_says_what_is_missing(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    folder = root / "events" / "019"
    folder.mkdir()
    (folder / "issue.toml").write_text('number = 19\n[period]\nstart = "2021-01"\nend = "2021-02"\n',
                                       encoding="utf-8")
    (folder / "russia.csv").write_text("date,event,score\n2021-01-12,Talks in Sochi,+3\n2021-02-03,Gas price "
                                       "talks stall,-1\n", encoding="utf-8")
    pdf = PdfReader(build_report(Workspace.open(root), 19).path)
    pages = [page.extract_text() for page in pdf.pages]
    assert all("DRAFT" in page for page in pages)
    text = normalise(" ".join(pages))
    assert text.count("not entered yet") >= 5  # EU, China, U.S., Ukraine, security
    assert "2 events this issue A figure from fewer than five events: read it with care." in text


def test_check_warns_where_a_catalogue_runs_backwards(workspace: Path) -> None:
    result = check_issue(Workspace.open(workspace), 18)
    slips = [(p.file, p.line, p.severity) for p in result.problems if p.code == "event-out-of-order"]
    assert slips == [("events/018/russia.csv", 14, "warning"), ("events/018/us.csv", 18, "warning"),
                     ("events/018/ukraine.csv", 33, "warning")]
    assert result.errors == []
