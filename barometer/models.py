"""The data: workspace configuration, issues, events and catalogues (pydantic models, no I/O).

Validation that needs to know the issue (score bounds, the period) reads it from the validation
context: `Event.model_validate(row, context=EventContext(...))`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from barometer.dates import (
    EXPECTED_FORMS,
    DateError,
    DateWords,
    EventDate,
    YearMonth,
    expected_forms,
    parse_event_date,
)
from barometer.errors import Code
from barometer.io.toml_io import key_line
from barometer.masthead import Imprint, LanguageCode, Person

TrackKind = Literal["relations", "security"]


def _year_month(value: object) -> YearMonth:
    if isinstance(value, YearMonth):
        return value
    return YearMonth.parse(str(value))


MonthField = Annotated[YearMonth, PlainSerializer(str, return_type=str)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- workspace configuration (barometer.toml) -------------------------------------------------


class TrackWords(Strict):
    """A track's names in another language (`[tracks.translations.ru]`)."""

    label: str = ""
    section: str = ""
    aliases: list[str] = []


class Track(Strict):
    """One catalogue of the bulletin: a relationship (`relations`) or security (`security`)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    label: str = Field(min_length=1)
    kind: TrackKind = "relations"
    section: str = ""
    aliases: list[str] = []
    translations: dict[LanguageCode, TrackWords] = {}

    @property
    def heading(self) -> str:
        """The bulletin's heading of this track's section and appendix."""
        if self.section:
            return self.section
        return "Security" if self.kind == "security" else f"Relationship with {self.label}"

    @property
    def file_name(self) -> str:
        return f"{self.id}.csv"


MAX_BOUND = 100  # a score beyond ±100 is no score; bounds that large would make dropdowns of millions of values


class ScoreBounds(Strict):
    min: int = Field(default=-5, ge=-MAX_BOUND)
    max: int = Field(default=5, le=MAX_BOUND)

    @model_validator(mode="after")
    def _ordered(self) -> ScoreBounds:
        if not self.min < 0 < self.max:
            raise ValueError(f"score bounds must have min < 0 < max, got {self.min}..{self.max}")
        return self

    def describe(self, allow_zero: bool) -> str:
        text = f"an integer from {self.min} to +{self.max}"
        return text if allow_zero else text + ", not 0"


class Cadence(Strict):
    """Which months an issue covers: issue `first_issue` starts in `first_month`."""

    first_issue: int = 1
    first_month: MonthField = YearMonth(2018, 1)
    months_per_issue: int = Field(default=2, ge=1, le=12)

    _parse_month = field_validator("first_month", mode="plain")(lambda cls, v: _year_month(v))

    @model_validator(mode="after")
    def _first_period_exists(self) -> Cadence:
        try:
            self.period_of(self.first_issue)
        except DateError as error:
            raise ValueError(f"the first issue's period does not fit in the calendar: {error}") from None
        return self

    def period_of(self, number: int) -> tuple[YearMonth, YearMonth]:
        start = self.first_month.plus((number - self.first_issue) * self.months_per_issue)
        return start, start.plus(self.months_per_issue - 1)


class ConfigWords(Strict):
    """The bulletin's names in another language (`[translations.ru]`)."""

    title: str = ""
    subtitle: str = ""
    country: str = ""
    publisher: str = ""


