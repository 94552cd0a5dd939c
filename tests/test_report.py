"""The bulletin PDF: every event printed as written, fonts embedded, metadata, located template errors."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject
from typer.testing import CliRunner

from barometer.cli import app
from barometer.load import Loader
from barometer.report import build_report
from barometer.report.content import build_report_data
from barometer.report.markdown import parse_inline, parse_markdown, plain_text
from barometer.report.typeset import template_problems
from barometer.workspace import Workspace

from conftest import REPO, copy_workspace, tree_hashes, walk_pdf

TRICKY = "R&D <b>not bold</b> #tag *x* [1] _y_ = 1 $5 @home"
TEMPLATE = "reports/templates/bulletin.typ"


def run(workspace: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "barometer", *args], cwd=workspace, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)


def normalise(text: str) -> str:
    """One space between words; a line broken right after a hyphen or dash inside a word is joined
    (text extraction gives such a break as a space or a newline)."""
    text = re.sub(r"(?<=\w[-–])\s+", "", text)
    return " ".join(text.split())


def catalogue_texts(workspace: Path, number: int) -> list[str]:
    texts = []
    for path in sorted((workspace / "events" / f"{number:03d}").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            texts.extend(" ".join(row["event"].split()) for row in csv.DictReader(stream))
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """A workspace copy with one event full of markup characters, and its No. 18 built by the CLI."""
    workspace = copy_workspace(tmp_path_factory.mktemp("report") / "ws")
    with (workspace / "events" / "018" / "russia.csv").open("a", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerow(["2020-11-05", TRICKY, "+1"])
    result = run(workspace, "report", "18")
    assert result.returncode == 0, result.stderr
    return workspace, result


@pytest.fixture(scope="module")
def pdf(built: tuple[Path, subprocess.CompletedProcess[str]]) -> PdfReader:
    return PdfReader(built[0] / "reports" / "018.pdf")


@pytest.fixture(scope="module")
def pdf_text(pdf: PdfReader) -> str:
    """The text of every page without its running head and foot (they would split a paragraph in two)."""
    return normalise("\n".join("\n".join(page.extract_text().splitlines()[1:-1]) for page in pdf.pages))


def test_default_path_and_page_count_are_reported(built: tuple[Path, subprocess.CompletedProcess[str]],
                                                  pdf: PdfReader) -> None:
    workspace, result = built
    assert (workspace / "reports" / "018.pdf").is_file()
    assert f"reports/018.pdf ({len(pdf.pages)} pages" in result.stdout
    assert len(pdf.pages) > 10
    assert "no charts" not in result.stdout
    leftovers = [p.name for p in (workspace / ".barometer").iterdir() if p.name.startswith("report-")]
    assert leftovers == []


def test_every_event_text_is_printed_as_written(built: tuple[Path, subprocess.CompletedProcess[str]],
                                                pdf_text: str) -> None:
    texts = catalogue_texts(built[0], 18)
    assert len(texts) == 138  # 137 events of No. 18 and the one added
    missing = [text for text in texts if normalise(text) not in pdf_text]
    assert missing == []
    assert "Telephone conversation between Mishustin and Haloŭčanka" in pdf_text
    assert "U.S. Deputy Secretary of State Biegun discusses the situation in Belarus with Cichanoŭskaja" in pdf_text


def test_markup_characters_in_event_text_print_literally(pdf_text: str) -> None:
    assert f"5 November {TRICKY} +1" in pdf_text


def test_narratives_are_printed(built: tuple[Path, subprocess.CompletedProcess[str]], pdf_text: str) -> None:
    folder = built[0] / "events" / "018" / "text"
    for track in ("russia", "eu", "china", "us", "ukraine", "security"):
        blocks = parse_markdown((folder / f"{track}.md").read_text(encoding="utf-8"))
        paragraphs = [normalise(line) for line in plain_text(blocks).splitlines()]
        assert "Trends" in paragraphs and "Forecast" in paragraphs, track
        missing = [p[:60] for p in paragraphs if p not in pdf_text]
        assert missing == [], track


def test_summary_figures_and_audit_are_printed(built: tuple[Path, subprocess.CompletedProcess[str]],
                                              pdf_text: str) -> None:
    from barometer.robustness import robustness

    loader = Loader(Workspace.open(built[0]))
    held = robustness(loader.config, loader.loaded(18).catalogue, loader.scale).level_holds
    assert held is not None and 0 < held < 1
    assert f"Level of regional tension: Yellow — holds in {round(held * 100)} % of resamples (No. 16: Orange)" \
        in pdf_text
    assert "NATIONAL SECURITY 0 REGIONAL TENSION \u22128" in pdf_text
    assert "U.S. aggregate \u221214 \u221216" in pdf_text  # printed -14, catalogue sums to -16


def test_chart_labels_are_text_in_the_bulletin(pdf_text: str) -> None:
    for label in ("Figure 1: Positive and negative points", "Issue No.", "Regional tension index",
                  "Points (sum of event scores)", "Cumulative score"):
        assert label in pdf_text


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    """Every font dictionary reachable from the pages, including inside embedded charts (XObjects)."""
    reachable = walk_pdf((page.get_object() for page in reader.pages),
                         lambda item: (value for key, value in item.items() if key not in ("/Parent", "/P", "/Pg")))
    return [item for item in reachable if item.get("/Type") == "/Font"]


def test_every_font_is_embedded(pdf: PdfReader) -> None:
    fonts = _fonts(pdf)
    assert fonts
    not_embedded = []
    for font in fonts:
        descendants = font.get("/DescendantFonts")
        parts = [d.get_object() for d in descendants] if descendants else [font]
        for part in parts:
            descriptor = part.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else None
            if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                not_embedded.append(str(part.get("/BaseFont")))
    assert not_embedded == []


def test_pdf_metadata(pdf: PdfReader) -> None:
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Minsk Barometer No. 18 (November and December 2020)"
    assert pdf.metadata.subject and "November and December 2020" in pdf.metadata.subject


def test_broken_template_is_located_and_nothing_is_written(workspace: Path) -> None:
    template = workspace / TEMPLATE
    lines = template.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("#let data"))
    lines.insert(line, "#let broken = data.no_such_field")
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree_hashes(workspace)
    result = run(workspace, "report", "18")
    assert result.returncode == 1
    assert f"{TEMPLATE}:{line + 1}:20" in result.stderr  # `data.no_such_field` at column 20
    assert "no_such_field" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert tree_hashes(workspace) == before


def test_template_syntax_error_is_located(workspace: Path) -> None:
    template = workspace / TEMPLATE
    count = len(template.read_text(encoding="utf-8").splitlines())
    with template.open("a", encoding="utf-8") as stream:
        stream.write("#let unfinished = (\n")
    before = tree_hashes(workspace)
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18", "-o", "out.pdf"])
    assert result.exit_code == 1
    assert f"{TEMPLATE}:{count + 1}:" in result.output
    assert "unclosed delimiter" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert tree_hashes(workspace) == before


def test_invalid_catalogue_is_located_and_nothing_is_written(workspace: Path) -> None:
    with (workspace / "events" / "018" / "china.csv").open("a", encoding="utf-8") as stream:
        stream.write("31 November,An impossible day,+1\n")
    before = tree_hashes(workspace)
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18"])
    assert result.exit_code == 1
    assert "events/018/china.csv:" in result.output and "date-invalid" in result.output
    assert tree_hashes(workspace) == before


def test_output_option_and_usage_errors(workspace: Path) -> None:
    runner = CliRunner()
    target = workspace / "elsewhere" / "bulletin.pdf"
    result = runner.invoke(app, ["--workspace", str(workspace), "report", "18", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    assert not (workspace / "reports" / "018.pdf").exists()
    assert runner.invoke(app, ["--workspace", str(workspace), "report", "18", "-o", "x.txt"]).exit_code == 2
    assert runner.invoke(app, ["--workspace", str(workspace), "report", "99"]).exit_code == 2
    under_a_file = workspace / "barometer.toml" / "bulletin.pdf"
    result = runner.invoke(app, ["--workspace", str(workspace), "report", "18", "-o", str(under_a_file)])
    assert result.exit_code == 1 and "cannot write" in result.output and result.exception is not None
    assert isinstance(result.exception, SystemExit)


def test_typst_diagnostic_becomes_located_problems() -> None:
    diagnostic = ("error: unclosed delimiter\n  ┌─ reports/templates/bulletin.typ:3:9\n  │\n3 │ #let x = (\n\n"
                  "error: unknown variable: foo\n  ┌─ reports/templates/bulletin.typ:7:1\n  │\n"
                  "  = hint: if you meant to display multiple letters as is, try adding spaces\n\n")
    problems = template_problems(diagnostic, "unclosed delimiter", TEMPLATE)
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        (TEMPLATE, 3, 10, "unclosed delimiter"),
        (TEMPLATE, 7, 2, "unknown variable: foo"),
    ]
    assert problems[1].expected and "adding spaces" in problems[1].expected


def test_markdown_keeps_text_as_text() -> None:
    assert parse_inline(r"**Russia** and *inter alia* \*not\* a_b_c [said](#) `$x`") == [
        {"text": "Russia", "strong": True, "emph": False, "code": False, "url": None},
        {"text": " and ", "strong": False, "emph": False, "code": False, "url": None},
        {"text": "inter alia", "strong": False, "emph": True, "code": False, "url": None},
        {"text": " *not* a_b_c said ", "strong": False, "emph": False, "code": False, "url": None},
        {"text": "$x", "strong": False, "emph": False, "code": True, "url": None},
    ]
    assert parse_inline("a * b and 2*3") == [
        {"text": "a * b and 2*3", "strong": False, "emph": False, "code": False, "url": None}]


def test_markdown_blocks() -> None:
    blocks = parse_markdown("## Trends\n\n1. One\n2. Two\n\nA paragraph\nacross lines.\n\n- a\n\n- b\n  continued\n")
    assert [b["kind"] for b in blocks] == ["heading", "list", "paragraph", "list"]
    assert blocks[0]["level"] == 2
    assert blocks[1]["ordered"] and blocks[1]["start"] == 1 and len(blocks[1]["items"]) == 2
    assert blocks[1]["delimiter"] == "."
    assert parse_markdown("2) Second")[0] | {"items": None} == {
        "kind": "list", "ordered": True, "start": 2, "delimiter": ")", "items": None}
    assert blocks[2]["spans"][0]["text"] == "A paragraph across lines."
    assert [item[0]["text"] for item in blocks[3]["items"]] == ["a", "b continued"]


def test_report_data_of_an_issue_with_a_track_known_only_by_print(workspace: Path) -> None:
    (workspace / "events" / "018" / "russia.csv").unlink()
    (workspace / "events" / "018" / "text" / "china.md").unlink()
    ws = Workspace.open(workspace)
    data = build_report_data(Loader(ws).issue_data(18))
    russia, china = data["relations"][0], data["relations"][2]
    assert (russia["source"], russia["catalogue"], russia["text"]["aggregate"]) == ("printed", None, "+14")
    assert russia["text"]["negative"] == "\u22124"  # a true minus sign
    assert china["narrative"] is None and china["catalogue"]["total"]["aggregate"] == "+15"
    assert china["catalogue"]["rows"][0] == {"date": "2 November", "event": "Creation of the Belarus–China "
                                             "Working Group for Trade Facilitation", "score": "+1", "source": None}
    assert data["previous"] == {"issue": 16, "period": "July–August 2020"}
    assert data["security"]["level"]["name"] == "Yellow" and data["security"]["previous_level"]["name"] == "Orange"
    assert "Early December" in [row["date"] for row in data["security"]["catalogue"]["rows"]]
    result = build_report(ws, 18, charts=False)
    text = normalise(" ".join(page.extract_text() for page in PdfReader(result.path).pages))
    assert "Russia * +14 +18 \u22124 \u2013 +23 since No. 14" in text  # the printed figures, marked
    assert "Reduction in roaming fees" not in text


def test_first_issue_has_no_change_column_source(workspace: Path) -> None:
    for number in ("003", "005", "006", "008", "014", "016"):
        for path in sorted((workspace / "events" / number).iterdir()):
            path.unlink()
        (workspace / "events" / number).rmdir()
    ws = Workspace.open(workspace)
    issue = Loader(ws).issue_data(18)
    assert issue.comparison is None
    data = build_report_data(issue)
    assert data["previous"] is None
    assert [r["change"] for r in data["relations"]] == [None] * 5  # the table says "–"


WORDS = st.lists(st.text(alphabet=st.characters(whitelist_categories=("L", "N"), whitelist_characters=",;:!?"),
                         min_size=1), min_size=1).map(" ".join)


@given(WORDS)
def test_words_without_markdown_or_punctuation_to_set_are_kept_as_is(text: str) -> None:
    assert "".join(span["text"] for span in parse_inline(text)) == text


def test_punctuation_is_typeset_and_only_web_and_mail_links_are_kept() -> None:
    spans = parse_inline('"Quoted" -- it\'s 1990-1995, pages 3-5... [x](javascript:alert(1)) '
                         '[y](https://a.by/x) [m](mailto:a@b.by) [r](/etc/passwd) [f](file:///etc/passwd)')
    assert spans[0]["text"].startswith("\u201cQuoted\u201d \u2013 it\u2019s 1990\u20131995, pages 3\u20135\u2026 x ")
    assert [(s["text"], s["url"]) for s in spans if s["url"]] == [("y", "https://a.by/x"), ("m", "mailto:a@b.by")]
    assert "".join(s["text"] for s in spans).endswith(" r f")


@given(st.text())
def test_any_text_gives_plain_spans(text: str) -> None:
    for block in parse_markdown(text):
        items = block["items"] if block["kind"] == "list" else [block["spans"]]
        assert all(isinstance(span["text"], str) and span["text"] for item in items for span in item)


def test_missing_template_is_named(workspace: Path) -> None:
    (workspace / TEMPLATE).unlink()
    before = tree_hashes(workspace)
    result = CliRunner().invoke(app, ["--workspace", str(workspace), "report", "18"])
    assert result.exit_code == 1
    assert TEMPLATE in result.output and "template-missing" in result.output
    assert tree_hashes(workspace) == before


def test_the_same_data_make_the_same_pdf(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    workspace, _ = built
    first = (workspace / "reports" / "018.pdf").read_bytes()
    again = run(workspace, "report", "18", "-o", "reports/again.pdf")
    assert again.returncode == 0, again.stderr
    assert (workspace / "reports" / "again.pdf").read_bytes() == first
