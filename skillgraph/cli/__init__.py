"""The ``skillgraph`` command line: a thin shell over the core API."""

from __future__ import annotations

import click

from .common import SkillgraphGroup
from .core import list_, path, show, validate
from .export import export
from .importers import import_
from .plan import gap, plan
from .query import query
from .server import push, serve


@click.group(cls=SkillgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="skillgraph", message="%(prog)s %(version)s")
def main() -> None:
    """skillgraph: what to learn next, in what order, to get from one role to another."""


for command in (path, show, list_, validate, plan, gap, export, import_, serve, push, query):
    main.add_command(command)
