"""Catalogues pasted from a published bulletin's appendices: section headings, rows and Total lines.

The text is what a reader gets by copying the appendix tables out of a bulletin (its PDF or web page):

    ## Relationship with Russia
    Date            Event                                         Score
    3 November      Connection of the first unit of the nuclear   +2
                    power plant to the national grid
    Total                                                         +14

Sections map to tracks by the headings `barometer.toml` gives them (section, label, aliases, with or
without '#', in any case; a label or alias of one or two words only where no event's text is open, or
above a column header); cells are separated by tabs or by runs of two or more spaces; an event's text
may wrap onto following lines (a line with no date and no score continues the row above it); page
headers and footers, page numbers, footnote marks and repeated "Date Event Score" rows between pages are
skipped; a date wrapped in a narrow column ("November-" / "December") is joined again. When a whole
bulletin is pasted, its body before "Appendix 1" and an appendix that is no catalogue (the colour scale)
are passed over with a warning each.

A bulletin this tool made reads back too, through `pdftotext` with or without `-layout`: its tables
centre a row's date and scores on its text (`-layout` puts a long text's first lines above the date line:
`centre` gives them back to their row), and without `-layout` each cell is a paragraph of its own
(`pasted_cells`); its Total rows print the catalogue's sums, with the figure as first published in a note
('As published: +18; the catalogue sums to +17'), which is the figure recorded.

Each section becomes a `RowTable` for `catalogue.validate_table`, which checks dates and scores (a
missing score is its `score-empty`, a word for a score its `score-not-integer`); the Total rows become
`printed`. Every line the reader cannot place is a located `Problem`; no input makes it raise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from barometer.dates import MONTHS, DateError, parse_event_date
from barometer.errors import Code, Problem, UsageError, clip
from barometer.figures import signed
from barometer.io.boundary import exists
from barometer.io.encoding import read_text_file
from barometer.io.pasted_cells import Cell, assemble
from barometer.io.pasted_headings import APPENDIX_PREFIX, NUMBERING, Headings, normal
from barometer.io.pasted_rows import OpenRow, centre, joined
from barometer.io.pasted_totals import (
    FIGURES,
    FOOTNOTE,
    LABELLED,
    LABELLED_LINE,
    LABELS,
    MARKS,
    MARKS_ONLY,
    TOTAL_WORD,
    is_total,
    parse_number,
    total_expected,
    total_figures,
)
from barometer.io.table import RowTable, SourceRow
from barometer.models import COLUMNS, SCORE_FIELDS, Period, Track, WorkspaceConfig


@dataclass
class PastedBulletin:
    """What a pasted appendix text holds, by track id.

    `tables` are the rows as read (validate each with `catalogue.validate_table`); `printed` the figures
    of the Total rows; `problems` everything the reader itself could not place (the tables' own
    `problems` stay empty, so validating them never reports a problem twice; warnings have severity
    "warning"); `levels` the band name printed beside the regional tension total ("-8 (Yellow)").
    """

    tables: dict[str, RowTable] = field(default_factory=dict)
    printed: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    levels: dict[str, str] = field(default_factory=dict)


def read_bulletin_text(path: Path, config: WorkspaceConfig, period: Period, file: str | None = None,
                       convert_cp1251: bool = False) -> PastedBulletin:
    """Read a pasted appendix file: UTF-8 with or without BOM; Windows-1251 is named, not guessed."""
    shown = file if file is not None else str(path)
    if not exists(path):
        raise UsageError(f"cannot read {shown}: no such file")
    text, problems = read_text_file(path, shown, convert_cp1251, what="pasted bulletin text")
    if problems:
        expected = "UTF-8 text: save the pasted text as UTF-8"
        return PastedBulletin(problems=[replace(p, expected=expected) if p.code == Code.FILE_NOT_UTF8 else p
                                        for p in problems])
    return parse_bulletin_text(text, config, period, shown)


def parse_bulletin_text(text: str, config: WorkspaceConfig, period: Period, file: str = "<text>") -> PastedBulletin:
    """The tables, printed totals and problems of pasted appendix text."""
    return _Reader(config, period, file).read(text)


# --- what a line can be ----------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u202f\u2009\u2002\u2003\u200a"})
_MARKUP = re.compile(r"</?(?:b|strong|i|em|u|span|font|br|p|td|th|tr)\b[^<>]{0,200}>|\*\*|__", re.IGNORECASE)
_BOLD_LINE = re.compile(r"^(?:\*\*|__|<b>|<strong>)(.+?)(?:\*\*|__|</b>|</strong>)$", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}(?=\s|$)")
_RULE_CHARACTERS = set("|:-+= \t")
_CELL_GAP = re.compile(r"\t|\s{2,}")
_SCORE = re.compile(r"^[+\-\u2212\u2013]?\d{1,3}$")
_SIGNED_SCORE = r"(?:[+\-\u2212\u2013]\d{1,2}|0)"
_ISSUE_LINE = re.compile(r"^(?:№|No\.?|N°|Nr\.?)\s*\d{1,4}(?:\s*[(,/][^\t]{0,60})?$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:(?:page\s+)?\d{1,3}|[-\u2013]\s*\d{1,3}\s*[-\u2013])$", re.IGNORECASE)
_TITLE_END = ":|-\u2013\u2014\u00b7"
_HEADER_WORDS = {"date", "event", "events", "score", "scores", "national", "security", "regional", "tension",
                 "source", "description", "index", "points"}
_MONTH_WORDS = {m.lower() for m in MONTHS} | {m[:3].lower() for m in MONTHS} | {"sept"}
_DATE_WORD = re.compile(r"(?:early|mid|middle|late|end|of|\d{1,4}(?:st|nd|rd|th)?|[a-z]+)", re.IGNORECASE)
_DAY_AND_WORD = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?(?:\s*[-\u2013\u2014]\s*\d{1,2}(?:st|nd|rd|th)?)?\s+"
                           r"[^\W\d_]{3,}\.?(?:,?\s+\d{4})?$")
_HEADER_TAIL = {"national", "security", "regional", "tension", "score", "scores", "index", "event", "description"}
_LEVEL_ONLY = re.compile(r"^\(([^()\d]{1,40})\)$")
_APPENDIX_HEADING = re.compile(r"^(?:appendix|annex) \d+$")
_DATE_START = re.compile(r"^(?:\d{1,2}\s*[-\u2013]\s*\d{1,2}|early|mid|late|mid-|end of|middle of)$", re.IGNORECASE)
_CONTENTS_ENTRY = re.compile(r"(?:\.\s*){3,}|\s\d{1,3}$")  # a table of contents' line: dot leaders, a page number
_SCORE_AND_LEVEL = re.compile(rf"^{_SIGNED_SCORE}\s+[^\W\d_]{{3,20}}$")  # '−8 Yellow': a Total's figure and its level


def _heading_text(text: str) -> str:
    """A Markdown heading's text without its optional closing '#'s."""
    text = text.strip()
    bare = text.rstrip("#")
    return bare.strip() if bare != text and (not bare or bare[-1].isspace()) else text


