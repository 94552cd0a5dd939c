"""issue.toml as the entry commands write it: a new issue, and the printed figures of a pasted bulletin."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping

from barometer.models import Issue, Period

_PUBLISHED_HEADER = re.compile(r"^\s*\[\[?\s*published\s*[\].]")
_ANY_HEADER = re.compile(r"^\s*\[")


def toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are all valid TOML escapes)."""
    return json.dumps(text, ensure_ascii=False)


def render_new_issue(number: int, period: Period, title: str) -> str:
    return (
        f"# {title} ({period.describe()}). Catalogues: one CSV per track in this folder.\n"
        f"number = {number}\n"
        f"title = {toml_string(title)}\n"
        "\n[period]\n"
        f'start = "{period.start}"\n'
        f'end = "{period.end}"\n'
    )


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return toml_string(value) if isinstance(value, str) else str(value)


def render_published(source: str, figures: Mapping[str, Mapping[str, object]], note: str = "") -> str:
    """A `[published]` block: `figures` maps a track id (or "security") to its printed figures."""
    lines = ["[published]", f"source = {toml_string(source)}"]
    if note:
        lines.append(f"note = {toml_string(note)}")
    for table, values in figures.items():
        known = {k: v for k, v in values.items() if v is not None and v is not False}
        if not known:
            continue
        lines += ["", f"[published.{table}]"]
        lines += [f"{key} = {toml_value(value)}" for key, value in known.items()]
    return "\n".join(lines) + "\n"


def without_published(text: str) -> str:
    """The issue.toml text with its `[published…]` tables removed (keys before them are kept)."""
    kept, inside = [], False
    for line in text.splitlines(keepends=True):
        if _PUBLISHED_HEADER.match(line):
            inside = True
        elif _ANY_HEADER.match(line):
            inside = False
        if not inside:
            kept.append(line)
    return "".join(kept).rstrip("\n") + "\n"


def with_published(text: str, block: str) -> str:
    """issue.toml text whose printed figures are `block`; the result is checked to load as an Issue."""
    result = without_published(text) + "\n" + block
    Issue.model_validate(tomllib.loads(result))
    return result
