"""What goes into the bulletin, as one JSON-able document; how it looks is the Typst template's business.

Every text is data (strings in JSON), never Typst markup: an event reading `R&D #tag *x* $5 @home`
prints exactly so. Figures come with their display form ("+14", "−3" with a true minus, "–" for unknown)
beside the number, so the template needs no formatting logic of its own. A figure the catalogue corrects
carries what the bulletin printed ("as published"), to be marked where it stands.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from barometer.compare import Comparison, latest_known
from barometer.figures import MINUS, UNKNOWN
from barometer.i18n import ENGLISH, N_, SOURCE_LANGUAGE, Language
from barometer.load import EDITORIAL, IssueData
from barometer.masthead import DEFAULT_CITATION, Imprint
from barometer.method import MethodFigures
from barometer.models import AnyEvent, Track, WorkspaceConfig, event_cells
from barometer.report.charts import ChartFigure
from barometer.report.markdown import parse_inline, parse_markdown, safe_url
from barometer.report.method import Ledger, drivers_of, interval_text, level_drivers, level_holds, method_page
from barometer.report.order import date_ordered
from barometer.report.wording import bounds, figure
from barometer.scale import Band, Scale
from barometer.summary import IssueSummary, TrackFigures

FEW_EVENTS = 5  # a figure from fewer events says so where it stands
KEY_EVENTS = 3  # the events with the largest scores, beside a section's text


def band_data(band: Band | None, scale: Scale | None = None, words: Language = ENGLISH) -> dict[str, Any] | None:
    """A band as printed: its name in the edition's language (`title`; `name` stays its identity), colours,
    the range of its values and what it means. `scale` is the edition's scale, which holds its wording."""
    if band is None:
        return None
    band = (scale.band_named(band.name) if scale is not None else None) or band
    shown = band.printed.replace("-", MINUS) if band.printed else bounds(band, words)
    return {"name": band.name, "title": band.title, "colour": band.colour, "text_colour": band.text_colour,
            "range": shown, "interpretation": band.interpretation}


def narrative(data: IssueData, name: str) -> list[dict[str, Any]] | None:
    """A text of the issue (`events/NNN/text/<name>.md`, or its translation) as blocks; None when there is
    none."""
    text = data.narratives.get(name)
    return None if text is None else parse_markdown(text)


def original_note(data: IssueData, name: str) -> str | None:
    """In an edition in another language, a note where a section's texts are printed as written, untranslated."""
    if name not in data.originals:
        return None
    from babel import Locale

    source = Locale.parse(SOURCE_LANGUAGE).get_display_name(data.language.code.replace("-", "_"))
    return data.language.text("Not yet translated: printed in the original language ({language}).",
                              language=source)


def corrections(summary: IssueSummary, track_id: str) -> dict[str, str]:
    """The figures of a track that the catalogue corrects, with what the bulletin printed for each."""
    return {m.figure: figure(m.published) for m in summary.mismatches if m.track == track_id}


def change_since(data: IssueData, track_id: str, name: str = "aggregate") -> dict[str, Any] | None:
    """The change of a figure since the latest earlier issue that knows it ('+23 since No. 14'); None when
    none does, or when this issue does not know it."""
    def value(summary: IssueSummary) -> int | None:
        if track_id in summary.tracks:
            return getattr(summary.tracks[track_id], name)
        return getattr(summary.security, name) if summary.security is not None else None

    current = value(data.summary)
    found = latest_known(data.history, data.summary.number, value)
    if current is None or found is None:
        return None
    earlier, before = found
    return {"text": figure(current - before), "value": current - before, "since": earlier.number,
            "before": figure(before)}


def state_of(data: IssueData, track: Track, source: str) -> str:
    """'entered' (summed from a catalogue), 'empty' (no event this issue, on purpose), 'printed' (only as
    printed), or 'not entered' (nothing yet: the bulletin is a draft)."""
    if track.id in data.summary.issue.empty:
        return "empty"
    return {"catalogue": "entered", "printed": "printed"}.get(source, "not entered")


def event_text(data: IssueData, track_id: str, event: AnyEvent) -> str:
    """An event's text in the edition's language where the workspace translates it, else as entered."""
    return data.event_texts.get((track_id, event.date, event.text.casefold()), event.text)


