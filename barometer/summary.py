"""An issue's figures in one structure: the indices, the tension level, the audit of printed figures.

Tracks with a catalogue are summed from it; a track with no catalogue shows its printed figures
(marked `"source": "printed"`); a figure known from neither is None, never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.audit import Mismatch, find_mismatches, mismatch_problems
from barometer.catalogue import load_catalogue
from barometer.errors import Problem
from barometer.indices import IssueIndices, issue_indices
from barometer.models import Catalogue, Issue
from barometer.scale import Band, Scale, load_scale
from barometer.workspace import ISSUE_FILE, Workspace


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
    issue: Issue
    tracks: dict[str, TrackFigures]
    security: SecurityFigures | None
    mismatches: list[Mismatch]
    warnings: list[Problem] = field(default_factory=list)
    catalogue: Catalogue | None = None
    indices: IssueIndices | None = None

    def to_dict(self) -> dict[str, object]:
        period = self.issue.period
        return {
            "issue": self.issue.number,
            "period": {"start": str(period.start), "end": str(period.end)},
            "tracks": {track: figures.to_dict() for track, figures in self.tracks.items()},
            "security": self.security.to_dict() if self.security else None,
            "mismatches": [m.to_dict() for m in self.mismatches],
        }


def workspace_scale(workspace: Workspace) -> Scale | None:
    """The workspace's colour scale; None when it has no security track (then no scale is needed)."""
    if workspace.config.security_track is None:
        return None
    return load_scale(workspace.scale_path, workspace.display(workspace.scale_path))


def summarize(workspace: Workspace, catalogue: Catalogue, scale: Scale | None) -> IssueSummary:
    """Figures of a loaded catalogue, printed figures where it has no catalogue, and the audit.

    A catalogue that holds no event (as `barometer new` makes it) is not entered yet: its figures are
    unknown — the printed ones if any, else none — never 0, so it takes no part in changes, records and
    charts until its first event.
    """
    config = workspace.config
    issue = catalogue.issue
    if not all(catalogue.events.values()):
        catalogue = catalogue.model_copy(update={"events": {k: v for k, v in catalogue.events.items() if v}})
    indices = issue_indices(catalogue, config)
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
        if indices.security is not None:
            band = scale.band_for(indices.security.regional_tension)
            security = SecurityFigures(indices.security.national_security,
                                       indices.security.regional_tension, band.name,
                                       indices.security.events, "catalogue", band)
        elif published and published.security:
            printed_security = published.security
            band = None
            if printed_security.regional_tension is not None:
                band = scale.band_for(printed_security.regional_tension)
            elif printed_security.level:
                band = scale.band_named(printed_security.level)
            security = SecurityFigures(printed_security.national_security,
                                       printed_security.regional_tension,
                                       band.name if band else printed_security.level,
                                       printed_security.events, "printed", band)
        else:
            security = SecurityFigures(None, None, None, None, "none")
    mismatches = find_mismatches(issue, indices, config, scale)
    path = workspace.issue_dir(issue.number) / ISSUE_FILE
    return IssueSummary(issue, tracks, security, mismatches,
                        mismatch_problems(mismatches, path, workspace.display(path), config), catalogue, indices)


def issue_summary(workspace: Workspace, number: int) -> IssueSummary:
    """Load, validate and sum one issue; raises `CatalogueInvalid` listing every error."""
    scale = workspace_scale(workspace)
    return summarize(workspace, load_catalogue(workspace, number), scale)
