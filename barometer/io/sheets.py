"""Sheets and tracks: which track a sheet, a file or a `track` cell names (id, label, section, alias),
the sheet a track gets, and the headers workbooks show."""

from __future__ import annotations

from barometer.io.table import normalize_header
from barometer.models import Track, WorkspaceConfig

# Sheets that a template or an export holds besides the catalogues; an import reads past them.
OTHER_SHEETS = ("Instructions", "Summary")
INVALID_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})


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


def sheet_name(track: Track) -> str:
    """A track's sheet: its label, as the bulletin names the section; Excel allows 31 characters."""
    return track.label.translate(INVALID_SHEET_CHARACTERS).strip()[:31] or track.id


def known_names(config: WorkspaceConfig) -> str:
    return ", ".join(sheet_name(t) for t in config.tracks)


# Column headers as a workbook shows them, by stored column name.
COLUMN_HEADERS = {"date": "Date", "event": "Event", "score": "Score", "national_security": "National security",
                  "regional_tension": "Regional tension", "source": "Source"}
