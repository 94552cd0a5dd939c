"""An issue's figures in one structure: the indices, the tension level, the audit of printed figures.

Tracks with a catalogue are summed from it; a track with no catalogue shows its printed figures
(marked `"source": "printed"`); a figure known from neither is None, never 0. Pure: the loader reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.audit import Mismatch, find_mismatches, mismatch_problems
from barometer.errors import Problem
from barometer.indices import IssueIndices, issue_indices
from barometer.models import Catalogue, Issue, IssueFile, Published, WorkspaceConfig
from barometer.scale import Band, Scale


@dataclass
class TrackFigures:
    positive: int | None
    negative: int | None
    aggregate: int | None
    events: int | None
    source: str  # "catalogue" | "printed" | "none"

    def to_dict(self) -> dict[str, object]:
        return {"positive": self.positive, "negative": self.negative, "aggregate": self.aggregate,
                "events": self.events, "source": self.source}


@dataclass
class SecurityFigures:
    national_security: int | None
    regional_tension: int | None
    level: str | None
    events: int | None
    source: str
    band: Band | None = None

    def to_dict(self) -> dict[str, object]:
        return {"national_security": self.national_security, "regional_tension": self.regional_tension,
                "level": self.level, "events": self.events, "source": self.source}


@dataclass
class IssueSummary:
    """An issue's figures and where each came from, the audit's mismatches and their warnings: what history,
    compare and charts need of an issue. Its events stay with its `Catalogue`."""

    issue: Issue
    tracks: dict[str, TrackFigures]
    security: SecurityFigures | None
    mismatches: list[Mismatch]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.issue.number

    @property
    def entered(self) -> bool:
        """Whether any figure was summed from a catalogue (not only printed, not unknown)."""
        sources = [f.source for f in self.tracks.values()] + ([self.security.source] if self.security else [])
        return "catalogue" in sources

    def to_dict(self) -> dict[str, object]:
        period = self.issue.period
        return {
            "issue": self.issue.number,
            "period": {"start": str(period.start), "end": str(period.end)},
            "tracks": {track: figures.to_dict() for track, figures in self.tracks.items()},
            "security": self.security.to_dict() if self.security else None,
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


def entered_only(catalogue: Catalogue) -> Catalogue:
    """The catalogue without the tracks not entered yet: a catalogue that holds no event (as `barometer new`
    makes it) is not entered, and its figures are unknown, never 0 — unless issue.toml lists the track as
    `empty` on purpose: then it has no event and its figures are 0."""
    empty = catalogue.issue.empty
    if all(catalogue.events.values()) and all(track in catalogue.events for track in empty):
        return catalogue
    events = {k: v for k, v in catalogue.events.items() if v or k in empty}
    events.update({track: [] for track in empty if track not in events})
    return catalogue.model_copy(update={"events": events})


def summarize(config: WorkspaceConfig, source: IssueFile, catalogue: Catalogue, scale: Scale | None) -> IssueSummary:
    """Figures of a loaded catalogue, printed figures where it has no catalogue, and the audit.

    A track not entered yet has unknown figures — the printed ones if any, else none — never 0, so it takes
    no part in changes, records and charts until its first event.
    """
    issue = source.issue
    indices = issue_indices(entered_only(catalogue), config)
    published = issue.published
    tracks: dict[str, TrackFigures] = {}
    for track in config.relations_tracks:
        computed = indices.tracks.get(track.id)
        printed = published.tracks.get(track.id) if published else None
        if computed is not None:
            tracks[track.id] = TrackFigures(computed.positive, computed.negative, computed.aggregate,
                                            computed.events, "catalogue")
        elif printed is not None:
            tracks[track.id] = TrackFigures(printed.positive, printed.negative, printed.aggregate,
                                            printed.events, "printed")
        else:
            tracks[track.id] = TrackFigures(None, None, None, None, "none")
    security = None
    if config.security_track is not None and scale is not None:
        security = _security_figures(indices, published, scale)
    mismatches = find_mismatches(issue, indices, config, scale)
    return IssueSummary(issue, tracks, security, mismatches, mismatch_problems(mismatches, source, config))


def _security_figures(indices: IssueIndices, published: Published | None, scale: Scale) -> SecurityFigures:
    if indices.security is not None:
        band = scale.band_for(indices.security.regional_tension)
        return SecurityFigures(indices.security.national_security, indices.security.regional_tension, band.name,
                               indices.security.events, "catalogue", band)
    if published and published.security:
        printed = published.security
        band = None
        if printed.regional_tension is not None:
            band = scale.band_for(printed.regional_tension)
        elif printed.level:
            band = scale.band_named(printed.level)
        return SecurityFigures(printed.national_security, printed.regional_tension,
                               band.name if band else printed.level, printed.events, "printed", band)
    return SecurityFigures(None, None, None, None, "none")