class WorkspaceConfig(Strict):
    title: str = "Barometer"
    subtitle: str = ""
    country: str = ""
    publisher: str = ""
    languages: list[LanguageCode] = []  # the languages entry reads dates in, besides English
    translations: dict[LanguageCode, ConfigWords] = {}
    scale: str = "scales/regional-tension.toml"
    scores: ScoreBounds = ScoreBounds()
    cadence: Cadence = Cadence()
    tracks: list[Track] = Field(min_length=1)
    people: list[Person] = []
    imprint: Imprint = Imprint()

    @model_validator(mode="after")
    def _unique_tracks(self) -> WorkspaceConfig:
        ids = [track.id for track in self.tracks]
        repeated = next((i for n, i in enumerate(ids) if i in ids[:n]), None)
        if repeated is not None:
            raise PydanticCustomError(
                "track_id_repeated", "track id '{value}' is given to two tracks; track ids must be unique",
                {"key": "id", "value": repeated, "occurrence": 2})
        if sum(track.kind == "security" for track in self.tracks) > 1:
            raise ValueError("at most one track may be of kind 'security'")
        people = [person.id for person in self.people]
        repeated = sorted({i for i in people if people.count(i) > 1})
        if repeated:
            raise ValueError(f"people's ids must be unique; repeated: {', '.join(repeated)}")
        return self

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    @property
    def relations_tracks(self) -> list[Track]:
        return [t for t in self.tracks if t.kind == "relations"]

    @property
    def security_track(self) -> Track | None:
        return next((t for t in self.tracks if t.kind == "security"), None)

    def track(self, track_id: str) -> Track | None:
        return next((t for t in self.tracks if t.id == track_id), None)


# --- issues (events/NNN/issue.toml) ------------------------------------------------------------


class Period(Strict):
    """The months an issue covers, first and last inclusive."""

    start: MonthField
    end: MonthField

    _parse = field_validator("start", "end", mode="plain")(lambda cls, v: _year_month(v))

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        return self

    @property
    def months(self) -> list[YearMonth]:
        return [YearMonth.from_index(i) for i in range(self.start.index, self.end.index + 1)]

    def contains(self, when: EventDate) -> bool:
        return self.start.first_day <= when.start and when.end <= self.end.last_day

    def describe(self, dash: str = "-") -> str:
        """'November-December 2020' (typeset text passes an en dash)."""
        if self.start == self.end:
            return f"{self.start.name} {self.start.year}"
        if self.start.year == self.end.year:
            return f"{self.start.name}{dash}{self.end.name} {self.end.year}"
        return f"{self.start.name} {self.start.year}{dash}{self.end.name} {self.end.year}"


class PublishedRelations(Strict):
    """A relationship's figures as the bulletin printed them; a figure not printed is None.

    `record` is what the bulletin said of the aggregate: "high" ("a new record high") or "low".
    """

    positive: int | None = None
    negative: int | None = None
    aggregate: int | None = None
    events: int | None = None
    record: Literal["high", "low"] | None = None


class PublishedSecurity(Strict):
    """Security figures as printed. `level` is a band name of the scale; `previous_level` is the band the
    bulletin says the previous issue was in ("moved from Green to Yellow"); `first_time_in_level` records
    that the bulletin called the level a first ("for the first time in the history of our monitoring")."""

    national_security: int | None = None
    regional_tension: int | None = None
    level: str | None = None
    events: int | None = None
    previous_level: str | None = None
    first_time_in_level: bool = False


class Published(Strict):
    """Figures printed in the bulletin, with where they were read. Tables are keyed by track id."""

    source: str = Field(min_length=1)
    note: str = ""
    tracks: dict[str, PublishedRelations] = {}
    security: PublishedSecurity | None = None

    @model_validator(mode="before")
    @classmethod
    def _tracks_inline(cls, data: Any) -> Any:
        """`[published.russia]` in issue.toml means a relations track's printed figures."""
        if not isinstance(data, dict):
            return data
        own = {"source", "note", "tracks", "security"}
        tracks = dict(data.get("tracks", {}))
        tracks.update({k: v for k, v in data.items() if k not in own})
        return {**{k: v for k, v in data.items() if k in own}, "tracks": tracks}


