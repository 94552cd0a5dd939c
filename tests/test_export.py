"""`barometer export`: text stays text, and export then import gives back the same catalogue."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from barometer.cli import app
from barometer.dates import EventDate, YearMonth, day_span, month_span, part_of_month
from barometer.entry.importing import import_file
from barometer.entry.store import render_catalogue
from barometer.export import export_issue
from barometer.load import issue_summary, load_catalogue, workspace_scale
from barometer.models import Event, SecurityEvent
from barometer.workspace import Workspace

from conftest import copy_workspace

runner = CliRunner()
RISKY = "=1+2 HYPERLINK(\"http://x\")"


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def with_risky_text(workspace: Path) -> None:
    path = workspace / "events/018/russia.csv"
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f'2020-12-30,"{RISKY.replace(chr(34), chr(34) * 2)}",+1\n2020-12-31,@SUM(A1),-1\n')


def test_xlsx_export_writes_formula_like_text_as_text(workspace: Path, tmp_path: Path) -> None:
    with_risky_text(workspace)
    target = tmp_path / "no18.xlsx"
    assert run(workspace, "export", "18", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Summary", "Russia", "EU", "China", "U.S.", "Ukraine", "Security"]
    cells = {c.value: c.data_type for row in book["Russia"].iter_rows() for c in row}
    assert cells[RISKY] == "s" and cells["@SUM(A1)"] == "s"
    with zipfile.ZipFile(target) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    summary = book["Summary"]
    rows = {r[0].value: r for r in summary.iter_rows()}
    assert rows["Russia"][1].value == issue_summary(Workspace.open(workspace), 18).tracks["russia"].aggregate
    level = next(r for r in summary.iter_rows() if r[3].value == "Yellow")[3]
    yellow = next(band for band in workspace_scale(Workspace.open(workspace)).bands if band.name == "Yellow")
    assert level.fill.fgColor.rgb.endswith(yellow.colour.lstrip("#").upper())


def test_csv_and_json_exports_hold_every_event(workspace: Path, tmp_path: Path) -> None:
    assert run(workspace, "export", "18", "-o", str(tmp_path / "no18.csv")).exit_code == 0
    assert run(workspace, "export", "18", "-o", str(tmp_path / "no18.json")).exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "no18.csv").read_text())))
    catalogue = load_catalogue(Workspace.open(workspace), 18)
    assert len(rows) == sum(len(e) for e in catalogue.events.values())
    assert rows[0] == {"track": "russia", "date": "1 November", "event": "Reduction in roaming fees", "score": "+1",
                       "national_security": "", "regional_tension": "", "source": "", "iso_date": "2020-11-01"}
    assert {(row["date"], row["iso_date"]) for row in rows} >= {
        ("November-December", "2020-11..2020-12"), ("Early December", "2020-12-early"), ("1-18 December",
                                                                                       "2020-12-01..2020-12-18")}
    data = json.loads((tmp_path / "no18.json").read_text())
    assert data["summary"] == issue_summary(Workspace.open(workspace), 18).to_dict()
    assert (data["catalogue"]["security"][0]["date"], data["catalogue"]["security"][0]["iso_date"]) == \
        ("November-December", "2020-11..2020-12")


def test_the_xlsx_export_gives_dates_as_the_template_does_and_iso_last(workspace: Path, tmp_path: Path) -> None:
    assert run(workspace, "export", "18", "-o", str(tmp_path / "no18.xlsx")).exit_code == 0
    assert run(workspace, "template", "18", "-o", str(tmp_path / "template.xlsx")).exit_code == 0
    export, template = (openpyxl.load_workbook(tmp_path / name) for name in ("no18.xlsx", "template.xlsx"))
    header = [c.value for c in export["Security"][1]]
    assert header == ["Date", "Event", "National security", "Regional tension", "Source", "ISO date"]
    exported = [row[:4] for row in export["Security"].iter_rows(min_row=2, values_only=True)]
    assert exported == [row[:4] for row in template["Security"].iter_rows(min_row=2, values_only=True)]
    assert [row[5] for row in export["Security"].iter_rows(min_row=2, max_row=3, values_only=True)] == [
        "2020-11..2020-12", "2020-11..2020-12"]


def test_export_of_an_unknown_format_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    assert run(workspace, "export", "18", "-o", str(tmp_path / "no18.pdf")).exit_code == 2


def test_export_then_import_gives_the_same_files(workspace: Path, tmp_path: Path) -> None:
    originals = {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")}
    for suffix in ("xlsx", "csv"):
        target = tmp_path / f"no18.{suffix}"
        assert run(workspace, "export", "18", "-o", str(target)).exit_code == 0
        for name in originals:
            (workspace / "events/018" / name).write_text("date,event,score\n" if name != "security.csv"
                                                         else "date,event,national_security,regional_tension\n")
        result = run(workspace, "import", str(target), "--issue", "18", "--replace")
        assert result.exit_code == 0, result.output
        assert {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")} == originals


# --- property: random catalogues survive export → import -----------------------------------------------------

NOVEMBER, DECEMBER = YearMonth(2020, 11), YearMonth(2020, 12)
LETTERS = ("abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789.,;:!?()'\"“”«»–—/&%"
           "абвгдеёжзійклмнопрстуўфхцчшыьэюяАБВГДЕЁЖЗІЙКЛМНОПРСТУЎФХЦЧШЫЬЭЮЯ"
           "ŭčšžćłńŬČŠŽĆŁŃ")

words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
texts = st.builds(lambda lead, parts: lead + " ".join(parts), st.sampled_from(["", "=", "+", "-", "@", "'"]),
                  st.lists(words, min_size=1, max_size=6))


@st.composite
def event_dates(draw: st.DrawFn) -> EventDate:
    month = draw(st.sampled_from([NOVEMBER, DECEMBER]))
    form = draw(st.sampled_from(["day", "days", "month", "months", "part"]))
    if form == "day":
        day = draw(st.integers(1, month.last_day.day))
        return day_span(month.year, month.month, day, day)
    if form == "days":
        first = draw(st.integers(1, month.last_day.day - 1))
        return day_span(month.year, month.month, first, draw(st.integers(first + 1, month.last_day.day)))
    if form == "month":
        return month_span(month, month)
    if form == "months":
        return month_span(NOVEMBER, DECEMBER)
    return part_of_month(month, draw(st.sampled_from(["early", "mid", "late"])))


scores = st.integers(-5, 5)
relations_events = st.lists(
    st.builds(lambda d, t, s, src: Event.model_construct(date=d, text=t, score=s, source=src, extra={}, line=0),
              event_dates(), texts, scores.filter(bool), st.sampled_from(["", "https://example.org/ŭ?q=1"])),
    max_size=12, unique_by=lambda e: (e.date, e.text.casefold()))
security_events = st.lists(
    st.builds(lambda d, t, n, r: SecurityEvent.model_construct(date=d, text=t, national_security=n,
                                                               regional_tension=r, source="", extra={}, line=0),
              event_dates(), texts, scores, scores),
    max_size=8, unique_by=lambda e: (e.date, e.text.casefold()))


def stored(events: list) -> list[tuple[object, ...]]:
    return [(e.date.iso, e.text, getattr(e, "score", None), getattr(e, "national_security", None),
             getattr(e, "regional_tension", None), e.source) for e in events]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(russia=relations_events, security=security_events, suffix=st.sampled_from(["xlsx", "csv"]))
def test_export_then_import_returns_the_same_events(russia: list, security: list, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = copy_workspace(Path(folder) / "ws")
        workspace = Workspace.open(root)
        issue = root / "events/018"
        config = workspace.config
        (issue / "russia.csv").write_text(render_catalogue(config.track("russia"), russia), encoding="utf-8")
        (issue / "security.csv").write_text(render_catalogue(config.track("security"), security), encoding="utf-8")
        before = load_catalogue(workspace, 18)
        assert stored(before.events["russia"]) == stored(russia)
        target = Path(folder) / f"export.{suffix}"
        export_issue(workspace, 18, target)
        for catalogue in issue.glob("*.csv"):
            catalogue.unlink()
        import_file(workspace, target, 18)
        after = load_catalogue(workspace, 18)
        for track in ("russia", "security"):
            assert stored(after.events.get(track, [])) == stored(before.events[track])


def test_further_columns_survive_export_then_import(workspace: Path, tmp_path: Path) -> None:
    path = workspace / "events/018/eu.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([f"{lines[0]},analyst", *(f"{line},{'Anna' if i % 2 else ''}"
                                                         for i, line in enumerate(lines[1:]))]) + "\n")
    originals = {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")}
    for suffix in ("xlsx", "csv", "json"):
        target = tmp_path / f"no18.{suffix}"
        assert run(workspace, "export", "18", "-o", str(target)).exit_code == 0
        if suffix == "json":
            assert json.loads(target.read_text())["catalogue"]["eu"][1]["analyst"] == "Anna"
            continue
        path.write_text("date,event,score,analyst\n")  # the values can come from the export only
        result = run(workspace, "import", str(target), "--issue", "18", "--replace")
        assert result.exit_code == 0, result.output
        assert {p.name: p.read_bytes() for p in (workspace / "events/018").glob("*.csv")} == originals
