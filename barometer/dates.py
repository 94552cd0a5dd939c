"""Event dates as analysts write them: parse, check, store (ISO-based) and render in the bulletin's style.

Forms, as the bulletin prints them and as they are stored:

| bulletin            | stored (ISO-based)          | precision |
|---------------------|-----------------------------|-----------|
| 3 November          | 2020-11-03                  | day       |
| 1-18 December       | 2020-12-01..2020-12-18      | days      |
| November            | 2020-11                     | month     |
| November-December   | 2020-11..2020-12            | months    |
| Early December      | 2020-12-early               | part      |

Bulletin-style text has no year: it takes the year from the issue's period.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache, total_ordering

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]
_MONTH_NUMBER: dict[str, int] = {}
for _number, _name in enumerate(MONTHS, start=1):
    _MONTH_NUMBER[_name.lower()] = _number
    _MONTH_NUMBER[_name[:3].lower()] = _number
_MONTH_NUMBER["sept"] = 9

PARTS = ("early", "mid", "late")
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

EXPECTED_FORMS = (
    "a date such as '3 November', '1-18 December', 'November', 'November-December', "
    "'Early December', or ISO '2020-11-03', '2020-11', '2020-11..2020-12', '2020-12-early'"
)


def expected_forms(first: YearMonth, last: YearMonth) -> str:
    """The date forms, with examples from an issue's own months."""
    one, two = MONTHS[first.month - 1], MONTHS[last.month - 1]
    span = f"'{one}-{two}', " if first != last else ""
    return (f"a date such as '3 {one}', '1-18 {two}', '{one}', {span}'Early {two}', or ISO "
            f"'{first}-03', '{first}', " + (f"'{first}..{last}', " if first != last else "") + f"'{last}-early'")


class DateError(ValueError):
    """A date that cannot be read or cannot exist; the message says what was expected."""


@total_ordering
@dataclass(frozen=True, slots=True)
class YearMonth:
    """A calendar month, written `2020-11`."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, text: str) -> YearMonth:
        match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", str(text))
        if not match:
            raise DateError(f"{text!r} is not a month; expected YYYY-MM such as '2020-11'")
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> YearMonth:
        return cls(day.year, day.month)

    @property
    def index(self) -> int:
        """Months since year 0: makes month arithmetic plain integer arithmetic."""
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    def plus(self, months: int) -> YearMonth:
        return YearMonth.from_index(self.index + months)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def name(self) -> str:
        return MONTHS[self.month - 1]

    def __lt__(self, other: YearMonth) -> bool:
        return self.index < other.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Precision(StrEnum):
    DAY = "day"
    DAYS = "days"
    MONTH = "month"
    MONTHS = "months"
    PART = "part"


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, as precisely as the analyst said: a span of days and its precision."""

    start: date
    end: date
    precision: Precision
    part: str | None = None

    @property
    def iso(self) -> str:
        """The stored, unambiguous form."""
        match self.precision:
            case Precision.DAY:
                return self.start.isoformat()
            case Precision.DAYS:
                return f"{self.start.isoformat()}..{self.end.isoformat()}"
            case Precision.MONTH:
                return str(YearMonth.of(self.start))
            case Precision.MONTHS:
                return f"{YearMonth.of(self.start)}..{YearMonth.of(self.end)}"
            case Precision.PART:
                return f"{YearMonth.of(self.start)}-{self.part}"
        raise AssertionError(self.precision)

    def render(self, year: int | None = None, dash: str = "-") -> str:
        """The bulletin's style ('3 November'); the year is added when it differs from `year`. Ranges are
        joined by `dash` (a typeset bulletin uses an en dash: '1–18 December')."""
        start, end = self.start, self.end
        show_year = year is not None and (start.year != year or end.year != year)

        def month_name(day: date) -> str:
            return MONTHS[day.month - 1] + (f" {day.year}" if show_year else "")

        match self.precision:
            case Precision.DAY:
                return f"{start.day} {month_name(start)}"
            case Precision.DAYS:
                if (start.year, start.month) == (end.year, end.month):
                    return f"{start.day}{dash}{end.day} {month_name(start)}"
                return f"{start.day} {month_name(start)}{dash}{end.day} {month_name(end)}"
            case Precision.MONTH:
                return month_name(start)
            case Precision.MONTHS:
                if start.year == end.year and show_year:
                    return f"{MONTHS[start.month - 1]}{dash}{MONTHS[end.month - 1]} {end.year}"
                return f"{month_name(start)}{dash}{month_name(end)}"
            case Precision.PART:
                if self.part == "mid":
                    return f"Mid-{month_name(start)}"
                return f"{str(self.part).capitalize()} {month_name(start)}"
        raise AssertionError(self.precision)

    def __str__(self) -> str:
        return self.iso


