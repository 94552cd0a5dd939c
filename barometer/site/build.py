"""The web edition in five steps: data, charts, pages, fonts, write. Nothing is written unless all succeed.

Each issue's page is made from the same document as its bulletin (`Loader.edition` → `build_report_data`),
rendered by the workspace's Jinja2 templates instead of Typst; its charts are the bulletin's, inlined as SVG
with their alternative texts. An issue known only by the figures it printed gets a short page of those
figures. The data files are the `export` command's, the index's those of `history --format`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from barometer.errors import Code, InputInvalid, Problem, UsageError
from barometer.i18n import SOURCE_LANGUAGE, TranslationMissing
from barometer.load import IssueData, Loader
from barometer.report.build import ledger_of, method_figures_of
from barometer.report.charts import BULLETIN, ChartFigure
from barometer.report.content import build_report_data
from barometer.report.markdown import safe_url
from barometer.site import content as site
from barometer.site.render import Templates
from barometer.site.write import publish
from barometer.workspace import Workspace

STEPS = ("data", "charts", "pages", "fonts", "write")
Progress = Callable[[str], None]


@dataclass(frozen=True)
class SiteResult:
    folder: Path
    languages: list[str]
    files: dict[str, int]  # path in the site → size in bytes
    notes: list[Problem] = field(default_factory=list)  # warnings about the editions (translation-orphaned)

    @property
    def pages(self) -> list[str]:
        return [name for name in self.files if name.endswith(".html")]

    @property
    def size(self) -> int:
        return sum(self.files.values())


def default_site_folder(workspace: Workspace) -> Path:
    return workspace.reports_dir / "site"


def require_site_folder(workspace: Workspace, folder: Path, option: str = "--output") -> Path:
    """A folder the web edition may be written as: not the workspace nor a folder around it, not among the
    catalogues or the templates, and not one that holds the templates (`reports/` itself): a usage error."""
    workspace.require_output(folder, option)
    resolved, root = folder.resolve(), workspace.root
    templates = root / "reports" / "templates"
    if root.is_relative_to(resolved) or resolved.is_relative_to(templates) or templates.is_relative_to(resolved):
        raise UsageError(f"{option} {folder} would hold the workspace or its templates; give a folder of its own, "
                         f"e.g. {workspace.display(default_site_folder(workspace))}")
    return folder


def build_site(workspace: Workspace, folder: Path | None = None, languages: Sequence[str] = (SOURCE_LANGUAGE,),
               force: bool = False, progress: Progress | None = None) -> SiteResult:
    """Write the web edition of every issue in `languages` (the first at the top of the folder, the others in a
    folder named after their code) as `folder` (default reports/site/). A folder of the tool's own earlier site
    is replaced whole; files of anyone else's in the way are refused unless `force` (see `site.write`).
    Invalid data raise `InputInvalid`, a broken template `TemplateError`; then nothing is written."""
    step = progress or (lambda name: None)
    target = require_site_folder(workspace, folder or default_site_folder(workspace))
    loader = Loader(workspace)
    numbers = workspace.issue_numbers
    if not numbers:
        raise UsageError(f"no issue in {workspace.display(workspace.events_dir)}: nothing to publish")
    sources = loader.site_templates()
    templates = Templates(sources.templates, sources.folder)
    step("data")
    words = {code: loader.language(code) for code in languages}
    strings = _strings(templates, words)
    files: dict[str, bytes] = {}
    books = {code: {n: loader.edition(n, code) for n in numbers} for code in languages}
    first = books[languages[0]]
    pages = list(numbers)
    files |= _data_files(workspace, first)
    step("charts")
    charts = {(code, n): _charts(data) for code, book in books.items() for n, data in book.items()
              if data.summary.entered or n == numbers[-1]}
    step("pages")
    all_editions = site.editions(languages)
    for edition in all_editions:
        book = books[edition.code]
        for number, data in book.items():
            name = site.issue_page(number)
            files[edition.path(name)] = _issue_page(templates, strings[edition.code], data, charts.get(
                (edition.code, number)), files, loader, all_editions, edition, numbers).encode("utf-8")
        name = site.INDEX
        files[edition.path(name)] = _index_page(templates, strings[edition.code], book[numbers[-1]],
                                                charts[(edition.code, numbers[-1])], files, pages,
                                                all_editions, edition).encode("utf-8")
    step("fonts")
    from barometer.site.fonts import web_fonts

    text = "".join(data.decode("utf-8") for name, data in files.items() if name.endswith(".html"))
    fonts = web_fonts(sources.fonts, text)
    files[f"{site.ASSETS}/fonts.css"] = fonts.css.encode("utf-8")
    files |= {f"{site.ASSETS}/fonts/{name}": data for name, data in fonts.files.items()}
    files |= {f"{site.ASSETS}/{name}": data for name, data in sources.assets.items()}
    step("write")
    try:
        publish(workspace, target, files, force)
    except OSError as error:
        from barometer.errors import BarometerError

        raise BarometerError(f"cannot write {workspace.display(target)}: {error.strerror or error}") from None
    notes = [note for book in books.values() for data in book.values() for note in data.notes]
    return SiteResult(target, list(languages), {name: len(data) for name, data in files.items()},
                      list(dict.fromkeys(notes)))


def _strings(templates: Templates, words: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Every template's fixed strings in every language; one `InputInvalid` with every string missing."""
    found, problems, lacking = {}, [], []
    for code, language in words.items():
        try:
            found[code] = templates.strings(language)
        except InputInvalid as invalid:
            problems += invalid.problems
            lacking.append(code)
    if problems:
        raise InputInvalid(problems, f"the {' and '.join(lacking)} catalogue{'s' if len(lacking) > 1 else ''}")
    return found


