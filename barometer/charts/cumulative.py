"""Within an issue: a relationship's running total of scores over its months, step by step."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from barometer.charts.style import (
    INK,
    MUTED,
    NOTE_SIZE,
    SeriesStyle,
    plain_axes,
    series_style,
    zero_line,
)
from barometer.dates import MONTHS
from barometer.figures import MINUS, signed
from barometer.models import Event, Period

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def cumulative_steps(events: Sequence[Event], period: Period) -> tuple[list[date], list[int]]:
    """Step points: 0 on the period's first day, the running total after each event date (all events of a
    date together), held to the day after the period's last. The last value is the aggregate."""
    totals: dict[date, int] = {}
    for event in events:
        totals[event.date.start] = totals.get(event.date.start, 0) + event.score
    days = sorted(totals)
    running = list(accumulate(totals[d] for d in days))
    first, end = period.start.first_day, period.end.last_day + timedelta(days=1)
    final = running[-1] if running else 0
    return [first, *days, end], [0, *running, final]


def draw_cumulative(ax: Axes, events: Sequence[Event], period: Period, label: str,
                    style: SeriesStyle | None = None) -> None:
    """A relationship's cumulative score over the issue's period as a step line (gid `cumulative`) by event date.

    Each event counts on its date's first day (`EventDate.start`): an event dated by a range of days, a part
    of a month, a month or several months is placed at the start of that span. The line starts at 0 on the
    period's first day and ends at the aggregate on its last day.
    """
    from matplotlib.ticker import MaxNLocator

    style = style or series_style(0)
    days, totals = cumulative_steps(events, period)
    ax.step(days, totals, where="post", color=style.colour, linewidth=1.6, gid="cumulative", zorder=3)
    ax.fill_between(days, totals, step="post", color=style.colour, alpha=0.12, linewidth=0, zorder=2)
    if len(days) > 2:
        ax.plot(days[1:-1], totals[1:-1], linestyle="none", marker="o", markersize=2.6, color=style.colour,
                zorder=4, gid="cumulative-events")
    zero_line(ax)
    final = totals[-1]
    ax.annotate(signed(final, MINUS), (days[-1], final), xytext=(4, 0), textcoords="offset points", va="center",
                ha="left", fontsize=NOTE_SIZE + 1.5, color=INK, annotation_clip=False)
    ax.set_xlim(days[0], days[-1])
    low, high = min(totals), max(totals)
    reach = max(high - low, 4)
    ax.set_ylim(min(low, 0) - reach * 0.12, max(high, 0) + reach * 0.12)

    ticks = [date(month.year, month.month, d) for month in period.months for d in (1, 15)]
    ax.set_xticks(ticks, [f"{t.day} {MONTHS[t.month - 1][:3]}" for t in ticks])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.yaxis.set_major_formatter(lambda y, _pos: signed(y, MINUS))
    count = len(events)
    plain_axes(ax, f"{label}: cumulative score, {period.describe()}",
               xlabel=f"Event date ({count} event{'s' if count != 1 else ''}; a span counts on its first day)",
               ylabel="Cumulative score")
    ax.xaxis.label.set_color(MUTED)
