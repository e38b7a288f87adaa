"""skillgraph: an open knowledge graph of software-engineering careers.

The typed core: load the graph, resolve names, find career paths, describe
nodes. Front ends (the CLI, the HTML explorer, notebooks) build on it.

>>> import skillgraph
>>> g = skillgraph.load()
>>> path = skillgraph.career_path(g, g.resolve("junior"), g.resolve("senior"))
>>> path.steps[-1].label
'Senior Backend Developer'
"""

from skillgraph import model as _model
from skillgraph.vocabulary import TYPES, __version__

# Nothing else is imported here: the names below load from their module when first used,
# so ``import skillgraph`` (and ``python -m skillgraph``) starts instantly.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from skillgraph.algorithms.paths import CareerPath, RoleStep, SkillItem, career_path
    from skillgraph.algorithms.plan import Gap, LearningPlan, PlanItem, Stage
    from skillgraph.algorithms.plan import gap as skill_gap
    from skillgraph.algorithms.plan import plan as learning_plan
    from skillgraph.algorithms.profile import Profile, parse_have, read_profile
    from skillgraph.errors import (
        AmbiguousNameError,
        DataFileError,
        InputError,
        NoPathError,
        SkillgraphError,
        UnknownNameError,
        UnknownNamesError,
        ValidationError,
    )
    from skillgraph.model.describe import NodeDescription, describe
    from skillgraph.model.graph import SkillGraph
    from skillgraph.model.load import load
    from skillgraph.model.resolve import resolve

#: Names imported from their module when first used, so a command loads only what it needs.
_LAZY = {
    **{
        name: ("errors", name)
        for name in (
            "AmbiguousNameError",
            "DataFileError",
            "InputError",
            "NoPathError",
            "SkillgraphError",
            "UnknownNameError",
            "UnknownNamesError",
            "ValidationError",
        )
    },
    "NodeDescription": ("model.describe", "NodeDescription"),
    "describe": ("model.describe", "describe"),
    "SkillGraph": ("model.graph", "SkillGraph"),
    "load": ("model.load", "load"),
    "resolve": ("model.resolve", "resolve"),
    "CareerPath": ("algorithms.paths", "CareerPath"),
    "RoleStep": ("algorithms.paths", "RoleStep"),
    "SkillItem": ("algorithms.paths", "SkillItem"),
    "career_path": ("algorithms.paths", "career_path"),
    "Gap": ("algorithms.plan", "Gap"),
    "LearningPlan": ("algorithms.plan", "LearningPlan"),
    "PlanItem": ("algorithms.plan", "PlanItem"),
    "Stage": ("algorithms.plan", "Stage"),
    "skill_gap": ("algorithms.plan", "gap"),
    "learning_plan": ("algorithms.plan", "plan"),
    "Profile": ("algorithms.profile", "Profile"),
    "parse_have": ("algorithms.profile", "parse_have"),
    "read_profile": ("algorithms.profile", "read_profile"),
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'skillgraph' has no attribute '{name}'")


def __dir__() -> list[str]:
    """The public API (what tab completion offers), not the names this module uses itself."""
    return sorted(__all__)


def _import_presenters() -> object:
    from importlib import import_module

    return import_module("skillgraph.present.registry")


# Result objects display through the renderers the presenters register (docs/model.md).
_model.PRESENTER_HOOKS.append(_import_presenters)


def _import_rules() -> object:
    from importlib import import_module

    return import_module("skillgraph.algorithms.derived")


# The derived graph is written by the rules of the algorithms (docs/model.md).
_model.RULE_HOOKS.append(_import_rules)


__all__ = [
    "TYPES",
    "AmbiguousNameError",
    "CareerPath",
    "DataFileError",
    "Gap",
    "InputError",
    "LearningPlan",
    "NoPathError",
    "NodeDescription",
    "PlanItem",
    "Profile",
    "RoleStep",
    "SkillGraph",
    "SkillItem",
    "SkillgraphError",
    "Stage",
    "UnknownNameError",
    "UnknownNamesError",
    "ValidationError",
    "__version__",
    "career_path",
    "describe",
    "learning_plan",
    "load",
    "parse_have",
    "read_profile",
    "resolve",
    "skill_gap",
]
