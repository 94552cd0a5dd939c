"""The command-line interface: `barometer.cli:main` runs the typer app.

Each module here registers its commands on `app`; a command parses its arguments, makes one library
call, prints, and sets the exit code (0 ok, 1 invalid data, 2 usage). `app.ReportingGroup` turns the
tool's own errors into messages, so no traceback reaches a user for bad input.
"""

from __future__ import annotations

from barometer.cli import charts as _charts  # noqa: F401  (registers commands)
from barometer.cli import core as _core  # noqa: F401  (registers commands)
from barometer.cli import entry as _entry  # noqa: F401  (registers commands)
from barometer.cli import history as _history  # noqa: F401  (registers commands)
from barometer.cli import method as _method  # noqa: F401  (registers commands)
from barometer.cli import report as _report  # noqa: F401  (registers commands)
from barometer.cli import site as _site  # noqa: F401  (registers commands)
from barometer.cli import undo as _undo  # noqa: F401  (registers commands)
from barometer.cli.app import app


def main() -> None:
    """Run the command-line interface."""
    app()


__all__ = ["app", "main"]
