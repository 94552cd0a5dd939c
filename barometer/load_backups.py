"""The loader's reading of an issue's backups (`events/NNN/.backup/<time>/`): their names, notes and files."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from barometer.io.encoding import read_file_bytes
from barometer.workspace import BACKUP_NOTE

if TYPE_CHECKING:
    from barometer.load import Loader, StoredBackup


BACKUP_NAME = re.compile(r"\d{8}T\d{12}Z")  # 20261130T065329067103Z


class BackupReader:
    """Part of `Loader` (see there): backups."""

    def backup_names(self: Loader, number: int) -> list[str]:
        """The names of issue `number`'s backups (their UTC times), oldest first."""
        folder = self.workspace.backups_dir(number)
        if not folder.is_dir() or folder.is_symlink():
            return []
        return sorted(entry.name for entry in folder.iterdir() if BACKUP_NAME.fullmatch(entry.name))

    def backup(self: Loader, number: int, name: str) -> StoredBackup:
        """One backup with its note and its files, each read as every workspace file is (see `io.boundary`)."""
        folder = self.workspace.backups_dir(number) / name
        from barometer.load import StoredBackup

        stored = StoredBackup(name, folder, None)
        entries = sorted(p for p in folder.rglob("*") if not p.is_dir()) if folder.is_dir() else []
        for entry in entries:  # a file at its path within the issue folder: published/russia.csv
            shown = self.workspace.display(entry)
            data, problems = read_file_bytes(entry, shown, root=self.workspace.root, what="a backed-up file")
            stored.problems.extend(problems)
            if problems:
                continue
            if entry.name == BACKUP_NOTE:
                try:
                    note = json.loads(data)
                except (ValueError, RecursionError):
                    note = None
                object.__setattr__(stored, "note", note if isinstance(note, dict) else None)
            else:
                stored.files[entry.relative_to(folder).as_posix()] = data
        return stored

