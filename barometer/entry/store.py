"""Catalogue files of an issue in their stored form, and writing several of them all or nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from barometer.atomic import PartialWrite, write_together
from barometer.errors import BarometerError
from barometer.figures import signed
from barometer.io.csv_io import delimiter, render_csv
from barometer.io.table import RowTable
from barometer.lock import command_line
from barometer.models import COLUMNS, AnyEvent, Track, event_cells, known_columns
from barometer.workspace import BACKUP_DIR, BACKUP_NOTE


def stored_cells(event: AnyEvent) -> dict[str, str]:
    """An event's cells in the stored form: ISO dates, signed scores; empty source and further cells left out."""
    cells = event_cells(event, score=signed)
    return {name: str(value) for name, value in cells.items() if value != ""}


def render_catalogue(track: Track, events: Sequence[AnyEvent], existing: RowTable | None = None,
                     newline: str = "\n", keep_rows: bool = True) -> str:
    """A track's CSV: the existing rows exactly as read (when merging), then `events` in the stored form.

    The header keeps the existing file's columns, further columns included (also when its rows are
    replaced, `keep_rows=False`), and adds any the new events need (`source`, further columns)."""
    new_rows = [stored_cells(event) for event in events]
    if existing is not None and existing.columns:
        columns, headers = list(existing.columns), list(existing.original_headers)
        old_rows = [{c: "" if v is None else str(v) for c, v in row.cells.items()} for row in existing.rows] \
            if keep_rows else []
    else:
        columns = list(COLUMNS[track.kind])
        headers = list(columns)
        old_rows = []
    for row in new_rows:
        for name in row:
            if name not in columns:
                columns.append(name)
                headers.append(name)
    return render_csv(headers, ([row.get(c, "") for c in columns] for row in old_rows + new_rows), newline)


def extra_columns(table: RowTable, track: Track) -> list[tuple[str, str]]:
    """A catalogue's further columns (beyond the track's and `source`): (name, header as written)."""
    known = known_columns(track.kind)
    return [(name, header) for name, header in zip(table.columns, table.original_headers, strict=False)
            if name and name not in known]


def timestamp() -> str:
    """A backup folder's name: UTC time to the microsecond, sortable."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@dataclass
class Written:
    """What a commit did: files replaced or created, and where the previous versions were copied."""

    paths: list[Path]
    backup: Path | None


class WriteFailed(BarometerError):
    """The files could not all be written; the message says what was replaced and where the backup is."""


def _backup(folder: Path, changing: list[Path], created: list[Path]) -> Path:
    """Copy the files about to change into a new backup folder, each at its path within the issue folder
    (`published/russia.csv`, `coders/anna/russia.csv`), with the note of the change."""
    backup_dir = folder / BACKUP_DIR / timestamp()

    def within(path: Path) -> str:
        return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name

    try:
        backup_dir.mkdir(parents=True)
        for path in changing:
            target = backup_dir / within(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        note = {"command": command_line(), "time": datetime.now(UTC).isoformat(timespec="seconds"),
                "changed": [within(p) for p in changing], "created": [within(p) for p in created]}
        (backup_dir / BACKUP_NOTE).write_text(json.dumps(note, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as error:
        shutil.rmtree(backup_dir, ignore_errors=True)
        raise WriteFailed(f"cannot back up the files about to change into {backup_dir}: {error}; "
                          "nothing was written") from None
    return backup_dir


def without_absent(contents: dict[Path, bytes | None]) -> dict[Path, bytes | None]:
    """The changes minus the removal of files that are not there."""
    return {path: data for path, data in contents.items() if data is not None or path.is_file()}


def prune_empty_folders(folders: set[Path], keep: Path) -> None:
    """Remove those of `folders` (below `keep`) that a removal left empty: published/, coders/NAME/."""
    for folder in sorted(folders, reverse=True):
        if folder != keep and folder.is_relative_to(keep) and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def commit_files(folder: Path, contents: dict[Path, bytes | None], backup: bool = True) -> Written:
    """Write every file or none (None: remove the file): the files about to change are first copied to a
    backup folder, with a note of the command, the files it changed and those it created (`BACKUP_NOTE`), then
    all are written as one change (`atomic.write_together`): a failure at any moment, Ctrl-C included, puts
    back every file already replaced, and the backup of a change that did not happen is removed."""
    changing = [path for path in contents if path.exists()]
    created = [path for path, data in contents.items() if data is not None and not path.exists()]
    backup_dir = _backup(folder, changing, created) if (changing or created) and backup else None
    try:
        write_together(contents)
    except PartialWrite as error:
        names = ", ".join(path.name for path in error.replaced)
        kept = f"; the previous files are in {backup_dir}" if backup_dir else ""
        raise WriteFailed(f"writing stopped ({error}) with {names} replaced{kept}") from None
    except BaseException as error:
        if backup_dir is not None:
            shutil.rmtree(backup_dir, ignore_errors=True)
            if not any(backup_dir.parent.iterdir()):
                backup_dir.parent.rmdir()
        if isinstance(error, OSError):
            raise WriteFailed(f"writing stopped ({error}); every file is as it was, nothing was written") from None
        raise
    return Written(list(contents), backup_dir)


def without_record(data: bytes, line: int) -> bytes:
    """A catalogue's bytes without the CSV record that starts on `line` (all its lines, should a quoted cell
    run over several); every other byte is kept, a byte order mark and line endings included."""
    bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
    text = data[len(bom):].decode("utf-8")
    lines = io.StringIO(text, newline="").readlines()  # the lines the CSV reader counts
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    start = 1
    for _ in reader:
        if start == line:
            end = reader.line_num
            return bom + "".join(lines[:start - 1] + lines[end:]).encode("utf-8")
        start = reader.line_num + 1
    raise ValueError(f"no record starts on line {line}")
