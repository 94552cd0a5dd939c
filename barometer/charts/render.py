"""Every chart of an issue, drawn and saved: the one entry point the report and the CLI call."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.atomic import atomic_write_bytes
from barometer.charts.cumulative import cumulative_path, cumulative_range, draw_cumulative
from barometer.charts.font import chart_families
from barometer.charts.overview import draw_relations_overview
from barometer.charts.series import (
    draw_dynamics,
    draw_national_security,
    draw_regional_tension,
    dynamics_tracks,
    security_figure,
    worth_a_line,
)
from barometer.charts.style import RC, Margins, add_plot, new_figure, plain_text, series_style, summaries_of
from barometer.errors import UsageError
from barometer.load import IssueData
from barometer.models import Event

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("pdf", "svg", "png")
WIDE = (16.0, 8.0)  # cm: the width of an A4 page's text block
SHORT = (16.0, 6.0)
BESIDE = Margins()  # a legend or band names right of the plot
NARROW = Margins(right=1.2)  # only a value label right of the plot


def figure_bytes(figure: Figure, fmt: str, svg_text: bool = False, fonts: Sequence[Path] = ()) -> bytes:
    """The figure as a file's bytes: vector PDF (TrueType fonts embedded, text stays text), vector SVG (text as
    outlines; with `svg_text`, text as text in DejaVu Sans, for a typesetter that has the font) or a 200 dpi
    PNG. PDF and SVG carry no creation date: the same data give the same bytes.
    """
    import matplotlib

    if fmt not in FORMATS:
        raise UsageError(f"unknown chart format {fmt!r}; expected one of {', '.join(FORMATS)}")
    metadata = {"pdf": {"Creator": "barometer", "Producer": None, "CreationDate": None},
                "svg": {"Creator": "barometer", "Date": None}, "png": {"Software": "barometer"}}[fmt]
    plain_text(figure)
    logging.getLogger("fontTools").setLevel(logging.ERROR)  # embedding a font: its notes are not the user's
    buffer = io.BytesIO()
    settings = {**chart_rc(fonts), "svg.fonttype": "none"} if svg_text else chart_rc(fonts)
    with matplotlib.rc_context(settings):
        figure.savefig(buffer, format=fmt, metadata=metadata, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def chart_rc(fonts: Sequence[Path] = ()) -> dict[str, object]:
    """matplotlib settings while charts are drawn and saved: `RC` with the charts' typeface."""
    return {**RC, "font.family": chart_families(fonts)}


def save_figure(figure: Figure, path: Path, fmt: str | None = None, svg_text: bool = False,
                fonts: Sequence[Path] = ()) -> Path:
    """Write the figure to `path` atomically; the format is `fmt` or the path's suffix."""
    atomic_write_bytes(path, figure_bytes(figure, fmt or path.suffix.lstrip(".").lower(), svg_text, fonts))
    return path


@dataclass(frozen=True)
class ChartSet:
    """How an issue's charts are drawn: with titles (files that stand alone) or without (the bulletin gives
    each a caption); which across-issue series are worth a line (`min_points` known figures; 0 draws every
    chart); and their sizes in cm, drawn at the size they are printed so no text is smaller than 7.5 pt."""

    titles: bool = True
    min_points: int = 0
    wide: tuple[float, float] = WIDE
    short: tuple[float, float] = SHORT
    within: tuple[float, float] = SHORT


STANDALONE = ChartSet()


def draw_issue_charts(data: IssueData, charts: ChartSet = STANDALONE) -> dict[str, Figure]:
    """Every chart of an issue, drawn: `overview`, `dynamics` (when a relationship has enough figures),
    `national-security` (likewise) and `regional-tension` (when the workspace has a security track), and
    `cumulative-<track>` for each relationship with a catalogue in this issue, all on one y range."""
    config, history, summary, scale = data.config, data.history, data.summary, data.scale
    labels = {t.id: t.label for t in config.tracks}
    tracks = config.relations_tracks
    drawn: dict[str, Figure] = {}
    drawn["overview"] = chart = new_figure(*charts.wide)
    words = data.language
    draw_relations_overview(add_plot(chart, BESIDE), summary, labels, title=charts.titles, words=words)
    if dynamics_tracks(history, tracks, charts.min_points):
        drawn["dynamics"] = chart = new_figure(*charts.wide)
        draw_dynamics(add_plot(chart, BESIDE), history, tracks, title=charts.titles, min_points=charts.min_points,
                      words=words)
    if config.security_track is not None and scale is not None:
        summaries = summaries_of(history)
        if worth_a_line(summaries, security_figure("national_security"), charts.min_points):
            drawn["national-security"] = chart = new_figure(*charts.short)
            draw_national_security(add_plot(chart, BESIDE), history, title=charts.titles, words=words)
        drawn["regional-tension"] = chart = new_figure(*charts.wide)
        draw_regional_tension(add_plot(chart, BESIDE), history, scale, title=charts.titles, words=words)
    relations = {t.id: [e for e in data.catalogue.events[t.id] if isinstance(e, Event)]
                 for t in tracks if t.id in data.catalogue.events}
    period = summary.issue.period
    ylim = cumulative_range([cumulative_path(events, period)[1] for events in relations.values()])
    for index, track in enumerate(tracks):
        if track.id in relations:
            drawn[f"cumulative-{track.id}"] = chart = new_figure(*charts.within)
            draw_cumulative(add_plot(chart, NARROW), relations[track.id], period, track.label, series_style(index),
                            ylim=ylim, title=charts.titles, words=words)
    return drawn


def render_issue_charts(data: IssueData, out_dir: Path, fmt: str = "pdf", svg_text: bool = False,
                        charts: ChartSet = STANDALONE) -> dict[str, Path]:
    """Draw and write every chart of an issue into `out_dir` (see `draw_issue_charts`); returns chart name →
    path. Cross-issue charts show the issues of `data.history`: those up to the issue (a bulletin shows its
    past, not later issues), issues known only by printed figures included."""
    import matplotlib

    if fmt not in FORMATS:
        raise UsageError(f"unknown chart format {fmt!r}; expected one of {', '.join(FORMATS)}")
    with matplotlib.rc_context(chart_rc(data.fonts)):
        drawn = draw_issue_charts(data, charts)
        return {name: save_figure(chart, out_dir / f"{name}.{fmt}", fmt, svg_text, data.fonts)
                for name, chart in drawn.items()}
