"""The bad-input corpus: every file in tests/data/bad goes through the command that would meet it.

Each case asserts the problem's code and place, exit code 1, no traceback, and a workspace left
byte-for-byte as it was. A file of the corpus without a case here fails the test, so none is forgotten.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import DATA, REPO, copy_workspace, tree_hashes

BAD = DATA / "bad"


@dataclass(frozen=True)
class Case:
    fixture: str  # file name in tests/data/bad
    target: str  # where it goes in the workspace ("" when the command reads it from tests/data/bad)
    command: tuple[str, ...]  # `{file}` stands for the fixture's path when the command reads it directly
    code: str
    place: str  # as printed: file[:line[:column]]


def catalogue(fixture: str, code: str, place: str, track: str = "china") -> Case:
    target = f"events/018/{track}.csv"
    return Case(fixture, target, ("check", "18"), code, place.replace("@", target))


def imported(fixture: str, code: str, place: str) -> Case:
    """A file given to `barometer import … --issue 18`; `place` follows the file's name ('[Sheet]:row:col')."""
    return Case(fixture, "", ("import", "{file}", "--issue", "18"), code, f"{fixture}{place}")


XLSX = [
    imported("score-7.xlsx", "score-out-of-bounds", "[Russia]:3:3"),
    imported("formula-in-score.xlsx", "formula-not-allowed", "[Russia]:3:3"),
    imported("day-not-in-month.xlsx", "date-invalid", "[Russia]:3:1"),
    imported("date-empty.xlsx", "date-empty", "[Russia]:3:1"),
    imported("date-outside-period.xlsx", "date-outside-period", "[Russia]:3:1"),
    imported("unknown-sheet.xlsx", "sheet-unknown", "[Belarus-Japan]"),
    imported("missing-header.xlsx", "column-missing", "[Russia]:1:3"),
    imported("merged-cells.xlsx", "cells-merged", "[Russia]:2:2"),
    imported("truncated.xlsx", "xlsx-invalid", ""),
    imported("entity-bomb.xlsx", "xlsx-xml-entities", ""),
    imported("zip-bomb.xlsx", "xlsx-too-large", ""),
    imported("far-cell.xlsx", "sheet-too-large", "[Russia]:1048576:16384"),
]

PASTED = [
    imported("pasted-score-missing.txt", "score-empty", ":5:3"),
    imported("pasted-score-not-a-number.txt", "score-not-integer", ":5:3"),
    imported("pasted-extra-score.txt", "cell-extra", ":4:3"),
    imported("pasted-date-invalid.txt", "date-invalid", ":4:1"),
    imported("pasted-security-one-score.txt", "score-empty", ":6:4"),
    imported("pasted-line-unrecognised.txt", "line-unrecognised", ":6"),
    imported("pasted-text-before-heading.txt", "text-before-heading", ":1"),
    imported("pasted-text-outside-section.txt", "text-outside-section", ":6"),
    imported("pasted-heading-unknown.txt", "heading-unknown", ":7"),
    imported("pasted-section-repeated.txt", "section-repeated", ":13"),
    imported("pasted-header-mismatch.txt", "header-mismatch", ":3"),
    imported("pasted-total-not-a-number.txt", "total-not-a-number", ":5:3"),
    imported("pasted-total-repeated.txt", "total-repeated", ":6:3"),
    imported("pasted-cp1251.txt", "file-not-utf8", ":4:12"),
    imported("pasted-level-unknown.txt", "level-unknown", ""),
]