class Issue(Strict):
    """An issue of the bulletin as described by its issue.toml.

    `authors` are the people (ids of barometer.toml's `people`) the Authors page lists, `editor` who signs the
    editor's letter, `bylines` who wrote each section (track id → people); `empty` are tracks with no event
    this issue on purpose: their figures are 0, where a track not entered yet is unknown."""

    number: int = Field(ge=1)
    period: Period
    title: str = ""
    # When the issue was published (`barometer publish`): its catalogues are frozen as published and every
    # later change needs a reason, recorded in revisions.csv. A day, or a month when only that is known.
    published_on: str | None = None

    @field_validator("published_on")
    @classmethod
    def _publication_date(cls, value: str | None) -> str | None:
        if value is not None:
            publication_day(value)
        return value
    editor: str | None = None
    authors: list[str] = []
    bylines: dict[str, list[str]] = {}
    empty: list[str] = []
    published: Published | None = None

    def people(self) -> list[str]:
        """Every person the issue names, in the order it names them."""
        named = [*self.authors, *([self.editor] if self.editor else [])]
        named += [person for people in self.bylines.values() for person in people]
        return list(dict.fromkeys(named))


def publication_day(text: str) -> date:
    """The first day a publication date names: '2021-01-15', or '2021-01' when only the month is known; a
    ValueError for anything else (a day the month does not have included)."""
    if re.fullmatch(r"\d{4}-\d{2}", text):
        text += "-01"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"{text!r} is no publication date: give a day such as 2021-01-15, or a month such as 2021-01")
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"{text!r} is no day of the calendar ({error})") from None


@dataclass(frozen=True)
class IssueFile:
    """An issue as its issue.toml gives it, with that file as shown to users and its text, so that a problem
    about a key can name the key's line without reading the file again."""

    issue: Issue
    file: str
    text: str = ""
    path: Path | None = None

    @property
    def number(self) -> int:
        return self.issue.number

    def line_of(self, *keys: str) -> int | None:
        """The line that sets `keys` (e.g. "published", "russia", "positive"), as far as it can be told."""
        return key_line(self.text, keys)


# --- events -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventContext:
    """What validating an event needs to know about its issue."""

    bounds: ScoreBounds
    period: Period
    dates_from: Period | None = None  # the period a year-less date is read in, when not the issue's own (a move)
    date_words: DateWords = ()  # dates in the workspace's other languages (i18n.date_words)
    first_day: date = field(init=False)
    last_day: date = field(init=False)
    _dates: dict[str, EventDate] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first_day", self.period.start.first_day)
        object.__setattr__(self, "last_day", self.period.end.last_day)

    def parse_date(self, text: str) -> EventDate:
        """A date of this issue; catalogues repeat the same few dozen dates, so each is parsed once."""
        found = self._dates.get(text)
        if found is None:
            period = self.dates_from or self.period
            found = self._dates[text] = parse_event_date(text, period.start, period.end, self.date_words)
        return found

    def contains(self, when: EventDate) -> bool:
        return self.first_day <= when.start and when.end <= self.last_day


_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")  # ASCII digits only: Arabic-Indic or fullwidth digits are not read
_COMMON_SCORES = {text: value for value in range(-20, 21) for text in (str(value), f"{value:+d}")}


def invalid(code: str, message: str, expected: str = "") -> PydanticCustomError:
    """A validation error with our own code; `expected` travels in its context."""
    return PydanticCustomError(code, message, {"expected": expected} if expected else None)


def parse_score(value: object) -> int:
    """A score as typed: `+1`, `-3`, `0`, or a whole number from a spreadsheet cell."""
    expected = "a whole number such as +1, -2 or 0"
    if isinstance(value, str) and value in _COMMON_SCORES:
        return _COMMON_SCORES[value]
    if isinstance(value, bool):
        raise invalid(Code.SCORE_NOT_INTEGER, "the score is not a whole number", expected)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise invalid(Code.SCORE_NOT_INTEGER, "the score is not a whole number", expected)
    text = str(value if value is not None else "").strip()
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    if not text:
        raise invalid(Code.SCORE_EMPTY, "the score is empty", expected)
    if not _INTEGER.fullmatch(text):
        raise invalid(Code.SCORE_NOT_INTEGER, "the score is not a whole number", expected)
    return int(text)


