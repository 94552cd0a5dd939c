"""TOML files (barometer.toml, issue.toml, scales): parse and validate with located problems."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from barometer.errors import CatalogueInvalid, Problem

Model = TypeVar("Model", bound=BaseModel)


def read_toml(path: Path, file: str) -> dict[str, Any]:
    """Parse a TOML file; a syntax or encoding error becomes a located problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CatalogueInvalid([Problem("file-missing", f"cannot read the file: {error.strerror}", file=file,
                                        expected="a readable TOML file")], file) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CatalogueInvalid([Problem("encoding", "the file is not UTF-8 text", file=file,
                                        value=str(error.object[error.start:error.start + 4]),
                                        expected="UTF-8 text")], file) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        line, column = (int(match[1]), int(match[2])) if match else (None, None)
        message = re.sub(r"\s*\(at line.*\)$", "", str(error))
        raise CatalogueInvalid([Problem("toml-syntax", message, file=file, line=line,
                                        column=column, expected="valid TOML")], file) from None


def key_line(path: Path, location: tuple[str | int, ...]) -> int | None:
    """Best guess of the line that sets a key: `published.russia.positive` → `positive =` under
    `[published.russia]`; otherwise the first line that sets or opens the last named key."""
    keys = [part for part in location if isinstance(part, str)]
    if not keys:
        return None
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    last = re.escape(keys[-1])
    table = ".".join(keys[:-1])
    if table:
        header = re.compile(rf"^\s*\[+\s*{re.escape(table)}\s*\]+")
        setter = re.compile(rf"^\s*{last}\s*=")
        inside = False
        for number, text in enumerate(lines, start=1):
            if header.match(text):
                inside = True
            elif inside and text.lstrip().startswith("["):
                break
            elif inside and setter.match(text):
                return number
    pattern = re.compile(rf"^\s*(\[+\s*)?[\w.\-\"]*\b{last}\b")
    for number, text in enumerate(lines, start=1):
        if pattern.match(text):
            return number
    return None


def problems_of(error: ValidationError, path: Path, file: str) -> list[Problem]:
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
            code=f"toml-{item['type'].replace('_', '-')}", message=message, file=file,
            line=key_line(path, location), field=field,
            value=None if item["type"] == "missing" or isinstance(value, dict) else str(value),
        ))
    return problems


def load_model(path: Path, file: str, model: type[Model]) -> Model:
    """Read a TOML file into a model; every problem is reported at once with its place."""
    data = read_toml(path, file)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise CatalogueInvalid(problems_of(error, path, file), file) from None
