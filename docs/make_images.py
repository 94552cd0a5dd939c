"""Make the README's pictures from the example workspace: the cover and the summary page of No. 18's
bulletin, its regional tension chart, the plot of the README's notebook example (run as written), and No. 18's
page of the web edition on a phone and a desktop.

    python docs/make_images.py [--dpi 100]

Builds the bulletin and the web edition with the project's own CLI (`python -m barometer report 18`,
`python -m barometer site`) in a temporary copy of the workspace, so the workspace itself is left as it is;
renders pages with `pdftoppm` and finds the summary page by its text with `pdftotext` (both from
poppler-utils); opens the web page in Debian's Chromium through Playwright (the test extras), as the tests do;
writes `docs/images/*.png`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IMAGES = REPO / "docs" / "images"
WORKSPACE_PARTS = ("barometer.toml", "events", "scales", "reports")
ISSUE = "18"
SUMMARY_HEADING = "Summary of the issue"
CHART = "regional-tension"


def copy_workspace(target: Path) -> Path:
    """The example workspace (configuration, catalogues, scale, template) without any PDF already built."""
    target.mkdir(parents=True)
    for part in WORKSPACE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("*.pdf", ".backup"))
        else:
            shutil.copy2(source, target / part)
    return target


def barometer(workspace: Path, *args: str) -> None:
    """Run the project's CLI on `workspace`; stop with its output if it fails."""
    command = [sys.executable, "-m", "barometer", "--workspace", str(workspace), *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def page_texts(pdf: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with form feeds)."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")


def summary_page(pdf: Path) -> int:
    """The 1-based number of the page that starts the summary: a line that is exactly its heading (the
    contents page names it too, but followed by dot leaders and a page number)."""
    for number, text in enumerate(page_texts(pdf), start=1):
        if any(line.strip() == SUMMARY_HEADING for line in text.splitlines()):
            return number
    raise SystemExit(f"no page of {pdf} has the heading {SUMMARY_HEADING!r}")


def render_page(pdf: Path, page: int, target: Path, dpi: int) -> None:
    """One page of `pdf` as `target` (PNG)."""
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)


def notebook_example() -> str:
    """The Python code of the README's section "In a notebook"."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## In a notebook", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def notebook_plot(target: Path, dpi: int) -> None:
    """Run the README's notebook example in the repository (the example workspace) and save its plot."""
    code = notebook_example() + (f"\nimport matplotlib.pyplot as plt\nplt.gcf().set_size_inches(7, 4)\n"
                                 f"plt.tight_layout()\nplt.savefig({str(target)!r}, dpi={dpi})\n")
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True,
                   env={**os.environ, "MPLBACKEND": "Agg", "PYTHONPATH": str(REPO)})


def site_picture(workspace: Path, target: Path) -> None:
    """No. 18's page of the web edition as a phone (390 px) and a desktop (1280 px) show its first screen, side
    by side on one picture."""
    from PIL import Image

    sys.path.insert(0, str(REPO / "tests"))
    from browser import DESKTOP, PHONE, Browser

    site = workspace / "reports" / "site"
    barometer(workspace, "site", "--lang", "en,ru")
    browser = Browser()
    shots = []
    try:
        for width, height in ((PHONE, 844), (DESKTOP, 900)):
            visit = browser.visit(site / f"{int(ISSUE):03d}.html", width, height)
            shot = target.with_name(f"site-{width}.png")
            visit.page.screenshot(path=str(shot))
            shots.append(shot)
    finally:
        browser.close()
    phone, desktop = (Image.open(shot).convert("RGB") for shot in shots)
    gap, margin = 32, 16
    scale = phone.height / desktop.height
    desktop = desktop.resize((round(desktop.width * scale), phone.height), Image.LANCZOS)
    picture = Image.new("RGB", (phone.width + desktop.width + gap + 2 * margin, phone.height + 2 * margin), "#D5D9E0")
    picture.paste(phone, (margin, margin))
    picture.paste(desktop, (margin + phone.width + gap, margin))
    picture.save(target, optimize=True)
    for shot in shots:
        shot.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=100, help="resolution of the rendered pages (default 100)")
    args = parser.parse_args()
    missing = [tool for tool in ("pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        raise SystemExit(f"{' and '.join(missing)} not found: install poppler-utils")
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="barometer-images-") as folder:
        workspace = copy_workspace(Path(folder) / "workspace")
        pdf = workspace / "reports" / f"{int(ISSUE):03d}.pdf"
        barometer(workspace, "report", ISSUE)
        written = [IMAGES / "cover.png", IMAGES / "summary.png", IMAGES / f"{CHART}.png"]
        render_page(pdf, 1, written[0], args.dpi)
        render_page(pdf, summary_page(pdf), written[1], args.dpi)
        charts = workspace / "reports" / "charts"
        barometer(workspace, "charts", ISSUE, "--out", str(charts), "--format", "png")
        shutil.copyfile(charts / f"{CHART}.png", written[2])
        written.append(IMAGES / "site.png")
        site_picture(workspace, written[-1])
    written.append(IMAGES / "notebook.png")
    notebook_plot(written[-1], args.dpi)
    for path in written:
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