def _is_score(cell: str) -> bool:
    return bool(_SCORE.match(cell))


class Mode(Enum):
    """Where the reader is in the text."""

    PREAMBLE = "before the first heading"
    SECTION = "in a track's section"
    APPENDIX = "after an 'Appendix N' heading: its title may follow"
    OUTSIDE = "under an appendix or catalogue title, between sections"
    SKIP = "in a section that is not read (an unknown heading, a repeated section)"
    QUIET = "in an appendix that is no catalogue (said once; not read)"


class Last(Enum):
    """What the line before was, where the next line depends on it."""

    OTHER = "anything else"
    HEADER = "a column header row (its words may wrap onto the next line)"
    TOTAL = "a Total row (its level may wrap onto the next line)"


class Kind(Enum):
    """What a line is, told from the line and the reader's state before it is acted on."""

    HEADER_TAIL = "the rest of a column header wrapped onto a second line"
    HEADER_HEAD = "the first words of a column header wrapped over lines ('National Regional' / 'Date Event')"
    FOOTNOTE = "a note giving a figure as first printed ('As published: +18; the catalogue sums to +17')"
    CELL = "a paragraph of a section in text that gives one cell per paragraph (pdftotext without -layout)"
    LEVEL = "a Total row's level, wrapped onto a line of its own"
    HEADING = "a heading: a track's section, an appendix title, or an unknown one"
    COLUMN_HEADER = "a 'Date Event Score' row"
    STRAY = "text outside any section"
    TOTAL = "a Total row"
    FIGURE = "a labelled figure ('Aggregate index: +14')"
    ROW = "an event row, or the continuation of one"


@dataclass(frozen=True)
class _Line:
    """One non-empty line, cleaned: its text without markup, its cells, how it was marked and indented."""

    number: int
    raw: str
    clean: str
    cells: list[str]
    marked: bool  # a Markdown heading ('## ...')
    bold: bool  # a line wholly in bold

    @property
    def indent(self) -> int:
        leading = self.raw[: len(self.raw) - len(self.raw.lstrip())]
        return len(leading.translate(_SPACES).expandtabs(8))

    @property
    def leading_tab(self) -> bool:
        return "\t" in self.raw[: len(self.raw) - len(self.raw.lstrip())]


