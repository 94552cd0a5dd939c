"""The bad-input corpus: every file in tests/data/bad goes through the command that would meet it.

Each case asserts the problem's code and place, exit code 1, no traceback, and a workspace left
byte-for-byte as it was. A file of the corpus without a case here fails the test, so none is forgotten.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
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
    place: str  # as printed: file[:line[:column]], or a workbook's 'file Sheet!C3'
    message: str = ""  # words the message must hold (what was found, what to do)


def catalogue(fixture: str, code: str, place: str, track: str = "china", message: str = "") -> Case:
    target = f"events/018/{track}.csv"
    return Case(fixture, target, ("check", "18"), code, place.replace("@", target), message)


def imported(fixture: str, code: str, place: str, message: str = "") -> Case:
    """A file given to `barometer import … --issue 18`; `place` follows the file's name (' Sheet!C3', ':line')."""
    return Case(fixture, "", ("import", "{file}", "--issue", "18"), code, f"{fixture}{place}", message)


XLSX = [
    imported("score-7.xlsx", "score-out-of-bounds", " Russia!C3 (Score)"),
    imported("formula-in-score.xlsx", "formula-not-allowed", " Russia!C3 (Score)"),
    imported("day-not-in-month.xlsx", "date-invalid", " Russia!A3 (Date)"),
    imported("date-empty.xlsx", "date-empty", " Russia!A3 (Date)"),
    imported("date-outside-period.xlsx", "date-outside-period", " Russia!A3 (Date)"),
    imported("unknown-sheet.xlsx", "sheet-unknown", " 'Belarus-Japan'"),
    imported("missing-header.xlsx", "column-missing", " Russia!C1 (Score)"),
    imported("merged-cells.xlsx", "cells-merged", " Russia!B2"),
    imported("truncated.xlsx", "xlsx-invalid", ""),
    imported("entity-bomb.xlsx", "xlsx-xml-entities", ""),
    imported("zip-bomb.xlsx", "xlsx-too-large", ""),
    imported("far-cell.xlsx", "sheet-too-large", " Russia!XFD1048576"),
    imported("template-other-issue.xlsx", "template-other-issue", "",
             "the template of No. 24 (November-December 2021), not No. 18 (November-December 2020)"),
    imported("excel-date-current-year.xlsx", "date-outside-period", " Russia!A3 (Date)",
             "Excel turned this date into a date of 2026"),
    imported("encrypted.xlsx", "xlsx-encrypted", "", "protected with a password"),
]

