"""Figures as people read them and as spreadsheets lay them out: flags in the bulletin's words; the wide tables
an analyst charts (issues × relationships, labels, numbers, unknown as empty, the events each figure sums) and
the long tables other programs read, of `history` and `compare` (pure: no I/O)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from barometer.figures import signed
from barometer.io.formats import SIGNED, Table

if TYPE_CHECKING:
    from barometer.compare import Change, Comparison
    from barometer.history import Flag, HistoryEntry
    from barometer.models import WorkspaceConfig
    from barometer.robustness import Robustness
    from barometer.summary import IssueSummary

WIDE_NOTES = ("Italic: a figure as the bulletin printed it (the issue has no catalogue for it). Empty: unknown, "
              "never 0. Events: how many events the figure sums (a printed figure's, where the bulletin gave it).",)

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
                   "regional_tension", "level", "source", "mean", "interval_low", "interval_high", "level_holds")


def summary_rows(summary: IssueSummary, held: Robustness | None = None) -> list[list[object]]:
    """An issue's figures, a row per track (the security row last), as `summary --format csv` gives them; with
    `held`, each figure's mean per event, its 90 % interval (of regional tension, for security) and how often
    the level holds."""
    def spread(figure: object) -> list[object]:
        if figure is None or figure.interval is None:  # type: ignore[attr-defined]
            return [None, None, None]
        return [round(figure.mean, 3), *figure.interval]  # type: ignore[attr-defined]

    rows: list[list[object]] = [[track, f.aggregate, f.positive, f.negative, f.events, None, None, None, f.source,
                                 *spread(held.tracks.get(track) if held else None), None]
                                for track, f in summary.tracks.items()]
    s = summary.security
    if s is not None:
        holds = round(held.level_holds, 3) if held is not None and held.level_holds is not None else None
        rows.append(["security", None, None, None, s.events, s.national_security, s.regional_tension, s.level,
                     s.source, *spread(held.regional_tension if held else None), holds])
    return rows


def history_wide(entries: list[HistoryEntry], config: WorkspaceConfig) -> Table:
    """A row per issue ('No. 18'), a column per relationship's aggregate with the events it sums beside it, the
    security indices and the tension level: what an analyst charts."""
    relations = config.relations_tracks
    security = config.security_track
    columns = ["Issue", "Period"]
    for track in relations:
        columns += [track.label, f"{track.label} events"]
    if security is not None:
        columns += ["National security", "Regional tension", f"{security.label} events", "Tension level"]
    columns.append("From")
    rows: list[list[object]] = []
    italic: set[tuple[int, int]] = set()
    for index, entry in enumerate(entries):
        summary = entry.summary
        row: list[object] = [f"No. {entry.number}", summary.issue.period.describe()]
        for track in relations:
            figures = summary.tracks[track.id]
            if figures.source == "printed":
                italic.add((index, len(row)))
            row += [figures.aggregate, figures.events]
        if security is not None:
            s = summary.security
            if s is not None and s.source == "printed":
                italic.update({(index, len(row)), (index, len(row) + 1), (index, len(row) + 3)})
            row += [s.national_security, s.regional_tension, s.events, s.level] if s else [None] * 4
        row.append(entry.source + (f" (being entered: {', '.join(_labels(entry.unentered, config))} not yet)"
                                   if entry.unentered else ""))
        rows.append(row)
    formats = {c: "0" if c.endswith(" events") else SIGNED for c in columns[2:-1] if c != "Tension level"}
    return Table(columns, rows, name="Indices", italic=frozenset(italic), number_formats=formats, notes=WIDE_NOTES)


def _labels(track_ids: list[str], config: WorkspaceConfig) -> list[str]:
    return [track.label if (track := config.track(t)) else t for t in track_ids]


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


COMPARISON_COLUMNS = ("track", "figure", "from", "to", "change", "from_events", "to_events", "from_source",
                      "to_source")


def comparison_rows(comparison: Comparison) -> list[list[object]]:
    """One row per figure, with the events each issue's figure sums, for CSV and programs; the tension level is a
    row of its own (its names under from and to, no change)."""
    rows: list[list[object]] = []
    for track_id, change in comparison.tracks.items():
        for figure in ("aggregate", "positive", "negative"):
            value: Change = getattr(change, figure)
            rows.append([track_id, figure, value.before, value.after, value.change, *change.events, *change.sources])
    security = comparison.security
    if security is not None:
        for figure in ("national_security", "regional_tension"):
            value = getattr(security, figure)
            rows.append(["security", figure, value.before, value.after, value.change, *security.events,
                         *security.sources])
        rows.append(["security", "level", *security.levels, None, *security.events, *security.sources])
    return rows


def comparison_wide(comparison: Comparison, config: WorkspaceConfig) -> list[Table]:
    """Two issues side by side as an analyst charts them: a row per relationship (its label) and per security
    index, each issue's figure with the events it sums and the change, then the points; the tension level in a
    small table of its own below."""
    first, second = (f"No. {summary.number}" for summary in (comparison.before, comparison.after))
    columns = ["Relationship", first, second, "Change", f"{first} events", f"{second} events",
               f"Positive {first}", f"Positive {second}", "Positive change",
               f"Negative {first}", f"Negative {second}", "Negative change"]
    rows: list[list[object]] = []
    italic: set[tuple[int, int]] = set()
    for index, (track_id, change) in enumerate(comparison.tracks.items()):
        track = config.track(track_id)
        rows.append([track.label if track else track_id, change.aggregate.before, change.aggregate.after,
                     change.aggregate.change, *change.events,
                     change.positive.before, change.positive.after, change.positive.change,
                     change.negative.before, change.negative.after, change.negative.change])
        italic.update((index, column) for column, source in ((1, change.sources[0]), (2, change.sources[1]))
                      if source == "printed")
    security = comparison.security
    if security is not None:
        for figure, label in (("national_security", "National security"), ("regional_tension", "Regional tension")):
            value: Change = getattr(security, figure)
            italic.update((len(rows), column) for column, source in ((1, security.sources[0]),
                                                                      (2, security.sources[1])) if source == "printed")
            rows.append([label, value.before, value.after, value.change, *security.events, *[None] * 6])
    titles = [summary.issue.title or f"{config.title} {name}" for summary, name in
              ((comparison.before, first), (comparison.after, second))]
    periods = [summary.issue.period.describe() for summary in (comparison.before, comparison.after)]
    title = f"{titles[0]} ({periods[0]}) → {titles[1]} ({periods[1]})"
    formats = {c: "0" if c.endswith(" events") else SIGNED for c in columns[1:]}
    tables = [Table(columns, rows, name="Compare", title=title, italic=frozenset(italic), number_formats=formats,
                    notes=WIDE_NOTES)]
    if security is not None:
        changed = security.level_changed
        tables.append(Table(["Tension level", first, second, "Changed"],
                            [["Regional tension", *security.levels,
                              None if changed is None else ("yes" if changed else "no")]], name="Compare"))
    return tables
