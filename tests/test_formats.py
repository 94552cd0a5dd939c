"""Output formats behind one interface, and problem codes from one registry."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.errors import Code, Problem, UsageError
from barometer.io.formats import Output, Table, format_of, write

runner = CliRunner()
RISKY = "=1+1"


def test_a_problem_with_a_code_outside_the_registry_is_refused() -> None:
    assert Problem("date-invalid", "x").code is Code.DATE_INVALID
    with pytest.raises(ValueError, match="not a valid Code"):
        Problem("date-wrong", "x")


def test_codes_follow_one_naming_scheme() -> None:
    values = [code.value for code in Code]
    assert len(values) == len(set(values))
    assert all(value == value.lower() and " " not in value and "_" not in value for value in values)
    assert not [v for v in values if v.startswith("unknown-")]  # the thing first, then what is wrong with it


def test_every_workbook_cell_stores_text_as_text(tmp_path: Path) -> None:
    tables = [Table([RISKY, "n"], [[RISKY, 1], ["@SUM(A1)", None]], name=RISKY, title=RISKY),
              Table(["a"], [["+1-1"]], name="Other")]
    target = tmp_path / "book.xlsx"
    target.write_bytes(write(Output({}, tables), "xlsx"))
    with zipfile.ZipFile(target) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    book = openpyxl.load_workbook(target)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.value for c in cells} >= {RISKY, "@SUM(A1)", "+1-1", 1}
    assert all(c.data_type == "s" for c in cells if isinstance(c.value, str))


def test_csv_holds_the_first_table_and_json_the_data() -> None:
    output = Output({"a": [1, None]}, [Table(["x", "y"], [[1, None], ["é", "b,c"]]), Table(["z"], [[2]])])
    assert write(output, "csv") == "x,y\n1,\né,\"b,c\"\n".encode()
    assert json.loads(write(output, "json")) == {"a": [1, None]}


def test_a_suffix_names_its_format() -> None:
    assert format_of(Path("a.XLSX")) == "xlsx"
    with pytest.raises(UsageError, match=r"expected a file ending in \.csv, \.json, \.xlsx"):
        format_of(Path("a.pdf"))


@pytest.mark.parametrize("command", [["summary", "18"], ["check"], ["scale"], ["compare", "16", "18"], ["history"]])
def test_every_table_command_writes_every_format(workspace: Path, tmp_path: Path, command: list[str]) -> None:
    for fmt in ("json", "csv", "xlsx"):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(app, ["--workspace", str(workspace), *command, "-o", str(target)])
        assert result.exit_code == 0, result.output
        data = target.read_bytes()
        if fmt == "json":
            assert json.loads(data)
        elif fmt == "csv":
            assert list(csv.reader(io.StringIO(data.decode())))[0]
        else:
            assert openpyxl.load_workbook(target).worksheets[0].max_row >= 1
    assert runner.invoke(app, ["--workspace", str(workspace), *command, "-o", str(tmp_path / "x.txt")]).exit_code == 2


def test_a_workbook_without_output_goes_to_reports(workspace: Path) -> None:
    result = runner.invoke(app, ["--workspace", str(workspace), "summary", "18", "--format", "xlsx"])
    assert result.exit_code == 0 and "wrote reports/summary-018.xlsx" in result.output
    rows = list(openpyxl.load_workbook(workspace / "reports" / "summary-018.xlsx").active.values)
    assert rows[0][:3] == ("track", "aggregate", "positive") and rows[1][:2] == ("russia", 14)
