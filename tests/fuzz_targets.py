"""Fuzzing targets and input strategies shared by the test suite (small budget) and bench/fuzz.py."""

from __future__ import annotations

from hypothesis import strategies as st

from barometer.dates import MONTHS, DateError, YearMonth, parse_event_date

PERIOD = (YearMonth(2020, 11), YearMonth(2020, 12))


def fuzz_date(text: str) -> None:
    """Parse; only `DateError` may come out, and a parsed date is a sane span."""
    try:
        when = parse_event_date(text, *PERIOD)
    except DateError:
        return
    assert when.start <= when.end
    assert parse_event_date(when.iso) == when


def date_like_text() -> st.SearchStrategy[str]:
    """Text made of the pieces dates are made of, so the parser's deeper branches are reached."""
    pieces = st.sampled_from([*MONTHS, *(m[:3] for m in MONTHS), "early", "Mid-", "late", "-", "–", "..", " ",
                              "2020", "1", "18", "31", "0", "29", "-early", "st", "th", ",", "to", "."])
    return st.lists(st.one_of(pieces, st.integers(0, 40).map(str)), max_size=8).map("".join)


fuzz_pasted_text = None  # set by the pasted-text importer's module when it exists


def bulletin_like_text() -> st.SearchStrategy[str]:
    lines = st.sampled_from([
        "## Relationship with Russia", "Relationship with the EU", "Date\tEvent\tScore", "<b>Total</b>\t\t<b>+14</b>",
        "3 November\tTalks\t+1", "November-December\tMedia policy\t-1", "31 November\tImpossible\t+1",
        "Early December   Course   +1", "## MINSK BAROMETER: Monitoring", "№ 18 (November and December 2020)",
        "Catalogue of events underlying the security indices", "November\tExercises\t0\t-1", "", "Total\t\t-4",
        "Aggregate index: +14", "Positive points: +18",
    ])
    return st.lists(st.one_of(lines, st.text(max_size=30)), max_size=25).map("\n".join)
