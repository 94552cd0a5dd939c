"""Outputs never replace a user's file unasked, never execute, and print as they are; hints never propose
work-losing commands."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from barometer.cli import app

from conftest import DATA, tree_hashes

runner = CliRunner()

# Every command that writes a file for people, with the output option it takes.
OUTPUTS = [
    ("template", ["template", "18", "-o", "{out}.xlsx"], ".xlsx"),
    ("export", ["export", "18", "-o", "{out}.csv"], ".csv"),
    ("compare", ["compare", "16", "18", "-o", "{out}.json"], ".json"),
    ("history", ["history", "-o", "{out}.csv"], ".csv"),
    ("summary-xlsx", ["summary", "18", "--format", "xlsx", "-o", "{out}.xlsx"], ".xlsx"),
    ("check", ["check", "18", "-o", "{out}.json"], ".json"),
    ("scale", ["scale", "-o", "{out}.csv"], ".csv"),
]


def invoke(root: Path, *args: str) -> object:
    return runner.invoke(app, ["--workspace", str(root), *args])


@pytest.mark.parametrize(("name", "command", "suffix"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_an_output_never_replaces_a_users_file_unasked(workspace: Path, tmp_path: Path, name: str,
                                                       command: list[str], suffix: str) -> None:
    target = tmp_path / f"mine{suffix}"
    target.write_bytes(b"an author's own work")
    args = [part.replace("{out}", str(tmp_path / "mine")) for part in command]
    refused = invoke(workspace, *args)
    assert refused.exit_code == 1, refused.output
    assert "output-exists" in refused.output and "mine" in refused.output and "--force" in refused.output
    assert target.read_bytes() == b"an author's own work"
    forced = invoke(workspace, *args, "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() != b"an author's own work"


@pytest.mark.parametrize(("name", "command", "suffix"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_the_tools_own_unchanged_output_is_replaced_and_an_edited_one_is_not(workspace: Path, tmp_path: Path,
                                                                             name: str, command: list[str],
                                                                             suffix: str) -> None:
    args = [part.replace("{out}", str(tmp_path / "made")) for part in command]
    assert invoke(workspace, *args).exit_code == 0
    again = invoke(workspace, *args)
    assert again.exit_code == 0, again.output  # its own output, unchanged: written again
    target = tmp_path / f"made{suffix}"
    target.write_bytes(target.read_bytes() + b" ")  # edited since
    refused = invoke(workspace, *args)
    assert refused.exit_code == 1 and "output-exists" in refused.output


def test_report_refuses_to_replace_a_pdf_it_did_not_write_before_building_anything(workspace: Path) -> None:
    pdf = workspace / "reports" / "018.pdf"
    pdf.write_bytes(b"%PDF-1.7 a bulletin edited by hand")
    before = tree_hashes(workspace)
    result = invoke(workspace, "report", "18")
    assert result.exit_code == 1 and "output-exists" in result.output and "reports/018.pdf" in result.output
    assert tree_hashes(workspace) == before


def test_charts_claim_every_file_before_writing_any(workspace: Path, tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "overview.svg").write_text("<svg>mine</svg>", encoding="utf-8")
    result = invoke(workspace, "charts", "18", "--out", str(folder), "--format", "svg")
    assert result.exit_code == 1 and "output-exists" in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["overview.svg"]
    assert invoke(workspace, "charts", "18", "--out", str(folder), "--format", "svg", "--force").exit_code == 0
    assert len(list(folder.iterdir())) > 5
    assert invoke(workspace, "charts", "18", "--out", str(folder), "--format", "svg").exit_code == 0  # its own


def test_a_label_that_looks_like_a_formula_stays_text_in_every_workbook(workspace: Path, tmp_path: Path) -> None:
    config = workspace / "barometer.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('label = "Russia"', 'label = "=1+1"', 1),
                      encoding="utf-8")
    assert invoke(workspace, "export", "18", "-o", str(tmp_path / "e.xlsx")).exit_code == 0
    assert invoke(workspace, "template", "18", "-o", str(tmp_path / "t.xlsx")).exit_code == 0
    for name in ("e.xlsx", "t.xlsx"):
        book = openpyxl.load_workbook(tmp_path / name)
        cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith("=")]
        assert all(c.data_type == "s" for c in cells), name
        assert "=1+1" in book.sheetnames  # a sheet's name is never evaluated
    summary = openpyxl.load_workbook(tmp_path / "e.xlsx")["Summary"]
    assert any(c.value == "=1+1" and c.data_type == "s" for row in summary.iter_rows() for c in row)


def test_markup_in_an_event_text_and_a_file_name_prints_as_it_is(workspace: Path, tmp_path: Path) -> None:
    assert invoke(workspace, "new", "19").exit_code == 0
    added = invoke(workspace, "add", "19", "russia", "[/] [bold]x", "--date", "5 January", "--score", "+1")
    assert added.exit_code == 0, added.output
    assert "[/] [bold]x" in added.output
    folder = tmp_path / "["
    folder.mkdir()
    odd = folder / "].csv"  # the path '[/].csv'
    odd.write_text("date,event,score\n2021-01-06,[red]evil[/] [/],+1\n", encoding="utf-8")
    imported = invoke(workspace, "import", str(odd), "--issue", "19", "--track", "russia")
    assert imported.exit_code == 0, imported.output
    assert "Russia: 1 in the file, 1 before — 1 added" in imported.output
    assert "added    6 January: +1 [red]evil[/] [/]" in imported.output
    refused = invoke(workspace, "import", str(odd), "--issue", "19")  # no track in its name: a usage error
    assert refused.exit_code == 2 and "[/].csv" in refused.output.replace("\n", "")
    again = invoke(workspace, "add", "19", "russia", "[/] [bold]x", "--date", "5 January", "--score", "+1")
    assert again.exit_code == 1 and "already holds this event" in again.output
    assert refused.exception is None or isinstance(refused.exception, SystemExit)


def test_hints_propose_nothing_that_loses_work(workspace: Path, tmp_path: Path) -> None:
    cp1251 = invoke(workspace, "import", str(DATA / "bad" / "cp1251.csv"), "--issue", "18", "--track", "china")
    assert cp1251.exit_code == 1 and "--encoding cp1251" in cp1251.output and "--replace" not in cp1251.output
    assert invoke(workspace, "new", "19").exit_code == 0
    book_path = tmp_path / "no19_filled.xlsx"
    assert invoke(workspace, "template", "19", "-o", str(book_path)).exit_code == 0
    assert invoke(workspace, "add", "19", "eu", "Late addition", "--date", "Late January", "--score", "-1"
                  ).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    book["EU"].append(["5 February", "Statement on sanctions", -1])
    book.save(book_path)
    refused = invoke(workspace, "import", str(book_path), "--issue", "19", "--replace")
    assert refused.exit_code == 1 and "catalogue-changed-since-template" in refused.output
    shown = refused.output.replace("\n", "").replace(str(tmp_path) + "/", "")
    assert "-o no19_filled-fresh.xlsx" in shown  # beside the workbook imported
    assert "-o no19_filled.xlsx" not in shown


def test_a_file_name_with_a_newline_or_a_bidi_control_is_shown_escaped(workspace: Path, tmp_path: Path) -> None:
    odd = tmp_path / "a\nb\u202e.csv"
    odd.write_text("date,event,score\n2020-11-05,Newline in its name,+9\n", encoding="utf-8")
    result = invoke(workspace, "import", str(odd), "--issue", "18", "--track", "china")
    assert result.exit_code == 1 and "a\\x0ab\\u202e.csv:2:3" in result.output