def _data_files(workspace: Workspace, book: dict[int, IssueData]) -> dict[str, bytes]:
    """Each issue's catalogues and figures as `barometer export` writes them, and every issue's figures as
    `barometer history --format` does, for download."""
    from barometer.export import export_bytes, export_output
    from barometer.history import build_history
    from barometer.io.formats import Output, Table, write
    from barometer.tables import FLAG_COLUMNS, HISTORY_COLUMNS, SOURCE_COLUMNS, flag_rows, history_rows, source_rows

    config = workspace.config
    files = {}
    for n, data in book.items():
        if data.summary.entered:
            output = export_output(config, data.current)  # made once, written in every format
            files.update({site.data_file(n, fmt): export_bytes(config, data.current, fmt, output)
                          for fmt in site.DATA_FORMATS})
    latest = book[max(book)]
    entries = build_history(latest.history, config.cadence.first_issue)
    labels = {t.id: t.label for t in config.tracks}
    history = Output([e.to_dict() for e in entries], [
        Table(HISTORY_COLUMNS, history_rows(entries, labels), name="History"),
        Table(FLAG_COLUMNS, flag_rows(entries, labels), name="Flags"),
        Table(SOURCE_COLUMNS, source_rows(entries), name="Sources")])
    return files | {site.data_file(site.HISTORY, fmt): write(history, fmt) for fmt in site.DATA_FORMATS}


def _charts(data: IssueData) -> tuple[dict[str, ChartFigure], dict[str, str]]:
    """The bulletin's charts of an issue (caption, source line and alternative text each) and each one as SVG to
    inline (its ids prefixed by its name, its label the alternative text)."""
    import matplotlib

    from barometer.charts.render import chart_rc, draw_issue_charts, figure_bytes
    from barometer.report import charts as described
    from barometer.site.svg import inline_svg

    words = {"overview": described.overview, "dynamics": described.dynamics,
             "national-security": described.national_security, "regional-tension": described.regional_tension}
    figures: dict[str, ChartFigure] = {}
    svgs: dict[str, str] = {}
    try:
        with matplotlib.rc_context(chart_rc(data.fonts)):
            for name, chart in draw_issue_charts(data, BULLETIN).items():
                caption, source, alt = described.cumulative(data, name.removeprefix("cumulative-")) \
                    if name.startswith("cumulative-") else words[name](data)
                figures[name] = {"file": f"#figure-{name}", "width": "100%", "caption": caption, "source": source,
                                 "alt": alt}
                svg = figure_bytes(chart, "svg", svg_text=True, fonts=data.fonts).decode("utf-8")
                svgs[name] = inline_svg(svg, f"chart-{name}", alt)
    except TranslationMissing as missing:
        raise _missing(missing, "of the charts") from None
    return figures, svgs


