"""The web edition: built from the bulletin's own documents, self-contained, written whole or not at all, never
over someone else's files; opened in a real browser (Chromium), where its figures, levels and languages are
read off the rendered page, the console stays clean, no request leaves the folder, and axe-core finds no
accessibility violation at phone and desktop widths."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from typer.testing import CliRunner

from barometer.cli import app
from barometer.export import export_bytes
from barometer.figures import MINUS, UNKNOWN, signed
from barometer.load import Loader
from barometer.site import build_site
from barometer.site.content import outline
from barometer.site.svg import inline_svg
from barometer.workspace import Workspace

from browser import DESKTOP, PHONE, Browser
from conftest import copy_workspace, tree_hashes

runner = CliRunner()
ISSUE = 18
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def invoke(root: Path, *args: str) -> object:
    return runner.invoke(app, ["--workspace", str(root), *args])


def shown(value: int | None) -> str:
    return signed(value, MINUS)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example workspace's web edition in English and Russian, built once by the command."""
    root = copy_workspace(tmp_path_factory.mktemp("site") / "ws")
    result = invoke(root, "site", "--lang", "en,ru")
    assert result.exit_code == 0, result.output
    return root, root / "reports" / "site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    opened = Browser()
    try:
        yield opened
    finally:
        opened.close()


def page_links(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]+)"', html)


# --- what is built ------------------------------------------------------------------------------------


def test_every_issue_has_a_page_in_every_language_and_the_data_are_the_exports(built: tuple[Path, Path]) -> None:
    root, site = built
    workspace = Workspace.open(root)
    numbers = workspace.issue_numbers
    assert numbers == [3, 5, 6, 8, 14, 16, 18]
    for prefix in ("", "ru/"):
        assert sorted(p.name for p in (site / prefix).glob("*.html")) == sorted(
            ["index.html", *(f"{n:03d}.html" for n in numbers)])
    issue = Loader(workspace).loaded(ISSUE)
    for fmt in ("csv", "json", "xlsx"):
        data = (site / "data" / f"{ISSUE:03d}.{fmt}").read_bytes()
        if fmt != "xlsx":  # a workbook carries the time it was written
            assert data == export_bytes(workspace.config, issue, fmt)
    history = json.loads((site / "data" / "history.json").read_text(encoding="utf-8"))
    assert [entry["issue"] for entry in history] == numbers
    assert not (site / "data" / "016.csv").exists()  # an issue known only by print has no catalogue to give


def test_every_link_and_source_stays_inside_the_folder_and_leads_to_a_file(built: tuple[Path, Path]) -> None:
    _root, site = built
    broken, outside = [], []
    for page in site.rglob("*.html"):
        for target in page_links(page.read_text(encoding="utf-8")):
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto"):
                continue  # a link a reader may follow, never loaded by the page
            if parts.scheme or target.startswith("/"):
                outside.append((page.name, target))
                continue
            if parts.path and not (page.parent / parts.path).resolve().is_file():
                broken.append((page.relative_to(site).as_posix(), target))
            if parts.path and not (page.parent / parts.path).resolve().is_relative_to(site.resolve()):
                outside.append((page.name, target))
    assert broken == [] and outside == []
    css = (site / "assets" / "site.css").read_text(encoding="utf-8") + (site / "assets" / "fonts.css").read_text()
    assert not re.search(r"url\((?!\"?fonts/)", css) and "@import" not in css


def test_the_fonts_are_cut_to_the_characters_of_the_pages(built: tuple[Path, Path]) -> None:
    from fontTools.ttLib import TTFont

    root, site = built
    fonts = sorted((site / "assets" / "fonts").iterdir())
    assert [f.name for f in fonts] == ["Lato-Bold.woff", "Lato-Italic.woff", "Lato-Regular.woff"]
    regular = TTFont(site / "assets" / "fonts" / "Lato-Regular.woff")
    assert regular.flavor == "woff"
    kept = set(regular.getBestCmap())
    used = {ord(c) for page in site.rglob("*.html") for c in page.read_text(encoding="utf-8")}
    offered = set(TTFont(root / "reports" / "templates" / "fonts" / "Lato-Regular.ttf").getBestCmap())
    assert kept == used & offered and {ord(c) for c in "Итоги выпуска −"} <= kept
    assert sum(f.stat().st_size for f in fonts) < sum(
        p.stat().st_size for p in (root / "reports" / "templates" / "fonts").glob("*.ttf")) / 10


