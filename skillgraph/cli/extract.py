"""``skillgraph extract``: the skills a job posting or CV asks for; ``--posting`` for gap and plan."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from skillgraph.cli.common import data_option, echo_result, load_graph

__all__ = [
    "extract",
    "posting_option",
    "posting_target",
    "read_text",
]


def read_text(source: str) -> tuple[str, str]:
    """Return the text of FILE (or standard input for ``-``) and the name to call it by."""
    from skillgraph.algorithms.extract.text import MAX_TEXT_BYTES, decode

    if source == "-":
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        name = "standard input"
        if len(data) > MAX_TEXT_BYTES:
            from skillgraph.errors import DataFileError

            raise DataFileError(name, f"too large (more than {MAX_TEXT_BYTES:,} bytes)")
    else:
        from skillgraph.rdf.limits import read_bytes

        data, name = read_bytes(source, max_bytes=MAX_TEXT_BYTES), source
    return decode(data, name), name


def posting_option(func: Any) -> Any:
    """Add ``--posting FILE``: a job posting whose skills are the target's requirements."""
    return click.option(
        "--posting",
        "posting",
        metavar="FILE",
        default=None,
        help="A job posting (text file, or - for standard input): aim for the skills it asks.",
    )(func)


def posting_target(graph: Any, target: str | None, posting: str | None) -> tuple[Any, str, Any]:
    """Return the graph, the target key and the posting's extraction (None for ``--target``)."""
    from skillgraph.errors import InputError
    from skillgraph.vocabulary import LADDER_TYPES

    if (target is None) == (posting is None):
        raise InputError("give one of --target ROLE and --posting FILE")
    if posting is None:
        assert target is not None
        return graph, graph.resolve(target, types=LADDER_TYPES), None
    from skillgraph.algorithms.extract import extract
    from skillgraph.algorithms.extract import posting as as_target

    text, name = read_text(posting)
    found = as_target.with_closest(graph, extract(graph, text, top=None))  # every skill it asks
    view, key = as_target.posting_target(graph, found, name=f"the posting {Path(name).name}")
    return view, key, found


@click.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option(
    "--top",
    "top",
    type=click.IntRange(1, None),
    default=20,
    show_default=True,
    metavar="K",
    help="List at most K skills (per line with --per-line).",
)
@click.option(
    "--per-line",
    "per_line",
    is_flag=True,
    help="Read each line as its own text and write one JSON object a line (JSONL).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "jsonl"], case_sensitive=False),
    default=None,
    help="Output format (default: text; jsonl with --per-line).",
)
@data_option
def extract(
    source: str, top: int, per_line: bool, fmt: str | None, data: tuple[Path, ...], no_cache: bool
) -> None:
    """Rank the skills a job posting or CV (FILE, or standard input) asks for, with the evidence.

    Each skill comes with the level and importance its words state ("expert in",
    "familiarity with", "nice to have"; docs/extract.md) and, in text and json, the
    closest curated role and imported occupation.

    \b
    skillgraph extract job.txt
    skillgraph extract sentences.txt --per-line --top 5 --data esco.ttl
    """
    from skillgraph.algorithms.extract import extract as find_skills
    from skillgraph.algorithms.extract.index import extract_index
    from skillgraph.errors import InputError

    fmt = (fmt or ("jsonl" if per_line else "text")).lower()
    if per_line and fmt != "jsonl":
        raise InputError("--per-line writes JSONL: leave out --format or give --format jsonl")
    text, _ = read_text(source)
    graph = load_graph(data, no_cache)
    if per_line:
        index = extract_index(graph)
        for number, line in enumerate(text.splitlines(), start=1):
            found = find_skills(graph, line, top=top, index=index) if line.strip() else None
            skills = [s.to_dict() for s in found.skills] if found else []
            click.echo(json.dumps({"line": number, "skills": skills}, ensure_ascii=False))
        return
    from dataclasses import replace

    from skillgraph.algorithms.extract.posting import REQUIRED_SCORE, with_closest

    # the closest roles weigh every skill asked, as gap and plan do, whatever --top lists
    every = with_closest(graph, find_skills(graph, text, top=None))
    left = sum(1 for s in every.skills[top:] if s.score >= REQUIRED_SCORE)
    echo_result(replace(every, skills=every.skills[:top], unlisted=left), fmt)