def source_cell(event: AnyEvent) -> dict[str, Any] | None:
    """An event's source for the appendix: the web site a link points to (the link kept), or the reference."""
    if not event.source:
        return None
    url = safe_url(event.source)
    shown = (urlsplit(url).hostname or url).removeprefix("www.") if url else event.source
    return {"text": shown, "url": url}


def catalogue_rows(data: IssueData, track_id: str, events: list[AnyEvent], year: int) -> list[dict[str, Any]]:
    """An appendix table's rows in date order: the date as the bulletin writes it in its language (en dash in
    ranges), the text exactly as entered (or as translated), the scores signed with a true minus, the source."""
    rows = []
    for event in date_ordered(events):
        cells = event_cells(event, date=lambda d: data.language.date(d, year), score=figure)
        row: dict[str, Any] = {name: cells[name] for name in ("date", "event", *event.score_fields)}
        row["event"] = event_text(data, track_id, event)
        row["source"] = source_cell(event)
        rows.append(row)
    return rows


def key_events(data: IssueData, track_id: str, events: list[AnyEvent], year: int) -> list[dict[str, str]]:
    """The events that moved the index most (largest scores first; earlier first among equals)."""
    ranked = sorted(events, key=lambda e: (-abs(sum(e.scores.values())), e.date.start))[:KEY_EVENTS]
    return [{"date": data.language.date(e.date, year), "score": figure(sum(e.scores.values())),
             "event": event_text(data, track_id, e)} for e in ranked]


def heading(track: Track, words: Language) -> str:
    """A section's heading: the workspace's (in the edition's language), or the bulletin's usual one."""
    if track.section:
        return track.section
    if track.kind == "security":
        return words.text("Security")
    return words.text("Relationship with {label}", label=track.label)


def events_text(count: int | None, words: Language) -> str | None:
    return None if count is None else words.plural("{count} event this issue", "{count} events this issue", count)


def figures_of(figures: TrackFigures) -> dict[str, str]:
    return {"aggregate": figure(figures.aggregate), "positive": figure(figures.positive),
            "negative": figure(figures.negative)}


def _relations(data: IssueData, charts: dict[str, ChartFigure], year: int) -> list[dict[str, Any]]:
    summary, sections = data.summary, []
    for track in data.config.relations_tracks:
        figures = summary.tracks[track.id]
        events = data.catalogue.events.get(track.id)
        sections.append({
            "id": track.id,
            "label": track.label,
            "heading": heading(track, data.language),
            "byline": byline(data, track.id),
            "state": state_of(data, track, figures.source),
            "source": figures.source,
            "aggregate": figures.aggregate, "positive": figures.positive, "negative": figures.negative,
            "events": figures.events,
            "events_text": events_text(figures.events, data.language),
            "original": original_note(data, track.id),
            "few": figures.events is not None and figures.events < FEW_EVENTS,
            "text": figures_of(figures),
            "corrections": corrections(summary, track.id),
            "change": change_since(data, track.id),
            "narrative": narrative(data, track.id),
            "chart": charts.get(f"cumulative-{track.id}"),
            "key_events": key_events(data, track.id, events, year) if events else [],
            "catalogue": None if events is None else {
                "rows": catalogue_rows(data, track.id, events, year),
                "sources": any(e.source for e in events),
                "total": figures_of(figures),
            },
        })
    return sections


def _security(data: IssueData, year: int) -> dict[str, Any] | None:
    track = data.config.security_track
    figures = data.summary.security
    if track is None or figures is None:
        return None
    events = data.catalogue.events.get(track.id)
    previous = previous_level(data)
    texts = {"national_security": figure(figures.national_security),
             "regional_tension": figure(figures.regional_tension)}
    return {
        "id": track.id,
        "label": track.label,
        "heading": heading(track, data.language),
        "byline": byline(data, track.id),
        "state": state_of(data, track, figures.source),
        "source": figures.source,
        "national_security": figures.national_security,
        "regional_tension": figures.regional_tension,
        "events": figures.events,
        "events_text": events_text(figures.events, data.language),
        "original": original_note(data, track.id),
        "few": figures.events is not None and figures.events < FEW_EVENTS,
        "text": texts,
        "corrections": corrections(data.summary, track.id),
        "level": band_data(figures.band, data.scale, data.language),
        "previous_level": previous,
        "change": {"national_security": change_since(data, track.id, "national_security"),
                   "regional_tension": change_since(data, track.id, "regional_tension")},
        "national_history": national_history(data),
        "narrative": narrative(data, track.id),
        "key_events": key_events(data, track.id, events, year) if events else [],
        "catalogue": None if events is None else {
            "rows": catalogue_rows(data, track.id, events, year),
            "sources": any(e.source for e in events),
            "total": texts,
        },
    }


