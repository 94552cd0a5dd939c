"""Languages of the editions: fixed strings from gettext catalogues, dates and months in each language's own
forms.

The English strings are the message ids, written where they are used (`language.text("Contents")`). Any
other language is a gettext catalogue, `barometer/locales/<code>.po`, read with Babel (plural forms included);
a workspace may add or override one with `reports/templates/locales/<code>.po`. A string without a translation
is an error, never English in a Russian bulletin. Month and day names come from Babel's CLDR data; only the
order of the parts of a date is a translatable pattern ("{day} {month_of}": "3 November", "3 ноября").
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.errors import BarometerError, Code, InputInvalid, Problem

if TYPE_CHECKING:
    from babel.support import Translations

    from barometer.dates import EventDate
    from barometer.models import Period

SOURCE_LANGUAGE = "en"  # the language of the message ids, and of the workspace's own texts unless it says
LOCALES = Path(__file__).resolve().parent / "locales"
EN_DASH = "\u2013"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for it, which the extractor knows
    """Marks a string for translation where it is defined, to be translated where it is used."""
    return message


PARTS = {"early": N_("Early {month}"), "mid": N_("Mid-{month}"), "late": N_("Late {month}")}


class TranslationMissing(BarometerError):
    """A fixed string has no translation in the language's catalogue."""

    def __init__(self, language: str, message: str, files: Sequence[str]) -> None:
        where = ", ".join(files) or f"barometer/locales/{language}.po"
        super().__init__(f"no {language} translation of {message!r} in {where}; add it (msgid/msgstr) and "
                         "build again")
        self.language, self.message, self.files = language, message, tuple(files)


class LanguageUnknown(BarometerError):
    """No catalogue for the language asked for."""


