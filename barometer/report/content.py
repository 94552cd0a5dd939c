"""What goes into the bulletin, as one JSON-able document; how it looks is the Typst template's business.

Every text is data (strings in JSON), never Typst markup: an event reading `R&D #tag *x* $5 @home`
prints exactly so. Figures come with their display form ("+14", "0", "–" for unknown) beside the
number, so the template needs no formatting logic of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from barometer.catalogue import NARRATIVE_DIR
from barometer.compare import Comparison, change_since_previous
from barometer.errors import CatalogueInvalid
from barometer.figures import UNKNOWN, signed
from barometer.io.encoding import read_text_file
from barometer.models import Event, SecurityEvent, Track
from barometer.report.markdown import parse_markdown
from barometer.scale import Band, Scale
from barometer.summary import IssueSummary, issue_summary, workspace_scale
from barometer.workspace import Workspace


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


def narrative(workspace: Workspace, number: int, track: Track) -> list[dict[str, Any]] | None:
    """The section's text from `events/NNN/text/<track>.md`, as blocks; None when there is none."""
    path = workspace.issue_dir(number) / NARRATIVE_DIR / f"{track.id}.md"
    if not path.is_file():
        return None
    return parse_markdown(_narrative_text(workspace, path))


def _change(comparison: Comparison | None, track_id: str) -> dict[str, Any]:
    if comparison is None or track_id not in comparison.tracks:
        return {"value": None, "text": UNKNOWN, "previous": None}
    change = comparison.tracks[track_id].aggregate
    previous = None if change.before is None else signed(change.before)
    return {"value": change.change, "text": signed(change.change), "previous": previous}


def relations_rows(events: list[Event], year: int) -> list[dict[str, str]]:
    return [{"date": e.date.render(year), "event": e.text, "score": signed(e.score)} for e in events]


def security_rows(events: list[SecurityEvent], year: int) -> list[dict[str, str]]:
    return [{"date": e.date.render(year), "event": e.text, "national_security": signed(e.national_security),
             "regional_tension": signed(e.regional_tension)} for e in events]


def _relations(workspace: Workspace, summary: IssueSummary, comparison: Comparison | None,
               charts: dict[str, str], year: int) -> list[dict[str, Any]]:
    catalogue = summary.catalogue
    sections = []
    for track in workspace.config.relations_tracks:
        figures = summary.tracks[track.id]
        events = catalogue.events.get(track.id) if catalogue else None
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
            "narrative": narrative(workspace, summary.issue.number, track),
            "chart": charts.get(f"cumulative-{track.id}"),
            "catalogue": None if events is None else {
                "rows": relations_rows(events, year),  # type: ignore[arg-type]
                "total": signed(figures.aggregate),
            },
        })
    return sections


def _security(workspace: Workspace, summary: IssueSummary, comparison: Comparison | None,
              year: int) -> dict[str, Any] | None:
    track = workspace.config.security_track
    figures = summary.security
    if track is None or figures is None:
        return None
    events = summary.catalogue.events.get(track.id) if summary.catalogue else None
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
        "narrative": narrative(workspace, summary.issue.number, track),
        "catalogue": None if events is None else {
            "rows": security_rows(events, year),  # type: ignore[arg-type]
            "total": {"national_security": signed(figures.national_security),
                      "regional_tension": signed(figures.regional_tension),
                      "level": figures.level},
        },
    }


def _scale(scale: Scale | None) -> dict[str, Any] | None:
    if scale is None:
        return None
    return {"name": scale.name, "note": scale.note, "bands": [band_data(b) for b in scale.bands]}


def _audit(workspace: Workspace, summary: IssueSummary) -> dict[str, Any] | None:
    if not summary.mismatches:
        return None
    labels = {t.id: t.label for t in workspace.config.tracks}

    def shown(value: int | str) -> str:
        return signed(value) if isinstance(value, int) else str(value)

    published = summary.issue.published
    return {
        "source": published.source if published else "",
        "rows": [{"track": labels.get(m.track, m.track), "figure": m.figure.replace("_", " "),
                  "printed": shown(m.published), "computed": shown(m.computed)} for m in summary.mismatches],
    }


def load_summary(workspace: Workspace, number: int) -> tuple[IssueSummary, Comparison | None]:
    """The issue's summary and its comparison with the previous issue (None for the first issue)."""
    comparison = change_since_previous(workspace, number)
    summary = comparison.after if comparison is not None else issue_summary(workspace, number)
    return summary, comparison


def build_report_data(workspace: Workspace, summary: IssueSummary, comparison: Comparison | None,
                      charts: dict[str, Path] | None = None) -> dict[str, Any]:
    """The whole bulletin as data. `charts` maps chart names to files inside the workspace root."""
    config = workspace.config
    issue = summary.issue
    number = issue.number
    year = issue.period.end.year
    chart_paths = {name: "/" + workspace.display(path) for name, path in (charts or {}).items()}
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
        "relations": _relations(workspace, summary, comparison, chart_paths, year),
        "security": _security(workspace, summary, comparison, year),
        "scale": _scale(workspace_scale(workspace)),
        "audit": _audit(workspace, summary),
        "editorial": _editorial(workspace, number),
        "charts": chart_paths,
    }


def _editorial(workspace: Workspace, number: int) -> list[dict[str, Any]] | None:
    """The editor's letter from `events/NNN/text/editorial.md`, when there is one."""
    path = workspace.issue_dir(number) / NARRATIVE_DIR / "editorial.md"
    return parse_markdown(_narrative_text(workspace, path)) if path.is_file() else None


def _narrative_text(workspace: Workspace, path: Path) -> str:
    """A narrative's Markdown; a file that is not UTF-8 text stops the report with its place."""
    text, problems = read_text_file(path, workspace.display(path))
    if problems:
        raise CatalogueInvalid(problems, workspace.display(path))
    return text
