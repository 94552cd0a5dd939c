"""The issue at a glance: each relationship's positive and negative points as diverging bars, its aggregate marked."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from barometer.charts.style import (
    INK,
    LABEL_SIZE,
    MUTED,
    NEGATIVE,
    NOTE_SIZE,
    POSITIVE,
    TICK_SIZE,
    legend_beside,
    plain_axes,
    zero_line,
)
from barometer.figures import MINUS, signed
from barometer.i18n import ENGLISH, Language
from barometer.summary import IssueSummary

if TYPE_CHECKING:
    from matplotlib.axes import Axes

BAR_HEIGHT = 0.62


def _known(value: int | None) -> float:
    return math.nan if value is None else float(value)


def draw_relations_overview(ax: Axes, summary: IssueSummary, labels: dict[str, str], title: bool = True,
                            words: Language = ENGLISH) -> None:
    """Per relationship (top to bottom in the workspace's order): positive points right of zero, negative
    left, the aggregate as a black diamond with its value. A figure not known is drawn as nothing (NaN), never
    as 0; a relationship with no figure at all says so.

    The bar containers carry labels "Positive" and "Negative", the diamonds "Aggregate" (for tests and legends).
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    track_ids = list(summary.tracks)
    rows = list(range(len(track_ids)))
    figures = [summary.tracks[t] for t in track_ids]
    positive = [_known(f.positive) for f in figures]
    negative = [_known(f.negative) for f in figures]
    aggregate = [_known(f.aggregate) for f in figures]

    ax.barh(rows, positive, height=BAR_HEIGHT, color=POSITIVE, label="Positive", zorder=2)
    ax.barh(rows, negative, height=BAR_HEIGHT, color=NEGATIVE, label="Negative", zorder=2)
    ax.plot(aggregate, rows, linestyle="none", marker="D", markersize=6, color=INK,
            markeredgecolor="white", markeredgewidth=0.8, label="Aggregate", gid="aggregate", zorder=3)
    printed = [(a, r) for a, r, f in zip(aggregate, rows, figures, strict=True) if f.source == "printed"]
    if printed:  # hollow over the filled diamond: a printed figure, not summed from a catalogue
        ax.plot([p[0] for p in printed], [p[1] for p in printed], linestyle="none", marker="D", markersize=6,
                color=INK, markerfacecolor="white", markeredgewidth=1.1, gid="aggregate-printed", zorder=3.5)
    zero_line(ax, vertical=True)

    known = [abs(v) for v in positive + negative + aggregate if not math.isnan(v)]
    reach = max(known, default=1.0)
    pad = max(1.0, reach * 0.16)
    ax.set_xlim(-(reach + pad), reach + pad)
    ax.set_ylim(len(rows) - 0.4, -1.0)  # first relationship on top, room for the column heading

    near = reach * 0.05  # a diamond this close to a bar's end would cover its label: move the label out
    for row, figure, pos, neg, agg in zip(rows, figures, positive, negative, aggregate, strict=True):
        if not math.isnan(pos):
            shift = 8 if abs(agg - pos) < near else 3
            ax.annotate(signed(pos, MINUS), (pos, row), xytext=(shift, 0), textcoords="offset points", va="center",
                        ha="left", fontsize=NOTE_SIZE, color=MUTED)
        if not math.isnan(neg) and neg != 0:
            shift = 8 if abs(agg - neg) < near else 3
            ax.annotate(signed(neg, MINUS), (neg, row), xytext=(-shift, 0), textcoords="offset points", va="center",
                        ha="right", fontsize=NOTE_SIZE, color=MUTED)
        if figure.aggregate is None:
            note = words.text("no figure known")
        elif figure.positive is None or figure.negative is None:
            note = words.text("printed aggregate only")
        else:
            note = ""
        if note:
            ax.annotate(note, (0, row), xytext=(4, -7 if figure.aggregate is not None else 0),
                        textcoords="offset points", va="center", ha="left", fontsize=NOTE_SIZE,
                        color=MUTED)
        # the aggregate, in a column right of the plot
        value = signed(figure.aggregate, MINUS)
        ax.annotate(value, (1.0, row), xycoords=("axes fraction", "data"), xytext=(12, 0),
                    textcoords="offset points", va="center", ha="right", fontsize=LABEL_SIZE,
                    color=INK)
    ax.annotate(words.text("Aggregate"), (1.0, -0.75), xycoords=("axes fraction", "data"), xytext=(12, 0),
                textcoords="offset points", va="center", ha="right", fontsize=NOTE_SIZE, color=MUTED)

    ax.set_yticks(rows, [labels.get(t, t) for t in track_ids])
    ax.tick_params(axis="y", length=0)
    number = summary.issue.number
    plain_axes(ax, words.text("Foreign policy indices, No. {issue} ({period})", issue=number,
                              period=words.period(summary.issue.period)) if title else None,
               xlabel=words.text("Points (sum of event scores)"), grid_axis="x")
    ax.tick_params(axis="y", length=0, labelsize=LABEL_SIZE)
    ax.spines["left"].set_visible(False)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    ax.xaxis.set_major_formatter(lambda x, _pos: signed(x, MINUS))
    ax.tick_params(axis="x", labelsize=TICK_SIZE)
    legend_beside(ax, [Patch(color=POSITIVE, label=words.text("Positive points")),
                       Patch(color=NEGATIVE, label=words.text("Negative points")),
                       Line2D([], [], linestyle="none", marker="D", color=INK, markeredgecolor="white",
                              label=words.text("Aggregate index"))]
                  + ([Line2D([], [], linestyle="none", marker="D", color=INK, markerfacecolor="white",
                             markeredgewidth=1.1, label=words.text("printed figure only"))] if printed else []),
                  gap=3.5)