@dataclass(frozen=True)
class Language:
    """One language's strings, months and date patterns."""

    code: str
    messages: dict[str, str | tuple[str, ...]] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    translations: Translations | None = None
    owner: dict[str, str] = field(default_factory=dict)  # message → the file that gave its (empty) entry

    @property
    def is_source(self) -> bool:
        return self.translations is None

    def _lookup(self, message: str) -> str:
        if self.translations is None:
            return message
        found = self.messages.get(message)
        if not found or (isinstance(found, tuple) and not all(found)):
            raise TranslationMissing(self.code, message, self._where(message))
        return self.translations.gettext(message)

    def _where(self, message: str) -> tuple[str, ...]:
        """The catalogue a missing translation belongs in: the one whose entry is empty, else the last one."""
        return (self.owner[message],) if message in self.owner else self.files[-1:]

    def text(self, message: str, **fields: object) -> str:
        """`message` in this language, its `{fields}` filled in."""
        translated = self._lookup(message)
        return translated.format(**fields) if fields else translated

    def plural(self, singular: str, plural: str, count: int, **fields: object) -> str:
        """The form for `count` ("1 event", "2 events"; Russian has three forms); `{count}` is filled in."""
        if self.translations is None:
            chosen = singular if count == 1 else plural
        else:
            found = self.messages.get(singular)
            if not isinstance(found, tuple) or not all(found):
                raise TranslationMissing(self.code, singular, self._where(singular))
            chosen = self.translations.ngettext(singular, plural, count)
        return chosen.format(count=count, **fields)

    def has(self, message: str) -> bool:
        return self.translations is None or bool(self.messages.get(message))

    def number(self, value: int) -> str:
        """A count as the language writes it: '2,000', '2 000' (never broken across lines)."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.code.replace("-", "_")).replace(" ", "\u00a0")

    # --- months and dates -------------------------------------------------------------------------

    def month(self, month: int, context: str = "stand-alone") -> str:
        """The month's name: `stand-alone` ("November", "ноябрь") or `format`, as inside a date
        ("3 November", "3 ноября")."""
        return _month_names(self.code, context)[month]

    def short_month(self, month: int) -> str:
        """'Nov', 'нояб.': chart ticks."""
        return _month_names(self.code, "format", "abbreviated")[month]

    def day_month(self, day: date) -> str:
        """'3 November', '3 ноября'."""
        return self.text("{day} {month_of}", day=day.day, month=self.month(day.month),
                         month_of=self.month(day.month, "format"))

    def day_or_month(self, iso: str) -> str:
        """'2021-01-15' → '15 January 2021'; '2021-01' → 'January 2021' (as a publication date is known)."""
        year, month, *day = (int(part) for part in iso.split("-"))
        if day:
            return f"{self.day_month(date(year, month, day[0]))} {year}"
        return f"{self.month(month)} {year}"

    def date(self, when: EventDate, year: int | None = None, dash: str = EN_DASH) -> str:
        """An event's date as the bulletin prints it: '3 November', '1–18 December', 'Early December',
        'November–December'; the year is added where it differs from `year`."""
        from barometer.dates import Precision

        start, end = when.start, when.end
        show_year = year is not None and (start.year != year or end.year != year)

        def names(day: date) -> dict[str, object]:
            suffix = f" {day.year}" if show_year else ""
            return {"month": self.month(day.month) + suffix, "month_of": self.month(day.month, "format") + suffix}

        match when.precision:
            case Precision.DAY:
                shown = self.text("{day} {month_of}", day=start.day, **names(start))
            case Precision.DAYS if (start.year, start.month) == (end.year, end.month):
                shown = self.text("{first}{dash}{last} {month_of}", first=start.day, last=end.day, dash=dash,
                                 **names(start))
            case Precision.DAYS:
                shown = self.text("{day} {month_of}", day=start.day, **names(start)) + dash + \
                    self.text("{day} {month_of}", day=end.day, **names(end))
            case Precision.MONTH:
                shown = names(start)["month"]
            case Precision.MONTHS:
                if show_year and start.year != end.year:  # December 2020–January 2021
                    shown = f"{names(start)['month']}{dash}{names(end)['month']}"
                else:  # November–December, November–December 2020
                    shown = f"{self.month(start.month)}{dash}{self.month(end.month)}" + (f" {end.year}" if show_year
                                                                                         else "")
            case Precision.PART:
                shown = self.text(PARTS[str(when.part)], **names(start))
            case _:
                raise AssertionError(when.precision)
        return shown[:1].upper() + shown[1:]

    def period(self, period: Period, dash: str = EN_DASH) -> str:
        """'November–December 2020', 'ноябрь–декабрь 2020'."""
        start, end = period.start, period.end
        if start == end:
            return f"{self.month(start.month)} {start.year}"
        if start.year == end.year:
            return f"{self.month(start.month)}{dash}{self.month(end.month)} {end.year}"
        return f"{self.month(start.month)} {start.year}{dash}{self.month(end.month)} {end.year}"

    def period_words(self, period: Period) -> str:
        """'November and December 2020', as a bulletin's title words its months."""
        months = period.months
        if len(months) == 1:
            return f"{self.month(months[0].month)} {months[0].year}"
        if period.start.year != period.end.year:
            return self.period(period)
        names = [self.month(m.month) for m in months]
        listed = self.text("{first} and {last}", first=", ".join(names[:-1]), last=names[-1])
        return f"{listed} {period.end.year}"


@lru_cache(maxsize=64)
def _month_names(code: str, context: str, width: str = "wide") -> dict[int, str]:
    from babel.dates import get_month_names

    return dict(get_month_names(width, context, code.replace("-", "_")))


ENGLISH = Language(SOURCE_LANGUAGE)


def date_words(language: Language) -> tuple[tuple[str, str], ...]:
    """The words of dates in `language` with their English ones, as entry reads them: every form of each
    month's name (in a date and alone, full and short: "ноября", "ноябрь", "нояб." → "November") and the
    words of "Early/Mid/Late {month}" in the language's catalogue ("начало" → "early")."""
    if language.is_source:
        return ()
    from barometer.dates import MONTHS

    found: dict[str, str] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in _month_names(language.code, context, width).items():
                found.setdefault(name.casefold().rstrip("."), MONTHS[number - 1])
    for part, pattern in PARTS.items():
        if language.has(pattern):
            for word in language.text(pattern, month="", month_of="").split():
                found.setdefault(word.casefold().strip("-"), part)
    return tuple(sorted(found.items()))


