"""Pasted appendix text: No. 18's appendices give back the shipped catalogue; every bad line is located."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometer.audit import find_mismatches
from barometer.catalogue import load_catalogue, validate_table
from barometer.indices import issue_indices
from barometer.io.bulletin_text import PastedBulletin, parse_bulletin_text, read_bulletin_text
from barometer.models import Catalogue, EventContext, Issue, Published, PublishedRelations, PublishedSecurity
from barometer.summary import workspace_scale
from barometer.workspace import Workspace

from conftest import DATA, REPO

PASTED = DATA / "pasted" / "minsk-barometer-18-appendices.txt"
REFERENCE = Path("/work/shared/reference/minsk-barometer-18.txt")


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.open(REPO)


@pytest.fixture(scope="module")
def shipped(ws: Workspace) -> Catalogue:
    return load_catalogue(ws, 18)


def validated(bulletin: PastedBulletin, ws: Workspace, issue: Issue) -> tuple[dict[str, list], list]:
    """Events per track and every problem: the reader's and validation's."""
    context = EventContext(ws.config.scores, issue.period)
    events, problems = {}, list(bulletin.problems)
    for track_id, table in bulletin.tables.items():
        events[track_id], found = validate_table(table, ws.require_track(track_id), context)
        problems.extend(found)
    return events, problems


def as_rows(events: list) -> list[tuple]:
    return [(e.date, e.text, getattr(e, "score", None), getattr(e, "national_security", None),
             getattr(e, "regional_tension", None)) for e in events]


def test_the_appendices_of_no_18_give_the_shipped_catalogue(ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(PASTED, ws.config, shipped.issue.period)
    events, problems = validated(bulletin, ws, shipped.issue)
    assert problems == []
    assert list(events) == [t.id for t in ws.config.tracks]
    for track_id, expected in shipped.events.items():
        assert as_rows(events[track_id]) == as_rows(expected), track_id


def test_printed_totals_are_the_appendix_total_rows(ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(PASTED, ws.config, shipped.issue.period)
    assert bulletin.printed == {
        "russia": {"aggregate": 14}, "eu": {"aggregate": -14}, "china": {"aggregate": 15},
        "us": {"aggregate": -14}, "ukraine": {"aggregate": -4},
        "security": {"national_security": 0, "regional_tension": -8},
    }
    assert bulletin.levels == {"security": "Yellow"}


def pasted_issue(bulletin: PastedBulletin, issue: Issue, security_id: str) -> Issue:
    """The issue with only the figures the pasted Total rows print."""
    security = bulletin.printed.get(security_id)
    published = Published(
        source="pasted appendices",
        tracks={k: PublishedRelations(**v) for k, v in bulletin.printed.items() if k != security_id},
        security=PublishedSecurity(**security, level=bulletin.levels.get(security_id)) if security else None,
    )
    return issue.model_copy(update={"published": published})


def test_the_audit_of_the_pasted_totals_agrees_with_the_shipped_issue(ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(PASTED, ws.config, shipped.issue.period)
    events, _ = validated(bulletin, ws, shipped.issue)
    pasted = Catalogue.model_construct(issue=pasted_issue(bulletin, shipped.issue, "security"), events=events)
    scale = workspace_scale(ws)
    found = find_mismatches(pasted.issue, issue_indices(pasted, ws.config), ws.config, scale)
    overlap = {(t, f) for t, figures in bulletin.printed.items() for f in figures} | {("security", "level")}
    expected = [m for m in find_mismatches(shipped.issue, issue_indices(shipped, ws.config), ws.config, scale)
                if (m.track, m.figure) in overlap]
    assert found == expected
    assert [(m.track, m.figure, m.published, m.computed) for m in found] == [("us", "aggregate", -14, -16)]


@pytest.mark.skipif(not REFERENCE.is_file(), reason="the reference bulletin is not on this machine")
def test_the_fixture_is_the_reference_appendix_text_verbatim() -> None:
    reference = REFERENCE.read_text(encoding="utf-8")
    start, end = reference.index("## Appendix 1"), reference.index("## Appendix 3")
    assert PASTED.read_text(encoding="utf-8").rstrip("\n") == reference[start:end].rstrip("\n")


def wrapped(text: str, width: int = 50, score_last: bool = False) -> str:
    """Rows as a PDF copy gives them: date and score beside the first (or last) line of a wrapped event."""
    lines = []
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 3 or len(cells[1]) <= width or "Total" in cells[0]:
            lines.append(line)
            continue
        words, chunks = cells[1].split(" "), [""]
        for word in words:
            if chunks[-1] and len(chunks[-1]) + len(word) > width:
                chunks.append("")
            chunks[-1] = f"{chunks[-1]} {word}".strip()
        scores = "   ".join(cells[2:])
        if score_last:
            lines.append(f"{cells[0]}   {chunks[0]}")
            lines.extend(f"                  {chunk}" for chunk in chunks[1:-1])
            lines.append(f"                  {chunks[-1]}   {scores}")
        else:
            lines.append(f"{cells[0]}   {chunks[0]}   {scores}")
            lines.extend(f"                  {chunk}" for chunk in chunks[1:])
    return "\n".join(lines)


VARIANTS = {
    "markdown headings": lambda text: text,
    "plain headings": lambda text: "\n".join(line.lstrip("#").strip() for line in text.splitlines()),
    "spaces instead of tabs": lambda text: text.replace("\t", "    "),
    "windows line endings": lambda text: text.replace("\n", "\r\n"),
    "wrapped events, score on the first line": wrapped,
    "wrapped events, score on the last line": lambda text: wrapped(text, 40, score_last=True),
    "no bold markup, long names": lambda text: text.replace("<b>", "").replace("</b>", "")
    .replace("Relationship with the U.S.", "Relationship with the United States")
    .replace("Relationship with the EU", "Relationship with the European Union"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_variants_of_the_pasted_text_give_the_same_catalogue(variant: str, ws: Workspace, shipped: Catalogue) -> None:
    text = VARIANTS[variant](PASTED.read_text(encoding="utf-8"))
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period, "pasted.txt")
    events, problems = validated(bulletin, ws, shipped.issue)
    assert [p.describe() for p in problems] == []
    for track_id, expected in shipped.events.items():
        assert as_rows(events[track_id]) == as_rows(expected), track_id
    assert bulletin.printed["us"] == {"aggregate": -14}


def test_a_bom_is_read_and_lines_keep_their_numbers(tmp_path: Path, ws: Workspace, shipped: Catalogue) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PASTED.read_bytes().replace(b"\n", b"\r\n"))
    bulletin = read_bulletin_text(path, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    source = PASTED.read_text(encoding="utf-8").splitlines()
    first = bulletin.tables["russia"].rows[0]
    assert source[first.line - 1].startswith("1 November\tReduction in roaming fees")
    assert [len(t.rows) for t in bulletin.tables.values()] == [len(e) for e in shipped.events.values()]
