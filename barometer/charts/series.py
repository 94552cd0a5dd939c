"""Indices across issues: each relationship's aggregate, national security, regional tension over its bands.

x is the issue number with real gaps: an issue with no figure (or not in the workspace) is NaN, so a line
joins only figures of consecutive issues and never drops to 0. A printed-only figure (the issue has no
catalogue) has a hollow marker. Series are labelled directly at their last figure, the labels spread so
that none overlaps another; an issue known only by its tension level is drawn as a span over its band,
never as a value. What a marker or span means is said in the figure's caption, not in the chart.
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
    marker_size,
    plain_axes,
    series_style,
    spread_labels,
    summaries_of,
    zero_line,
)
from barometer.figures import MINUS, signed
from barometer.history import levels_of
from barometer.i18n import ENGLISH, Language
from barometer.models import Track
from barometer.scale import Band, Scale
from barometer.summary import IssueSummary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.lines import Line2D

HistoryLike = Sequence[Any]  # summaries, or history entries (each holds its summary)
MIN_POINTS = 3  # a series with fewer known figures says more as a sentence or a table than as a chart


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


def aggregate_of(track_id: str) -> Callable[[IssueSummary], tuple[int | None, str]]:
    def aggregate(summary: IssueSummary) -> tuple[int | None, str]:
        figures = summary.tracks.get(track_id)
        return (figures.aggregate, figures.source) if figures else (None, "none")

    return aggregate


def security_figure(name: str) -> Callable[[IssueSummary], tuple[int | None, str]]:
    def value(summary: IssueSummary) -> tuple[int | None, str]:
        security = summary.security
        return (getattr(security, name), security.source) if security else (None, "none")

    return value


def draw_series(ax: Axes, series: Series, style: SeriesStyle, label: str, gid: str,
                linewidth: float = 1.6) -> tuple[Line2D, bool]:
    """The line (joining figures of consecutive issues only) and its markers (hollow where printed).

    Returns the line and whether a printed point was drawn.
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
    return line, bool(hollow)


def label_ends(ax: Axes, ends: list[tuple[str, float, float, str]], x: float) -> None:
    """Direct labels right of the plot at `x`: (text, last issue, value, colour) each, spread apart so that
    none overlaps another, with a thin leader where a label had to move."""
    if not ends:
        return
    low, high = ax.get_ylim()
    height = ax.get_position().height * ax.figure.get_figheight() * 72  # points
    gap = (high - low) * (NOTE_SIZE * 1.35) / max(height, 1)
    placed = spread_labels([value for _, _, value, _ in ends], gap)
    for (text, number, value, colour), y in zip(ends, placed, strict=True):
        ax.annotate(text, (number, value), xytext=(x, y), textcoords="data", va="center", ha="left",
                    fontsize=NOTE_SIZE, color=colour, annotation_clip=False, gid="direct-label",
                    arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.5, "alpha": 0.7,
                                "shrinkA": 0, "shrinkB": 3} if abs(y - value) > gap / 4 or number + 0.5 < x
                    else None)


def _extent(summaries: list[IssueSummary], extra: Sequence[int] = ()) -> tuple[list[int], int, int]:
    numbers = sorted({s.issue.number for s in summaries} | set(extra))
    if not numbers:
        return [], 0, 0
    return numbers, numbers[0], numbers[-1]


def _integer_ticks(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, integer=True))
    ax.yaxis.set_major_formatter(lambda y, _pos: signed(y, MINUS))


def worth_a_line(summaries: list[IssueSummary], figure: Callable[[IssueSummary], tuple[int | None, str]],
                 min_points: int) -> bool:
    """At least `min_points` known figures, two of them in consecutive issues (else the chart is a few dots:
    a table says it better); with `min_points` 0, any known figure."""
    known = sorted(s.number for s in summaries if figure(s)[0] is not None)
    if not min_points:
        return bool(known)
    return len(known) >= min_points and any(b - a == 1 for a, b in zip(known, known[1:], strict=False))


def dynamics_tracks(history: HistoryLike, tracks: Sequence[Track], min_points: int = MIN_POINTS) -> list[Track]:
    """The relationships whose aggregates are worth a line across issues."""
    summaries = summaries_of(history)
    return [t for t in tracks if worth_a_line(summaries, aggregate_of(t.id), min_points)]


