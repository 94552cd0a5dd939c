"""Indices on small data: positive and negative points, aggregates, the two security sums."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from barometer.dates import EventDate, Precision
from barometer.indices import relations_index, security_index
from barometer.models import Event, SecurityEvent

DAY = EventDate(date(2020, 11, 3), date(2020, 11, 3), Precision.DAY)


def relations(*scores: int) -> list[Event]:
    return [Event(date=DAY, text=f"event {i}", score=s) for i, s in enumerate(scores)]


def test_positive_negative_and_aggregate() -> None:
    index = relations_index(relations(+1, +2, -1, -3, +1))
    assert (index.positive, index.negative, index.aggregate, index.events) == (4, -4, 0, 5)


def test_an_empty_catalogue_sums_to_zero_with_no_events() -> None:
    assert relations_index([]).to_dict() == {"positive": 0, "negative": 0, "aggregate": 0, "events": 0}


def test_security_sums_both_scores_independently() -> None:
    events = [
        SecurityEvent(date=DAY, text="a", national_security=+1, regional_tension=-1),
        SecurityEvent(date=DAY, text="b", national_security=0, regional_tension=-2),
        SecurityEvent(date=DAY, text="c", national_security=-2, regional_tension=0),
    ]
    assert security_index(events).to_dict() == {"national_security": -1, "regional_tension": -3, "events": 3}


@given(st.lists(st.integers(-5, 5).filter(bool), max_size=60))
def test_aggregate_is_positive_plus_negative(scores: list[int]) -> None:
    index = relations_index(relations(*scores))
    assert index.positive >= 0 >= index.negative
    assert index.aggregate == index.positive + index.negative == sum(scores)
    assert index.events == len(scores)
