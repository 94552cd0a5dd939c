"""The order the bulletin prints a catalogue in: by date, with events dated by several months kept together
where the catalogue puts them (before or after the others, as the published bulletins do)."""

from __future__ import annotations

from barometer.dates import Precision
from barometer.models import AnyEvent


def spans_months(event: AnyEvent) -> bool:
    """Dated by more than one month ('November-December'): no day to sort it by."""
    return event.date.precision is Precision.MONTHS


def date_ordered(events: list[AnyEvent]) -> list[AnyEvent]:
    """The events by date (the first day, then the last: 'Early December' before 'December'), equal dates in
    the catalogue's order; events dated by several months as a group, first when the catalogue has the first
    of them before any other event, else last."""
    def by_date(event: AnyEvent) -> tuple[object, object]:
        return event.date.start, event.date.end

    grouped = sorted((e for e in events if spans_months(e)), key=by_date)
    dated = sorted((e for e in events if not spans_months(e)), key=by_date)
    kinds = [spans_months(e) for e in events]
    first = bool(grouped) and kinds.index(True) < (kinds.index(False) if dated else len(kinds))
    return grouped + dated if first else dated + grouped
