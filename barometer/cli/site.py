"""`site`: the web edition, a folder of static pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from barometer.cli.app import app
from barometer.cli.common import err, out, print_problems, require_language, workspace_of
from barometer.errors import UsageError

_STEP_TEXT = {"data": "reading the issues", "charts": "drawing the charts", "pages": "writing the pages",
              "fonts": "cutting the fonts", "write": "writing the folder"}


def languages_of(text: str) -> list[str]:
    """`en,ru` as a list; an empty or repeated code is a usage error."""
    codes = [code.strip() for code in text.split(",")]
    if not all(codes) or len(set(codes)) != len(codes):
        raise UsageError(f"--lang {text}: give language codes separated by commas, each once, e.g. en,ru")
    return codes


@app.command()
def site(
    ctx: typer.Context,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", file_okay=False,
        help="The folder to write the site as (default: reports/site/).")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", help="The editions' languages, separated by commas: the first at the top of the folder, "
        "the others in a folder each (en,ru).")] = "en",
    force: Annotated[bool, typer.Option(
        "--force", help="Replace files at the site's paths even when they are not the tool's own unchanged "
        "earlier pages (other files of the folder are kept either way).")] = False,
) -> None:
    """The web edition: an index of every issue and a page per issue, with charts, catalogues and data files.

    Opens from disk or any static host; makes no request outside its folder."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from barometer.site import STEPS, build_site
    from barometer.site.build import default_site_folder, require_site_folder

    workspace = workspace_of(ctx)
    codes = [require_language(workspace, code) for code in languages_of(lang)]
    target = require_site_folder(workspace, output if output is not None else default_site_folder(workspace))
    with Progress(TextColumn("{task.description}"), BarColumn(bar_width=24), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("site", total=len(STEPS))

        def step(name: str) -> None:
            progress.update(task, completed=STEPS.index(name), description=f"site: {_STEP_TEXT[name]}")

        result = build_site(workspace, target, codes, force=force, progress=step)
        progress.update(task, completed=len(STEPS))
    print_problems(result.notes)
    pages = result.pages
    shown = workspace.display(result.folder)
    out.print(f"wrote {shown}/ ({len(pages)} pages in {', '.join(result.languages)}, {len(result.files)} files, "
              f"{result.size / 1024:.0f} KiB); open {shown}/index.html", soft_wrap=True)
