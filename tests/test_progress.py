"""The progress bar shows only on work still running after its delay, on standard error."""

from __future__ import annotations

import io

from rich.console import Console

from barometer.cli import progress


def run_with(monkeypatch, delay: float) -> str:
    stream = io.StringIO()
    monkeypatch.setattr(progress, "err", Console(file=stream, force_terminal=True, width=80))
    with progress.progress_after("Checking issues", delay=delay) as update:
        for done in range(1, 4):
            update(done, 3)
    return stream.getvalue()


def test_a_bar_appears_once_the_delay_has_passed(monkeypatch) -> None:
    assert "Checking issues" in run_with(monkeypatch, delay=0.0)


def test_quick_work_shows_no_bar(monkeypatch) -> None:
    assert run_with(monkeypatch, delay=60.0) == ""
