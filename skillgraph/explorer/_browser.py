"""Headless Chromium for opening exported pages: internal to the tests, benchmarks and screenshot scripts.

>>> "--no-sandbox" in CHROMIUM_ARGS
True
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Where Debian's Chromium lives (``SKILLGRAPH_CHROMIUM`` overrides it), to open exported pages headless.
CHROMIUM = os.environ.get("SKILLGRAPH_CHROMIUM", "/usr/bin/chromium")
#: Flags for a headless Chromium on a machine without a network: no sandbox as root, no GPU,
#: and none of its own background requests (which would fail, many at a time, offline).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@contextmanager
def headless_chromium() -> Iterator[Any]:
    """Launch Debian's Chromium headless through Playwright for Python; close it afterwards.

    Playwright is not a dependency of skillgraph (tests, benchmarks and the screenshot
    scripts install it), so it is imported here, when a browser is asked for.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def opened_page(
    browser: Any, page_file: Path, *, width: int, height: int, ready_ms: int = 60_000
) -> Iterator[Any]:
    """Open an exported page from disk in a fresh ``width`` x ``height`` context of ``browser``
    and wait (up to ``ready_ms``) until it says it is ready (``window.skillgraphReady``); close
    it afterwards.

    Raises RuntimeError when the page reported a script error by the end of the block.
    """
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.skillgraphReady === true", timeout=ready_ms)
        yield page
        if errors:
            raise RuntimeError(f"the page reported errors: {errors}")
    finally:
        context.close()
