"""Figures written as the bulletin prints them: one `signed()` and one mark for a figure nobody knows."""

from __future__ import annotations

UNKNOWN = "–"  # an en dash: a figure nobody knows, never 0
MINUS = "\u2212"  # the true minus sign, as charts and typeset text print a negative figure
EN_DASH = "\u2013"  # ranges in typeset text: 1–18 December, November–December 2020


def signed(value: int | float | str | None, minus: str = "-") -> str:
    """'+3', '-2' (or '−2' with `minus=MINUS`), '0'; text (a level's name) as it is; UNKNOWN when unknown."""
    if value is None:
        return UNKNOWN
    if isinstance(value, str):
        return value
    number = int(value)
    if number > 0:
        return f"+{number}"
    return f"{minus}{-number}" if number < 0 else "0"


def count(value: int | None) -> str:
    """An event count: '18', or UNKNOWN."""
    return UNKNOWN if value is None else str(value)
