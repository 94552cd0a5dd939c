"""The web edition's pages from its Jinja2 templates (reports/templates/site/*.html), autoescaped.

Templates print fixed strings as `t("Contents")` and `tf("No. {issue}", issue=18)`, as the bulletin's Typst
template does: `python -m barometer.messages` finds them, and every one must be translated in the edition's
language before a page is rendered (a missing one is a located problem, like the PDF's). A template that does
not compile, or names something the data lack, is a `TemplateError` at its file and line.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any

from barometer.errors import Code, InputInvalid, Problem, TemplateError
from barometer.i18n import Language, TranslationMissing
from barometer.site.content import outline


class Templates:
    """The web edition's Jinja2 environment over the templates as read (name → source)."""

    def __init__(self, sources: dict[str, str], folder: str) -> None:
        import jinja2

        self.sources, self.folder = sources, folder
        self.environment = jinja2.Environment(
            loader=jinja2.FunctionLoader(self._source), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        self.environment.globals["outline"] = outline

    def _source(self, name: str) -> tuple[str, str, Any] | None:
        if name not in self.sources:
            return None
        return self.sources[name], self.shown(name), lambda: True

    def shown(self, name: str) -> str:
        return f"{self.folder}/{name}"

    def strings(self, language: Language) -> dict[str, str]:
        """Every fixed string of every template in `language`; `InputInvalid` naming each one missing, with the
        template line that uses it."""
        from barometer.messages import template_messages

        found: dict[str, str] = {}
        problems: list[Problem] = []
        for name, source in sorted(self.sources.items()):
            for message in template_messages(source, self.shown(name)):
                try:
                    found[message.id] = language.text(message.id)
                except TranslationMissing as missing:
                    problems.append(Problem(
                        Code.TRANSLATION_MISSING, f"no {language.code} translation of a string used by {message.where}",
                        file=(missing.files or (f"barometer/locales/{language.code}.po",))[0], value=message.id,
                        expected='an entry msgid "…" msgstr "…" for it'))
        if problems:
            raise InputInvalid(list(dict.fromkeys(problems)), f"the {language.code} catalogue")
        return found

    def render(self, name: str, strings: dict[str, str], **context: Any) -> str:
        """Template `name` with `context`, its fixed strings from `strings`."""
        import jinja2

        def t(key: str) -> str:
            return strings[key]

        def tf(key: str, **fields: object) -> str:
            return strings[key].format(**fields)

        try:
            template = self.environment.get_template(name)
            return template.render(t=t, tf=tf, **context)
        except jinja2.TemplateSyntaxError as error:
            raise self._error(error.filename or self.shown(name), error.lineno, error.message or str(error)) from None
        except jinja2.TemplateNotFound as error:
            raise self._error(self.shown(name), None, f"no template {error.name!r} in {self.folder}") from None
        except (jinja2.UndefinedError, TypeError, KeyError, AttributeError, ValueError) as error:
            places = self._places()
            file, line = places[-1] if places else (self.shown(name), None)
            called = ", ".join(f"{f}:{n}" for f, n in reversed(places[:-1]))
            raise self._error(file, line, str(error) + (f" (called from {called})" if called else "")) from None

    def _places(self) -> list[tuple[str, int]]:
        """The template lines being rendered when an error was raised, outermost first (Jinja2 names the
        template in each frame)."""
        shown = {self.shown(n) for n in self.sources}
        return [(frame.filename, frame.lineno or 0) for frame in traceback.extract_tb(sys.exc_info()[2])
                if frame.filename in shown]

    @staticmethod
    def _error(file: str, line: int | None, message: str) -> TemplateError:
        return TemplateError(f"the web edition's template {file} cannot be rendered", [Problem(
            Code.TEMPLATE_ERROR, f"the template cannot be rendered: {message}", file=file, line=line,
            expected="a Jinja2 template that uses the data docs/editions.md describes (\"Web edition\")")])
