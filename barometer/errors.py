"""Problems found in input, each with its place and a code from one registry, and the exceptions that carry them."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]

FILES = "Files"
CSV = "CSV files"
WORKBOOKS = "Workbooks"
SETTINGS = "TOML settings (barometer.toml, issue.toml, the scale)"
CELLS = "Catalogue cells"
ISSUES = "Issues and the workspace"
AUDIT = "Printed figures"
PASTED = "Pasted bulletin text"
ENTRY = "Entry (import, add)"
BULLETIN = "The bulletin template"


class Code(StrEnum):
    """Every problem code the tool reports. One naming scheme: the thing, then what is wrong with it
    (`date-invalid`, `sheet-unknown`). Each member carries the area it belongs to and what it means."""

    area: str
    description: str

    def __new__(cls, value: str, area: str, description: str) -> Code:
        member = str.__new__(cls, value)
        member._value_ = value
        member.area = area
        member.description = description
        return member

    FILE_MISSING = "file-missing", FILES, "The file cannot be read: it does not exist or may not be read."
    FILE_TOO_LARGE = "file-too-large", FILES, "The file is larger than any catalogue; it is refused before it is read."
    FILE_NOT_UTF8 = "file-not-utf8", FILES, (
        "The file is not UTF-8 text; Windows-1251 and UTF-16 are recognised and named, never guessed.")
    FILE_OUTSIDE_WORKSPACE = "file-outside-workspace", FILES, (
        "A link to a file outside the workspace: every file the tool reads lies inside it.")
    FILE_NOT_REGULAR = "file-not-regular", FILES, (
        "A folder, a named pipe, a device or a socket where a file is expected; never skipped, never waited on.")
    OUTPUT_EXISTS = "output-exists", FILES, (
        "An output would replace a file the tool did not write, or one changed since (give another name, or --force).")
    FILE_UNKNOWN = "file-unknown", FILES, (
        "A file in an issue folder that belongs to no track: a CSV is an error (its events would count "
        "nowhere), anything else a warning.")

    CSV_SYNTAX = "csv-syntax", CSV, "The CSV cannot be read from this line on."
    CSV_UNBALANCED_QUOTE = "csv-unbalanced-quote", CSV, "A quoted cell opened on this line is never closed."
    CELL_EXTRA = "cell-extra", CSV, "A row has more cells (or scores) than its header has columns."
    CELL_TOO_LONG = "cell-too-long", CSV, "A cell longer than the CSV reader takes (131,072 characters)."
    HEADER_MISSING = "header-missing", CSV, "The file or sheet has no header row."
    COLUMN_MISSING = "column-missing", CSV, "A column the track needs is missing from the header."
    COLUMN_REPEATED = "column-repeated", CSV, "Two headers name the same column."

    XLSX_INVALID = "xlsx-invalid", WORKBOOKS, "Not a readable .xlsx workbook (truncated, damaged or another format)."
    XLSX_ENCRYPTED = "xlsx-encrypted", WORKBOOKS, "The workbook is protected with a password; save it without one."
    XLSX_TOO_LARGE = "xlsx-too-large", WORKBOOKS, (
        "The workbook, or what it would unpack to, is too large (a zip bomb is refused before it is opened).")
    XLSX_XML_ENTITIES = "xlsx-xml-entities", WORKBOOKS, "A part of the workbook declares a DOCTYPE or XML entities."
    SHEET_TOO_LARGE = "sheet-too-large", WORKBOOKS, "A sheet's cells reach further than any catalogue does."
    SHEET_UNKNOWN = "sheet-unknown", WORKBOOKS, (
        "A sheet that holds events (or is named almost like a track) but is named after no track of the workspace.")
    SHEET_NOT_READ = "sheet-not-read", WORKBOOKS, (
        "A sheet of the author's own (notes, a draft) that is no catalogue; it is not read.")
    SHEET_DUPLICATE = "sheet-duplicate", WORKBOOKS, "Two sheets name the same track."
    CELLS_MERGED = "cells-merged", WORKBOOKS, "Merged cells in a catalogue sheet."
    FORMULA_NOT_ALLOWED = "formula-not-allowed", WORKBOOKS, "A formula in a catalogue cell; it is never evaluated."
    TEMPLATE_OTHER_ISSUE = "template-other-issue", WORKBOOKS, (
        "The workbook is the template of another issue: refused (a warning with --force, which moves its events).")

    TOML_SYNTAX = "toml-syntax", SETTINGS, "The file is not valid TOML."
    TOML_KEY_UNKNOWN = "toml-key-unknown", SETTINGS, "A key the file may not hold (often a misspelt one)."
    TOML_KEY_MISSING = "toml-key-missing", SETTINGS, "A required key is missing."
    TOML_VALUE_INVALID = "toml-value-invalid", SETTINGS, "A value of the wrong kind or out of its range."
    TRACK_ID_REPEATED = "track-id-repeated", SETTINGS, "barometer.toml gives two tracks the same id."
    TOML_TOO_DEEP = "toml-too-deep", SETTINGS, "Arrays or tables nested deeper than any settings file needs."

    DATE_EMPTY = "date-empty", CELLS, "An event has no date."
    DATE_INVALID = "date-invalid", CELLS, "A date in no form the tool reads, or a day that does not exist."
    DATE_OUTSIDE_PERIOD = "date-outside-period", CELLS, "A date outside the months the issue covers."
    TEXT_EMPTY = "text-empty", CELLS, "An event has no text."
    TEXT_CONTROL_CHARACTER = "text-control-character", CELLS, "A control character (such as NUL) in a text."
    TEXT_BIDI_CONTROL = "text-bidi-control", CELLS, (
        "A bidirectional embedding, override or isolate control in a text: it shows the text in another order.")
    TEXT_INVISIBLE = "text-invisible", CELLS, "An event text with no visible character (only zero-width or marks)."
    TEXT_TOO_LONG = "text-too-long", CELLS, "An event text or source longer than any event needs."
    SCORE_EMPTY = "score-empty", CELLS, "An event has no score."
    SCORE_NOT_INTEGER = "score-not-integer", CELLS, "A score that is not a whole number."
    SCORE_OUT_OF_BOUNDS = "score-out-of-bounds", CELLS, "A score outside the workspace's bounds."
    SCORE_ZERO = "score-zero", CELLS, "A relationship's event scored 0: it must move its index."
    EVENT_DUPLICATE = "event-duplicate", CELLS, "An event with the same date and text as another of the catalogue."
    CODINGS_EMPTY = "codings-empty", ENTRY, "A coder's file (import --coder) scores no event."
    ISSUE_PUBLISHED = "issue-published", ENTRY, (
        "The issue is published: it cannot be published again, and a change of its events needs --reason.")
    REVISION_UNRECORDED = "revision-unrecorded", CELLS, (
        "A published issue's catalogue differs from the catalogue as published where no revision record says why.")
    REVISION_INVALID = "revision-invalid", CELLS, (
        "A record of a revision log that cannot be a change (unknown track or field, no reason, or it does not apply).")
    PUBLISHED_COPY_MISSING = "published-copy-missing", CELLS, (
        "A published issue lacks the frozen copy of a catalogue (published/<track>.csv).")
    CODER_EVENT_UNKNOWN = "coder-event-unknown", CELLS, (
        "A coder's file scores an event the catalogue does not have; those scores are left out.")
    EVENT_OUT_OF_ORDER = "event-out-of-order", CELLS, (
        "An event dated before the one above it (both within one month); the bulletin prints catalogues in "
        "date order.")

    ISSUE_NUMBER_MISMATCH = "issue-number-mismatch", ISSUES, "issue.toml gives another number than its folder."
    ISSUE_FOLDER_MISNAMED = "issue-folder-misnamed", ISSUES, (
        "A folder named like an issue but not as issues are named (`18` for `018`); it is not read.")
    CADENCE_NUMBER = "cadence-number", ISSUES, "An issue numbered before the first issue of the cadence."
    CADENCE_PERIOD = "cadence-period", ISSUES, "An issue's period is not the one the cadence gives its number."
    ISSUES_OVERLAP = "issues-overlap", ISSUES, "Two issues cover the same months."
    SCALE_GAP = "scale-gap", ISSUES, "Values that lie in no band of the colour scale."
    SCALE_OVERLAP = "scale-overlap", ISSUES, "Values that lie in two bands of the colour scale."
    SCALE_EMPTY = "scale-empty", ISSUES, "The colour scale has no bands."
    LEVEL_UNKNOWN = "level-unknown", ISSUES, "A printed tension level that is no band of the scale."
    LEVEL_DISAGREES = "level-disagrees", ISSUES, (
        "An issue says the previous one was at another level than that issue prints.")
    PRINTED_TRACK_UNKNOWN = "printed-track-unknown", ISSUES, "Printed figures for a track that is not configured."
    ISSUE_TRACK_UNKNOWN = "issue-track-unknown", ISSUES, (
        "issue.toml names a track that is not configured (in `bylines` or `empty`).")
    PERSON_UNKNOWN = "person-unknown", ISSUES, "issue.toml names a person that barometer.toml's `people` do not define."
    EMPTY_TRACK_HAS_EVENTS = "empty-track-has-events", ISSUES, (
        "issue.toml says a track has no event this issue, but its catalogue has some; the events count.")
    LOGO_MISSING = "logo-missing", ISSUES, "A logo named in barometer.toml's `imprint` is not a file of the workspace."

    PRINTED_DIFFERS = "printed-differs", AUDIT, "A printed figure differs from what its catalogue sums to."
    PRINTED_REPLACED = "printed-replaced", AUDIT, "Imported printed figures replace others issue.toml held."
    PUBLISHED_NOT_REWRITABLE = "published-not-rewritable", AUDIT, (
        "issue.toml's printed figures are written in a form an import cannot rewrite.")

    TEXT_BEFORE_APPENDICES = "text-before-appendices", PASTED, (
        "The body of a whole pasted bulletin: only the figures it prints are read.")
    TEXT_BEFORE_HEADING = "text-before-heading", PASTED, "Text before the first section heading; it is not read."
    TEXT_OUTSIDE_SECTION = "text-outside-section", PASTED, "Text outside any section; it is not read."
    TEXT_OTHER_ISSUE = "text-other-issue", PASTED, (
        "The pasted bulletin says it is another issue or period: refused (a warning with --force).")
    HEADING_UNKNOWN = "heading-unknown", PASTED, "A heading that names no track; the lines under it are not read."
    SECTION_REPEATED = "section-repeated", PASTED, "A section that appears a second time; its rows are not read."
    APPENDIX_NOT_READ = "appendix-not-read", PASTED, "An appendix that is no catalogue (the colour scale, the authors)."
    ROWS_NOT_READ = "rows-not-read", PASTED, "Rows under an appendix title that names no track."
    HEADER_MISMATCH = "header-mismatch", PASTED, "Column headings that do not fit the section's kind of track."
    LINE_UNRECOGNISED = "line-unrecognised", PASTED, "Lines that are neither a row nor the continuation of one."
    TOTAL_NOT_A_NUMBER = "total-not-a-number", PASTED, "A Total row whose figures are not numbers."
    TOTAL_REPEATED = "total-repeated", PASTED, "A second Total row in one section."
    FIGURE_UNKNOWN = "figure-unknown", PASTED, "A printed figure the section's kind of track does not have."
    FIGURE_CONFLICT = "figure-conflict", PASTED, "A figure printed twice with two values."
    HYPHEN_RESTORED = "hyphen-restored", PASTED, (
        "A word pdftotext joined at a line's end without its hyphen ('OdessaBrody'); read with it ('Odessa-Brody').")

    TRACK_UNKNOWN = "track-unknown", ENTRY, "A CSV's track column names no track of the workspace."
    CATALOGUE_CHANGED_SINCE_TEMPLATE = "catalogue-changed-since-template", ENTRY, (
        "The catalogue changed after the template being imported with --replace was made.")
    BACKUP_INVALID = "backup-invalid", ENTRY, "A backup holds a file that is no file of the issue; it is not restored."
    EVENT_NOT_FOUND = "event-not-found", ENTRY, "`remove` names an event the catalogue does not hold."

    TEMPLATE_MISSING = "template-missing", BULLETIN, "The workspace has no bulletin template."
    TEMPLATE_ERROR = "template-error", BULLETIN, "The bulletin template does not compile."
    TRANSLATION_MISSING = "translation-missing", BULLETIN, (
        "An edition in another language lacks the translation of a name, a wording or a fixed string.")
    TRANSLATION_INVALID = "translation-invalid", BULLETIN, (
        "A catalogue of translations that cannot be read, or an entry that would print wrong.")
    TRANSLATION_ORPHANED = "translation-orphaned", BULLETIN, (
        "A translated event text whose date and text match no event of the catalogue; it is not printed.")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in the input, with where it is and what was expected."""

    code: Code
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None
    sheet: str | None = None
    severity: Severity = "error"
    header: str | None = None  # the column as the file names it ('Regional tension'); `field` is its id

    def __post_init__(self) -> None:
        if not isinstance(self.code, Code):
            object.__setattr__(self, "code", Code(self.code))  # an unregistered code is a bug: ValueError

    @property
    def place(self) -> str:
        """Where the problem is, as the file's own program names places: `file:line:column` in a text file,
        `book.xlsx Security!D3` (a sheet, then Excel's cell reference) in a workbook; then the column's label."""
        where = self.file or "<input>"
        if self.sheet is not None:
            where += f" {sheet_reference(self.sheet)}"
            if self.line is not None:
                where += f"!{column_letter(self.column)}{self.line}" if self.column else f" row {self.line}"
        elif self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        label = self.header or self.field
        return printable(f"{where} ({label})" if label else where)

    @property
    def detail(self) -> str:
        """The message with what was found and what was expected."""
        text = self.message
        if self.value is not None:
            text += f"; found {self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text

    def describe(self) -> str:
        """One line for people: place, severity, code and the detail."""
        return f"{self.place}: {self.severity} [{self.code}] {self.detail}"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


