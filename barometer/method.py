"""What a reviewer needs beside an issue's figures, in one place: how firmly they hold (`robustness`), how
far its coders agree (`agreement`), what moved them since the issue before (`drivers`), and the revisions
made after publication. Pure: the loader reads, the bulletin and the commands present."""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.agreement import Agreement, Codings, agreement
from barometer.drivers import Explanation, explain_all
from barometer.models import Catalogue, WorkspaceConfig
from barometer.robustness import Robustness, robustness
from barometer.scale import Scale


@dataclass(frozen=True)
class MethodFigures:
    robustness: Robustness
    agreement: Agreement | None  # None: no second coder
    previous: int | None  # the issue the drivers explain the change from
    drivers: dict[str, Explanation] = field(default_factory=dict)


def coder_scores(codings: Codings) -> dict[tuple[str, tuple], list[tuple[int, ...]]]:
    """Other coders' scores by (track, event key), as the bootstrap draws from them."""
    found: dict[tuple[str, tuple], list[tuple[int, ...]]] = {}
    for tracks in codings.values():
        for track_id, events in tracks.items():
            for key, scores in events.items():
                found.setdefault((track_id, key), []).append(scores)
    return found


def method_figures(config: WorkspaceConfig, catalogue: Catalogue, scale: Scale | None, codings: Codings,
                   previous: tuple[int, Catalogue | None] | None) -> MethodFigures:
    """Every figure of the method for one issue; `previous` is the issue before it and its catalogue (None
    when it is known only by its printed figures), or None for the first issue."""
    held = robustness(config, catalogue, scale, coder_scores(codings))
    agreed = agreement(config, catalogue, codings) if codings else None
    drivers = {}
    if previous is not None:
        number, earlier = previous
        years = (earlier.issue.period.end.year if earlier is not None else catalogue.issue.period.end.year,
                 catalogue.issue.period.end.year)
        drivers = explain_all(config, (number, earlier), (catalogue.issue.number, catalogue), years)
    return MethodFigures(held, agreed, previous[0] if previous else None, drivers)
