"""Problems found in input, each with its place, and the exceptions that carry them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or doubtful) in the input, with where it is and what was expected."""

    code: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None
    sheet: str | None = None
    severity: Severity = "error"

    @property
    def place(self) -> str:
        """`file:line:column` as far as it is known, with the sheet and the field name."""
        parts = [self.file or "<input>"]
        if self.sheet:
            parts[0] += f"[{self.sheet}]"
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        where = ":".join(parts)
        return f"{where} ({self.field})" if self.field else where

    def describe(self) -> str:
        """One line for people: place, code, message, what was found and expected."""
        text = f"{self.place}: {self.severity} [{self.code}] {self.message}"
        if self.value is not None:
            text += f"; found {self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class BarometerError(Exception):
    """Base of every error the tool reports to a user without a traceback (exit code 1)."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as the plain base class with message and problems (errors cross process boundaries)."""
        return (BarometerError._rebuild, (type(self), str(self), self.problems))

    @staticmethod
    def _rebuild(kind: type[BarometerError], message: str, problems: list[Problem]) -> BarometerError:
        error = kind.__new__(kind)
        BarometerError.__init__(error, message, problems)
        return error


class CatalogueInvalid(BarometerError):
    """The input has errors; `problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem], what: str = "input") -> None:
        problems = list(problems)
        count = len(errors_only(problems))
        super().__init__(f"{what} has {count} error{'s' if count != 1 else ''}", problems)


class WorkspaceNotFound(BarometerError):
    """No barometer.toml in the folder or any folder above it."""


class UsageError(BarometerError):
    """The user asked for something that does not exist (an unknown issue or track): exit code 2."""


def relative(path: Path, root: Path | None) -> str:
    """The path as a user would type it: relative to the workspace when inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)
