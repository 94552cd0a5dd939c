"""Writes that cannot half-happen: one file, or several files as one change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from barometer import atomic
from barometer.atomic import atomic_write_text, write_together

from conftest import tree_hashes


class Interrupted(KeyboardInterrupt):
    """Stands for Ctrl-C (or any failure) at the worst moment."""


def fail_on_call(monkeypatch, number: int) -> None:
    """Make the `number`-th rename of a temporary file over its target fail."""
    real_replace = os.replace
    calls = []

    def replace(source, target):
        if str(source).endswith(".tmp"):
            calls.append(target)
            if len(calls) == number:
                raise Interrupted()
        return real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_several_files_are_written_together(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("old a", encoding="utf-8")
    write_together({tmp_path / "a.csv": b"new a", tmp_path / "sub" / "b.csv": b"new b"})
    assert (tmp_path / "a.csv").read_bytes() == b"new a"
    assert (tmp_path / "sub" / "b.csv").read_bytes() == b"new b"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.csv", "b.csv", "sub"]


@pytest.mark.parametrize("failing_rename", [1, 2, 3])
def test_a_failure_after_some_files_are_written_leaves_every_file_as_before(
        tmp_path: Path, monkeypatch, failing_rename: int) -> None:
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "russia.csv").write_text("date,event,score\n", encoding="utf-8")
    (tmp_path / "events" / "eu.csv").write_text("date,event,score\n2020-11-01,Talks,+1\n", encoding="utf-8")
    before = tree_hashes(tmp_path)
    fail_on_call(monkeypatch, failing_rename)
    with pytest.raises(Interrupted):
        write_together({
            tmp_path / "events" / "russia.csv": b"date,event,score\n2020-11-02,Visit,+2\n",
            tmp_path / "events" / "eu.csv": b"date,event,score\n",
            tmp_path / "events" / "new" / "china.csv": b"date,event,score\n2020-11-03,Loan,+1\n",
        })
    assert tree_hashes(tmp_path) == before
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "events", "events/eu.csv", "events/russia.csv"]


def test_a_single_write_interrupted_before_its_rename_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "018.pdf"
    target.write_bytes(b"%PDF old")
    fail_on_call(monkeypatch, 1)
    with pytest.raises(Interrupted):
        atomic_write_text(target, "new")
    assert target.read_bytes() == b"%PDF old" and [p.name for p in tmp_path.iterdir()] == ["018.pdf"]


def test_a_file_system_without_hard_links_is_written_and_restored_alike(tmp_path: Path, monkeypatch) -> None:
    def no_links(source, target):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    (tmp_path / "a.csv").write_text("old a", encoding="utf-8")
    (tmp_path / "b.csv").write_text("old b", encoding="utf-8")
    before = tree_hashes(tmp_path)
    fail_on_call(monkeypatch, 2)
    with pytest.raises(Interrupted):
        write_together({tmp_path / "a.csv": b"new a", tmp_path / "b.csv": b"new b"})
    assert tree_hashes(tmp_path) == before
    monkeypatch.setattr(atomic.os, "replace", os.replace)
    write_together({tmp_path / "a.csv": b"new a", tmp_path / "b.csv": b"new b"})
    assert (tmp_path / "b.csv").read_bytes() == b"new b" and len(list(tmp_path.iterdir())) == 2
