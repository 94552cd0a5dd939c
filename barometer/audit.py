"""Audit of printed figures: each figure the bulletin printed that differs from its catalogue's sum (pure)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from barometer.errors import Code, Problem
from barometer.figures import signed
from barometer.indices import IssueIndices
from barometer.models import Issue, IssueFile, WorkspaceConfig
from barometer.scale import Scale


@dataclass(frozen=True, slots=True)
class Mismatch:
    track: str
    figure: str
    published: int | str
    computed: int | str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def describe(self, label: str) -> str:
        return f"{label} {self.figure.replace('_', ' ')}: printed {signed(self.published)}, " \
               f"catalogue sums to {signed(self.computed)}"


def find_mismatches(issue: Issue, indices: IssueIndices, config: WorkspaceConfig,
                    scale: Scale | None) -> list[Mismatch]:
    """Printed figures that differ from what the catalogues sum to (tracks without a catalogue are skipped)."""
    published = issue.published
    if published is None:
        return []
    found: list[Mismatch] = []
    for track in config.relations_tracks:
        printed = published.tracks.get(track.id)
        computed = indices.tracks.get(track.id)
        if printed is None or computed is None:
            continue
        for figure in ("aggregate", "positive", "negative", "events"):
            value = getattr(printed, figure)
            if value is not None and value != getattr(computed, figure):
                found.append(Mismatch(track.id, figure, value, getattr(computed, figure)))
    security_track = config.security_track
    if published.security is not None and indices.security is not None and security_track:
        printed_security, computed_security = published.security, indices.security
        for figure in ("national_security", "regional_tension", "events"):
            value = getattr(printed_security, figure)
            if value is not None and value != getattr(computed_security, figure):
                found.append(Mismatch(security_track.id, figure, value, getattr(computed_security, figure)))
        if printed_security.level and scale is not None:
            level = scale.band_for(computed_security.regional_tension).name
            if printed_security.level.casefold() != level.casefold():
                found.append(Mismatch(security_track.id, "level", printed_security.level, level))
    return found


def mismatch_problems(mismatches: list[Mismatch], source: IssueFile, config: WorkspaceConfig) -> list[Problem]:
    """The mismatches as warnings placed in issue.toml, at the line that prints the figure."""
    labels = {t.id: t.label for t in config.tracks}
    return [
        Problem(Code.PRINTED_DIFFERS, f"{labels.get(m.track, m.track)}: the printed {m.figure.replace('_', ' ')} "
                "differs from what the catalogue sums to", file=source.file,
                line=source.line_of("published", m.track, m.figure),
                field=f"published.{m.track}.{m.figure}", value=str(m.published),
                expected=f"{m.computed} (the catalogue's sum)", severity="warning")
        for m in mismatches
    ]
