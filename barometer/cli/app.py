"""The typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from barometer import __version__

app = typer.Typer(
    name="barometer",
    help="Catalogues of foreign-policy and security events → indices, bulletin PDF, comparisons.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"barometer {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option("--workspace", "-w", help="Workspace folder (default: found from the current folder upwards).",
                     file_okay=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """barometer: catalogues of dated, scored events → indices, the bulletin PDF, comparisons."""
    ctx.obj = {"workspace": workspace}