def _context(info: ValidationInfo) -> EventContext | None:
    context = info.context
    return context if isinstance(context, EventContext) else None


# Checks of single cells, shared by the field validators below and the column-wise table validation
# in `catalogue.validate_table`: one definition of what a valid cell is. Each raises `invalid(...)`.


def check_date(value: object, context: EventContext | None) -> EventDate:
    if isinstance(value, EventDate):
        when = value
    elif value is None or not str(value).strip():  # an empty CSV cell, or an empty workbook cell
        raise invalid(Code.DATE_EMPTY, "the date is empty", EXPECTED_FORMS)
    else:
        try:
            when = context.parse_date(str(value)) if context else parse_event_date(str(value))
        except DateError as error:
            forms = expected_forms(context.period.start, context.period.end) if context else EXPECTED_FORMS
            raise invalid(Code.DATE_INVALID, str(error), forms) from None
    if context is not None and not context.contains(when):
        raise invalid(Code.DATE_OUTSIDE_PERIOD, "the date lies outside the issue's period",
                      f"a date in {context.period.describe()}")
    return when


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")  # embeddings, overrides and isolates
MAX_TEXT = 5_000  # characters in an event's text or source; the longest event of No. 18 has 292


def check_text(value: object) -> str:
    text = " ".join(str(value if value is not None else "").split())
    if not text:
        raise invalid(Code.TEXT_EMPTY, "the event text is empty", "a description of the event")
    _check_characters(text, "the event text")
    if not any(unicodedata.category(c)[0] in "LNPS" for c in text):
        raise invalid(Code.TEXT_INVISIBLE, "the event text has no visible character (only spaces, zero-width or "
                      "direction marks)", "a description of the event in letters, digits or signs")
    return text


def _check_characters(text: str, what: str) -> None:
    """A text's characters: no control character, no bidirectional override, and not longer than `MAX_TEXT`."""
    if _CONTROL.search(text):
        raise invalid(Code.TEXT_CONTROL_CHARACTER, f"{what} holds a control character",
                      "printable text (a NUL or similar byte is a sign of a damaged file)")
    if (found := _BIDI_CONTROL.search(text)) is not None:
        raise invalid(Code.TEXT_BIDI_CONTROL, f"{what} holds an invisible bidirectional control (U+"
                      f"{ord(found[0]):04X}) that makes text display in another order than it is stored",
                      "text without embedding, override or isolate controls (U+202A-U+202E, U+2066-U+2069)")
    if len(text) > MAX_TEXT:
        raise invalid(Code.TEXT_TOO_LONG, f"{what} is {len(text):,} characters long",
                      f"at most {MAX_TEXT:,} characters")


def check_score(value: object, context: EventContext | None, allow_zero: bool) -> int:
    bounds = context.bounds if context is not None else ScoreBounds()
    try:
        score = parse_score(value)
    except PydanticCustomError as error:  # what a score of this track may be: a relationship's is never 0
        raise invalid(error.type, error.message(), bounds.describe(allow_zero)) from None
    if not bounds.min <= score <= bounds.max:
        raise invalid(Code.SCORE_OUT_OF_BOUNDS, "the score is out of bounds", bounds.describe(allow_zero))
    if not allow_zero and score == 0:
        raise invalid(Code.SCORE_ZERO, "a relationship's event must move its index", bounds.describe(allow_zero))
    return score


def check_source(value: object) -> str:
    source = str(value or "").strip()
    _check_characters(source, "the source")
    return source


