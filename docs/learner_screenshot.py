"""Save a PNG of the explorer's learner mode (``docs/learner.png`` by default).

The page is the one ``skillgraph export html OUT.html --plan senior --have python:2,git``
writes, opened from disk in headless Chromium (Debian's ``/usr/bin/chromium`` with
Playwright for Python). Two skills the page says to start now are marked known, the side
panel shows the first of them, and the roadmap of the plan is on screen.

Run: ``PYTHONPATH=. python docs/learner_screenshot.py [OUT.png] [--width W --height H]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from docs.explorer_screenshot import plan_page, save
from skillgraph.explorer._browser import headless_chromium

HERE = Path(__file__).resolve().parent


def screenshot(out: Path, *, width: int = 1500, height: int = 950, browser: Any = None) -> Path:
    """Export a plan page with the learner mode, mark two skills and capture it."""
    if browser is None:
        with headless_chromium() as own:
            return screenshot(out, width=width, height=height, browser=own)
    with plan_page(browser, width=width, height=height) as page:
        first = page.evaluate("window.skillgraphLearner.state().frontier[0][0]")
        for key in page.evaluate("window.skillgraphLearner.state().frontier.slice(0, 2).map(f => f[0])"):
            page.evaluate("k => window.skillgraphLearner.setLevel(k, 2)", key)
        page.evaluate("k => window.skillgraphShowDetails(k)", first)
        return save(page, out, settle_ms=600)  # the roadmap is laid out again for the narrower area


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=HERE / "learner.png")
    parser.add_argument("--width", type=int, default=1500)
    parser.add_argument("--height", type=int, default=950)
    args = parser.parse_args(argv)
    print(screenshot(args.out, width=args.width, height=args.height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