class _Reader:
    """Reads the lines in one pass: each line is classified (`classify`) from the reader's state — the mode,
    the section's track, its open row, what the last line was — then acted on by its kind."""

    def __init__(self, config: WorkspaceConfig, period: Period, file: str) -> None:
        self.config, self.period, self.file = config, period, file
        self.result = PastedBulletin()
        self.mode = Mode.PREAMBLE
        self.track: Track | None = None
        self.open: OpenRow | None = None
        self.last = Last.OTHER
        self.reported_stray: str | bool = False  # text outside a section: said once per run ("text"; "rows")
        self.rows: list[OpenRow] = []  # every row read, finished when the text ends
        self.run: tuple[int, int] | None = None  # (index in problems, lines) of a run of unrecognised lines
        self.previous_run: tuple[int, int] | None = None
        self.headings: dict[str, int] = {}  # track id -> line of its heading
        self.latest: str | None = None  # the track of the latest section (its heading may repeat on a new page)
        self.titles: set[str] = set()  # appendix titles read (one seen again inside a section is a running head)
        self.title: tuple[str, int] | None = None  # an appendix title whose last words may follow on the next line
        self.totals: dict[str, int] = {}  # track id -> line of its Total row
        self.body_lines: dict[tuple[str, str], int] = {}  # (track id, figure) -> line the body prints it on
        self.lines: list[str] = []
        self.cell_text = False  # one table cell per paragraph (pdftotext without -layout): read by `pasted_cells`
        self.section_cells: dict[str, list[Cell]] = {}  # track id -> its cells, in reading order
        self.blank = False  # an empty line came before this one
        self.joined = False  # this line continues the paragraph of the line before
        self.above_lines: list[tuple[str, int]] = []  # text lines of a section before any row: above its first date
        self.bare_rows: list[OpenRow] = []  # rows whose date line holds no text
        self.centred = False  # a row's text was found above its date line: rows are centred on their text
        self.header: set[str] | None = None  # the words of the column header being read
        self.header_at: tuple[int, str] | None = None  # its 'Date Event' line and text
        self.footnotes: dict[str, list[tuple[int, int, int]]] = {}  # track id -> (printed, catalogue sum, line)
        self.names = Headings(config)
        self.expected_headings = self.names.expected

    # --- places -----------------------------------------------------------------------------------

    def problem(self, code: str, message: str, line: int, value: str | None = None, expected: str | None = None,
                column: str | None = None, severity: str = "error") -> None:
        table = self.result.tables.get(self.track.id) if self.track else None
        header = table.header_of(column) if table is not None and column else None
        self.result.problems.append(Problem(
            code, message, file=self.file, line=line, field=column, header=header,
            value=None if value is None else clip(value, 80), expected=expected, severity=severity,
        ))

    # --- the pass ---------------------------------------------------------------------------------

    def read(self, text: str) -> PastedBulletin:
        lines = self.lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
        first = self.body_before_appendices(lines)
        self.body_figures(lines[:first])
        self.cell_text = self.gives_cells(lines[first:])
        for number, raw in enumerate(lines[first:], start=first + 1):
            self.line(raw, number)
        self.check_header()
        self.unplaced_lines()
        for track_id, cells in self.section_cells.items():
            self.assemble(track_id, cells)
        centred = self.centred or any(row.after for row in self.bare_rows)
        for track in self.config.tracks:
            rows = [row for row in self.rows if row.track == track.id]
            if not (centred and centre(rows)) and rows and rows[0].before:
                self.report_lines(rows[0].before)
        for row in self.rows:
            row.finish()
        self.apply_footnotes()
        self.result.problems.sort(key=lambda problem: problem.line or 0)
        return self.result

    def gives_cells(self, lines: list[str]) -> bool:
        """Whether the text gives one table cell per paragraph: dates on lines of their own far outnumber rows."""
        alone = rows = 0
        for raw in lines:
            clean = _MARKUP.sub("", raw.translate(_SPACES)).strip()
            if not clean or len(clean) > 40:
                rows += self.is_row_like(clean) if clean else 0
                continue
            if len(self.cells(clean)) == 1 and self.is_date_like(clean):
                alone += 1
            elif self.is_row_like(clean):
                rows += 1
        return alone >= 3 and alone > 2 * rows

    def on_cell(self, line: _Line) -> None:
        """A paragraph line of a section in cell-per-paragraph text, kept in order until the text ends."""
        assert self.track is not None
        clean = line.clean
        bare = re.sub(rf"[{MARKS}]", "", clean).strip()  # '−16‡': a figure with its note's mark
        if is_total([clean]):
            kind, clean = "total", TOTAL_WORD.sub("", clean)
        elif _is_score(bare):
            kind, clean = "score", bare
        elif _is_score(clean):
            kind = "score"
        elif self.is_date_like(clean):
            kind = "date"
        elif _SCORE_AND_LEVEL.match(clean) or (LABELLED.search(clean) and
                                                total_figures(clean, self.track.kind)[0] is not None):
            kind = "figures"
        else:
            kind = "text"
        self.section_cells.setdefault(self.track.id, []).append(Cell(kind, clean, line.number, self.joined))

    def assemble(self, track_id: str, cells: list[Cell]) -> None:
        """A section's rows and Total from its cells (`pasted_cells.assemble`), as the rows of any section."""
        track = self.config.track(track_id)
        assert track is not None
        fields = SCORE_FIELDS[track.kind]
        section = assemble(cells, len(fields))
        table = self.result.tables[track_id]
        for row in section.rows:
            values: dict[str, object] = {"date": row.date, "event": joined(row.texts)}
            values.update({name: row.scores[i] if i < len(row.scores) else "" for i, name in enumerate(fields)})
            table.rows.append(SourceRow(row.line, values))
        table.rows.sort(key=lambda source: source.line)
        for line, read, restored in section.hyphens:
            self.result.problems.append(Problem(
                Code.HYPHEN_RESTORED, f"a word joined at a line's end without its hyphen, as pdftotext writes text "
                f"without -layout; read as {restored!r}", file=self.file, line=line, value=read,
                expected="the text as printed: check it, or copy the text with pdftotext -layout (it keeps the "
                "hyphen)", severity="warning"))
        parts = sorted(section.figures + section.numbers, key=lambda cell: cell.line)
        if section.total_line is None:
            for cell in parts:
                self.problem(Code.LINE_UNRECOGNISED, "a number on its own where no row waits for a score", cell.line,
                             cell.text, "a row: date, event, " + ", ".join(fields))
            return
        saved, self.track = self.track, track
        self.on_total(["Total", section.total_text, *(cell.text for cell in parts)], section.total_line)
        self.track = saved

    def report_lines(self, lines: list[tuple[str, int]]) -> None:
        """Lines that are no row, the first reported and the rest counted."""
        text, number = lines[0]
        more = f" (and the {len(lines) - 1} line{'s' if len(lines) > 2 else ''} after it)" if len(lines) > 1 else ""
        self.problem(Code.LINE_UNRECOGNISED, f"a line that is neither a row nor the continuation of one{more}",
                     number, text, "a row: date, event, " + ", ".join(SCORE_FIELDS[self.track_of(number)]))

    def unplaced_lines(self) -> None:
        """Text lines of a section that no row followed: reported, as any line that is no row."""
        if self.above_lines:
            lines, self.above_lines = self.above_lines, []
            self.report_lines(lines)

    def track_of(self, number: int) -> str:
        """The kind of track whose section holds line `number` (the latest heading above it)."""
        above = [(line, track) for track, line in self.headings.items() if line <= number]
        track = self.config.track(max(above)[1]) if above else None
        return track.kind if track is not None else "relations"

    def body_before_appendices(self, lines: list[str]) -> int:
        """Where to start: at 'Appendix 1' when a whole bulletin was pasted (its body holds no rows)."""
        for index, raw in enumerate(lines):
            text = _MARKUP.sub("", _heading_text(raw.strip().lstrip("#"))).strip()
            name = normal(text)
            titled = APPENDIX_PREFIX.match(name) and len(text) <= 120 and not _CONTENTS_ENTRY.search(text)
            if not (_APPENDIX_HEADING.match(name) and len(text) <= 40 or titled):
                continue
            before = [line for line in lines[:index] if line.strip() and not self.is_page_furniture(
                _MARKUP.sub("", _heading_text(line.strip().lstrip("#"))).strip())]
            if not before or any(self.is_row_like(line) for line in before):
                return 0
            self.result.problems.append(Problem(
                Code.TEXT_BEFORE_APPENDICES, f"lines 1-{index} come before {text!r}: the body of a bulletin, "
                "whose events are not read (only the figures printed under each relationship's heading are)",
                file=self.file, line=1, value=clip(before[0].strip(), 80),
                expected="the appendices only", severity="warning"))
            return index
        return 0

    def body_figures(self, lines: list[str]) -> None:
        """The figures a bulletin's body prints under a relationship's heading ('Aggregate index: +14',
        'Positive points: +18'): printed figures like the Total rows, which the audit checks too."""
        track: Track | None = None
        for number, raw in enumerate(lines, start=1):
            stripped = raw.translate(_SPACES).strip()
            heading = _MARKDOWN_HEADING.match(stripped)
            clean = _MARKUP.sub("", _heading_text(stripped[heading.end():]) if heading else stripped).strip()
            if heading:
                found = self.names.track(clean, plain=False)
                if isinstance(found, Track):
                    track = found if found.kind == "relations" else None
                elif heading.group(0) == "#":
                    track = None  # a new part of the bulletin
                continue
            labelled = LABELLED_LINE.match(clean) if track is not None else None
            if labelled is None or track is None:
                continue
            figure = LABELS[" ".join(labelled[1].lower().split())]
            if self.record_figure(track, figure, parse_number(labelled[2]), number, clean):
                self.body_lines[(track.id, figure)] = number

    def record_figure(self, track: Track, figure: str, value: int, number: int, shown: str, column: str | None = None,
                      total: bool = False) -> bool:
        """A printed figure of a section, once: a second value is a conflict. A Total row's figure is kept over
        the body's, with a warning; elsewhere the first is kept and the second is an error."""
        printed = self.result.printed.setdefault(track.id, {})
        if printed.get(figure, value) != value:
            name = figure.replace("_", " ")
            if total:
                self.problem(Code.FIGURE_CONFLICT, f"the Total row's {name} differs from the one the body prints at "
                             f"line {self.body_lines.get((track.id, figure))}; the Total row's is kept", number, shown,
                             signed(printed[figure]), column, severity="warning")
            else:
                self.problem(Code.FIGURE_CONFLICT, f"the {name} printed here differs from the one printed before",
                             number, shown, signed(printed[figure]))
                return False
        printed[figure] = value
        return True

    def is_row_like(self, raw: str) -> bool:
        cells = self.cells(_MARKUP.sub("", raw.translate(_SPACES)).strip())
        return len(cells) >= 2 and _is_score(cells[-1]) and self.is_date_like(cells[0])

    @classmethod
    def parse_line(cls, raw: str, number: int) -> _Line | None:
        """The line cleaned and split into cells; None for an empty line, a drawn rule or a table's rule."""
        stripped = raw.translate(_SPACES).strip()
        if not stripped or ("---" in stripped and set(stripped) <= _RULE_CHARACTERS):
            return None
        heading = _MARKDOWN_HEADING.match(stripped)
        body = _heading_text(stripped[heading.end():]) if heading else stripped
        clean = _MARKUP.sub("", body).strip()
        cells = cls.cells(clean)
        if not cells:
            return None
        return _Line(number, raw, clean, cells, heading is not None, _BOLD_LINE.match(body) is not None)

    def classify(self, line: _Line) -> Kind:
        """What the line is, given the state; the order of the tests is the order of precedence."""
        clean, cells = line.clean, line.cells
        if self.last is Last.HEADER and set(normal(clean).split()) <= _HEADER_TAIL:
            return Kind.HEADER_TAIL  # a column header wrapped onto two lines ("National / security")
        if self.last is Last.TOTAL and _LEVEL_ONLY.match(clean):
            return Kind.LEVEL  # "-8" and "(Yellow)" wrapped apart
        if FOOTNOTE.match(clean):
            return Kind.FOOTNOTE
        words = normal(clean).split()
        if self.mode is Mode.SECTION and self.open is None and words and set(words) <= _HEADER_WORDS \
                and clean[:1].isupper() and not self.is_column_header(cells):
            return Kind.HEADER_HEAD
        if line.marked:
            return Kind.HEADING
        if len(cells) == 1 and (self.names.track(clean, plain=True, short=self.short_heading_here(line)) is not None
                                or self.names.looks_like_heading(clean)
                                or (line.bold and not is_total([clean]) and not self.open_needs_scores)):
            return Kind.HEADING
        if self.is_column_header(cells):
            return Kind.COLUMN_HEADER
        if self.mode is not Mode.SECTION or self.track is None:
            return Kind.STRAY
        if self.cell_text:
            return Kind.CELL
        if is_total(cells):
            return Kind.TOTAL
        if LABELLED_LINE.match(clean):
            return Kind.FIGURE
        return Kind.ROW

    def short_heading_here(self, line: _Line) -> bool:
        """Whether a plain line may be a heading by a short label or alias ('Security Barometer', 'EU'): outside an
        event's text (no row open, or its section's Total read), or when a column header follows it. A wrapped
        event text whose last line is 'Russia' stays text."""
        if self.mode in (Mode.PREAMBLE, Mode.APPENDIX, Mode.OUTSIDE):
            return True
        if self.mode is Mode.SECTION and (self.open is None or (self.track and self.track.id in self.totals)):
            return True
        if self.open is not None and (line.indent > self.open.indent + 1 or line.leading_tab):
            return False  # indented under the open row: the last words of its text
        following = self.next_line(line.number)
        return following is not None and self.is_column_header(following.cells)

    def next_line(self, number: int) -> _Line | None:
        """The next line that is neither empty nor page furniture, after line `number`."""
        for index in range(number, min(len(self.lines), number + 12)):
            found = self.parse_line(self.lines[index], index + 1)
            if found is not None and not self.is_page_furniture(found.clean):
                return found
        return None

    def line(self, raw: str, number: int) -> None:
        line = self.parse_line(raw, number)
        if line is None:
            self.blank = True
            return
        if self.is_page_furniture(line.clean):
            return
        self.joined, self.blank = not self.blank, False
        if self.title is not None and self.joins_title(line):
            return
        kind = self.classify(line)
        last, self.last = self.last, Last.OTHER
        self.previous_run, self.run = self.run, None
        clean = line.clean
        if kind not in (Kind.HEADER_TAIL, Kind.HEADER_HEAD, Kind.COLUMN_HEADER):
            self.check_header()
        match kind:
            case Kind.HEADER_TAIL:
                self.last = Last.HEADER
                self.header_piece(clean)
            case Kind.HEADER_HEAD:
                self.last = Last.HEADER
                self.header_piece(clean)
            case Kind.CELL:
                self.on_cell(line)
            case Kind.FOOTNOTE:
                self.on_footnote(FOOTNOTE.match(clean), number)  # type: ignore[arg-type]
            case Kind.LEVEL:
                assert self.track is not None and last is Last.TOTAL
                self.result.levels[self.track.id] = _LEVEL_ONLY.match(clean)[1].strip()  # type: ignore[index]
            case Kind.HEADING:
                self.on_heading(clean, number, plain=not line.marked)
            case Kind.COLUMN_HEADER:
                self.on_column_header(line.cells, number)
            case Kind.STRAY:
                self.stray(clean, number)
            case Kind.TOTAL:
                self.on_total(line.cells, number)
            case Kind.FIGURE:
                self.on_figure_line(LABELLED_LINE.match(clean), clean, number)  # type: ignore[arg-type]
            case Kind.ROW:
                self.on_row(line.cells, clean, number, line.indent, line.leading_tab)

    @staticmethod
    def cells(clean: str) -> list[str]:
        """Cells of a line: split at tabs and at runs of 2+ spaces (Markdown table pipes too)."""
        parts = clean.strip("|").split("|") if clean.startswith("|") else _CELL_GAP.split(clean)
        return [" ".join(p.split()) for p in parts if p.strip()]

    def is_page_furniture(self, clean: str) -> bool:
        """Page headers ('MINSK BAROMETER: …', 'MINSK BAROMETER · No. 18', '№ 18 (…)'), the publisher's name in a
        page footer (with its page number), page numbers, and lines of footnote marks alone ('†  ‡')."""
        if _ISSUE_LINE.match(clean) or (_PAGE_NUMBER.match(clean) and not self.open_needs_scores and clean != "0"):
            return True
        if MARKS_ONLY.match(clean):
            return True
        folded, title = clean.casefold(), self.config.title.casefold()
        publisher = self.config.publisher.casefold()
        if publisher and folded.startswith(publisher) and re.fullmatch(r"[\s\d]*", folded[len(publisher):]):
            return True
        subtitle = self.config.subtitle.casefold()
        if title and folded.startswith(title):
            rest = folded[len(title):].strip()
            return (not rest or rest[0] in _TITLE_END or bool(subtitle) and rest.startswith(subtitle)
                    or bool(_ISSUE_LINE.match(rest)))
        return bool(subtitle) and folded == subtitle

    @property
    def open_needs_scores(self) -> bool:
        return self.open is not None and self.open.missing_scores > 0

    # --- headings ---------------------------------------------------------------------------------

    def on_heading(self, clean: str, number: int, plain: bool) -> None:
        found = self.names.track(clean, plain=plain, short=True)
        if isinstance(found, Track):
            if found.id in self.headings:
                if found.id == self.latest and found.id not in self.totals:
                    self.resume(found)  # the heading repeated on the next page ('… (continued)', a running head)
                    return
                self.leave()
                self.problem(Code.SECTION_REPEATED, f"the section {found.heading!r} appears a second time; "
                             "its rows here are not read", number, clean,
                             f"each section once (it starts at line {self.headings[found.id]})")
                self.mode = Mode.SKIP
                return
            self.leave()
            self.track, self.mode, self.latest = found, Mode.SECTION, found.id
            self.headings[found.id] = number
            self.result.tables[found.id] = RowTable(
                file=self.file, columns=list(COLUMNS[found.kind]), header_line=number,
                original_headers=[c.replace("_", " ").capitalize() for c in COLUMNS[found.kind]], numbered=False,
            )
            return
        if found == "appendix":
            self.leave()
            seen = normal(clean) in self.titles
            self.titles.add(normal(clean))
            self.skip_appendix(clean, number, title=not seen)  # its title repeated at the top of a page: said once
            return
        if found == "structural" and normal(clean) in self.titles and self.mode is Mode.SECTION:
            return  # an appendix's title repeated at the top of each page, inside its catalogue
        after_appendix = self.mode is Mode.APPENDIX
        self.leave()
        if found == "structural":
            self.titles.add(normal(clean))
            numbered = _APPENDIX_HEADING.match(NUMBERING.sub("", normal(clean)))
            self.mode = Mode.APPENDIX if numbered else Mode.OUTSIDE
            self.title = None if numbered else (clean, number)  # its last words may wrap onto the next line
            return
        if after_appendix or (self.mode is Mode.QUIET and not self.names.looks_like_heading(clean)):
            self.skip_appendix(clean, number, after_appendix)
            return
        self.problem(Code.HEADING_UNKNOWN, "a heading that names no track of barometer.toml; the lines under it "
                     "are not read", number, clean, f"a section heading: {self.expected_headings}")
        self.mode = Mode.SKIP

    def leave(self) -> None:
        self.check_header()
        self.unplaced_lines()
        self.track, self.open, self.reported_stray = None, None, False

    def resume(self, track: Track) -> None:
        """Back into the latest section after a page break: its rows go on."""
        if self.track is None or self.track.id != track.id:
            self.track, self.open = track, None
        self.mode = Mode.SECTION

    def joins_title(self, line: _Line) -> bool:
        """The last words of an appendix title wrapped onto their own line ('… underlying the relations' /
        'development indices'): joined to the title, which is read again (it may name a track)."""
        if self.title is None:
            return False
        title, number = self.title
        self.title = None
        words = line.clean.split()
        if not line.clean[:1].islower() or len(words) > 6 or any(c.isdigit() for c in line.clean) \
                or len(line.cells) > 1:
            return False
        self.on_heading(f"{title} {line.clean}", number, plain=True)
        return True

    def skip_appendix(self, clean: str, number: int, title: bool) -> None:
        """An appendix that is not a catalogue (a colour scale, the authors): not read, said once."""
        if title:
            self.result.problems.append(Problem(
                Code.APPENDIX_NOT_READ, "an appendix that is no catalogue of barometer.toml; it is not read",
                file=self.file, line=number, value=clip(clean, 80), expected=f"a catalogue: {self.expected_headings}",
                severity="warning"))
        self.mode = Mode.QUIET

    def stray(self, clean: str, number: int) -> None:
        """A line outside any section: reported once per run of such lines."""
        if self.mode is Mode.APPENDIX and len(self.cells(clean)) == 1:
            self.skip_appendix(clean, number, title=True)
            return
        if self.mode is Mode.QUIET and not self.reported_stray and self.is_row_like(clean):
            self.reported_stray = True
            self.problem(Code.ROWS_NOT_READ, "rows under an appendix title that names no track are not read", number,
                         clean, f"a section heading ({self.expected_headings}) or the title among a track's "
                         "aliases in barometer.toml")
            return
        if self.mode in (Mode.SKIP, Mode.QUIET):
            return
        rows = self.is_row_like(clean)
        if self.reported_stray == "rows" or (self.reported_stray and not rows):
            return
        self.reported_stray = "rows" if rows else "text"
        what, severity = ("rows", "error") if rows else ("text", "warning")
        if self.mode is Mode.PREAMBLE:
            self.problem(Code.TEXT_BEFORE_HEADING, f"{what} before the first section heading {'are' if rows else 'is'} "
                         "not read", number, clean, f"a section heading first: {self.expected_headings}",
                         severity=severity)
        else:
            self.problem(Code.TEXT_OUTSIDE_SECTION, f"{what} outside any section {'are' if rows else 'is'} not read",
                         number, clean, f"a section heading before the rows: {self.expected_headings}",
                         severity=severity)

    # --- header, total and figure rows -------------------------------------------------------------

    @staticmethod
    def is_column_header(cells: list[str]) -> bool:
        words = normal(" ".join(cells)).split()
        return bool(words) and words[0] == "date" and "event" in words[:3] and set(words) <= _HEADER_WORDS

    def on_column_header(self, cells: list[str], number: int) -> None:
        if self.mode is not Mode.SECTION or self.track is None:
            return
        self.last = Last.HEADER
        self.header = (self.header or set()) | set(normal(" ".join(cells)).split())
        self.header_at = (number, "\t".join(cells))

    def header_piece(self, clean: str) -> None:
        """Words of a column header wrapped over lines ('National Regional' / 'Date Event' / 'security tension')."""
        self.header = (self.header or set()) | set(normal(clean).split())

    def check_header(self) -> None:
        """Once a column header ends, its columns must fit the section's kind; a security header under a
        relationship's section most likely follows a heading that was missed."""
        words, at, track = self.header, self.header_at, self.track
        self.header, self.header_at = None, None
        if words is None or at is None or track is None:
            return
        if ({"national", "regional"} <= words) == (track.kind == "security"):
            return
        other = next((t for t in self.config.tracks if t.kind != track.kind), None)
        hint = (f"; is the heading of {other.label!r} ({other.heading}) missing above it, or written in words "
                f"barometer.toml does not give?" if other is not None else "")
        self.problem(Code.HEADER_MISMATCH, f"the columns do not fit the {track.kind} section {track.heading!r}"
                     f"{hint}", at[0], at[1], "Date, Event, " + ", ".join(
                         f.replace("_", " ").capitalize() for f in SCORE_FIELDS[track.kind]))

    def on_footnote(self, match: re.Match[str], number: int) -> None:
        """'As published: +18; the catalogue sums to +17': this tool's bulletin prints the catalogue's sum in a
        Total row and the figure first printed in a note; the printed figure is the one recorded."""
        track = self.latest
        if track is not None:
            self.footnotes.setdefault(track, []).append((parse_number(match[1]), parse_number(match[2]), number))

    def apply_footnotes(self) -> None:
        for track_id, notes in self.footnotes.items():
            printed = self.result.printed.get(track_id, {})
            corrected: set[str] = set()
            for value, sums, _ in notes:
                figure = next((f for f, v in printed.items() if v == sums and f not in corrected), None)
                if figure is not None:
                    printed[figure] = value
                    corrected.add(figure)

    def on_total(self, cells: list[str], number: int) -> None:
        track = self.track
        assert track is not None
        self.unplaced_lines()
        self.open, self.last = None, Last.TOTAL
        rest = " ".join(cells[1:]) if normal(cells[0]) == "total" else TOTAL_WORD.sub("", cells[0])
        fields = SCORE_FIELDS[track.kind]
        figures, level = total_figures(rest, track.kind)
        column = fields[-1] if track.kind == "security" else "score"
        if figures is None:
            self.problem(Code.TOTAL_NOT_A_NUMBER, "the Total row does not give its figures as numbers", number, rest,
                         total_expected(track.kind), column)
            return
        if track.id in self.totals:
            self.problem(Code.TOTAL_REPEATED, "a second Total row in this section", number, rest,
                         f"one Total row (the first is at line {self.totals[track.id]})", column)
            return
        self.totals[track.id] = number
        for figure, value in figures.items():
            self.record_figure(track, figure, value, number, rest, column, total=True)
        if level:
            self.result.levels[track.id] = level

    def on_figure_line(self, match: re.Match[str], clean: str, number: int) -> None:
        """'Aggregate index: +14' in a section: a printed figure beside the Total row."""
        track = self.track
        assert track is not None
        figure = LABELS[" ".join(match[1].lower().split())]
        if figure not in FIGURES[track.kind]:
            self.problem(Code.FIGURE_UNKNOWN, f"a {track.kind} section prints no {figure.replace('_', ' ')} figure",
                         number, clean, total_expected(track.kind))
            return
        if not self.record_figure(track, figure, parse_number(match[2]), number, clean):
            return
        if match[3]:
            self.result.levels.setdefault(track.id, match[3].strip())
        self.open = None

    # --- event rows -------------------------------------------------------------------------------

    def on_row(self, cells: list[str], clean: str, number: int, indent: int, leading_tab: bool) -> None:
        """A row, or a line continuing the open row (its event text, its scores, a wrapped date)."""
        track = self.track
        assert track is not None
        fields = SCORE_FIELDS[track.kind]
        if len(cells) == 1:
            cells = self.split_single_spaced(clean, len(fields))
        open_row = self.open
        no_date = leading_tab or (open_row is not None and indent >= open_row.indent + 4)
        if not no_date and open_row is not None and self.completes_date(str(open_row.row.cells["date"]), cells[0]):
            open_row.extend_date(cells[0])  # 'November-' / 'December' in a narrow date column
            cells, no_date = cells[1:], True
            if not cells:
                return
        trailing = 0
        while trailing < len(cells) and _is_score(cells[len(cells) - 1 - trailing]):
            trailing += 1
        if not no_date and trailing and not self.open_needs_scores and len(cells) > trailing \
                and not self.is_date_like(cells[0]) and (glued := self.date_prefix(cells[0])):
            cells = [*glued, *cells[1:]]  # '3 November Talks<TAB>+1': a separator lost in the copy
        if not no_date and self.is_date_like(cells[0]) and (len(cells) > 1 or not self.open_needs_scores):
            self.start_row(cells[0], cells[1:], number, fields, indent)
            return
        if trailing and self.open_needs_scores:
            assert open_row is not None
            take = min(trailing, open_row.missing_scores)
            if trailing > take:
                self.problem(Code.CELL_EXTRA, f"more scores than the row at line {open_row.row.line} has room for",
                             number, " ".join(cells[len(cells) - trailing:]),
                             "date, event, " + ", ".join(fields), fields[-1])
            open_row.add(" ".join(cells[: len(cells) - take]), cells[len(cells) - take:])
            return
        if trailing:
            if trailing == len(cells):
                self.unrecognised("a number on its own where no row waits for a score", number, clean)
                return
            if len(cells) >= len(fields) + 2 and not no_date:
                self.start_row(cells[0], cells[1:], number, fields, indent)
            else:
                self.start_row("", cells, number, fields, indent)
            return
        if open_row is not None:
            open_row.add(" ".join(cells), [])
            return
        if self.last is not Last.TOTAL and (self.track.id not in self.totals):
            self.above_lines.append((" ".join(cells), number))  # the first row's text above its date line
            return
        self.unrecognised("a line that is neither a row nor the continuation of one", number, clean)

    def unrecognised(self, message: str, number: int, clean: str) -> None:
        """One problem for a run of lines that fit no pattern (a pasted paragraph gives one, not twenty)."""
        assert self.track is not None
        if self.previous_run is not None:
            index, count = self.previous_run
            first = self.result.problems[index]
            self.result.problems[index] = replace(
                first, message=first.message.split(" (and ")[0] + f" (and the {count} line"
                f"{'s' if count > 1 else ''} after it)")
            self.run = (index, count + 1)
            return
        self.problem(Code.LINE_UNRECOGNISED, message, number, clean,
                     "a row: date, event, " + ", ".join(SCORE_FIELDS[self.track.kind]))
        self.run = (len(self.result.problems) - 1, 1)

    def completes_date(self, date: str, more: str) -> bool:
        """True when the open row's date is unfinished and this line's first cell finishes it."""
        if not date or len(more) > 20 or self.parses(date):
            return False
        return self.parses(date + more if date.endswith(("-", "\u2013")) else f"{date} {more}")

    def parses(self, text: str) -> bool:
        try:
            parse_event_date(text, self.period.start, self.period.end)
        except DateError:
            return False
        return True

    def start_row(self, date: str, rest: list[str], number: int, fields: tuple[str, ...], indent: int) -> None:
        """A new row: its date, then event text, then as many scores as the section has."""
        k = len(fields)
        assert self.track is not None
        if len(rest) > k:
            text_cells, scores = rest[:-k], rest[-k:]
        else:
            trailing = 0
            while trailing < min(k, len(rest)) and _is_score(rest[len(rest) - 1 - trailing]):
                trailing += 1
            text_cells, scores = rest[: len(rest) - trailing], rest[len(rest) - trailing:]
            if text_cells and not scores:  # 'Talks +1': the score glued to the text
                words = text_cells[-1].split(" ")
                while len(words) > 1 and len(scores) < k and re.fullmatch(_SIGNED_SCORE, words[-1]):
                    scores.insert(0, words.pop())
                text_cells[-1] = " ".join(words)
        extra = 0
        while extra < len(text_cells) - 1 and _is_score(text_cells[-1 - extra]):
            extra += 1
        if extra:
            self.problem(Code.CELL_EXTRA, f"the row has {k + extra} scores where a {self.track.kind} row has {k}",
                         number, " ".join(rest[-k - extra:]), "date, event, " + ", ".join(fields), fields[0])
        text = " ".join(text_cells)
        cells: dict[str, object] = {"date": date, "event": text}
        cells.update({name: "" for name in fields})
        row = SourceRow(number, cells)
        self.result.tables[self.track.id].rows.append(row)
        self.open = OpenRow(row, fields, indent, self.track.id, head=text)
        self.open.add("", list(scores))
        if self.above_lines:
            self.open.before, self.above_lines = self.above_lines, []
            self.centred = True
        elif not text:
            self.bare_rows.append(self.open)  # its text may lie above and below its date line
        self.rows.append(self.open)

    def date_prefix(self, cell: str) -> list[str] | None:
        """'3 November Talks in Minsk' → ['3 November', 'Talks in Minsk'] when the words up front are a date."""
        words = cell.split(" ")
        for size in range(min(4, len(words) - 1), 0, -1):
            if self.parses(" ".join(words[:size])):
                return [" ".join(words[:size]), " ".join(words[size:])]
        return None

    def split_single_spaced(self, clean: str, k: int) -> list[str]:
        """'3 November Talks in Minsk +1' (single spaces): the date up front, signed scores at the end."""
        words = clean.split(" ")
        scores: list[str] = []
        while len(words) > 1 and len(scores) < k and re.fullmatch(_SIGNED_SCORE, words[-1]):
            scores.insert(0, words.pop())
        for size in range(min(4, len(words) - 1), 0, -1):
            date = " ".join(words[:size])
            if scores and self.is_date_like(date):
                return [date, " ".join(words[size:]), *scores]
        if scores and self.open_needs_scores:
            return [" ".join(words), *scores]
        return [clean]

    def is_date_like(self, cell: str) -> bool:
        """A date cell, even a wrong one ('31 November', '3 Novembr'): its row is a new row."""
        if len(cell) > 40 or not cell[:1].isalnum():
            return False
        if self.parses(cell) or _DATE_START.match(cell) or _DAY_AND_WORD.match(cell):
            return True
        words = _DATE_WORD.findall(cell.lower())
        rebuilt = re.sub(r"[\s\-\u2013\u2014,./]+", "", cell.lower())
        return ("".join(words) == rebuilt and any(w in _MONTH_WORDS for w in words)
                and all(w in _MONTH_WORDS or w in {"early", "mid", "middle", "late", "end", "of"} or w[:1].isdigit()
                        for w in words))