class BaseEvent(BaseModel):
    """What every event has: a date, a text, a source, further columns, and the line it was read from."""

    # Catalogue rows are checked cell by cell (`catalogue.validate_table`) and built with `model_construct`:
    # the schema is built only when an event is validated as a whole, not on every start.
    model_config = ConfigDict(frozen=True, defer_build=True)
    score_fields: ClassVar[tuple[str, ...]] = ()

    date: Annotated[EventDate, PlainSerializer(lambda d: d.iso, return_type=str)]
    text: str
    source: str = ""
    extra: dict[str, str] = {}
    line: int = 0

    @field_validator("date", mode="plain")
    @classmethod
    def _date(cls, value: object, info: ValidationInfo) -> EventDate:
        return check_date(value, _context(info))

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: object) -> str:
        return check_text(value)

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, value: object) -> str:
        return check_source(value)

    @property
    def scores(self) -> dict[str, int]:
        """The event's scores by field name, in column order."""
        return {name: getattr(self, name) for name in self.score_fields}

    @property
    def key(self) -> tuple[EventDate, str]:
        """The event's identity: its date and its text without case. Two events of a catalogue with the same
        key are one event entered twice; an import matches events by it."""
        return self.date, self.text.casefold()


class Event(BaseEvent):
    """A dated event of a relationship, scored once."""

    score_fields: ClassVar[tuple[str, ...]] = ("score",)
    score: int

    @field_validator("score", mode="before")
    @classmethod
    def _score(cls, value: object, info: ValidationInfo) -> int:
        return check_score(value, _context(info), allow_zero=False)


class SecurityEvent(BaseEvent):
    """A dated security event, scored for national security and for regional tension."""

    score_fields: ClassVar[tuple[str, ...]] = ("national_security", "regional_tension")
    national_security: int
    regional_tension: int

    @field_validator("national_security", "regional_tension", mode="before")
    @classmethod
    def _score(cls, value: object, info: ValidationInfo) -> int:
        return check_score(value, _context(info), allow_zero=True)


# The score fields of each kind of track, in column order.
SCORE_FIELDS: dict[str, tuple[str, ...]] = {
    "relations": Event.score_fields,
    "security": SecurityEvent.score_fields,
}


AnyEvent = Event | SecurityEvent

# The CSV columns of each kind of track, in order; `source` is optional.
COLUMNS: dict[str, tuple[str, ...]] = {
    "relations": ("date", "event", "score"),
    "security": ("date", "event", "national_security", "regional_tension"),
}
OPTIONAL_COLUMNS = ("source",)


def event_model(kind: TrackKind) -> type[Event] | type[SecurityEvent]:
    return SecurityEvent if kind == "security" else Event


def known_columns(kind: TrackKind | None = None) -> set[str]:
    """The columns a catalogue of this kind of track (or of any kind) reads itself; others are further columns."""
    kinds = [kind] if kind else list(COLUMNS)
    return {name for k in kinds for name in COLUMNS[k]} | set(OPTIONAL_COLUMNS)


def _same(value: object) -> object:
    return value


def event_cells(event: BaseEvent, date: Callable[[EventDate], object] = lambda d: d.iso,
                score: Callable[[int], object] = _same) -> dict[str, object]:
    """An event as cells by column name — date, event, its scores, source, further columns — the one mapping
    every writer uses (the stored CSV, exports, the template, the bulletin's tables). `date` and `score`
    format their cells (default: the ISO date, the score as a number); source and further columns are
    text, empty when the event has none."""
    cells: dict[str, object] = {"date": date(event.date), "event": event.text}
    for name, value in event.scores.items():
        cells[name] = score(value)
    cells["source"] = event.source
    for name, value in event.extra.items():
        cells.setdefault(name, value)
    return cells


class Catalogue(BaseModel):
    """An issue and its events per track; a track with no catalogue file is absent from `events`."""

    model_config = ConfigDict(arbitrary_types_allowed=True, defer_build=True)

    issue: Issue
    events: dict[str, list[Event] | list[SecurityEvent]] = {}

    @property
    def number(self) -> int:
        return self.issue.number
