"""A section of pasted text that gives one table cell per paragraph, as `pdftotext` writes a bulletin's tables
without `-layout`: a date, then the event's text (a paragraph of one or more lines), then its score(s), row after
row — with the few cells it puts out of place put back.

`pdftotext` reads a table column by column where the columns' boxes overlap, so a section's first date, the
header's last word, the last row's score or the Total's figures may stand a few paragraphs away from their
row. `assemble` pairs what is left over: a date that begins no row goes to the row that has no date, a lone
score to the row that lacks one, and the numbers left after the rows are the Total's figures. It also puts back
a hyphen `pdftotext` drops where a word broke at a line's end ('Odessa-' / 'Brody' → 'OdessaBrody',
'anti-' / 'Belarusian' → 'antiBelarusian').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

CAMEL_JOIN = re.compile(r"(?<![\w-])([A-Z]?[a-z]{3,})([A-Z][a-z]{3,})(?![\w-])")  # 'OdessaBrody', 'antiBelarusian'


@dataclass(frozen=True)
class Cell:
    """One paragraph of a section: what it holds (`kind`: date, text, score, total, figures), its text, its line,
    and whether it continues the paragraph above it (no empty line between)."""

    kind: str
    text: str
    line: int
    joined: bool = False


@dataclass
class CellRow:
    """A row put together from its cells."""

    line: int
    date: str = ""
    texts: list[str] = field(default_factory=list)
    scores: list[str] = field(default_factory=list)

    @property
    def bare_date(self) -> bool:
        return bool(self.date) and not self.texts and not self.scores


@dataclass
class Section:
    """A section's rows, its Total's numbers (the word 'Total' at `total_line`, labelled `figures` and the
    `numbers` left over after the rows, in order), and the words where a hyphen was put back."""

    rows: list[CellRow] = field(default_factory=list)
    total_line: int | None = None
    total_text: str = ""
    figures: list[Cell] = field(default_factory=list)
    numbers: list[Cell] = field(default_factory=list)
    hyphens: list[tuple[int, str, str]] = field(default_factory=list)  # (line, as read, as restored)


def assemble(cells: list[Cell], scores_per_row: int) -> Section:
    """The rows of a section from its cells in reading order, out-of-place cells put back."""
    section = Section()
    current: CellRow | None = None
    loose: list[Cell] = []
    for cell in cells:
        if cell.kind == "date":
            current = CellRow(cell.line, date=cell.text)
            section.rows.append(current)
        elif cell.kind == "text":
            if current is not None and not current.scores and (cell.joined and current.texts or not current.texts):
                current.texts.append(cell.text)
            else:
                current = CellRow(cell.line, texts=[cell.text])
                section.rows.append(current)
        elif cell.kind == "score":
            if current is not None and current.texts and len(current.scores) < scores_per_row:
                current.scores.append(cell.text)
            else:
                loose.append(cell)
        elif cell.kind == "total":
            section.total_line, section.total_text = cell.line, cell.text
        elif cell.kind == "figures":
            section.figures.append(cell)
    _place_dates(section)
    for row in section.rows:
        while row.texts and len(row.scores) < scores_per_row and loose and loose[0].line > row.line:
            row.scores.append(loose.pop(0).text)
    section.numbers = loose
    for row in section.rows:
        _restore_hyphens(row, section)
    return section


def _place_dates(section: Section) -> None:
    """A date standing alone (no text, no score after it) belongs to a row that has none, when they pair off."""
    bare = [row for row in section.rows if row.bare_date]
    dateless = [row for row in section.rows if not row.date]
    if not bare or len(bare) != len(dateless):
        return
    for date_row, row in zip(bare, dateless, strict=True):
        row.date = date_row.date
        section.rows.remove(date_row)


def _restore_hyphens(row: CellRow, section: Section) -> None:
    for index, text in enumerate(row.texts):
        restored = CAMEL_JOIN.sub(r"\1-\2", text)
        if restored != text:
            word = CAMEL_JOIN.search(text)
            assert word is not None
            section.hyphens.append((row.line, word[0], f"{word[1]}-{word[2]}"))
            row.texts[index] = restored
