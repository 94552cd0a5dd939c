"""Charts: what each drawing puts on its Axes, the files `render_issue_charts` writes, and `barometer charts`."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from barometer.charts import (
    cumulative_path,
    draw_cumulative,
    draw_dynamics,
    draw_national_security,
    draw_regional_tension,
    draw_relations_overview,
    figure_bytes,
    new_figure,
    render_issue_charts,
)
from barometer.charts.series import band_span
from barometer.cli import app
from barometer.errors import CatalogueInvalid, UsageError
from barometer.history import build_history
from barometer.load import Loader, issue_summary, load_catalogue, load_history, workspace_scale
from barometer.models import Event, EventContext, Period, ScoreBounds
from barometer.workspace import Workspace

from conftest import DATA, REPO, tree_hashes

runner = CliRunner()
CHARTS_OF_18 = ["overview", "dynamics", "national-security", "regional-tension", "cumulative-russia",
                "cumulative-eu", "cumulative-china", "cumulative-us", "cumulative-ukraine"]


@pytest.fixture
def ws(workspace: Path) -> Workspace:
    return Workspace.open(workspace)


def axes():
    figure = new_figure(16, 8)
    return figure.add_subplot()


def by_gid(ax, gid: str):
    found = [artist for artist in ax.get_children() if artist.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def values(sequence) -> list[float | None]:
    """Plotted values with NaN as None, so lists compare with ==."""
    return [None if math.isnan(v) else v for v in map(float, sequence)]


# --- overview ------------------------------------------------------------------------------------


def test_overview_bars_are_the_summary_positive_and_negative(ws: Workspace) -> None:
    summary = issue_summary(ws, 18)
    ax = axes()
    draw_relations_overview(ax, summary, {t.id: t.label for t in ws.config.tracks})
    positive, negative = (next(c for c in ax.containers if c.get_label() == name) for name in ("Positive", "Negative"))
    tracks = list(summary.tracks)
    assert [bar.get_width() for bar in positive] == [summary.tracks[t].positive for t in tracks]
    assert [bar.get_width() for bar in negative] == [summary.tracks[t].negative for t in tracks]
    assert values(by_gid(ax, "aggregate").get_xdata()) == [summary.tracks[t].aggregate for t in tracks]
    assert [label.get_text() for label in ax.get_yticklabels()] == ["Russia", "EU", "China", "U.S.", "Ukraine"]


def test_overview_of_printed_figures_draws_nothing_for_unknowns(ws: Workspace) -> None:
    summary = issue_summary(ws, 14)  # only Russia's aggregate is known
    ax = axes()
    draw_relations_overview(ax, summary, {})
    positive = next(c for c in ax.containers if c.get_label() == "Positive")
    assert all(math.isnan(bar.get_width()) for bar in positive)  # unknown, never 0
    assert values(by_gid(ax, "aggregate").get_xdata()) == [-9, None, None, None, None]
    assert values(by_gid(ax, "aggregate-printed").get_xdata()) == [-9]  # hollow: printed, not summed
    notes = [text.get_text() for text in ax.texts]
    assert notes.count("no figure known") == 4 and "printed aggregate only" in notes


# --- across issues ---------------------------------------------------------------------------------


def test_dynamics_has_nan_where_an_issue_has_no_figure(ws: Workspace) -> None:
    history = load_history(ws)
    ax = axes()
    draw_dynamics(ax, history, ws.config.relations_tracks)
    russia = by_gid(ax, "dynamics-russia")
    assert list(russia.get_xdata()) == list(range(3, 19))  # real gaps: every issue number on the axis
    known = {3: 25, 8: -9, 14: -9, 18: 14}
    assert values(russia.get_ydata()) == [known.get(n) for n in range(3, 19)]
    assert 0 not in values(russia.get_ydata())
    assert list(by_gid(ax, "dynamics-russia-printed").get_xdata()) == [3, 8, 14]
    assert list(by_gid(ax, "dynamics-russia-catalogue").get_xdata()) == [18]
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "direct-label"]
    assert labels == ["Russia +14", "EU \u221214", "China +15", "U.S. \u221216", "Ukraine \u22124"]  # at the last
    assert ax.get_legend() is None


def test_direct_labels_never_overlap(ws: Workspace) -> None:
    figure = new_figure(17, 7)
    from barometer.charts.render import BESIDE
    from barometer.charts.style import add_plot

    ax = add_plot(figure, BESIDE)
    draw_dynamics(ax, load_history(ws), ws.config.relations_tracks)
    figure.canvas.draw()
    boxes = sorted((t.get_window_extent() for t in ax.texts if t.get_gid() == "direct-label"), key=lambda b: b.y0)
    assert len(boxes) == 5
    assert all(lower.y1 <= upper.y0 + 0.5 for lower, upper in zip(boxes, boxes[1:], strict=False))


def test_the_bulletin_draws_only_series_worth_a_line(ws: Workspace) -> None:
    from barometer.charts.series import dynamics_tracks

    # No. 18's history: Russia is known in Nos. 3, 8, 14 and 18, no two of them consecutive: a table says it better
    assert dynamics_tracks(load_history(ws), ws.config.relations_tracks) == []
    ax = axes()
    draw_dynamics(ax, load_history(ws), ws.config.relations_tracks, min_points=3)
    assert not [a for a in ax.get_children() if str(a.get_gid()).startswith("dynamics-")]


def test_dynamics_styles_differ_so_greyscale_reads(ws: Workspace) -> None:
    ax = axes()
    draw_dynamics(ax, build_history(load_history(ws)), ws.config.relations_tracks)  # entries work as well as summaries
    lines = [by_gid(ax, f"dynamics-{t.id}") for t in ws.config.relations_tracks]
    markers = [by_gid(ax, f"dynamics-{t.id}-catalogue").get_marker() for t in ws.config.relations_tracks]
    assert len(set(markers)) == len(markers)
    assert len({line.get_color() for line in lines}) == len(lines)
    assert len({line.get_linestyle() for line in lines}) >= 4


def test_national_security_line(ws: Workspace) -> None:
    ax = axes()
    draw_national_security(ax, load_history(ws))
    line = by_gid(ax, "national-security")
    assert values(line.get_ydata()) == [0 if n in (5, 18) else None for n in range(3, 19)]
    assert list(by_gid(ax, "national-security-printed").get_xdata()) == [5]


def test_regional_tension_bands_are_the_scale(ws: Workspace) -> None:
    from matplotlib.colors import to_hex

    scale = workspace_scale(ws)
    ax = axes()
    draw_regional_tension(ax, load_history(ws), scale)
    patches = [p for p in ax.patches if str(p.get_gid()).startswith("band-")]
    assert [p.get_gid() for p in patches] == [f"band-{b.name}" for b in scale.bands]
    assert [to_hex(p.get_facecolor()[:3]).upper() for p in patches] == [b.colour.upper() for b in scale.bands]
    low, high = ax.get_ylim()
    assert all(math.isfinite(v) for p in patches for v in p.get_path().vertices.ravel())  # open ends clipped
    band_names = {t.get_text() for t in ax.texts}
    assert {b.name for b in scale.bands} <= band_names
    line = by_gid(ax, "regional-tension")
    assert values(line.get_ydata())[-1] == -8


def test_regional_tension_levels_without_figures_span_their_band(ws: Workspace) -> None:
    scale = workspace_scale(ws)
    ax = axes()
    draw_regional_tension(ax, load_history(ws), scale)
    low, high = ax.get_ylim()
    spans = [p for p in ax.patches if p.get_gid() == "tension-level-only"]
    # No. 4's level is the one No. 5 states ("moved from Green"); No. 18 has a figure, so no span of its own
    expected = {3: "Green", 4: "Green", 5: "Yellow", 6: "Green", 16: "Orange"}
    assert [round(p.get_x() + p.get_width() / 2) for p in spans] == list(expected)
    for span in spans:
        bottom, top = band_span(scale.band_named(expected[round(span.get_x() + span.get_width() / 2)]), low, high)
        assert (span.get_y(), span.get_y() + span.get_height()) == pytest.approx((bottom, top))  # the whole band


def tick_labels(numbers: list[int]) -> list[str]:
    from barometer.charts.render import BESIDE
    from barometer.charts.style import add_plot, issue_axis

    ax = add_plot(new_figure(16, 8), BESIDE)
    issue_axis(ax, numbers, numbers[0], numbers[-1])
    return [label.get_text() for label in ax.get_xticklabels()]


def test_issue_axis_labels_every_issue_of_a_short_history_and_steps_through_a_long_one() -> None:
    assert tick_labels([3, 5, 6, 8, 14, 16, 18]) == ["3", "5", "6", "8", "14", "16", "18"]
    assert tick_labels([16, 18]) == ["No. 16", "No. 18"]  # room for the long form
    assert tick_labels(list(range(1, 61))) == [str(n) for n in range(5, 61, 5)]
    assert tick_labels(list(range(1, 59))) == [str(n) for n in range(5, 56, 5)] + ["58"]  # the latest, always
    assert tick_labels(list(range(1, 62)))[-2:] == ["55", "61"]  # 60 makes way for the latest


# --- within the issue -------------------------------------------------------------------------------


@pytest.mark.parametrize("track", ["russia", "eu", "china", "us", "ukraine"])
def test_cumulative_line_ends_at_the_aggregate(ws: Workspace, track: str) -> None:
    catalogue = load_catalogue(ws, 18)
    summary = issue_summary(ws, 18)
    ax = axes()
    draw_cumulative(ax, catalogue.events[track], catalogue.issue.period, track)
    ys = list(by_gid(ax, "cumulative").get_ydata())
    assert ys[0] == 0 and ys[-1] == pytest.approx(summary.tracks[track].aggregate)


def test_cumulative_spreads_a_span_over_its_days() -> None:
    period = Period(start="2020-11", end="2020-12")
    context = EventContext(ScoreBounds(), period)

    def event(when: str, score: int) -> Event:
        return Event.model_validate({"date": when, "text": "x", "score": score}, context=context)

    days, totals = cumulative_path([event("2020-11..2020-12", 3), event("2020-12-05", -2)], period)
    assert days[0] == date(2020, 11, 1) and days[-1] == date(2021, 1, 1) and len(days) == 62
    assert totals[0] == 0 and totals[-1] == pytest.approx(1)
    assert totals[1] == pytest.approx(3 / 61)  # November-December: a 61st of its score each day, not 3 on 1 November
    at = {day: total for day, total in zip(days, totals, strict=True)}
    assert at[date(2020, 12, 6)] - at[date(2020, 12, 5)] == pytest.approx(-2 + 3 / 61)  # a day: its whole score


def test_cumulative_charts_of_an_issue_share_one_range(ws: Workspace, tmp_path: Path) -> None:
    from barometer.charts.render import draw_issue_charts

    drawn = draw_issue_charts(Loader(ws).issue_data(18))
    ranges = {drawn[f"cumulative-{t}"].axes[0].get_ylim() for t in ("russia", "eu", "china", "us", "ukraine")}
    assert len(ranges) == 1


def test_cumulative_of_no_events_is_flat_at_zero() -> None:
    days, totals = cumulative_path([], Period(start="2020-11", end="2020-12"))
    assert set(totals) == {0} and days[0] == date(2020, 11, 1)


# --- files -----------------------------------------------------------------------------------------


def test_render_writes_every_chart_as_pdf_with_embedded_truetype(ws: Workspace, tmp_path: Path) -> None:
    written = render_issue_charts(Loader(ws).issue_data(18), tmp_path / "charts")
    assert list(written) == CHARTS_OF_18
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == sorted(f"{n}.pdf" for n in CHARTS_OF_18)
    for path in written.values():
        reader = PdfReader(path)
        assert len(reader.pages) == 1
        width, height = (float(v) / 72 * 2.54 for v in reader.pages[0].mediabox.upper_right)
        assert 15 < width < 17.5 and 5 < height < 9  # cm: fits an A4 text block
        fonts = list(reader.pages[0]["/Resources"]["/Font"].values())
        assert fonts
        for font in (f.get_object() for f in fonts):
            assert font["/Subtype"] == "/Type0"  # Type 42: a CID-keyed TrueType font...
            descendant = font["/DescendantFonts"][0].get_object()
            assert descendant["/Subtype"] == "/CIDFontType2"
            assert "/FontFile2" in descendant["/FontDescriptor"]  # ...embedded
            assert "Lato" in str(font["/BaseFont"])  # the bulletin's typeface, from reports/templates/fonts
    text = PdfReader(written["overview"]).pages[0].extract_text()
    assert "Russia" in text and "Aggregate" in text  # text stays text


@pytest.mark.parametrize("fmt", ["pdf", "svg"])
def test_the_same_data_give_the_same_bytes(ws: Workspace, fmt: str) -> None:
    history = load_history(ws)

    def drawn() -> bytes:
        figure = new_figure(16, 8)
        draw_dynamics(figure.add_subplot(), history, ws.config.relations_tracks)
        return figure_bytes(figure, fmt)

    assert drawn() == drawn()


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("png", b"\x89PNG")])
def test_render_other_formats(ws: Workspace, tmp_path: Path, fmt: str, magic: bytes) -> None:
    written = render_issue_charts(Loader(ws).issue_data(18), tmp_path, fmt)
    assert all(path.suffix == f".{fmt}" and path.read_bytes().startswith(magic) for path in written.values())


def test_render_an_issue_known_by_printed_figures_only(ws: Workspace, tmp_path: Path) -> None:
    written = render_issue_charts(Loader(ws).issue_data(14), tmp_path)
    assert list(written) == ["overview", "dynamics", "national-security", "regional-tension"]  # no catalogue


def test_invalid_data_writes_nothing(workspace: Path, tmp_path: Path) -> None:
    shutil.copy(DATA / "bad" / "score-out-of-bounds.csv", workspace / "events" / "018" / "russia.csv")
    out_dir = tmp_path / "charts"
    with pytest.raises(CatalogueInvalid):
        render_issue_charts(Loader(Workspace.open(workspace)).issue_data(18), out_dir)
    assert not out_dir.exists()


def test_render_refuses_an_unknown_format_and_a_file_as_folder(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        render_issue_charts(Loader(ws).issue_data(18), tmp_path, "jpg")
    with pytest.raises(UsageError):
        figure_bytes(new_figure(4, 4), "gif")
    target = tmp_path / "taken"
    target.write_text("x")
    result = run(ws.root, "charts", "18", "--out", str(target))
    assert result.exit_code == 2 and "is a file" in result.output
    result = run(ws.root, "charts", "18", "--out", str(ws.issue_dir(18) / "charts"))
    assert result.exit_code == 2 and "among the catalogues" in result.output
    assert not (ws.issue_dir(18) / "charts").exists()


# --- CLI ---------------------------------------------------------------------------------------------


def run(workspace: Path, *args: str):
    return runner.invoke(app, ["--workspace", str(workspace), *args])


def test_cli_lists_the_files_it_wrote(workspace: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    result = run(workspace, "charts", "18", "--out", str(out_dir), "--format", "svg")
    assert result.exit_code == 0, result.output
    for name in CHARTS_OF_18:
        assert f"{name}.svg" in result.stdout and (out_dir / f"{name}.svg").is_file()
    assert "wrote 9 SVG chart(s) of No. 18" in result.stdout


def test_cli_out_that_is_a_file_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    target = tmp_path / "charts.pdf"
    target.write_text("not a folder")
    result = run(workspace, "charts", "18", "--out", str(target))
    assert result.exit_code == 2
    assert "is a file" in result.output and "Traceback" not in result.output
    assert target.read_text() == "not a folder"


def test_cli_invalid_data_names_the_place_and_changes_nothing(workspace: Path) -> None:
    shutil.copy(DATA / "bad" / "score-out-of-bounds.csv", workspace / "events" / "018" / "russia.csv")
    before = tree_hashes(workspace)
    result = run(workspace, "charts", "18", "--out", str(workspace / "reports" / "charts"))
    assert result.exit_code == 1
    assert "events/018/russia.csv:" in result.output and "score-out-of-bounds" in result.output
    assert tree_hashes(workspace) == before


def test_cli_unknown_issue_is_a_usage_error(workspace: Path, tmp_path: Path) -> None:
    result = run(workspace, "charts", "99", "--out", str(tmp_path))
    assert result.exit_code == 2 and "no issue 99" in result.output


def test_importing_the_charts_package_does_not_import_matplotlib(workspace: Path) -> None:
    code = "import sys, barometer.charts, barometer.cli; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.stdout.strip() == "False"


# --- the typeface -----------------------------------------------------------------------------------


def test_light_font_keeps_the_bulletin_scripts_under_its_own_family(tmp_path: Path) -> None:
    import matplotlib
    from fontTools.ttLib import TTFont

    from barometer.charts.font import LIGHT_FAMILY, build_light_font

    source = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    target = tmp_path / "light.ttf"
    build_light_font(source, target)
    font = TTFont(target)
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in "ŭčšžЎўІіЁё−–…→Ωé")
    assert "GSUB" not in font and "GPOS" not in font and "kern" in font
    assert font["name"].getDebugName(1) == LIGHT_FAMILY
    assert font["name"].getDebugName(6) == "DejaVuSans"  # PDFs still name DejaVu Sans
    assert len(font.getGlyphOrder()) < len(TTFont(source).getGlyphOrder()) / 2


def test_a_character_outside_the_light_font_falls_back_to_the_full_font(ws: Workspace, tmp_path: Path) -> None:
    import matplotlib

    from barometer.charts.render import chart_rc

    with matplotlib.rc_context(chart_rc()):
        figure = new_figure(8, 4)
        figure.text(0.1, 0.5, "Belarus ☂ Беларусь")  # U+2602 is in DejaVu Sans, not in the light copy
    path = tmp_path / "fallback.pdf"
    path.write_bytes(figure_bytes(figure, "pdf"))
    fonts = [f.get_object() for f in PdfReader(path).pages[0]["/Resources"]["/Font"].values()]
    assert len(fonts) == 2 and all("DejaVuSans" in str(f["/BaseFont"]) for f in fonts)
    assert "Беларусь" in PdfReader(path).pages[0].extract_text()


def test_without_a_writable_cache_the_full_font_does_the_job(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from matplotlib import font_manager

    from barometer.charts import font

    manager = font_manager.fontManager
    monkeypatch.setattr(manager, "ttflist", [e for e in manager.ttflist if e.name != font.LIGHT_FAMILY])
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setattr(font, "light_font_path", lambda: blocker / "light.ttf")
    assert font.chart_families() == [font.FULL_FAMILY]
