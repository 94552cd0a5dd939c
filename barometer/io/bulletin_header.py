"""Which issue a pasted bulletin says it is: "the eighteenth issue … in the months of November and December
2020", a page header "No. 24". An import checks it against the issue it goes into, so a slip of one digit
in `--issue` cannot put another period's events into a published issue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from barometer.dates import MONTHS, DateError, YearMonth
from barometer.models import Period

LINES_READ = 400  # the opening of a whole bulletin, or the first pages of its appendices
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
          "eighteenth", "nineteenth"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = {name: n for n, name in enumerate(_UNITS, start=1)} | {name: n for n, name in enumerate(_TEENS, 10)}
for _index, _ten in enumerate(_TENS):
    _ORDINALS[_ten[:-1] + "ieth"] = 20 + 10 * _index
    for _unit, _name in enumerate(_UNITS, start=1):
        _ORDINALS[f"{_ten}-{_name}"] = _ORDINALS[f"{_ten} {_name}"] = 20 + 10 * _index + _unit

_MONTH = "|".join(MONTHS)
_PERIOD = re.compile(rf"\b({_MONTH})(?:\s+(\d{{4}}))?\s*(?:and|-|\u2013|\u2014|to)\s*({_MONTH})\s+(\d{{4}})\b"
                     rf"|\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
# A heading line such as "Minsk Barometer No. 24" or "No. 24 (November-December 2021)", not a sentence that
# mentions a decree No. 5.
_NUMBER = re.compile(r"^[\W_]*[^\W\d_][^.!?\d]{0,40}?(?:\bNo\.?|№|\bNr\.?|\bissue)\s*(\d{1,4})\b[^.!?]{0,60}$"
                     r"|^[\W_]*(?:No\.?|№|Nr\.?)\s*(\d{1,4})\b[^.!?]{0,60}$", re.IGNORECASE)
_ORDINAL = re.compile(rf"\b({'|'.join(sorted(_ORDINALS, key=len, reverse=True))})\s+issue\b", re.IGNORECASE)
_APPENDIX = re.compile(r"^\W*(?:appendix|annex)\s+\d", re.IGNORECASE)


@dataclass(frozen=True)
class NamedIssue:
    """The issue a text names, as far as it names one, and the line that names it."""

    number: int | None
    period: Period | None
    line: int


def _month(name: str, year: str) -> YearMonth:
    return YearMonth(int(year), [m.lower() for m in MONTHS].index(name.lower()) + 1)


def _period(match: re.Match[str]) -> Period | None:
    try:
        if match[5]:
            month = _month(match[5], match[6])
            return Period(start=month, end=month)
        start = _month(match[1], match[2] or match[4])
        end = _month(match[3], match[4])
        return Period(start=start, end=end) if not end < start else None
    except (DateError, ValueError):
        return None


def named_issue(text: str) -> NamedIssue | None:
    """The issue the opening of a pasted bulletin names: in the line that says which issue it is (by number,
    "No. 24", or in words, "the eighteenth issue"), and the months that line gives; None when no line does."""
    for number, line in enumerate(text.splitlines()[:LINES_READ], start=1):
        if _APPENDIX.match(line):
            break
        said = _NUMBER.search(line)
        ordinal = _ORDINAL.search(line)
        if not said and not ordinal:
            continue
        issue = int(said[1] or said[2]) if said else _ORDINALS[ordinal[1].lower()]  # type: ignore[index]
        months = _PERIOD.search(line)
        return NamedIssue(issue, _period(months) if months else None, number)
    return None
