"""`barometer charts`: every chart of an issue written to a folder, as PDF, SVG or PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer
from rich import box
from rich.table import Table

from barometer.cli.app import app
from barometer.cli.common import ForceOption, out, workspace_of
from barometer.errors import UsageError

CHART_FORMATS = ("pdf", "svg", "png")  # as `barometer.charts.FORMATS`, known here without importing matplotlib
ChartFormat = Literal[CHART_FORMATS]  # type: ignore[valid-type]


@app.command()
def charts(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the charts into (created if needed).")],
    chart_format: Annotated[ChartFormat, typer.Option("--format", "-f", help="pdf (vector), svg or png.")] = "pdf",
    force: ForceOption = False,
) -> None:
    """Draw an issue's charts: the overview, indices across issues, regional tension over its bands, and each
    relationship's cumulative score."""
    from barometer.charts import render_issue_charts
    from barometer.load import Loader
    from barometer.outputs import write_rendered

    workspace = workspace_of(ctx)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"--out {out_dir} is a file; give a folder for the charts")
    workspace.require_output(out_dir, "--out")
    data = Loader(workspace).issue_data(issue)
    written = write_rendered(workspace, out_dir, lambda folder: render_issue_charts(data, folder, chart_format),
                             force)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Chart")
    table.add_column("File")
    table.add_column("Size", justify="right")
    for name, path in written.items():
        table.add_row(name, path.name, f"{path.stat().st_size / 1024:.0f} KB")
    out.print(table)
    folder = workspace.display(out_dir)
    out.print(f"wrote {len(written)} {chart_format.upper()} chart(s) of No. {issue} to {folder}", soft_wrap=True)