PASTED = [
    imported("pasted-score-missing.txt", "score-empty", ":5 (Score)"),
    imported("pasted-score-not-a-number.txt", "score-not-integer", ":5 (Score)"),
    imported("pasted-extra-score.txt", "cell-extra", ":4 (Score)"),
    imported("pasted-date-invalid.txt", "date-invalid", ":4 (Date)"),
    imported("pasted-security-one-score.txt", "score-empty", ":6 (Regional tension)"),
    imported("pasted-line-unrecognised.txt", "line-unrecognised", ":6"),
    imported("pasted-text-before-heading.txt", "text-before-heading", ":2"),
    imported("pasted-text-outside-section.txt", "text-outside-section", ":6"),
    imported("pasted-heading-unknown.txt", "heading-unknown", ":7"),
    imported("pasted-section-repeated.txt", "section-repeated", ":13"),
    imported("pasted-header-mismatch.txt", "header-mismatch", ":3"),
    imported("pasted-total-not-a-number.txt", "total-not-a-number", ":5 (Score)"),
    imported("pasted-total-repeated.txt", "total-repeated", ":6 (Score)"),
    imported("pasted-cp1251.txt", "file-not-utf8", ":4:12"),
    imported("pasted-level-unknown.txt", "level-unknown", ""),
    imported("pasted-other-issue.txt", "text-other-issue", ":3",
             "No. 24 (November-December 2021) as its line 3 says, not No. 18 (November-December 2020)"),
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
    catalogue("score-arabic-indic.csv", "score-not-integer", "@:2:3", message="'+\u0661'"),
    catalogue("score-fullwidth.csv", "score-not-integer", "@:3:3", message="'\uff0b\uff12'"),
    catalogue("text-invisible.csv", "text-invisible", "@:2:2", message="no visible character"),
    catalogue("text-bidi-override.csv", "text-bidi-control", "@:2:2", message="U+202E"),
    catalogue("utf16-no-bom.csv", "file-not-utf8", "@:1:1", message="UTF-16"),
    catalogue("date-fullwidth-digit.csv", "date-invalid", "@:2:1", message="U+FF13"),
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
    Case("barometer-nested.toml", "barometer.toml", ("check",), "toml-too-deep", "barometer.toml:1:30",
         "nested more than 20 deep"),
    Case("barometer-score-bounds-huge.toml", "barometer.toml", ("check",), "toml-value-invalid",
         "barometer.toml:11", "greater than or equal to -100"),
    Case("barometer-track-repeated.toml", "barometer.toml", ("check",), "track-id-repeated", "barometer.toml:60",
         "track id 'russia' is given to two tracks"),
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
    assert case.message in output, output
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


# --- situations no file can hold: links out of the workspace, pipes, folders, devices, numbers past the calendar.
# Each is set up in a fresh copy of the workspace and asserted like a file of the corpus (a command that would
# hang on a pipe fails the test by its timeout).

SECRET = "root:x:0:0:a line of a file outside the workspace"


def outside_file(root: Path) -> Path:
    secret = root.parent / "outside.txt"
    secret.write_text(f"date,event,score\n{SECRET},+1\n", encoding="utf-8")
    return secret


def link_out(name: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        target.symlink_to(outside_file(root))
    return setup


def replaced_by(name: str, kind: str) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        target = root / name
        target.unlink()
        if kind == "pipe":
            os.mkfifo(target)
        elif kind == "folder":
            target.mkdir()
        elif kind == "zero":
            target.symlink_to("/dev/zero")
    return setup


def link_loop(root: Path) -> None:
    catalogue, other = root / "events/018/china.csv", root / "events/018/loop.csv"
    catalogue.unlink()
    catalogue.symlink_to(other)
    other.symlink_to(catalogue)


def integer_of_5000_digits(root: Path) -> None:
    issue = root / "events/018/issue.toml"
    issue.write_text(issue.read_text(encoding="utf-8") + "\n[extra]\nx = " + "9" * 5000 + "\n", encoding="utf-8")


def scale_in_dev_zero(root: Path) -> None:
    config = root / "barometer.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'(?m)^scale = ".*"$', 'scale = "/dev/zero"', text) if "scale =" in text
                      else f'scale = "/dev/zero"\n{text}', encoding="utf-8")


def long_cell(root: Path) -> None:
    (root / "events/018/china.csv").write_text(f"date,event,score\n2020-11-03,{'x' * 200_000},+1\n", encoding="utf-8")


def issue_at_the_end_of_time(root: Path) -> None:
    folder = root / "events" / "029"
    folder.mkdir()
    (folder / "issue.toml").write_text('number = 29\n[period]\nstart = "9999-11"\nend = "9999-12"\n', encoding="utf-8")


def logo_out(root: Path) -> None:
    (root / "reports/templates/logo.png").symlink_to(outside_file(root))


@dataclass(frozen=True)
class Situation:
    name: str
    setup: Callable[[Path], None]
    command: tuple[str, ...]
    code: str  # the problem's code, or words of the message for a usage error
    place: str
    exit_code: int = 1


SITUATIONS = [
    Situation("catalogue-linked-outside", link_out("events/018/china.csv"), ("check", "18"),
              "file-outside-workspace", "events/018/china.csv"),
    Situation("narrative-linked-outside", link_out("events/018/text/china.md"), ("report", "18"),
              "file-outside-workspace", "events/018/text/china.md"),
    Situation("issue-toml-linked-outside", link_out("events/018/issue.toml"), ("check", "18"),
              "file-outside-workspace", "events/018/issue.toml"),
    Situation("logo-linked-outside", logo_out, ("report", "18"), "file-outside-workspace",
              "reports/templates/logo.png"),
    Situation("catalogue-a-pipe", replaced_by("events/018/china.csv", "pipe"), ("check", "18"), "file-not-regular",
              "events/018/china.csv"),
    Situation("catalogue-a-folder", replaced_by("events/018/china.csv", "folder"), ("check", "18"),
              "file-not-regular", "events/018/china.csv"),
    Situation("catalogue-linked-to-dev-zero", replaced_by("events/018/china.csv", "zero"), ("check", "18"),
              "file-outside-workspace", "events/018/china.csv"),
    Situation("catalogue-a-link-loop", link_loop, ("check", "18"), "a link that leads back to itself",
              "events/018/china.csv"),
    Situation("issue-toml-a-pipe", replaced_by("events/018/issue.toml", "pipe"), ("check", "18"), "file-not-regular",
              "events/018/issue.toml"),
    Situation("scale-in-dev-zero", scale_in_dev_zero, ("check",), "file-outside-workspace", "/dev/zero"),
    Situation("integer-of-5000-digits", integer_of_5000_digits, ("check", "18"), "toml-value-invalid",
              "events/018/issue.toml"),
    Situation("workspace-cannot-be-locked", lambda root: (root / ".barometer").write_text("a file", encoding="utf-8"),
              ("add", "18", "china", "Talks", "--date", "3 November", "--score", "+1"),
              "cannot lock the workspace", "nothing was written"),
    Situation("cell-of-200-kb", long_cell, ("check", "18"), "cell-too-long", "events/018/china.csv:2"),
    Situation("new-past-year-9999", issue_at_the_end_of_time, ("new", "30"), "year 10000 is out of range",
              "the period of No. 30 cannot be worked out"),
    Situation("report-among-the-catalogues", lambda root: None, ("report", "18", "-o", "events/018/x.pdf"),
              "lies among the catalogues", "events/018/x.pdf", exit_code=2),
]


@pytest.mark.parametrize("situation", SITUATIONS, ids=lambda situation: situation.name)
def test_a_hostile_situation_is_located_refused_and_changes_nothing(situation: Situation, tmp_path: Path) -> None:
    root = copy_workspace(tmp_path / "ws")
    situation.setup(root)
    before = tree_hashes(root) if situation.name not in ("catalogue-a-pipe", "issue-toml-a-pipe",
                                                          "catalogue-linked-to-dev-zero") else None
    result = run(root, *situation.command)
    output = result.stdout + result.stderr
    assert result.returncode == situation.exit_code, output
    assert "Traceback" not in output
    assert situation.code in output and situation.place in output, output
    assert SECRET not in output
    if before is not None:
        assert tree_hashes(root) == before
    assert not (root / "reports" / "018.pdf").exists()
