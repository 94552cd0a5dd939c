"""Fuzzing targets and input strategies shared by the test suite (small budget) and bench/fuzz.py."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

from barometer.catalogue import validate_table
from barometer.dates import MONTHS, DateError, YearMonth, parse_event_date
from barometer.errors import BarometerError
from barometer.io.bulletin_text import parse_bulletin_text
from barometer.models import EventContext, Period, WorkspaceConfig
from barometer.workspace import Workspace

PERIOD = (YearMonth(2020, 11), YearMonth(2020, 12))
REPO = Path(__file__).resolve().parent.parent
APPENDICES = Path(__file__).resolve().parent / "data" / "pasted" / "minsk-barometer-18-appendices.txt"


def fuzz_date(text: str) -> None:
    """Parse; only `DateError` may come out, and a parsed date is a sane span."""
    try:
        when = parse_event_date(text, *PERIOD)
    except DateError:
        return
    assert when.start <= when.end
    assert parse_event_date(when.iso) == when


def date_like_text() -> st.SearchStrategy[str]:
    """Text made of the pieces dates are made of, so the parser's deeper branches are reached."""
    pieces = st.sampled_from([*MONTHS, *(m[:3] for m in MONTHS), "early", "Mid-", "late", "-", "–", "..", " ",
                              "2020", "1", "18", "31", "0", "29", "-early", "st", "th", ",", "to", "."])
    return st.lists(st.one_of(pieces, st.integers(0, 40).map(str)), max_size=8).map("".join)


@lru_cache(maxsize=1)
def _config() -> WorkspaceConfig:
    return Workspace.open(REPO).config


def fuzz_pasted_text(text: str) -> None:
    """Read pasted appendix text and validate its tables; only `BarometerError` may come out, and every
    row and problem is placed on a line of the text."""
    config, period = _config(), Period(start=PERIOD[0], end=PERIOD[1])
    try:
        bulletin = parse_bulletin_text(text, config, period, "pasted.txt")
        problems = list(bulletin.problems)
        context = EventContext(config.scores, period)
        for track_id, table in bulletin.tables.items():
            track = config.track(track_id)
            assert track is not None
            problems.extend(validate_table(table, track, context)[1])
    except BarometerError:
        return
    lines = len(re.split(r"\r\n|\r|\n", text))
    assert all(p.file == "pasted.txt" and p.line is not None and 1 <= p.line <= lines for p in problems)
    assert all(1 <= row.line <= lines for table in bulletin.tables.values() for row in table.rows)
    assert set(bulletin.printed) <= set(bulletin.tables)
    assert all(isinstance(v, int) for figures in bulletin.printed.values() for v in figures.values())


def appendix_mutations() -> st.SearchStrategy[str]:
    """No. 18's appendix text with lines deleted, duplicated, swapped or edited (tabs, spaces, any unicode)."""
    original = APPENDICES.read_text(encoding="utf-8").split("\n")
    index = st.integers(0, len(original) - 1)
    position = st.integers(0, 300)
    mutation = st.one_of(
        st.tuples(st.just("delete"), index),
        st.tuples(st.just("duplicate"), index),
        st.tuples(st.just("swap"), index, index),
        st.tuples(st.just("insert"), index, position, st.text(max_size=12)),
        st.tuples(st.just("insert"), index, position, st.sampled_from(["\t", "  ", "#", "-", "−", "+", "<b>", "**",
                                                                        "|", "\u00a0", "\ufeff", "\x00", "\r"])),
        st.tuples(st.just("cut"), index, position),
        st.tuples(st.just("spaces"), index),
        st.tuples(st.just("line"), index, st.sampled_from(bulletin_lines())),
    )

    def apply(plan: tuple[list[tuple], str]) -> str:
        mutations, newline = plan
        lines = list(original)
        for kind, where, *more in mutations:
            if not lines:
                break
            at = where % len(lines)
            if kind == "delete":
                del lines[at]
            elif kind == "duplicate":
                lines.insert(at, lines[at])
            elif kind == "swap":
                other = more[0] % len(lines)
                lines[at], lines[other] = lines[other], lines[at]
            elif kind == "insert":
                cut = more[0] % (len(lines[at]) + 1)
                lines[at] = lines[at][:cut] + more[1] + lines[at][cut:]
            elif kind == "cut":
                lines[at] = lines[at][: more[0] % (len(lines[at]) + 1)]
            elif kind == "spaces":
                lines[at] = lines[at].replace("\t", "   ")
            else:
                lines.insert(at, more[0])
        return newline.join(lines)

    return st.tuples(st.lists(mutation, max_size=8), st.sampled_from(["\n", "\r\n", "\r"])).map(apply)


def bulletin_lines() -> list[str]:
    return [
        "## Relationship with Russia", "Relationship with the EU", "Date\tEvent\tScore", "<b>Total</b>\t\t<b>+14</b>",
        "3 November\tTalks\t+1", "November-December\tMedia policy\t-1", "31 November\tImpossible\t+1",
        "Early December   Course   +1", "## MINSK BAROMETER: Monitoring", "№ 18 (November and December 2020)",
        "Catalogue of events underlying the security indices", "November\tExercises\t0\t-1", "", "Total\t\t-4",
        "Aggregate index: +14", "Positive points: +18", "Relationship with Moldova", "## Appendix 3", "+1", "12",
        "3 November Talks in Minsk +1", "   continued text of the event", "Total: positive +18, negative -4",
    ]


def bulletin_like_text() -> st.SearchStrategy[str]:
    """Lines of the kinds a pasted appendix holds, in any order, mixed with any text."""
    lines = st.sampled_from(bulletin_lines())
    return st.lists(st.one_of(lines, st.text(max_size=30)), max_size=25).map("\n".join)
