"""Pasted appendix text: No. 18's appendices give back the shipped catalogue; every bad line is located."""

from __future__ import annotations

from pathlib import Path

import pytest
from fuzz_targets import appendix_mutations, bulletin_like_text, fuzz_pasted_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from barometer.audit import find_mismatches
from barometer.errors import UsageError
from barometer.indices import issue_indices
from barometer.io.bulletin_text import PastedBulletin, parse_bulletin_text, read_bulletin_text
from barometer.load import workspace_scale
from barometer.models import (
    Catalogue,
    Issue,
    Published,
    PublishedRelations,
    PublishedSecurity,
    Track,
    WorkspaceConfig,
)
from barometer.workspace import Workspace

from conftest import DATA, validated

PASTED = DATA / "pasted" / "minsk-barometer-18-appendices.txt"
LAYOUT = DATA / "pasted" / "minsk-barometer-18-pdf-layout.txt"
REFERENCE = DATA / "pasted" / "minsk-barometer-18-bulletin.txt"  # the whole bulletin, as published


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


def test_text_extracted_from_a_typeset_pdf_gives_the_same_catalogue(ws: Workspace, shipped: Catalogue) -> None:
    """`pdf-layout.txt` is the appendix text above typeset with Typst (narrow columns, running page headers)
    and extracted with `pdftotext -layout`: wrapped events and dates, pages breaking rows from their
    continuation, a two-line security header, the band name under its Total."""
    bulletin = read_bulletin_text(LAYOUT, ws.config, shipped.issue.period)
    events, problems = validated(bulletin, ws, shipped.issue)
    assert [p.describe() for p in problems] == []
    for track_id, expected in shipped.events.items():
        assert as_rows(events[track_id]) == as_rows(expected), track_id
    reference = read_bulletin_text(PASTED, ws.config, shipped.issue.period)
    assert (bulletin.printed, bulletin.levels) == (reference.printed, reference.levels)


def test_a_bom_is_read_and_lines_keep_their_numbers(tmp_path: Path, ws: Workspace, shipped: Catalogue) -> None:
    path = tmp_path / "pasted.txt"
    path.write_bytes(b"\xef\xbb\xbf" + PASTED.read_bytes().replace(b"\n", b"\r\n"))
    bulletin = read_bulletin_text(path, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    source = PASTED.read_text(encoding="utf-8").splitlines()
    first = bulletin.tables["russia"].rows[0]
    assert source[first.line - 1].startswith("1 November\tReduction in roaming fees")
    assert [len(t.rows) for t in bulletin.tables.values()] == [len(e) for e in shipped.events.values()]


BAD = DATA / "bad"


def problems_of(fixture: str, ws: Workspace, issue: Issue) -> list[tuple]:
    bulletin = read_bulletin_text(BAD / fixture, ws.config, issue.period, file=fixture)
    _, problems = validated(bulletin, ws, issue)
    assert all(p.file == fixture for p in problems)
    return [(p.line, p.column, p.field, p.code) for p in problems]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("pasted-score-missing.txt", [(5, None, "score", "score-empty")]),
        ("pasted-score-not-a-number.txt", [(5, None, "score", "score-not-integer")]),
        ("pasted-extra-score.txt", [(4, None, "score", "cell-extra")]),
        ("pasted-date-invalid.txt", [(4, None, "date", "date-invalid")]),
        ("pasted-security-one-score.txt", [(6, None, "regional_tension", "score-empty")]),
        ("pasted-line-unrecognised.txt", [(6, None, None, "line-unrecognised")]),
        ("pasted-text-before-heading.txt", [(1, None, None, "text-before-heading"),
                                            (2, None, None, "text-before-heading")]),
        ("pasted-text-outside-section.txt", [(6, None, None, "text-outside-section")]),
        ("pasted-heading-unknown.txt", [(7, None, None, "heading-unknown")]),
        ("pasted-section-repeated.txt", [(13, None, None, "section-repeated")]),
        ("pasted-header-mismatch.txt", [(3, None, None, "header-mismatch")]),
        ("pasted-total-not-a-number.txt", [(5, None, "score", "total-not-a-number")]),
        ("pasted-total-repeated.txt", [(6, None, "score", "total-repeated")]),
        ("pasted-cp1251.txt", [(4, 12, None, "file-not-utf8")]),
    ],
)
def test_each_failure_mode_is_located(fixture: str, expected: list[tuple], ws: Workspace,
                                      shipped: Catalogue) -> None:
    assert problems_of(fixture, ws, shipped.issue) == expected