def _missing(missing: TranslationMissing, where: str) -> InputInvalid:
    return InputInvalid([Problem(Code.TRANSLATION_MISSING, f"no {missing.language} translation of a string {where}",
                                 file=(missing.files or (f"barometer/locales/{missing.language}.po",))[0],
                                 value=missing.message, expected='an entry msgid "…" msgstr "…" for it')],
                        f"the {missing.language} catalogue")


def _downloads(files: dict[str, bytes], stem: str | int, base: str) -> list[dict[str, str]]:
    return [{"format": fmt, "href": base + site.data_file(stem, fmt), "size": site.size_text(len(files[path]))}
            for fmt in site.DATA_FORMATS if (path := site.data_file(stem, fmt)) in files]


def _common(data: IssueData, edition: site.Edition, all_editions: list[site.Edition], name: str) -> dict[str, Any]:
    """What every page has: the site's names, the way to its top, the same page in the other languages."""
    config = data.config
    return {"site": {"title": config.title, "subtitle": config.subtitle, "publisher": config.publisher,
                     "country": config.country, "website": config.imprint.website,
                     "website_url": safe_url(config.imprint.website)},
            "lang": edition.code, "base": edition.base, "index": site.INDEX, "source_lang": SOURCE_LANGUAGE,
            "in_translation": edition.code != SOURCE_LANGUAGE,
            "switch": site.switch(all_editions, edition, name) if len(all_editions) > 1 else []}


def _issue_page(templates: Templates, strings: dict[str, str], data: IssueData,
                drawn: tuple[dict[str, ChartFigure], dict[str, str]] | None, files: dict[str, bytes], loader: Loader,
                all_editions: list[site.Edition], edition: site.Edition, numbers: list[int]) -> str:
    number = data.summary.number
    figures, svgs = drawn if drawn is not None and data.summary.entered else ({}, {})
    try:
        document = build_report_data(data, figures, method=method_figures_of(loader, data) if data.summary.entered
                                     else None, ledger=ledger_of(loader, data, as_published=False))
    except TranslationMissing as missing:
        raise _missing(missing, "of the web edition") from None
    position = numbers.index(number)
    neighbours = {"previous": numbers[position - 1] if position > 0 else None,
                  "next": numbers[position + 1] if position + 1 < len(numbers) else None}
    translated = {track: set() for track in data.catalogue.events}
    for (track, _date, _text), text in data.event_texts.items():
        translated[track].add(text)
    own_texts = set(loader.narratives(number, edition.code)) if edition.code != SOURCE_LANGUAGE else set()
    return templates.render(
        "issue.html" if data.summary.entered else "archive.html", strings, doc=document, svgs=svgs,
        downloads=_downloads(files, number, edition.base), published=site.published(data),
        neighbours={k: (v, site.issue_page(v)) if v is not None else None for k, v in neighbours.items()},
        translated=translated,
        original_texts={name for name in data.narratives if name not in own_texts}
        if edition.code != SOURCE_LANGUAGE else set(),
        **_common(data, edition, all_editions, site.issue_page(number)))


def _index_page(templates: Templates, strings: dict[str, str], latest: IssueData,
                drawn: tuple[dict[str, ChartFigure], dict[str, str]],
                files: dict[str, bytes], pages: list[int], all_editions: list[site.Edition],
                edition: site.Edition) -> str:
    latest_issue = max((s for s in latest.history if s.entered), key=lambda s: s.number, default=None)
    return templates.render(
        "index.html", strings, rows=site.issue_rows(latest, pages), level=site.latest_level(latest),
        charts=drawn[0], svgs=drawn[1],
        latest=None if latest_issue is None else {"issue": latest_issue.number,
                                                   "period": latest.language.period(latest_issue.issue.period),
                                                   "href": site.issue_page(latest_issue.number)},
        relations=[t.label for t in latest.config.relations_tracks], scale=latest.scale,
        downloads=_downloads(files, site.HISTORY, edition.base),
        **_common(latest, edition, all_editions, site.INDEX))
