"""Rows of pasted bulletin text as they are read: an event's text wrapped over lines, and, where a table centres a
row's date and scores on its text (a bulletin PDF through `pdftotext -layout`), the lines above its date line.
Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barometer.io.table import SourceRow

GLUED = re.compile(r"[^\W_][-\u2010\u2013/]$")


def joined(parts: list[str]) -> str:
    """Event text wrapped over lines, joined again; words broken after a hyphen, dash or slash stay joined."""
    pieces: list[str] = []
    for part in parts:
        if pieces and not GLUED.search(pieces[-1][-2:]):
            pieces.append(" ")
        pieces.append(part)
    return "".join(pieces)


@dataclass
class OpenRow:
    """The last row of a section: wrapped lines and late scores still go into it.

    Its event text is kept as the line that holds its date (`head`), the lines after it (`after`) and, where a
    table centres each row's date and scores on its text (a bulletin PDF through `pdftotext -layout`), the lines
    above it (`above`): `centre` moves lines between neighbouring rows once the whole section is read."""

    row: SourceRow
    fields: tuple[str, ...]
    indent: int  # where the row's first line starts: lines indented further have no date cell
    track: str = ""
    head: str = ""
    after: list[str] = field(default_factory=list)
    above: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)
    before: list[tuple[str, int]] = field(default_factory=list)  # a section's first lines, before its first row

    @property
    def missing_scores(self) -> int:
        return len(self.fields) - len(self.scores)

    def extend_date(self, more: str) -> None:
        date = str(self.row.cells["date"])
        self.row.cells["date"] = date + more if date.endswith(("-", "\u2013")) else f"{date} {more}"

    def add(self, text: str, scores: list[str]) -> None:
        if text:
            self.after.append(text)
        self.scores.extend(scores[: self.missing_scores])

    def finish(self) -> None:
        """Write the row's cells: its text joined again, its scores ('' for a score never found)."""
        self.row.cells["event"] = joined([*self.above, *([self.head] if self.head else []), *self.after])
        for number, name in enumerate(self.fields):
            self.row.cells[name] = self.scores[number] if number < len(self.scores) else ""


def centre(rows: list[OpenRow]) -> bool:
    """Give each row of a section the text lines a centred table printed around its date line: as many below it
    as above it, the rest above the next row. False (nothing moved) when the lines do not add up so."""
    carry: list[str] = [text for text, _ in rows[0].before] if rows else []
    plan: list[tuple[list[str], list[str]]] = []
    for index, row in enumerate(rows):
        above = carry
        if index == len(rows) - 1:
            below, carry = list(row.after), []
        else:
            below, carry = row.after[:len(above)], row.after[len(above):]
        if len(below) != len(above):
            return False
        plan.append((above, below))
    for row, (above, below) in zip(rows, plan, strict=True):
        row.above, row.after = above, below
    return True
