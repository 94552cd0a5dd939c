"""The typer application and the options every command shares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from barometer import __version__
from barometer.errors import BarometerError, UsageError, printable


class QuietFlags:
    """--help shows a value placeholder only for options that take a value: a flag (`--force`, `--help`) shows
    none, where typer would print `<bool>`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:  # type: ignore[attr-defined]
            if getattr(param, "is_flag", False):
                param.metavar = ""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.metavar = ""
        return option


class Command(QuietFlags, TyperCommand):
    """Every command of the tool (flags without placeholders)."""


class ReportingGroup(QuietFlags, TyperGroup):
    """Turns the tool's own errors into messages and exit codes (1 invalid data, 2 usage), never tracebacks."""

    def invoke(self, ctx: typer.Context) -> object:  # type: ignore[override]
        from rich.markup import escape

        from barometer.cli.common import err, print_problems
        from barometer.lock import on_wait

        on_wait(lambda message: err.print(f"note: {message}", markup=False, highlight=False, soft_wrap=True))
        try:
            return super().invoke(ctx)
        except UsageError as error:
            err.print(f"[red]error:[/] {escape(printable(str(error)))}", markup=True, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except BarometerError as error:
            if error.problems:
                print_problems(error.problems)
            err.print(f"[red]error:[/] {escape(printable(str(error)))}", markup=True, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except OSError as error:  # a folder where a file was asked for, a full disk, no permission
            place = f" {error.filename}" if error.filename else ""
            err.print(f"[red]error:[/] cannot read or write{escape(place)}: {escape(str(error.strerror or error))}",
                      markup=True, highlight=False,
                      soft_wrap=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print("interrupted; every file written so far is whole")
            raise typer.Exit(130) from None


class App(typer.Typer):
    """The typer app whose commands are `Command`s."""

    def command(self, *args: Any, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)


app = App(
    cls=ReportingGroup,
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
