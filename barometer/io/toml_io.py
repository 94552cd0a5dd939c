"""TOML files (barometer.toml, issue.toml, scales): read, parse and validate with located problems."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from barometer.errors import Code, InputInvalid, Problem
from barometer.io.boundary import read_checked

Model = TypeVar("Model", bound=BaseModel)


MAX_TOML_BYTES = 1_000_000  # barometer.toml, an issue.toml or a scale is a few KB
MAX_NESTING = 20  # tables and arrays inside one another; the tool's own files nest three deep


def read_toml_text(path: Path, file: str, root: Path | None = None) -> str:
    """A TOML file's text; a file that cannot be read (or, with `root`, lies outside it, or is no regular file)
    or is not UTF-8 becomes a located problem."""
    data, problems = read_checked(path, file, MAX_TOML_BYTES, root, "a TOML file")
    if problems:
        raise InputInvalid(problems, file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputInvalid([Problem(Code.FILE_NOT_UTF8, "the file is not UTF-8 text", file=file,
                                        value=str(error.object[error.start:error.start + 4]),
                                        expected="UTF-8 text")], file) from None


def nesting_problem(text: str, file: str, limit: int = MAX_NESTING) -> Problem | None:
    """Arrays and inline tables nested deeper than `limit` (tomllib would recurse until Python gives up), at the
    line and column where the nesting passes the limit. Strings and comments are skipped."""
    depth, line, start, index, length = 0, 1, 0, 0, len(text)
    while index < length:
        char = text[index]
        if char == "\n":
            line, start = line + 1, index + 1
        elif char == "#":
            end = text.find("\n", index)
            index = length if end < 0 else end
            continue
        elif char in "\"'":
            quote = text[index:index + 3] if text.startswith(char * 3, index) else char
            end = index + len(quote)
            while True:
                end = text.find(quote, end)
                if end < 0 or char == "'" or text[end - 1] != "\\" or _escaped_backslash(text, end - 1):
                    break
                end += 1
            end = length if end < 0 else end + len(quote)
            line += text.count("\n", index, end)
            if "\n" in text[index:end]:
                start = text.rfind("\n", index, end) + 1
            index = end
            continue
        elif char in "[{":
            depth += 1
            if depth > limit:
                return Problem(Code.TOML_TOO_DEEP, f"arrays or tables nested more than {limit} deep", file=file,
                               line=line, column=index - start + 1, expected=f"at most {limit} levels of nesting")
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1
    return None


def _escaped_backslash(text: str, index: int) -> bool:
    """True when the backslash at `index` is itself escaped (an even run of backslashes ends there)."""
    run = 0
    while index >= 0 and text[index] == "\\":
        run, index = run + 1, index - 1
    return run % 2 == 0


def parse_toml(text: str, file: str) -> dict[str, Any]:
    """Parse TOML text; a syntax error, or nesting too deep to parse, becomes a located problem."""
    deep = nesting_problem(text, file)
    if deep is not None:
        raise InputInvalid([deep], file)
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise InputInvalid([Problem(Code.TOML_TOO_DEEP, "arrays or tables nested too deep to read", file=file,
                                    expected=f"at most {MAX_NESTING} levels of nesting")], file) from None
    except ValueError as error:
        if not isinstance(error, tomllib.TOMLDecodeError):  # a number of thousands of digits, which Python refuses
            raise InputInvalid([Problem(Code.TOML_VALUE_INVALID, f"a value cannot be read: {error}", file=file,
                                        expected="numbers of at most a few digits")], file) from None
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


_TOML_CODES = {"extra_forbidden": Code.TOML_KEY_UNKNOWN, "missing": Code.TOML_KEY_MISSING,
               "track_id_repeated": Code.TRACK_ID_REPEATED}


def value_line(text: str, key: str, value: object, occurrence: int = 1) -> int | None:
    """The line of the `occurrence`-th `key = "value"` (a value given twice, such as a track's id)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=\s*[\"']{re.escape(str(value))}[\"']\s*(?:#.*)?$")
    found = [number for number, line in enumerate(text.splitlines(), start=1) if pattern.match(line)]
    return found[occurrence - 1] if len(found) >= occurrence else (found[-1] if found else None)


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
        context = item.get("ctx") or {}
        line = key_line(text, location)
        if "key" in context and "value" in context:  # a value given twice: the line of its second time
            line = value_line(text, context["key"], context["value"], context.get("occurrence", 1)) or line
            value = context["value"]
        problems.append(Problem(
            code=_TOML_CODES.get(item["type"], Code.TOML_VALUE_INVALID), message=message, file=file,
            line=line, field=field,
            value=None if item["type"] == "missing" or isinstance(value, dict) else str(value)[:200],
        ))
    return problems


def parse_model(text: str, file: str, model: type[Model]) -> Model:
    """TOML text into a model; every problem is reported at once with its place."""
    data = parse_toml(text, file)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputInvalid(problems_of(error, text, file), file) from None


def load_model(path: Path, file: str, model: type[Model], root: Path | None = None) -> Model:
    """Read a TOML file into a model; every problem is reported at once with its place."""
    return parse_model(read_toml_text(path, file, root), file, model)
