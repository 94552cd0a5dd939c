"""Commands across issues: `compare` (two issues, figure by figure) and `history` (every issue, with flags)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich import box
from rich.table import Table
from rich.text import Text

from barometer.cli.app import app
from barometer.cli.common import (
    TABLE,
    AsPublishedOption,
    ForceOption,
    OutputOption,
    emit,
    format_for,
    format_option,
    out,
    workspace_of,
)
from barometer.cli.progress import progress_after
from barometer.errors import UsageError
from barometer.figures import UNKNOWN, signed
from barometer.io import formats

if TYPE_CHECKING:
    from barometer.drivers import Explanation
    from barometer.history import HistoryEntry
    from barometer.models import Period, WorkspaceConfig


def _cell(value: int | str | None, source: str = "") -> Text:
    """A figure for a table: signed, an en dash when unknown, italic with * when printed."""
    if value is None:
        return Text(UNKNOWN, style="dim")
    text = signed(value)
    return Text(text + "*", style="italic") if source == "printed" else Text(text)


def _short_period(period: Period) -> str:
    """'Mar–Apr 2019' (or 'Dec 2019–Jan 2020' across a year)."""
    start, end = period.start, period.end
    if start == end:
        return f"{start.name[:3]} {start.year}"
    if start.year == end.year:
        return f"{start.name[:3]}–{end.name[:3]} {end.year}"
    return f"{start.name[:3]} {start.year}–{end.name[:3]} {end.year}"


def _change(value: int | None) -> Text:
    if value is None:
        return Text(UNKNOWN, style="dim")
    return Text(signed(value), style="green" if value > 0 else "red" if value < 0 else "")


CompareFormat = format_option("compare-FIRST-SECOND.xlsx")
HistoryFormat = format_option("history.xlsx")


def _events(value: int | None) -> Text:
    return Text(UNKNOWN if value is None else str(value), style="dim")


@app.command()
def compare(
    ctx: typer.Context,
    first: Annotated[int, typer.Argument(help="The earlier issue, e.g. 16.")],
    second: Annotated[int, typer.Argument(help="The later issue, e.g. 18.")],
    output_format: CompareFormat = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    explain: Annotated[bool, typer.Option("--explain", help="Split each change into the events that make it up, "
                                          "largest first (grouped by topic where the catalogues have one).")]
    = False,
    as_published: AsPublishedOption = False,
) -> None:
    """Two issues side by side: every figure in both, its change, and the events each sums; unknown figures stay
    unknown."""
    from barometer.compare import compare_summaries
    from barometer.load import Loader
    from barometer.tables import COMPARISON_COLUMNS, comparison_rows, comparison_wide

    output_format = format_for(output_format, output)
    workspace = workspace_of(ctx)
    workspace.require_issue(first)
    workspace.require_issue(second)
    loader = Loader(workspace)
    earlier, later = loader.loaded(first, as_published), loader.loaded(second, as_published)
    result = compare_summaries(earlier.summary, later.summary)
    long = formats.Table(COMPARISON_COLUMNS, comparison_rows(result), name="Long table")
    tables = [*comparison_wide(result, workspace.config), long]
    data = result.to_dict()
    explained = None
    if explain:
        from barometer.drivers import explain_all

        explained = explain_all(workspace.config, (first, earlier.catalogue if earlier.summary.entered else None),
                                (second, later.catalogue if later.summary.entered else None),
                                (earlier.issue.period.end.year, later.issue.period.end.year))
        with_drivers(data, explained)
        tables.append(formats.Table(DRIVER_COLUMNS, driver_rows(explained), name="Drivers"))
    if emit(workspace, formats.Output(data, tables, csv=long), output_format, output,
            f"compare-{first}-{second}.xlsx", force):
        return
    labels = {t.id: t.label for t in workspace.config.tracks}
    before, after = result.before.issue, result.after.issue
    table = Table(title=f"No. {first} ({before.period.describe()}) → No. {second} ({after.period.describe()})",
                  title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for name, justify in (("Relationship", "left"), (f"No. {first}", "right"), (f"No. {second}", "right"),
                          ("Change", "right"), ("Events", "right"), ("Positive", "right"), ("Negative", "right")):
        table.add_column(name, justify=justify, no_wrap=name not in ("Positive", "Negative"))  # type: ignore[arg-type]
    for track_id, change in result.tracks.items():
        old, new = change.sources
        parts = []
        for figure in (change.positive, change.negative):
            known = figure.before is not None and figure.after is not None
            parts.append(Text.assemble(_cell(figure.before), " → ", _cell(figure.after), " (", _change(figure.change),
                                       ")") if known else Text(UNKNOWN, style="dim"))
        table.add_row(labels.get(track_id, track_id), _cell(change.aggregate.before, old),
                      _cell(change.aggregate.after, new), _change(change.aggregate.change),
                      Text.assemble(_events(change.events[0]), Text(" → ", style="dim"), _events(change.events[1])),
                      *parts)
    security = result.security
    if security is not None:
        old, new = security.sources
        counted = Text.assemble(_events(security.events[0]), Text(" → ", style="dim"), _events(security.events[1]))
        table.add_section()
        table.add_row("National security", _cell(security.national_security.before, old),
                      _cell(security.national_security.after, new), _change(security.national_security.change),
                      counted)
        table.add_row("Regional tension", _cell(security.regional_tension.before, old),
                      _cell(security.regional_tension.after, new), _change(security.regional_tension.change),
                      counted)
        changed = security.level_changed
        table.add_row("Tension level", _cell(security.levels[0], old), _cell(security.levels[1], new),
                      Text(UNKNOWN if changed is None else "changed" if changed else "same",
                           style="bold" if changed else "dim"))
    out.print(table)
    out.print(Text("Events: how many events each issue's figure sums; * printed figure (the issue has no catalogue "
                   "for it); – unknown", style="dim"))
    if explained is not None:
        print_drivers(explained, labels, first, second)


DRIVER_COLUMNS = ("track", "figure", "issue", "date", "event", "contribution", "topic")
DRIVERS_PRINTED = 8  # per figure, in the terminal; JSON, CSV and workbooks hold every one


def _split(key: str) -> tuple[str, str]:
    track, _, name = key.partition(".")
    return track, name or "aggregate"


def with_drivers(data: dict[str, object], explained: dict[str, Explanation]) -> None:
    """The comparison's JSON with each figure's drivers (`"drivers": [{"issue", "date", "event",
    "contribution"}]`, summing exactly to the change; `"explained": false` where an issue has no catalogue)."""
    tracks = data["tracks"]
    security = data.get("security")
    for key, explanation in explained.items():
        track, name = _split(key)
        if isinstance(tracks, dict) and track in tracks:
            tracks[track].update(explanation.to_dict())
        elif isinstance(security, dict) and name in security:
            security[name].update(explanation.to_dict())


def driver_rows(explained: dict[str, Explanation]) -> list[list[object]]:
    return [[_split(key)[0], _split(key)[1], d.issue, d.date, d.event, d.contribution, d.topic]
            for key, explanation in explained.items() for d in explanation.drivers]


def print_drivers(explained: dict[str, Explanation], labels: dict[str, str], first: int, second: int) -> None:
    """Each figure's change as the events that make it up, the largest first."""
    out.print()
    out.print(f"Why the figures moved from No. {first} to No. {second} (each event of No. {second} adds its score, "
              f"each of No. {first} takes its score away):", soft_wrap=True)
    for key, explanation in explained.items():
        track, name = _split(key)
        what = labels.get(track, track) + ("" if name == "aggregate" else f" {name.replace('_', ' ')}")
        if not explanation.known:
            out.print(Text(f"  {what}: one of the issues has no catalogue of it, so no events to split the change into",
                           style="dim"))
            continue
        out.print(Text.assemble(f"  {what} ", _change(explanation.change), f" = {len(explanation.drivers)} "
                                "event(s)" + ("; by topic: " + ", ".join(f"{topic or 'no topic'} {signed(v)}"
                                                                         for topic, v in explanation.topics.items())
                                              if any(d.topic for d in explanation.drivers) else "")))
        for driver in explanation.drivers[:DRIVERS_PRINTED]:
            out.print(Text(f"    {signed(driver.contribution):>3}  No. {driver.issue} {driver.date}: {driver.event}"))
        if len(explanation.drivers) > DRIVERS_PRINTED:
            rest = sum(d.contribution for d in explanation.drivers[DRIVERS_PRINTED:])
            out.print(Text(f"    {signed(rest):>3}  {len(explanation.drivers) - DRIVERS_PRINTED} more", style="dim"))


