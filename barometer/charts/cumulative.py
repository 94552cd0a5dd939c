"""Within an issue: a relationship's running total of scores over its months.

An event dated by a day adds its score on that day; an event dated by a span — days, part of a month, a
month, several months — adds its score evenly over its span, so a "November–December" event is a slope
across the whole period, not a step on 1 November. The line ends at the aggregate. Charts of one issue
share one y range, so their slopes compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from barometer.charts.style import INK, MUTED, NOTE_SIZE, SeriesStyle, plain_axes, series_style, zero_line
from barometer.dates import Precision
from barometer.figures import MINUS, signed
from barometer.i18n import ENGLISH, Language
from barometer.models import Event, Period

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def cumulative_path(events: Sequence[Event], period: Period) -> tuple[list[date], list[float]]:
    """The running total at the start of each day of the period and of the day after it: each event's score
    counted over the days of its span in equal parts. The last value is the aggregate."""
    first, after = period.start.first_day, period.end.last_day + timedelta(days=1)
    days = [first + timedelta(days=n) for n in range((after - first).days + 1)]
    added = [0.0] * len(days)  # what each day adds, at its end
    for event in events:
        start = max(event.date.start, first)
        end = min(event.date.end, period.end.last_day)
        length = (end - start).days + 1
        for offset in range(length):
            added[(start - first).days + offset] += event.score / length
    totals, running = [0.0], 0.0
    for share in added[:-1]:
        running += share
        totals.append(round(running, 9))
    return days, totals


def cumulative_range(paths: Sequence[Sequence[float]]) -> tuple[float, float]:
    """One y range for several relationships' charts: every value and 0, with room around them."""
    values = [v for path in paths for v in path] + [0.0]
    low, high = min(values), max(values)
    reach = max(high - low, 4)
    return low - reach * 0.1, high + reach * 0.12


def draw_cumulative(ax: Axes, events: Sequence[Event], period: Period, label: str,
                    style: SeriesStyle | None = None, ylim: tuple[float, float] | None = None,
                    title: bool = True, words: Language = ENGLISH) -> None:
    """A relationship's cumulative score over the issue's period (line gid `cumulative`); single-day events are
    dots on the line (gid `cumulative-events`); `ylim` shares a range with the issue's other charts."""
    from matplotlib.ticker import MaxNLocator

    style = style or series_style(0)
    days, totals = cumulative_path(events, period)
    ax.plot(days, totals, color=style.colour, linewidth=1.6, gid="cumulative", zorder=3)
    ax.fill_between(days, totals, color=style.colour, alpha=0.12, linewidth=0, zorder=2)
    single = sorted({e.date.start for e in events if e.date.precision is Precision.DAY})
    index = {day: n for n, day in enumerate(days)}
    points = [(day + timedelta(hours=12), (totals[index[day]] + totals[index[day] + 1]) / 2) for day in single
              if day in index and index[day] + 1 < len(totals)]
    if points:
        ax.plot([p[0] for p in points], [p[1] for p in points], linestyle="none", marker="o", markersize=2.4,
                color=style.colour, zorder=4, gid="cumulative-events")
    zero_line(ax)
    final = totals[-1]
    ax.annotate(signed(round(final), MINUS), (days[-1], final), xytext=(4, 0), textcoords="offset points",
                va="center", ha="left", fontsize=NOTE_SIZE + 1, color=INK, annotation_clip=False)
    ax.set_xlim(days[0], days[-1])
    ax.set_ylim(*(ylim or cumulative_range([totals])))
    ticks = [date(month.year, month.month, d) for month in period.months for d in (1, 15)]
    ax.set_xticks(ticks, [f"{t.day} {words.short_month(t.month)}" for t in ticks])
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(lambda y, _pos: signed(y, MINUS))
    count = len(events)
    plain_axes(ax, words.text("{label}: cumulative score, {period}", label=label, period=words.period(period))
               if title else None,
               xlabel=words.plural("{count} event; an event dated by a span counts evenly over it",
                                   "{count} events; an event dated by a span counts evenly over it", count),
               ylabel=words.text("Cumulative score"))
    ax.xaxis.label.set_color(MUTED)
