"""Atomic writes: a temporary file in the same folder, flushed, then renamed over the target."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path


def mode_for(path: Path) -> int:
    """The permissions a rewritten file keeps, or those a new file gets under the umask (not mkstemp's 0600)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    return 0o666 & ~umask()


def umask() -> int:
    """The process's umask (reading it means setting it, so it is put straight back)."""
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path`, on failure it vanishes."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:  # named after the file asked for, not the temporary one beside it
        raise OSError(error.errno, error.strerror, str(path)) from None
    os.close(handle)
    temp_path = Path(temporary)
    try:
        yield temp_path
        with open(temp_path, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temp_path, mode_for(path))
        os.replace(temp_path, path)
    finally:
        if temp_path.exists():
            temp_path.unlink()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


class PartialWrite(OSError):
    """Some files were replaced and could not be put back: `replaced` lists them."""

    def __init__(self, message: str, replaced: list[Path]) -> None:
        super().__init__(message)
        self.replaced = replaced


def _temporary_beside(path: Path, purpose: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{purpose}", dir=path.parent)
    os.close(handle)
    return Path(name)


def write_together(files: Mapping[Path, bytes | None]) -> None:
    """Write several files as one change: all of them, or — on any failure, Ctrl-C included — none. A file
    whose new content is None is removed as part of the change (a restore removes what an import created).

    Each new content is first written and flushed to a temporary file beside its target, and each old
    content is kept aside (a hard link, so nothing is copied, or a copy where the file system has no hard
    links); only then are the temporary files renamed
    over their targets. Should anything fail on the way, the targets already replaced get their old content
    back, files that did not exist are removed, and no temporary file is left behind (unless putting a file
back fails too: then `PartialWrite` names the files replaced, and their old contents stay beside them).
    """
    staged: list[tuple[Path, Path | None, Path | None]] = []  # target, new content (None: remove), old content
    replaced: list[tuple[Path, Path | None]] = []
    created: list[Path] = []
    try:
        for target, data in files.items():
            if data is None:
                if not target.exists():
                    continue
                staged.append((target, None, None))
            else:
                for folder in reversed([target.parent, *target.parent.parents]):
                    if not folder.exists():
                        folder.mkdir()
                        created.append(folder)
                temporary = _temporary_beside(target, "tmp")
                staged.append((target, temporary, None))
                os.chmod(temporary, mode_for(target))
                with open(temporary, "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
            if target.exists():
                kept = _temporary_beside(target, "old")
                try:
                    kept.unlink()
                    os.link(target, kept)
                except OSError:  # a file system without hard links (FAT, exFAT, some network shares)
                    shutil.copy2(target, kept)
                staged[-1] = (target, staged[-1][1], kept)
        for target, temporary, kept in staged:
            if temporary is None:
                os.unlink(target)
            else:
                os.replace(temporary, target)
            replaced.append((target, kept))
    except BaseException as error:
        try:
            for target, kept in reversed(replaced):
                if kept is not None:
                    os.replace(kept, target)
                else:
                    target.unlink(missing_ok=True)
        except OSError as undo_error:
            raise PartialWrite(f"{error or type(error).__name__}; putting the previous files back failed too "
                               f"({undo_error})", [target for target, _ in replaced]) from error
        _remove_staged(staged)
        for folder in reversed(created):
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    _remove_staged(staged)


def _remove_staged(staged: list[tuple[Path, Path | None, Path | None]]) -> None:
    for _, temporary, kept in staged:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if kept is not None:
            kept.unlink(missing_ok=True)