def test_charts_are_inline_svg_with_their_alternative_text(built: tuple[Path, Path]) -> None:
    from barometer.report import charts as described

    root, site = built
    html = (site / f"{ISSUE:03d}.html").read_text(encoding="utf-8")
    data = Loader(Workspace.open(root)).edition(ISSUE, "en")
    _caption, _source, alt = described.overview(data)
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) >= 6 and all('role="img"' in s and "aria-label=" in s for s in svgs)
    label = alt.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#x27;")
    assert f'aria-label="{label}"' in html and f"<title>{label}</title>" in html
    assert "<?xml" not in html and "<!DOCTYPE svg" not in html and "<img" not in html


def test_the_issue_page_gives_the_bulletins_method(built: tuple[Path, Path]) -> None:
    from barometer.report.build import method_figures_of
    from barometer.report.method import Ledger, method_page

    root, site = built
    html = (site / f"{ISSUE:03d}.html").read_text(encoding="utf-8")
    loader = Loader(Workspace.open(root))
    data = loader.edition(ISSUE, "en")
    parts = method_page(data, method_figures_of(loader, data), len(data.summary.mismatches), Ledger())
    assert '<section id="method"' in html and len(parts) == 6
    for part in parts:
        assert f"<h3>{part['heading']}</h3>" in html
        assert part["text"].replace("’", "&#39;")[:40] in html or part["text"][:40] in html


def test_a_page_of_an_issue_known_only_by_print_gives_what_was_printed(built: tuple[Path, Path]) -> None:
    root, site = built
    html = (site / "003.html").read_text(encoding="utf-8")
    published = Loader(Workspace.open(root)).issue_file(3).issue.published
    assert published is not None and published.source in html.replace("&#39;", "'")
    assert "+35" in html and "Green" in html and "<svg" not in html and "Appendix 1" not in html


# --- the pages in a browser ---------------------------------------------------------------------------


def visit_clean(browser: Browser, site: Path, page: str, width: int):  # noqa: ANN201 - a Visit
    visit = browser.visit(site / page, width)
    assert [m for m in visit.console if m[0] in ("error", "warning")] == [], page
    assert visit.errors == [] and visit.failed == [], page
    folder = site.resolve().as_uri() + "/"
    assert [url for url in visit.requests if not url.startswith(folder)] == [], page
    return visit


def test_the_index_shows_every_issue_and_the_latest_level(built: tuple[Path, Path], browser: Browser) -> None:
    root, site = built
    history = Loader(Workspace.open(root)).history()
    visit = visit_clean(browser, site, "index.html", DESKTOP)
    rows = visit.eval("""() => [...document.querySelectorAll('table.issues tbody tr')].map(tr =>
        [...tr.querySelectorAll('th, td')].map(c => c.innerText.trim()))""")
    assert [row[0] for row in rows] == [f"No. {s.number}" for s in reversed(history)]
    latest = history[-1]
    expected = [*(shown(latest.tracks[t].aggregate) for t in ("russia", "eu", "china", "us", "ukraine")),
                shown(latest.security.national_security), shown(latest.security.regional_tension),
                latest.security.level]
    assert rows[0][2:] == expected
    printed = next(s for s in history if s.number == 3)
    assert rows[-1][2] == shown(printed.tracks["russia"].aggregate) + "*" and rows[-1][6] == UNKNOWN
    level = visit.eval("() => document.querySelector('.level-card .badge').innerText")
    assert level == latest.security.level
    assert visit.eval("() => document.querySelector('.level-card .level-value').innerText") == \
        shown(latest.security.regional_tension)
    hrefs = visit.eval("() => [...document.querySelectorAll('table.issues tbody th a')].map(a => a.href)")
    assert [Path(urlsplit(h).path).name for h in hrefs] == [f"{s.number:03d}.html" for s in reversed(history)]


