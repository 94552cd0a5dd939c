"""Documentation cannot drift: every command is in the README and has help."""

from __future__ import annotations

import typer.main
from typer.testing import CliRunner

from barometer.cli import app

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_is_in_the_readme() -> None:
    assert commands()
    missing = [name for name in commands() if f"barometer {name}" not in README]
    assert missing == []


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name in commands():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        group = typer.main.get_command(app)
        assert group.commands[name].help, name  # type: ignore[attr-defined]


def test_the_readme_starts_with_the_two_commands() -> None:
    blocks = README.split("```sh\n")[1:3]
    assert blocks[0].startswith("pip install . && barometer report 18")
    assert "pytest" in blocks[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1].splitlines()[0] in ci
