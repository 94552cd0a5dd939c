"""Figures as people read them and as spreadsheets lay them out: flags in the bulletin's words, and the rows
of `history` and `compare` for CSV and workbooks (pure: no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from barometer.figures import signed

if TYPE_CHECKING:
    from barometer.compare import Change, Comparison
    from barometer.history import Flag, HistoryEntry
    from barometer.summary import IssueSummary

SECURITY_SERIES = ("national_security", "regional_tension")


def flag_sentence(flag: Flag, labels: dict[str, str]) -> str:
    """The flag in the bulletin's words, with what it rests on."""
    name = labels.get(flag.track, flag.track.replace("_", " ").capitalize())
    value = signed(flag.value)
    so_far = "so far" if flag.complete else "so far known"
    if flag.kind in ("record_high", "record_low"):
        high = flag.kind == "record_high"
        what = f"{name} {value}: "
        if not flag.computed:
            text = (f"{what}a record {'high' if high else 'low'} as printed "
                    "(too few earlier figures are known here to tell)")
        elif flag.equals:
            text = f"{what}equals the record {'high' if high else 'low'} {so_far} (No. {flag.previous_issue})"
        else:
            text = (f"{what}a new record {'high' if high else 'low'} {so_far} "
                    f"(previous {signed(flag.previous)} in No. {flag.previous_issue})")
    elif flag.kind == "level_change":
        last = "" if flag.complete else ", the last issue with a known level"
        text = f"Regional tension moved from {flag.previous} (No. {flag.previous_issue}{last}) to {flag.value}"
    else:
        text = (f"Regional tension in the {flag.value} zone for the first time {so_far}" if flag.computed
                else f"Regional tension in the {flag.value} zone for the first time, as printed")
    if flag.printed and flag.computed:
        text += "; the bulletin says so too"
    return text


SUMMARY_COLUMNS = ("track", "aggregate", "positive", "negative", "events", "national_security",
                   "regional_tension", "level", "source")


def summary_rows(summary: IssueSummary) -> list[list[object]]:
    """An issue's figures, a row per track (the security row last), as `summary --format csv` gives them."""
    rows: list[list[object]] = [[track, f.aggregate, f.positive, f.negative, f.events, None, None, None, f.source]
                                for track, f in summary.tracks.items()]
    s = summary.security
    if s is not None:
        rows.append(["security", None, None, None, s.events, s.national_security, s.regional_tension, s.level,
                     s.source])
    return rows


HISTORY_COLUMNS = ("issue", "period", "track", "aggregate", "positive", "negative", "events",
                   "national_security", "regional_tension", "level", "source", "flags")
FLAG_COLUMNS = ("issue", "kind", "track", "value", "computed", "printed", "complete", "previous",
                "previous_issue", "equals", "sentence")
SOURCE_COLUMNS = ("issue", "title", "period", "source", "printed_source", "note")


def history_rows(entries: list[HistoryEntry], labels: dict[str, str]) -> list[list[object]]:
    """One row per issue and track (the security row last), for CSV and spreadsheets."""
    rows: list[list[object]] = []
    for entry in entries:
        summary = entry.summary
        period = summary.issue.period.describe()
        for track_id, f in summary.tracks.items():
            flags = "; ".join(flag_sentence(x, labels) for x in entry.flags if x.track == track_id)
            rows.append([entry.number, period, track_id, f.aggregate, f.positive, f.negative, f.events,
                         None, None, None, f.source, flags])
        s = summary.security
        if s is not None:
            flags = "; ".join(flag_sentence(x, labels) for x in entry.flags if x.track in SECURITY_SERIES)
            rows.append([entry.number, period, "security", None, None, None, s.events, s.national_security,
                         s.regional_tension, s.level, s.source, flags])
    return rows


def flag_rows(entries: list[HistoryEntry], labels: dict[str, str]) -> list[list[object]]:
    return [[entry.number, *flag.to_dict().values(), flag_sentence(flag, labels)]
            for entry in entries for flag in entry.flags]


def source_rows(entries: list[HistoryEntry]) -> list[list[object]]:
    rows: list[list[object]] = []
    for entry in entries:
        issue = entry.summary.issue
        published = issue.published
        rows.append([entry.number, issue.title, issue.period.describe(), entry.source,
                     published.source if published else None, published.note if published else None])
    return rows


COMPARISON_COLUMNS = ("track", "figure", "from", "to", "change", "from_source", "to_source")


def comparison_rows(comparison: Comparison) -> list[list[object]]:
    """One row per figure, for CSV and spreadsheets; levels are rows of their own."""
    rows: list[list[object]] = []
    for track_id, change in comparison.tracks.items():
        for figure in ("aggregate", "positive", "negative"):
            value: Change = getattr(change, figure)
            rows.append([track_id, figure, value.before, value.after, value.change, *change.sources])
    security = comparison.security
    if security is not None:
        for figure in ("national_security", "regional_tension"):
            value = getattr(security, figure)
            rows.append(["security", figure, value.before, value.after, value.change, *security.sources])
        changed = security.level_changed
        rows.append(["security", "level", *security.levels,
                     None if changed is None else ("changed" if changed else "same"), *security.sources])
    return rows