_UNPRINTABLE = {code: f"\\x{code:02x}" for code in (*range(32), 127)} | {
    code: f"\\u{code:04x}" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text: str) -> str:
    """A name as a terminal line may show it: control characters and bidirectional controls (which would break
    the line or show it in another order) written as escapes, `\\n`-free."""
    return text.translate(_UNPRINTABLE)


def column_letter(number: int) -> str:
    """Excel's letters for a 1-based column number: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_reference(name: str) -> str:
    """A sheet's name as Excel writes it in a reference: quoted when it holds more than letters, digits and _
    ('U.S.'!C4, Security!D3)."""
    if name and (name[0].isalpha() or name[0] == "_") and all(c.isalnum() or c == "_" for c in name):
        return name
    return "'" + name.replace("'", "''") + "'"


def clip(text: object, limit: int = 60) -> str:
    """A value shown in a message: whole when short, otherwise cut at a word boundary and ended with '…'."""
    shown = str(text)
    if len(shown) <= limit:
        return shown
    shown = " ".join(shown.split())
    cut = shown[:limit - 1]
    space = cut.rfind(" ")
    if shown[len(cut)] != " " and space > limit // 2:  # the cut falls inside a word: end at the word before
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


PLACE_FIELDS = ("file", "sheet", "line", "column", "field")


def flatten(problems: Iterable[Problem], fields: tuple[str, ...] = ("file", "line", "column", "code")) -> list[tuple]:
    """The problems as tuples of the given fields: compact to assert and to tabulate (frictionless' `flatten`)."""
    return [tuple(getattr(p, name) for name in fields) for p in problems]


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class BarometerError(Exception):
    """Base of every error the tool reports to a user without a traceback (exit code 1)."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as the plain base class with message and problems (errors cross process boundaries)."""
        return (BarometerError._rebuild, (type(self), str(self), self.problems))

    @staticmethod
    def _rebuild(kind: type[BarometerError], message: str, problems: list[Problem]) -> BarometerError:
        error = kind.__new__(kind)
        BarometerError.__init__(error, message, problems)
        return error


class InputInvalid(BarometerError):
    """The input (a catalogue, a settings file, a workbook, a narrative) has errors; `problems` lists them all."""

    def __init__(self, problems: Iterable[Problem], what: str = "input") -> None:
        problems = list(problems)
        count = len(errors_only(problems))
        super().__init__(f"{what} has {count} error{'s' if count != 1 else ''}", problems)


CatalogueInvalid = InputInvalid  # the name before 0.2; it was raised for every kind of input


class TemplateError(BarometerError):
    """The bulletin's Typst template is missing or does not compile: the problems name its file, line and column."""


class WorkspaceNotFound(BarometerError):
    """No barometer.toml in the folder or any folder above it."""


class UsageError(BarometerError):
    """The user asked for something that does not exist (an unknown issue or track): exit code 2."""


def relative(path: Path, root: Path | None) -> str:
    """The path as a user would type it: relative to the workspace when inside it."""
    if root is not None:
        base = Path(os.path.realpath(root))
        # The path itself is not resolved: a link is shown where it is (and a link that loops never raises).
        for candidate in (Path(os.path.abspath(path)), Path(os.path.realpath(path.parent)) / path.name):
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                continue
    return str(path)
