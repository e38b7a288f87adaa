"""Save PNGs of the explorer's roadmap at a desktop and a phone size (``docs/explorer.png``,
``docs/explorer-phone.png`` by default).

The page is the one ``skillgraph export html OUT.html --plan senior --have python:2,git``
writes, opened from disk in headless Chromium (Debian's ``/usr/bin/chromium`` with Playwright
for Python): it opens on the plan's roadmap, stages top to bottom, the skills to start now
marked as such. On the phone the side panel waits in its drawer.

Run: ``PYTHONPATH=. python docs/explorer_screenshot.py [OUT.png] [PHONE.png]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from skillgraph.cli import main as cli
from skillgraph.explorer._browser import headless_chromium, opened_page

HERE = Path(__file__).resolve().parent
#: (width, height) of each screenshot: a laptop and a phone.
DESKTOP = (1440, 900)
PHONE = (390, 844)


@contextmanager
def plan_page(browser: Any, *, width: int, height: int) -> Iterator[Any]:
    """Export the plan page (``--plan senior --have python:2,git``) and open it in ``browser``
    at *width* x *height*; close it afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "plan.html"
        args = ["export", "html", str(page_file), "--plan", "senior", "--have", "python:2,git"]
        result = CliRunner().invoke(cli, args)
        if result.exit_code != 0:
            raise RuntimeError(result.output)
        with opened_page(browser, page_file, width=width, height=height) as page:
            yield page


def screenshot(out: Path, *, width: int = DESKTOP[0], height: int = DESKTOP[1], browser: Any = None) -> Path:
    """Export a plan page and capture its roadmap at *width* x *height*.

    *browser* is a Playwright Chromium to use; without it one is launched and closed.
    """
    if browser is None:
        with headless_chromium() as own:
            return screenshot(out, width=width, height=height, browser=own)
    with plan_page(browser, width=width, height=height) as page:
        return save(page, out, settle_ms=400)


def save(page: Any, out: Path, *, settle_ms: int) -> Path:
    """Give *page* *settle_ms* to settle, then write it as a PNG to *out*."""
    page.wait_for_timeout(settle_ms)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out))
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=HERE / "explorer.png")
    parser.add_argument("phone", nargs="?", type=Path, default=HERE / "explorer-phone.png")
    args = parser.parse_args(argv)
    with headless_chromium() as browser:
        print(screenshot(args.out, browser=browser))
        print(screenshot(args.phone, width=PHONE[0], height=PHONE[1], browser=browser))
    return 0


if __name__ == "__main__":
    sys.exit(main())
