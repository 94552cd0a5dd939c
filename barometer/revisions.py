"""The revision ledger of a published issue: its catalogues are frozen as published (`published/<track>.csv`),
and every later change is a record of `revisions.csv` — when, which track and event, which field, the old and
the new value, and why.

The log is replayed onto the catalogues as published, record by record, and the result must equal the
catalogues as they are: a difference no record accounts for (a hand edit) is an error at its line, and so is a
record that does not apply (it names an event that is not there, or an old value that is not the one there).
An added event is a record `added` and one record per cell it was given (its scores, its source), so a later
hand edit of its scores shows too. A change of an event's date or text is recorded as the event removed and the
corrected one added. Figures "as published" are summed from the frozen copy. Pure: the loader reads the files
and the entry commands write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from barometer.errors import Code, Problem
from barometer.figures import signed
from barometer.models import AnyEvent

COLUMNS = ("when", "track", "date", "event", "field", "old", "new", "reason")
ADDED, REMOVED = "added", "removed"  # the `field` of a record that adds or removes a whole event
CELL_FIELDS = ("source", "score", "national_security", "regional_tension")
Key = tuple[str, str]  # an event in the replay: its ISO date and its text without case
Cells = dict[str, str]


@dataclass(frozen=True)
class Revision:
    """One recorded change: `field` is a cell of the event (a score, the source), or `added` / `removed` for a
    whole event; `date` (ISO) and `event` name the event."""

    when: str
    track: str
    date: str
    event: str
    field: str
    old: str
    new: str
    reason: str
    line: int = 0  # in revisions.csv

    def row(self) -> list[str]:
        return [self.when, self.track, self.date, self.event, self.field, self.old, self.new, self.reason]


@dataclass
class _Replayed:
    cells: Cells
    origin: tuple[str, int]  # where the event comes from: the published copy's line, or the record that added it


def cells_of(event: AnyEvent) -> Cells:
    cells = {"date": event.date.iso, "event": event.text, "source": event.source}
    cells.update({name: str(value) for name, value in event.scores.items()})
    return cells


def _key(date: str, text: str) -> Key:
    return date, text.casefold()


def record_problems(records: Sequence[Revision], tracks: Iterable[str], file: str) -> list[Problem]:
    """Records that cannot be a change: an unknown track or field, a time that is no ISO time, no reason."""
    known = set(tracks)
    problems = []
    for record in records:
        wrong = ("track", record.track, ", ".join(sorted(known))) if record.track not in known else \
            ("field", record.field, f"{ADDED}, {REMOVED} or a cell: {', '.join(CELL_FIELDS)}") \
            if record.field not in (ADDED, REMOVED, *CELL_FIELDS) else \
            ("when", record.when, "an ISO time such as 2021-02-01T10:00:00Z") if not _iso_time(record.when) else \
            ("reason", record.reason, "why the change was made") if not record.reason.strip() else None
        if wrong is not None:
            problems.append(Problem(Code.REVISION_INVALID, f"the record's {wrong[0]} is not one a change can have",
                                    file=file, line=record.line, field=wrong[0], value=wrong[1], expected=wrong[2]))
    return problems


def _iso_time(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def unrecorded(track: str, published: Sequence[AnyEvent], current: Sequence[AnyEvent], records: Sequence[Revision],
               files: tuple[str, str, str]) -> list[Problem]:
    """Replay the track's records onto its catalogue as published and compare with the catalogue now: a
    problem for each record that does not apply and each difference no record accounts for. `files` are the
    catalogue, its published copy and the revision log, as shown."""
    file, published_file, log = files
    state = {_key(e.date.iso, e.text): _Replayed(cells_of(e), (published_file, e.line)) for e in published}
    problems = []
    for record in (r for r in records if r.track == track):
        failure = _apply(state, record)
        if failure:
            problems.append(Problem(Code.REVISION_INVALID, failure, file=log, line=record.line, field=record.field,
                                    value=record.event[:80], expected="a record of a change made to the catalogue "
                                    "as the log had left it"))
    now = {_key(e.date.iso, e.text): e for e in current}
    for key, event in now.items():
        replayed = state.get(key)
        if replayed is None:
            problems.append(_problem("this event is not in the catalogue as published, and no revision record adds "
                                     "it", event.text, file, event.line))
            continue
        for name, value in cells_of(event).items():
            if replayed.cells.get(name, "") != value:
                problems.append(_problem(
                    f"the {name.replace('_', ' ')} differs from the catalogue as published with its recorded changes "
                    f"({_value(replayed.cells.get(name, ''))} → {_value(value)}), and no revision record covers it",
                    event.text, file, event.line, name))
    for key, replayed in state.items():
        if key not in now:
            where, line = replayed.origin
            problems.append(_problem("this event of the catalogue as published (or added by a record) is gone, and "
                                     "no revision record removes it", replayed.cells["event"], where, line))
    return problems


def _apply(state: dict[Key, _Replayed], record: Revision) -> str | None:
    """Apply one record to the replayed catalogue; why it does not apply, when it does not."""
    key = _key(record.date, record.event)
    if record.field == ADDED:
        if key in state:
            return "the record adds an event that is there already"
        state[key] = _Replayed({"date": record.date, "event": record.event}, ("revisions.csv", record.line))
        return None
    if key not in state:
        return "the record names an event that is not there (by its date and text) at that point of the log"
    if record.field == REMOVED:
        del state[key]
        return None
    cells = state[key].cells
    if cells.get(record.field, "") != record.old:
        return f"the record's old value {_value(record.old)} is not the event's {_value(cells.get(record.field, ''))}"
    cells[record.field] = record.new
    return None


def _problem(message: str, text: str, file: str, line: int, field: str | None = None) -> Problem:
    return Problem(Code.REVISION_UNRECORDED, message, file=file, line=line, field=field,
                   value=text if len(text) <= 80 else text[:79].rstrip() + "…",
                   expected="a change made with --reason (recorded in revisions.csv), or the value as published")


def _value(text: str) -> str:
    """A recorded value as the message shows it: a score signed, an empty cell as 'empty'."""
    if not text:
        return "empty"
    return signed(int(text)) if re.fullmatch(r"[+-]?[0-9]{1,9}", text) else text


def records_for(track: str, before: Sequence[AnyEvent], after: Sequence[AnyEvent], reason: str, when: str
                ) -> list[Revision]:
    """The records of a change of one track's catalogue from `before` to `after` (what an entry command writes):
    an added event with a record per cell it has, a removed one, and each changed cell."""
    old = {_key(e.date.iso, e.text): e for e in before}
    new = {_key(e.date.iso, e.text): e for e in after}
    records = []
    for key, event in old.items():
        if key not in new:
            records.append(Revision(when, track, event.date.iso, event.text, REMOVED, event.text, "", reason))
    for key, event in new.items():
        cells = cells_of(event)
        was = cells_of(old[key]) if key in old else None
        if was is None:
            records.append(Revision(when, track, event.date.iso, event.text, ADDED, "", event.text, reason))
        for name in CELL_FIELDS:
            value, previous = cells.get(name, ""), (was or {}).get(name, "")
            if name in cells and value != previous:
                records.append(Revision(when, track, event.date.iso, event.text, name, previous, value, reason))
    return records
