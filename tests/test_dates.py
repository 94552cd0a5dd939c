"""Event dates: the bulletin's forms, ISO forms, impossible dates, and parse ⇄ render round trips."""

from __future__ import annotations

from datetime import date

import pytest
from fuzz_targets import date_like_text, fuzz_date
from hypothesis import given
from hypothesis import strategies as st

from barometer.dates import (
    DateError,
    EventDate,
    Precision,
    YearMonth,
    day_span,
    month_span,
    parse_event_date,
    part_of_month,
)

NOV, DEC = YearMonth(2020, 11), YearMonth(2020, 12)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("3 November", "2020-11-03", Precision.DAY),
        ("November", "2020-11", Precision.MONTH),
        ("November-December", "2020-11..2020-12", Precision.MONTHS),
        ("1-18 December", "2020-12-01..2020-12-18", Precision.DAYS),
        ("Early December", "2020-12-early", Precision.PART),
        ("mid-November", "2020-11-mid", Precision.PART),
        ("Late  December", "2020-12-late", Precision.PART),
        ("December 3", "2020-12-03", Precision.DAY),
        ("30 November – 2 December", "2020-11-30..2020-12-02", Precision.DAYS),
        ("2020-11-03", "2020-11-03", Precision.DAY),
        ("2020-11", "2020-11", Precision.MONTH),
        ("2020-12-01..2020-12-18", "2020-12-01..2020-12-18", Precision.DAYS),
        ("3 November 2020", "2020-11-03", Precision.DAY),
    ],
)
def test_bulletin_and_iso_forms(text: str, iso: str, precision: Precision) -> None:
    parsed = parse_event_date(text, NOV, DEC)
    assert (parsed.iso, parsed.precision) == (iso, precision)


def test_span_of_fuzzy_forms() -> None:
    early = parse_event_date("Early December", NOV, DEC)
    assert (early.start, early.end) == (date(2020, 12, 1), date(2020, 12, 10))
    late_feb = parse_event_date("Late February", YearMonth(2021, 1), YearMonth(2021, 2))
    assert late_feb.end == date(2021, 2, 28)
    both = parse_event_date("November-December", NOV, DEC)
    assert (both.start, both.end) == (date(2020, 11, 1), date(2020, 12, 31))


def test_year_follows_a_period_across_new_year() -> None:
    period = (YearMonth(2020, 12), YearMonth(2021, 1))
    assert parse_event_date("5 January", *period).iso == "2021-01-05"
    assert parse_event_date("5 December", *period).iso == "2020-12-05"
    assert parse_event_date("December-January", *period).iso == "2020-12..2021-01"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31 November", "has 30 days"),
        ("29 February", "has 28 days"),
        ("2020-13-01", "month 13"),
        ("18-1 December", "ends before it starts"),
        ("Novembr", "not a month name"),
        ("", "empty"),
        ("yesterday", "not a month name"),
        ("2020-12-02..2020-12-01", "ends before it starts"),
    ],
)
def test_impossible_dates_say_why(text: str, fragment: str) -> None:
    with pytest.raises(DateError, match=fragment):
        parse_event_date(text, YearMonth(2021, 1), YearMonth(2021, 2) if "Feb" in text else DEC)


def test_bulletin_style_needs_a_year_from_somewhere() -> None:
    with pytest.raises(DateError, match="needs the issue's period"):
        parse_event_date("3 November")
    assert parse_event_date("2020-11-03").iso == "2020-11-03"


def test_render_matches_the_bulletin() -> None:
    rendered = [parse_event_date(t, NOV, DEC).render(2020) for t in
                ("3 November", "November-December", "1-18 December", "Early December", "2020-12-mid")]
    assert rendered == ["3 November", "November-December", "1-18 December", "Early December", "Mid-December"]
    assert parse_event_date("3 November", NOV, DEC).render(2021) == "3 November 2020"


months = st.builds(YearMonth, st.integers(1990, 2060), st.integers(1, 12))


@st.composite
def event_dates(draw: st.DrawFn) -> EventDate:
    month = draw(months)
    kind = draw(st.sampled_from(list(Precision)))
    last_day = month.last_day.day
    if kind is Precision.DAY:
        day = draw(st.integers(1, last_day))
        return day_span(month.year, month.month, day, day)
    if kind is Precision.DAYS:
        first = draw(st.integers(1, last_day - 1))
        return day_span(month.year, month.month, first, draw(st.integers(first + 1, last_day)))
    if kind is Precision.MONTH:
        return month_span(month, month)
    if kind is Precision.MONTHS:
        return month_span(month, month.plus(draw(st.integers(1, 3))))
    return part_of_month(month, draw(st.sampled_from(["early", "mid", "late"])))


@given(event_dates())
def test_iso_round_trip(when: EventDate) -> None:
    assert parse_event_date(when.iso) == when


@given(event_dates())
def test_bulletin_style_round_trip_within_its_period(when: EventDate) -> None:
    start, end = YearMonth.of(when.start), YearMonth.of(when.end)
    assert parse_event_date(when.render(start.year), start, end) == when


@given(event_dates(), st.integers(1990, 2060))
def test_render_with_any_reference_year_reads_back(when: EventDate, year: int) -> None:
    start, end = YearMonth.of(when.start), YearMonth.of(when.end)
    assert parse_event_date(when.render(year), start, end) == when


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_date_error(text: str) -> None:
    try:
        parsed = parse_event_date(text, NOV, DEC)
    except DateError:
        return
    assert parsed.start <= parsed.end


@given(date_like_text())
def test_date_like_text_only_ever_raises_date_error(text: str) -> None:
    fuzz_date(text)


@pytest.mark.parametrize("text", ["0000-01-01", "3 November 0000", "0000-11", "0000-11-03..0000-11-05"])
def test_a_year_python_cannot_hold_is_a_date_error(text: str) -> None:
    with pytest.raises(DateError):
        parse_event_date(text)


@pytest.mark.parametrize(("typed", "meant"), [("3 Novemebr", "November"), ("Early Decmber", "December"),
                                              ("Novmber-December", "November"), ("5 Janaury", "January")])
def test_a_misspelt_month_gets_a_did_you_mean(typed: str, meant: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_event_date(typed, NOV, DEC)
    assert str(raised.value).endswith(f"is not a month name (did you mean {meant!r}?)")


def test_a_word_like_no_month_gets_no_suggestion() -> None:
    with pytest.raises(DateError) as raised:
        parse_event_date("3 Foo", NOV, DEC)
    assert str(raised.value) == "'Foo' is not a month name"
