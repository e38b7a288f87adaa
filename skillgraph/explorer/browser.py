"""Headless Chromium settings for opening exported pages (tests, benchmarks, screenshots).

>>> "--no-sandbox" in CHROMIUM_ARGS
True
"""

import os

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
