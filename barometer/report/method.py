"""The method in the bulletin, in words generated from the issue's own data: each aggregate's interval, how
firmly the tension level holds, what moved the indices since the issue before, and a methodology page (how
scores are summed, the scale, the audit, revisions, agreement, robustness) — no claim the data do not bear."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from barometer.drivers import Explanation, movers
from barometer.i18n import N_, Language
from barometer.load import IssueData
from barometer.method import MethodFigures
from barometer.report.wording import figure
from barometer.revisions import Revision

DRIVERS_SHOWN = 2  # the events named per relationship on the summary page
CHANGES = {"added": N_("{event}: added"), "removed": N_("{event}: removed")}
FIELDS = {"date": N_("date"), "event": N_("text"), "score": N_("score"), "source": N_("source"),
          "national_security": N_("national security"), "regional_tension": N_("regional tension")}


@dataclass(frozen=True)
class Ledger:
    """The revisions the Method page lists (`rows`), those an edition as published leaves out (`pending`),
    and the differences from the catalogues as published that no record explains (`unrecorded`)."""

    rows: list[dict[str, str]] = field(default_factory=list)
    pending: int = 0
    unrecorded: int = 0


def revision_rows(data: IssueData, records: list[Revision]) -> list[dict[str, str]]:
    """The changes made since publication, as the methodology page lists them: one row per change, an added
    event with the cells it was given ("Consultations in Minsk: added (score +1)")."""
    words, labels = data.language, {t.id: t.label for t in data.config.tracks}
    rows: list[dict[str, str]] = []
    added: dict[tuple[str, str, str], dict[str, str]] = {}
    for record in records:
        key = (record.track, record.date, record.event)
        if key in added and not record.old and record.field not in CHANGES:  # a cell the added event was given
            row = added[key]
            row["cells"] = (row["cells"] + ", " if row["cells"] else "") + words.text(
                "{field} {value}", field=words.text(FIELDS.get(record.field, record.field)), value=_shown(record.new))
            row["change"] = words.text("{event}: added ({cells})", event=record.event, cells=row["cells"])
            continue
        if record.field in CHANGES:
            change = words.text(CHANGES[record.field], event=record.event)
        else:
            change = words.text("{event}: {field} {old} → {new}", event=record.event,
                                field=words.text(FIELDS.get(record.field, record.field)),
                                old=_shown(record.old), new=_shown(record.new))
        row = {"when": record.when[:10], "track": labels.get(record.track, record.track), "change": change,
               "reason": record.reason, "cells": ""}
        rows.append(row)
        if record.field == "added":
            added[key] = row
    return [{name: value for name, value in row.items() if name != "cells"} for row in rows]


def _shown(value: str) -> str:
    """A recorded value as the bulletin prints it: a score signed with a true minus, empty as '–'."""
    if not value:
        return "–"
    return figure(int(value)) if re.fullmatch(r"[+-]?[0-9]{1,9}", value) else value


def percent(share: float) -> int:
    return round(share * 100)


def interval_text(interval: tuple[int, int] | None, words: Language) -> str | None:
    if interval is None:
        return None
    return words.text("90 % interval: {low} to {high}", low=figure(interval[0]), high=figure(interval[1]))


def level_holds(data: IssueData, method: MethodFigures) -> dict[str, Any] | None:
    """How often regional tension stays in its band when the security events are resampled."""
    held, security = method.robustness, data.summary.security
    if held.level_holds is None or security is None or security.band is None or not security.events:
        return None
    words = data.language
    band = data.scale.band_named(security.band.name) if data.scale is not None else None
    level = band.title if band is not None else security.band.name
    share = percent(held.level_holds)
    return {"share": share, "text": words.text("holds in {share} % of resamples", share=share),
            "sentence": words.plural(
                "Drawing this issue’s {count} security event again at random, with replacement, {resamples} "
                "times, regional tension stays {level} in {share} % of the draws.",
                "Drawing this issue’s {count} security events again at random, with replacement, {resamples} "
                "times, regional tension stays {level} in {share} % of the draws.", security.events,
                resamples=words.number(held.resamples), level=level, share=share)}


def drivers_of(data: IssueData, method: MethodFigures, labels: dict[str, str]) -> dict[str, Any] | None:
    """Each relationship's main drivers since the issue before — the events that moved its aggregate the way
    it went, largest first — or, where the issue before has no catalogue of it, why the change cannot be
    split."""
    if method.previous is None:
        return None
    words = data.language
    rows, unknown = [], []
    for track in data.config.relations_tracks:
        explanation = method.drivers.get(track.id)
        if data.catalogue.events.get(track.id) is None:
            continue  # not entered in this issue: nothing to explain
        if explanation is None or not explanation.known:
            unknown.append(labels[track.id])
            continue
        rows.append({"label": labels[track.id], "change": figure(explanation.change),
                     "events": [driver_text(d, data.summary.number, words)
                                for d in movers(explanation, DRIVERS_SHOWN)]})
    note = None
    if unknown:
        note = words.text("No. {issue} has no catalogue of {labels} (only the figures it printed, if any), so the "
                          "change cannot be split into events.", issue=method.previous, labels=", ".join(unknown))
    return {"since": method.previous, "rows": rows, "note": note}


def driver_text(driver: Any, number: int, words: Language) -> str:
    """An event of this issue with its score; an event of the issue before, whose score no longer counts."""
    if driver.issue == number:
        return words.text("{event} ({score})", event=driver.event, score=figure(driver.contribution))
    return words.text("{event} (No. {issue}: {score}, no longer counted)", event=driver.event, issue=driver.issue,
                      score=figure(-driver.contribution))


def level_drivers(data: IssueData, method: MethodFigures) -> list[str]:
    """The security events that moved regional tension since the issue before, when the level changed."""
    security = data.config.security_track
    if security is None:
        return []
    explanation: Explanation | None = method.drivers.get(f"{security.id}.regional_tension")
    if explanation is None:
        return []
    return [driver_text(d, data.summary.number, data.language) for d in movers(explanation, 3)]


def revisions_text(published_on: str | None, ledger: Ledger, words: Language) -> str:
    """The Method page's paragraph on revisions, saying only what the ledger holds."""
    if not published_on:
        return words.text("This issue is not marked as published yet: its catalogues may still change.")
    on = words.day_or_month(published_on)
    if ledger.pending:
        text = words.plural("Published: {on}. This edition gives the issue as published; {count} change made since "
                            "is not included.", "Published: {on}. This edition gives the issue as published; {count} "
                            "changes made since are not included.", ledger.pending, on=on)
    elif ledger.rows:
        text = words.plural("Published: {on}. {count} change has been made since, listed below with its reason.",
                            "Published: {on}. {count} changes have been made since, listed below with their "
                            "reasons.", len(ledger.rows), on=on)
    elif not ledger.unrecorded:
        return words.text("Published: {on}. No event has been changed since.", on=on)
    else:
        text = words.text("Published: {on}.", on=on)
    if ledger.unrecorded:
        text += " " + words.plural("The catalogues also differ from the catalogues as published in {count} place that "
                                   "no revision record explains.", "The catalogues also differ from the catalogues as "
                                   "published in {count} places that no revision record explains.", ledger.unrecorded)
    return text