def day_span(year: int, month: int, first: int, last: int) -> EventDate:
    """A checked range of days within one month ('1-18 December')."""
    _check_day(year, month, first)
    _check_day(year, month, last)
    if first > last:
        raise DateError(f"the range {first}-{last} ends before it starts")
    if first == last:
        return EventDate(date(year, month, first), date(year, month, first), Precision.DAY)
    return EventDate(date(year, month, first), date(year, month, last), Precision.DAYS)


def month_span(start: YearMonth, end: YearMonth) -> EventDate:
    if end < start:
        raise DateError(f"the range {start.name}-{end.name} ends before it starts")
    precision = Precision.MONTH if start == end else Precision.MONTHS
    return EventDate(start.first_day, end.last_day, precision)


def part_of_month(month: YearMonth, part: str) -> EventDate:
    first, last = _PART_DAYS[part]
    last = min(last, month.last_day.day)
    return EventDate(date(month.year, month.month, first), date(month.year, month.month, last),
                     Precision.PART, part)


def _check_day(year: int, month: int, day: int) -> None:
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(f"{MONTHS[month - 1]} {year} has {days} days, not {day}")


def _day(text: str) -> date:
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")
    _check_day(year, month, day)
    return date(year, month, day)


_ISO_DAY = r"\d{4}-\d{1,2}-\d{1,2}"
_ISO_MONTH = r"\d{4}-\d{1,2}"
_DASH = r"\s*(?:-|–|—|‒|to)\s*"
_DAY_NUM = r"(\d{1,2})(?:st|nd|rd|th)?"
_NAME = r"([A-Za-z]+)\.?"
_YEAR = r"(?:,?\s+(\d{4}))?"


def _month_number(name: str) -> int:
    number = _MONTH_NUMBER.get(name.lower())
    if number is None:
        from barometer.suggest import did_you_mean

        raise DateError(f"{name!r} is not a month name{did_you_mean(name, MONTHS)}")
    return number


def _iso(text: str) -> EventDate | None:
    if re.fullmatch(_ISO_DAY, text):
        day = _day(text)
        return EventDate(day, day, Precision.DAY)
    if match := re.fullmatch(rf"({_ISO_DAY})\.\.({_ISO_DAY})", text):
        first, last = _day(match[1]), _day(match[2])
        if last < first:
            raise DateError(f"the range {text} ends before it starts")
        if first == last:
            return EventDate(first, last, Precision.DAY)
        return EventDate(first, last, Precision.DAYS)
    if re.fullmatch(_ISO_MONTH, text):
        month = YearMonth.parse(text)
        return month_span(month, month)
    if match := re.fullmatch(rf"({_ISO_MONTH})\.\.({_ISO_MONTH})", text):
        return month_span(YearMonth.parse(match[1]), YearMonth.parse(match[2]))
    if match := re.fullmatch(rf"({_ISO_MONTH})-(early|mid|late)", text):
        return part_of_month(YearMonth.parse(match[1]), match[2])
    return None


class _YearGuess:
    """Chooses the year of a month named without one: the one that puts it inside the period."""

    def __init__(self, period_start: YearMonth | None, period_end: YearMonth | None) -> None:
        self.start = period_start
        self.end = period_end or period_start

    def __call__(self, month: int, explicit: str | None) -> int:
        if explicit:
            return int(explicit)
        if self.start is None or self.end is None:
            raise DateError("a date without a year needs the issue's period; add the year")
        for year in range(self.start.year, self.end.year + 1):
            if self.start <= YearMonth(year, month) <= self.end:
                return year
        return self.start.year


DateWords = tuple[tuple[str, str], ...]  # a workspace language's date words → English: ("ноября", "November")


def parse_event_date(
    text: str,
    period_start: YearMonth | None = None,
    period_end: YearMonth | None = None,
    words: DateWords = (),
) -> EventDate:
    """Read a date in any accepted form; bulletin-style dates take their year from the period. With `words`
    (month names and "early", "mid", "late" of the workspace's other languages, see `i18n.date_words`), a
    date written in one of those languages ("3 ноября", "начало декабря") reads as its English form.

    Results are cached: catalogues repeat the same few dozen dates, and `EventDate` is immutable. Digits are
    ASCII 0-9: a fullwidth or Arabic-Indic digit, which regular expressions would take, is refused.
    """
    text = str(text)
    if (odd := next((c for c in text if c.isdigit() and not "0" <= c <= "9"), None)) is not None:
        raise DateError(f"the date holds the digit {odd!r} (U+{ord(odd):04X}); dates are written with 0-9")
    try:
        try:
            return _parse_cached(text, period_start, period_end)
        except DateError as error:
            english = _in_english(text, words)
            if english is None:
                raise
            try:
                return _parse_cached(english, period_start, period_end)
            except DateError:
                raise error from None  # about the date as written, not the half-translated one
    except (ValueError, OverflowError) as error:  # e.g. year 0, which Python's dates do not hold
        if isinstance(error, DateError):
            raise
        raise DateError(f"not a date this tool can hold ({error})") from None


