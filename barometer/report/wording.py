"""How the bulletin words its figures and its bands: a true minus sign, the scale's ranges in the edition's
language."""

from __future__ import annotations

from barometer.figures import MINUS, signed
from barometer.i18n import Language
from barometer.scale import Band


def figure(value: int | str | None) -> str:
    """A figure as the bulletin prints it: '+14', '−3' (a true minus), '0', '–' when unknown."""
    return signed(value, MINUS)


def bounds(band: Band, words: Language) -> str:
    """'from −7 to −12', '−18 and lower', '−1 and higher', as the bulletin words a band's values."""
    if band.min is None and band.max is None:
        return words.text("any value")
    if band.min is None:
        return words.text("{value} and lower", value=figure(band.max))
    if band.max is None:
        return words.text("{value} and higher", value=figure(band.min))
    if band.min == band.max:
        return figure(band.min)
    return words.text("from {high} to {low}", high=figure(band.max), low=figure(band.min))
