"""The workspace: a folder with barometer.toml, found from the current folder upwards like git."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from barometer.errors import UsageError, WorkspaceNotFound, relative
from barometer.io.boundary import exists
from barometer.io.toml_io import load_model
from barometer.models import Track, WorkspaceConfig

CONFIG_FILE = "barometer.toml"
ISSUE_FILE = "issue.toml"
BACKUP_DIR = ".backup"  # events/NNN/.backup/<UTC time>/: the files a change replaced, and its note
BACKUP_NOTE = "backup.json"  # in each backup folder: the command, the files it changed and those it created
_ISSUE_DIR = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class Workspace:
    root: Path
    config: WorkspaceConfig

    @classmethod
    def open(cls, root: Path) -> Workspace:
        path = root / CONFIG_FILE
        if not exists(path):
            raise WorkspaceNotFound(f"{root} is not a barometer workspace: {CONFIG_FILE} not found")
        return cls(root.resolve(), load_model(path, CONFIG_FILE, WorkspaceConfig, root))

    @classmethod
    def find(cls, start: Path | None = None) -> Workspace:
        """The workspace containing `start` (default: the current folder)."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            if exists(folder / CONFIG_FILE):
                return cls.open(folder)
        raise WorkspaceNotFound(
            f"no {CONFIG_FILE} in {here} or any folder above it; "
            "run inside a workspace or pass --workspace DIR"
        )

    @property
    def events_dir(self) -> Path:
        return self.root / "events"

    @property
    def reports_dir(self) -> Path:
        return self.root / "reports"

    @property
    def scale_path(self) -> Path:
        return self.root / self.config.scale

    def issue_dir(self, number: int) -> Path:
        return self.events_dir / f"{number:03d}"

    def backups_dir(self, number: int) -> Path:
        return self.issue_dir(number) / BACKUP_DIR

    @cached_property
    def issue_numbers(self) -> list[int]:
        """Numbers of the issues in events/, ascending."""
        if not self.events_dir.is_dir():
            return []
        return sorted(
            int(entry.name)
            for entry in self.events_dir.iterdir()
            if entry.is_dir() and _ISSUE_DIR.match(entry.name) and entry.name == f"{int(entry.name):03d}"
            and exists(entry / ISSUE_FILE)  # an issue.toml that is a folder or a pipe is reported, not skipped
        )

    @property
    def misnamed_issue_folders(self) -> list[Path]:
        """Folders in events/ named like an issue but not as one is named (`18` or `0018` for `018`)."""
        if not self.events_dir.is_dir():
            return []
        return sorted(entry for entry in self.events_dir.iterdir()
                      if entry.is_dir() and _ISSUE_DIR.match(entry.name) and entry.name != f"{int(entry.name):03d}")

    def require_issue(self, number: int) -> Path:
        folder = self.issue_dir(number)
        if not exists(folder / ISSUE_FILE):
            known = ", ".join(str(n) for n in self.issue_numbers) or "none"
            raise UsageError(f"no issue {number} in {self.display(self.events_dir)} (issues: {known}); a new issue "
                             f"is made with: barometer new {number}")
        return folder

    def require_track(self, track_id: str) -> Track:
        track = self.config.track(track_id)
        if track is None:
            known = ", ".join(t.id for t in self.config.tracks)
            raise UsageError(f"no track {track_id!r} in {CONFIG_FILE} (tracks: {known})")
        return track

    def require_output(self, path: Path, option: str = "--output") -> Path:
        """A file or folder a command may write: never among the catalogues, where it could replace one."""
        if path.resolve().is_relative_to(self.events_dir.resolve()):
            raise UsageError(f"{option} {path} lies among the catalogues ({self.display(self.events_dir)}); "
                             f"write it elsewhere, e.g. {self.display(self.reports_dir / path.name)}")
        return path

    def display(self, path: Path) -> str:
        """A path as shown to users: relative to the workspace."""
        return relative(path, self.root)