@app.command()
def history(
    ctx: typer.Context,
    first: Annotated[int | None, typer.Option("--from", help="First issue (default: the earliest).")] = None,
    last: Annotated[int | None, typer.Option("--to", help="Last issue (default: the latest).")] = None,
    output_format: HistoryFormat = TABLE,
    output: OutputOption = None,
    force: ForceOption = False,
    as_published: AsPublishedOption = False,
) -> None:
    """Every issue's known figures with the events each sums, where each came from, records, level changes and
    firsts (none claimed for an issue whose catalogues are still being entered)."""
    from barometer.history import build_history
    from barometer.load import Loader
    from barometer.tables import (
        FLAG_COLUMNS,
        HISTORY_COLUMNS,
        SOURCE_COLUMNS,
        flag_rows,
        history_rows,
        history_wide,
        source_rows,
    )

    output_format = format_for(output_format, output)
    if first is not None and last is not None and first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    workspace = workspace_of(ctx)
    config = workspace.config
    with progress_after("Reading issues") as on_progress:
        summaries = Loader(workspace).history(None, last, on_progress, as_published)
    security_id = config.security_track.id if config.security_track else "security"
    entries = build_history(summaries, config.cadence.first_issue, first, security_id)
    if not entries:
        known = ", ".join(str(n) for n in workspace.issue_numbers) or "none"
        raise UsageError(f"no issue from {first or 'the first'} to {last or 'the last'} (issues: {known})")
    labels = {t.id: t.label for t in config.tracks}
    long = formats.Table(HISTORY_COLUMNS, history_rows(entries, labels), name="Long table")
    tables = [history_wide(entries, config), long,
              formats.Table(FLAG_COLUMNS, flag_rows(entries, labels), name="Flags"),
              formats.Table(SOURCE_COLUMNS, source_rows(entries), name="Sources")]
    if emit(workspace, formats.Output([e.to_dict() for e in entries], tables, csv=long), output_format, output,
            "history.xlsx", force):
        return
    print_history(entries, config)


