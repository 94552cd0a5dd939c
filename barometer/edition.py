"""An edition in another language: the workspace's names, people, imprint and colour scale in that language,
from the `translations` tables of barometer.toml and of the scale file (pure: the loader reads the files).

A name the workspace gives in its own language (a track's label, a band's interpretation, a bio) needs its
translation in the edition's language: a missing one is a located problem (`translation-missing`), never
English left in a Russian bulletin. A person's name may stay as written; a website stays the same address.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from barometer.errors import Code, Problem
from barometer.masthead import DEFAULT_CITATION
from barometer.models import WorkspaceConfig
from barometer.scale import Scale

LineFor = Callable[[str, object], int | None]  # the line of `key = "value"` in the file, when it can be told


def _no_line(_key: str, _value: object) -> int | None:
    return None


def _translated(model: BaseModel, code: str, required: Sequence[str], optional: Sequence[str], file: str,
                where: tuple[str, str, str], line: int | None, rename: dict[str, str] | None = None
                ) -> tuple[dict[str, Any], list[Problem]]:
    """The fields of `model` in language `code` (from `model.translations[code]`), and a problem for each
    `required` field the source gives that has no translation. `where` is (field path of the model, its TOML
    table, how to name it): ("tracks.0", "tracks", 'the track "russia"')."""
    path, table, owner = where
    words = model.translations.get(code)  # type: ignore[attr-defined]
    update: dict[str, Any] = {"translations": {}}
    problems = []
    for name in (*required, *optional):
        value = getattr(words, name, None) if words is not None else None
        if value:
            update[(rename or {}).get(name, name)] = value
        elif name in required and getattr(model, name):
            header = ".".join(part for part in (table, "translations", code) if part)
            problems.append(Problem(
                Code.TRANSLATION_MISSING, f"{owner} has no {code} {name}", file=file, line=line,
                field=".".join(part for part in (path, "translations", code, name) if part),
                value=_shortened(str(getattr(model, name))),
                expected=f'{name} = "..." in a [{header}] table' + (f" under {owner}" if table != path else "")))
    return update, problems


@dataclass(frozen=True)
class _Table:
    """How to translate each model of a TOML array of tables: its fields, and how its problems name it."""

    path: str  # "tracks": the array's key
    noun: str  # "track"
    key: str  # the field that names one ("id"), also the line a problem points at
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    rename: dict[str, str] | None = None


def _each(models: list[Any], table: _Table, code: str, file: str, line_for: LineFor
          ) -> tuple[list[Any], list[Problem]]:
    """Every model of an array in language `code`, and what has no translation."""
    translated, problems = [], []
    for index, model in enumerate(models):
        value = getattr(model, table.key)
        where = (f"{table.path}.{index}", table.path, f'the {table.noun} "{value}"')
        words, found = _translated(model, code, table.required, table.optional, file, where,
                                   line_for(table.key, value), table.rename)
        translated.append(model.model_copy(update=words))
        problems += found
    return translated, problems


TRACKS = _Table("tracks", "track", "id", ("label", "section"), ("aliases",))
PEOPLE = _Table("people", "person", "id", ("bio", "signature"), ("name",))
LOGOS = _Table("imprint.logos", "logo", "file", ("alt",))
BANDS = _Table("bands", "band", "name", ("name", "interpretation", "printed"), rename={"name": "label"})


def config_in(config: WorkspaceConfig, code: str, file: str = "barometer.toml",
              line_for: LineFor = _no_line) -> tuple[WorkspaceConfig, list[Problem]]:
    """`config` with its names in language `code`, and what has no translation."""
    update, problems = _translated(config, code, ("title", "subtitle", "country", "publisher"), (), file,
                                   ("", "", "the workspace"), None)
    tracks, found = _each(config.tracks, TRACKS, code, file, line_for)
    people, more = _each(config.people, PEOPLE, code, file, line_for)
    imprint = config.imprint
    custom = imprint.citation != DEFAULT_CITATION  # the default pattern is a fixed string of the catalogues
    words, own = _translated(imprint, code, ("acknowledgement", "disclaimer", "copyright", *(("citation",) if custom
                                                                                           else ())),
                             ("website", *(() if custom else ("citation",))), file, ("imprint", "imprint",
                                                                                   "the imprint"),
                             line_for("website", imprint.website))
    logos, theirs = _each(imprint.logos, LOGOS, code, file, line_for)
    update.update(tracks=tracks, people=people, imprint=imprint.model_copy(update={**words, "logos": logos}))
    return config.model_copy(update=update), problems + found + more + own + theirs


def scale_in(scale: Scale, code: str, file: str, line_for: LineFor = _no_line) -> tuple[Scale, list[Problem]]:
    """`scale` with its band names (as labels: a band keeps its identity), wordings and note in `code`."""
    update, problems = _translated(scale, code, ("name", "note"), (), file, ("", "", "the scale"), None)
    bands, found = _each(scale.bands, BANDS, code, file, line_for)
    return scale.model_copy(update={**update, "bands": bands}), problems + found


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
