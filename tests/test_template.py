"""`barometer template`: the workbook authors fill in, opened with openpyxl as Excel would read it."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.load import load_scale
from barometer.workspace import Workspace

from conftest import tree_hashes

runner = CliRunner()


def template_of(workspace: Path, tmp_path: Path, issue: str) -> openpyxl.Workbook:
    path = tmp_path / f"no{issue}.xlsx"
    result = runner.invoke(app, ["--workspace", str(workspace), "template", issue, "-o", str(path)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(path)


def validations(sheet) -> dict[str, object]:
    return {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}


def test_sheets_are_named_like_the_bulletins_sections(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    book = template_of(workspace, tmp_path, "19")
    assert book.sheetnames == ["Instructions", "Russia", "EU", "China", "U.S.", "Ukraine", "Security"]
    assert [c.value for c in book["Russia"][1]] == ["Date", "Event", "Score", "Source"]
    assert [c.value for c in book["Security"][1]] == ["Date", "Event", "National security", "Regional tension",
                                                      "Source"]
    assert all(len(name) <= 31 for name in book.sheetnames)


def test_header_locked_data_unlocked_sheet_protected(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    sheet = template_of(workspace, tmp_path, "19")["Russia"]
    assert sheet.protection.sheet is True
    assert sheet.freeze_panes == "A2"
    assert all(cell.protection.locked for cell in sheet[1])
    assert all(sheet.column_dimensions[letter].protection.locked is False for letter in "ABCD")
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


def test_scores_have_dropdowns_dates_a_period_rule(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    book = template_of(workspace, tmp_path, "19")
    russia = validations(book["Russia"])
    assert russia["C2"].type == "list"
    assert russia["C2"].formula1 == '"-5,-4,-3,-2,-1,1,2,3,4,5"'
    date_rule = russia["A2"]
    assert date_rule.type == "custom"
    assert "ISTEXT(A2)" in date_rule.formula1
    assert "DATE(2021,1,1)" in date_rule.formula1 and "DATE(2021,2,28)" in date_rule.formula1
    assert date_rule.showInputMessage and "Early February" in date_rule.prompt and "1-18 February" in date_rule.prompt
    assert "3 January" in date_rule.prompt and "December" not in date_rule.prompt
    assert len(date_rule.prompt) <= 255
    security = validations(book["Security"])
    assert security["C2"].formula1 == security["D2"].formula1 == '"-5,-4,-3,-2,-1,0,1,2,3,4,5"'


def test_scores_turn_green_or_red(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    sheet = template_of(workspace, tmp_path, "19")["Russia"]
    rules = [(rule.operator, rule.formula, rule.dxf.fill.bgColor.rgb[-6:])
             for formatting in sheet.conditional_formatting for rule in formatting.rules]
    assert ("greaterThan", ["0"], "C6EFCE") in rules and ("lessThan", ["0"], "FFC7CE") in rules


def test_instructions_hold_the_colour_scale_in_colour(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    sheet = template_of(workspace, tmp_path, "19")["Instructions"]
    scale = load_scale(Workspace.open(workspace).scale_path, "scale")
    fills = {row[0].value: row[0].fill.fgColor.rgb[-6:] for row in sheet.iter_rows() if row[0].value}
    for band in scale.bands:
        assert fills[band.name] == band.colour.lstrip("#").upper()
    text = "\n".join(str(row[0].value) for row in sheet.iter_rows() if row[0].value)
    assert "barometer import no19.xlsx --issue 19" in text and "from -5 to +5, not 0" in text


def test_the_template_of_a_catalogued_issue_holds_its_events(workspace: Path, tmp_path: Path) -> None:
    book = template_of(workspace, tmp_path, "18")
    russia = list(book["Russia"].iter_rows(min_row=2, values_only=True))
    assert len(russia) == 18
    assert russia[0][:3] == ("1 November", "Reduction in roaming fees", 1)
    assert list(book["Security"].iter_rows(min_row=2, max_row=2, values_only=True))[0][:4] == \
        ("November-December", "Progress of the conflict in eastern Ukraine", 1, 1)


def test_template_needs_an_xlsx_name(workspace: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["--workspace", str(workspace), "template", "18", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 2


def test_a_template_of_another_issue_is_refused_naming_both_and_moved_only_with_force(workspace: Path,
                                                                                      tmp_path: Path) -> None:
    for number in ("19", "20"):
        runner.invoke(app, ["--workspace", str(workspace), "new", number])
    book = template_of(workspace, tmp_path, "20")
    book["China"].append(["3 March", "Typed into the template of No. 20", 1])
    book.save(tmp_path / "old.xlsx")
    before = tree_hashes(workspace)
    command = ["--workspace", str(workspace), "import", str(tmp_path / "old.xlsx"), "--issue", "19"]
    refused = runner.invoke(app, command)
    assert refused.exit_code == 1
    assert "template-other-issue" in refused.output and "No. 20 (March-April 2021)" in refused.output
    assert "not No. 19 (January-February 2021)" in refused.output
    forced = runner.invoke(app, [*command, "--force"])  # the year-less date is read in the file's own months
    assert forced.exit_code == 1 and "date-outside-period" in forced.output
    assert "old.xlsx China!A2 (Date)" in forced.output
    assert tree_hashes(workspace) == before
    book["China"]["A2"] = "2021-01-05"  # a date of No. 19: a deliberate move goes through, with a warning
    book.save(tmp_path / "old.xlsx")
    moved = runner.invoke(app, [*command, "--force", "--format", "json"])
    assert moved.exit_code == 0, moved.output
    assert [(w["code"], w["severity"]) for w in json.loads(moved.stdout)["warnings"]] == [
        ("template-other-issue", "warning")]


def test_authors_may_insert_delete_and_format_rows_and_add_hyperlinks(workspace: Path, tmp_path: Path) -> None:
    sheet = template_of(workspace, tmp_path, "18")["EU"]
    protection = sheet.protection
    assert protection.sheet is True and all(cell.protection.locked for cell in sheet[1])
    for action in ("insertRows", "deleteRows", "formatCells", "formatColumns", "formatRows", "insertHyperlinks",
                   "sort", "autoFilter"):
        assert getattr(protection, action) is False, action  # False: the action is not protected
    assert protection.insertColumns is True and protection.deleteColumns is True


@pytest.mark.parametrize("row", [1000, 5000])
def test_checks_and_colours_reach_far_below_the_header(workspace: Path, tmp_path: Path, row: int) -> None:
    sheet = template_of(workspace, tmp_path, "18")["EU"]
    for cell in (f"A{row}", f"C{row}"):
        assert any(cell in validation.sqref for validation in sheet.data_validations.dataValidation), cell
    assert any(f"C{row}" in formatting.sqref for formatting in sheet.conditional_formatting)
    assert not any("A1" in validation.sqref or "C1" in validation.sqref
                   for validation in sheet.data_validations.dataValidation)


def test_the_date_column_is_text_so_excel_keeps_3_november_as_typed(workspace: Path, tmp_path: Path) -> None:
    book = template_of(workspace, tmp_path, "18")
    for sheet in (book["Russia"], book["Security"]):
        assert sheet.column_dimensions["A"].number_format == "@"
        assert all(row[0].number_format == "@" for row in sheet.iter_rows(min_row=2, max_col=1))
    instructions = " ".join(str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value)
    assert "formatted as Text" in instructions and "apostrophe" not in instructions


# --- a workbook to type into ------------------------------------------------------------------------------------


def test_event_text_wraps_and_rows_are_as_high_as_their_text(workspace: Path, tmp_path: Path) -> None:
    sheet = template_of(workspace, tmp_path, "18")["Russia"]
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert widths["B"] >= 60 and widths["A"] >= len("November-December") and widths["C"] < 10
    for letter in "BD":  # event and source: every cell wraps, and a cell typed later does too (the column's style)
        assert sheet.column_dimensions[letter].alignment.wrap_text
        assert all(cell.alignment.wrap_text and cell.alignment.vertical == "top" for cell in sheet[letter][1:])
    long = next(row[0].row for row in sheet.iter_rows(min_row=2) if row[1].value.startswith("Media policy"))
    short = next(row[0].row for row in sheet.iter_rows(min_row=2) if row[1].value == "Reduction in roaming fees")
    assert sheet.row_dimensions[long].height == 30 and sheet.row_dimensions[short].height is None


def test_catalogue_sheets_print_with_their_header_on_every_page(workspace: Path, tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    book = template_of(workspace, tmp_path, "19")
    sheet = book["Security"]  # empty: its header still repeats on every printed page
    assert sheet.print_title_rows == "$1:$1" and sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    assert "No. 19" in sheet.oddHeader.left.text and "&P" in sheet.oddFooter.center.text
    assert book["Instructions"].page_setup.orientation == "portrait"


def test_the_instructions_fit_a_page_and_give_examples_from_the_issues_months(workspace: Path,
                                                                               tmp_path: Path) -> None:
    runner.invoke(app, ["--workspace", str(workspace), "new", "19"])
    sheet = template_of(workspace, tmp_path, "19")["Instructions"]
    width = sum(sheet.column_dimensions[letter].width for letter in "ABC")
    assert width <= 100 and sheet.max_column == 3  # nothing runs off the page to the right
    text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    assert "'3 January' as typed" in text and "1-18 February" in text and "Early February" in text
    assert "November" not in text and "December" not in text
    merged = {str(r) for r in sheet.merged_cells.ranges}
    paragraph = next(row[0] for row in sheet.iter_rows() if str(row[0].value).startswith("Events already"))
    assert f"A{paragraph.row}:C{paragraph.row}" in merged and paragraph.alignment.wrap_text
    assert sheet.row_dimensions[paragraph.row].height >= 30  # as high as its wrapped lines
    band = next(row for row in sheet.iter_rows() if row[0].value == "Green")
    assert all(cell.alignment.vertical == "top" for cell in band)  # level, bounds and meaning side by side
