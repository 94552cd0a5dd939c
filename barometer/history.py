"""Figures across issues: each figure's series, records, level changes and firsts (pure: no I/O).

The loader (`barometer.load`) reads the issues; `barometer.tables` words the flags and lays out rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.figures import UNKNOWN
from barometer.summary import IssueSummary

SECURITY_SERIES = ("national_security", "regional_tension")  # as `tables` words them
RECORD_AFTER = 2  # earlier known figures a record needs: beating a single figure is no record


@dataclass(frozen=True, slots=True)
class Known:
    """One known value of a series: which issue, the value, and where it came from."""

    issue: int
    value: int | str
    source: str  # "catalogue" | "printed" | "stated in No. N" (a level the next issue reported)


@dataclass
class Flag:
    """Something an issue did for the first time or for a record, as plain data.

    `computed`: it follows from the figures known here. `printed`: the bulletin said so itself.
    `complete`: every earlier issue's figure is known (otherwise it holds "so far as known").
    """

    kind: str  # "record_high", "record_low", "level_change" or "first_in_level"
    track: str  # a relations track id, "national_security" or "regional_tension"
    value: int | str
    computed: bool = True
    printed: bool = False
    complete: bool = True
    previous: int | str | None = None
    previous_issue: int | None = None
    equals: bool = False  # a record equalled rather than beaten

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "track": self.track, "value": self.value, "computed": self.computed,
                "printed": self.printed, "complete": self.complete, "previous": self.previous,
                "previous_issue": self.previous_issue, "equals": self.equals}


@dataclass
class HistoryEntry:
    """An issue in the history: its summary and its flags. `unentered` are the tracks of an issue being entered
    (some catalogues entered, these not yet): its figures are partial, so no record or first is claimed for it."""

    summary: IssueSummary
    flags: list[Flag] = field(default_factory=list)
    unentered: list[str] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.summary.issue.number

    @property
    def source(self) -> str:
        """"catalogue", "printed", "catalogue and printed" (some tracks each), or "none"."""
        sources = {f.source for f in self.summary.tracks.values()}
        if self.summary.security is not None:
            sources.add(self.summary.security.source)
        known = sorted(sources - {"none"})
        return " and ".join(known) if known else "none"

    def to_dict(self) -> dict[str, object]:
        summary = self.summary
        issue = summary.issue
        published = issue.published
        printed_tracks = published.tracks if published else {}
        tracks: dict[str, object] = {}
        for track_id, figures in summary.tracks.items():
            data = figures.to_dict()
            printed = printed_tracks.get(track_id)
            if figures.source == "catalogue" and printed is not None:
                data["printed"] = printed.model_dump(exclude_none=True, exclude={"record"})
            tracks[track_id] = data
        security = summary.security.to_dict() if summary.security else None
        if security is not None and summary.security.source == "catalogue" and published and published.security:
            security["printed"] = published.security.model_dump(
                exclude_none=True, exclude={"previous_level", "first_time_in_level"})
        return {
            "issue": issue.number,
            "title": issue.title,
            "period": {"start": str(issue.period.start), "end": str(issue.period.end),
                       "text": issue.period.describe()},
            "source": self.source,
            "printed_source": published.source if published else None,
            "tracks": tracks,
            "security": security,
            "mismatches": [m.to_dict() for m in summary.mismatches],
            "flags": [f.to_dict() for f in self.flags],
            "unentered": self.unentered,
        }


def series_of(summaries: list[IssueSummary], figure: str) -> list[Known]:
    """Known values of one figure across issues: a track's aggregate, or a security index."""
    known = []
    for summary in summaries:
        if figure in SECURITY_SERIES:
            security = summary.security
            value = getattr(security, figure) if security else None
            source = security.source if security else "none"
        else:
            track = summary.tracks.get(figure)
            value = track.aggregate if track else None
            source = track.source if track else "none"
        if value is not None:
            known.append(Known(summary.issue.number, value, source))
    return known


def levels_of(summaries: list[IssueSummary]) -> list[Known]:
    """Known tension levels across issues, with levels the next issue stated ("moved from Green")."""
    known: dict[int, Known] = {}
    for summary in summaries:
        security = summary.security
        if security is not None and security.band is not None:
            known[summary.issue.number] = Known(summary.issue.number, security.band.name, security.source)
    canonical = {k.value.casefold(): k.value for k in known.values() if isinstance(k.value, str)}
    for summary in summaries:
        published = summary.issue.published
        stated = published.security.previous_level if published and published.security else None
        stated = canonical.get(stated.strip().casefold(), stated.strip()) if stated else None
        before = summary.issue.number - 1
        if stated and before not in known:
            known[before] = Known(before, stated, f"stated in No. {summary.issue.number}")
    return [known[n] for n in sorted(known)]


