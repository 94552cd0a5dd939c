"""`barometer restore`: list an issue's backups, and put one back as one atomic change (itself backed up).

Every change an import, a restore or a remove makes first copies the files it replaces to
`events/NNN/.backup/<UTC time>/`, with a note (`backup.json`) of the command, the files it changed and the
files it created. Restoring a backup writes its files back and removes the files that change created, all or
nothing; what it replaces is backed up in turn, so a restore can itself be undone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from barometer.catalogue import CODERS_DIR, PUBLISHED_DIR, REVISIONS_FILE, validate_table
from barometer.entry.coders import CODER
from barometer.entry.store import commit_files, prune_empty_folders, without_absent
from barometer.errors import Code, InputInvalid, Problem, UsageError
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.toml_io import parse_model
from barometer.load import Loader, StoredBackup
from barometer.lock import workspace_lock
from barometer.models import EventContext, Issue, Track
from barometer.workspace import ISSUE_FILE, Workspace

LATEST = "latest"


@dataclass
class BackupFile:
    """A file of a backup: its name, how many events it holds (None for issue.toml or an unreadable file), and
    how many the catalogue holds now (None when it does not exist now)."""

    name: str
    events: int | None
    now: int | None
    created: bool = False  # the change created this file: a restore removes it

    def to_dict(self) -> dict[str, object]:
        return {"file": self.name, "events": self.events, "events_now": self.now, "created": self.created}


@dataclass
class BackupEntry:
    name: str
    when: str  # "2026-11-30 06:53:29 UTC"
    command: str  # the command that made the change ("" when the backup has no note)
    files: list[BackupFile] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"backup": self.name, "time": self.when, "command": self.command or None,
                "files": [f.to_dict() for f in self.files]}


@dataclass
class Restored:
    number: int
    backup: str
    written: list[str]
    removed: list[str]
    saved: str | None  # where the files the restore replaced were copied
    problems: list[Problem] = field(default_factory=list)  # the restored catalogues' problems, as `check` has them


def when(name: str) -> str:
    """A backup's name (its UTC time) as people read it."""
    try:
        return datetime.strptime(name, "%Y%m%dT%H%M%S%fZ").strftime("%Y-%m-%d %H:%M:%S UTC")
    except ValueError:
        return name


def _events(data: bytes, track: Track | None, context: EventContext, file: str) -> int | None:
    if track is None:
        return None
    table = parse_csv_bytes(data, file)
    if table.problems:
        return None
    return len(validate_table(table, track, context)[0])


def _tracks_by_file(loader: Loader) -> dict[str, Track]:
    return {track.file_name: track for track in loader.config.tracks}


def list_backups(workspace: Workspace, number: int) -> list[BackupEntry]:
    """Issue `number`'s backups, newest first: when, which command, which files, and their events."""
    workspace.require_issue(number)
    loader = Loader(workspace)
    issue = loader.issue_file(number)
    context = EventContext(workspace.config.scores, issue.issue.period, date_words=loader.date_words())
    tracks = _tracks_by_file(loader)
    now = {t.file_name: len(s.events) if s.exists else None
           for t in workspace.config.tracks for s in [loader.stored(number, t, issue)]}
    entries = []
    for name in reversed(loader.backup_names(number)):
        stored = loader.backup(number, name)
        note = stored.note or {}
        created = [str(n) for n in note.get("created", []) if isinstance(n, str)]  # type: ignore[union-attr]
        files = [BackupFile(file, _events(data, tracks.get(file), context, file), now.get(file))
                 for file, data in stored.files.items()]
        files += [BackupFile(file, None, now.get(file), created=True) for file in created if file not in stored.files]
        entries.append(BackupEntry(name, when(name), str(note.get("command", "")), files))
    return entries


