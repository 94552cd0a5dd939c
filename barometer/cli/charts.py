"""`barometer charts`: every chart of an issue written to a folder, as PDF, SVG or PNG."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from barometer.cli.app import app
from barometer.cli.common import out, workspace_of


class ChartFormat(StrEnum):
    pdf = "pdf"
    svg = "svg"
    png = "png"


@app.command()
def charts(
    ctx: typer.Context,
    issue: Annotated[int, typer.Argument(help="Issue number, e.g. 18.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the charts into (created if needed).")],
    chart_format: Annotated[ChartFormat, typer.Option("--format", "-f", help="pdf (vector), svg or png.")]
    = ChartFormat.pdf,
) -> None:
    """Draw an issue's charts: the overview, indices across issues, regional tension over its bands, and each
    relationship's cumulative score."""
    from barometer.charts import render_issue_charts

    workspace = workspace_of(ctx)
    written = render_issue_charts(workspace, issue, out_dir, chart_format.value)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Chart")
    table.add_column("File")
    table.add_column("Size", justify="right")
    for name, path in written.items():
        table.add_row(name, path.name, f"{path.stat().st_size / 1024:.0f} KB")
    out.print(table)
    folder = workspace.display(out_dir)
    out.print(f"wrote {len(written)} {chart_format.value.upper()} chart(s) of No. {issue} to {folder}", soft_wrap=True)
