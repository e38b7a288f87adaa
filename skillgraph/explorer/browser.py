"""Headless Chromium settings for opening exported pages (tests, benchmarks, screenshots).

>>> "--no-sandbox" in CHROMIUM_ARGS
True
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager
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