def national_history(data: IssueData) -> str | None:
    """The national security index across issues in words, for a history too short for a chart."""
    known = [(s.number, s.security.national_security, s.security.source) for s in data.history
             if s.security is not None and s.security.national_security is not None]
    if not known:
        return None
    words = data.language
    *earlier, (number, value, _) = known
    if not earlier:
        return words.text("{value} in No. {issue}; no earlier issue gives it.", value=figure(value), issue=number)
    listed = ", ".join(words.text("{value} in No. {issue}", value=figure(v), issue=n)
                       + (" " + words.text("(as printed)") if source == "printed" else "")
                       for n, v, source in reversed(earlier))
    return words.text("{value} in No. {issue}; earlier issues give {listed}; no other issue gives it.",
                      value=figure(value), issue=number, listed=listed)


def previous_level(data: IssueData) -> dict[str, Any] | None:
    """The tension level of the latest earlier issue that knows one, and which issue that is."""
    def level(summary: IssueSummary) -> str | None:
        return summary.security.level if summary.security is not None else None

    found = latest_known(data.history, data.summary.number, level)
    if found is None:
        return None
    earlier, name = found
    band = data.scale.band_named(name) if data.scale is not None else None
    return {"issue": earlier.number, "name": name, "title": band.title if band else name,
            "band": band_data(band, data.scale, data.language)}


def byline(data: IssueData, track_id: str) -> list[str]:
    """The names of the people who wrote a section, as issue.toml says."""
    return [person.name for person_id in data.summary.issue.bylines.get(track_id, [])
            if (person := data.config.person(person_id)) is not None]


def people(data: IssueData) -> dict[str, Any]:
    """The Authors page (name and bio of each author of the issue) and the editor's signature."""
    config, issue = data.config, data.summary.issue
    authors = [{"name": p.name, "bio": p.bio} for person_id in issue.authors
               if (p := config.person(person_id)) is not None]
    editor = config.person(issue.editor) if issue.editor else None
    return {"authors": authors,
            "editor": None if editor is None else {"name": editor.name, "signature": editor.signature}}


def imprint(config: WorkspaceConfig, imprint: Imprint, summary: IssueSummary, logos: list[dict[str, str]],
            period: str, words: Language = ENGLISH) -> dict[str, Any]:
    """The closing page: website, acknowledgement and logos, disclaimer, copyright and the citation."""
    if imprint.citation == DEFAULT_CITATION:
        imprint = imprint.model_copy(update={"citation": words.text(DEFAULT_CITATION)})
    citation = imprint.cite(title=config.title, subtitle=config.subtitle, issue=summary.number, period=period,
                            publisher=config.publisher, website=imprint.website, year=summary.issue.period.end.year)
    return {"website": imprint.website, "website_url": safe_url(imprint.website), "acknowledgement":
            imprint.acknowledgement, "logos": logos, "disclaimer": imprint.disclaimer,
            "copyright": imprint.copyright, "citation": citation}


def _scale(scale: Scale | None, words: Language) -> dict[str, Any] | None:
    if scale is None:
        return None
    return {"name": scale.name, "note": parse_inline(scale.note),
            "bands": [band_data(b, scale, words) for b in scale.bands]}


FIGURE_NAMES = {"aggregate": N_("aggregate"), "positive": N_("positive"), "negative": N_("negative"),
                "events": N_("events"), "national_security": N_("national security"),
                "regional_tension": N_("regional tension"), "level": N_("level")}


def _audit(config: WorkspaceConfig, summary: IssueSummary, scale: Scale | None, words: Language
           ) -> dict[str, Any] | None:
    if not summary.mismatches:
        return None
    labels = {t.id: t.label for t in config.tracks}
    published = summary.issue.published

    def shown(value: int | str) -> str:
        band = scale.band_named(value) if isinstance(value, str) and scale is not None else None
        return band.title if band is not None else figure(value)

    return {
        "source": published.source if published else "",
        "rows": [{"track": labels.get(m.track, m.track), "figure": words.text(FIGURE_NAMES[m.figure]),
                  "printed": shown(m.published), "computed": shown(m.computed)} for m in summary.mismatches],
    }


