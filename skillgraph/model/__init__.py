"""The model layer of skillgraph (see docs/model.md).

The layers above plug into the model here, without the model importing them: the package's
top level appends to :data:`PRESENTER_HOOKS` the import of the presenters' renderers
(:mod:`skillgraph.model.display`) and to :data:`RULE_HOOKS` that of the rules the derived
graph is written by (:mod:`skillgraph.model.derived`). This module imports nothing, so that
``import skillgraph`` stays instant.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["PRESENTER_HOOKS", "RULE_HOOKS"]

#: Called once, before the first display, to import the modules that register renderers.
PRESENTER_HOOKS: list[Callable[[], object]] = []
#: Called once, before the first derivation, to import the modules that register the rules.
RULE_HOOKS: list[Callable[[], object]] = []