def method_page(data: IssueData, method: MethodFigures, audit_rows: int, ledger: Ledger) -> list[dict[str, str]]:
    """The methodology page: a heading and a paragraph per part, each sentence from this issue's data."""
    words, config, summary = data.language, data.config, data.summary
    bounds = config.scores
    events = sum(f.events or 0 for f in summary.tracks.values()) + (summary.security.events or 0
                                                                    if summary.security else 0)
    parts = [{"heading": words.text("How the indices are summed"), "text": words.text(
        "Analysts catalogue the events of the issue’s period and score each from {low} to {high}: a relationship’s "
        "event is never 0, a security event is scored twice, for national security and for regional tension. "
        "An index is the sum of its events’ scores; positive and negative points are the sums of the positive "
        "and of the negative scores. This issue counts {events} events.", low=figure(bounds.min),
        high=figure(bounds.max), events=events)}]
    if data.scale is not None:
        names = ", ".join(band.title for band in data.scale.bands)
        parts.append({"heading": words.text("The colour scale"), "text": words.text(
            "Regional tension falls in one of the bands of the colour scale ({names}); Appendix 3 gives their "
            "values and what each means.", names=names)})
    published = summary.issue.published
    if published is not None:
        text = (words.plural("The figures the bulletin printed were checked against its own catalogues: {count} "
                             "differs, and this edition prints the catalogues’ sum, marked where it stands.",
                             "The figures the bulletin printed were checked against its own catalogues: {count} "
                             "differ, and this edition prints the catalogues’ sums, marked where they stand.",
                             audit_rows) if audit_rows else
                words.text("The figures the bulletin printed were checked against its own catalogues: every one "
                           "matches."))
        parts.append({"heading": words.text("The audit of printed figures"), "text": text})
    parts.append({"heading": words.text("Revisions"), "text": revisions_text(summary.issue.published_on, ledger,
                                                                              words)})
    agreed = method.agreement
    if agreed is None or agreed.overall.alpha is None:
        text = words.text("Each event was scored by the catalogue’s analyst only: no second coding exists for this "
                          "issue, so the agreement between analysts is not measured.")
    else:
        overall = agreed.overall
        text = words.text(
            "{coders} analysts scored {units} of this issue’s scores independently. Their agreement, "
            "Krippendorff’s alpha at the interval level, is {alpha} (95 % interval {low} to {high}); 1 is perfect "
            "agreement, 0 no better than chance.", coders=len(overall.coders), units=overall.events,
            alpha=f"{overall.alpha:.2f}", low=f"{overall.low:.2f}", high=f"{overall.high:.2f}")
    parts.append({"heading": words.text("Agreement between analysts"), "text": text})
    held = method.robustness
    intervals = "; ".join(words.text("{label} {low} to {high}", label=t.label, low=figure(r.interval[0]),
                                     high=figure(r.interval[1]))
                          for t in config.relations_tracks if (r := held.tracks.get(t.id)) and r.interval)
    if intervals:
        text = words.text("Drawing each catalogue’s events again at random, with replacement, {resamples} times "
                          "shows how much an index owes to single events. The middle 90 % of the draws: "
                          "{intervals}.", resamples=words.number(held.resamples),
                          intervals=intervals)
        holds = level_holds(data, method)
        if holds is not None:
            text += " " + holds["sentence"]
        parts.append({"heading": words.text("How firmly the figures hold"), "text": text})
    return parts