def across_issues(data: IssueData) -> dict[str, Any]:
    """Each relationship's aggregate in the issues that know any, up to this one (unknown as '–')."""
    relations = data.config.relations_tracks
    known = [s for s in data.history
             if any(s.tracks.get(t.id) and s.tracks[t.id].aggregate is not None for t in relations)]
    rows = []
    for track in relations:
        cells = []
        for summary in known:
            figures = summary.tracks.get(track.id)
            value = figures.aggregate if figures else None
            cells.append({"text": figure(value) if value is not None else UNKNOWN,
                          "printed": value is not None and figures is not None and figures.source == "printed"})
        rows.append({"label": track.label, "cells": cells})
    return {"issues": [s.number for s in known], "rows": rows}


def build_report_data(data: IssueData, charts: dict[str, ChartFigure] | None = None,
                      logos: list[dict[str, str]] | None = None, method: MethodFigures | None = None,
                      ledger: Ledger | None = None) -> dict[str, Any]:
    """The whole bulletin as data. `charts` are the figures drawn (their files as the template reads them,
    paths from the workspace root) with caption, source line and alternative text; `logos` the imprint's
    logos likewise; `method` the figures of the methodology page; `ledger` the changes since publication."""
    config, summary, comparison, words = data.config, data.summary, data.comparison, data.language
    issue = summary.issue
    number = issue.number
    year = issue.period.end.year
    charts = dict(charts or {})
    period = words.period_words(issue.period)
    relations = _relations(data, charts, year)
    security = _security(data, year)
    parts = [*relations, *([security] if security else [])]
    missing = [part["label"] for part in parts if part["state"] == "not entered"]
    return {
        "title": config.title,
        "subtitle": config.subtitle,
        "publisher": config.publisher,
        "country": config.country,
        "issue": number,
        "lang": words.code,
        "issue_title": issue.title if issue.title and words.is_source else
        words.text("{title} No. {issue}", title=config.title, issue=number),
        "period": period,
        "period_range": words.period(issue.period),
        "year": year,
        "document_title": words.text("{title} No. {issue} ({period})", title=config.title, issue=number,
                                     period=period),
        "draft": {"is": bool(missing), "missing": missing},
        "previous": _previous(comparison, words),
        "relations": relations,
        "security": security,
        "across": across_issues(data),
        "scale": _scale(data.scale, words),
        "audit": _audit(config, summary, data.scale, words),
        "editorial": narrative(data, EDITORIAL),
        "editorial_original": original_note(data, EDITORIAL),
        "people": people(data),
        "imprint": imprint(config, config.imprint, summary, logos or [], period, words),
        "charts": charts,
        **_method(data, method, relations, security, ledger or Ledger()),
    }


def _method(data: IssueData, method: MethodFigures | None, relations: list[dict[str, Any]],
            security: dict[str, Any] | None, ledger: Ledger) -> dict[str, Any]:
    """The method's figures where they stand (intervals, how firmly the level holds, drivers) and its page."""
    if method is None:
        return {"drivers": None, "method": [], "revisions": ledger.rows}
    words = data.language
    for relation in relations:
        held = method.robustness.tracks.get(relation["id"])
        relation["interval"] = interval_text(held.interval if held else None, words)
    if security is not None:
        security["level_holds"] = level_holds(data, method)
        changed = security["previous_level"] is not None and security["level"] is not None and \
            security["previous_level"]["name"] != security["level"]["name"]
        security["level_drivers"] = level_drivers(data, method) if changed else []
    labels = {t.id: t.label for t in data.config.tracks}
    audit_rows = len(data.summary.mismatches)
    return {"drivers": drivers_of(data, method, labels), "revisions": ledger.rows,
            "method": method_page(data, method, audit_rows, ledger)}


def _previous(comparison: Comparison | None, words: Language) -> dict[str, Any] | None:
    if comparison is None:
        return None
    return {"issue": comparison.before.issue.number, "period": words.period(comparison.before.issue.period)}