def test_the_issue_page_holds_the_issues_figures_level_and_catalogues(built: tuple[Path, Path],
                                                                      browser: Browser) -> None:
    root, site = built
    loader = Loader(Workspace.open(root))
    summary, catalogue = loader.summary(ISSUE), loader.catalogue(ISSUE)
    visit = visit_clean(browser, site, f"{ISSUE:03d}.html", DESKTOP)
    glance = visit.eval("() => [...document.querySelectorAll('.issue-head .glance li')].map(li => li.innerText)")
    assert [" ".join(g.split()) for g in glance[:5]] == [
        f"{label.upper()} {shown(summary.tracks[t].aggregate)}"
        for t, label in (("russia", "Russia"), ("eu", "EU"), ("china", "China"), ("us", "U.S."),
                         ("ukraine", "Ukraine"))]
    assert glance[5].split()[-1] == summary.security.level
    table = visit.eval("""() => [...document.querySelectorAll('#summary table.figures')[0].querySelectorAll(
        'tbody tr')].map(tr => [...tr.children].slice(0, 5).map(c => c.childNodes[0].textContent.trim()))""")
    assert table[0] == ["Russia", *(shown(getattr(summary.tracks["russia"], f)) for f in
                                    ("aggregate", "positive", "negative")), str(summary.tracks["russia"].events)]
    for track, events in catalogue.events.items():
        rows = visit.eval("id => document.querySelectorAll(`#catalogue-${id} + div tbody tr`).length", track) \
            if track != "security" else visit.eval("() => document.querySelectorAll('#appendix-2 tbody tr').length")
        assert rows == len(events), track
    # the printed figures the catalogue corrects are marked where they stand, the printed value for a reader
    marks = visit.eval("() => [...document.querySelectorAll('#summary a.mark')].map(a => a.innerText)")
    assert len(marks) == sum(1 for m in summary.mismatches if m.track != "security")
    assert "As published: +18" in " ".join(marks)
    # one h1, headings never skip a level, ids unique, tables with captions and headers with a scope
    structure = visit.eval("""() => ({
        h1: document.querySelectorAll('h1').length,
        levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]),
        ids: [...document.querySelectorAll('[id]')].map(e => e.id),
        tables: [...document.querySelectorAll('table')].map(t => !!t.caption &&
            [...t.querySelectorAll('th')].every(th => th.scope === 'col' || th.scope === 'row')),
        lang: document.documentElement.lang,
        landmarks: ['header', 'main', 'footer', 'nav'].map(n => document.querySelectorAll(n).length),
        skip: document.querySelector('a.skip').getAttribute('href'),
        scripts: document.querySelectorAll('script').length,
    })""")
    assert structure["h1"] == 1 and structure["lang"] == "en" and structure["scripts"] == 0
    assert all(b - a <= 1 for a, b in zip(structure["levels"], structure["levels"][1:], strict=False))
    assert len(structure["ids"]) == len(set(structure["ids"]))
    assert structure["tables"] and all(structure["tables"])
    assert all(structure["landmarks"]) and structure["skip"] == "#main"
    fonts = visit.eval("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert "Lato" in {f.strip('"') for f in fonts}  # the shipped font, not one the machine happens to have


def test_the_russian_edition_speaks_russian_and_links_each_page_to_its_counterpart(built: tuple[Path, Path],
                                                                                 browser: Browser) -> None:
    root, site = built
    summary = Loader(Workspace.open(root)).summary(ISSUE)
    visit = visit_clean(browser, site, f"ru/{ISSUE:03d}.html", DESKTOP)
    assert visit.eval("() => document.documentElement.lang") == "ru"
    headings = visit.eval("() => [...document.querySelectorAll('h2')].map(h => h.innerText)")
    assert "Итоги выпуска" in headings and "Отношения с Россией" in headings
    assert visit.eval("() => document.querySelector('.tile.on-band .tile-value').innerText") == \
        shown(summary.security.regional_tension)
    assert visit.eval("() => document.querySelector('.level .badge').innerText") == "Жёлтый"
    assert visit.eval("() => document.querySelector('#catalogue-russia + div tbody td').innerText") == "1 ноября"
    untranslated = visit.eval("() => document.querySelectorAll('td[lang=en]').length")
    assert untranslated == sum(len(e) for e in Loader(Workspace.open(root)).catalogue(ISSUE).events.values())
    switch = visit.eval("() => [...document.querySelectorAll('nav.languages a')].map(a => [a.lang, a.href])")
    assert [(lang, Path(urlsplit(href).path).relative_to(site.resolve()).as_posix()) for lang, href in switch] == \
        [("en", f"{ISSUE:03d}.html")]
    with visit.page.expect_navigation():
        visit.page.click("nav.languages a")
    assert visit.eval("() => [document.documentElement.lang, document.querySelector('h1').innerText]") == \
        ["en", f"Minsk Barometer No. {ISSUE}\nNovember and December 2020"]


@pytest.mark.parametrize("page", ["index.html", f"{ISSUE:03d}.html", "016.html", "ru/index.html",
                                  f"ru/{ISSUE:03d}.html"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_pages_read_at_phone_and_desktop_width_and_pass_axe(built: tuple[Path, Path], browser: Browser,
                                                             page: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _root, site = built
    visit = visit_clean(browser, site, page, width)
    overflow = visit.eval("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # wide tables and charts scroll inside their own box, never the page
    small = visit.eval("""() => [...document.querySelectorAll('p, li, td, th, a, figcaption')]
        .filter(e => e.offsetParent && !e.closest('.visually-hidden'))
        .map(e => parseFloat(getComputedStyle(e).fontSize)).filter(size => size < 12).length""")
    assert small == 0
    results = Axe().run(visit.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "preload": False})
    violations = [(v["id"], [n["html"][:80] for n in v["nodes"][:3]]) for v in results.response["violations"]]
    assert violations == []
    assert results.response["passes"]  # axe ran its rules: colour contrast, landmarks, headings, table headers
    shot = site.parent / "screenshots" / f"{page.replace('/', '-')}-{width}.png"
    shot.parent.mkdir(exist_ok=True)
    visit.page.screenshot(path=str(shot), full_page=False)
    from PIL import Image

    with Image.open(shot) as image:
        assert image.size[0] == width and len(image.convert("L").getcolors(256) or []) > 16  # drawn, not blank


def test_markup_in_the_data_prints_as_text_in_the_browser(workspace: Path, tmp_path: Path, browser: Browser) -> None:
    catalogue = workspace / "events" / "018" / "russia.csv"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(
        "Reduction in roaming fees", "<script>alert(1)</script> & <b>bold</b>"), encoding="utf-8")
    result = build_site(Workspace.open(workspace), tmp_path / "site")
    visit = visit_clean(browser, result.folder, f"{ISSUE:03d}.html", DESKTOP)
    cell = visit.eval("() => document.querySelector('#catalogue-russia + div tbody td:nth-child(2)').innerText")
    assert cell == "<script>alert(1)</script> & <b>bold</b>"
    assert visit.eval("() => document.querySelectorAll('script, b').length") == 0


# --- bad input, and the folder written whole ------------------------------------------------------------


def test_a_missing_translation_fails_the_build_at_its_place_and_writes_nothing(workspace: Path) -> None:
    template = workspace / "reports" / "templates" / "site" / "index.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block main %}", '{% block main %}<p>{{ t("A string nobody translated") }}</p>'), encoding="utf-8")
    before = tree_hashes(workspace)
    result = invoke(workspace, "site", "--lang", "en,ru")
    assert result.exit_code == 1
    assert "translation-missing" in result.output and "barometer/locales/ru.po" in result.output
    assert "A string nobody translated" in result.output and "reports/templates/site/index.html" in result.output
    assert "Traceback" not in result.output
    assert tree_hashes(workspace) == before and not (workspace / "reports" / "site").exists()
    assert invoke(workspace, "site", "--lang", "en").exit_code == 0  # English needs no catalogue


@pytest.mark.parametrize(("change", "name", "block", "words"), [
    ("{% if %}", "index.html", "main", "Expected an expression"),
    ("{{ doc.no_such_field }}", "issue.html", "content", "no_such_field"),
], ids=["syntax", "undefined"])
def test_a_broken_template_is_located_and_nothing_is_written(workspace: Path, change: str, name: str, block: str,
                                                             words: str) -> None:
    template = workspace / "reports" / "templates" / "site" / name
    lines = template.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines) if f"{{% block {block} %}}" in text) + 2
    lines.insert(line - 1, change)
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = tree_hashes(workspace)
    result = invoke(workspace, "site")
    assert result.exit_code == 1 and "template-error" in result.output and words in result.output
    assert f"reports/templates/site/{name}:{line}" in result.output
    assert tree_hashes(workspace) == before