def print_history(entries: list[HistoryEntry], config: WorkspaceConfig) -> None:
    """The indices issue by issue, each with a dim line of the events its figures sum; then each issue's flags."""
    from barometer.tables import flag_sentence

    tracks = config.relations_tracks
    labels = {t.id: t.label for t in config.tracks}
    table = Table(title=f"{config.title}: the indices issue by issue", title_justify="left",
                  box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("No.", justify="right")
    table.add_column("Period", no_wrap=True)
    for track in tracks:
        table.add_column(track.label, justify="right", no_wrap=True)
    table.add_column("NS", justify="right")
    table.add_column("RT", justify="right", min_width=3)
    table.add_column("Level", no_wrap=True)
    for entry in entries:
        summary = entry.summary
        cells = [_cell(summary.tracks[t.id].aggregate, summary.tracks[t.id].source) for t in tracks]
        s = summary.security
        security = [Text(UNKNOWN, style="dim")] * 3
        if s is not None:
            level = _cell(s.level, s.source)
            if s.band is not None and s.band.colour.upper() != "#FFFFFF":
                level.stylize(s.band.colour)
            security = [_cell(s.national_security, s.source), _cell(s.regional_tension, s.source), level]
        table.add_row(str(entry.number), _short_period(summary.issue.period), *cells, *security)
        counts = [summary.tracks[t.id].events for t in tracks] + [s.events if s is not None else None]
        if any(count is not None for count in counts):
            table.add_row("", Text("events", style="dim"), *(_events(c) if c is not None else "" for c in counts[:-1]),
                          "", _events(counts[-1]) if counts[-1] is not None else "", "")
    out.print(table)
    out.print(Text("NS national security, RT regional tension; * printed figure (no catalogue); – unknown, never 0; "
                   "events: how many events the figures above sum", style="dim"))
    for entry in entries:
        published = entry.summary.issue.published
        out.print()
        head = Text(f"No. {entry.number}", style="bold")
        head.append(f" — {entry.source}", style="")
        if published is not None:
            head.append(f"; printed figures: {published.source}", style="dim")
        out.print(head)
        if entry.unentered:
            missing = ", ".join(labels.get(t, t) for t in entry.unentered)
            out.print(Text(f"  being entered ({missing} not yet): no record, level change or first is claimed until "
                           "every catalogue is entered", style="dim"))
        for flag in entry.flags:
            out.print(Text(f"  • {flag_sentence(flag, labels)}"))
        for mismatch in entry.summary.mismatches:
            out.print(Text(f"  ◦ {mismatch.describe(labels.get(mismatch.track, mismatch.track))}", style="dim"))
