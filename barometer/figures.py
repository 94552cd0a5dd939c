"""Figures written as the bulletin prints them."""

from __future__ import annotations

UNKNOWN = "–"  # an en dash: a figure nobody knows, never 0


def signed(value: int | str | None) -> str:
    """'+3', '-2', '0'; text (a level's name) as it is; an en dash when unknown."""
    if value is None:
        return UNKNOWN
    if isinstance(value, str):
        return value
    return f"{value:+d}" if value else "0"