def test_no_templates_is_a_located_refusal(workspace: Path) -> None:
    import shutil

    shutil.rmtree(workspace / "reports" / "templates" / "site")
    result = invoke(workspace, "site")
    assert result.exit_code == 1 and "template-missing" in result.output
    assert "reports/templates/site" in result.output


def test_the_site_replaces_its_own_earlier_site_and_keeps_everyone_elses_files(workspace: Path) -> None:
    site = workspace / "reports" / "site"
    assert invoke(workspace, "site", "--lang", "en,ru").exit_code == 0
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "CNAME").write_text("barometer.example.org\n")
    (site / "assets" / "extra.css").write_text("/* the editor's own */\n")
    result = invoke(workspace, "site", "--lang", "en")  # Russian no longer asked for: its pages go
    assert result.exit_code == 0, result.output
    assert not (site / "ru").exists() and (site / "index.html").is_file()
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert (site / "CNAME").read_text() == "barometer.example.org\n"
    assert (site / "assets" / "extra.css").is_file()
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")] == []  # no scratch left


def test_a_file_of_someone_elses_in_the_way_is_refused_unless_forced(workspace: Path) -> None:
    site = workspace / "reports" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>the editor's own page</p>", encoding="utf-8")
    before = tree_hashes(workspace)
    refused = invoke(workspace, "site")
    assert refused.exit_code == 1 and "output-exists" in refused.output and "index.html" in refused.output
    assert "--force" in refused.output and tree_hashes(workspace) == before
    forced = invoke(workspace, "site", "--force")
    assert forced.exit_code == 0 and "Minsk Barometer" in (site / "index.html").read_text(encoding="utf-8")


