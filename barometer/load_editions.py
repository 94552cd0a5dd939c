"""The loader's reading of languages and editions: the languages there are, a language's catalogues (barometer's
and the workspace's), the words of dates in the workspace's languages, and an issue's data in a language — its
names translated, its narratives and event texts in that language where the workspace has them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from barometer.catalogue import NARRATIVE_DIR
from barometer.dates import DateError
from barometer.errors import Code, InputInvalid, Problem
from barometer.io.boundary import exists, read_checked
from barometer.io.csv_io import parse_csv_bytes
from barometer.io.encoding import read_file_bytes
from barometer.io.toml_io import read_toml_text, value_line
from barometer.models import EventContext

if TYPE_CHECKING:
    from barometer.dates import DateWords, EventDate
    from barometer.i18n import Language
    from barometer.load import IssueData, Loader, Progress

LOCALES = Path("reports") / "templates" / "locales"  # the workspace's own catalogues: another language, or rewordings
MAX_CATALOGUE_BYTES = 2_000_000


class EditionReader:
    """Part of `Loader` (see there): languages and editions."""

    def languages(self: Loader) -> list[str]:
        """The languages an edition can be made in: English, barometer's catalogues and the workspace's."""
        from barometer import i18n

        folder = self.workspace.root / LOCALES
        found = {path.stem for path in i18n.LOCALES.glob("*.po")}
        found |= {path.stem for path in folder.glob("*.po")} if folder.is_dir() else set()
        found = {code for code in found - {i18n.SOURCE_LANGUAGE} if i18n.locale_known(code)}
        return [i18n.SOURCE_LANGUAGE, *sorted(found)]

    def date_words(self: Loader) -> DateWords:
        """How entry reads dates written in the workspace's other languages (barometer.toml `languages`)."""
        if self._date_words is None:
            from barometer import i18n

            words: list[tuple[str, str]] = []
            for index, code in enumerate(self.config.languages):
                try:
                    words += i18n.date_words(self.language(code))
                except i18n.LanguageUnknown as unknown:
                    raise InputInvalid([Problem(
                        Code.TOML_VALUE_INVALID, str(unknown), file="barometer.toml", field=f"languages.{index}",
                        value=code, expected=", ".join(self.languages()))], "barometer.toml") from None
            self._date_words = tuple(dict.fromkeys(words))
        return self._date_words

    def language(self: Loader, code: str) -> Language:
        """The language `code`: barometer's catalogue with the workspace's `reports/templates/locales/<code>.po`
        over it. Raises `LanguageUnknown` naming the languages there are."""
        from barometer import i18n

        if not i18n.locale_known(code):
            raise i18n.LanguageUnknown(f"{code!r} is no language code CLDR knows (e.g. ru, be, uk, pl, de): there "
                                       f"are {', '.join(self.languages())}")
        catalogues = []
        shipped = i18n.LOCALES / f"{code}.po"
        if shipped.is_file():
            catalogues.append((f"barometer/locales/{code}.po", shipped.read_bytes()))
        own = self.workspace.root / LOCALES / f"{code}.po"
        if exists(own):
            shown = self.workspace.display(own)
            data, problems = read_checked(own, shown, MAX_CATALOGUE_BYTES, self.workspace.root, "a gettext catalogue")
            if problems:
                raise InputInvalid(problems, shown)
            catalogues.append((shown, data))
        if not catalogues and code != i18n.SOURCE_LANGUAGE:
            raise i18n.LanguageUnknown(f"no catalogue for the language {code!r}: there are "
                                       f"{', '.join(self.languages())}; add {LOCALES.as_posix()}/{code}.po for another")
        return i18n.language_from_catalogues(code, catalogues)

    def edition(self: Loader, number: int, code: str, on_progress: Progress | None = None,
                as_published: bool = False) -> IssueData:
        """`issue_data` in language `code`: the workspace's names, people, imprint and scale translated (a
        missing translation raises `InputInvalid`), the narratives of `text/<code>/` and the translated event
        texts of `text/<code>/<track>.csv` where there are, the original texts elsewhere (named in
        `originals`)."""
        from barometer.edition import config_in, scale_in
        from barometer.i18n import SOURCE_LANGUAGE

        data = self.issue_data(number, on_progress, as_published)
        language = self.language(code)
        if code == SOURCE_LANGUAGE:
            return replace(data, language=language)
        config_file = self.workspace.root / "barometer.toml"
        config_text = read_toml_text(config_file, "barometer.toml", self.workspace.root)
        config, problems = config_in(self.config, code, "barometer.toml",
                                     lambda key, value: value_line(config_text, key, value))
        scale = data.scale
        if scale is not None:
            shown = self.workspace.display(self.workspace.scale_path)
            scale_text = read_toml_text(self.workspace.scale_path, shown, self.workspace.root)
            scale, more = scale_in(scale, code, shown, lambda key, value: value_line(scale_text, key, value))
            problems += more
        if problems:
            raise InputInvalid(problems, f"the {code} edition")
        narratives = self.narratives(number, code)
        originals = [name for name in data.narratives if name not in narratives]
        texts, notes = self.event_translations(number, code, data)
        untranslated = [track_id for track_id, events in data.catalogue.events.items()
                        if any((track_id, e.date, e.text.casefold()) not in texts for e in events)]
        return replace(data, config=config, scale=scale, language=language,
                       narratives={**{n: t for n, t in data.narratives.items() if n in originals}, **narratives},
                       event_texts=texts, originals=sorted({*originals, *untranslated}), notes=notes)

    def event_translations(self: Loader, number: int, code: str, data: IssueData
                           ) -> tuple[dict[tuple[str, EventDate, str], str], list[Problem]]:
        """Translated event texts of `text/<code>/<track>.csv` (columns date, event, translation), by the event
        they translate; a row that matches no event of the catalogue is a warning (`translation-orphaned`)."""
        folder = self.workspace.issue_dir(number) / NARRATIVE_DIR / code
        context = EventContext(self.config.scores, data.summary.issue.period, date_words=self.date_words())
        found: dict[tuple[str, EventDate, str], str] = {}
        notes: list[Problem] = []
        for track_id, events in data.catalogue.events.items():
            path = folder / f"{track_id}.csv"
            if not exists(path):
                continue
            file = self.workspace.display(path)
            raw, problems = read_file_bytes(path, file, root=self.workspace.root, what="a table of translations")
            table = parse_csv_bytes(raw, file) if not problems else None
            problems += table.problems if table else []
            missing = [name for name in ("date", "event", "translation") if table and name not in table.columns]
            if problems or missing:
                raise InputInvalid(problems or [Problem(
                    Code.COLUMN_MISSING, f"the table of translations has no {', '.join(missing)} column", file=file,
                    line=1, expected="the header date,event,translation")], file)
            keys = {e.key for e in events}
            for row in table.rows:  # type: ignore[union-attr]
                try:
                    key = (context.parse_date(str(row.cells.get("date") or "")),
                           str(row.cells.get("event") or "").strip().casefold())
                except DateError:
                    key = None
                text = str(row.cells.get("translation") or "").strip()
                if key is None or key not in keys:
                    notes.append(Problem(Code.TRANSLATION_ORPHANED, "no event of the catalogue has this date and "
                                         "text; the translation is not printed", file=file, line=row.line,
                                         value=str(row.cells.get("event") or "")[:80], severity="warning",
                                         expected=f"the date and text of an event of {track_id}.csv"))
                elif text:
                    found[(track_id, *key)] = text
        return found, notes

