"""The revision ledger of a published issue: its catalogues are frozen as published (`published/<track>.csv`),
and every later change is a record of `revisions.csv` — when, which track and event, which field, the old and
the new value, and why.

The catalogue as it is now must equal the catalogue as published with the recorded changes: a difference no
record covers (a hand edit) is an error at its line. Figures "as published" are summed from the frozen copy.
Pure: the loader reads the files and the entry commands write them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from barometer.errors import Code, Problem
from barometer.figures import signed
from barometer.models import AnyEvent

COLUMNS = ("when", "track", "date", "event", "field", "old", "new", "reason")
ADDED, REMOVED = "added", "removed"  # the `field` of a record that adds or removes a whole event


@dataclass(frozen=True)
class Revision:
    """One recorded change: `field` is a column of the catalogue (the date, the text, a score, the source),
    or `added` / `removed` for a whole event; `date` and `event` name the event as it was before the change
    (as it is after, for one added)."""

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


@dataclass(frozen=True)
class Difference:
    """How the catalogue now differs from the catalogue as published, for one event and one field."""

    track: str
    field: str
    old: str
    new: str
    event: AnyEvent  # as it is now (as it was, for a removed one)
    file: str  # where it stands: the catalogue, or the published copy for a removed event
    line: int


def _cells(event: AnyEvent) -> dict[str, str]:
    cells = {"date": event.date.iso, "event": event.text, "source": event.source}
    cells.update({name: str(value) for name, value in event.scores.items()})
    return cells


def differences(track: str, published: Sequence[AnyEvent], current: Sequence[AnyEvent], file: str,
                published_file: str) -> list[Difference]:
    """Every difference between the events as published and as they are now. An event keeps its identity
    through a change of its scores or source (same date and text); a new date or text is a removal and an
    addition unless a record says it is the same event (see `unrecorded`)."""
    before = {e.key: e for e in published}
    after = {e.key: e for e in current}
    found = []
    for key, event in after.items():
        old = before.get(key)
        if old is None:
            found.append(Difference(track, ADDED, "", event.text, event, file, event.line))
            continue
        was, now = _cells(old), _cells(event)
        found += [Difference(track, name, was[name], now[name], event, file, event.line)
                  for name in now if was.get(name, "") != now[name]]
    found += [Difference(track, REMOVED, event.text, "", event, published_file, event.line)
              for key, event in before.items() if key not in after]
    return found


def _covers(record: Revision, difference: Difference) -> bool:
    """Whether `record` accounts for `difference` (a change of text or date may show as a removal and an
    addition: its record covers both)."""
    event = difference.event
    if record.track != difference.track:
        return False
    if difference.field == ADDED:
        return (record.field == ADDED and record.event == event.text and record.date == event.date.iso) or \
            (record.field == "event" and record.new == event.text) or \
            (record.field == "date" and record.event == event.text and record.new == event.date.iso)
    if difference.field == REMOVED:
        return (record.field == REMOVED and record.event == event.text) or \
            (record.field == "event" and record.old == event.text) or \
            (record.field == "date" and record.event == event.text and record.old == event.date.iso)
    return record.field == difference.field and record.new == difference.new and \
        record.event.casefold() == event.text.casefold()


def unrecorded(found: Sequence[Difference], records: Sequence[Revision]) -> list[Problem]:
    """The differences no revision record covers: an error each, at the changed line, naming the record it
    lacks."""
    return [Problem(Code.REVISION_UNRECORDED, _message(d), file=d.file, line=d.line,
                    field=d.field if d.field not in (ADDED, REMOVED) else None, value=_shown(d),
                    expected="a change made with --reason (recorded in revisions.csv), or the value as published")
            for d in found if not any(_covers(record, d) for record in records)]


def _message(difference: Difference) -> str:
    if difference.field == ADDED:
        return "this event is not in the catalogue as published, and no revision record adds it"
    if difference.field == REMOVED:
        return "this event of the catalogue as published is gone, and no revision record removes it"
    return (f"the {difference.field.replace('_', ' ')} differs from the catalogue as published "
            f"({_value(difference.old)} → {_value(difference.new)}), and no revision record covers it")


def _value(text: str) -> str:
    """A recorded value as the message shows it: a score signed, an empty cell as 'empty'."""
    if not text:
        return "empty"
    return signed(int(text)) if text.lstrip("+-").isdigit() else text


def _shown(difference: Difference) -> str:
    text = difference.event.text
    return text if len(text) <= 80 else text[:79].rstrip() + "…"


def records_for(track: str, before: Sequence[AnyEvent], after: Sequence[AnyEvent], reason: str, when: str
                ) -> list[Revision]:
    """The records of a change of one track's catalogue from `before` to `after` (what an entry command
    writes): one per added or removed event and per changed field."""
    return [Revision(when, d.track, d.event.date.iso, d.event.text if d.field != ADDED else d.new, d.field,
                     d.old, d.new, reason) for d in differences(track, before, after, "", "")]
