"""``skillgraph import esco|onet``: read a public taxonomy into a Turtle or N-Triples file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

__all__ = [
    "TerminalProgress",
    "esco",
    "import_",
    "onet",
]


class TerminalProgress:
    """Import progress as a :func:`click.progressbar` per stage, on a terminal only.

    Called as ``progress(stage, done, total)`` by the importers; a new stage closes the
    previous bar. Silent when stderr is not a terminal (a pipe, a log file).
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.stage: str | None = None
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage, self.done = stage, 0
            self.bar = click.progressbar(
                length=total,
                label=f"{stage:<34}",
                file=self.stream,
                show_pos=True,
                update_min_steps=1,
            )
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            self.stage = None


@click.group(name="import")
def import_() -> None:
    """Import a public occupation and skill taxonomy (ESCO, O*NET) as RDF.

    The output (Turtle for .ttl, N-Triples for .nt) works with --data on every command.
    """


def _run(importer: Callable[..., Any], directory: Path, output: Path, skip_bad: bool) -> None:
    from skillgraph.rdf.atomic import check_output

    check_output(output)  # a bad output is refused before the import reads anything
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


def _with_options(func: Callable[..., None]) -> Callable[..., None]:
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