def _complete(earlier: list[Known], number: int, first_issue: int) -> bool:
    """Whether every issue from the first to the one before `number` has a known value."""
    return {k.issue for k in earlier} >= set(range(first_issue, number))


def record_flags(series: list[Known], number: int, figure: str, first_issue: int) -> list[Flag]:
    """Record high/low of `figure` at issue `number` against the known values of earlier issues."""
    current = next((k for k in series if k.issue == number), None)
    earlier = [k for k in series if k.issue < number]
    if current is None or len(earlier) < RECORD_AFTER or not isinstance(current.value, int):
        return []
    values = [int(k.value) for k in earlier]
    complete = _complete(earlier, number, first_issue)
    flags = []
    for kind, best in (("record_high", max(values)), ("record_low", min(values))):
        beaten = current.value > best if kind == "record_high" else current.value < best
        equalled = current.value == best and len(set(values)) > 1
        if beaten or equalled:
            holder = [k.issue for k in earlier if k.value == best][-1]
            flags.append(Flag(kind, figure, current.value, complete=complete, previous=best,
                              previous_issue=holder, equals=equalled))
    return flags


def level_flags(levels: list[Known], summary: IssueSummary, first_issue: int) -> list[Flag]:
    """Level change against the previous known level, and a first time in a zone."""
    number = summary.issue.number
    current = next((k for k in levels if k.issue == number), None)
    published = summary.issue.published
    claims = published.security if published and published.security else None
    earlier = [k for k in levels if k.issue < number]
    flags: list[Flag] = []
    if current is None:
        return flags
    if earlier and earlier[-1].value != current.value:
        flags.append(Flag("level_change", "regional_tension", current.value, previous=earlier[-1].value,
                          previous_issue=earlier[-1].issue,
                          printed=bool(claims and claims.previous_level),
                          complete=earlier[-1].issue == number - 1))
    seen = {k.value for k in earlier}
    if earlier and current.value not in seen:
        flags.append(Flag("first_in_level", "regional_tension", current.value,
                          printed=bool(claims and claims.first_time_in_level),
                          complete=_complete(earlier, number, first_issue)))
    elif claims and claims.first_time_in_level and not earlier:
        flags.append(Flag("first_in_level", "regional_tension", current.value, computed=False, printed=True,
                          complete=False))
    return flags


def _printed_records(summary: IssueSummary, flags: list[Flag]) -> list[Flag]:
    """Mark computed records the bulletin also claimed; add claimed records nothing here confirms."""
    published = summary.issue.published
    if published is None:
        return flags
    for track_id, printed in published.tracks.items():
        if printed.record is None:
            continue
        kind = f"record_{printed.record}"
        match = next((f for f in flags if f.kind == kind and f.track == track_id), None)
        if match is not None:
            match.printed = True
        else:
            figures = summary.tracks.get(track_id)
            value = figures.aggregate if figures and figures.aggregate is not None else printed.aggregate
            flags.append(Flag(kind, track_id, value if value is not None else UNKNOWN, computed=False,
                              printed=True, complete=False))
    return flags


def history_entries(summaries: list[IssueSummary], first_issue: int = 1, security_id: str = "security"
                    ) -> list[HistoryEntry]:
    """Each issue with its flags, computed over the issues before it (pure: no I/O)."""
    figures = [t for s in summaries[:1] for t in s.tracks] + list(SECURITY_SERIES)
    all_series = {figure: series_of(summaries, figure) for figure in figures}
    levels = levels_of(summaries)
    entries = []
    for summary in summaries:
        number = summary.issue.number
        flags = [flag for figure, series in all_series.items()
                 for flag in record_flags(series, number, figure, first_issue)]
        flags = _printed_records(summary, flags)
        flags += level_flags(levels, summary, first_issue)
        unentered = unentered_tracks(summary, security_id)
        entries.append(HistoryEntry(summary, [] if unentered else flags, unentered))
    return entries


def unentered_tracks(summary: IssueSummary, security_id: str = "security") -> list[str]:
    """The tracks of an issue being entered that have neither a catalogue nor a printed figure yet, when any other
    track's figures come from a catalogue (an issue known only by printed figures is not being entered)."""
    if not summary.entered:
        return []
    missing = [track for track, figures in summary.tracks.items() if figures.source == "none"]
    if summary.security is not None and summary.security.source == "none":
        missing.append(security_id)
    return missing


def build_history(summaries: list[IssueSummary], first_issue: int = 1, first: int | None = None,
                  security_id: str = "security") -> list[HistoryEntry]:
    """The history of the issues from `first` on; records and firsts count every earlier summary too."""
    entries = history_entries(summaries, first_issue, security_id)
    return [e for e in entries if first is None or e.number >= first]
