"""Why a figure moved between two issues: the change of each relationship's aggregate split exactly into
the events that make it up — every event of the later issue adds its score, every event of the earlier one
takes its score away — ranked by size, and grouped by topic where the catalogues have a `topic` column.

An aggregate is the sum of its events' scores, so the contributions sum to the change exactly. An issue known
only by its printed figures has no events to split: its side says so (`known` false) and the change is not
explained. The change of the tension level names the security events that moved regional tension. Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from barometer.models import AnyEvent, Catalogue, WorkspaceConfig

TOPIC = "topic"  # an optional catalogue column: the contributions are also summed per topic


@dataclass(frozen=True)
class Driver:
    """One event's part in a change: its score, added (the later issue) or taken away (the earlier one)."""

    issue: int
    date: str
    event: str
    contribution: int
    topic: str = ""

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"issue": self.issue, "date": self.date, "event": self.event,
                                    "contribution": self.contribution}
        if self.topic:
            found["topic"] = self.topic
        return found


@dataclass(frozen=True)
class Explanation:
    """A figure's change as the sum of its drivers, largest first; `known` false when either issue has no
    catalogue of the track (then there are no drivers)."""

    change: int | None
    drivers: list[Driver] = field(default_factory=list)
    known: bool = True

    @property
    def topics(self) -> dict[str, int]:
        """The drivers summed per topic (events without one under ""), largest first."""
        found: dict[str, int] = {}
        for driver in self.drivers:
            found[driver.topic] = found.get(driver.topic, 0) + driver.contribution
        return dict(sorted(found.items(), key=lambda item: (-abs(item[1]), item[0])))

    def to_dict(self) -> dict[str, object]:
        found: dict[str, object] = {"explained": self.known, "drivers": [d.to_dict() for d in self.drivers]}
        if any(driver.topic for driver in self.drivers):
            found["topics"] = self.topics
        return found


def contributions(number: int, events: list[AnyEvent], field_name: str, sign: int, year: int) -> list[Driver]:
    """Each event's score of `field_name`, signed (+1 for the later issue, −1 for the earlier one)."""
    return [Driver(number, event.date.render(year), event.text, sign * event.scores[field_name],
                   event.extra.get(TOPIC, "")) for event in events if event.scores[field_name]]


def explain(before: tuple[int, Catalogue | None], after: tuple[int, Catalogue | None], track_id: str,
            field_name: str, years: tuple[int, int]) -> Explanation:
    """The change of one summed figure of `track_id` from the earlier issue to the later, event by event."""
    (first, earlier), (second, later) = before, after
    old = earlier.events.get(track_id) if earlier is not None else None
    new = later.events.get(track_id) if later is not None else None
    if old is None or new is None:
        return Explanation(None, [], known=False)
    drivers = contributions(second, new, field_name, +1, years[1]) + contributions(first, old, field_name, -1,
                                                                                    years[0])
    drivers.sort(key=lambda d: (-abs(d.contribution), -d.contribution, d.issue, d.date, d.event))
    return Explanation(sum(d.contribution for d in drivers), drivers)


def explain_all(config: WorkspaceConfig, before: tuple[int, Catalogue | None], after: tuple[int, Catalogue | None],
                years: tuple[int, int]) -> dict[str, Explanation]:
    """Every relationship's aggregate, and security's regional tension and national security (keys
    `<security id>.regional_tension`, `<security id>.national_security`)."""
    found = {t.id: explain(before, after, t.id, "score", years) for t in config.relations_tracks}
    security = config.security_track
    if security is not None:
        for name in ("regional_tension", "national_security"):
            found[f"{security.id}.{name}"] = explain(before, after, security.id, name, years)
    return found


def movers(explanation: Explanation, limit: int = 5) -> list[Driver]:
    """The events that moved a figure the way it went, the largest first (for the tension level: the security
    events that moved it)."""
    if not explanation.known or not explanation.change:
        return []
    direction = 1 if explanation.change > 0 else -1
    return [d for d in explanation.drivers if d.contribution * direction > 0][:limit]