def test_the_rows_of_an_unknown_or_repeated_section_are_not_read(ws: Workspace, shipped: Catalogue) -> None:
    period = shipped.issue.period
    unknown = read_bulletin_text(BAD / "pasted-heading-unknown.txt", ws.config, period)
    assert [r.cells["event"] for r in unknown.tables["russia"].rows] == ["Reduction in roaming fees"]
    repeated = read_bulletin_text(BAD / "pasted-section-repeated.txt", ws.config, period)
    assert [r.line for r in repeated.tables["russia"].rows] == [4]
    assert repeated.printed["russia"] == {"aggregate": 1}


def test_cp1251_is_named_and_can_be_converted(ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(BAD / "pasted-cp1251.txt", ws.config, shipped.issue.period, convert_cp1251=True)
    assert bulletin.problems == []
    assert bulletin.tables["russia"].rows[0].cells["event"] == "Снижение платы за роуминг"


def test_a_missing_file_is_a_usage_error(tmp_path: Path, ws: Workspace, shipped: Catalogue) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        read_bulletin_text(tmp_path / "absent.txt", ws.config, shipped.issue.period)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(appendix_mutations())
def test_mutated_appendix_text_only_ever_gives_located_problems(text: str) -> None:
    fuzz_pasted_text(text)


@FUZZ
@given(bulletin_like_text())
def test_bulletin_like_text_only_ever_gives_located_problems(text: str) -> None:
    fuzz_pasted_text(text)


@FUZZ
@given(st.text(max_size=200))
def test_any_text_only_ever_gives_located_problems(text: str) -> None:
    fuzz_pasted_text(text)


def rows_of(text: str, ws: Workspace, issue: Issue, track_id: str = "russia") -> list[tuple]:
    bulletin = parse_bulletin_text(text, ws.config, issue.period)
    assert [p.describe() for p in bulletin.problems] == []
    return [(r.line, *r.cells.values()) for r in bulletin.tables[track_id].rows]


def test_rows_separated_by_single_spaces(ws: Workspace, shipped: Catalogue) -> None:
    text = "Relationship with Russia\n3 November Talks in Minsk on 2 issues +1\nNovember-December Media policy −2\n"
    assert rows_of(text, ws, shipped.issue) == [
        (2, "3 November", "Talks in Minsk on 2 issues", "+1"), (3, "November-December", "Media policy", "−2")]


def test_a_markdown_table(ws: Workspace, shipped: Catalogue) -> None:
    text = "## Relationship with Russia\n| Date | Event | Score |\n|---|---|---:|\n| 3 November | Talks | +1 |\n"
    assert rows_of(text, ws, shipped.issue) == [(4, "3 November", "Talks", "+1")]


def test_wrapped_dates_and_continuations_that_start_like_dates(ws: Workspace, shipped: Catalogue) -> None:
    text = ("Relationship with Russia\n"
            "November-\tRemoval of restrictions\t+1\n"
            "December\ton meat products\n"
            "8 December\tDecision to limit border crossing starting from\t-1\n"
            "\tDecember 21, including for foreigners\n"
            "1-18\tInspection of regional defense\n"
            "December\twith a staff exercise\t+1\n")
    assert rows_of(text, ws, shipped.issue) == [
        (2, "November-December", "Removal of restrictions on meat products", "+1"),
        (4, "8 December", "Decision to limit border crossing starting from December 21, including for foreigners",
         "-1"),
        (6, "1-18 December", "Inspection of regional defense with a staff exercise", "+1"),
    ]


def test_a_row_broken_by_a_page_keeps_its_continuation(ws: Workspace, shipped: Catalogue) -> None:
    text = ("## Relationship with the U.S.\nDate  Event  Score\n"
            " 23 December   The U.S. imposes additional restrictive measures      -3\n\n"
            "                                  14\n"
            "MINSK BAROMETER: Monitoring of foreign policy and regional security\n"
            "№ 18 (November and December 2020)\n\n"
            "Relationship with the United States\n"
            " Date          Event                                     Score\n"
            "                on Belarus; Belarus-\n"
            "                Russia ties noted\n"
            " 24 December   Julie Fischer is sworn in as ambassador    +1\n"
            " Total                                                  -2\n")
    assert rows_of(text, ws, shipped.issue, "us") == [
        (3, "23 December", "The U.S. imposes additional restrictive measures on Belarus; Belarus-Russia ties noted",
         "-3"),
        (13, "24 December", "Julie Fischer is sworn in as ambassador", "+1"),
    ]


@pytest.mark.parametrize(
    ("total", "printed"),
    [
        ("Total\t\t+14", {"aggregate": 14}),
        ("**Total**: −4", {"aggregate": -4}),
        ("Total  +18  -4  +14", {"positive": 18, "negative": -4, "aggregate": 14}),
        ("Total: positive +18, negative -4, aggregate +14", {"positive": 18, "negative": -4, "aggregate": 14}),
        ("Aggregate index: +14\nPositive points: +18\nNegative points: -4", {"aggregate": 14, "positive": 18,
                                                                           "negative": -4}),
    ],
)
def test_forms_of_the_total_row(total: str, printed: dict, ws: Workspace, shipped: Catalogue) -> None:
    bulletin = parse_bulletin_text(f"Relationship with Russia\n3 November\tTalks\t+1\n{total}\n", ws.config,
                                   shipped.issue.period)
    assert bulletin.problems == []
    assert bulletin.printed == {"russia": printed}


def test_a_security_total_with_its_band_on_the_next_line(ws: Workspace, shipped: Catalogue) -> None:
    text = ("### 2. Catalogue of events underlying the security indices\n"
            " Date        Event                        National    Regional\n"
            "                                          security    tension\n"
            " November    Exercises                    0           -1\n"
            " Total                                    0           -1\n"
            "                                                      (White)\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert [r.cells for r in bulletin.tables["security"].rows] == [
        {"date": "November", "event": "Exercises", "national_security": "0", "regional_tension": "-1"}]
    assert (bulletin.printed, bulletin.levels) == ({"security": {"national_security": 0, "regional_tension": -1}},
                                                   {"security": "White"})


def test_a_pasted_paragraph_is_one_problem(ws: Workspace, shipped: Catalogue) -> None:
    text = ("# Relationship with Russia\n\nRussia continues to support Belarus amid the isolation,\n"
            "whereas Belarus moderates its claims.\n\nThe forecast is stable.\n\n3 November\tTalks\t+1\n"
            "Total\t\t+1\n+1\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert [(p.line, p.code, p.message) for p in bulletin.problems] == [
        (3, "line-unrecognised", "a line that is neither a row nor the continuation of one (and the 2 lines after it)"),
        (10, "line-unrecognised", "a number on its own where no row waits for a score"),
    ]
    assert [r.cells["event"] for r in bulletin.tables["russia"].rows] == ["Talks"]


def test_sections_come_from_the_workspace_not_the_code(ws: Workspace, shipped: Catalogue) -> None:
    config = WorkspaceConfig(title="Chisinau Barometer", tracks=[
        Track(id="romania", label="Romania", section="Relations with Romania"),
        Track(id="eu", label="EU", section="Relations with the EU", aliases=["European Union"]),
    ])
    text = ("CHISINAU BAROMETER | page 3\nRelations with Romania\n3 November\tTalks\t+1\n"
            "Relations with the European Union\n4 November\tVisit\t+2\nRelationship with Russia\n5 November\tX\t+1\n")
    bulletin = parse_bulletin_text(text, config, shipped.issue.period)
    assert {k: [r.cells["event"] for r in t.rows] for k, t in bulletin.tables.items()} == {
        "romania": ["Talks"], "eu": ["Visit"]}
    assert [(p.line, p.code) for p in bulletin.problems] == [(6, "heading-unknown")]


BODY = """# MINSK BAROMETER

Dear readers!

# Relationship with Russia

Aggregate index: +14

## Trends

Russia continues to support Belarus amid the country's isolation by the West.

"""
TAIL = """
## Appendix 3

### Colour scale of regional security tensions

Colour Value\tNumerical Value\tInterpretation
<b>White</b>\thigher than -1\tLow likelihood of escalation. A non-threatening situation

## Authors

**Sergey Bogdan**, political expert, analyst at the Ostrogorski Centre.
"""


def test_a_whole_bulletin_pasted_reads_its_appendices_with_two_warnings(ws: Workspace, shipped: Catalogue) -> None:
    appendices = PASTED.read_text(encoding="utf-8")
    text = BODY + appendices + TAIL
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    events, problems = validated(bulletin, ws, shipped.issue)
    body_lines, tail_line = BODY.count("\n"), (BODY + appendices).count("\n") + 4
    assert [(p.line, p.code, p.severity) for p in problems] == [
        (1, "text-before-appendices", "warning"), (tail_line, "appendix-not-read", "warning")]
    assert f"lines 1-{body_lines} come before 'Appendix 1'" in problems[0].message
    for track_id, expected in shipped.events.items():
        assert as_rows(events[track_id]) == as_rows(expected), track_id


def test_rows_before_the_appendices_are_not_passed_over(ws: Workspace, shipped: Catalogue) -> None:
    text = "3 November\tTalks\t+1\n\n## Appendix 1\n\n## Relationship with Russia\n4 November\tVisit\t+1\n"
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert [(p.line, p.code, p.severity) for p in bulletin.problems] == [(1, "text-before-heading", "error")]


def test_the_whole_reference_bulletin_gives_the_shipped_catalogue(ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(REFERENCE, ws.config, shipped.issue.period)
    events, problems = validated(bulletin, ws, shipped.issue)
    assert [p.code for p in problems] == ["text-before-appendices", "appendix-not-read"]
    assert all(p.severity == "warning" for p in problems)
    for track_id, expected in shipped.events.items():
        assert as_rows(events[track_id]) == as_rows(expected), track_id


def test_the_whole_bulletin_gives_the_printed_figures_and_audit_of_the_shipped_issue(
        ws: Workspace, shipped: Catalogue) -> None:
    bulletin = read_bulletin_text(REFERENCE, ws.config, shipped.issue.period)
    events, _ = validated(bulletin, ws, shipped.issue)
    published = shipped.issue.published
    assert published is not None
    for track_id, printed in published.tracks.items():
        assert bulletin.printed[track_id] == printed.model_dump(exclude_none=True), track_id
    pasted = Catalogue.model_construct(issue=pasted_issue(bulletin, shipped.issue, "security"), events=events)
    scale = workspace_scale(ws)
    assert find_mismatches(pasted.issue, issue_indices(pasted, ws.config), ws.config, scale) == \
        find_mismatches(shipped.issue, issue_indices(shipped, ws.config), ws.config, scale)


def test_a_total_row_that_differs_from_the_body_is_kept_with_a_warning(ws: Workspace, shipped: Catalogue) -> None:
    text = ("# Relationship with Russia\n\nAggregate index: +14\n\n## Appendix 1\n\n## Relationship with Russia\n"
            "3 November\tTalks\t+1\nTotal\t\t+12\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.printed["russia"] == {"aggregate": 12}
    conflict = [p for p in bulletin.problems if p.code == "figure-conflict"]
    assert [(p.line, p.severity, p.expected) for p in conflict] == [(9, "warning", "+14")]


def test_rows_under_an_appendix_title_that_names_no_track_are_an_error(ws: Workspace, shipped: Catalogue) -> None:
    text = ("## Appendix 2\n\n### Catalogue of security events\n\nDate\tEvent\tNational security\tRegional tension\n"
            "November\tExercises\t0\t-1\nDecember\tDrills\t0\t-1\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert [(p.line, p.code, p.severity) for p in bulletin.problems] == [
        (3, "appendix-not-read", "warning"), (6, "rows-not-read", "error")]


def test_a_separator_lost_in_the_copy(ws: Workspace, shipped: Catalogue) -> None:
    text = ("Relationship with Russia\n3 November Talks in Minsk\t+1\n4 November\tVisit +2\n"
            "Catalogue of events underlying the security indices\nNovember\tExercises 0 -1\n")
    bulletin = parse_bulletin_text(text, ws.config, shipped.issue.period)
    assert bulletin.problems == []
    assert [list(r.cells.values()) for t in bulletin.tables.values() for r in t.rows] == [
        ["3 November", "Talks in Minsk", "+1"], ["4 November", "Visit", "+2"], ["November", "Exercises", "0", "-1"]]