CASES = XLSX + PASTED + [
    catalogue("score-out-of-bounds.csv", "score-out-of-bounds", "@:3:3"),
    catalogue("score-not-integer.csv", "score-not-integer", "@:2:3"),
    catalogue("score-zero.csv", "score-zero", "@:2:3"),
    catalogue("formula-in-score.csv", "score-not-integer", "@:2:3"),
    catalogue("markup-in-score.csv", "score-not-integer", "@:2:3"),
    catalogue("day-not-in-month.csv", "date-invalid", "@:2:1"),
    catalogue("impossible-iso-date.csv", "date-invalid", "@:2:1"),
    catalogue("date-after-period.csv", "date-outside-period", "@:3:1"),
    catalogue("date-before-period.csv", "date-outside-period", "@:2:1"),
    catalogue("empty-description.csv", "text-empty", "@:2:2"),
    catalogue("empty-rows-and-empty-score.csv", "score-empty", "@:6:3"),
    catalogue("missing-column.csv", "column-missing", "@:1"),
    catalogue("header-misspelt.csv", "column-missing", "@:1"),
    catalogue("utf16-with-bom.csv", "file-not-utf8", "@:1:1"),
    catalogue("duplicate-row.csv", "event-duplicate", "@:3"),
    catalogue("extra-cell.csv", "cell-extra", "@:2:4"),
    catalogue("unbalanced-quote.csv", "csv-unbalanced-quote", "@:2"),
    catalogue("nul-in-text.csv", "text-control-character", "@:2:2"),
    catalogue("cp1251.csv", "file-not-utf8", "@:2"),
    catalogue("date-year-zero.csv", "date-invalid", "@:2:1"),
    catalogue("score-huge.csv", "score-not-integer", "@:2:3"),
    catalogue("source-control-character.csv", "text-control-character", "@:2:4"),
    catalogue("column-repeated.csv", "column-repeated", "@:1:5"),
    catalogue("quote-open-at-end.csv", "csv-unbalanced-quote", "@:3:3"),
    Case("narrative-cp1251.md", "events/018/text/china.md", ("report", "18"), "file-not-utf8",
         "events/018/text/china.md:1:4"),
    catalogue("security-score-out-of-bounds.csv", "score-out-of-bounds", "@:2:4", track="security"),
    catalogue("security-score-not-integer.csv", "score-not-integer", "@:2:3", track="security"),
    Case("unknown-track.csv", "events/018/belgium.csv", ("check", "18"), "file-unknown", "events/018/belgium.csv"),
    Case("issue-toml-syntax.toml", "events/018/issue.toml", ("check", "18"), "toml-syntax", "events/018/issue.toml:3"),
    Case("issue-unknown-key.toml", "events/018/issue.toml", ("check", "18"), "toml-key-unknown",
         "events/018/issue.toml:3"),
    Case("issue-period-reversed.toml", "events/018/issue.toml", ("check", "18"), "toml-value-invalid",
         "events/018/issue.toml:2"),
    Case("issue-month-13.toml", "events/018/issue.toml", ("check", "18"), "toml-value-invalid",
         "events/018/issue.toml:3"),
    Case("issue-printed-not-a-number.toml", "events/018/issue.toml", ("check", "18"), "toml-value-invalid",
         "events/018/issue.toml:6"),
    Case("issue-overlapping-months.toml", "events/019/issue.toml", ("check",), "issues-overlap",
         "events/019/issue.toml:2"),
    Case("barometer-invalid.toml", "barometer.toml", ("check",), "toml-value-invalid", "barometer.toml:3"),
    Case("scale-gap.toml", "scales/regional-tension.toml", ("check",), "scale-gap", "scales/regional-tension.toml"),
    Case("scale-overlap.toml", "scales/regional-tension.toml", ("check",), "scale-overlap",
         "scales/regional-tension.toml"),
    Case("scale-no-bands.toml", "scales/regional-tension.toml", ("check",), "toml-key-missing",
         "scales/regional-tension.toml"),
    Case("scale-colour-invalid.toml", "scales/regional-tension.toml", ("check",), "toml-value-invalid",
         "scales/regional-tension.toml:5"),
]


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "barometer", *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}, timeout=120)


def test_every_file_of_the_corpus_has_a_case() -> None:
    files = sorted(p.name for p in BAD.iterdir() if p.is_file() and not p.name.endswith(".py"))
    assert len(files) >= 30
    assert {Path(name).suffix for name in files} >= {".csv", ".xlsx", ".txt", ".toml"}
    assert sorted(case.fixture for case in CASES) == files


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.fixture)
def test_bad_input_is_located_refused_and_changes_nothing(case: Case, tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    if case.target:
        (root / case.target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BAD / case.fixture, root / case.target)
    before = tree_hashes(root)
    result = run(root, *(part.replace("{file}", str(BAD / case.fixture)) for part in case.command))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert case.code in output, output
    assert f"{case.place} " in output or f"{case.place}:" in output or f"{case.place}\n" in output, output
    assert tree_hashes(root) == before


def test_a_catalogue_too_large_to_be_one_is_refused_before_it_is_read(tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    row = "2020-11-03,A long event text that repeats to make a file of fifty megabytes,+1\n"
    with (root / "events" / "018" / "china.csv").open("w", encoding="utf-8") as file:
        file.write("date,event,score\n")
        file.write(row * (50_000_000 // len(row)))
    before = tree_hashes(root)
    result = run(root, "check", "18")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "file-too-large" in result.stdout and "events/018/china.csv" in result.stdout
    assert tree_hashes(root) == before
