"""TOML files (barometer.toml, issue.toml, scales): read, parse and validate with located problems."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from barometer.errors import Code, InputInvalid, Problem

Model = TypeVar("Model", bound=BaseModel)


def read_toml_text(path: Path, file: str) -> str:
    """A TOML file's text; a file that cannot be read or is not UTF-8 becomes a located problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputInvalid([Problem(Code.FILE_MISSING, f"cannot read the file: {error.strerror}", file=file,
                                        expected="a readable TOML file")], file) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputInvalid([Problem(Code.FILE_NOT_UTF8, "the file is not UTF-8 text", file=file,
                                        value=str(error.object[error.start:error.start + 4]),
                                        expected="UTF-8 text")], file) from None


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes a located problem."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = re.sub(r"\s*\(at line.*\)$", "", str(error))
        raise InputInvalid([Problem(Code.TOML_SYNTAX, message, file=file, line=line,
                                        column=column, expected="valid TOML")], file) from None


def key_line(text: str, location: tuple[str | int, ...]) -> int | None:
    """Best guess of the line of `text` that sets a key: `published.russia.positive` → `positive =` under
    `[published.russia]`; otherwise the first line that sets or opens the last named key."""
    keys = [part for part in location if isinstance(part, str)]
    if not keys:
        return None
    lines = text.splitlines()
    last = re.escape(keys[-1])
    table = ".".join(keys[:-1])
    if table:
        header = re.compile(rf"^\s*\[+\s*{re.escape(table)}\s*\]+")
        setter = re.compile(rf"^\s*{last}\s*=")
        inside = False
        for number, line in enumerate(lines, start=1):
            if header.match(line):
                inside = True
            elif inside and line.lstrip().startswith("["):
                break
            elif inside and setter.match(line):
                return number
    pattern = re.compile(rf"^\s*(\[+\s*)?[\w.\-\"]*\b{last}\b")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    return None


_TOML_CODES = {"extra_forbidden": Code.TOML_KEY_UNKNOWN, "missing": Code.TOML_KEY_MISSING}


def problems_of(error: ValidationError, text: str, file: str) -> list[Problem]:
    problems = []
    for item in error.errors():
        location = tuple(item["loc"])
        field = ".".join(str(part) for part in location) or None
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key"
        elif item["type"] == "missing":
            message = "required key is missing"
        value = item.get("input")
        problems.append(Problem(
            code=_TOML_CODES.get(item["type"], Code.TOML_VALUE_INVALID), message=message, file=file,
            line=key_line(text, location), field=field,
            value=None if item["type"] == "missing" or isinstance(value, dict) else str(value),
        ))
    return problems


def parse_model(text: str, file: str, model: type[Model]) -> Model:
    """TOML text into a model; every problem is reported at once with its place."""
    data = parse_toml(text, file)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputInvalid(problems_of(error, text, file), file) from None


def load_model(path: Path, file: str, model: type[Model]) -> Model:
    """Read a TOML file into a model; every problem is reported at once with its place."""
    return parse_model(read_toml_text(path, file), file, model)
