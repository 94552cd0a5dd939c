"""The colour scale of regional tension: load, validate (no gap, no overlap), band for a value."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from barometer.errors import Code, InputInvalid, Problem
from barometer.io.toml_io import parse_model
from barometer.masthead import LanguageCode

DARK_TEXT = "#1A1A1A"


def luminance(colour: str) -> float:
    """The relative luminance of an sRGB colour '#RRGGBB' (WCAG 2)."""
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two colours (WCAG 2): 1 to 21; text wants 4.5 or more."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class BandWords(BaseModel):
    """A band's name, printed wording and interpretation in another language (`[bands.translations.ru]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    printed: str = ""
    interpretation: str = ""


class Band(BaseModel):
    """A band of the scale: every integer from `min` to `max` inclusive (an open end when None). `name` is
    the band's identity (issue.toml's `level` names it); `label` is how an edition in another language
    prints it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    min: int | None = None
    max: int | None = None
    printed: str = ""
    interpretation: str = ""
    label: str = ""
    translations: dict[LanguageCode, BandWords] = {}

    @property
    def title(self) -> str:
        """The band's name as printed: its label in an edition's language, else its name."""
        return self.label or self.name

    @property
    def text_colour(self) -> str:
        """Near-black or white, whichever has the higher contrast on the band's colour (WCAG 2)."""
        return DARK_TEXT if contrast(self.colour, DARK_TEXT) >= contrast(self.colour, "#FFFFFF") else "#FFFFFF"

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"band {self.name}: min {self.min} is above max {self.max}")
        return self

    def contains(self, value: int) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    @property
    def bounds(self) -> str:
        """'from -7 to -12', '-18 and lower', '-1 and higher', as the bulletin words it."""
        if self.min is None and self.max is None:
            return "any value"
        if self.min is None:
            return f"{self.max} and lower"
        if self.max is None:
            return f"{self.min} and higher"
        if self.min == self.max:
            return str(self.min)
        return f"from {self.max} to {self.min}"


class ScaleWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    note: str = ""


class Scale(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    note: str = ""
    bands: list[Band] = Field(min_length=1)
    translations: dict[LanguageCode, ScaleWords] = {}

    def band_for(self, value: int) -> Band:
        for band in self.bands:
            if band.contains(value):
                return band
        raise AssertionError(f"validated scale has no band for {value}")

    def band_named(self, name: str) -> Band | None:
        return next((b for b in self.bands if b.name.casefold() == name.strip().casefold()), None)


def coverage_problems(bands: list[Band]) -> list[str]:
    """Gaps and overlaps between bands; an empty list means every integer is in exactly one band."""
    if not bands:
        return ["the scale has no bands"]
    ordered = sorted(bands, key=lambda b: (b.min is not None, b.min if b.min is not None else 0))
    messages = []
    if ordered[0].min is not None:
        messages.append(f"gap: values below {ordered[0].min} are in no band")
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        if lower.max is None:
            messages.append(f"overlap: band {lower.name} has no upper end but {upper.name} follows it")
            continue
        if upper.min is None:
            messages.append(f"overlap: bands {lower.name} and {upper.name} both have no lower end")
            continue
        if upper.min > lower.max + 1:
            missing = (str(lower.max + 1) if upper.min == lower.max + 2
                       else f"{lower.max + 1} to {upper.min - 1}")
            messages.append(f"gap: {missing} lies between {lower.name} and {upper.name} in no band")
        elif upper.min <= lower.max:
            top = lower.max if upper.max is None else min(lower.max, upper.max)
            messages.append(f"overlap: {upper.min} to {top} lies in both {lower.name} and {upper.name}")
    if ordered[-1].max is not None:
        messages.append(f"gap: values above {ordered[-1].max} are in no band")
    return messages


_SCALE_CODES = {"gap": Code.SCALE_GAP, "overlap": Code.SCALE_OVERLAP}


def parse_scale(text: str, file: str) -> Scale:
    """A scale from its TOML text, refused with a clear message when it leaves a gap or has an overlap."""
    scale = parse_model(text, file, Scale)
    messages = coverage_problems(scale.bands)
    if messages:
        raise InputInvalid(
            [Problem(_SCALE_CODES.get(m.split(":")[0], Code.SCALE_EMPTY), m, file=file, field="bands",
                     expected="bands that cover every integer exactly once") for m in messages],
            file,
        )
    return scale