def test_a_failure_while_moving_the_site_in_leaves_the_old_site_whole(workspace: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    site = workspace / "reports" / "site"
    assert invoke(workspace, "site").exit_code == 0
    (site / "CNAME").write_text("barometer.example.org\n")
    before = tree_hashes(site)
    real_rename = os.rename

    def failing(source: object, target: object) -> None:
        if str(source).endswith(".new"):
            raise OSError(28, "No space left on device")
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", failing)
    result = invoke(workspace, "site", "--lang", "en,ru")
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert tree_hashes(site) == before
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site.")] == []


@pytest.mark.parametrize("target", [".", "..", "reports/templates/site-out", "events/018/site"])
def test_the_site_is_never_written_over_the_workspace(workspace: Path, target: str) -> None:
    result = invoke(workspace, "site", "-o", str(workspace / target))
    assert result.exit_code == 2


@pytest.mark.parametrize("lang", ["en,en", "en,", "xx"])
def test_languages_are_checked_before_any_work(workspace: Path, lang: str) -> None:
    result = invoke(workspace, "site", "--lang", lang)
    assert result.exit_code == 2 and not (workspace / "reports" / "site").exists()


# --- the pieces -------------------------------------------------------------------------------------------


def test_an_inlined_chart_has_ids_of_its_own_and_a_label() -> None:
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<svg width="100pt" height="50pt" '
           'viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">\n <metadata>m</metadata>\n <defs>\n  '
           '<style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>\n </defs>\n'
           ' <g id="figure_1"><path clip-path="url(#p1)"/><use xlink:href="#m2"/><g id="span"/><g id="span"/></g>'
           '</svg>')
    inlined = inline_svg(svg, "chart-a", 'Bars "A" & <B>')
    assert inlined.startswith("<svg") and "<style" not in inlined and "metadata" not in inlined
    assert 'id="chart-a-figure_1"' in inlined and "url(#chart-a-p1)" in inlined and 'href="#chart-a-m2"' in inlined
    assert 'id="chart-a-span"' in inlined and 'id="chart-a-span-2"' in inlined
    assert 'stroke-linejoin="round"' in inlined and 'width="100pt"' not in inlined
    assert 'aria-label="Bars &quot;A&quot; &amp; &lt;B&gt;"' in inlined and 'role="img"' in inlined
    assert "--width: 133px" in inlined


def test_narrative_headings_never_skip_a_level() -> None:
    def blocks(*levels: int) -> list[dict[str, object]]:
        return [{"kind": "heading", "level": level} for level in levels] + [{"kind": "paragraph"}]

    assert [level for _, level in outline(blocks(2, 3, 3, 2), 3)] == [3, 4, 4, 3, 0]
    assert [level for _, level in outline(blocks(3, 5, 2), 3)] == [3, 4, 3, 0]
    assert [level for _, level in outline(blocks(1, 2, 3, 4, 5, 6), 3)] == [3, 4, 5, 6, 6, 6, 0]


def test_a_rebuild_removes_only_its_own_earlier_pages(workspace: Path) -> None:
    folder = workspace / "out"
    folder.mkdir()
    made = runner.invoke(app, ["--workspace", str(workspace), "report", "18", "-o", str(folder / "a.pdf")])
    assert made.exit_code == 0
    for _ in range(2):
        assert runner.invoke(app, ["--workspace", str(workspace), "site", "-o", str(folder)]).exit_code == 0
    assert (folder / "a.pdf").is_file()  # the tool's own bulletin is no page of the site: kept
    assert runner.invoke(app, ["--workspace", str(workspace), "site", "-o", str(workspace / "reports")]).exit_code == 2
