"""``skillgraph import esco|onet``: read a public taxonomy into a Turtle or N-Triples file."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


class TerminalProgress:
    """A one-line progress display on a terminal; silent when stderr is not one."""

    def __init__(self, stream=None, *, interval: float = 0.1) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.interval = interval
        self.last = 0.0
        self.width = 0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < self.interval and (total is None or done < total):
            return
        self.last = now
        if total:
            filled = int(30 * min(done, total) / total)
            text = f"{stage:<34} [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}"
        else:
            text = f"{stage:<34} {done:,}"
        self.width = max(self.width, len(text))
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


@click.group(name="import")
def import_() -> None:
    """Import a public occupation and skill taxonomy (ESCO, O*NET) as RDF.

    The output (Turtle for .ttl, N-Triples for .nt) works with --data on every command.
    """


def _run(importer, directory: Path, output: Path, skip_bad: bool) -> None:
    progress = TerminalProgress()
    try:
        report = importer(directory, output, skip_bad=skip_bad, progress=progress)
    finally:
        progress.close()
    click.echo(report.summary())


_OPTIONS = [
    click.argument("directory", type=click.Path(file_okay=False, path_type=Path)),
    click.option(
        "--output",
        "-o",
        required=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help="A .ttl or .nt file.",
    ),
    click.option(
        "--skip-bad", is_flag=True, help="Skip malformed rows (and report how many) instead of stopping."
    ),
]


def _with_options(func):
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


@import_.command()
@_with_options
def esco(directory: Path, output: Path, skip_bad: bool) -> None:
    """Import the ESCO v1.2 CSV export in DIRECTORY (occupations, skills, relations)."""
    from skillgraph.importers import import_esco

    _run(import_esco, directory, output, skip_bad)


@import_.command()
@_with_options
def onet(directory: Path, output: Path, skip_bad: bool) -> None:
    """Import the O*NET text files in DIRECTORY (occupations, technology skills, related occupations)."""
    from skillgraph.importers import import_onet

    _run(import_onet, directory, output, skip_bad)
