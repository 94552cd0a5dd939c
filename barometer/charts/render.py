"""Every chart of an issue, drawn and saved: the one entry point the report and the CLI call."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.atomic import atomic_write_bytes
from barometer.charts.cumulative import draw_cumulative
from barometer.charts.font import chart_families
from barometer.charts.overview import draw_relations_overview
from barometer.charts.series import draw_dynamics, draw_national_security, draw_regional_tension
from barometer.charts.style import FONT, RC, Margins, add_plot, new_figure, plain_text, series_style
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


def figure_bytes(figure: Figure, fmt: str, svg_text: bool = False) -> bytes:
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
    buffer = io.BytesIO()
    settings = {**chart_rc(), "svg.fonttype": "none", "font.family": FONT} if svg_text else chart_rc()
    with matplotlib.rc_context(settings):
        figure.savefig(buffer, format=fmt, metadata=metadata, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def chart_rc() -> dict[str, object]:
    """matplotlib settings while charts are drawn and saved: `RC` with the charts' typeface."""
    return {**RC, "font.family": chart_families()}


def save_figure(figure: Figure, path: Path, fmt: str | None = None, svg_text: bool = False) -> Path:
    """Write the figure to `path` atomically; the format is `fmt` or the path's suffix."""
    atomic_write_bytes(path, figure_bytes(figure, fmt or path.suffix.lstrip(".").lower(), svg_text))
    return path


def render_issue_charts(data: IssueData, out_dir: Path, fmt: str = "pdf", svg_text: bool = False) -> dict[str, Path]:
    """Draw and write every chart of an issue into `out_dir`; returns chart name → path, in order:
    `overview`, `dynamics`, `national-security`, `regional-tension` (when the workspace has a security
    track), and `cumulative-<track>` for each relationship with a catalogue in this issue.

    Cross-issue charts show the issues of `data.history`: those up to the issue (a bulletin shows its past,
    not later issues), issues known only by printed figures included.
    """
    import matplotlib

    if fmt not in FORMATS:
        raise UsageError(f"unknown chart format {fmt!r}; expected one of {', '.join(FORMATS)}")
    config, history, summary, scale = data.config, data.history, data.summary, data.scale
    labels = {t.id: t.label for t in config.tracks}
    tracks = config.relations_tracks

    charts: dict[str, Figure] = {}
    with matplotlib.rc_context(chart_rc()):
        charts["overview"] = chart = new_figure(*WIDE)
        draw_relations_overview(add_plot(chart, BESIDE), summary, labels)
        charts["dynamics"] = chart = new_figure(*WIDE)
        draw_dynamics(add_plot(chart, BESIDE), history, tracks)
        if config.security_track is not None and scale is not None:
            charts["national-security"] = chart = new_figure(*SHORT)
            draw_national_security(add_plot(chart, BESIDE), history)
            charts["regional-tension"] = chart = new_figure(*WIDE)
            draw_regional_tension(add_plot(chart, BESIDE), history, scale)
        for index, track in enumerate(tracks):
            events = data.catalogue.events.get(track.id)
            if events is None:
                continue
            charts[f"cumulative-{track.id}"] = chart = new_figure(*SHORT)
            relations = [e for e in events if isinstance(e, Event)]
            draw_cumulative(add_plot(chart, NARROW), relations, summary.issue.period, track.label, series_style(index))
        written = {}
        for name, chart in charts.items():
            written[name] = save_figure(chart, out_dir / f"{name}.{fmt}", fmt, svg_text)
    return written
