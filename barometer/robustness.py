"""How firmly an issue's figures hold: each track's mean score per event, a bootstrap interval of its
aggregate, and how often regional tension stays in its colour band when the events are resampled.

A bootstrap resample draws as many events as the catalogue holds, with replacement: the two months could
have brought other events of the same kinds. Where other analysts scored the events too (`coders`), each
drawn event takes the score of one of its coders, at random, so disagreement between coders widens the
interval. The seed is fixed: the same data give the same figures. Pure: the loader reads.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from barometer.models import AnyEvent, Catalogue, WorkspaceConfig
from barometer.scale import Scale

RESAMPLES = 2000
SEED = 20201231  # any fixed number: the same data give the same figures
LEVEL = 0.90  # the interval holds the middle 90 % of the resampled aggregates

# Other coders' scores of an event: (track id, event key) → one tuple of scores per coder, in the order of the
# event's score fields.
CoderScores = Mapping[tuple[str, tuple], Sequence[tuple[int, ...]]]


@dataclass(frozen=True)
class FigureRobustness:
    """A summed figure's mean per event and the interval its bootstrap resamples fall in (None: no events)."""

    mean: float | None
    interval: tuple[int, int] | None

    def to_dict(self) -> dict[str, object]:
        return {"mean": None if self.mean is None else round(self.mean, 3),
                "interval": None if self.interval is None else list(self.interval)}


@dataclass(frozen=True)
class Robustness:
    """Per track id: its figure's robustness (for security, of regional tension and national security); and
    the share of resamples in which regional tension stays in the issue's band."""

    tracks: dict[str, FigureRobustness]
    national_security: FigureRobustness | None
    regional_tension: FigureRobustness | None
    level_holds: float | None
    resamples: int = RESAMPLES


def with_robustness(summary: dict[str, object], held: Robustness) -> dict[str, object]:
    """A summary's JSON with its robustness beside each figure: a track's `mean` and `interval`, and for
    security the mean and interval of both indices and `level_holds`."""
    tracks = summary.get("tracks")
    if isinstance(tracks, dict):
        for track_id, figures in held.tracks.items():
            if track_id in tracks:
                tracks[track_id].update(figures.to_dict())
    security = summary.get("security")
    if isinstance(security, dict):
        for name in ("national_security", "regional_tension"):
            figure = getattr(held, name)
            if figure is not None:
                security[f"{name}_robustness"] = figure.to_dict()
        security["level_holds"] = None if held.level_holds is None else round(held.level_holds, 3)
    summary["resamples"] = held.resamples
    return summary


def robustness(config: WorkspaceConfig, catalogue: Catalogue, scale: Scale | None,
               coders: CoderScores | None = None, resamples: int = RESAMPLES) -> Robustness:
    """The robustness of every track with a catalogue in `catalogue` (see the module's docstring)."""
    import numpy as np

    coders = coders or {}
    tracks = {}
    for track in config.relations_tracks:
        events = catalogue.events.get(track.id)
        if events is not None:
            tracks[track.id] = _figure(_resampled(_rng(track.id), track.id, events, coders, resamples)[0], events, 0)
    national = regional = holds = None
    security = config.security_track
    events = catalogue.events.get(security.id) if security is not None else None
    if security is not None and events is not None:
        national_sums, regional_sums = _resampled(_rng(security.id), security.id, events, coders, resamples)
        national, regional = _figure(national_sums, events, 0), _figure(regional_sums, events, 1)
        if scale is not None and events:
            band = scale.band_for(sum(e.scores["regional_tension"] for e in events)).name
            same = {int(value): scale.band_for(int(value)).name == band for value in np.unique(regional_sums)}
            holds = float(np.mean([same[int(value)] for value in regional_sums]))
        elif scale is not None:
            holds = 1.0
    return Robustness(tracks, national, regional, holds, resamples)


def _rng(track_id: str) -> object:
    """Each track's own fixed random stream: a change to one catalogue never moves another's figures."""
    import zlib

    import numpy as np

    return np.random.default_rng([SEED, zlib.crc32(track_id.encode("utf-8"))])


def _resampled(rng: object, track_id: str, events: list[AnyEvent], coders: CoderScores, resamples: int
               ) -> list[object]:
    """For each score field of the track, the sums of `resamples` resamples of its events (numpy arrays)."""
    import numpy as np

    if not events:
        return [np.zeros(resamples, dtype=np.int64)] * 2
    fields = len(events[0].score_fields)
    codings = [[tuple(event.scores.values()), *coders.get((track_id, event.key), ())] for event in events]
    widest = max(len(options) for options in codings)
    table = np.array([[options[i % len(options)] for i in range(widest)] for options in codings])  # n×k×fields
    counts = np.array([len(options) for options in codings])
    drawn = rng.integers(0, len(events), size=(resamples, len(events)))  # type: ignore[attr-defined]
    coder = (rng.random(size=drawn.shape) * counts[drawn]).astype(np.int64)  # type: ignore[attr-defined]
    picked = table[drawn, coder]  # resamples × n × fields
    return [picked[:, :, field].sum(axis=1) for field in range(fields)]


def _figure(sums: object, events: list[AnyEvent], field: int) -> FigureRobustness:
    import numpy as np

    if not events:
        return FigureRobustness(None, None)
    scores = [list(e.scores.values())[field] for e in events]
    tail = (1 - LEVEL) / 2
    low, high = np.quantile(sums, [tail, 1 - tail])
    return FigureRobustness(sum(scores) / len(scores), (int(np.floor(low)), int(np.ceil(high))))
