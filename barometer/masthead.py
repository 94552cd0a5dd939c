"""Who makes the bulletin: the people who write and edit it, and the imprint it closes with (settings in
barometer.toml; an issue's issue.toml says who wrote and edited that issue). Pydantic models, no I/O."""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from barometer.i18n import N_

PERSON_ID = r"^[a-z][a-z0-9_-]*$"
CITATION_FIELDS = ("title", "subtitle", "issue", "period", "publisher", "website", "year")
DEFAULT_CITATION = N_("{title}: {subtitle}, No. {issue} ({period}). {publisher}.")


def _known_fields(value: str) -> str:
    """A citation pattern names only the fields there are."""
    try:
        names = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
    except ValueError as error:
        raise ValueError(f"the citation is not a valid pattern: {error}") from None
    unknown = sorted(names - set(CITATION_FIELDS))
    if unknown:
        raise ValueError(f"the citation names {', '.join('{' + n + '}' for n in unknown)}; it may name "
                         + ", ".join("{" + n + "}" for n in CITATION_FIELDS))
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]  # "en", "ru", "pt-BR"


class PersonWords(_Strict):
    """A person's name, bio and signature in another language."""

    name: str = ""
    bio: str = ""
    signature: list[str] = []


class Person(_Strict):
    """Someone who writes or edits the bulletin, defined once: `bio` follows the name on the Authors page,
    `signature` are the lines under the name when the person signs (the editor's letter)."""

    id: str = Field(pattern=PERSON_ID)
    name: str = Field(min_length=1)
    bio: str = ""
    signature: list[str] = []
    translations: dict[LanguageCode, PersonWords] = {}


class LogoWords(_Strict):
    alt: str = ""


class Logo(_Strict):
    """A logo printed with the acknowledgement: a file of the workspace (SVG, PNG or JPEG) and what it shows,
    in words, for readers who cannot see it."""

    file: str = Field(min_length=1)
    alt: str = Field(min_length=1)
    width: str = "3cm"
    translations: dict[LanguageCode, LogoWords] = {}


class ImprintWords(_Strict):
    """The closing page in another language; the citation pattern is checked like the English one."""

    website: str = ""
    acknowledgement: str = ""
    disclaimer: str = ""
    copyright: str = ""
    citation: str = ""

    _citation = field_validator("citation")(lambda cls, value: _known_fields(value) if value else value)


class Imprint(_Strict):
    """The bulletin's closing page: the publisher's website, the funders' acknowledgement (and logos), a
    disclaimer, the copyright line and the suggested citation. A field left empty is not printed; the
    citation has a default, and may name {title}, {subtitle}, {issue}, {period}, {publisher}, {website}
    and {year}."""

    website: str = ""
    acknowledgement: str = ""
    logos: list[Logo] = []
    disclaimer: str = ""
    copyright: str = ""
    citation: str = DEFAULT_CITATION
    translations: dict[LanguageCode, ImprintWords] = {}

    _citation = field_validator("citation")(lambda cls, value: _known_fields(value))

    def cite(self, **fields: object) -> str:
        return self.citation.format(**{name: fields.get(name, "") for name in CITATION_FIELDS}).strip()
