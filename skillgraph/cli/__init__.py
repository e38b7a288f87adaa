"""The ``skillgraph`` command line: a thin shell over the core API.

Each command's module is imported when the command runs (or when help lists it), so a
command pays only for its own imports.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

import click

from skillgraph.cli.common import SkillgraphGroup

__all__ = [
    "LAZY_COMMANDS",
    "LazyGroup",
    "main",
]

#: Command name -> the module of ``skillgraph.cli`` and the attribute that define it.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "path": ("core", "path"),
    "show": ("core", "show"),
    "list": ("core", "list_"),
    "validate": ("core", "validate"),
    "plan": ("plan", "plan"),
    "gap": ("plan", "gap"),
    "extract": ("extract", "extract"),
    "next": ("learn", "next_"),
    "unlocks": ("learn", "unlocks"),
    "mark": ("learn", "mark"),
    "progress": ("learn", "progress"),
    "transitions": ("transitions", "transitions"),
    "export": ("export", "export"),
    "import": ("importers", "import_"),
    "serve": ("server", "serve"),
    "push": ("server", "push"),
    "query": ("query", "query"),
}


class LazyGroup(SkillgraphGroup):
    """The command group, importing a command's module only when it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> Any:
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attribute = LAZY_COMMANDS[name]
            self.add_command(getattr(import_module(f"skillgraph.cli.{module}"), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="skillgraph", message="%(prog)s %(version)s")
def main() -> None:
    """skillgraph: what to learn next, in what order, to get from one role to another."""
