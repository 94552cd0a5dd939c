"""What a file would change in a catalogue, event by event (pure): the events it adds, the ones it lacks, and the
ones it changes, with each changed cell before and after.

Events are paired in three passes: the same date and text (case aside); then the same text under another date
(the date was corrected); then, on the same date, a text mostly alike (rapidfuzz's ratio at least
`EDIT_SIMILARITY`: a typo fixed, a word added) — one edited event, not one removed and one added. A column the
file does not have (pasted text has no Source) is never compared, so its lack changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from barometer.entry.store import stored_cells
from barometer.errors import clip
from barometer.figures import signed
from barometer.io.sheets import COLUMN_HEADERS
from barometer.models import AnyEvent
from barometer.suggest import alike_pairs

EDIT_SIMILARITY = 85.0  # 'Makiej meets the French ambassador …' and '… the German ambassador …' score 84.7: no edit
CONTEXT_WORDS = 3  # words shown either side of an edit in a text


@dataclass(frozen=True)
class CellChange:
    """One cell of an event that differs: its column, and its value in the catalogue and in the file."""

    column: str
    before: str
    after: str

    @property
    def label(self) -> str:
        """The column as a workbook names it: 'score', 'national security', 'text'."""
        if self.column == "event":
            return "text"
        return COLUMN_HEADERS.get(self.column, self.column).lower() if self.column in COLUMN_HEADERS else self.column

    def describe(self, year: int) -> str:
        """'score -3 → -2', 'date 17 November → 18 November', 'text "…Minsk's deecisions to…" → "…decisions to…"'."""
        if self.column == "event":
            old, new = edited_words(self.before, self.after)
            return f'text "{old}" → "{new}"'
        if self.column == "date":
            return f"date {_date(self.before, year)} → {_date(self.after, year)}"
        old = clip(self.before, 40) if self.before else "(empty)"
        new = clip(self.after, 40) if self.after else "(empty)"
        return f"{self.label} {old} → {new}"


@dataclass(frozen=True)
class EventChange:
    """An event of the catalogue (`before`) and its edited version in the file (`after`)."""

    before: AnyEvent
    after: AnyEvent
    cells: tuple[CellChange, ...]

    def describe(self, year: int) -> str:
        """'17 November "Statement by the Belarusian…": score -3 → -2; source (empty) → https://…' (the event's text
        is left out when the text itself changed: its excerpt says which event it is)."""
        which = "" if any(c.column == "event" for c in self.cells) else f' "{clip(self.before.text, 40)}"'
        return f"{self.before.date.render(year)}{which}: " + "; ".join(cell.describe(year) for cell in self.cells)

    def to_dict(self) -> dict[str, object]:
        return {"line": self.before.line, "date": self.before.date.iso, "event": self.before.text,
                "cells": [{"column": c.column, "from": c.before, "to": c.after} for c in self.cells]}


@dataclass
class CatalogueDiff:
    """The catalogue against the file: events only in the file, only in the catalogue, edited, and the same;
    `matches` pairs each event of the file with the catalogue's version of it (by identity of the file's)."""

    added: list[AnyEvent] = field(default_factory=list)
    removed: list[AnyEvent] = field(default_factory=list)
    changed: list[EventChange] = field(default_factory=list)
    unchanged: int = 0
    reordered: bool = False  # the file holds the catalogue's events in another order
    matches: dict[int, AnyEvent] = field(default_factory=dict)

    @property
    def untouched(self) -> bool:
        return not (self.added or self.removed or self.changed or self.reordered)

    def counts(self, taken: bool = True) -> str:
        """'1 added, 2 changed, 1 removed, 11 unchanged'; of a merge, which takes only the added events,
        '1 added, 2 differ (not taken), 1 not in the file (kept), 11 unchanged'."""
        parts = [(len(self.added), "added"), (len(self.changed), "changed" if taken else "differ (not taken)"),
                 (len(self.removed), "removed" if taken else "not in the file (kept)"), (self.unchanged, "unchanged")]
        return ", ".join(f"{count} {word}" for count, word in parts if count) or "no events"


