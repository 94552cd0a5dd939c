"""Indices across issues: each relationship's aggregate, national security, regional tension over its bands.

x is the issue number, with real gaps: an issue with no figure (or not in the workspace) is NaN, so the line
breaks there and never drops to 0. A printed-only figure (the issue has no catalogue) has a hollow marker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from barometer.charts.style import (
    INK,
    MUTED,
    NOTE_SIZE,
    PAPER,
    SeriesStyle,
    issue_axis,
    label_last,
    legend_beside,
    marker_size,
    plain_axes,
    series_style,
    summaries_of,
    zero_line,
)
from barometer.figures import MINUS, signed
from barometer.history import levels_of
from barometer.models import Track
from barometer.scale import Band, Scale
from barometer.summary import IssueSummary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

HistoryLike = Sequence[Any]  # summaries, or history entries (each holds its summary)
PRINTED_NOTE = "printed figure only"
BRIDGE_NOTE = "no figure in between"
LEVEL_NOTE = "level only,\nmid-band"
GAP_NOTE = "gap: no figure known"


@dataclass
class Series:
    """One figure per issue number from `first` to `last`: NaN where none is known, and where each came from."""

    numbers: list[int]
    values: list[float]
    sources: list[str]

    @property
    def known(self) -> list[tuple[int, float, str]]:
        return [(n, v, s) for n, v, s in zip(self.numbers, self.values, self.sources, strict=True)
                if not math.isnan(v)]


def collect(summaries: list[IssueSummary], first: int, last: int,
            figure: Callable[[IssueSummary], tuple[int | None, str]]) -> Series:
    """`figure(summary)` → (value or None, source) for each issue in [first, last]; NaN for the rest."""
    by_number = {s.issue.number: s for s in summaries}
    numbers = list(range(first, last + 1))
    values: list[float] = []
    sources: list[str] = []
    for number in numbers:
        summary = by_number.get(number)
        value, source = figure(summary) if summary is not None else (None, "none")
        values.append(math.nan if value is None else float(value))
        sources.append(source if value is not None else "none")
    return Series(numbers, values, sources)


def draw_series(ax: Axes, series: Series, style: SeriesStyle, label: str, gid: str,
                bridge_gaps: bool = False, linewidth: float = 1.6) -> tuple[Line2D, bool, bool]:
    """The line (broken at NaN), its markers (hollow where printed), and faint bridges over gaps.

    Returns the line and whether a printed point and a bridge were drawn.
    """
    size = marker_size(series.numbers[0], series.numbers[-1]) if series.numbers else 5.5
    if size < 5.5:
        linewidth *= 0.75
    (line,) = ax.plot(series.numbers, series.values, color=style.colour, linestyle=style.linestyle,
                      linewidth=linewidth, label=label, gid=gid, zorder=3, solid_capstyle="round")
    known = series.known
    filled = [(n, v) for n, v, s in known if s != "printed"]
    hollow = [(n, v) for n, v, s in known if s == "printed"]
    for points, face, tag in ((filled, style.colour, "catalogue"), (hollow, PAPER, "printed")):
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], linestyle="none", marker=style.marker,
                    markersize=size, color=style.colour, markerfacecolor=face, markeredgewidth=min(1.2, size / 4),
                    gid=f"{gid}-{tag}", label="_nolegend_", zorder=4)
    bridged = False
    if bridge_gaps:
        for (n1, v1, _), (n2, v2, _) in zip(known, known[1:], strict=False):
            if n2 - n1 > 1:
                ax.plot([n1, n2], [v1, v2], color=style.colour, linewidth=0.8, alpha=0.35,
                        linestyle="-", gid=f"{gid}-bridge", label="_nolegend_", zorder=2)
                bridged = True
    return line, bool(hollow), bridged


def has_gap(series: Series) -> bool:
    """Whether an issue between the first and the last known figure has none."""
    known = [n for n, _v, _s in series.known]
    return bool(known) and known[-1] - known[0] + 1 > len(known)


def note_handles(printed: bool, bridged: bool, gapped: bool = False) -> list[Any]:
    """Legend entries that explain hollow markers, gaps and faint bridges, when the chart has any."""
    from matplotlib.lines import Line2D

    handles = []
    if printed:
        handles.append(Line2D([], [], linestyle="none", marker="o", color=MUTED, markerfacecolor=PAPER,
                              markeredgewidth=1.2, label=PRINTED_NOTE))
    if gapped and not bridged:
        handles.append(Line2D([], [], linestyle="none", label=GAP_NOTE))
    if bridged:
        handles.append(Line2D([], [], color=MUTED, linewidth=0.8, alpha=0.5, label=BRIDGE_NOTE))
    return handles


def _extent(summaries: list[IssueSummary], extra: Sequence[int] = ()) -> tuple[list[int], int, int]:
    numbers = sorted({s.issue.number for s in summaries} | set(extra))
    if not numbers:
        return [], 0, 0
    return numbers, numbers[0], numbers[-1]


def _integer_ticks(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    ax.yaxis.set_major_formatter(lambda y, _pos: signed(y, MINUS))


def draw_dynamics(ax: Axes, history: HistoryLike, tracks: Sequence[Track], bridge_gaps: bool = False) -> None:
    """Each relationship's aggregate index across issues: a line per track (gid `dynamics-<id>`), its own
    colour, marker and dash; NaN where an issue has no figure; hollow markers for printed-only figures.
    With `bridge_gaps`, a faint line joins known figures across issues without one (not a figure itself).
    """
    from matplotlib.lines import Line2D

    summaries = summaries_of(history)
    numbers, first, last = _extent(summaries)
    handles: list[Any] = []
    any_printed = any_bridged = any_gap = False
    for index, track in enumerate(tracks):
        style = series_style(index)

        def aggregate(summary: IssueSummary, track_id: str = track.id) -> tuple[int | None, str]:
            figures = summary.tracks.get(track_id)
            return (figures.aggregate, figures.source) if figures else (None, "none")

        series = collect(summaries, first, last, aggregate)
        _line, printed, bridged = draw_series(ax, series, style, track.label, f"dynamics-{track.id}", bridge_gaps)
        any_printed |= printed
        any_bridged |= bridged
        any_gap |= has_gap(series)
        handles.append(Line2D([], [], color=style.colour, linestyle=style.linestyle, linewidth=1.6,
                              marker=style.marker, markersize=5, label=track.label))
    zero_line(ax)
    if numbers:
        issue_axis(ax, numbers, first, last)
    _integer_ticks(ax)
    plain_axes(ax, "Foreign policy indices across issues", ylabel="Aggregate index")
    legend_beside(ax, handles + note_handles(any_printed, any_bridged, any_gap))


def draw_national_security(ax: Axes, history: HistoryLike, bridge_gaps: bool = False) -> None:
    """The national security index across issues (line gid `national-security`), NaN where unknown."""
    summaries = summaries_of(history)
    numbers, first, last = _extent(summaries)

    def national(summary: IssueSummary) -> tuple[int | None, str]:
        security = summary.security
        return (security.national_security, security.source) if security else (None, "none")

    series = collect(summaries, first, last, national)
    _line, printed, bridged = draw_series(ax, series, SeriesStyle(INK, "o", "-"), "National security",
                                          "national-security", bridge_gaps)
    label_last(ax, series.numbers, series.values)
    zero_line(ax)
    if numbers:
        issue_axis(ax, numbers, first, last)
    _integer_ticks(ax)
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, -3), max(high, 3))  # a flat series at 0 still has room above and below
    plain_axes(ax, "National security index across issues", ylabel="National security index")
    handles = note_handles(printed, bridged, has_gap(series))
    if handles:
        legend_beside(ax, handles)


def band_span(band: Band, low: float, high: float) -> tuple[float, float]:
    """The y extent of a band of integers, half a unit beyond its ends; open ends clipped to [low, high]."""
    bottom = low if band.min is None else max(low, band.min - 0.5)
    top = high if band.max is None else min(high, band.max + 0.5)
    return bottom, top


def tension_range(scale: Scale, values: Sequence[float]) -> tuple[float, float]:
    """The plotted y range: every finite band end and every value, with room around them."""
    ends = [float(e) for band in scale.bands for e in (band.min, band.max) if e is not None]
    known = ends + [v for v in values if not math.isnan(v)]
    if not known:
        return -5.0, 5.0
    return min(known) - 3.5, max(known) + 2.5


def draw_regional_tension(ax: Axes, history: HistoryLike, scale: Scale, bridge_gaps: bool = False) -> None:
    """Regional tension across issues over the scale's colour bands (patch gid `band-<name>`, named at the
    right), so the level reads at a glance. Issues that printed only a level (or whose level a later issue
    stated) get a hollow square in the middle of that band (gid `tension-level-only`).
    """
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    summaries = summaries_of(history)
    levels = levels_of(summaries)

    def tension(summary: IssueSummary) -> tuple[int | None, str]:
        security = summary.security
        return (security.regional_tension, security.source) if security else (None, "none")

    numbers, first, last = _extent(summaries, [k.issue for k in levels])
    series = collect(summaries, first, last, tension)
    low, high = tension_range(scale, series.values)
    ax.set_ylim(low, high)

    label_at = blended_transform_factory(ax.transAxes, ax.transData)
    for band in scale.bands:
        bottom, top = band_span(band, low, high)
        if top <= bottom:
            continue
        ax.axhspan(bottom, top, facecolor=band.colour, alpha=0.5, edgecolor="none", zorder=0,
                   gid=f"band-{band.name}")
        ax.text(1.01, (bottom + top) / 2, band.name, transform=label_at, ha="left", va="center",
                fontsize=NOTE_SIZE, color=INK)

    _line, printed, bridged = draw_series(ax, series, SeriesStyle(INK, "o", "-"), "Regional tension",
                                          "regional-tension", bridge_gaps)
    label_last(ax, series.numbers, series.values)
    known_values = {n for n, _v, _s in series.known}
    level_only = []
    for known in levels:
        band = scale.band_named(str(known.value))
        if known.issue not in known_values and band is not None:
            bottom, top = band_span(band, low, high)
            level_only.append((known.issue, (bottom + top) / 2))
    if level_only:
        ax.plot([p[0] for p in level_only], [p[1] for p in level_only], linestyle="none", marker="s",
                markersize=marker_size(first, last) + 0.5, color=INK, markerfacecolor=PAPER, markeredgewidth=1.2,
                gid="tension-level-only", label="_nolegend_", zorder=4)
    if numbers:
        issue_axis(ax, numbers, first, last)
    _integer_ticks(ax)
    ax.set_ylim(low, high)
    plain_axes(ax, "Regional tension across issues", ylabel="Regional tension index",
               grid_axis="")
    handles = note_handles(printed, bridged, has_gap(series))
    if level_only:
        handles.append(Line2D([], [], linestyle="none", marker="s", color=INK, markerfacecolor=PAPER,
                              markeredgewidth=1.2, label=LEVEL_NOTE))
    if handles:
        legend_beside(ax, handles, gap=4.2, handlelength=1.2)
