"""The bulletin's charts as figures: drawn at the size they are printed, without titles, each with a caption, a
source line and an alternative text that says what the chart shows, figure by figure, for readers who
cannot see it (the PDF is PDF/UA: a chart without one does not build)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypedDict

from barometer.charts.cumulative import cumulative_path
from barometer.charts.render import ChartSet
from barometer.charts.series import MIN_POINTS, aggregate_of, security_figure, worth_a_line
from barometer.charts.style import summaries_of
from barometer.figures import MINUS, signed
from barometer.history import levels_of
from barometer.load import IssueData
from barometer.models import Event
from barometer.report.wording import bounds

TEXT_WIDTH = 17.0  # cm: the page's text block
COLUMN_WIDTH = 11.6  # cm: a section's column of running text
BULLETIN = ChartSet(titles=False, min_points=MIN_POINTS, wide=(TEXT_WIDTH, 7.0), short=(TEXT_WIDTH, 5.2),
                    within=(COLUMN_WIDTH, 5.0))


class ChartFigure(TypedDict):
    file: str  # as the template reads it: a path from the workspace root
    width: str
    caption: str
    source: str
    alt: str


def figure(value: float | None) -> str:
    return signed(None if value is None else round(value), MINUS)


def bulletin_charts(data: IssueData, folder: Path, shown: Callable[[Path], str]) -> dict[str, ChartFigure]:
    """Draw the bulletin's charts into `folder` as SVG (text as text, set by Typst); `shown` gives each file's
    path as the template reads it."""
    from barometer.charts import render_issue_charts

    paths = render_issue_charts(data, folder, fmt="svg", svg_text=True, charts=BULLETIN)
    describe = {"overview": overview, "dynamics": dynamics, "national-security": national_security,
                "regional-tension": regional_tension}
    figures: dict[str, ChartFigure] = {}
    for name, path in paths.items():
        width = COLUMN_WIDTH if name.startswith("cumulative-") else TEXT_WIDTH
        caption, source, alt = cumulative(data, name.removeprefix("cumulative-")) if name.startswith("cumulative-") \
            else describe[name](data)
        figures[name] = {"file": shown(path), "width": f"{width}cm", "caption": caption, "source": source, "alt": alt}
    return figures


def overview(data: IssueData) -> tuple[str, str, str]:
    summary, words, labels = data.summary, data.language, {t.id: t.label for t in data.config.tracks}
    parts = []
    for track_id, f in summary.tracks.items():
        if f.aggregate is None:
            parts.append(words.text("{label} not known", label=labels[track_id]))
        elif f.positive is None or f.negative is None:
            parts.append(words.text("{label} {aggregate} (aggregate as printed)", label=labels[track_id],
                                    aggregate=figure(f.aggregate)))
        else:
            parts.append(words.text("{label} {aggregate} (positive {positive}, negative {negative})",
                                    label=labels[track_id], aggregate=figure(f.aggregate),
                                    positive=figure(f.positive), negative=figure(f.negative)))
    printed = any(f.source == "printed" for f in summary.tracks.values())
    number = summary.number
    return (words.text("Positive and negative points of each relationship, and its aggregate index, No. {issue}.",
                       issue=number),
            words.text("Source: Catalogues of No. {issue} (Appendix 1).", issue=number)
            + (" " + words.text("Hollow diamonds: figures as printed, no catalogue.") if printed else ""),
            words.text("Bar chart of the relations indices of No. {issue}: {parts}.", issue=number,
                       parts="; ".join(parts)))


def _points(data: IssueData, value: Callable) -> str:
    words, shown = data.language, []
    for summary in summaries_of(data.history):
        found, source = value(summary)
        if found is not None:
            shown.append(words.text("No. {issue} {value}", issue=summary.number, value=figure(found))
                         + (" " + words.text("(printed)") if source == "printed" else ""))
    return ", ".join(shown)


def dynamics(data: IssueData) -> tuple[str, str, str]:
    words, summaries = data.language, summaries_of(data.history)
    drawn = [t for t in data.config.relations_tracks if worth_a_line(summaries, aggregate_of(t.id), MIN_POINTS)]
    series = "; ".join(f"{t.label}: {_points(data, aggregate_of(t.id))}" for t in drawn)
    return (words.text("Aggregate index across issues, for the relationships with at least three known figures, "
                       "two of them in consecutive issues."),
            words.text("Source: Catalogues of No. {issue} and the figures earlier issues printed (hollow markers). "
                       "A line joins consecutive issues only: no figure is known in between.",
                       issue=data.summary.number),
            words.text("Line chart of the aggregate index by issue. {series}.", series=series))


def national_security(data: IssueData) -> tuple[str, str, str]:
    words, points = data.language, _points(data, security_figure("national_security"))
    return (words.text("National security index across issues."),
            words.text("Source: Catalogues of No. {issue} and the figures earlier issues printed (hollow markers).",
                       issue=data.summary.number),
            words.text("Line chart of the national security index by issue: {points}.", points=points))


def regional_tension(data: IssueData) -> tuple[str, str, str]:
    scale = data.scale
    assert scale is not None
    summaries = summaries_of(data.history)
    values = {s.number: s.security.regional_tension for s in summaries
              if s.security is not None and s.security.regional_tension is not None}
    words, parts = data.language, []
    for known in levels_of(summaries):
        band = scale.band_named(str(known.value))
        level = band.title if band is not None else str(known.value)
        if known.issue in values:
            parts.append(words.text("No. {issue} {value}, {level}", issue=known.issue,
                                    value=figure(values[known.issue]), level=level))
        else:
            parts.append(words.text("No. {issue} {level} (level only)", issue=known.issue, level=level))
    bands = ", ".join(f"{b.title} ({bounds(b, words)})" for b in scale.bands)
    return (words.text("Regional tension across issues, over the bands of the colour scale."),
            words.text("Source: Catalogues of No. {issue} and earlier issues. Hatched spans: issues known only by "
                       "their level, the value somewhere in that band.", issue=data.summary.number),
            words.text("Chart of regional tension by issue over the colour bands {bands}: {parts}.", bands=bands,
                       parts="; ".join(parts)))


def cumulative(data: IssueData, track_id: str) -> tuple[str, str, str]:
    track = data.config.track(track_id)
    assert track is not None
    period = data.summary.issue.period
    events = [e for e in data.catalogue.events[track_id] if isinstance(e, Event)]
    days, totals = cumulative_path(events, period)
    high, low = max(totals), min(totals)
    when = {value: days[max(totals.index(value) - 1, 0)] for value in (high, low)}  # reached by the end of a day
    words, count = data.language, len(events)
    shown = words.period(period)
    return (words.text("Cumulative score of the relationship with {label}, {period}.", label=track.label,
                       period=shown),
            words.text("Source: Catalogues of No. {issue} (Appendix 1). An event dated by a span counts evenly over "
                       "it; the relationships' charts share one scale.", issue=data.summary.number),
            words.plural("Line chart of the cumulative score of {label} through {period}, {count} event: it ends at "
                         "the aggregate {last}; its highest is {high} (on {high_day}), its lowest {low} (on "
                         "{low_day}).",
                         "Line chart of the cumulative score of {label} through {period}, {count} events: it ends "
                         "at the aggregate {last}; its highest is {high} (on {high_day}), its lowest {low} (on "
                         "{low_day}).", count, label=track.label, period=shown, last=figure(totals[-1]),
                         high=figure(high), high_day=words.day_month(when[high]), low=figure(low),
                         low_day=words.day_month(when[low])))
