"""How far the analysts who score an issue's events agree: Krippendorff's alpha at the interval level, per
track and overall, with a bootstrap 95 % interval, and the events they disagree on most.

The catalogue counts as one coder ("catalogue"); each folder `coders/<name>/` as another. An event is a unit
(a security event two units: its national-security and its regional-tension score); a unit scored by one
coder only does not count. Alpha comes from the `krippendorff` package. The bootstrap resamples the units
with replacement, with a fixed seed, so the same data give the same output. Pure: the loader reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from barometer.models import AnyEvent, Catalogue, WorkspaceConfig

CATALOGUE_CODER = "catalogue"
RESAMPLES = 500  # bootstrap resamples: each is one call of the krippendorff package (about 0.25 ms)
SEED = 20201231
LEVEL = 0.95

Codings = dict[str, dict[str, dict[tuple, tuple[int, ...]]]]  # coder → track id → event key → its scores


@dataclass(frozen=True)
class Unit:
    """One score that several coders gave: a track's event (and which score of a security event)."""

    track: str
    event: AnyEvent
    field: str
    scores: dict[str, int]  # coder → score

    @property
    def spread(self) -> int:
        return max(self.scores.values()) - min(self.scores.values())


@dataclass(frozen=True)
class Reliability:
    """Alpha with its bootstrap interval; None where fewer than two coders scored any unit."""

    alpha: float | None
    low: float | None
    high: float | None
    coders: list[str]
    events: int  # units scored by two coders or more

    def to_dict(self) -> dict[str, object]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 3)

        return {"alpha": rounded(self.alpha), "low": rounded(self.low), "high": rounded(self.high),
                "coders": self.coders, "events": self.events}


@dataclass(frozen=True)
class Agreement:
    tracks: dict[str, Reliability]
    overall: Reliability
    disputed: list[Unit] = field(default_factory=list)

    def to_dict(self, year: int | None = None) -> dict[str, object]:
        return {"tracks": {track: r.to_dict() for track, r in self.tracks.items()},
                "overall": self.overall.to_dict(),
                "disputed": [{"track": u.track, "date": u.event.date.render(year), "event": u.event.text,
                              **({"field": u.field} if u.field != "score" else {}), "scores": u.scores}
                             for u in self.disputed]}


def units(config: WorkspaceConfig, catalogue: Catalogue, codings: Codings) -> list[Unit]:
    """Every score of the catalogue with the other coders' scores of the same event."""
    found = []
    for track in config.tracks:
        for event in catalogue.events.get(track.id, []):
            for index, (name, value) in enumerate(event.scores.items()):
                scores = {CATALOGUE_CODER: value}
                for coder, tracks in codings.items():
                    given = tracks.get(track.id, {}).get(event.key)
                    if given is not None:
                        scores[coder] = given[index]
                found.append(Unit(track.id, event, name, scores))
    return found


def reliability(chosen: list[Unit], resamples: int = RESAMPLES) -> Reliability:
    """Alpha of `chosen` units, at the interval level, with its bootstrap interval."""
    import numpy as np

    paired = [u for u in chosen if len(u.scores) > 1]
    coders = sorted({c for u in paired for c in u.scores}, key=lambda c: (c != CATALOGUE_CODER, c))
    if not paired:
        return Reliability(None, None, None, coders, 0)
    data = np.array([[u.scores.get(c, math.nan) for u in paired] for c in coders], dtype=float)
    alpha = _alpha(data)
    rng = np.random.default_rng(SEED)
    draws = [_alpha(data[:, rng.integers(0, data.shape[1], data.shape[1])]) for _ in range(resamples)]
    tail = (1 - LEVEL) / 2
    low, high = (float(v) for v in np.quantile(draws, [tail, 1 - tail]))
    return Reliability(alpha, low, high, coders, len(paired))


def _alpha(data: object) -> float:
    """Krippendorff's alpha (interval); 1.0 where the coders agree on every unit (no disagreement at all,
    even when every score is the same and the formula's expected disagreement is 0)."""
    import krippendorff
    import numpy as np

    values = data  # coders × units, NaN where a coder gave no score
    spread = np.nanmax(values, axis=0) - np.nanmin(values, axis=0)  # type: ignore[call-overload]
    if not np.any(spread):
        return 1.0
    return float(krippendorff.alpha(reliability_data=values, level_of_measurement="interval"))


def agreement(config: WorkspaceConfig, catalogue: Catalogue, codings: Codings, resamples: int = RESAMPLES,
              disputed: int = 10) -> Agreement:
    """Alpha per track and overall, and the `disputed` units with the widest spread of scores."""
    found = units(config, catalogue, codings)
    tracks = {t.id: reliability([u for u in found if u.track == t.id], resamples)
              for t in config.tracks if t.id in catalogue.events}
    ranked = sorted((u for u in found if len(u.scores) > 1 and u.spread > 0),
                    key=lambda u: (-u.spread, -len(u.scores), u.event.date.start, u.track, u.event.text))
    return Agreement(tracks, reliability(found, resamples), ranked[:disputed])