def _in_english(text: str, words: DateWords) -> str | None:
    """`text` with every word found in `words` replaced by its English one; None when no word is."""
    if not words:
        return None
    table = dict(words)
    changed = False

    def swap(match: re.Match[str]) -> str:
        nonlocal changed
        found = table.get(match[0].casefold().rstrip("."))
        changed |= found is not None
        return found if found is not None else match[0]

    english = re.sub(r"[^\W\d_]+\.?", swap, text)
    return english if changed else None


@lru_cache(maxsize=65536)
def _parse_cached(raw: str, period_start: YearMonth | None, period_end: YearMonth | None) -> EventDate:
    clean = " ".join(raw.replace("\u00a0", " ").split())
    if not clean:
        raise DateError("the date is empty")
    if clean[0].isdigit() and clean[:4].isdigit() and len(clean) >= 7:
        found = _iso(clean)
        if found is not None:
            return found
    year_of = _YearGuess(period_start, period_end)
    flags = re.IGNORECASE

    # Early/Mid/Late December
    if match := re.fullmatch(rf"(early|mid|middle of|late|end of)[\s-]*{_NAME}{_YEAR}", clean, flags):
        part = {"middle of": "mid", "end of": "late"}.get(match[1].lower(), match[1].lower())
        month = _month_number(match[2])
        return part_of_month(YearMonth(year_of(month, match[3]), month), part)
    # 3 November / 3 November 2020
    if match := re.fullmatch(rf"{_DAY_NUM}\s+{_NAME}{_YEAR}", clean, flags):
        month = _month_number(match[2])
        day = int(match[1])
        return day_span(year_of(month, match[3]), month, day, day)
    # November 3 / November 3, 2020
    if match := re.fullmatch(rf"{_NAME}\s+{_DAY_NUM}{_YEAR}", clean, flags):
        month = _month_number(match[1])
        day = int(match[2])
        return day_span(year_of(month, match[3]), month, day, day)
    # 1-18 December
    if match := re.fullmatch(rf"{_DAY_NUM}{_DASH}{_DAY_NUM}\s+{_NAME}{_YEAR}", clean, flags):
        month = _month_number(match[3])
        return day_span(year_of(month, match[4]), month, int(match[1]), int(match[2]))
    # 30 November-2 December / 30 December 2020-2 January 2021
    pattern = rf"{_DAY_NUM}\s+{_NAME}{_YEAR}{_DASH}{_DAY_NUM}\s+{_NAME}{_YEAR}"
    if match := re.fullmatch(pattern, clean, flags):
        first_month, last_month = _month_number(match[2]), _month_number(match[5])
        last_year = year_of(last_month, match[6])
        first_year = int(match[3]) if match[3] else (last_year if match[6] else year_of(first_month, None))
        _check_day(first_year, first_month, int(match[1]))
        _check_day(last_year, last_month, int(match[4]))
        first = date(first_year, first_month, int(match[1]))
        last = date(last_year, last_month, int(match[4]))
        if last < first:
            raise DateError(f"the range {clean!r} ends before it starts")
        return EventDate(first, last, Precision.DAY if first == last else Precision.DAYS)
    # November / November 2020
    if match := re.fullmatch(rf"{_NAME}{_YEAR}", clean, flags):
        month = _month_number(match[1])
        this = YearMonth(year_of(month, match[2]), month)
        return month_span(this, this)
    # November-December / November-December 2020 / December 2020-January 2021
    if match := re.fullmatch(rf"{_NAME}{_YEAR}{_DASH}{_NAME}{_YEAR}", clean, flags):
        first_month, last_month = _month_number(match[1]), _month_number(match[3])
        last = YearMonth(year_of(last_month, match[4]), last_month)
        if match[2]:
            first = YearMonth(int(match[2]), first_month)
        else:
            first = YearMonth(last.year if match[4] else year_of(first_month, None), first_month)
            if first > last:
                first = YearMonth(last.year - 1, first_month)
        return month_span(first, last)
    raise DateError(f"{raw!r} is not a date this tool reads")
