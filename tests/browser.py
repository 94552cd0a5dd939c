"""Pages in a real browser: Debian's Chromium, driven by Playwright (no browser download: its own builds are
never fetched; `executable_path` points at the system's). Without Chromium the tests that need it are skipped,
saying how to install it, so that the README's test command passes on a machine with only Python and pip; in
CI (`.ci/run`, which installs it and sets BAROMETER_CI=1) a missing Chromium fails them."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# As root in a container, without a sandbox; no background connections of Chromium's own (updates, sync,
# field trials), which a closed network would refuse, so that every request seen is one the page made.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions",
         "--disable-features=Translate,OptimizationHints,MediaRouter", "--metrics-recording-only"]
PHONE, DESKTOP = 390, 1280


def chromium_path() -> str:
    """The system's Chromium; without it the test is skipped, or fails in CI (see `needed`)."""
    found = os.environ.get("BAROMETER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        needed("Chromium is not installed: `apt-get install -y chromium` (Debian's package; .ci/run installs it)")
    return str(found)


def needed(why: str) -> None:
    """A tool a test needs is missing: skip the test on a developer's machine, fail it in CI (BAROMETER_CI=1)."""
    if os.environ.get("BAROMETER_CI"):
        pytest.fail(why)
    pytest.skip(why)


@dataclass
class Visit:
    """A page as a reader's browser got it: the page, what it printed to the console, every request it made."""

    page: Any
    console: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # uncaught exceptions in the page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def eval(self, script: str, argument: object = None) -> Any:
        return self.page.evaluate(script, argument)


class Browser:
    def __init__(self) -> None:
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS)

    def visit(self, path: Path, width: int = DESKTOP, height: int = 900) -> Visit:
        """Open `path` from disk (file://) at `width` CSS pixels, wait until it and what it loads are done."""
        page = self._browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        visit = Visit(page)
        page.on("console", lambda message: visit.console.append((message.type, message.text)))
        page.on("pageerror", lambda error: visit.errors.append(str(error)))
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("requestfailed", lambda request: visit.failed.append(request.url))
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        return visit

    def close(self) -> None:
        self._browser.close()
        self._playwright.stop()