def find_backup(loader: Loader, number: int, wanted: str) -> str:
    """The backup named `wanted`: its full name, a unique beginning of it, or `latest`."""
    names = loader.backup_names(number)
    shown = loader.workspace.display(loader.workspace.backups_dir(number))
    if not names:
        raise UsageError(f"No. {number} has no backups ({shown} is empty): nothing to restore")
    if wanted == LATEST:
        return names[-1]
    matches = [name for name in names if name.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if wanted in names:
        return wanted
    listing = f"`barometer restore {number} --list` lists them"
    if len(matches) > 1:
        raise UsageError(f"backup {wanted!r} of No. {number} is ambiguous: {', '.join(matches[:5])}; give more of "
                         f"its name ({listing})")
    raise UsageError(f"no backup {wanted!r} of No. {number} in {shown} (newest: {names[-1]}; {listing})")


def _contents(workspace: Workspace, number: int, stored: StoredBackup, tracks: dict[str, Track]
              ) -> dict[Path, bytes | None]:
    """What a restore writes: every backed-up file back at its place, and the files the change created removed.
    Only an issue's own files are restored: its issue.toml, its tracks' catalogues, its revision log, and the
    catalogues as published (`published/`) and of its coders (`coders/NAME/`)."""
    folder = workspace.issue_dir(number)
    if stored.problems:
        raise InputInvalid(stored.problems, f"backup {stored.name} (nothing was restored)")
    strangers = [name for name in stored.files if not _issue_file(name, tracks)]
    if strangers:
        expected = f"{ISSUE_FILE}, {REVISIONS_FILE}, a catalogue ({', '.join(sorted(tracks))}), or one in " \
            f"{PUBLISHED_DIR}/ or {CODERS_DIR}/NAME/"
        raise InputInvalid([Problem(Code.BACKUP_INVALID, "a file in the backup that is no file of the issue",
                                    file=workspace.display(stored.folder / name), value=name, expected=expected)
                            for name in strangers], f"backup {stored.name} (nothing was restored)")
    if ISSUE_FILE in stored.files:
        _same_issue(workspace, number, stored)
    contents: dict[Path, bytes | None] = {folder / name: data for name, data in stored.files.items()}
    note = stored.note or {}
    for name in note.get("created", []):  # type: ignore[union-attr]
        if isinstance(name, str) and name != ISSUE_FILE and _issue_file(name, tracks) and name not in stored.files:
            contents[folder / name] = None
    return contents


def _issue_file(name: str, tracks: dict[str, Track]) -> bool:
    """Whether `name` (a path within the issue folder) is one of the files a restore may put back or remove."""
    parts = name.split("/")
    if len(parts) == 1:
        return name in (ISSUE_FILE, REVISIONS_FILE) or name in tracks
    if len(parts) == 2:
        return parts[0] == PUBLISHED_DIR and parts[1] in tracks
    return len(parts) == 3 and parts[0] == CODERS_DIR and bool(CODER.match(parts[1])) and parts[2] in tracks


def _same_issue(workspace: Workspace, number: int, stored: StoredBackup) -> None:
    """A backed-up issue.toml must be this issue's: a restore never puts another issue's settings in place."""
    shown = workspace.display(stored.folder / ISSUE_FILE)
    try:
        backed_up = parse_model(stored.files[ISSUE_FILE].decode("utf-8-sig"), shown, Issue).number
    except (InputInvalid, UnicodeDecodeError):
        return  # restored as it was; `check` then lists its problems
    if backed_up != number:
        raise InputInvalid([Problem(Code.BACKUP_INVALID, f"the backed-up issue.toml is No. {backed_up}'s", file=shown,
                                    value=str(backed_up), expected=f"the issue.toml of No. {number}")],
                           f"backup {stored.name} (nothing was restored)")


def restore_backup(workspace: Workspace, number: int, wanted: str) -> Restored:
    """Put backup `wanted` of issue `number` back, as one atomic change whose own backup keeps what it replaces."""
    workspace.require_issue(number)
    with workspace_lock(workspace.root):
        loader = Loader(workspace)
        name = find_backup(loader, number, wanted)
        stored = loader.backup(number, name)
        tracks = _tracks_by_file(loader)
        contents = _contents(workspace, number, stored, tracks)
        changes = without_absent(contents)
        written = commit_files(workspace.issue_dir(number), changes)
        prune_empty_folders({p.parent for p, data in changes.items() if data is None}, workspace.issue_dir(number))
    problems = Loader(workspace).check(number).problems
    return Restored(number, name, [workspace.display(p) for p, d in changes.items() if d is not None],
                    [workspace.display(p) for p, d in changes.items() if d is None],
                    workspace.display(written.backup) if written.backup else None, problems)
