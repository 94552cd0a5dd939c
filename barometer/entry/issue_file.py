"""issue.toml as the entry commands write it: a new issue, and the printed figures of a pasted bulletin laid over
the ones it holds (pure: the loader reads the file, the commit writes it)."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

from barometer.errors import Code, Problem
from barometer.io.sheets import match_track
from barometer.models import Issue, IssueFile, Period, Published, WorkspaceConfig
from barometer.rules import level_problem, printed_band
from barometer.scale import Scale

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


# --- printed figures of pasted text laid over issue.toml's ------------------------------------------------

Figures = dict[str, dict[str, int | str | None]]


@dataclass
class PublishedUpdate:
    """What recording a pasted bulletin's printed figures does to issue.toml: its new text (None: unchanged),
    and the problems (a level that is no band, a table that cannot be rewritten) and warnings it gives."""

    text: str | None = None
    problems: list[Problem] = field(default_factory=list)


def published_update(source: IssueFile, printed: dict[str, dict[str, int | str]], config: WorkspaceConfig,
                     scale: Scale | None, pasted: str, pasted_name: str) -> PublishedUpdate:
    """issue.toml with the printed figures of pasted text (file `pasted`, named `pasted_name`) laid over the
    ones it holds; each changed figure is a warning, a level that is no band of the scale an error."""
    update = PublishedUpdate()
    figures, unknown = printed_figures(printed, config)
    level = figures.get("security", {}).get("level")
    if isinstance(level, str):
        problem = level_problem(level, scale, pasted, None, "level")
        if problem is not None:
            update.problems.append(problem)
        else:
            figures["security"]["level"] = printed_band(level, scale).name  # type: ignore[union-attr]
    update.problems += [Problem(Code.PRINTED_TRACK_UNKNOWN, f"printed figures for {name!r}, which is no track "
                                "here; left out", file=pasted, value=name, severity="warning") for name in unknown]
    earlier = source.issue.published
    merged, changed = merged_published(earlier, figures)
    update.problems += [Problem(Code.PRINTED_REPLACED, f"issue.toml printed {figure} = {old}; the pasted text "
                                f"prints {new}, which replaces it", file=source.file, field=f"published.{figure}",
                                value=str(new), expected=str(old), severity="warning")
                        for figure, old, new in changed if old is not None]
    if not changed:  # nothing the issue did not hold already
        return update
    text_source = f"pasted bulletin text {pasted_name}"
    source_text = text_source if earlier is None or earlier.source == text_source else \
        f"{earlier.source}; Total rows: {text_source}"
    block = render_published(source_text, merged, earlier.note if earlier else "")
    try:
        update.text = with_published(source.text, block)
    except ValueError as error:  # a [published] table written in a form this rewrite cannot replace
        update.problems.append(Problem(
            Code.PUBLISHED_NOT_REWRITABLE, f"the printed figures cannot be recorded in issue.toml: {error}",
            file=source.file, field="published",
            expected="[published] tables (as `barometer new` writes them) that can be replaced"))
    return update


def merged_published(earlier: Published | None, figures: Figures
                     ) -> tuple[dict[str, dict[str, object]], list[tuple[str, object, object]]]:
    """The printed figures issue.toml already holds, with the pasted ones laid over them; and each figure
    the pasted text adds or changes (as `table.figure`, old value or None, new value)."""
    merged: dict[str, dict[str, object]] = {}
    if earlier is not None:
        merged = {track: printed.model_dump() for track, printed in earlier.tracks.items()}
        if earlier.security is not None:
            merged["security"] = earlier.security.model_dump()
    changed = []
    for table, values in figures.items():
        target = merged.setdefault(table, {})
        for name, value in values.items():
            if value is None:
                continue
            old = target.get(name)
            if old != value:
                changed.append((f"{table}.{name}", old, value))
            target[name] = value
    return merged, changed


def printed_figures(printed: dict[str, dict[str, int | str]], config: WorkspaceConfig) -> tuple[Figures, list[str]]:
    """Printed Totals keyed as issue.toml's [published] tables; names of tracks not configured."""
    figures: Figures = {}
    unknown = []
    security = config.security_track
    for name, values in printed.items():
        track = config.track(name) or match_track(name, config)
        if track is None:
            unknown.append(name)
        elif track.kind == "security" or (security is not None and name == security.id):
            figures["security"] = {k: values.get(k) for k in ("national_security", "regional_tension", "level")}
        else:
            figures[track.id] = {k: values.get(k) for k in ("aggregate", "positive", "negative")}
    return figures, unknown
