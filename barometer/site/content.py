"""What the web edition's pages hold beyond the bulletin's own document, and where every page and file lies.

An issue's page is rendered from the same document as its PDF (`report.content.build_report_data`); this
module adds what only a web page has: the index's rows of every issue, the latest tension level, links to the
page in the other languages and to the data files. Pure: data in, data out.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from barometer.figures import UNKNOWN
from barometer.i18n import Language
from barometer.load import IssueData
from barometer.models import Period
from barometer.report.content import band_data
from barometer.report.wording import figure
from barometer.summary import IssueSummary

INDEX = "index.html"
ASSETS = "assets"
DATA = "data"
DATA_FORMATS = ("csv", "json", "xlsx")
HISTORY = "history"  # data/history.*: every issue's figures, as `barometer history --format` writes them


def issue_page(number: int) -> str:
    """The name of an issue's page: 018.html."""
    return f"{number:03d}.html"


def data_file(name: str | int, fmt: str) -> str:
    """A data file's path in the site: data/018.csv, data/history.xlsx."""
    stem = f"{name:03d}" if isinstance(name, int) else name
    return f"{DATA}/{stem}.{fmt}"


@dataclass(frozen=True)
class Edition:
    """Where one language's pages lie: the first language at the top of the folder, the others in a folder
    named after their code (ru/)."""

    code: str
    prefix: str  # "" or "ru/"

    def path(self, name: str) -> str:
        return self.prefix + name

    @property
    def base(self) -> str:
        """The way from one of its pages to the top of the folder: "" or "../"."""
        return "../" * self.prefix.count("/")


def editions(codes: Sequence[str]) -> list[Edition]:
    return [Edition(code, "" if index == 0 else f"{code}/") for index, code in enumerate(codes)]


def language_name(code: str) -> str:
    """A language's name in itself, as a language switch shows it: 'English', 'Русский'."""
    from babel import Locale

    name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")) or code
    return name[:1].upper() + name[1:]


def switch(all_editions: Sequence[Edition], current: Edition, name: str) -> list[dict[str, Any]]:
    """The same page in every language, each link relative to the current page."""
    here = posixpath.dirname(current.path(name))
    return [{"code": e.code, "name": language_name(e.code), "current": e == current,
             "href": posixpath.relpath(e.path(name), here or ".")} for e in all_editions]


def cell(value: int | None, source: str) -> dict[str, Any]:
    """A figure in a table across issues: its text ('–' when unknown), and whether it is as printed."""
    return {"text": figure(value) if value is not None else UNKNOWN, "value": value,
            "printed": value is not None and source == "printed"}


def issue_rows(data: IssueData, pages: Sequence[int]) -> list[dict[str, Any]]:
    """Every issue of `data.history` (the latest first): its period, each relationship's aggregate, the security
    indices and the level, each known figure marked when it is as printed; `pages` are the issues with a page."""
    words, scale = data.language, data.scale
    rows = []
    for summary in reversed(data.history):
        security = summary.security
        level = security.level if security is not None else None
        band = scale.band_named(level) if scale is not None and level is not None else None
        rows.append({
            "issue": summary.number,
            "href": issue_page(summary.number) if summary.number in pages else None,
            "period": short_period(words, summary.issue.period),
            "entered": summary.entered,
            "relations": [cell(summary.tracks[t.id].aggregate, summary.tracks[t.id].source)
                          for t in data.config.relations_tracks if t.id in summary.tracks],
            "national_security": cell(security.national_security if security else None,
                                      security.source if security else "none"),
            "regional_tension": cell(security.regional_tension if security else None,
                                     security.source if security else "none"),
            "level": band_data(band, scale, words),
            "level_printed": level is not None and security is not None and security.source == "printed",
        })
    return rows


def latest_level(data: IssueData) -> dict[str, Any] | None:
    """The tension level of the latest issue that knows one: the band as printed, the value when known, the
    issue and its period."""
    known = [s for s in data.history if s.security is not None and s.security.level is not None]
    if not known or data.scale is None:
        return None
    scale, words = data.scale, data.language
    summary: IssueSummary = known[-1]
    security = summary.security
    assert security is not None and security.level is not None
    earlier = [{"issue": s.number, "href": issue_page(s.number),
                "band": band_data(scale.band_named(s.security.level), scale, words)}  # type: ignore[union-attr]
               for s in reversed(known[:-1])]
    return {"issue": summary.number, "period": words.period(summary.issue.period),
            "href": issue_page(summary.number), "printed": security.source == "printed",
            "value": None if security.regional_tension is None else figure(security.regional_tension),
            "band": band_data(scale.band_named(security.level), scale, words), "earlier": earlier}


def short_period(words: Language, period: Period) -> str:
    """'Nov–Dec 2020', 'нояб.–дек. 2020': a period in a narrow column (CLDR's short month names, as they
    stand alone)."""
    from babel.dates import get_month_names

    months = get_month_names("abbreviated", "stand-alone", words.code.replace("-", "_"))
    start, end = period.start, period.end
    if start == end:
        return f"{months[start.month]} {start.year}"
    if start.year == end.year:
        return f"{months[start.month]}–{months[end.month]} {end.year}"
    return f"{months[start.month]} {start.year}–{months[end.month]} {end.year}"


def published(data: IssueData) -> dict[str, str] | None:
    """Where the figures of an issue known only by what it printed come from, and the note on them."""
    source = data.summary.issue.published
    if source is None:
        return None
    return {"source": source.source, "note": source.note}


def outline(blocks: Sequence[dict[str, Any]], top: int) -> list[tuple[dict[str, Any], int]]:
    """Each block of a narrative with the level of its heading on the page: the text's highest headings at
    `top`, the others below them, never a level skipped (a `###` straight after the section is `top`), and
    none below h6."""
    levels = [b["level"] for b in blocks if b["kind"] == "heading"]
    shift = top - min(levels, default=top)
    found, last = [], top - 1
    for block in blocks:
        level = 0
        if block["kind"] == "heading":
            level = last = min(6, block["level"] + shift, last + 1)
        found.append((block, level))
    return found


def size_text(size: int) -> str:
    """A file's size as a download link gives it: '12 KB', '1.2 MB'."""
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1000))} KB"
