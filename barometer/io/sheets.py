"""Sheets and tracks: which track a sheet, a file or a `track` cell names (id, label, section, alias),
the sheet a track gets, and the headers workbooks show."""

from __future__ import annotations

from collections.abc import Callable

from barometer.errors import UsageError
from barometer.io.table import normalize_header
from barometer.models import Track, WorkspaceConfig
from barometer.suggest import did_you_mean

# Sheets that a template or an export holds besides the catalogues; an import reads past them.
OTHER_SHEETS = ("Instructions", "Summary")


def names_of(track: Track) -> list[str]:
    return [track.id, track.label, track.heading, *track.aliases]


def match_track(name: str, config: WorkspaceConfig) -> Track | None:
    """The track a name stands for, compared without case, spaces or punctuation ('U.S.' = 'us')."""
    wanted = normalize_header(name)
    if not wanted:
        return None
    for track in config.tracks:
        if wanted in {normalize_header(n) for n in names_of(track)}:
            return track
    return None


def resolve_track(name: str, config: WorkspaceConfig, option: str = "TRACK") -> Track:
    """The track a name typed by a user stands for (id, label, section or alias, without case or
    punctuation); an unknown name is a usage error listing the tracks and suggesting the closest."""
    track = match_track(name, config)
    if track is not None:
        return track
    listed = ", ".join(f"{t.id} ({t.label})" if t.label.casefold() != t.id else t.id for t in config.tracks)
    hint = did_you_mean(normalize_header(name), track_spellings(config, lambda t: t.id), form="; did you mean {!r}?")
    raise UsageError(f"{option}: no track {name!r} in barometer.toml (tracks: {listed}){hint}")


def track_spellings(config: WorkspaceConfig, shown: Callable[[Track], str]) -> dict[str, str]:
    """Every way of naming a track (id, label, section, aliases) compared without case or punctuation, each
    mapped to how the track is shown (`shown`): the choices of a "did you mean"."""
    return {normalize_header(n): shown(t) for t in config.tracks for n in names_of(t) if normalize_header(n)}


INVALID_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(name: str, fallback: str = "Sheet") -> str:
    """A name Excel accepts for a sheet: no []:*?/\\ or control characters, no apostrophe at either end, at most 31
    characters, and not Excel's reserved 'History'."""
    title = "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in name.translate(INVALID_SHEET_CHARACTERS))
    title = title.strip().strip("'").strip()[:31].strip("'").strip()
    return title if title and title.casefold() != "history" else fallback


def sheet_name(track: Track) -> str:
    """A track's sheet: its label, as the bulletin names the section; Excel allows 31 characters."""
    return sheet_title(track.label, track.id)


def known_names(config: WorkspaceConfig) -> str:
    return ", ".join(sheet_name(t) for t in config.tracks)


ISO_DATE = "iso_date"  # the stored date beside the bulletin's in exports; an import passes over it

# Column headers as a workbook shows them, by stored column name.
COLUMN_HEADERS = {"date": "Date", "event": "Event", "score": "Score", "national_security": "National security",
                  "regional_tension": "Regional tension", "source": "Source", ISO_DATE: "ISO date"}
