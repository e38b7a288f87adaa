"""Save a PNG of the explorer drawing the curated graph (``docs/explorer.png`` by default).

The page is the one ``skillgraph export html OUT.html --path junior lead`` writes, opened
from disk in headless Chromium (Debian's ``/usr/bin/chromium`` with Playwright for
Python), drawn and stabilised, then captured.

Run: ``PYTHONPATH=. python docs/explorer_screenshot.py [OUT.png] [--width W --height H]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

import skillgraph
from skillgraph import explorer
from skillgraph.explorer.browser import opened_page
from skillgraph.model import subsets

HERE = Path(__file__).resolve().parent


def screenshot(out: Path, *, width: int = 1400, height: int = 900, browser: Any = None) -> Path:
    """Export the curated graph with the junior -> lead path highlighted and capture it.

    *browser* is a Playwright Chromium to use; without it one is launched and closed.
    """
    if browser is None:
        with explorer.headless_chromium() as own:
            return screenshot(out, width=width, height=height, browser=own)

    g = skillgraph.load()
    path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("lead"))
    nodes, edges = subsets.career_highlight(g, path)
    with tempfile.TemporaryDirectory() as tmp:
        page_file = explorer.write_html(
            Path(tmp) / "explorer.html",
            g,
            highlight_nodes=nodes,
            highlight_edges=edges,
            title="skillgraph: junior to lead backend developer",
        )
        with opened_page(browser, page_file, width=width, height=height) as page:
            page.wait_for_timeout(400)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=HERE / "explorer.png")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    print(screenshot(args.out, width=args.width, height=args.height))
    return 0


if __name__ == "__main__":
    sys.exit(main())
