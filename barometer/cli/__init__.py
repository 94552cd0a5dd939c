"""The command-line interface: `barometer.cli:main` runs the typer app with user-facing error handling.

Each module here registers its commands on `app`; a command parses its arguments, makes one library
call, prints, and sets the exit code (0 ok, 1 invalid data, 2 usage).
"""

from __future__ import annotations

import sys

from barometer.cli import core as _core  # noqa: F401  (registers commands)
from barometer.cli.app import app
from barometer.errors import BarometerError, UsageError


def main() -> None:
    """Run the CLI; a `BarometerError` becomes a message and exit code, never a traceback."""
    from barometer.cli.common import err, print_problems

    try:
        app(standalone_mode=True)
    except UsageError as error:
        err.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(2)
    except BarometerError as error:
        if error.problems:
            print_problems(error.problems)
        err.print(f"[red]error:[/] {error}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted; nothing was left half-written")
        sys.exit(130)


__all__ = ["app", "main"]