def diff_catalogue(old: Sequence[AnyEvent], new: Sequence[AnyEvent], columns: Iterable[str],
                   edits: bool = True) -> CatalogueDiff:
    """How `new` (the file's events, whose columns are `columns`) differs from `old` (the catalogue's). With
    `edits`, an event whose date or text alone differs is one changed event; without, only events of the same
    date and text are paired."""
    compared = set(columns) | {"date", "event"}
    diff = CatalogueDiff()
    left = list(old)
    pairs: list[tuple[AnyEvent, AnyEvent]] = []
    by_key: dict[object, AnyEvent] = {}
    for event in left:
        by_key.setdefault(event.key, event)
    unmatched: list[AnyEvent] = []
    for event in new:
        there = by_key.pop(event.key, None)
        if there is None:
            unmatched.append(event)
        else:
            pairs.append((there, event))
    rest = [event for event in left if by_key.get(event.key) is event]
    if edits and unmatched and rest:
        more, unmatched, rest = _edited(unmatched, rest)
        pairs += more
    for there, event in pairs:
        diff.matches[id(event)] = there
        cells = changed_cells(there, event, compared)
        if cells:
            diff.changed.append(EventChange(there, event, cells))
        else:
            diff.unchanged += 1
    diff.added = unmatched
    diff.removed = rest
    order = {id(event): position for position, event in enumerate(old)}
    kept = [order[id(diff.matches[id(event)])] for event in new if id(event) in diff.matches]
    diff.reordered = kept != sorted(kept)
    diff.changed.sort(key=lambda change: change.before.line)
    return diff


def _edited(new: list[AnyEvent], old: list[AnyEvent]
            ) -> tuple[list[tuple[AnyEvent, AnyEvent]], list[AnyEvent], list[AnyEvent]]:
    """Pairs of an old and a new event that are one event edited: the same text under another date, or the same
    date with a text mostly alike (the most alike first). Returns the pairs and what is left of each side."""
    pairs: list[tuple[AnyEvent, AnyEvent]] = []
    same_text = {event.text.casefold(): event for event in reversed(old)}
    left_new: list[AnyEvent] = []
    for event in new:
        there = same_text.pop(event.text.casefold(), None)
        if there is not None:
            pairs.append((there, event))
        else:
            left_new.append(event)
    paired = {id(there) for there, _ in pairs}
    left_old = [event for event in old if id(event) not in paired]
    by_date: dict[object, tuple[list[AnyEvent], list[AnyEvent]]] = {}
    for event in left_new:
        by_date.setdefault(event.date, ([], []))[0].append(event)
    for event in left_old:
        if event.date in by_date:
            by_date[event.date][1].append(event)
    taken: set[int] = set()
    for fresh, former in by_date.values():
        for i, j in alike_pairs([e.text for e in fresh], [e.text for e in former], EDIT_SIMILARITY):
            pairs.append((former[j], fresh[i]))
            taken.update({id(former[j]), id(fresh[i])})
    return (pairs, [e for e in left_new if id(e) not in taken], [e for e in left_old if id(e) not in taken])


def changed_cells(there: AnyEvent, imported: AnyEvent, compared: set[str]) -> tuple[CellChange, ...]:
    """The cells of the file's version that differ from the catalogue's, among the columns the file has."""
    old, new = stored_cells(there), stored_cells(imported)
    names = [name for name in dict.fromkeys([*old, *new]) if name in compared]
    return tuple(CellChange(name, old.get(name, ""), new.get(name, "")) for name in names
                 if old.get(name, "") != new.get(name, ""))


def carries_catalogue(old: Sequence[AnyEvent], new: Sequence[AnyEvent]) -> bool:
    """Whether the file holds the catalogue's events (at least half of them, date and text alike), as a template
    pre-filled from it does: then an event it lacks was deleted there and a near one was edited there. A file of
    new events only holds none of them."""
    if not old:
        return False
    keys = {event.key for event in new}
    return sum(event.key in keys for event in old) * 2 >= len(old)


def edited_words(before: str, after: str) -> tuple[str, str]:
    """The part of two texts that differs, with `CONTEXT_WORDS` words either side and '…' where cut:
    ("…Minsk's deecisions to downgrade…", "…Minsk's decisions to downgrade…")."""
    from rapidfuzz.distance import Indel

    old, new = before.split(), after.split()
    blocks = [op for op in Indel.opcodes(old, new) if op.tag != "equal"]
    if not blocks:
        return before, after  # spaces differ only
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.src_start - CONTEXT_WORDS)  # the words before the first edit are the same in both

    def excerpt(words: list[str], end: int) -> str:
        end = min(len(words), end + CONTEXT_WORDS)
        return ("…" if begin else "") + " ".join(words[begin:end]) + ("…" if end < len(words) else "")

    return excerpt(old, last.src_end), excerpt(new, last.dest_end)


def _date(iso: str, year: int) -> str:
    from barometer.dates import parse_event_date

    return parse_event_date(iso).render(year) if iso else "(empty)"


def event_summary(event: AnyEvent, year: int) -> str:
    """'8 December: +1 Uladzimir Makiej meets with French Ambassador…' (security: both scores)."""
    scores = " / ".join(signed(value) for value in event.scores.values())
    return f"{event.date.render(year)}: {scores} {clip(event.text, 70)}"
