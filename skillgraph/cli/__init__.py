"""The ``skillgraph`` command line: a thin shell over the core API."""

from __future__ import annotations

import click

from skillgraph.cli.common import SkillgraphGroup
from skillgraph.cli.core import list_, path, show, validate
from skillgraph.cli.export import export
from skillgraph.cli.importers import import_
from skillgraph.cli.learn import mark, next_, progress, unlocks
from skillgraph.cli.plan import gap, plan
from skillgraph.cli.query import query
from skillgraph.cli.server import push, serve
from skillgraph.cli.transitions import transitions


@click.group(cls=SkillgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="skillgraph", message="%(prog)s %(version)s")
def main() -> None:
    """skillgraph: what to learn next, in what order, to get from one role to another."""


COMMANDS = (path, show, list_, validate, plan, gap, next_, unlocks, mark, progress, transitions)
for command in (*COMMANDS, export, import_, serve, push, query):
    main.add_command(command)
