"""What goes into the bulletin, as one JSON-able document; how it looks is the Typst template's business.

Every text is data (strings in JSON), never Typst markup: an event reading `R&D #tag *x* $5 @home`
prints exactly so. Figures come with their display form ("+14", "0", "–" for unknown) beside the
number, so the template needs no formatting logic of its own.
"""

from __future__ import annotations

from typing import Any

from barometer.compare import Comparison
from barometer.figures import UNKNOWN, signed
from barometer.load import EDITORIAL, IssueData
from barometer.models import WorkspaceConfig, event_cells
from barometer.report.markdown import parse_markdown
from barometer.scale import Band, Scale
from barometer.summary import IssueSummary


def long_period(summary: IssueSummary) -> str:
    """'November and December 2020', as the bulletin's running head words it."""
    period = summary.issue.period
    months = period.months
    if len(months) == 1:
        return f"{months[0].name} {months[0].year}"
    if period.start.year == period.end.year:
        names = [m.name for m in months]
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        return f"{listed} {period.end.year}"
    return period.describe()


def band_data(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"name": band.name, "colour": band.colour, "text_colour": band.text_colour,
            "range": band.printed or band.bounds, "interpretation": band.interpretation}


def narrative(data: IssueData, name: str) -> list[dict[str, Any]] | None:
    """A text of the issue (`events/NNN/text/<name>.md`) as blocks; None when there is none."""
    text = data.narratives.get(name)
    return None if text is None else parse_markdown(text)


def _change(comparison: Comparison | None, track_id: str) -> dict[str, Any]:
    if comparison is None or track_id not in comparison.tracks:
        return {"value": None, "text": UNKNOWN, "previous": None}
    change = comparison.tracks[track_id].aggregate
    previous = None if change.before is None else signed(change.before)
    return {"value": change.change, "text": signed(change.change), "previous": previous}


def catalogue_rows(events: list, year: int) -> list[dict[str, object]]:
    """An appendix table's rows: the date as the bulletin writes it, the text, the scores signed."""
    rows = []
    for event in events:
        cells = event_cells(event, date=lambda d: d.render(year), score=signed)
        rows.append({name: cells[name] for name in ("date", "event", *event.score_fields)})
    return rows


def _relations(data: IssueData, comparison: Comparison | None, charts: dict[str, str],
               year: int) -> list[dict[str, Any]]:
    summary, catalogue = data.summary, data.catalogue
    sections = []
    for track in data.config.relations_tracks:
        figures = summary.tracks[track.id]
        events = catalogue.events.get(track.id)
        sections.append({
            "id": track.id,
            "label": track.label,
            "heading": track.heading,
            "source": figures.source,
            "aggregate": figures.aggregate, "positive": figures.positive, "negative": figures.negative,
            "events": figures.events,
            "text": {"aggregate": signed(figures.aggregate), "positive": signed(figures.positive),
                     "negative": signed(figures.negative)},
            "change": _change(comparison, track.id),
            "narrative": narrative(data, track.id),
            "chart": charts.get(f"cumulative-{track.id}"),
            "catalogue": None if events is None else {
                "rows": catalogue_rows(events, year),
                "total": signed(figures.aggregate),
            },
        })
    return sections


def _security(data: IssueData, comparison: Comparison | None, year: int) -> dict[str, Any] | None:
    track = data.config.security_track
    figures = data.summary.security
    if track is None or figures is None:
        return None
    events = data.catalogue.events.get(track.id)
    change: dict[str, Any] = {"national_security": UNKNOWN, "regional_tension": UNKNOWN, "previous_level": None}
    if comparison is not None and comparison.security is not None:
        moved = comparison.security
        change = {"national_security": signed(moved.national_security.change),
                  "regional_tension": signed(moved.regional_tension.change),
                  "previous_level": moved.levels[0]}
    level = band_data(figures.band)
    return {
        "id": track.id,
        "heading": track.heading,
        "source": figures.source,
        "national_security": figures.national_security,
        "regional_tension": figures.regional_tension,
        "events": figures.events,
        "text": {"national_security": signed(figures.national_security),
                 "regional_tension": signed(figures.regional_tension)},
        "level": level,
        "change": change,
        "narrative": narrative(data, track.id),
        "catalogue": None if events is None else {
            "rows": catalogue_rows(events, year),
            "total": {"national_security": signed(figures.national_security),
                      "regional_tension": signed(figures.regional_tension),
                      "level": figures.level},
        },
    }


def _scale(scale: Scale | None) -> dict[str, Any] | None:
    if scale is None:
        return None
    return {"name": scale.name, "note": scale.note, "bands": [band_data(b) for b in scale.bands]}


def _audit(config: WorkspaceConfig, summary: IssueSummary) -> dict[str, Any] | None:
    if not summary.mismatches:
        return None
    labels = {t.id: t.label for t in config.tracks}
    published = summary.issue.published
    return {
        "source": published.source if published else "",
        "rows": [{"track": labels.get(m.track, m.track), "figure": m.figure.replace("_", " "),
                  "printed": signed(m.published), "computed": signed(m.computed)} for m in summary.mismatches],
    }


def build_report_data(data: IssueData, charts: dict[str, str] | None = None) -> dict[str, Any]:
    """The whole bulletin as data. `charts` maps chart names to their files as the template reads them
    (paths from the workspace root, e.g. "/.barometer-report-x/overview.svg")."""
    config, summary, comparison = data.config, data.summary, data.comparison
    issue = summary.issue
    number = issue.number
    year = issue.period.end.year
    chart_paths = dict(charts or {})
    period = long_period(summary)
    previous = None
    if comparison is not None:
        previous = {"issue": comparison.before.issue.number, "period": comparison.before.issue.period.describe()}
    return {
        "title": config.title,
        "subtitle": config.subtitle,
        "publisher": config.publisher,
        "country": config.country,
        "issue": number,
        "issue_title": issue.title or f"{config.title} No. {number}",
        "period": period,
        "period_range": issue.period.describe(),
        "year": year,
        "document_title": f"{config.title} No. {number} ({period})",
        "previous": previous,
        "relations": _relations(data, comparison, chart_paths, year),
        "security": _security(data, comparison, year),
        "scale": _scale(data.scale),
        "audit": _audit(config, summary),
        "editorial": narrative(data, EDITORIAL),
        "charts": chart_paths,
    }