def locale_known(code: str) -> bool:
    """Whether CLDR (through Babel) knows the language `code`: its months, plural rules and number forms."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"{([A-Za-z_]+)}", text))


def catalogue_problems(shown: str, catalogue: object) -> list[Problem]:
    """Entries that would print wrong: a translation naming a field its English text does not give (it could
    not be filled in), or one marked fuzzy (gettext leaves those out: the English would print)."""
    problems = []
    for entry in catalogue:  # type: ignore[attr-defined]
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, (list, tuple)) else (entry.string,)
        given = set().union(*(_placeholders(i) for i in ids)) | {"count"}
        if given & {"month", "month_of"}:  # a date's month comes in both forms, for languages that decline it
            given |= {"month", "month_of"}
        extra = sorted(set().union(*(_placeholders(s or "") for s in strings)) - given)
        if extra or (entry.fuzzy and any(strings)):
            problems.append(Problem(
                Code.TRANSLATION_INVALID, "the translation names " + ", ".join("{" + e + "}" for e in extra) +
                ", which the English text does not give" if extra else "the translation is marked fuzzy, so gettext "
                "leaves it out", file=shown, line=entry.lineno, value=ids[0][:80],
                expected="only the fields of the English text (" + ", ".join("{" + g + "}" for g in sorted(given)) +
                "), and no `#, fuzzy` mark once the translation is checked"))
    return problems


def language_from_catalogues(code: str, catalogues: Sequence[tuple[str, bytes]]) -> Language:
    """The language `code` from its gettext catalogues (shown name, bytes of a .po file), later ones over
    earlier ones. English without a catalogue is the message ids themselves. A catalogue that is not UTF-8 or
    not a catalogue, or an entry that would print wrong, raises `InputInvalid` at its place."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import PoFileError, read_po
    from babel.support import Translations

    if not catalogues:
        if code == SOURCE_LANGUAGE:
            return ENGLISH
        raise LanguageUnknown(f"no catalogue for the language {code!r}")
    merged = None
    owner: dict[str, str] = {}  # which file gave each entry: a missing translation names it
    problems: list[Problem] = []
    for shown, data in catalogues:
        try:
            data.decode("utf-8")
            catalogue = read_po(io.BytesIO(data), locale=code.replace("-", "_"), abort_invalid=True)
        except (UnicodeDecodeError, PoFileError, ValueError) as error:
            problems.append(Problem(Code.TRANSLATION_INVALID, f"not a gettext catalogue Babel can read: {error}",
                                    file=shown, expected="a UTF-8 .po file (msgid/msgstr entries)"))
            continue
        problems += catalogue_problems(shown, catalogue)
        for entry in catalogue:
            if entry.id:
                owner[entry.id[0] if isinstance(entry.id, tuple) else entry.id] = shown
        if merged is None:
            merged = catalogue
            continue
        for entry in catalogue:
            if not entry.id:
                continue
            existing = merged.get(entry.id)
            if existing is not None:  # Babel's catalogue keeps an entry's string when one is set again
                existing.string = entry.string
            else:
                merged[entry.id] = entry
    if problems:
        raise InputInvalid(problems, f"the {code} catalogue")
    assert merged is not None
    messages = {(entry.id[0] if isinstance(entry.id, tuple) else entry.id):
                (tuple(entry.string) if isinstance(entry.string, (list, tuple)) else entry.string)
                for entry in merged if entry.id}
    buffer = io.BytesIO()
    write_mo(buffer, merged)
    buffer.seek(0)
    return Language(code, messages, tuple(shown for shown, _ in catalogues), Translations(buffer), owner)