def draw_dynamics(ax: Axes, history: HistoryLike, tracks: Sequence[Track], title: bool = True,
                  min_points: int = 0, words: Language = ENGLISH) -> None:
    """Each relationship's aggregate index across issues (line gid `dynamics-<id>`), its own colour, marker and
    dash, labelled at its last figure; NaN where an issue has no figure; hollow markers for printed figures.
    Relationships with fewer than `min_points` known figures are left out (the bulletin lists them in a
    table); the x axis runs from the first to the last issue of the history."""
    summaries = summaries_of(history)
    numbers, first, last = _extent(summaries)
    ends = []
    for index, track in enumerate(tracks):
        figure = aggregate_of(track.id)
        if not worth_a_line(summaries, figure, min_points):
            continue
        style = series_style(index)
        series = collect(summaries, first, last, figure)
        draw_series(ax, series, style, track.label, f"dynamics-{track.id}")
        number, value, _ = series.known[-1]
        ends.append((f"{track.label} {signed(value, MINUS)}", number, value, style.colour))
    zero_line(ax)
    if numbers:
        issue_axis(ax, numbers, first, last, words)
    _integer_ticks(ax)
    plain_axes(ax, words.text("Foreign policy indices across issues") if title else None,
               ylabel=words.text("Aggregate index"))
    label_ends(ax, ends, last + 0.6)


def draw_national_security(ax: Axes, history: HistoryLike, title: bool = True, words: Language = ENGLISH) -> None:
    """The national security index across issues (line gid `national-security`), NaN where unknown, its last
    figure labelled."""
    summaries = summaries_of(history)
    numbers, first, last = _extent(summaries)
    series = collect(summaries, first, last, security_figure("national_security"))
    draw_series(ax, series, SeriesStyle(INK, "o", "-"), words.text("National security"), "national-security")
    zero_line(ax)
    if numbers:
        issue_axis(ax, numbers, first, last, words)
    _integer_ticks(ax)
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, -3), max(high, 3))  # a flat series at 0 still has room above and below
    plain_axes(ax, words.text("National security index across issues") if title else None,
               ylabel=words.text("National security index"))
    if series.known:
        number, value, _ = series.known[-1]
        label_ends(ax, [(signed(value, MINUS), number, value, INK)], last + 0.6)


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


def draw_regional_tension(ax: Axes, history: HistoryLike, scale: Scale, title: bool = True,
                          words: Language = ENGLISH) -> None:
    """Regional tension across issues over the scale's colour bands (patch gid `band-<name>`, named at the
    right), so the level reads at a glance. An issue that printed only a level (or whose level a later issue
    stated) is a hollow span over the whole of its band (patches gid `tension-level-only`): the value is not
    known, only the band."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    summaries = summaries_of(history)
    levels = levels_of(summaries)
    numbers, first, last = _extent(summaries, [k.issue for k in levels])
    series = collect(summaries, first, last, security_figure("regional_tension"))
    low, high = tension_range(scale, series.values)
    ax.set_ylim(low, high)

    label_at = blended_transform_factory(ax.transAxes, ax.transData)
    for band in scale.bands:
        bottom, top = band_span(band, low, high)
        if top <= bottom:
            continue
        ax.axhspan(bottom, top, facecolor=band.colour, edgecolor="none", zorder=0, gid=f"band-{band.name}")
        ax.text(1.01, (bottom + top) / 2, band.title, transform=label_at, ha="left", va="center",
                fontsize=NOTE_SIZE, color=INK)
    ax.axhline(low, color=MUTED, linewidth=0.4, zorder=0.5)

    draw_series(ax, series, SeriesStyle(INK, "o", "-"), words.text("Regional tension"), "regional-tension")
    known_values = {n for n, _v, _s in series.known}
    for known in levels:
        band = scale.band_named(str(known.value))
        if known.issue in known_values or band is None:
            continue
        bottom, top = band_span(band, low, high)
        ax.add_patch(Rectangle((known.issue - 0.28, bottom), 0.56, top - bottom, facecolor="none", edgecolor=INK,
                               linewidth=0.9, hatch="////", zorder=2.5, gid="tension-level-only"))
    if numbers:
        issue_axis(ax, numbers, first, last, words)
    _integer_ticks(ax)
    ax.set_ylim(low, high)
    plain_axes(ax, words.text("Regional tension across issues") if title else None,
               ylabel=words.text("Regional tension index"),
               grid_axis="")
    if series.known:
        number, value, _ = series.known[-1]
        ax.annotate(signed(value, MINUS), (number, value), xytext=(0, 7), textcoords="offset points", ha="center",
                    va="bottom", fontsize=NOTE_SIZE + 0.5, color=INK, gid="direct-label")
